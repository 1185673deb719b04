"""Turn a scenario into the answer a person gives in a given task, on a given attempt."""

from __future__ import annotations

from typing import Any

from juece.demo.scenario import Scenario
from juece.domain.hearing import CONFIRM_OPTIONS
from juece.domain.meeting_answers import ADVISER_OPTIONS, HEAD_OPTIONS, REVIEW_OPTIONS, VIEW_OPTIONS
from juece.domain.review_answers import EXPERT_OPTIONS, SUBMIT_OPTIONS

Reply = tuple[list[str], dict[str, Any]]


def label(options: dict[str, str], code: str) -> list[str]:
    for text, value in options.items():
        if value == code:
            return [text]
    raise ValueError(f"no option {code!r} in {list(options.values())}")


SUBMIT = label(SUBMIT_OPTIONS, "submit")


def answer_for(scenario: Scenario, task_id: str, attempt: int, receipts: list[str]) -> Reply:
    """The answer for ``task_id`` (``attempt`` counts from 0); ``receipts`` of the comments."""
    stage, _, task = task_id.partition(".")
    if task.startswith("opinion__"):
        return _expert(scenario, task.removeprefix("opinion__"))
    if task.startswith("sign__") and scenario.hearing:
        remarks = scenario.hearing.disputes.get(task.removeprefix("sign__"))
        return label(CONFIRM_OPTIONS, "dispute" if remarks else "confirm"), {"remarks": remarks or ""}
    if task == "hearing_record" and scenario.hearing:
        return SUBMIT, {"record": scenario.hearing.record, "sides_heard": scenario.hearing.sides_heard}
    if task.startswith("view__") and scenario.meeting:
        view = scenario.meeting.views[task.removeprefix("view__")]
        return label(VIEW_OPTIONS, view.view), {"remarks": view.remarks}
    handlers = {
        "dispose_comments": lambda: _comment_dispositions(scenario, attempt, receipts),
        "dispose_opinions": lambda: (SUBMIT, {"dispositions": [
            {"ref": ref, "disposition": d["disposition"], "reason": d.get("reason", "")}
            for ref, d in scenario.opinion_dispositions.items()]}),
        "assess": lambda: _risk(scenario, attempt),
        "adviser_opinion": lambda: (label(ADVISER_OPTIONS, scenario.legal_adviser["conclusion"]),
                                    {"opinion": scenario.legal_adviser["opinion"]}),
        "review": lambda: _review(scenario),
        "convene": lambda: (SUBMIT, {"attendees": scenario.meeting.attendees if scenario.meeting else []}),
        "head_decision": lambda: _head(scenario, attempt),
    }
    if task not in handlers:
        raise KeyError(f"the scenario has no answer for task {task_id}")
    return handlers[task]()


def _expert(scenario: Scenario, expert: str) -> Reply:
    opinion = dict(scenario.expert_opinions[expert])
    chosen = label(EXPERT_OPTIONS, opinion.pop("conclusion"))
    fields = ("necessity", "feasibility", "soundness", "conditions", "opinion")
    return chosen, {name: opinion.get(name, "") for name in fields}


def _comment_dispositions(scenario: Scenario, attempt: int, receipts: list[str]) -> Reply:
    items = [{"ref": receipt, "disposition": c.disposition, "reason": c.reason}
             for receipt, c in zip(receipts, scenario.comments, strict=False)]
    first_try = scenario.comment_dispositions_first_try
    if attempt == 0 and first_try and (index := first_try.get("drop_reason_of")):
        items[index - 1] = {**items[index - 1], "reason": ""}
    return SUBMIT, {"dispositions": items}


def _risk(scenario: Scenario, attempt: int) -> Reply:
    points = scenario.risk_rounds[min(attempt, len(scenario.risk_rounds) - 1)].points
    return SUBMIT, {"risk_points": points, "departments_heard": scenario.risk_departments_heard,
                    "response_plan": scenario.risk_response_plan}


def _review(scenario: Scenario) -> Reply:
    review = dict(scenario.legality_review)
    chosen = label(REVIEW_OPTIONS, review.pop("outcome"))
    fields = ("authority", "procedure", "content", "revisions", "exploratory_override", "legal_risk")
    return chosen, {name: review.get(name) for name in fields}


def _head(scenario: Scenario, attempt: int) -> Reply:
    if scenario.meeting is None:
        raise KeyError("the scenario has no meeting")
    head = scenario.meeting.head
    if attempt == 0 and scenario.meeting.head_first_try:
        head = scenario.meeting.head_first_try
    return label(HEAD_OPTIONS, head.outcome), {"reason": head.reason}
