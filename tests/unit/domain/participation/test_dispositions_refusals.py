"""Each refusal of a disposition (R-B4, R-C6) by its rule, field and words in both languages, every
other input valid; the stage's dispositions closed by its adoption report; the report itself."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.participation.dispositions import (
    CLOSES_STAGE,
    acts_for,
    adoption_report,
    check_item,
    check_items,
    check_open,
    recorded,
    require_all,
    stage_report,
)
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.record.kinds import Kind

WANTED = {"C-000001", "C-000002"}


def refusal(call: Any, *args: Any) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        call(*args)
    error = caught.value
    return error.rule, error.field, error.zh, error.en


def test_a_disposition_that_is_not_an_object_is_refused_for_its_form() -> None:
    with pytest.raises(FormError) as caught:
        check_item(["C-000001", "adopted"], WANTED, "R-B4")
    error = caught.value
    assert (error.rule, error.zh, error.en) == (None, "每条处理结果应包含 ref、disposition、reason",
                                                "each disposition is an object with ref, disposition, reason")


def test_a_disposition_of_an_unknown_ref_is_refused_naming_it() -> None:
    assert refusal(check_item, {"ref": " C-000009 ", "disposition": "adopted"}, WANTED, "R-B4") == (
        None, "ref", "没有编号为 C-000009 的待处理意见", "there is no opinion or comment 'C-000009' to dispose of")


def test_a_disposition_naming_no_ref_is_refused_as_of_no_comment() -> None:
    assert refusal(check_item, {"disposition": "adopted"}, WANTED | {"None"}, "R-B4") == (
        None, "ref", "没有编号为  的待处理意见", "there is no opinion or comment '' to dispose of")


@pytest.mark.parametrize("rule", ["R-B4", "R-C6"])
def test_a_disposition_outside_the_three_is_refused_naming_the_three_in_both_languages(rule: str) -> None:
    assert refusal(check_item, {"ref": "C-000001", "disposition": "accepted", "reason": "理由。"}, WANTED, rule) == (
        rule, "disposition", "C-000001 的处理结果须为 adopted/partly_adopted/not_adopted",
        "the disposition of C-000001 must be one of adopted, partly_adopted, not_adopted")


@pytest.mark.parametrize(("rule", "disposition", "zh", "en"), [
    ("R-B4", "partly_adopted", "部分采纳", "partly adopted"),
    ("R-B4", "not_adopted", "不予采纳", "not adopted"),
    ("R-C6", "adopted", "采纳", "adopted"),
    ("R-C6", "not_adopted", "不予采纳", "not adopted"),
])
def test_a_disposition_without_the_reason_its_rule_asks_is_refused_naming_it(
        rule: str, disposition: str, zh: str, en: str) -> None:
    item = {"ref": "C-000001", "disposition": disposition, "reason": "  "}
    assert refusal(check_item, item, WANTED, rule) == (
        rule, "reason", f"C-000001 {zh}，须说明理由", f"C-000001 is {en}: a reason is required")


def test_a_comment_adopted_as_it_stands_needs_no_reason_r_b4() -> None:
    taken = check_item({"ref": " C-000001 ", "disposition": " adopted ", "reason": None}, WANTED, "R-B4")
    assert taken == {"ref": "C-000001", "disposition": "adopted", "reason": ""}


def test_a_reason_is_kept_trimmed() -> None:
    taken = check_item({"ref": "C-000001", "disposition": "not_adopted", "reason": " 与上位法不符。 "}, WANTED, "R-B4")
    assert taken["reason"] == "与上位法不符。"


def test_several_dispositions_are_taken_together_by_ref() -> None:
    items = [{"ref": "C-000001", "disposition": "adopted"},
             {"ref": "C-000002", "disposition": "not_adopted", "reason": "理由。"}]
    given = check_items(items, iter(sorted(WANTED)), "R-B4")
    assert list(given) == ["C-000001", "C-000002"] and given["C-000002"]["reason"] == "理由。"


def test_a_ref_disposed_of_twice_at_once_is_refused_naming_it() -> None:
    items = [{"ref": "C-000001", "disposition": "adopted"}, {"ref": "C-000001", "disposition": "adopted"}]
    assert refusal(check_items, items, WANTED, "R-B4") == (
        None, "ref", "C-000001 的处理结果填写了两次", "C-000001 is disposed of twice: give one disposition")


def entry(seq: int, kind: str, stage: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"seq": seq, "kind": kind, "stage": stage, "data": data}


def test_a_disposition_after_the_stages_adoption_report_is_refused_naming_the_entry() -> None:
    check_open(None, "R-B4")
    report = entry(12, CLOSES_STAGE, "public_participation", {})
    assert refusal(check_open, report, "R-B4") == (
        "R-B4", "dispositions", "本环节已形成意见采纳情况报告（台账第12条），处理结果不能再记录或更改",
        "the stage's adoption report is recorded (ledger entry 12): its dispositions are final, "
        "none can be recorded or changed")


def test_the_stages_own_latest_adoption_report_closes_it() -> None:
    entries = [entry(1, Kind.ADOPTION_REPORT, "expert_review", {}), entry(2, Kind.ADOPTION_REPORT, "public_participation", {}),
               entry(3, Kind.ADOPTION_REPORT, "public_participation", {"n": 2}), entry(4, "other", "public_participation", {})]
    assert stage_report(entries, "public_participation")["seq"] == 3  # type: ignore[arg-type,index]
    assert stage_report(entries, "legality_review") is None  # type: ignore[arg-type]


def test_the_latest_disposition_of_each_ref_is_the_recorded_one() -> None:
    kind = Kind.COMMENT_DISPOSED
    entries = [entry(1, kind, "p", {"ref": "a", "disposition": "adopted"}),
               entry(2, kind, "p", {"ref": "a", "disposition": "not_adopted"}),
               entry(3, "other", "p", {"ref": "b"})]
    assert recorded(entries, kind) == {"a": {"ref": "a", "disposition": "not_adopted"}}  # type: ignore[arg-type]


def test_each_disposition_is_an_act_of_the_stage_citing_its_rule() -> None:
    given = {"a": {"ref": "a", "disposition": "adopted", "reason": ""}}
    act, = acts_for(given, "expert_review", Kind.OPINION_DISPOSED, "R-C6", "office", {"seat": 1})
    assert (act.stage, act.kind, act.actor) == ("expert_review", Kind.OPINION_DISPOSED, "office")
    assert act.data == {"ref": "a", "disposition": "adopted", "reason": "", "rule": "R-C6", "seat": 1}
    act, = acts_for(given, "public_participation", Kind.COMMENT_DISPOSED, "R-B4", "office")
    assert act.data == {"ref": "a", "disposition": "adopted", "reason": "", "rule": "R-B4"}


def test_the_stage_cannot_close_while_a_ref_has_no_disposition_naming_the_first_twenty() -> None:
    require_all(["a"], {"a": {}}, "R-B4")
    assert refusal(require_all, ["a", "b"], {"a": {}}, "R-C6") == (
        "R-C6", "dispositions", "以下意见尚无处理结果：b", "these have no disposition yet: b")
    wanted = [f"C-{n:06d}" for n in range(1, 23)]
    shown = ", ".join(wanted[:20]) + " … (+2)"
    assert refusal(require_all, wanted, {}, "R-B4") == (
        "R-B4", "dispositions", f"以下意见尚无处理结果：{shown}", f"these have no disposition yet: {shown}")
    assert refusal(require_all, wanted[:21], {}, "R-B4")[3].endswith(f"{wanted[19]} … (+1)")
    twenty = wanted[:20]
    assert refusal(require_all, twenty, {}, "R-B4")[3] == f"these have no disposition yet: {', '.join(twenty)}"


def test_the_experts_adoption_report_cites_r_c6_and_an_empty_stage_has_no_rate() -> None:
    disposed = {"a": {"disposition": "not_adopted"}, "b": {"disposition": "adopted"}}
    report = adoption_report(["a", "b"], disposed, "expert_review", "R-C6", "office")
    assert (report.stage, report.kind, report.actor) == ("expert_review", Kind.ADOPTION_REPORT, "office")
    assert report.data == {"total": 2, "counts": {"not_adopted": 1, "adopted": 1}, "adoption_rate": 0.5,
                           "rules": ["R-C6", "R-C6"]}
    empty = adoption_report([], {}, "expert_review", "R-C6", "office")
    assert empty.data == {"total": 0, "counts": {}, "adoption_rate": None, "rules": ["R-C6", "R-C6"]}
