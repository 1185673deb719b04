"""Every numeric bound of a spec at its edge: the value on the bound is taken, the one past it is
refused naming its field and the rule the field serves, every other field valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.spec import SpecError, load_spec_text

URBAN = (Path(__file__).resolve().parents[3] / "templates" / "urban-planning.yaml").read_text(encoding="utf-8")
REVIEW = "    response_days: 30\n    reminder_days: 10\n"
RISK = "    assessor: risk_assessor\n"
LEGALITY = "    review_working_days: 7\n"


def spec_with(anchor: str, lines: str) -> str:
    assert URBAN.count(anchor) == 1, anchor
    return URBAN.replace(anchor, anchor + lines if anchor != REVIEW else lines)


def refused(text: str) -> tuple[str | None, str]:
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, "urban.yaml")
    issue, = caught.value.issues
    return issue.rule, issue.field


EXPERT = "stages.expert_review."


@pytest.mark.parametrize("lines", [
    "    response_days: 1\n    reminder_days: 0\n",
    "    response_days: 90\n    reminder_days: 89\n",
    "    response_days: 30\n    reminder_days: 29\n",
    "    response_days: 30\n    reminder_days: 10\n    reserve_seats: 0\n",
    "    response_days: 30\n    reminder_days: 10\n    reserve_seats: 5\n",
    "    response_days: 30\n    reminder_days: 10\n    panel_size: 5\n    quorum: 5\n",
    "    response_days: 30\n    reminder_days: 10\n    panel_size: 9\n    quorum: 9\n",
], ids=["one-day-no-reminder", "ninety-days", "reminder-the-day-before-the-deadline", "no-reserve",
        "five-reserves", "panel-of-five-quorum-five", "quorum-the-whole-panel"])
def test_expert_review_values_on_their_bounds_are_taken(lines: str) -> None:
    load_spec_text(spec_with(REVIEW, lines), "urban.yaml")


@pytest.mark.parametrize(("lines", "rule", "field"), [
    ("    response_days: 0\n    reminder_days: 0\n", "R-C1", "response_days"),
    ("    response_days: 91\n    reminder_days: 10\n", "R-C1", "response_days"),
    ("    response_days: 30\n    reminder_days: -1\n", "R-C1", "reminder_days"),
    ("    response_days: 30\n    reminder_days: 30\n", "R-C1", "reminder_days"),
    ("    response_days: 30\n    reminder_days: 10\n    reserve_seats: -1\n", "R-C5", "reserve_seats"),
    ("    response_days: 30\n    reminder_days: 10\n    reserve_seats: 6\n", "R-C5", "reserve_seats"),
    ("    response_days: 30\n    reminder_days: 10\n    panel_size: 5\n    quorum: 6\n", "R-C5", "quorum"),
    ("    response_days: 30\n    reminder_days: 10\n    quorum: 4\n", "R-C5", "quorum"),
], ids=["no-response-day", "ninety-one-days", "negative-reminder", "reminder-on-the-deadline-day",
        "negative-reserve", "six-reserves", "quorum-above-a-panel-of-five", "quorum-under-five"])
def test_expert_review_values_past_their_bounds_are_refused_naming_field_and_rule(
        lines: str, rule: str, field: str) -> None:
    assert refused(spec_with(REVIEW, lines)) == (rule, EXPERT + field)


@pytest.mark.parametrize(("rounds", "taken"), [(1, True), (5, True), (0, False), (6, False)])
def test_risk_assessment_rounds_are_one_to_five_r_d4(rounds: int, taken: bool) -> None:
    text = spec_with(RISK, f"    max_rounds: {rounds}\n")
    if taken:
        assert load_spec_text(text, "urban.yaml").stages.risk_assessment.max_rounds == rounds
    else:
        assert refused(text) == ("R-D4", "stages.risk_assessment.max_rounds")


@pytest.mark.parametrize(("rounds", "taken"), [(1, True), (5, True), (0, False), (6, False)])
def test_legality_review_rounds_are_one_to_five_r_e4(rounds: int, taken: bool) -> None:
    text = spec_with(LEGALITY, f"    max_rounds: {rounds}\n")
    if taken:
        assert load_spec_text(text, "urban.yaml").stages.legality_review.max_rounds == rounds
    else:
        assert refused(text) == ("R-E4", "stages.legality_review.max_rounds")
