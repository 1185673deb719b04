"""The rows of the compliance table: each rule's id and titles from the registry, its evaluator's
status, words, proof and due date, and the answers refused under it."""

from __future__ import annotations

from juece.domain.archive.compliance import EVALUATORS, RuleStatus, compliance
from juece.domain.archive.compliance_facts import Facts
from juece.domain.rules import RULES
from tests.unit.domain.archive.compliance_records import CD, LR, entries

REFUSED = "answer_refused"


def rows(record: object) -> dict[str, RuleStatus]:
    return {row.rule: row for row in compliance(record)}  # type: ignore[arg-type]


def test_a_row_gives_the_rules_titles_and_its_evaluators_finding() -> None:
    made = entries((CD, "head_decision", {"outcome": "revise"}))
    assert rows(made)["R-F5"] == RuleStatus("R-F5", "会议决定", "meeting outcome", "met", "会议结果：修改后再审",
                                            "outcome: revise and resubmit", made[0], None, 0)
    assert rows({"entries": made})["R-E1"] == RuleStatus(
        "R-E1", "未经合法性审查不得提交讨论", "no deliberation without a legality review", "open", "合法性审查关口尚未作出",
        "the gate has not been reached", None, None, 0)


def test_a_row_reads_its_status_in_both_languages() -> None:
    row = rows([])["R-F5"]
    assert (row.status, row.label) == ("open", ("尚无记录", "open: nothing yet"))


def test_the_rows_follow_the_registry() -> None:
    table = compliance([])
    assert [(row.rule, row.title_zh, row.title_en) for row in table] == [
        (rule.id, rule.title_zh, rule.title_en) for rule in RULES.values()]


def test_answers_refused_are_counted_beside_the_rule_they_were_refused_under() -> None:
    made = entries((CD, REFUSED, {"rule": "R-F4"}), (LR, REFUSED, {"rule": "R-F4"}), (CD, REFUSED, {"rule": "R-E1"}),
                   (CD, REFUSED, {"rule": ""}), (CD, REFUSED, {}), (CD, REFUSED, {"rule": "R-X9"}), (CD, "step_refused",
                                                                                                    {"rule": "R-F5"}))
    counts = {rule: row.refusals for rule, row in rows(made).items() if row.refusals}
    assert counts == {"R-F4": 2, "R-E1": 1}
    assert rows(made)["R-F5"].refusals == 0


def test_each_row_carries_its_evaluators_whole_finding_due_date_included() -> None:
    made = entries(("launch", "launched", {"spec": {"stages": {"post_evaluation": {"implementing_unit": "县住建局"}}}}),
                   ("publication", "published", {"published_at": "2027-06-30T17:00:00Z"}))
    table = rows(made)
    assert (table["R-G2"].status, table["R-G2"].due) == ("due", "2027-07-01")
    facts = Facts(made)
    assert {rule: (row.status, row.note_zh, row.note_en, row.proof, row.due) for rule, row in table.items()} == {
        rule: (found.status, found.zh, found.en, found.proof, found.due)
        for rule, found in ((rule, EVALUATORS[rule](facts)) for rule in RULES)}


def test_a_moment_whose_china_date_falls_outside_the_calendar_is_unreadable_and_never_breaks_the_table() -> None:
    made = entries((CD, "head_decision", {"outcome": "approve"}),
                   ("publication", "published", {"published_at": "9999-12-31T23:00:00-10:00"}))
    made[0]["at"] = "0001-01-01T00:00:00+14:00"
    assert len(compliance(made)) == len(RULES)
