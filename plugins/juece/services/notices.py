"""Telling people of their tasks: when a human task opens, and the daily round (reminders before a
deadline, an escalation once it passed, a digest per sponsor office). Each notice goes out by every
channel given; each attempt, delivered or failed, is recorded as ``notice_sent`` under an act key,
so a retried task or a rerun day tells no one twice. A channel that fails fails nothing else."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from juece.adapters.notify.channels import Channel
from juece.adapters.store.ledger import Ledger
from juece.domain.archive.overdue import Pending
from juece.domain.notices import texts
from juece.domain.notices.links import run_link
from juece.domain.notices.people import Directory, person
from juece.domain.notices.rounds import assigned_step, day_round, decision_of
from juece.domain.notices.sent import Outcome, sent_act
from juece.domain.record.entries import Entries
from juece.domain.stages import Stage


@dataclass
class Notifier:
    ledger: Ledger
    channels: Sequence[Channel]
    directory: Directory = field(default_factory=dict)
    base_url: str = ""
    log: Any = logging.getLogger("juece.notices")


@dataclass(frozen=True)
class OpenTask:
    """A human task that has just opened: its stage, its assignee, what it asks, its page, its act
    key; the people told (a group's members; the assignee alone when empty)."""

    stage: str
    assignee: str
    what: str
    link: str
    key: str
    recipients: tuple[str, ...] = ()


def deliver(notifier: Notifier, notice: texts.Notice, decisions: list[str], stage: str, key: str) -> int:
    """Send by each channel not yet recorded under ``key`` and record the outcome in each decision;
    the number of entries written."""
    written = 0
    for channel in notifier.channels:
        channel_key = f"{key}/{channel.name}"
        todo = [d for d in decisions if not notifier.ledger.has_key(d, channel_key)]
        if not todo:
            continue
        outcome = attempt(channel, notice)
        if not outcome.delivered:
            notifier.log.warning("通知未送达 notice not delivered (%s) to %s: %s", channel.name,
                                 notice.recipient.called, outcome.reason)
        for decision_id in todo:
            notifier.ledger.append(decision_id, sent_act(notice, channel.name, outcome, stage, channel_key))
            written += 1
    return written


def attempt(channel: Channel, notice: texts.Notice) -> Outcome:
    try:
        return channel.send(notice)
    except Exception as error:  # a channel's own fault: recorded as failed, never the task's failure
        return Outcome(False, f"{type(error).__name__}: {error}")


def task_opened(notifier: Notifier, entries: Entries, task: OpenTask, now: datetime) -> int:
    """Tell the assignee (each member of a group): what, for which decision, by when, where."""
    decision = decision_of(entries)
    step = assigned_step(entries, now, task.stage, task.assignee)
    written = 0
    for user in task.recipients or (task.assignee,):
        notice = texts.opened(person(notifier.directory, user), decision, task.what, step, task.link)
        written += deliver(notifier, notice, [decision.id], task.stage, f"{task.key}notice/{user}")
    return written


@dataclass
class Digests:
    rows: dict[str, list[tuple[texts.Decision, Pending, str]]] = field(default_factory=dict)
    decisions: dict[str, list[str]] = field(default_factory=dict)

    def add(self, office: str, decision: texts.Decision, steps: list[Pending], link: str) -> None:
        self.rows.setdefault(office, []).extend((decision, step, link) for step in steps)
        self.decisions.setdefault(office, []).append(decision.id)


def daily(notifier: Notifier, now: datetime, remind_days: int) -> dict[str, int]:
    """The day's round over every decision in the records DB; counts of entries written and of
    decisions whose record could not be read (logged, the others served)."""
    counts = {"reminder": 0, "escalation": 0, "digest": 0, "unreadable": 0}
    digests = Digests()
    for decision_id in notifier.ledger.decisions():
        try:
            _decision_round(notifier, notifier.ledger.entries(decision_id), now, remind_days, counts, digests)
        except Exception as error:  # one unreadable record must not keep the others' notices back
            notifier.log.error("%s: 无法生成通知 notices not made: %s: %s", decision_id, type(error).__name__, error)
            counts["unreadable"] += 1
    today = texts.today_in_china(now)
    for office, rows in digests.rows.items():
        notice = texts.digest(person(notifier.directory, office), rows, notifier.directory, today)
        counts["digest"] += deliver(notifier, notice, digests.decisions[office], Stage.LAUNCH,
                                    f"notice/digest/{today}/{office}")
    return counts


def _decision_round(notifier: Notifier, entries: Entries, now: datetime, remind_days: int,
                    counts: dict[str, int], digests: Digests) -> None:
    found = day_round(entries, now, remind_days)
    if found is None:
        return
    decision, link, people = found.decision, run_link(notifier.base_url, entries), notifier.directory
    for step, users in found.remind:
        for user in users:
            notice = texts.reminder(person(people, user), decision, step, link)
            counts["reminder"] += deliver(notifier, notice, [decision.id], step.stage,
                                          f"notice/reminder/{texts.step_key(step)}/{user}")
    for step, users in found.escalate:
        for user in users:
            notice = texts.escalation(person(people, user), decision, step, people, link)
            counts["escalation"] += deliver(notifier, notice, [decision.id], step.stage,
                                            f"notice/escalation/{texts.step_key(step)}/{user}")
    if found.open_steps and found.sponsor_office:
        digests.add(found.sponsor_office, decision, found.open_steps, link)
