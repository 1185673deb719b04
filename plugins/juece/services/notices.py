"""Telling people of their tasks: when a human task opens, and the daily round (reminders before a
deadline, an escalation once it passed, a digest per sponsor office). Each notice goes out by every
channel given; each attempt, delivered or failed, is recorded as ``notice_sent`` under an act key,
so a retried task or a rerun day tells no one twice. A channel that fails fails nothing else.

A role held by a group (``group:<name>``) is told member by member, each by name and address,
each notice recorded with the group it was sent for (a reminder, an escalation, the office's
digest alike). The group's members are read from the directory when the round runs; a group it
does not know, one without members, or a directory refused is recorded as a failed notice naming
the group, and the round goes on."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from juece.adapters.notify.channels import Channel
from juece.adapters.notify.groups import groups_from_settings
from juece.adapters.notify.people_file import PeopleFileError
from juece.adapters.store.ledger import Ledger
from juece.domain.archive.overdue import Pending
from juece.domain.groups import GroupLookup, UnknownGroup, called, holders
from juece.domain.notices import texts
from juece.domain.notices.links import run_link
from juece.domain.notices.people import Directory, Person, person
from juece.domain.notices.rounds import assigned_step, day_round, decision_of
from juece.domain.notices.sent import Outcome, sent_act
from juece.domain.record.entries import Entries
from juece.domain.stages import Stage
from juece.spec.roles import group_name


@dataclass
class Notifier:
    ledger: Ledger
    channels: Sequence[Channel]
    directory: Directory = field(default_factory=dict)
    base_url: str = ""
    log: Any = logging.getLogger("juece.notices")
    groups: GroupLookup | None = None  # None: the directory's (JUECE_PEOPLE_FILE), read when first needed
    refused: str = field(default="", init=False, repr=False)  # why the directory's groups were not read

    def group_lookup(self) -> GroupLookup:
        """The groups, read from the directory once per notifier when none were given; a refused
        directory knows no group (its reason kept for the failed notices that name one)."""
        if self.groups is None:
            try:
                self.groups = groups_from_settings()
            except PeopleFileError as error:
                self.groups, self.refused = {}, str(error)
        return self.groups

    def members(self, role: str) -> tuple[str, ...]:
        """Who is told for ``role``: the user it names, or each member of the group it names;
        UnknownGroup for a group unknown or empty."""
        if group_name(role) is None:
            return (role,)
        return holders(role, self.group_lookup())


class Named(Mapping[str, Person]):
    """The directory, with each group role (``group:<name>``) as a person called by the group's
    display name: a notice names a step's holder "承办科室 sponsor office", never ``group:…``."""

    def __init__(self, people: Directory, groups: GroupLookup) -> None:
        self.people, self.groups = people, groups

    def __getitem__(self, user: str) -> Person:
        if group_name(user) is not None:
            return Person(user, called(user, self.groups))
        return self.people[user]

    def __iter__(self) -> Iterator[str]:
        return iter(self.people)

    def __len__(self) -> int:
        return len(self.people)


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


def deliver(notifier: Notifier, notice: texts.Notice, decisions: list[str], stage: str, key: str,
            group: str = "", failure: str = "") -> int:
    """Send by each channel not yet recorded under ``key`` and record the outcome in each decision
    (with the ``group`` the recipient was told for); the number of entries written. With a
    ``failure``, nothing is sent: each channel's attempt is recorded as failed for that reason."""
    written = 0
    for channel in notifier.channels:
        channel_key = f"{key}/{channel.name}"
        todo = [d for d in decisions if not notifier.ledger.has_key(d, channel_key)]
        if not todo:
            continue
        outcome = Outcome(False, failure) if failure else attempt(channel, notice)
        if not outcome.delivered:
            notifier.log.warning("通知未送达 notice not delivered (%s) to %s: %s", channel.name,
                                 notice.recipient.called, outcome.reason)
        for decision_id in todo:
            notifier.ledger.append(decision_id, sent_act(notice, channel.name, outcome, stage, channel_key, group))
            written += 1
    return written


