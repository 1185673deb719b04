"""The risk assessor's task ids, one for each round (R-D4): the DAG, the register's page and the
notices' links all read them from one function."""

from __future__ import annotations

from juece.domain.risk.rounds import MAX_ROUNDS, assessor_task_ids


def test_one_round_is_the_assessment_alone() -> None:
    assert assessor_task_ids(1) == ["assess"]


def test_each_round_after_the_first_is_a_numbered_reassessment() -> None:
    assert assessor_task_ids(3) == ["assess", "reassess_1", "reassess_2"]


def test_at_most_five_rounds_make_five_tasks() -> None:
    assert MAX_ROUNDS == 5
    assert assessor_task_ids(MAX_ROUNDS) == ["assess", "reassess_1", "reassess_2", "reassess_3", "reassess_4"]


def test_under_a_task_group_each_id_is_prefixed_with_the_group() -> None:
    assert assessor_task_ids(2, "risk_assessment") == ["risk_assessment.assess", "risk_assessment.reassess_1"]


def test_an_empty_group_name_means_no_group() -> None:
    assert assessor_task_ids(2, "") == assessor_task_ids(2) == ["assess", "reassess_1"]
