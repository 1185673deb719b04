"""juece's settings: every JUECE_* environment variable (declared in settings.py), read here and nowhere else.

Each is read when asked for (never cached at import), so a changed environment is seen at once;
an empty value counts as unset. A value that is not of its type is an error naming the variable.
`python -m juece.config --markdown` prints the table README's Configuration section is made of."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from juece.settings import BY_NAME, SETTINGS, Setting, markdown

__all__ = ["BY_NAME", "SETTINGS", "ConfigError", "Setting", "markdown"]  # the declarations, with the readers below

class ConfigError(ValueError):
    """A JUECE_* variable whose value is not of its type; the message starts with its name."""


def raw(name: str) -> str | None:
    """The variable's value, None when unset or empty; only declared names may be read."""
    setting = BY_NAME[name]  # a KeyError here: declare the variable in SETTINGS first
    return os.environ.get(name) or setting.default


def number(name: str) -> float:
    value = raw(name) or "0"
    try:
        return float(value)
    except ValueError:
        raise ConfigError(f"{name} 须为数字 must be a number, not {value!r}") from None


def integer(name: str) -> int:
    value = raw(name) or "0"
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name} 须为整数 must be a whole number, not {value!r}") from None


def juece_home() -> Path:
    """JUECE_HOME, or `juece/` inside AIRFLOW_HOME."""
    if home := raw("JUECE_HOME"):
        return Path(home).expanduser()
    return Path(os.environ.get("AIRFLOW_HOME", "~/airflow")).expanduser() / "juece"


def archive_dir() -> Path:
    return Path(raw("JUECE_ARCHIVE_DIR") or juece_home() / "archives")


def keys_dir() -> Path:
    """Signing keys generated for the demo's experts (a real deployment brings its own)."""
    return Path(raw("JUECE_KEYS_DIR") or juece_home() / "keys")


def key_encryption_key() -> str | None:
    """JUECE_KEY_ENCRYPTION_KEY, else Airflow's own Fernet key (AIRFLOW__CORE__FERNET_KEY); None when neither is set."""
    return raw("JUECE_KEY_ENCRYPTION_KEY") or os.environ.get("AIRFLOW__CORE__FERNET_KEY") or None


def key_encryption_setting() -> str:
    """The name of the setting the key encryption key comes from, for messages."""
    if raw("JUECE_KEY_ENCRYPTION_KEY") or not os.environ.get("AIRFLOW__CORE__FERNET_KEY"):
        return "JUECE_KEY_ENCRYPTION_KEY"
    return "AIRFLOW__CORE__FERNET_KEY"


def records_url() -> str | None:
    """The configured records DB URL; None for the default SQLite file (adapters/store/db.py)."""
    return raw("JUECE_RECORDS_URL")


def archive_store() -> str:
    return raw("JUECE_ARCHIVE_STORE") or str(archive_dir())


def archive_stores() -> str:
    """`name=url,...`, parsed by adapters/object_store.py."""
    return raw("JUECE_ARCHIVE_STORES") or ""


def attachment_max_bytes() -> int:
    megabytes = number("JUECE_ATTACHMENT_MAX_MB")
    if megabytes <= 0:
        raise ConfigError("JUECE_ATTACHMENT_MAX_MB 须大于 0 must be more than 0")
    return int(megabytes * 1024 * 1024)


def fonds() -> str | None:
    return raw("JUECE_FONDS")


def archivists() -> str | None:
    """The comma-separated archivists, parsed by domain/archive/access.py."""
    return raw("JUECE_ARCHIVISTS")


def launchers() -> list[str]:
    """JUECE_LAUNCHERS: users and `group:<name>` who may launch; empty when unset."""
    return [entry.strip() for entry in (raw("JUECE_LAUNCHERS") or "").split(",") if entry.strip()]


def calendar_file() -> str | None:
    return raw("JUECE_CALENDAR_FILE")


def admin_users() -> list[str]:
    """JUECE_ADMIN_USERS (comma-separated), else juece's system user."""
    users = [user.strip() for user in (raw("JUECE_ADMIN_USERS") or "").split(",") if user.strip()]
    return users or [airflow_user()]


def client_key() -> str | None:
    return raw("JUECE_CLIENT_KEY")


def client_retention_days() -> int:
    return integer("JUECE_CLIENT_RETENTION_DAYS")


def personal_retention_days() -> int:
    return integer("JUECE_PERSONAL_RETENTION_DAYS")


