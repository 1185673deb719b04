"""Refusals read the same everywhere: the rule id in brackets, the Chinese, then the English;
a form error and a wrong-role refusal cite no rule; a refusal put at a line keeps its kind."""

from __future__ import annotations

from juece.domain.record.errors import AccessError, FormError, RuleViolation


def test_a_rule_violation_reads_rule_then_chinese_then_english() -> None:
    refusal = RuleViolation("R-B4", "请说明理由", "a reason is required", field="reason")
    assert str(refusal) == "[R-B4] 请说明理由 / a reason is required"
    assert (refusal.rule, refusal.zh, refusal.en, refusal.field) == (
        "R-B4", "请说明理由", "a reason is required", "reason")


def test_a_refusal_citing_no_rule_reads_chinese_then_english_without_brackets() -> None:
    assert str(RuleViolation(None, "文件无法读取", "the file cannot be read")) == "文件无法读取 / the file cannot be read"
    assert str(FormError("应为列表", "must be a list", "points")) == "应为列表 / must be a list"


def test_as_dict_gives_the_four_parts_by_name() -> None:
    refusal = RuleViolation("R-C6", "请说明理由", "a reason is required", field="dispositions")
    assert refusal.as_dict() == {"rule": "R-C6", "zh": "请说明理由", "en": "a reason is required",
                                 "field": "dispositions"}
    assert FormError("缺少字段", "missing field").as_dict() == {
        "rule": None, "zh": "缺少字段", "en": "missing field", "field": None}


def test_an_access_error_cites_no_rule_and_keeps_its_words_and_field() -> None:
    refusal = AccessError("只有承办单位可以修改草案", "only the sponsor unit may revise the draft", field="text")
    assert isinstance(refusal, RuleViolation)
    assert (refusal.rule, refusal.zh, refusal.en, refusal.field) == (
        None, "只有承办单位可以修改草案", "only the sponsor unit may revise the draft", "text")
    assert str(refusal) == "只有承办单位可以修改草案 / only the sponsor unit may revise the draft"
    assert AccessError("无权查看", "not yours to see").field is None


def test_prefixed_puts_the_place_before_each_message_and_keeps_rule_and_field() -> None:
    refusal = RuleViolation("R-B4", "未采纳须说明理由", "a reason is required for C-000002", field="reason")
    located = refusal.prefixed("第3行：", "line 3: ")
    assert type(located) is RuleViolation
    assert (located.rule, located.zh, located.en, located.field) == (
        "R-B4", "第3行：未采纳须说明理由", "line 3: a reason is required for C-000002", "reason")
    assert str(located) == "[R-B4] 第3行：未采纳须说明理由 / line 3: a reason is required for C-000002"
    assert located.args == (str(located),)


def test_prefixed_leaves_the_original_refusal_as_it_was() -> None:
    refusal = RuleViolation("R-B4", "未采纳须说明理由", "a reason is required", field="reason")
    refusal.prefixed("第3行：", "line 3: ")
    assert (refusal.zh, refusal.en, str(refusal)) == (
        "未采纳须说明理由", "a reason is required", "[R-B4] 未采纳须说明理由 / a reason is required")


def test_a_prefixed_form_error_is_still_a_form_error_citing_no_rule() -> None:
    located = FormError("处理结果无效", "unknown disposition", field="disposition").prefixed("第7行：", "line 7: ")
    assert type(located) is FormError
    assert (located.rule, located.field) == (None, "disposition")
    assert str(located) == "第7行：处理结果无效 / line 7: unknown disposition"


def test_an_empty_prefix_gives_the_same_refusal() -> None:
    refusal = AccessError("无权处理", "not yours to dispose of", field="ref")
    located = refusal.prefixed("", "")
    assert type(located) is AccessError
    assert located.as_dict() == refusal.as_dict() and str(located) == str(refusal)
