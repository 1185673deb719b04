"""Every JUECE_* environment variable, declared once: its type, default and meaning (README's
Configuration table is made of these). They are read in config.py and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass
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
    Setting("JUECE_OFD_PROCESSES", "integer", "2", "processes that translate a long archive's pages into its OFD edition (at most 2, never more than the cores this process may use; `1` keeps it in one process; the bytes are the same either way)", "adapters/ofd/pages.py"),
    Setting("JUECE_FONDS", "text", None, "the fonds code (全宗号) in archive numbers", "adapters/store/catalogue.py", "`J001`"),
    Setting("JUECE_ARCHIVISTS", "users", None, "users (comma-separated) who may retrieve the full edition", "services/archives.py", "`archivist`"),
    Setting("JUECE_LAUNCHERS", "users", None, "who may launch a decision and so be its sponsor office: users and `group:<name>` of the people file (comma-separated); administrators always may (R-A1)", "services/launchers.py", "anyone signed in but a viewer (the demo: `group:sponsor-office`)"),
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


def markdown() -> str:
    """README's Configuration table, one row per setting."""
    rows = ["| 变量 variable | 类型 type | 默认 default | 含义 meaning | 读取方 read by |", "|---|---|---|---|---|"]
    for s in SETTINGS:
        default = f"`{s.default}`" if s.default is not None else s.shown
        rows.append(f"| `{s.name}` | {s.kind} | {default} | {s.meaning} | {s.read_by} |")
    return "\n".join(rows) + "\n"
