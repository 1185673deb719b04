"""How the compliance table reads a record: its entries by kind and stage, their order, the launch
spec, and how the procedure ended, whatever the record holds."""

from __future__ import annotations

from juece.domain.archive.compliance_facts import NOT_APPLICABLE, Facts, Finding
from tests.unit.domain.archive.compliance_records import CD, LR, entries, read

SPEC = {"stages": {CD: {"head": "县长"}, LR: "not a stage"}}


def test_a_whole_archive_record_gives_its_entries_edition_chain_head_redactions_and_spec() -> None:
    made = entries(("launch", "launched", {"spec": {"old": 1}}), ("launch", "launched", {"spec": SPEC}))
    facts = Facts({"entries": [*made, "junk", None], "edition": "public", "chain_head": "ab", "redactions": [{}, {}]})
    assert (facts.entries, facts.edition, facts.chain_head, facts.redactions, facts.spec) == (
        made, "public", "ab", [{}, {}], SPEC)
    assert facts.stage(CD) == {"head": "县长"} and facts.stage(LR) == {} and facts.stage("risk_assessment") == {}


def test_a_list_of_entries_or_a_damaged_record_is_read_without_failing() -> None:
    made = entries((LR, "gate_passed", {}))
    facts = Facts(made)
    assert (facts.entries, facts.edition, facts.chain_head, facts.redactions, facts.spec) == (made, None, None, [], {})
    damaged = Facts({"entries": {"seq": 1}, "redactions": "all"})
    assert (damaged.entries, damaged.redactions, damaged.spec) == ([], [], {})
    assert Facts({"entries": tuple(made)}).entries == [] and Facts({"entries": None}).entries == []
    assert Facts(entries(("launch", "launched", {"spec": ["x"]}))).spec == {}
    assert Facts(entries(("launch", "launched", {"spec": {"stages": ["x"]}}))).stage(CD) == {}


def test_entries_are_found_by_kind_and_stage_in_record_order() -> None:
    made = [{"seq": 1, "kind": "member_view", "stage": CD}, {"seq": 2, "kind": ["member_view"]},
            {"seq": 3, "kind": "member_view", "stage": LR}, {"seq": 4, "kind": "member_view", "stage": CD}]
    facts = Facts(made)
    assert facts.all("member_view") == [made[0], made[2], made[3]]
    assert facts.all("member_view", CD) == [made[0], made[3]]
    assert facts.all("head_decision") == [] and facts.all("head_decision", CD) == []
    assert facts.last("member_view") == made[3] and facts.last("member_view", LR) == made[2]
    assert facts.last("head_decision") is None and facts.last("member_view", "launch") is None


def test_entries_are_found_after_before_and_between_others_by_their_numbers() -> None:
    facts, made = read((CD, "view", {}), (CD, "mark", {}), (CD, "view", {}), (CD, "mark", {}), (CD, "view", {}))
    assert facts.after(made[1], "view") == [made[2], made[4]] and facts.after(None, "view") == [made[0], made[2], made[4]]
    assert facts.after(made[4], "view") == []
    assert facts.before(made[3], "view") == [made[0], made[2]] and facts.before(None, "view") == [made[0], made[2], made[4]]
    assert facts.before(made[0], "view") == []
    assert facts.between(made[1], made[3], "view") == [made[2]] and facts.between(made[0], made[2], "view") == []
    unnumbered = {"kind": "mark"}
    assert facts.before(unnumbered, "view") == [] and facts.after(unnumbered, "view") == [made[0], made[2], made[4]]


def test_the_last_of_several_kinds_is_the_one_recorded_last() -> None:
    facts, made = read((LR, "gate_passed", {}), (LR, "gate_closed", {}), (LR, "gate_passed", {}))
    assert facts.last_of("gate_closed", "gate_passed") == made[2]
    assert facts.last_of("gate_closed") == made[1] and facts.last_of("gate_closed", "meeting_convened") == made[1]
    assert facts.last_of("meeting_convened") is None and facts.last_of() is None


def test_the_decision_and_its_outcome_are_the_last_heads_decision_of_any_stage() -> None:
    facts, made = read((CD, "head_decision", {"outcome": "approve"}), (LR, "head_decision", {"outcome": "reject"}))
    assert (facts.decision(), facts.outcome()) == (made[1], "reject")
    assert read((CD, "head_decision", {"outcome": 1}))[0].outcome() is None
    assert (read()[0].decision(), read()[0].outcome()) == (None, None)


def test_a_stage_marked_not_applicable_gives_the_article_and_the_reason() -> None:
    facts, made = read(("risk_assessment", "not_applicable", {"reason": "旧的", "article": "Art. 1"}),
                       ("risk_assessment", "not_applicable", {"reason": "不涉及  稳定风险", "article": "Art. 22"}))
    assert facts.not_applicable("risk_assessment") == Finding(
        NOT_APPLICABLE, "本环节不适用（Art. 22）：不涉及 稳定风险", "stage not applicable (Art. 22): 不涉及 稳定风险", made[1])
    assert facts.not_applicable(LR) is None
    facts, made = read((LR, "not_applicable", {}))
    assert facts.not_applicable(LR) == Finding(NOT_APPLICABLE, "本环节不适用（）：", "stage not applicable (): ", made[0])


def test_the_procedure_ended_before_deliberation_only_when_the_last_gate_closed_and_no_meeting_followed() -> None:
    ended = "合法性审查关口未通过（#2），未提交集体讨论", "the gate closed (#2): the decision did not go to deliberation"
    facts, made = read((CD, "meeting_convened", {}), (LR, "gate_closed", {}))
    assert facts.ended_before_deliberation() == Finding(NOT_APPLICABLE, *ended, made[1])
    assert read((LR, "gate_closed", {}), (CD, "meeting_convened", {}))[0].ended_before_deliberation() is None
    assert read((LR, "gate_closed", {}), (LR, "gate_passed", {}))[0].ended_before_deliberation() is None
    assert read()[0].ended_before_deliberation() is None


def test_nothing_is_published_after_a_closed_gate_or_a_decision_other_than_approval() -> None:
    facts, made = read((CD, "meeting_convened", {}), (LR, "gate_closed", {}), (CD, "head_decision", {"outcome": "reject"}))
    assert facts.not_published() == Finding(
        NOT_APPLICABLE, "合法性审查关口未通过（#2），未提交集体讨论", "the gate closed (#2): the decision did not go to "
        "deliberation", made[1])
    facts, made = read((LR, "gate_passed", {}), (CD, "head_decision", {"outcome": "postpone"}))
    assert facts.not_published() == Finding(NOT_APPLICABLE, "会议决定：暂缓（#2），不予公布",
                                            "the meeting decided: postponed (#2); nothing is published", made[1])
    facts, made = read((CD, "head_decision", {"outcome": "maybe  later"}))
    assert facts.not_published() == Finding(NOT_APPLICABLE, "会议决定：maybe later（#1），不予公布",
                                            "the meeting decided: maybe later (#1); nothing is published", made[0])
    facts, made = read((CD, "head_decision", {}))
    assert facts.not_published() == Finding(NOT_APPLICABLE, "会议决定：（#1），不予公布",
                                            "the meeting decided:  (#1); nothing is published", made[0])


def test_an_approved_or_undecided_procedure_is_not_told_unpublished() -> None:
    assert read((CD, "head_decision", {"outcome": "approve"}))[0].not_published() is None
    assert read((LR, "gate_passed", {}))[0].not_published() is None
