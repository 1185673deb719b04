"""Defence in depth (R-E1, R-D4, R-F5, R-H2) and the wait for an unknown year's calendar (R-E3),
with the real operators against a real records DB: a task marked done or cleared in Airflow's UI
cannot skip the law, and a step that needs an unknown year asks the administrator instead of failing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from airflow.providers.standard.operators.hitl import HITLOperator
from airflow.sdk.exceptions import AirflowFailException

from juece.adapters.store.calendar import CalendarStore
from juece.domain.record.acts import Act
from juece.domain.record.workdays import parse_schedule
from juece.domain.stages import Stage
from tests.dags.conftest import context


def record(ledger, spec, *acts: tuple[str, str, dict]) -> None:
    ledger.append_many(spec.id, [Act(stage, kind, "someone", data) for stage, kind, data in acts])


GATE_CLOSED = (Stage.LEGALITY_REVIEW, "gate_closed", {"refusals": [{"rule": "R-E1"}], "draft_version": 1})
GATE_PASSED = (Stage.LEGALITY_REVIEW, "gate_passed", {"refusals": [], "draft_version": 1})
RISK_CLOSED = (Stage.LEGALITY_REVIEW, "gate_closed", {"refusals": [{"rule": "R-D4"}], "draft_version": 1})


def step(spec, name: str, task_id: str):
    from juece.orchestration.steps import RecordStepOperator

    return RecordStepOperator(task_id=task_id.split(".")[-1], decision_id=spec.id, step=name)


def refused(ledger, spec) -> list[dict]:
    return [e for e in ledger.entries(spec.id) if e["kind"] == "step_refused"]


@pytest.mark.parametrize(("gate", "rule"), [(GATE_CLOSED, "R-E1"), (RISK_CLOSED, "R-D4"), (None, "R-E1")],
                         ids=["unlawful", "uncontrollable-risk", "no-gate-at-all"])
def test_materials_cleared_after_the_gate_closed_are_refused_and_the_attempt_recorded(launched, gate, rule) -> None:
    spec, ledger = launched
    if gate:
        record(ledger, spec, gate)
    with pytest.raises(AirflowFailException, match=rule):
        step(spec, "materials", "collective_deliberation.materials").execute(context("collective_deliberation.materials"))
    (attempt,) = refused(ledger, spec)
    assert (attempt["data"]["rule"], attempt["data"]["task"]) == (rule, "collective_deliberation.materials")
    assert not [e for e in ledger.entries(spec.id) if e["kind"] == "materials_issued"]


@pytest.mark.parametrize(("form", "assignee"), [("convene", "secretary"), ("head_decision", "county_head")])
def test_a_meeting_task_after_a_closed_gate_asks_nobody_and_is_refused(launched, form, assignee) -> None:
    from juece.orchestration.hitl import DecisionTaskOperator

    spec, ledger = launched
    record(ledger, spec, GATE_CLOSED)
    task = DecisionTaskOperator(task_id=form, decision_id=spec.id, form=form, assignee=assignee)
    with pytest.raises(AirflowFailException, match="R-E1"):
        task.execute(context(f"collective_deliberation.{form}"))
    assert [e["data"]["rule"] for e in refused(ledger, spec)] == ["R-E1"]


def test_a_gate_passed_for_an_earlier_draft_does_not_open_the_meeting(launched) -> None:
    spec, ledger = launched
    record(ledger, spec, GATE_PASSED, (Stage.LEGALITY_REVIEW, "draft_revised", {"version": 2, "text": "新文本"}))
    with pytest.raises(AirflowFailException, match="R-E1"):
        step(spec, "materials", "collective_deliberation.materials").execute(context("collective_deliberation.materials"))


def test_publication_marked_ready_without_a_concluded_meeting_publishes_nothing(launched) -> None:
    spec, ledger = launched
    record(ledger, spec, GATE_PASSED,
           (Stage.COLLECTIVE_DELIBERATION, "head_decision", {"outcome": "approve"}))
    with pytest.raises(AirflowFailException, match="R-F5"):
        step(spec, "publication", "publication.announce").execute(context("publication.announce"))
    kinds = [e["kind"] for e in ledger.entries(spec.id)]
    assert "published" not in kinds and kinds[-1] == "step_refused"


def test_publication_after_a_closed_gate_is_refused_with_r_e1(launched) -> None:
    spec, ledger = launched
    record(ledger, spec, GATE_CLOSED)
    with pytest.raises(AirflowFailException, match="R-E1"):
        step(spec, "publication", "publication.announce").execute(context("publication.announce"))


def test_each_refused_try_is_recorded_once(launched) -> None:
    spec, ledger = launched
    record(ledger, spec, GATE_CLOSED)
    operator = step(spec, "materials", "collective_deliberation.materials")
    for attempt in (1, 1, 2):
        ctx = context("collective_deliberation.materials")
        ctx["ti"].try_number = attempt
        with pytest.raises(AirflowFailException):
            operator.execute(ctx)
    assert [e["data"]["try"] for e in refused(ledger, spec)] == [1, 2]


# --- an unknown year's calendar: the administrator's task -------------------------------------

class Asked(Exception):
    """The operator handed the task to Airflow to wait for a person's answer."""


