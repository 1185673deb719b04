"""A task whose role is a group (``group:<name>``): assigned, when it runs, to every member the
directory lists then; the member who answers is the one recorded; anyone else is refused (R-H5)
and the group asked again; an unknown or empty group fails the task naming it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import TEMPLATES

PEOPLE = """
groups:
  legality-office:
    name: 合法性审查科室
    name_en: legality review office
    members: [chen_jing, wei_dong]
  nobody-yet:
    name: 空科室
    members: []
people:
  - {user: chen_jing, name: 陈静}
  - {user: wei_dong, name: 卫东}
"""
TASK = "legality_review.adviser_opinion"


class Asked(Exception):
    """The operator handed the task to Airflow to wait for an answer from these users."""


def context() -> dict[str, Any]:
    return {"ti": SimpleNamespace(run_id="manual__test", task_id=TASK, map_index=-1, try_number=1)}


@pytest.fixture
def people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(path))
    return path


@pytest.fixture
def launched(juece_home: Path, people: Path, monkeypatch: pytest.MonkeyPatch):
    """A decision whose legal adviser is the legality office, launched; the HITL request stood in for."""
    from airflow.providers.standard.operators.hitl import HITLOperator

    from juece.adapters.store.ledger import Ledger
    from juece.domain.record.acts import Act
    from juece.domain.stages import Stage
    from juece.spec import load_spec_text

    def ask(self: HITLOperator, _context: Any) -> None:
        raise Asked([user["id"] for user in self.assigned_users])

    monkeypatch.setattr(HITLOperator, "execute", ask)
    text = (TEMPLATES / "urban-planning.yaml").read_text(encoding="utf-8")
    spec = load_spec_text(text.replace("legal_adviser: legal_adviser", "legal_adviser: group:legality-office"), "u.yaml")
    ledger = Ledger()
    ledger.append_many(spec.id, [Act(Stage.LAUNCH, "launched", "sponsor_office",
                                     {"spec": spec.model_dump(mode="json"), "clock_scale": 1})])
    return spec, ledger


def operator(spec, assignee: str):
    from juece.orchestration.hitl import DecisionTaskOperator

    return DecisionTaskOperator(task_id="adviser_opinion", decision_id=spec.id, form="adviser_opinion",
                                assignee=assignee)


def answer(user: str) -> dict[str, Any]:
    return {"chosen_options": ["合法 Lawful"], "params_input": {"opinion": "于法有据"},
            "responded_by_user": {"id": user}, "responded_at": datetime.now(UTC).isoformat()}


def test_the_task_is_assigned_to_every_member_as_the_directory_says_when_it_runs(launched, people: Path) -> None:
    spec, ledger = launched
    task = operator(spec, spec.stages.legality_review.legal_adviser)
    with pytest.raises(Asked) as asked:
        task.execute(context())
    assert asked.value.args[0] == ["chen_jing", "wei_dong"]
    told = {(e["data"]["recipient"], e["data"]["name"]) for e in ledger.entries(spec.id) if e["kind"] == "notice_sent"}
    assert told == {("chen_jing", "陈静"), ("wei_dong", "卫东")}  # each member is told, by name
    people.write_text(PEOPLE.replace("[chen_jing, wei_dong]", "[chen_jing, wei_dong, jiang_he]"), encoding="utf-8")
    with pytest.raises(Asked) as asked_again:
        task.execute(context())
    assert asked_again.value.args[0] == ["chen_jing", "wei_dong", "jiang_he"]


@pytest.mark.parametrize(("group", "said"), [("group:missing", "没有组“missing”"), ("group:nobody-yet", "没有成员")])
def test_an_unknown_or_empty_group_fails_the_task_naming_the_group(launched, group: str, said: str) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    spec, _ = launched
    with pytest.raises(AirflowFailException) as failed:
        operator(spec, group).execute(context())
    message = str(failed.value)
    assert said in message and group.removeprefix("group:") in message.split(" / ")[-1]


def test_the_member_who_answered_is_the_one_recorded(launched) -> None:
    spec, ledger = launched
    result = operator(spec, "group:legality-office").execute_complete(context(), answer("wei_dong"))
    opinion = ledger.latest(spec.id, "adviser_opinion")
    assert opinion["actor"] == "wei_dong" and result == {"recorded": [opinion["hash"]]}


def test_an_answer_from_outside_the_group_is_refused_and_the_group_asked_again(launched) -> None:
    spec, ledger = launched
    with pytest.raises(Asked) as asked:
        operator(spec, "group:legality-office").execute_complete(context(), answer("li_si"))
    assert asked.value.args[0] == ["chen_jing", "wei_dong"]
    refusal = ledger.latest(spec.id, "answer_refused")
    assert (refusal["actor"], refusal["data"]["rule"], refusal["data"]["by"]) == ("li_si", "R-H5", "li_si")
    assert "合法性审查科室" in refusal["data"]["zh"] and "group:" not in refusal["data"]["zh"] + refusal["data"]["en"]
    assert ledger.latest(spec.id, "adviser_opinion") is None


def test_a_user_role_is_asked_of_that_user_alone_and_refuses_anyone_else(launched) -> None:
    spec, ledger = launched
    task = operator(spec, "legal_adviser")
    with pytest.raises(Asked) as asked:
        task.execute(context())
    assert asked.value.args[0] == ["legal_adviser"]
    with pytest.raises(Asked):
        task.execute_complete(context(), answer("wei_dong"))
    assert ledger.latest(spec.id, "answer_refused")["data"]["rule"] == "R-H5"
    task.execute_complete(context(), answer("legal_adviser"))
    assert ledger.latest(spec.id, "adviser_opinion")["actor"] == "legal_adviser"


def test_under_fab_the_member_is_recorded_by_user_name_not_account_number(launched) -> None:
    """FAB gives the account's number as the responder's id and the user name (the LDAP uid) as
    its name: the name is recorded, and checked against the group."""
    spec, ledger = launched
    event = {**answer("17"), "responded_by_user": {"id": "17", "name": "wei_dong"}}
    operator(spec, "group:legality-office").execute_complete(context(), event)
    assert ledger.latest(spec.id, "adviser_opinion")["actor"] == "wei_dong"
