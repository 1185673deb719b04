"""A form error (an answer of the wrong shape, citing no rule) is handled like a refusal under a
rule by the real HITL operator: recorded as `answer_refused` with its Chinese and English and no
rule id, the same person asked again, and counted against no rule in the compliance table."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from airflow.providers.standard.operators.hitl import HITLOperator

from juece.domain.archive.compliance import compliance
from tests.dags.conftest import context


class Asked(Exception):
    """The operator handed the task back to Airflow to ask the same person again."""


def test_a_form_error_is_recorded_bilingual_without_a_rule_and_the_person_asked_again(
        launched, monkeypatch: pytest.MonkeyPatch) -> None:
    from juece.orchestration.hitl import DecisionTaskOperator

    spec, ledger = launched
    monkeypatch.setattr(HITLOperator, "execute", lambda self, ctx: (_ for _ in ()).throw(Asked(self.task_id)))
    operator = DecisionTaskOperator(task_id="assess", decision_id=spec.id, form="risk_assessment",
                                    assignee="risk_assessor")
    event = {"chosen_options": ["提交 Submit"], "responded_by_user": {"id": "risk_assessor"},
             "params_input": {"risk_points": ["社会稳定"], "departments_heard": ["县财政局"], "response_plan": "预案"},
             "responded_at": datetime.now(UTC).isoformat()}
    with pytest.raises(Asked, match="assess"):
        operator.execute_complete(context("risk_assessment.assess"), event)
    refusal = ledger.latest(spec.id, "answer_refused")
    assert refusal["actor"] == "risk_assessor" and refusal["data"]["rule"] is None
    assert (refusal["data"]["zh"], refusal["data"]["en"]) == ("第1个风险点格式不对", "risk point 1 must be an object")
    assert ledger.latest(spec.id, "risk_assessed") is None
    assert sum(item.refusals for item in compliance(ledger.entries(spec.id))) == 0
