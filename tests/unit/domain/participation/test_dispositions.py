"""One disposition checked alone (R-B4, R-C6): a value outside the three is refused for that
reason, every other part of it valid, and nothing outside the three reaches the adoption report."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juece.domain.participation.dispositions import (
    DISPOSITIONS,
    adoption_report,
    check_item,
    check_items,
)
from juece.domain.record.errors import RuleViolation


@pytest.mark.parametrize("rule", ["R-B4", "R-C6"])
def test_a_disposition_accepted_with_a_reason_is_refused_as_outside_the_three(rule: str) -> None:
    item = {"ref": "C-000001", "disposition": "accepted", "reason": "理由充分。"}
    with pytest.raises(RuleViolation) as caught:
        check_item(item, {"C-000001"}, rule)
    assert (caught.value.rule, caught.value.field) == (rule, "disposition")
    assert "must be one of adopted, partly_adopted, not_adopted" in caught.value.en


def test_a_disposition_accepted_is_never_counted_in_the_adoption_report_r_b4() -> None:
    items = [{"ref": "C-000001", "disposition": "adopted"},
             {"ref": "C-000002", "disposition": "accepted", "reason": "理由充分。"}]
    with pytest.raises(RuleViolation) as caught:
        check_items(items, {"C-000001", "C-000002"}, "R-B4")
    assert (caught.value.rule, caught.value.field) == ("R-B4", "disposition")


def test_the_adoption_report_counts_adopted_and_partly_adopted_as_adopted_r_b5() -> None:
    disposed = {"a": {"disposition": "adopted"}, "b": {"disposition": "partly_adopted"},
                "c": {"disposition": "not_adopted"}}
    report = adoption_report(["a", "b", "c"], disposed, "public_participation", "R-B4", "office")
    assert report.data["counts"] == {"adopted": 1, "partly_adopted": 1, "not_adopted": 1}
    assert report.data["adoption_rate"] == 0.6667
    assert report.data["rules"] == ["R-B4", "R-B5"]


@given(value=st.text(max_size=20))
def test_only_the_three_dispositions_are_taken_whatever_else_is_given(value: str) -> None:
    item = {"ref": "r", "disposition": value, "reason": "理由。"}
    try:
        taken = check_item(item, {"r"}, "R-C6")
    except RuleViolation as refused:
        assert value.strip() not in DISPOSITIONS and refused.field == "disposition"
    else:
        assert taken["disposition"] in DISPOSITIONS and taken["disposition"] == value.strip()
