"""The collective deliberation on its own pages (R-F2..R-F5): where the meeting stands in the record
(convening, members speaking, the head deciding, decided), each member's seat and view, the
majority, and the answers the meeting's tasks take, checked by each task's own handler before
anything is sent (domain/deliberation/meeting_answers.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from juece.adapters.store.ledger import Ledger
from juece.domain.deliberation.meeting_answers import (
    HEAD_OPTIONS,
    VIEW_OPTIONS,
    convene,
    head_decision,
    majority_view,
    member_view,
)
from juece.domain.deliberation.tasks import CONVENE, HEAD_DECISION, in_stage, view_task
from juece.domain.deliberation.views import view_of
from juece.domain.participation.draft import current_draft, paragraphs
from juece.domain.participation.review_answers import SUBMIT_OPTIONS
from juece.domain.record.answers import Answer, Outcome, TaskContext
from juece.domain.record.entries import Entries, Entry, all_of
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.services.record import open_record
from juece.spec.models import DecisionSpec

BEFORE, CONVENING, SPEAKING, DECIDING, DECIDED = "before", "convening", "speaking", "deciding", "decided"
MEETING_WORDS = {"executive": ("常务会议", "executive meeting"), "plenary": ("全体会议", "plenary meeting")}


def words(options: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each option's code with its words in Chinese and English ("同意 Agree" -> agree: 同意, Agree)."""
    found = {}
    for text, code in options.items():
        zh, en = text.split(" ", 1)
        found[code] = (zh, en)
    return found


VIEW_WORDS, OUTCOME_WORDS = words(VIEW_OPTIONS), words(HEAD_OPTIONS)


@dataclass(frozen=True)
class Seat:
    """A member of the meeting: present or not once convened, and the view recorded, if any."""

    user: str
    head: bool
    present: bool | None  # None before the meeting is convened
    view: dict[str, Any] | None = None  # the member_view entry's data


@dataclass(frozen=True)
class MeetingState:
    """Where the meeting stands (``phase``): ``before`` the materials reach the members (R-F1),
    ``convening`` (the secretary's task), ``speaking`` (members' views), ``deciding`` (the head's
    task), ``decided``."""

    decision_id: str
    dag_id: str
    title: str
    meeting_type: str
    secretary: str
    head: str
    needed: int  # attendees needed for a quorum: more than ``quorum`` of the members (R-F2)
    quorum: float
    phase: str
    seats: list[Seat] = field(default_factory=list)
    majority: str | None = None
    decision: dict[str, Any] | None = None
    draft: list[str] = field(default_factory=list)  # the draft deliberated, by paragraph

    def seat(self, member: str) -> Seat | None:
        return next((seat for seat in self.seats if seat.user == member), None)

    def view_waits(self, member: str) -> bool:
        """The member's own task waits: the meeting speaks, the member is present, no view yet."""
        seat = self.seat(member)
        return self.phase == SPEAKING and seat is not None and bool(seat.present) and seat.view is None

    @property
    def convene_tasks(self) -> list[str]:
        return [in_stage(CONVENE)]

    @property
    def head_tasks(self) -> list[str]:
        return [in_stage(HEAD_DECISION)]

    @staticmethod
    def view_tasks(member: str) -> list[str]:
        return [in_stage(view_task(member))]


def meeting_state(ledger: Ledger, decision_id: str) -> tuple[MeetingState, DecisionSpec, Entries]:
    """The meeting of ``decision_id`` as the record shows it, with the spec and the entries."""
    record = open_record(decision_id, ledger)
    spec, entries = record.spec, record.entries
    config = spec.stages.collective_deliberation
    convened = _after(entries, Kind.MEETING_CONVENED, _after(entries, Kind.MATERIALS_ISSUED, None))
    decided = _after(entries, Kind.HEAD_DECISION, convened) if convened else None
    present = set(convened["data"]["attendees"]) if convened else None
    seats = [Seat(m, m == config.head, None if present is None else m in present, _view(entries, m, convened))
             for m in config.members]
    state = MeetingState(spec.id, spec.dag_id, spec.title, config.meeting_type, config.secretary, config.head,
                         math.floor(config.quorum * len(config.members)) + 1, config.quorum,
                         _phase(entries, convened, decided, seats), seats,
                         majority_view(TaskContext(spec, entries)) if convened else None,
                         decided["data"] if decided else None, paragraphs(current_draft(entries).text))
    return state, spec, entries


def _after(entries: Entries, kind: str, since: Entry | None) -> Entry | None:
    """The last ``kind`` entry, when it comes after ``since`` (any, when ``since`` is None)."""
    found = [index for index, entry in enumerate(entries) if entry["kind"] == kind]
    if not found:
        return None
    start = next((index for index, entry in enumerate(entries) if entry is since), -1)
    return entries[found[-1]] if found[-1] > start else None


def _view(entries: Entries, member: str, convened: Entry | None) -> dict[str, Any] | None:
    """The member's view recorded at this meeting (by the member, or in the room by the secretary)."""
    if convened is None or (entry := view_of(entries, member)) is None:
        return None
    return dict(entry["data"]) if entries.index(entry) > entries.index(convened) else None


def _phase(entries: Entries, convened: Entry | None, decided: Entry | None, seats: list[Seat]) -> str:
    if decided is not None:
        return DECIDED
    if convened is not None:
        waiting = [s for s in seats if s.present and not s.head and s.view is None]
        return SPEAKING if waiting else DECIDING
    return CONVENING if all_of(entries, Kind.MATERIALS_ISSUED) else BEFORE


def _checked(handler: Callable[[TaskContext, Answer], Outcome], ctx: TaskContext, answer: Answer,
             choice: str) -> dict[str, Any]:
    """The answer as the task takes it, refused (the choice's refusal at ``choice``) exactly as the
    task's handler would refuse it: nothing is sent, nothing recorded."""
    try:
        handler(ctx, answer)
    except RuleViolation as error:
        if error.field is None:
            raise RuleViolation(error.rule, error.zh, error.en, field=choice) from None
        raise
    return {"chosen_options": answer.chosen, "params_input": answer.params}


def _label(options: dict[str, str], code: str) -> list[str]:
    return [text for text, value in options.items() if value == code][:1]


def convene_answer(spec: DecisionSpec, entries: Entries, user: str, attendees: list[str],
                   stated: list[dict[str, str]]) -> dict[str, Any]:
    """The secretary's convening: who attends, and the views members stated in the room (R-F2, R-F3)."""
    answer = Answer(user, list(SUBMIT_OPTIONS), {"attendees": attendees, "views_in_room": stated})
    return _checked(convene, TaskContext(spec, entries), answer, "attendees")


def view_answer(spec: DecisionSpec, entries: Entries, member: str, view: str, remarks: str) -> dict[str, Any]:
    """A member's own view and its reasons (R-F3)."""
    answer = Answer(member, _label(VIEW_OPTIONS, view), {"remarks": remarks})
    return _checked(member_view, TaskContext(spec, entries, member), answer, "view")


def decision_answer(spec: DecisionSpec, entries: Entries, user: str, outcome: str, reason: str) -> dict[str, Any]:
    """The head's decision, with the reason where it departs from the majority (R-F2, R-F4, R-F5)."""
    answer = Answer(user, _label(HEAD_OPTIONS, outcome), {"reason": reason})
    return _checked(head_decision, TaskContext(spec, entries), answer, "outcome")
