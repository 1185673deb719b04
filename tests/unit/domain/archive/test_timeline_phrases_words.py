"""The record in words of the launch and the public comments: the exact sentence in Chinese and
English for a decision launched, a stage that does not apply, the notice, each comment, the
close of the period, a disposition, the adoption report and another channel of participation."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_phrases as said
from juece.domain.archive.timeline_words import People


def words(phrase: Any, data: dict[str, Any], stage: str = "public_participation") -> tuple[str, str]:
    return phrase(data, {"actor": "sponsor_office", "stage": stage}, People())  # type: ignore[no-any-return]


def test_a_launch_names_the_sponsor_unit_the_title_its_category_and_the_decision_it_amends() -> None:
    spec = {"title": "东部新区规划", "title_en": "East district plan", "category": "important_plan",
            "sponsor_unit": "区住建局", "amends": "d-1"}
    assert words(said.launched, {"spec": spec, "clock_scale": 60}) == (
        "承办单位（区住建局）启动决策“东部新区规划”（重要规划），调整决策 d-1；演示时钟加速60倍",
        "The sponsor office launched the decision “East district plan” (important plan), amending decision d-1; "
        "the demonstration clock runs 60 times faster")


def test_a_launch_without_an_english_title_uses_the_chinese_one_and_without_a_spec_says_only_that() -> None:
    assert words(said.launched, {"spec": {"title": "东部新区规划"}, "clock_scale": 1.5}) == (
        "承办单位启动决策“东部新区规划”；演示时钟加速1.5倍",
        "The sponsor office launched the decision “东部新区规划”; the demonstration clock runs 1.5 times faster")
    assert words(said.launched, {"spec": "odd"}) == ("承办单位启动决策", "The sponsor office launched the decision")
    assert words(said.launched, {}) == ("承办单位启动决策", "The sponsor office launched the decision")


def test_a_launch_at_normal_speed_or_with_an_odd_clock_says_nothing_of_the_clock() -> None:
    for scale in (1, 0.5, True, "60", None):
        assert words(said.launched, {"clock_scale": scale}) == (
            "承办单位启动决策", "The sponsor office launched the decision")


def test_a_launchs_title_unit_and_amended_decision_are_cut_short() -> None:
    spec = {"title": "题" * 101, "title_en": "t" * 100, "sponsor_unit": "单" * 31, "amends": "d" * 71}
    assert words(said.launched, {"spec": spec}) == (
        f"承办单位（{'单' * 29}…）启动决策“{'题' * 99}…”，调整决策 {'d' * 69}…",
        f"The sponsor office launched the decision “{'t' * 100}”, amending decision {'d' * 69}…")


def test_a_started_workflow_says_it_runs_in_airflow() -> None:
    assert words(said.workflow_started, {}) == ("决策流程在 Airflow 中启动", "The decision's workflow started in Airflow")


def test_a_stage_not_applicable_names_the_stage_the_article_and_the_reason() -> None:
    data = {"reason": "纯技术性调整。", "article": "Art. 19"}
    assert words(said.not_applicable, data, "expert_review") == (
        "专家论证环节不适用（条例第19条）；理由：纯技术性调整", "Expert review does not apply (Art. 19); reason: 纯技术性调整")
    assert words(said.not_applicable, {"article": "第十九条"}, "risk_assessment") == (
        "风险评估环节不适用（第十九条）", "Risk assessment does not apply (第十九条)")
    assert words(said.not_applicable, {}, "odd_stage") == ("odd stage环节不适用", "odd stage does not apply")


def test_a_notice_gives_the_draft_the_days_the_last_day_the_urgency_and_a_hearing() -> None:
    data = {"draft_version": 2, "period_days": 15, "last_day": "2027-03-31", "urgency_reason": "汛期临近。",
            "hearing": {"seats": 5}}
    assert words(said.notice_published, data) == (
        "发布征求意见公告（草案第2稿），征求意见15日，至2027-03-31 24:00止；期限少于30日的理由：汛期临近；另将举行听证会",
        "Published the notice for public comment (draft version 2): 15 days for comments, until 2027-03-31 24:00; "
        "why fewer than 30 days: 汛期临近; a hearing will also be held")
    assert words(said.notice_published, {}) == ("发布征求意见公告", "Published the notice for public comment")


def test_a_notice_without_its_last_day_ends_at_24_00_of_the_day_before_its_china_time_close() -> None:
    data = {"closes_at": "2027-03-31T16:00:00Z", "deadline": "2027-05-01"}
    assert words(said.notice_published, data) == (
        "发布征求意见公告，至2027-03-31 24:00止", "Published the notice for public comment, until 2027-03-31 24:00")
    assert words(said.notice_published, {"deadline": "2027-03-31T17:00:00Z"}) == (
        "发布征求意见公告，至2027-04-01 24:00止", "Published the notice for public comment, until 2027-04-01 24:00")
    assert words(said.notice_published, {"last_day": "2027-03-31T16:00:00Z", "closes_at": "2027-05-01"}) == (
        "发布征求意见公告，至2027-04-01 24:00止", "Published the notice for public comment, until 2027-04-01 24:00")


def test_a_comment_gives_its_receipt_channel_paragraph_lateness_and_words() -> None:
    data = {"receipt": "C-0001", "channel": "portal", "paragraph": 3, "late": True, "text": "建议增加停车位。"}
    assert words(said.comment_received, data) == (
        "收到公众意见 C-0001（经公众参与页面，针对第3段，逾期提交，予以保留并标注）：“建议增加停车位。”",
        "Comment C-0001 received (through the public portal, on paragraph 3, late: kept and marked late): “建议增加停车位。”")
    assert words(said.comment_received, {"channel": "csv", "receipt": "R" * 21}) == (
        f"收到公众意见 {'R' * 19}…（经表格导入）", f"Comment {'R' * 19}… received (through a spreadsheet upload)")
    assert words(said.comment_received, {"late": False, "paragraph": "3"}) == ("收到公众意见", "Comment received")


def test_a_closed_period_counts_the_comments_and_the_late_ones() -> None:
    assert words(said.comments_closed, {"count": 12, "late": ["a", "b"]}) == (
        "征求意见期满，共收到公众意见12条（其中逾期2条）", "The comment period closed: 12 comments received (2 of them late)")
    assert words(said.comments_closed, {"on_time": ["a", "b"], "late": ["c"]}) == (
        "征求意见期满，共收到公众意见3条（其中逾期1条）", "The comment period closed: 3 comments received (1 of them late)")
    assert words(said.comments_closed, {"on_time": ["a"], "late": []}) == (
        "征求意见期满，共收到公众意见1条", "The comment period closed: 1 comment received")
    assert words(said.comments_closed, {"on_time": ["a"], "late": None}) == (
        "征求意见期满，共收到公众意见1条", "The comment period closed: 1 comment received")
    assert words(said.comments_closed, {"on_time": "a", "late": 3}) == ("征求意见期满", "The comment period closed")


def test_a_disposition_gives_the_comments_reference_the_value_and_the_reason() -> None:
    data = {"ref": "C-0001", "receipt": "C-9", "disposition": "partly_adopted", "reason": "已部分吸收。"}
    assert words(said.comment_disposed, data) == (
        "公众意见 C-0001 的处理结果：部分采纳；理由：已部分吸收", "Comment C-0001 disposed of: partly adopted; reason: 已部分吸收")
    assert words(said.comment_disposed, {"receipt": "C" * 21}) == (
        f"公众意见 {'C' * 19}… 的处理结果：未载明", f"Comment {'C' * 19}… disposed of: not stated")
    assert words(said.comment_disposed, {}) == ("公众意见的处理结果：未载明", "Comment disposed of: not stated")


def test_an_adoption_report_on_comments_counts_each_disposition_and_the_rate() -> None:
    data = {"counts": {"adopted": 3, "partly_adopted": 1}, "total": 5, "adoption_rate": 0.8}
    assert words(said.adoption_report, data) == (
        "形成公众意见采纳情况报告：共5条，采纳3条、部分采纳1条、不予采纳0条（采纳率80%）",
        "Adoption report on the public comments: 5 in all, 3 adopted, 1 partly adopted, 0 not adopted "
        "(80% adopted in whole or in part)")
    assert words(said.adoption_report, {"adoption_rate": 0.8333}) == (
        "形成公众意见采纳情况报告（采纳率83.3%）", "Adoption report on the public comments (83.3% adopted in whole or in part)")
    assert words(said.adoption_report, {"counts": [1], "adoption_rate": "80%"}) == (
        "形成公众意见采纳情况报告", "Adoption report on the public comments")


def test_an_adoption_report_on_expert_opinions_counts_opinions() -> None:
    data = {"counts": {"adopted": 2, "partly_adopted": 1, "not_adopted": 1}, "total": 4, "adoption_rate": 0.75}
    assert words(said.adoption_report, data, "expert_review") == (
        "形成专家论证意见采纳情况报告：共4份，采纳2份、部分采纳1份、不予采纳1份（采纳率75%）",
        "Adoption report on the expert opinions: 4 in all, 2 adopted, 1 partly adopted, 1 not adopted "
        "(75% adopted in whole or in part)")


def test_another_channel_gives_its_kind_title_day_participants_and_summary() -> None:
    data = {"channel": "symposium", "title": "东部新区规划座谈会", "held_on": "2027-03-10", "participants": 12,
            "summary": "与会代表支持。"}
    assert words(said.channel_recorded, data) == (
        "承办单位记录座谈会“东部新区规划座谈会”（2027-03-10，12人参加）：与会代表支持。",
        "The sponsor office recorded a symposium “东部新区规划座谈会” (2027-03-10, 12 taking part): 与会代表支持。")
    assert words(said.channel_recorded, {"channel": "visit", "title": "题" * 41, "participants": 8}) == (
        f"承办单位记录实地走访“{'题' * 39}…”（8人参加）", f"The sponsor office recorded a site visit “{'题' * 39}…” (8 taking part)")
    assert words(said.channel_recorded, {"channel": "questionnaire", "held_on": "2027-03-10T16:30:00Z"}) == (
        "承办单位记录问卷调查（2027-03-11）", "The sponsor office recorded a questionnaire (2027-03-11)")
    assert words(said.channel_recorded, {"channel": None, "title": "座谈"})[0] == "承办单位记录其他参与渠道“座谈”"
