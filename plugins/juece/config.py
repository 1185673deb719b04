"""juece's settings: every JUECE_* environment variable, declared once, read here and nowhere else.

Each is read when asked for (never cached at import), so a changed environment is seen at once;
an empty value counts as unset. A value that is not of its type is an error naming the variable.
`python -m juece.config --markdown` prints the table README's Configuration section is made of."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["path", "url", "text", "users", "secret", "number", "integer"]


@dataclass(frozen=True)
class Setting:
    name: str
    kind: Kind
    default: str | None  # the value when unset, as it would be written in the environment
    meaning: str
    read_by: str
    shown: str = "—"  # how a default that is not a plain value is described


SETTINGS: tuple[Setting, ...] = (
    Setting("JUECE_HOME", "path", None, "the default records DB, archives, keys (launched specs live in the records DB, in each decision's `launched` entry)", "config.py, services", "`$AIRFLOW_HOME/juece`"),
    Setting("JUECE_RECORDS_URL", "url", None, "the records DB (SQLAlchemy URL; PostgreSQL in production)", "adapters/store/db.py", "`sqlite:///$JUECE_HOME/records.db`"),
    Setting("JUECE_ARCHIVE_DIR", "path", None, "where the archive task writes PDFs", "services, adapters/object_store.py", "`$JUECE_HOME/archives`"),
    Setting("JUECE_KEYS_DIR", "path", None, "the demo experts' signing keys (`juece experts keygen` writes them there unless given `--dir`); decision bodies' archive keys under `bodies/` when no key encryption key is set (read there too: keys registered before the records DB kept them)", "adapters/reporting/body_keys.py, cli/experts.py, demo", "`$JUECE_HOME/keys`"),
    Setting("JUECE_KEY_ENCRYPTION_KEY", "secret", None, "the Fernet key (`cryptography.fernet`) that encrypts the decision bodies' private keys kept in the records DB (`juece body-key init|import` write them there when it is set); every worker reading the DB signs with them", "adapters/store/body_keys.py", "Airflow's Fernet key (`AIRFLOW__CORE__FERNET_KEY`); unset: keys stay in files"),
    Setting("JUECE_ARCHIVE_STORE", "url", None, "the store named `default`, where issued archives are stored (a folder or any fsspec URL, e.g. `s3://bucket/prefix`)", "adapters/object_store.py", "`$JUECE_ARCHIVE_DIR`"),
    Setting("JUECE_ARCHIVE_STORES", "text", None, "more stores by name, `name=url,...` (e.g. an old store where it is now); the catalogue keeps (store name, key)", "adapters/object_store.py"),
    Setting("JUECE_ATTACHMENT_MAX_MB", "number", "50", "the largest file (megabytes) kept as an attachment of a participation channel or an implementation report; attachments are kept in the records DB by their SHA-256, a larger file is refused", "adapters/store/attachments.py"),
    Setting("JUECE_FONDS", "text", None, "the fonds code (全宗号) in archive numbers", "adapters/store/catalogue.py", "`J001`"),
    Setting("JUECE_ARCHIVISTS", "users", None, "users (comma-separated) who may retrieve the full edition", "services/archives.py", "`archivist`"),
    Setting("JUECE_CALENDAR_FILE", "path", None, "a read-only holiday schedule file for years the `holidays` library does not record yet (same YAML as `juece calendar import`); a schedule loaded into the records DB takes precedence", "domain/record/workdays.py"),
    Setting("JUECE_ADMIN_USERS", "users", None, "who is asked to load a missing year's holiday schedule, and who erases personal data (comma-separated Airflow users)", "adapters/store/calendar.py", "the system user"),
    Setting("JUECE_CLIENT_KEY", "secret", None, "the secret of the keyed hash (HMAC-SHA256) a comment's client address is kept as, and of the office pages' CSRF tokens", "adapters/store/personal.py", "made once, kept in the records DB"),
    Setting("JUECE_CLIENT_RETENTION_DAYS", "integer", "30", "days a client hash is kept; the daily DAG `personal_data_retention` (or `juece personal expire`) clears older ones", "adapters/store/personal.py"),
    Setting("JUECE_PERSONAL_RETENTION_DAYS", "integer", "180", "days commenters' names and contacts stay in the records DB after the decision's archive is first built (the full edition keeps them for archivists); the same DAG erases them and records `personal_data_erased` with counts only; `juece personal erase DECISION [--before DATE]` erases at once", "adapters/store/personal.py"),
    Setting("JUECE_CLOCK_SCALE", "number", "1", "legal seconds per real second, recorded at launch (demo: 86400); at least 1", "services/decisions.py, demo/up.py"),
    Setting("JUECE_AIRFLOW_URL", "url", "http://127.0.0.1:8080", "Airflow API used by `juece launch` and to authenticate the CLI's user", "adapters/airflow_client.py"),
    Setting("JUECE_USER", "text", None, "the Airflow user a `juece` command that records an act runs as (asked for on a terminal)", "cli/auth.py"),
    Setting("JUECE_PASSWORD", "secret", None, "`JUECE_USER`'s password (asked for on a terminal)", "cli/auth.py"),
    Setting("JUECE_TOKEN", "secret", None, "instead of a password: a token Airflow issued (`POST /auth/token`)", "cli/auth.py"),
    Setting("JUECE_AIRFLOW_USER", "text", "juece", "the system user, who unpauses and triggers launched decisions", "services/decisions.py, adapters/store/calendar.py"),
    Setting("JUECE_AIRFLOW_PASSWORD", "secret", None, "the system user's password", "services/decisions.py", "from the passwords file"),
    Setting("JUECE_AIRFLOW_PASSWORDS_FILE", "path", None, "the passwords file of Airflow's simple auth manager the system user's password is read from", "services/decisions.py", "Airflow's (`AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE`)"),
    Setting("JUECE_RATE_LIMIT_PER_MINUTE", "number", "30", "comments per client per minute: a token bucket per process, and rate + burst per clock minute shared by every process on the records DB; `0` turns both off", "web/limits.py, adapters/store/rate_window.py"),
    Setting("JUECE_RATE_LIMIT_BURST", "number", "10", "the burst the token bucket allows beyond the rate", "web/limits.py, adapters/store/rate_window.py"),
    Setting("JUECE_TRUSTED_PROXIES", "text", None, "comma-separated addresses or CIDR blocks of the reverse proxies in front of the portal; only from these is `X-Forwarded-For` read (its right-most hop that is not one of them is the client); read when the app starts, a bad entry stops it", "web/limits.py", "— (none)"),
    Setting("JUECE_PORTAL_HEADER_TIMEOUT", "number", "10", "`juece portal`: seconds a client has to send a request's headers (408 after)", "web/server.py"),
    Setting("JUECE_PORTAL_BODY_TIMEOUT", "number", "30", "`juece portal`: seconds a client has to send a request's whole body (408 after)", "web/server.py"),
    Setting("JUECE_PORTAL_MAX_CONNECTIONS", "integer", "1000", "`juece portal`: open connections per process beyond which a request is answered 503", "web/server.py"),
    Setting("JUECE_PORTAL_WORKERS", "integer", "1", "`juece portal`: web processes", "cli/main.py"),
    Setting("JUECE_PORTAL_WRITER", "text", "process", "`juece portal`: `thread` commits comments in the web process instead of a writer process", "web/app.py"),
    Setting("JUECE_PORT", "integer", "8080", "`make up`: the port Airflow is served on", "demo/up.py"),
    Setting("JUECE_PEOPLE_FILE", "path", None, "the people directory: who a user id is (YAML list or CSV with columns `user`, `name`, `email`, `im`; in YAML the list may go under `people:` beside `groups:`, the groups a spec names as `group:<name>`); notices name people by it and reach them by e-mail and IM; a person not in it is still told in the log", "adapters/notify/people.py", "— (names unknown: user ids, log only)"),
    Setting("JUECE_NOTIFY_CHANNELS", "text", "log", "how notices of human tasks are sent (comma-separated): `log`, `email`, `webhook`; every notice sent, or failed, is recorded as `notice_sent`", "adapters/notify/channels.py"),
    Setting("JUECE_NOTIFY_TIMEOUT", "number", "10", "seconds an e-mail or webhook delivery may take before it is recorded as failed", "adapters/notify/channels.py"),
    Setting("JUECE_CLOSED_AFTER_HOURS", "number", "168", "hours after a decision's run ended (its evaluation scheduled) that the DAG file stops building its DAG; Airflow keeps its runs and history (the DAG is stale) but schedules no run of a stale DAG: raise it to re-run a step of a decision closed longer ago", "orchestration/loader.py"),
    Setting("JUECE_REMIND_DAYS", "integer", "2", "the daily DAG `notices_daily` reminds the holders of a step due within this many days (and escalates an overdue step once to the sponsor office and the head)", "orchestration/housekeeping/notices.py"),
    Setting("JUECE_SMTP_HOST", "text", "localhost", "the SMTP server notices are e-mailed through", "adapters/notify/channels.py"),
    Setting("JUECE_SMTP_PORT", "integer", "587", "its port", "adapters/notify/channels.py"),
    Setting("JUECE_SMTP_FROM", "text", "juece@localhost", "the sender address of notices", "adapters/notify/channels.py"),
    Setting("JUECE_SMTP_TLS", "text", "starttls", "`starttls`, `ssl` (implicit TLS) or `none` (only for a server on the same host)", "adapters/notify/channels.py"),
    Setting("JUECE_SMTP_USER", "text", None, "the SMTP login, if the server asks for one", "adapters/notify/channels.py"),
    Setting("JUECE_SMTP_PASSWORD", "secret", None, "its password", "adapters/notify/channels.py"),
    Setting("JUECE_WEBHOOK_URL", "url", None, "the government IM platform's webhook notices are posted to as JSON (channel `webhook`)", "adapters/notify/channels.py"),
    Setting("JUECE_WEBHOOK_TOKEN", "secret", None, "sent as `Authorization: Bearer …` with each webhook post, if set", "adapters/notify/channels.py"),
    Setting("JUECE_WORKER_NAME", "text", None, "the name an Airflow process of juece goes by in task instances' host names (`AIRFLOW__CORE__HOSTNAME_CALLABLE=juece.demo.celery_stack.worker_hostname`); `make stack` names its workers", "demo/celery_stack.py", "— (the machine's name only)"),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}


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


def markdown() -> str:
    """README's Configuration table, one row per setting."""
    rows = ["| 变量 variable | 类型 type | 默认 default | 含义 meaning | 读取方 read by |", "|---|---|---|---|---|"]
    for s in SETTINGS:
        default = f"`{s.default}`" if s.default is not None else s.shown
        rows.append(f"| `{s.name}` | {s.kind} | {default} | {s.meaning} | {s.read_by} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str]) -> int:
    if argv != ["--markdown"]:
        print("用法 usage: python -m juece.config --markdown", file=sys.stderr)
        return 2
    print(markdown(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
