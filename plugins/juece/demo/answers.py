"""Turn a scenario into the answer a person gives in a given task, on a given attempt."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from juece.demo.scenario import Scenario
from juece.domain.deliberation.meeting_answers import (
    ADVISER_OPTIONS,
    HEAD_OPTIONS,
    REVIEW_OPTIONS,
    VIEW_OPTIONS,
)
from juece.domain.expert_review.panel_record import holder
from juece.domain.expert_review.seat_answers import EXPERT_OPTIONS, SIGN_OPTIONS
from juece.domain.legality.findings import FINDINGS
from juece.domain.participation.draft import REVISE_OPTIONS, current_draft
from juece.domain.participation.hearing import CONFIRM_OPTIONS
from juece.domain.participation.review_answers import SUBMIT_OPTIONS
from juece.domain.publication.review import PUBLISH_OPTIONS

Reply = tuple[list[str], dict[str, Any]]
SEAT = re.compile(r"^(?:seat|reserve)_\d+$")
ROUND = re.compile(r"^(revise_draft|amend_draft|reassess|rereview)_(\d+)$")
DIGEST = re.compile(r"Digest: `([0-9a-f]{64})`")


@dataclass(frozen=True)
class Situation:
    """What the person sees: the comments' receipts, the record, the task's HITL detail."""

    receipts: list[str]
    entries: list[dict[str, Any]] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)


def label(options: dict[str, str], code: str) -> list[str]:
    for text, value in options.items():
        if value == code:
            return [text]
    raise ValueError(f"no option {code!r} in {list(options.values())}")


SUBMIT = label(SUBMIT_OPTIONS, "submit")


def answer_for(scenario: Scenario, task_id: str, attempt: int, seen: Situation) -> Reply | None:
    """The answer for ``task_id`` (``attempt`` counts from 0), or None: this person stays silent."""
    stage, _, task = task_id.partition(".")
    if SEAT.match(task):
        return None if task in scenario.silent_seats else _expert(scenario, task)
    if task.startswith("sign_") and SEAT.match(task.removeprefix("sign_")):
        return _signature(scenario, task.removeprefix("sign_"), attempt, seen)
    if task.startswith("sign__") and scenario.hearing:
        remarks = scenario.hearing.disputes.get(task.removeprefix("sign__"))
        return label(CONFIRM_OPTIONS, "dispute" if remarks else "confirm"), {"remarks": remarks or ""}
    if task == "hearing_record" and scenario.hearing:
        return SUBMIT, {"record": scenario.hearing.record, "sides_heard": scenario.hearing.sides_heard}
    if found := ROUND.match(task):
        return _round(scenario, stage, found.group(1), int(found.group(2)), seen)
    if task.startswith("view__") and scenario.meeting:
        view = scenario.meeting.views[task.removeprefix("view__")]
        return label(VIEW_OPTIONS, view.view), {"remarks": view.remarks}
    handlers = {
        "dispose_comments": lambda: _comment_dispositions(scenario, attempt, seen),
        "dispose_opinions": lambda: _opinion_dispositions(scenario, seen),
        "assess": lambda: _risk(scenario, 0),
        "adviser_opinion": lambda: (label(ADVISER_OPTIONS, scenario.legal_adviser["conclusion"]),
                                    {"opinion": scenario.legal_adviser["opinion"]}),
        "review": lambda: _review(scenario),
        "convene": lambda: _convene(scenario),
        "head_decision": lambda: _head(scenario, attempt),
        "review_announcement": lambda: (label(PUBLISH_OPTIONS, "publish"),
                                        {"document_number": scenario.document_number, "text": scenario.announcement_text}),
    }
    if task not in handlers:
        raise KeyError(f"the scenario has no answer for task {task_id}")
    return handlers[task]()


def _expert(scenario: Scenario, seat: str) -> Reply:
    if seat in scenario.expert_conflicts:
        return label(EXPERT_OPTIONS, "conflict"), {"conflict_statement": scenario.expert_conflicts[seat]}
    opinion = dict(_scripted(scenario.expert_opinions, seat))
    chosen = label(EXPERT_OPTIONS, opinion.pop("conclusion"))
    fields = ("necessity", "feasibility", "soundness", "conditions", "opinion")
    return chosen, {"no_conflict": True, **{name: opinion.get(name, "") for name in fields}}


def _scripted(by_seat: dict[str, Any], seat: str) -> Any:
    """The scenario's entry for the seat; a reserve seat the scenario did not foresee (a slow
    run can need one more replacement) takes the first scripted reserve's, else the first seat's."""
    if seat in by_seat:
        return by_seat[seat]
    reserves = sorted(name for name in by_seat if name.startswith("reserve_"))
    return by_seat[reserves[0] if reserves and seat.startswith("reserve_") else sorted(by_seat)[0]]


def _signature(scenario: Scenario, seat: str, attempt: int, seen: Situation) -> Reply:
    from juece.demo.library import sign_as

    found = DIGEST.search(seen.detail.get("body") or "")
    if found is None:
        raise KeyError(f"the signature task of {seat} shows no digest")
    user = seen.detail["assigned_users"][0]["id"]
    digest = found.group(1)
    if attempt == 0 and seat in scenario.bad_signature_first_try:
        digest = digest[::-1]  # signs something else: the signature will not verify (R-C1)
    return label(SIGN_OPTIONS, "sign"), {"signature": sign_as(user, digest)}


def _opinion_dispositions(scenario: Scenario, seen: Situation) -> Reply:
    """The scenario disposes by seat; the record says who sat there."""
    signed = {e["data"]["seat"] for e in seen.entries if e["kind"] == "opinion_signed"}
    chosen = {seat: _scripted(scenario.opinion_dispositions, seat) for seat in sorted(signed)}
    items = [{"ref": holder(seen.entries, seat), "disposition": d["disposition"], "reason": d.get("reason", "")}
             for seat, d in chosen.items()]
    return SUBMIT, {"dispositions": items}


def _comment_dispositions(scenario: Scenario, attempt: int, seen: Situation) -> Reply:
    """The office disposes of every comment the scenario sent, late ones too (R-B4)."""
    items = [{"ref": receipt, "disposition": c.disposition, "reason": c.reason}
             for receipt, c in zip(seen.receipts, scenario.comments, strict=False)]
    first_try = scenario.comment_dispositions_first_try
    if attempt == 0 and first_try and (index := first_try.get("drop_reason_of")):
        items[index - 1] = {**items[index - 1], "reason": ""}
    return SUBMIT, {"dispositions": items}


def _round(scenario: Scenario, stage: str, kind: str, number: int, seen: Situation) -> Reply:
    """A later round: the sponsor's revision, the reassessment, the review of the revised draft."""
    if kind == "reassess":
        return _risk(scenario, number)
    if kind == "rereview":
        return _review(scenario, number)
    revisions = scenario.risk_revisions if stage == "risk_assessment" else scenario.legality_revisions
    revision = revisions[number - 1]
    text = revision.text or current_draft(seen.entries).text
    for old, new in revision.replace.items():
        text = text.replace(old, new)
    return label(REVISE_OPTIONS, "submit"), {"text": text, "changes": revision.changes}


