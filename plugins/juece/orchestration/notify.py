"""What the operators need to send notices: Airflow's UI address for links, the people directory
and the channels from the settings. A bad setting or directory is logged (bilingual) and the notice
still goes to the log: telling someone never fails a task."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from airflow.configuration import conf

from juece import config
from juece.adapters.notify.channels import Channel, LogChannel, channels_from_settings
from juece.adapters.notify.people import PeopleFileError, directory_from_settings
from juece.adapters.store.ledger import Ledger
from juece.domain.notices.links import own_page, task_link
from juece.domain.notices.people import Person
from juece.domain.record.entries import Entries
from juece.domain.record.forms import FORMS
from juece.services import notices
from juece.services.record import act_key


def base_url() -> str:
    """Airflow's UI, as its `[api] base_url` says; else the API address juece is configured with."""
    return (conf.get("api", "base_url", fallback="") or config.airflow_url() or "").rstrip("/")


def with_own_page(body: str | None, ti: Any) -> str | None:
    """The task's body, ending with the link to juece's own page for it where it has one: the
    Required-actions entry in Airflow leads to the page made for the job."""
    if own_page(str(ti.task_id)) is None:
        return body
    link = task_link(base_url(), str(getattr(ti, "dag_id", "") or ""), str(ti.run_id), str(ti.task_id))
    if not link.startswith(("http://", "https://", "/")):
        return body
    words = f"在 juece 的办理页面填写 / Answer on juece's page made for this task: [{link}]({link})"
    return f"{body}\n\n{words}" if body else words


def notifier(ledger: Ledger, log: Any) -> notices.Notifier:
    return notices.Notifier(ledger, _channels(log), _directory(log), base_url(), log)


def _channels(log: Any) -> list[Channel]:
    try:
        return channels_from_settings(log)
    except config.ConfigError as error:
        log.error("通知渠道设置有误，仅记入日志 notice channels misconfigured, the log only: %s", error)
        return [LogChannel(log)]


def _directory(log: Any) -> dict[str, Person]:
    try:
        return directory_from_settings()
    except PeopleFileError as error:
        log.error("人员名录有误，按用户名通知 the people directory is refused, people known by user id: %s", error)
        return {}


def task_opened(ledger: Ledger, entries: Entries, context: Any, form: str, assignee: str, log: Any,
                members: tuple[str, ...] = ()) -> None:
    """Tell the assignee of the task that is opening (each of ``members`` for a group), with the
    link to its Required-actions page."""
    ti = context["ti"]
    link = task_link(base_url(), str(getattr(ti, "dag_id", "") or ""), str(ti.run_id), str(ti.task_id), int(ti.map_index))
    task = notices.OpenTask(str(ti.task_id).split(".", 1)[0], assignee, FORMS[form].subject, link, act_key(context),
                             members if members != (assignee,) else ())
    written = notices.task_opened(notifier(ledger, log), entries, task, datetime.now(UTC))
    log.info("已通知 %s told (%d record entries)", assignee, written)
