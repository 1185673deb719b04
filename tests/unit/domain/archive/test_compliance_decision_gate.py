"""The legality gate and the submission for review, each row as the archivist reads it (R-E1..R-E3)."""

from __future__ import annotations

from juece.domain.archive.compliance_decision import r_e1, r_e2, r_e3
from juece.domain.archive.compliance_facts import MET, NOT_MET, OPEN, REFUSED, Finding
from tests.unit.domain.archive.compliance_records import CD, LR, read

REVIEW, PASSED, CLOSED, MEETING = "legality_reviewed", "gate_passed", "gate_closed", "meeting_convened"
SUBMITTED = "submission_prepared"


def test_r_e1_is_open_before_the_gate_with_the_review_of_the_legality_stage_as_proof() -> None:
    assert r_e1(read()[0]) == Finding(OPEN, "合法性审查关口尚未作出", "the gate has not been reached")
    facts, made = read((LR, REVIEW, {}), (CD, REVIEW, {}))
    assert r_e1(facts) == Finding(OPEN, "合法性审查关口尚未作出", "the gate has not been reached", made[0])


def test_r_e1_is_not_met_when_the_first_meeting_came_without_any_gate() -> None:
    facts, made = read((CD, MEETING, {}), (CD, MEETING, {}))
    assert r_e1(facts) == Finding(NOT_MET, "未经合法性审查关口即提交集体讨论", "deliberation without the legality gate",
                                  made[0])


def test_r_e1_is_not_met_when_a_meeting_followed_the_closed_gate() -> None:
    facts, made = read((CD, MEETING, {}), (LR, CLOSED, {}), (CD, MEETING, {}), (CD, MEETING, {}))
    assert r_e1(facts) == Finding(NOT_MET, "关口关闭（#2）后仍提交了集体讨论", "deliberation after the gate closed (#2)",
                                  made[2])


def test_r_e1_is_refused_with_each_reason_of_the_closed_gate_cut_to_its_length() -> None:
    reasons = [{"rule": "R-E1", "zh": "审查认为不合法", "en": "found  unlawful"}, "not a reason",
               {"rule": "R-E4-LONG-ID", "zh": "甲" * 61, "en": "b" * 81}]
    facts, made = read((LR, PASSED, {}), (CD, MEETING, {}), (LR, CLOSED, {"refusals": reasons}))
    assert r_e1(facts) == Finding(
        REFUSED, f"关口关闭，未提交集体讨论：审查认为不合法（R-E1）；{'甲' * 59}…（R-E4-LO…）",
        f"the gate closed; no deliberation: found unlawful (R-E1); {'b' * 79}… (R-E4-LO…)", made[2])


def test_r_e1_refused_without_reasons_reads_a_dash() -> None:
    facts, made = read((LR, CLOSED, {"refusals": "none"}))
    assert r_e1(facts) == Finding(REFUSED, "关口关闭，未提交集体讨论：—", "the gate closed; no deliberation: —", made[0])


def test_r_e1_is_met_by_a_gate_passed_after_the_last_review_found_lawful() -> None:
    facts, made = read((LR, REVIEW, {"outcome": "unlawful"}), (LR, REVIEW, {"outcome": "unlawful"}),
                       (LR, REVIEW, {"outcome": "lawful"}), (LR, CLOSED, {}), (LR, PASSED, {}),
                       (LR, REVIEW, {"outcome": "unlawful"}))
    assert r_e1(facts) == Finding(MET, "审查结论：合法（#3），关口通过", "found lawful (#3); the gate passed", made[4])


def test_r_e1_is_met_by_a_recorded_exploratory_override_stating_the_legal_risk() -> None:
    facts, made = read((LR, REVIEW, {"outcome": "unlawful", "exploratory_override": True,
                                     "legal_risk": "与现行  收费规定不一致"}), (LR, PASSED, {}))
    assert r_e1(facts) == Finding(
        MET, "审查结论不合法，按探索性改革例外通过并记录，法律风险：与现行 收费规定不一致",
        "found unlawful; passed as a recorded exploratory-reform override with the legal risk stated: 与现行 收费规定不一致",
        made[1])


def test_r_e1_is_not_met_by_an_override_without_a_stated_risk_or_of_another_outcome() -> None:
    for review in ({"outcome": "unlawful", "exploratory_override": True, "legal_risk": " "},
                   {"outcome": "unlawful", "exploratory_override": False, "legal_risk": "风险"},
                   {"outcome": "lawful_with_revisions", "exploratory_override": True, "legal_risk": "风险"}):
        facts, made = read((LR, REVIEW, review), (LR, PASSED, {}))
        assert r_e1(facts) == Finding(NOT_MET, f"关口通过，但审查结论为{review['outcome']}",
                                      f"the gate passed without a lawful review (outcome {review['outcome']})", made[1])


