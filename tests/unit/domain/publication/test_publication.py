"""Publication (R-G1): the announcement from its template, the adoption explanations, no personal
data (R-H6), and the deadline in working days with overdue flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from juece.domain.publication.announcement import portal_path, publish, working_days_between
from juece.domain.record.clock import format_time
from juece.domain.stages import Stage

DECIDED = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # a Monday, 10:00 in Beijing


def meeting(chain, outcome: str = "approve", at: datetime = DECIDED) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": outcome, "reason": ""})
    chain.entries[-1]["at"] = format_time(at)


def with_reports(chain) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
              {"receipt": "R-0001", "paragraph": 3, "text": "我叫张三，电话13800000000，建议提高标准。"})
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office",
              {"ref": "R-0001", "disposition": "not_adopted", "reason": "现行标准已高于国家标准。"})
    chain.add(Stage.PUBLIC_PARTICIPATION, "adoption_report", "sponsor_office", {"counts": {"not_adopted": 1}})
    chain.add(Stage.EXPERT_REVIEW, "opinion_submitted", "expert_07",
              {"expert": "expert_07", "seat": "seat_2", "conclusion": "support_with_conditions", "opinion": "…"})
    chain.add(Stage.EXPERT_REVIEW, "opinion_disposed", "sponsor_office",
              {"ref": "expert_07", "disposition": "partly_adopted", "reason": "分两期实施。"})
    chain.add(Stage.EXPERT_REVIEW, "adoption_report", "sponsor_office", {"counts": {"partly_adopted": 1}})


def test_the_announcement_is_rendered_from_its_template_with_each_explanation(spec, chain) -> None:
    with_reports(chain)
    meeting(chain)
    act, = publish(spec, chain.entries, DECIDED + timedelta(days=3))
    text = act.data["announcement"]
    assert (act.kind, act.actor, act.data["rule"]) == ("published", "sponsor_office", "R-G1")
    assert "（1）回执 R-0001，涉及第三条：不予采纳 not adopted。理由：现行标准已高于国家标准。" in text
    assert "（1）第2席专家的论证意见，结论为附条件支持 Support with conditions：部分采纳 partly adopted。理由：分两期实施。" in text
    assert spec.draft.text.strip() in text and "执行单位：延寿县自然资源局" in text
    assert act.data["portal"] == portal_path(spec.id) == f"/juece/public/decisions/{spec.id}/announcement"


def test_an_expert_is_named_with_affiliation_and_specialty_and_the_conclusion_in_words(spec, chain) -> None:
    expert = {"user": "expert_07", "name": "赵立新", "specialties": ["给排水"], "affiliation": "黑龙江省水利科学研究院"}
    chain.add(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office", {
        "pool": [expert], "seats": [{"seat": "seat_1", "user": "expert_01", "covers": ["城市规划"]},
                                    {"seat": "seat_2", "user": "expert_07", "covers": ["给排水"]}]})
    with_reports(chain)
    meeting(chain)
    text = publish(spec, chain.entries, DECIDED + timedelta(days=3))[0].data["announcement"]
    assert ("（1）赵立新（黑龙江省水利科学研究院；论证专业：给排水）的论证意见，结论为附条件支持 Support with "
            "conditions：部分采纳 partly adopted。理由：分两期实施。") in text
    for code in ("seat_2", "support_with_conditions", "expert_07", "partly_adopted"):
        assert code not in text


def test_no_personal_data_reaches_the_announcement_r_h6(spec, chain) -> None:
    with_reports(chain)
    meeting(chain)
    text = publish(spec, chain.entries, DECIDED + timedelta(days=3))[0].data["announcement"]
    for personal in ("张三", "13800000000", "expert_07"):
        assert personal not in text


def test_publication_within_the_working_days_is_on_time(spec, chain) -> None:
    meeting(chain)
    act, = publish(spec, chain.entries, datetime(2026, 3, 13, 2, 0, tzinfo=UTC))
    data = act.data
    assert (data["working_days"], data["within_working_days"], data["overdue"], data["on_time"]) == (9, 20, False, True)
    assert (data["decided_on"], data["published_on"], data["days_over"]) == ("2026-03-02", "2026-03-13", 0)


def test_late_publication_is_flagged_with_the_days_over_r_g1(make_spec, chain) -> None:
    spec = make_spec({"stages.publication.within_working_days": 5})
    meeting(chain)
    published, overdue = publish(spec, chain.entries, datetime(2026, 3, 13, 2, 0, tzinfo=UTC))
    assert published.kind == "published" and published.data["overdue"] and not published.data["on_time"]
    assert (overdue.kind, overdue.data["rule"]) == ("publication_overdue", "R-G1")
    assert (overdue.data["working_days"], overdue.data["within_working_days"], overdue.data["days_over"]) == (9, 5, 4)


def test_public_holidays_are_not_working_days() -> None:
    from datetime import date

    assert working_days_between(date(2026, 9, 30), date(2026, 10, 9)) == 2  # the National Day week


def test_an_accelerated_clock_counts_legal_days(spec, chain) -> None:
    chain.entries[0]["data"]["clock_scale"] = 86400.0
    meeting(chain)
    act, = publish(spec, chain.entries, DECIDED + timedelta(seconds=11))  # 11 legal days
    assert (act.data["published_on"], act.data["working_days"]) == ("2026-03-13", 9)


@pytest.mark.parametrize(("days", "on_time"), [(10, True), (40, None)], ids=["short", "long"])
def test_beyond_the_official_holiday_schedule_the_count_is_unknown_not_guessed(spec, chain, days, on_time) -> None:
    decided = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
    meeting(chain, at=decided)
    acts = publish(spec, chain.entries, decided + timedelta(days=days))
    data = acts[0].data
    assert (data["working_days"], data["calendar_known"], data["overdue"], data["on_time"]) == (None, False, False, on_time)
    assert len(acts) == 1


@pytest.mark.parametrize("outcome", ["reject", "revise", "postpone"])
def test_a_decision_not_approved_is_recorded_as_not_published(spec, chain, outcome: str) -> None:
    meeting(chain, outcome)
    act, = publish(spec, chain.entries, DECIDED)
    assert (act.kind, act.data["outcome"]) == ("not_published", outcome)


def test_the_announcement_prints_the_draft_as_last_revised(spec, chain) -> None:
    chain.add(Stage.RISK_ASSESSMENT, "draft_revised", "sponsor_office", {"version": 2, "text": "第一条 修改后的规划。"})
    meeting(chain)
    text = publish(spec, chain.entries, DECIDED + timedelta(days=1))[0].data["announcement"]
    assert "（第2版 version 2）\n第一条 修改后的规划。" in text and spec.draft.text.strip() not in text
