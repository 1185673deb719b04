"""What the archive catalogue and search know of a decision, read from its record: the facts of
its launch and decision, each stage's dates and status (R-A2), and the prose indexed by section,
without comments (R-H6), identifiers, hashes or the opinions of a panel still open (R-C6)."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.archive.facts import (
    ArchiveFacts,
    archive_facts,
    prose,
    search_texts,
    stage_dates,
    stage_status,
)
from juece.domain.record.errors import RecordError

SPEC = {"title": "东大街改造", "title_en": "East Street renewal", "decision_body": "延寿县人民政府",
        "sponsor_unit": "县住建局", "category": "major_public_construction",
        "catalogue": {"year": "2027", "number": 5},
        "draft": {"text": "第一条 拓宽东大街", "explanation": "起草说明"}}
NO_STAGE = {"public_participation": "none", "expert_review": "none", "risk_assessment": "none",
            "legality_review": "none", "collective_deliberation": "none"}


class Record:
    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []

    def add(self, stage: str, kind: str, data: dict[str, Any] | None = None, at: str = "") -> Record:
        seq = len(self.entries) + 1
        self.entries.append({"seq": seq, "stage": stage, "kind": kind, "data": data or {},
                             "at": at or f"2027-03-{seq:02d}T08:00:00.000000Z"})
        return self


def launched(spec: dict[str, Any] | None = None) -> Record:
    return Record().add("launch", "launched", {"spec": SPEC if spec is None else spec})


def test_a_decided_catalogued_record_gives_every_fact() -> None:
    record = (launched().add("public_participation", "notice_published")
              .add("collective_deliberation", "head_decision", {"outcome": "approve"}, "2027-06-30T17:00:00.000000Z"))
    assert archive_facts("ys-1", record.entries) == ArchiveFacts(
        decision_id="ys-1", title="东大街改造", title_en="East Street renewal", decision_body="延寿县人民政府",
        sponsor="县住建局", category="major_public_construction", catalogue_year=2027, catalogue_number="5",
        launch_year=2027, launched_on="2027-03-01", decided_on="2027-06-30", outcome="approve",
        stage_dates={"launch": {"first": "2027-03-01T08:00:00.000000Z", "last": "2027-03-01T08:00:00.000000Z"},
                     "public_participation": {"first": "2027-03-02T08:00:00.000000Z",
                                              "last": "2027-03-02T08:00:00.000000Z"},
                     "collective_deliberation": {"first": "2027-06-30T17:00:00.000000Z",
                                                 "last": "2027-06-30T17:00:00.000000Z"}},
        stage_status={**NO_STAGE, "public_participation": "recorded", "collective_deliberation": "recorded"})


def test_an_undecided_record_without_catalogue_or_spec_fields_gives_the_defaults() -> None:
    facts = archive_facts("ys-2", Record().add("launch", "launched", {}, "2026-12-31T23:00:00.000000Z").entries)
    assert (facts.title, facts.title_en, facts.decision_body, facts.sponsor, facts.category) == ("ys-2", "", "", "", "")
    assert (facts.catalogue_year, facts.catalogue_number, facts.decided_on, facts.outcome) == (None, None, None, "undecided")
    assert (facts.launch_year, facts.launched_on) == (2026, "2026-12-31")
    assert facts.stage_status == NO_STAGE


def test_empty_catalogue_fields_and_a_null_title_en_count_as_absent() -> None:
    spec = {"title": "", "title_en": None, "catalogue": {"year": 0, "number": ""}}
    facts = archive_facts("ys-3", launched(spec).entries)
    assert (facts.title, facts.title_en, facts.catalogue_year, facts.catalogue_number) == ("", "", None, None)
    assert archive_facts("ys-3", launched({"catalogue": None}).entries).catalogue_year is None


def test_a_catalogue_entry_with_only_a_number_has_no_year() -> None:
    facts = archive_facts("ys-4", launched({"catalogue": {"number": "2027-01"}}).entries)
    assert (facts.catalogue_year, facts.catalogue_number) == (None, "2027-01")
    facts = archive_facts("ys-4", launched({"catalogue": {"year": 2028}}).entries)
    assert (facts.catalogue_year, facts.catalogue_number) == (2028, None)


def test_the_latest_launch_and_the_latest_decision_count() -> None:
    record = (launched().add("collective_deliberation", "head_decision", {"outcome": "revise"})
              .add("launch", "launched", {"spec": {**SPEC, "title": "东大街改造（修改稿）"}}, "2028-01-05T00:00:00.000000Z")
              .add("collective_deliberation", "head_decision", {}, "2028-02-01T00:00:00.000000Z"))
    facts = archive_facts("ys-5", record.entries)
    assert (facts.title, facts.launch_year, facts.launched_on) == ("东大街改造（修改稿）", 2028, "2028-01-05")
    assert (facts.decided_on, facts.outcome) == ("2028-02-01", "undecided")


def test_a_record_without_a_launch_is_refused_in_both_languages() -> None:
    record = Record().add("public_participation", "notice_published")
    with pytest.raises(RecordError) as refused:
        archive_facts("ys-6", record.entries)
    assert str(refused.value) == "决策 ys-6 没有启动记录 / decision ys-6 has no launch in its record"


def test_each_stage_spans_its_first_and_last_entry() -> None:
    record = (Record().add("expert_review", "panel_drawn").add("risk_assessment", "x")
              .add("expert_review", "opinion_submitted").add("expert_review", "panel_closed"))
    assert stage_dates(record.entries) == {
        "expert_review": {"first": "2027-03-01T08:00:00.000000Z", "last": "2027-03-04T08:00:00.000000Z"},
        "risk_assessment": {"first": "2027-03-02T08:00:00.000000Z", "last": "2027-03-02T08:00:00.000000Z"}}
    assert stage_dates([]) == {}


def test_a_stage_marked_not_applicable_stays_so_whatever_else_it_records() -> None:
    record = (launched().add("expert_review", "opinion_submitted").add("expert_review", "not_applicable")
              .add("risk_assessment", "not_applicable").add("risk_assessment", "report_submitted")
              .add("publication", "published").add("legality_review", "legality_reviewed"))
    assert stage_status(record.entries) == {**NO_STAGE, "expert_review": "not_applicable",
                                            "risk_assessment": "not_applicable", "legality_review": "recorded"}


def test_the_prose_of_a_record_is_indexed_by_section() -> None:
    record = (launched().add("public_participation", "notice_published", {"text": "征求意见公告", "rule": "R-B1"})
              .add("public_participation", "comment_received", {"text": "我反对拓宽", "name": "王小明"})
              .add("expert_review", "opinion_signed", {"opinion": "方案可行"})
              .add("legality_review", "legality_reviewed", {"opinion": "合法"})
              .add("legality_review", "adviser_opinion", {"opinion": "建议修改第三条"})
              .add("collective_deliberation", "member_view", {"view": "同意"})
              .add("collective_deliberation", "minutes_recorded", {"text": "会议纪要", "attendees": ["张三"]})
              .add("publication", "published", {"text": "决定全文"})
              .add("publication", "hearing_announced", {"text": "征求意见公告"})
              .add("post_evaluation", "evaluation_concluded", {"conclusion": "实施良好"})
              .add("collective_deliberation", "draft_revised", {"text": "第一条 拓宽东大街至二十米"})
              .add("archive", "published", {"text": "档案已出具"}))
    assert search_texts(record.entries) == {
        "draft": "第一条 拓宽东大街\n起草说明\n第一条 拓宽东大街至二十米",
        "announcement": "征求意见公告\n决定全文",
        "opinion": "方案可行",
        "legality": "合法\n建议修改第三条",
        "minutes": "同意\n会议纪要\n张三\n实施良好"}


def test_a_record_without_launch_or_draft_indexes_no_draft() -> None:
    empty = {"draft": "", "announcement": "", "opinion": "", "legality": "", "minutes": ""}
    assert search_texts([]) == empty
    assert search_texts(launched({"draft": {"text": "", "explanation": "说明"}}).entries) == {**empty, "draft": "说明"}
    assert search_texts(Record().add("launch", "launched", {}).entries) == empty


def test_an_opinion_of_a_panel_still_open_is_not_indexed_until_it_closes() -> None:
    record = (launched({}).add("expert_review", "panel_drawn")
              .add("expert_review", "opinion_submitted", {"conclusion": "方案可行", "expert": "e1"})
              .add("expert_review", "opinion_signed", {"statement": "本人签署"}))
    assert search_texts(record.entries)["opinion"] == "本人签署"
    record.add("expert_review", "panel_closed")
    assert search_texts(record.entries)["opinion"] == "方案可行\n本人签署"


def test_prose_leaves_out_identifiers_hashes_times_and_single_characters() -> None:
    data = {"text": "正文", "hash": "h", "sha256": "s", "rule": "R-B1", "rules": ["R-B2"], "seat": "席位",
            "expert": "专家甲", "member": "委员", "by": "某人", "task": "任务", "receipt": "回执",
            "doc_sha256": "x1", "prev_hash": "x2", "decision_entry": "x3", "received_at": "x4", "user_id": "x5",
            "short": " 是 ", "number": 12, "flag": True, "none": None,
            "items": [{"reason": "理由一"}, "列表项", ["嵌套"]], "ids_id": ["不要"], 7: "键为数字"}
    assert prose(data) == ["正文", "理由一", "列表项", "嵌套", "键为数字"]


def test_prose_of_a_bare_text_keeps_it_unless_blank_or_one_character() -> None:
    assert prose("  好的  ") == ["  好的  "]
    assert prose("  好 ") == []
    assert prose("", "text") == []
    assert prose("正文", "hash") == []