def tell(notifier: Notifier, role: str, make: Callable[[Person], texts.Notice], decisions: list[str],
         stage: str, key: Callable[[str], str]) -> int:
    """Send the notice ``make`` writes to the holder of ``role``: the user it names, or each member
    of the group it names by name and address, recorded under ``key(user)`` with the group. A group
    nobody can be told in (unknown, empty, the directory refused) is recorded as a failed notice to
    the group, under ``key(role)``. The number of entries written."""
    try:
        users = notifier.members(role)
    except UnknownGroup as error:
        to = Person(role, called(role, notifier.group_lookup()))
        reason = f"{error}; {notifier.refused}" if notifier.refused else str(error)
        return deliver(notifier, make(to), decisions, stage, key(role), role, reason)
    group = role if group_name(role) is not None else ""
    return sum(deliver(notifier, make(person(notifier.directory, user)), decisions, stage, key(user), group)
               for user in users)


def attempt(channel: Channel, notice: texts.Notice) -> Outcome:
    try:
        return channel.send(notice)
    except Exception as error:  # a channel's own fault: recorded as failed, never the task's failure
        return Outcome(False, f"{type(error).__name__}: {error}")


def task_opened(notifier: Notifier, entries: Entries, task: OpenTask, now: datetime) -> int:
    """Tell the assignee (each member of a group): what, for which decision, by when, where."""
    decision = decision_of(entries)
    step = assigned_step(entries, now, task.stage, task.assignee)
    group = task.assignee if task.recipients and group_name(task.assignee) is not None else ""
    written = 0
    for user in task.recipients or (task.assignee,):
        notice = texts.opened(person(notifier.directory, user), decision, task.what, step, task.link)
        written += deliver(notifier, notice, [decision.id], task.stage, f"{task.key}notice/{user}", group)
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
    people = _named(notifier)
    for office, rows in digests.rows.items():
        # one digest a day per office; a group's to each member under the group's own key, so that
        # a member who is also another decision's office alone gets that office's digest too
        digest = partial(texts.digest, rows=rows, directory=people, today=today)
        counts["digest"] += tell(notifier, office, digest, digests.decisions[office], Stage.LAUNCH,
                                 partial(_office_key, f"notice/digest/{today}/{office}", office))
    return counts


def _member_key(prefix: str, user: str) -> str:
    return f"{prefix}/{user}"


def _office_key(prefix: str, office: str, user: str) -> str:
    """The office's own key as before groups; a member's under it."""
    return prefix if user == office else f"{prefix}/{user}"


def _named(notifier: Notifier) -> Directory:
    """The directory as notices name people in their text: groups by their display name."""
    return Named(notifier.directory, notifier.group_lookup())


def _decision_round(notifier: Notifier, entries: Entries, now: datetime, remind_days: int,
                    counts: dict[str, int], digests: Digests) -> None:
    found = day_round(entries, now, remind_days)
    if found is None:
        return
    decision, link, people = found.decision, run_link(notifier.base_url, entries), _named(notifier)
    # Keyed by the member, not the role: one reminder (one escalation) of a step per person, whether
    # they hold it themselves, as a member of a group, or both.
    for step, roles in found.remind:
        remind = partial(texts.reminder, decision=decision, step=step, link=link)
        key = partial(_member_key, f"notice/reminder/{texts.step_key(step)}")
        for role in roles:
            counts["reminder"] += tell(notifier, role, remind, [decision.id], step.stage, key)
    for step, roles in found.escalate:
        escalate = partial(texts.escalation, decision=decision, step=step, directory=people, link=link)
        key = partial(_member_key, f"notice/escalation/{texts.step_key(step)}")
        for role in roles:
            counts["escalation"] += tell(notifier, role, escalate, [decision.id], step.stage, key)
    if found.open_steps and found.sponsor_office:
        digests.add(found.sponsor_office, decision, found.open_steps, link)
