"""The legality review itself, each row as the archivist reads it (R-E4)."""

from __future__ import annotations

from juece.domain.archive.compliance_decision import r_e4
from juece.domain.archive.compliance_facts import MET, NOT_MET, OPEN, REFUSED, Facts, Finding
from tests.unit.domain.archive.compliance_records import CD, LR, read

REVIEW, ADVISER, REVISED = "legality_reviewed", "adviser_opinion", "draft_revised"
WHOLE = {"authority": "有权", "procedure": "合规", "content": "合法"}


def test_r_e4_is_open_without_a_review_of_the_legality_stage_with_the_submission_as_proof() -> None:
    facts, made = read((LR, "submission_prepared", {}), (CD, "submission_prepared", {}),
                       (CD, REVIEW, {**WHOLE, "outcome": "lawful"}))
    assert r_e4(facts) == Finding(OPEN, "尚无合法性审查意见", "no legality review yet", made[0])


def test_r_e4_is_met_by_a_whole_review_after_the_legal_advisers_opinion() -> None:
    facts, made = read((CD, ADVISER, {}), (LR, ADVISER, {}), (LR, ADVISER, {}), (LR, REVIEW, {**WHOLE, "outcome": "lawful"}))
    assert r_e4(facts) == Finding(MET, "审查权限、程序、内容；法律顾问意见（#2）；结论：合法",
                                  "authority, procedure and content reviewed; legal adviser heard (#2); outcome: lawful",
                                  made[3])


def test_r_e4_counts_the_rounds_once_revisions_were_asked_and_made() -> None:
    facts, made = read((LR, ADVISER, {}), (LR, REVIEW, {**WHOLE, "outcome": "lawful_with_revisions"}),
                       (LR, REVISED, {}), (LR, REVIEW, {**WHOLE, "outcome": "unlawful"}))
    assert r_e4(facts) == Finding(MET, "第2轮审查权限、程序、内容；法律顾问意见（#1）；结论：不合法",
                                  "review 2: authority, procedure and content reviewed; legal adviser heard (#1); "
                                  "outcome: unlawful", made[3])


def test_r_e4_is_open_while_the_draft_asked_to_be_revised_goes_back() -> None:
    facts, made = read((LR, ADVISER, {}), (LR, "gate_closed", {}), (LR, REVIEW, {**WHOLE, "outcome": "lawful_with_revisions"}))
    assert r_e4(facts) == Finding(OPEN, "审查要求修改：草案退回修改后再次审查",
                                  "revisions asked: the draft goes back, then to review again", made[2])


def test_r_e4_is_refused_when_the_gate_closed_after_revisions_were_asked() -> None:
    facts, made = read((LR, ADVISER, {}), (LR, REVIEW, {**WHOLE, "outcome": "lawful_with_revisions"}), (LR, REVISED, {}),
                       (LR, REVIEW, {**WHOLE, "outcome": "lawful_with_revisions"}), (LR, "gate_closed", {}),
                       (LR, "gate_closed", {}))
    assert r_e4(facts) == Finding(REFUSED, "第2轮审查要求修改，修改后的草案未再经审查认定合法，关口关闭（#5）",
                                  "review 2: revisions asked; the revised draft was not found lawful again and the gate "
                                  "closed (#5)", made[4])


def test_r_e4_single_round_refused_reads_no_round_number() -> None:
    facts, made = read((LR, ADVISER, {}), (LR, REVIEW, {**WHOLE, "outcome": "lawful_with_revisions"}),
                       (LR, "gate_closed", {}))
    assert r_e4(facts) == Finding(REFUSED, "审查要求修改，修改后的草案未再经审查认定合法，关口关闭（#3）",
                                  "revisions asked; the revised draft was not found lawful again and the gate closed (#3)",
                                  made[2])


def test_r_e4_names_every_fault_of_the_reviews() -> None:
    facts, made = read((LR, REVIEW, {**WHOLE, "outcome": "lawful_with_revisions"}), (LR, ADVISER, {}),
                       (LR, REVIEW, {**WHOLE, "content": " ", "outcome": "maybe"}),
                       (LR, REVIEW, {"authority": "有权", "procedure": "合规", "outcome": "lawful"}))
    assert r_e4(facts) == Finding(
        NOT_MET, "审查前没有法律顾问意见；未审查权限、程序和内容：#3、#4；结论不明：#3；未修改即再次审查：#1",
        "no legal adviser's opinion before the review; authority, procedure and content not all reviewed: #3, #4; "
        "unknown outcome: #3; reviewed again without a revision: #1", made[3])


def test_r_e4_is_not_met_by_a_review_without_any_legal_advisers_opinion() -> None:
    facts, made = read((CD, ADVISER, {}), (LR, REVIEW, {**WHOLE, "outcome": "lawful"}))
    assert r_e4(facts) == Finding(NOT_MET, "审查前没有法律顾问意见", "no legal adviser's opinion before the review", made[1])


def test_r_e4_is_not_met_by_a_second_review_with_no_revision_between() -> None:
    facts, made = read((LR, ADVISER, {}), (LR, REVIEW, {**WHOLE, "outcome": "lawful_with_revisions"}),
                       (LR, REVISED, {}), (LR, REVIEW, {**WHOLE, "outcome": "lawful_with_revisions"}),
                       (LR, REVIEW, {**WHOLE, "outcome": "lawful"}), (LR, REVISED, {}))
    assert r_e4(facts) == Finding(NOT_MET, "未修改即再次审查：#4", "reviewed again without a revision: #4", made[4])


def test_r_e4_is_not_met_by_a_review_whose_outcome_is_missing() -> None:
    facts, made = read((LR, ADVISER, {}), (LR, REVIEW, WHOLE))
    assert r_e4(facts) == Finding(NOT_MET, "结论不明：#2", "unknown outcome: #2", made[1])


def test_r_e4_reads_an_adviser_and_a_review_that_lost_their_numbers_as_heard_in_time() -> None:
    adviser = {"stage": LR, "kind": ADVISER, "data": {}}
    review = {"stage": LR, "kind": REVIEW, "data": {**WHOLE, "outcome": "lawful"}}
    assert r_e4(Facts([adviser, review])) == Finding(
        MET, "审查权限、程序、内容；法律顾问意见（#None）；结论：合法",
        "authority, procedure and content reviewed; legal adviser heard (#None); outcome: lawful", review)