def clock_scale() -> float:
    scale = number("JUECE_CLOCK_SCALE")
    if scale < 1:
        raise ConfigError("JUECE_CLOCK_SCALE 至少为 1（1 即实时）must be at least 1 (1 = real time)")
    return scale


def airflow_url() -> str:
    return raw("JUECE_AIRFLOW_URL") or ""


def user() -> str:
    return (raw("JUECE_USER") or "").strip()


def password() -> str | None:
    return raw("JUECE_PASSWORD")


def token() -> str:
    return (raw("JUECE_TOKEN") or "").strip()


def airflow_user() -> str:
    return raw("JUECE_AIRFLOW_USER") or ""


def airflow_password() -> str | None:
    return raw("JUECE_AIRFLOW_PASSWORD")


def airflow_passwords_file() -> str:
    """JUECE_AIRFLOW_PASSWORDS_FILE, else the file Airflow's simple auth manager is told of or generates."""
    return raw("JUECE_AIRFLOW_PASSWORDS_FILE") or os.environ.get(
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE",
        str(Path(os.environ.get("AIRFLOW_HOME", "~/airflow")).expanduser()
            / "simple_auth_manager_passwords.json.generated"))


def rate_limit_per_minute() -> float:
    return number("JUECE_RATE_LIMIT_PER_MINUTE")


def rate_limit_burst() -> float:
    return number("JUECE_RATE_LIMIT_BURST")


def trusted_proxies() -> str:
    """Comma-separated addresses or CIDR blocks, parsed (and refused when bad) by web/limits.py."""
    return raw("JUECE_TRUSTED_PROXIES") or ""


def portal_header_timeout() -> float:
    return number("JUECE_PORTAL_HEADER_TIMEOUT")


def portal_body_timeout() -> float:
    return number("JUECE_PORTAL_BODY_TIMEOUT")


def portal_max_connections() -> int:
    return integer("JUECE_PORTAL_MAX_CONNECTIONS")


def portal_workers() -> int:
    return integer("JUECE_PORTAL_WORKERS")


def portal_writer() -> str:
    return raw("JUECE_PORTAL_WRITER") or ""


def port() -> int:
    return integer("JUECE_PORT")


def worker_name() -> str:
    return raw("JUECE_WORKER_NAME") or ""


def people_file() -> str | None:
    return raw("JUECE_PEOPLE_FILE")


def notify_channels() -> list[str]:
    """JUECE_NOTIFY_CHANNELS as names, lower-case, in order, each once (checked by adapters/notify/channels.py)."""
    names = [name.strip().lower() for name in (raw("JUECE_NOTIFY_CHANNELS") or "").split(",") if name.strip()]
    return list(dict.fromkeys(names))


def notify_timeout() -> float:
    seconds = number("JUECE_NOTIFY_TIMEOUT")
    if seconds <= 0:
        raise ConfigError("JUECE_NOTIFY_TIMEOUT 须大于 0 must be more than 0")
    return seconds


def closed_after_hours() -> float:
    hours = number("JUECE_CLOSED_AFTER_HOURS")
    if hours < 0:
        raise ConfigError("JUECE_CLOSED_AFTER_HOURS 不得为负数 must not be negative")
    return hours


def remind_days() -> int:
    days = integer("JUECE_REMIND_DAYS")
    if days < 0:
        raise ConfigError("JUECE_REMIND_DAYS 不得为负数 must not be negative")
    return days


def smtp() -> dict[str, str | int | None]:
    """The SMTP settings: host, port, sender, tls, user, password."""
    tls = (raw("JUECE_SMTP_TLS") or "").strip().lower()
    if tls not in ("starttls", "ssl", "none"):
        raise ConfigError(f"JUECE_SMTP_TLS 须为 starttls、ssl 或 none must be starttls, ssl or none, not {tls!r}")
    return {"host": raw("JUECE_SMTP_HOST"), "port": integer("JUECE_SMTP_PORT"), "sender": raw("JUECE_SMTP_FROM"),
            "tls": tls, "user": raw("JUECE_SMTP_USER"), "password": raw("JUECE_SMTP_PASSWORD")}


def webhook_url() -> str | None:
    return raw("JUECE_WEBHOOK_URL")


def webhook_token() -> str | None:
    return raw("JUECE_WEBHOOK_TOKEN")


def main(argv: list[str]) -> int:
    if argv != ["--markdown"]:
        print("用法 usage: python -m juece.config --markdown", file=sys.stderr)
        return 2
    print(markdown(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