@pytest.fixture
def waiting(launched, monkeypatch: pytest.MonkeyPatch):
    """The legality submission made on 28 Dec 2027: its review period reaches 2028, whose schedule
    nobody has loaded (2027's is loaded)."""
    import juece.orchestration.steps as steps

    spec, ledger = launched
    monkeypatch.setattr(steps, "now", lambda: datetime(2027, 12, 28, 2, tzinfo=UTC))
    monkeypatch.setattr(HITLOperator, "execute", lambda self, context: (_ for _ in ()).throw(Asked(self.body)))
    CalendarStore().load(parse_schedule(2027, {"holidays": ["2027-01-01"]}, "2027 notice"), "administrator")
    return spec, ledger, step(spec, "legality_submission", "legality_review.submission")


def answer(user: str = "juece") -> dict:
    return {"chosen_options": ["已载入 Loaded"], "params_input": {}, "responded_by_user": {"id": user},
            "responded_at": datetime.now(UTC).isoformat()}


def test_a_step_needing_an_unknown_year_waits_for_the_administrator_and_records_the_wait(waiting) -> None:
    spec, ledger, operator = waiting
    with pytest.raises(Asked, match="2028"):
        operator.execute(context("legality_review.submission"))
    kinds = [e["kind"] for e in ledger.entries(spec.id)]
    assert kinds[-1] == "calendar_awaited" and "submission_prepared" not in kinds
    awaited = ledger.latest(spec.id, "calendar_awaited")
    assert (awaited["data"]["year"], awaited["data"]["rule"], awaited["data"]["assigned"]) == (2028, "R-E3", ["juece"])
    assert operator.assigned_users == [{"id": "juece", "name": "juece"}]


def test_the_administrators_asked_are_those_configured_when_the_step_waits_not_when_its_dag_was_built(
        waiting, monkeypatch: pytest.MonkeyPatch) -> None:
    spec, ledger, operator = waiting  # built (and kept) while the system user was the administrator
    monkeypatch.setenv("JUECE_ADMIN_USERS", "admin_wang,admin_li")
    with pytest.raises(Asked):
        operator.execute(context("legality_review.submission"))
    assert operator.assigned_users == [{"id": "admin_wang", "name": "admin_wang"}, {"id": "admin_li", "name": "admin_li"}]
    assert ledger.latest(spec.id, "calendar_awaited")["data"]["assigned"] == ["admin_wang", "admin_li"]


def test_answered_before_the_year_is_loaded_the_answer_is_refused_and_the_administrator_asked_again(waiting) -> None:
    spec, ledger, operator = waiting
    with pytest.raises(Asked):
        operator.execute_complete(context("legality_review.submission"), answer())
    refusal = ledger.latest(spec.id, "answer_refused")
    assert refusal["data"]["rule"] == "R-E3" and refusal["actor"] == "juece"
    assert ledger.latest(spec.id, "submission_prepared") is None


def test_once_the_year_is_loaded_the_step_goes_on_and_the_record_says_who_resumed_it(waiting) -> None:
    spec, ledger, operator = waiting
    with pytest.raises(Asked):
        operator.execute(context("legality_review.submission"))
    CalendarStore().load(parse_schedule(2028, {"holidays": ["2028-01-01"]}, "2028 notice"), "administrator")
    operator.execute_complete(context("legality_review.submission"), answer("administrator"))
    kinds = [e["kind"] for e in ledger.entries(spec.id)]
    assert kinds[-3:] == ["calendar_awaited", "calendar_loaded", "submission_prepared"]
    submission = ledger.latest(spec.id, "submission_prepared")["data"]
    assert submission["review_due"] == "2028-01-06"  # Wed 29, Thu 30, Fri 31, Mon 3 … Thu 6 and "2028 notice" in submission["calendar"]
    assert ledger.latest(spec.id, "calendar_loaded")["actor"] == "administrator"
