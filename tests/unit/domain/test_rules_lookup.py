"""A rule read by its id (domain/rules.py) carries every field of its row: source in English and
Chinese, stage, titles, text, and whether it is optional; an unknown id is refused naming the known
ones. (test_rules.py reads the package's source text and runs apart from this file.)"""

from __future__ import annotations

import pytest

from juece.domain.rules import RULES, Rule, _rule, rule


def test_a_hard_rule_reads_back_every_field_and_is_not_optional() -> None:
    assert rule("R-H2") == Rule(
        "R-H2", "H", "Archives Law Art. 21", "《档案法》第二十一条", "archive", "档案不得篡改", "archive tamper-evident",
        "档案不得篡改、损毁、伪造或者销毁（档案法第二十一条）：记录只增不改，篡改可以查出。",
        "Archives may not be altered, damaged, forged or destroyed (Archives Law Art. 21): the record is "
        "append-only and tampering is detectable.", optional=False)


def test_a_discretionary_rule_is_optional_and_may_name_no_article() -> None:
    assert rule("R-H4") == Rule("R-H4", "S", "", "", "archive", "永久保管", "kept permanently",
                                "保管期限：决策文件永久保存。", "Retention: decision files are permanent (永久).",
                                optional=True)


def test_a_local_variant_is_a_parameter_not_an_option() -> None:
    found = rule("R-C5")
    assert (found.marker, found.article, found.article_zh, found.stage, found.optional) == (
        "L", "local rule", "地方规定", "expert_review", False)
    assert (found.title_zh, found.title_en) == ("专家人数为奇数且不少于5人", "odd panel of at least five")


def test_only_the_discretionary_rules_are_optional() -> None:
    assert {item.id for item in RULES.values() if item.optional} == {
        item.id for item in RULES.values() if item.marker == "S"} != set()


@pytest.mark.parametrize("written", ["R-H2", "r-h2", "  R-h2\n"])
def test_an_id_is_found_whatever_its_case_and_surrounding_blanks(written: str) -> None:
    assert rule(written) is RULES["R-H2"]


def test_an_unknown_id_is_refused_naming_it_and_every_known_id() -> None:
    with pytest.raises(KeyError) as refused:
        rule("R-Z9")
    message = refused.value.args[0]
    assert message == f"no rule 'R-Z9'; the rules are {', '.join(RULES)}"
    assert message.startswith("no rule 'R-Z9'; the rules are R-A1, R-A2, ")


@pytest.mark.parametrize(("marker", "optional"), [("H", False), ("S", True), ("L", False)])
def test_a_row_of_the_table_is_built_into_its_rule_field_by_field(marker: str, optional: bool) -> None:
    # RULES is built when the module is imported; the builder is checked on its own as well
    built = _rule("R-Z9", marker, ("Reg. Art. 99", "《条例》第九十九条"), "archive", ("标题", "title"), "规则", "rule")
    assert built == Rule("R-Z9", marker, "Reg. Art. 99", "《条例》第九十九条", "archive", "标题", "title", "规则", "rule",
                         optional=optional)
    assert built.optional is optional