def test_r_e1_is_not_met_by_a_gate_passed_without_any_review() -> None:
    facts, made = read((LR, PASSED, {}), (LR, REVIEW, {"outcome": "lawful"}))
    assert r_e1(facts) == Finding(NOT_MET, "关口通过，但审查结论为无", "the gate passed without a lawful review "
                                  "(outcome none)", made[0])


def test_r_e2_and_r_e3_are_open_until_the_legality_stage_prepares_a_submission() -> None:
    facts, _ = read((CD, SUBMITTED, {"draft_text": "x"}))
    for evaluate in (r_e2, r_e3):
        assert evaluate(facts) == Finding(OPEN, "尚未报送合法性审查", "not yet submitted for review")


def test_r_e2_names_everything_the_submission_lacks() -> None:
    facts, made = read((LR, SUBMITTED, {"legal_basis": [" ", None], "procedures": ["x"]}))
    assert r_e2(facts) == Finding(NOT_MET, "报送材料缺少：draft, legal_basis, procedures",
                                  "the submission lacks: draft, legal_basis, procedures", made[0])
    facts, made = read((LR, SUBMITTED, {"draft_sha256": "ab", "legal_basis": ["宪法"], "procedures": "all"}))
    assert r_e2(facts) == Finding(NOT_MET, "报送材料缺少：procedures", "the submission lacks: procedures", made[0])


def test_r_e2_is_met_by_the_draft_its_legal_basis_and_the_statement_of_procedures() -> None:
    facts, made = read((LR, SUBMITTED, {"draft_text": "第一条", "draft_version": 3, "legal_basis": ["宪法", "", "条例"],
                                        "procedures": [{"stage": "a"}, {"stage": "b"}, "c"]}))
    assert r_e2(facts) == Finding(
        MET, "报送草案第3版、法律依据2项、依记录生成的2个环节程序说明（附记录哈希）",
        "draft v3, 2 legal basis item(s), and a statement of 2 stage(s) generated from the record, with the entries' "
        "hashes", made[0])


def test_r_e2_reads_an_unknown_or_overlong_draft_version_as_a_question_mark_or_cut() -> None:
    made = {"draft_sha256": "ab", "legal_basis": ["宪法"], "procedures": [{}]}
    assert r_e2(read((LR, SUBMITTED, made))[0]).zh.startswith("报送草案第?版、法律依据1项、依记录生成的1个")
    assert r_e2(read((LR, SUBMITTED, {**made, "draft_version": "1234567"}))[0]).en.startswith("draft v12345…, 1 legal")


def test_r_e3_is_not_met_under_seven_working_days_or_without_a_due_date() -> None:
    for days, due, words in ((6, "2027-04-10", "6"), (7, "", "7"), (True, "2027-04-10", "True"), ("9", "2027-04-10", "9"),
                             (None, "2027-04-10", "—")):
        facts, made = read((LR, SUBMITTED, {"review_working_days": days, "review_due": due}))
        assert r_e3(facts) == Finding(NOT_MET, f"审查期限为{words}个工作日，不足7个工作日或未载明届满日",
                                      f"{words} working days: under 7, or no due date stated", made[0]), days


def test_r_e3_is_met_with_the_days_the_dates_and_the_calendar() -> None:
    facts, made = read((LR, SUBMITTED, {"review_working_days": 7, "review_due": "2027-04-10",
                                        "submitted_on": "2027-03-30", "calendar": "国务院2027年节假日安排"}))
    assert r_e3(facts) == Finding(MET, "审查期限7个工作日：2027-03-30报送，2027-04-10届满（国务院2027年节假日安排）",
                                  "7 working days: submitted 2027-03-30, due 2027-04-10 (国务院2027年节假日安排)", made[0])
    facts, made = read((LR, SUBMITTED, {"review_working_days": 15, "review_due": "2027-04-10T16:00:00Z"}))
    assert r_e3(facts) == Finding(MET, "审查期限15个工作日：报送，2027-04-1…届满（）", "15 working days: submitted , due "
                                  "2027-04-1… ()", made[0])


def test_r_e3_cuts_the_submission_date_to_ten_characters_and_the_calendar_to_eighty() -> None:
    facts, made = read((LR, SUBMITTED, {"review_working_days": 7, "review_due": "2027-04-10",
                                        "submitted_on": "2027-03-30T08:00:00Z", "calendar": "历" * 81}))
    assert r_e3(facts).en == f"7 working days: submitted 2027-03-3…, due 2027-04-10 ({'历' * 79}…)"