def _risk(scenario: Scenario, round_index: int) -> Reply:
    points = scenario.risk_rounds[min(round_index, len(scenario.risk_rounds) - 1)].points
    return SUBMIT, {"risk_points": points, "departments_heard": scenario.risk_departments_heard,
                    "response_plan": scenario.risk_response_plan}


def _review(scenario: Scenario, round_index: int = 0) -> Reply:
    review = dict(scenario.legality_rereviews[round_index - 1] if round_index else scenario.legality_review)
    chosen = label(REVIEW_OPTIONS, review.pop("outcome"))
    fields = ("authority", "procedure", "content", "revisions", "exploratory_override", "legal_risk")
    cited = {key: review[key] for key in (f"{name}_provisions" for name in FINDINGS) if key in review}
    return chosen, {**{name: review.get(name) for name in fields}, **cited}


def _convene(scenario: Scenario) -> Reply:
    meeting = scenario.meeting
    if meeting is None:
        return SUBMIT, {"attendees": []}
    stated = [{"member": member, "view": v.view, "remarks": v.remarks} for member, v in meeting.views_in_room.items()]
    return SUBMIT, {"attendees": meeting.attendees, "views_in_room": stated}


def _head(scenario: Scenario, attempt: int) -> Reply:
    if scenario.meeting is None:
        raise KeyError("the scenario has no meeting")
    head = scenario.meeting.head
    if attempt == 0 and scenario.meeting.head_first_try:
        head = scenario.meeting.head_first_try
    return label(HEAD_OPTIONS, head.outcome), {"reason": head.reason}
