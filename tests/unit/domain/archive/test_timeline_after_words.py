"""The record in words after the decision: the archive built, numbered, retrieved and checked,
implementation and evaluation, with the exact sentence in Chinese and English for each."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_after as said
from juece.domain.archive.timeline_words import People

NO = "J001-2027-Y-0003"


def words(phrase: Any, data: dict[str, Any], people: People | None = None) -> tuple[str, str]:
    return phrase(data, {"actor": "archivist", "stage": "archive"}, people or People())  # type: ignore[no-any-return]


def test_an_archive_built_gives_its_number_version_edition_and_how_many_entries_it_holds() -> None:
    data = {"archive_no": NO, "version": 2, "edition": "public", "entries": 41}
    assert words(said.archive_built, data) == (
        f"生成决策档案 {NO} 第2版（公开版），收录记录41条",
        f"Archive built {NO}, version 2 (public edition), holding 41 entries of the record")
    assert words(said.archive_built, {**data, "format": "ofd", "edition": "full", "entries": 1}) == (
        f"生成决策档案（OFD版式） {NO} 第2版（完整版），收录记录1条",
        f"Archive built (OFD) {NO}, version 2 (full edition), holding 1 entry of the record")


def test_an_archive_built_without_its_fields_says_only_that_it_was_built() -> None:
    assert words(said.archive_built, {}) == ("生成决策档案", "Archive built")
    assert words(said.archive_built, {"format": "OFD", "entries": "41", "version": True}) == (
        "生成决策档案", "Archive built")
    assert words(said.archive_built, {"entries": 0, "version": 0}) == (
        "生成决策档案 第0版，收录记录0条", "Archive built, version 0, holding 0 entries of the record")


def test_an_archive_number_is_cut_to_thirty_characters() -> None:
    assert words(said.archive_built, {"archive_no": "J" * 40}) == (
        f"生成决策档案 {'J' * 29}…", f"Archive built {'J' * 29}…")
    assert words(said.archive_built, {"archive_no": "J" * 30}) == (f"生成决策档案 {'J' * 30}", f"Archive built {'J' * 30}")


def test_an_unknown_edition_is_shown_readably() -> None:
    assert words(said.archive_built, {"edition": "draft_copy"}) == (
        "生成决策档案（draft copy）", "Archive built (draft copy)")


def test_an_issued_archive_number_gives_its_retention_in_words() -> None:
    assert words(said.archive_issued, {"archive_no": NO, "retention": "permanent"}) == (
        f"登记档号 {NO}，保管期限：永久", f"Archive number issued: {NO}, retention: permanent")
    assert words(said.archive_issued, {"archive_no": NO, "retention": "30_years"}) == (
        f"登记档号 {NO}，保管期限：30 years", f"Archive number issued: {NO}, retention: 30 years")
    assert words(said.archive_issued, {"archive_no": NO, "retention": ""}) == (
        f"登记档号 {NO}", f"Archive number issued: {NO}")
    assert words(said.archive_issued, {}) == ("登记档号", "Archive number issued:")


def test_a_retrieval_names_the_readers_role_and_the_channel() -> None:
    data = {"role": "reader", "archive_no": NO, "version": 1, "edition": "public", "channel": "portal"}
    assert words(said.archive_retrieved, data) == (
        f"调阅人调阅档案 {NO} 第1版（公开版），经公众参与页面",
        f"Reader retrieved the archive {NO}, version 1 (public edition) through the public portal")
    assert words(said.archive_retrieved, {"role": "legality_reviewer", "channel": "cli"}) == (
        "合法性审查人调阅档案，经命令行", "Legality reviewer retrieved the archive through the command line")


def test_a_retrieval_without_a_role_says_someone_and_a_role_not_in_the_spec_says_so() -> None:
    assert words(said.archive_retrieved, {}) == ("调阅档案", "Someone retrieved the archive")
    assert words(said.archive_retrieved, {"role": None, "channel": ""}) == ("调阅档案", "Someone retrieved the archive")
    assert words(said.archive_retrieved, {"role": "stranger"}) == (
        "未知角色调阅档案", "Role not in the spec retrieved the archive")


def test_a_failed_fixity_check_names_the_archive_what_was_wrong_and_the_problems() -> None:
    data = {"archive_no": NO, "version": 3, "check": "hash_mismatch", "problems": ["a.pdf", "b.ofd"]}
    assert words(said.fixity_failed, data) == (
        f"档案 {NO} 第3版完整性校验发现问题：文件哈希不符；a.pdf；b.ofd",
        f"Fixity check failed for the archive {NO}, version 3: SHA-256 differs; a.pdf；b.ofd")
    assert words(said.fixity_failed, {"check": "chain_broken"}) == (
        "档案完整性校验发现问题：哈希链损坏", "Fixity check failed for the archive: ledger chain broken")
    assert words(said.fixity_failed, {}) == ("档案完整性校验发现问题", "Fixity check failed for the archive")
    assert words(said.fixity_failed, {"problems": "x" * 70}) == (
        f"档案完整性校验发现问题；{'x' * 59}…", f"Fixity check failed for the archive; {'x' * 59}…")


def test_an_evaluation_scheduled_names_who_carries_it_out_who_evaluates_when_and_by_what_day() -> None:
    data = {"implementing_unit": "区住建局", "evaluator_unit": "区司法局", "after_months": 12,
            "due_at": "2028-03-31T16:00:00Z"}
    assert words(said.evaluation_scheduled, data) == (
        "安排实施和决策后评估：由区住建局组织实施，区司法局于公布12个月后评估（2028-04-01）",
        "Implementation and evaluation scheduled: 区住建局 carries the decision out; "
        "区司法局 evaluates it 12 months after publication (2028-04-01)")


def test_an_evaluation_scheduled_with_parts_missing_says_what_it_has() -> None:
    assert words(said.evaluation_scheduled, {}) == ("安排实施和决策后评估", "Implementation and evaluation scheduled")
    assert words(said.evaluation_scheduled, {"after_months": 6}) == (
        "安排实施和决策后评估，评估单位于公布6个月后评估",
        "Implementation and evaluation scheduled; the evaluator evaluates it 6 months after publication")
    assert words(said.evaluation_scheduled, {"evaluator_unit": "区司法局", "due_at": "2028-04-01"}) == (
        "安排实施和决策后评估，区司法局评估（2028-04-01）",
        "Implementation and evaluation scheduled; 区司法局 evaluates it (2028-04-01)")
    assert words(said.evaluation_scheduled, {"applies": None, "implementing_unit": "单" * 40}) == (
        f"安排实施和决策后评估：由{'单' * 29}…组织实施",
        f"Implementation and evaluation scheduled: {'单' * 29}… carries the decision out")
    assert words(said.evaluation_scheduled, {"evaluator_unit": "评" * 31}) == (
        f"安排实施和决策后评估，{'评' * 29}…评估", f"Implementation and evaluation scheduled; {'评' * 29}… evaluates it")


def test_a_decision_not_approved_and_published_has_no_evaluation_scheduled() -> None:
    expected = ("决策未经批准并公布，不安排实施和后评估",
                "The decision was not approved and published: no implementation or evaluation is scheduled")
    assert words(said.evaluation_scheduled, {"applies": False, "implementing_unit": "区住建局"}) == expected
    assert words(said.evaluation_scheduled, {"applies": 0})[0] == "安排实施和决策后评估"


def test_an_implementation_report_gives_its_number_unit_and_summary() -> None:
    data = {"number": 2, "unit": "区住建局", "summary": "已完成一期工程。"}
    assert words(said.implementation_reported, data) == (
        "区住建局报送第2次实施情况；摘要：已完成一期工程",
        "Implementation report 2 from 区住建局; summary: 已完成一期工程")
    assert words(said.implementation_reported, {}) == ("执行单位报送实施情况", "Implementation report")
    assert words(said.implementation_reported, {"unit": "单" * 31}) == (
        f"{'单' * 29}…报送实施情况", f"Implementation report from {'单' * 29}…")


def test_a_complaint_gives_its_count_since_the_last_evaluation_and_the_threshold() -> None:
    data = {"count_since_evaluation": 3, "threshold": 5, "summary": "噪声扰民"}
    assert words(said.complaint_recorded, data) == (
        "收到投诉（自上次评估以来第3件，满5件即启动评估）；摘要：噪声扰民",
        "Complaint recorded (number 3 since the last evaluation; 5 start one); summary: 噪声扰民")
    assert words(said.complaint_recorded, {"count_since_evaluation": 3}) == (
        "收到投诉（自上次评估以来第3件）", "Complaint recorded (number 3 since the last evaluation)")
    assert words(said.complaint_recorded, {"threshold": 5}) == ("收到投诉", "Complaint recorded")


def test_an_evaluation_requested_gives_its_number_trigger_evaluator_and_reason() -> None:
    data = {"number": 2, "trigger": "complaints", "evaluator_unit": "区司法局", "reason": "投诉达到5件。"}
    assert words(said.evaluation_requested, data) == (
        "申请第2次决策后评估（投诉累积），评估单位：区司法局；理由：投诉达到5件",
        "Evaluation 2 requested (complaints), by 区司法局; reason: 投诉达到5件")
    assert words(said.evaluation_requested, {}) == ("申请决策后评估", "Evaluation requested")


def test_an_evaluation_opened_gives_its_number_trigger_and_evaluator() -> None:
    assert words(said.evaluation_opened, {"number": 1, "trigger": "schedule"}) == (
        "开始第1次决策后评估（按计划评估）", "Evaluation 1 opened (scheduled)")
    assert words(said.evaluation_opened, {"trigger": "on_demand", "evaluator_unit": "评" * 31}) == (
        f"开始决策后评估（决策机关要求），评估单位：{'评' * 29}…", f"Evaluation opened (on demand), by {'评' * 29}…")
    assert words(said.evaluation_opened, {}) == ("开始决策后评估", "Evaluation opened")


def test_a_trigger_no_evaluation_knows_is_shown_as_recorded_not_in_another_tables_words() -> None:
    assert words(said.evaluation_opened, {"trigger": "adjust"}) == ("开始决策后评估（adjust）", "Evaluation opened (adjust)")


def test_an_evaluation_concluded_gives_its_outcome_findings_adjustment_and_amendment() -> None:
    data = {"number": 1, "outcome": "adjust", "findings": "部分条款不适应。", "adjustment": "修改第3条",
            "amendment_id": "d-2"}
    assert words(said.evaluation_concluded, data) == (
        "第1次决策后评估结论：调整；评估结论：部分条款不适应；调整内容：修改第3条（调整决策 d-2）",
        "Evaluation 1 concluded: adjust; findings: 部分条款不适应; adjustment: 修改第3条 (amendment decision d-2)")
    assert words(said.evaluation_concluded, {}) == ("决策后评估结论：未载明", "Evaluation concluded: not stated")


def test_an_amendment_id_is_cut_to_seventy_characters() -> None:
    assert words(said.evaluation_concluded, {"outcome": "continue", "amendment_id": "d" * 80}) == (
        f"决策后评估结论：继续执行（调整决策 {'d' * 69}…）", f"Evaluation concluded: continue (amendment decision {'d' * 69}…)")
    assert words(said.amendment_launched, {"amendment": "d" * 80}) == (
        f"启动调整决策 {'d' * 69}…，依法定程序重新办理",
        f"Amendment decision {'d' * 69}… launched, to run the procedure again")


def test_an_amendment_launched_names_the_new_decision_and_the_evaluation_behind_it() -> None:
    assert words(said.amendment_launched, {"amendment": "d-2", "evaluation": 1}) == (
        "根据第1次决策后评估启动调整决策 d-2，依法定程序重新办理",
        "Amendment decision d-2 launched after evaluation 1, to run the procedure again")
    assert words(said.amendment_launched, {}) == (
        "启动调整决策，依法定程序重新办理", "Amendment decision launched, to run the procedure again")
