"""The words of the refusals the answer helpers give: which option to choose, a yes/no field,
a list field, each in Chinese and English and naming the field."""

from __future__ import annotations

import pytest

from juece.domain.record.answers import Answer, bool_param, list_param, one_choice
from juece.domain.record.errors import FormError, RuleViolation

OPTIONS = {"支持 Support": "support", "反对 Oppose": "oppose"}


def test_choosing_two_options_is_refused_listing_every_option_by_its_label() -> None:
    with pytest.raises(RuleViolation) as caught:
        one_choice(Answer("u", ["支持 Support", "反对 Oppose"], {}), OPTIONS, "R-C1")
    assert (caught.value.rule, caught.value.zh, caught.value.en) == (
        "R-C1", "请选择且只选择一个选项", "choose exactly one of: 支持 Support, 反对 Oppose")


def test_one_choice_gives_the_code_of_the_label_chosen() -> None:
    assert one_choice(Answer("u", ["反对 Oppose"], {}), OPTIONS, "R-C1") == "oppose"


@pytest.mark.parametrize(("given", "read"), [(True, True), (False, False), (None, False)])
def test_a_yes_no_field_reads_a_boolean_and_nothing_as_no(given: bool | None, read: bool) -> None:
    assert bool_param(Answer("u", [], {"no_conflict": given}), "no_conflict", "R-C3") is read
    assert bool_param(Answer("u", [], {}), "no_conflict", "R-C3") is False


@pytest.mark.parametrize("given", ["true", 1, "是"])
def test_a_yes_no_field_given_anything_but_a_boolean_is_refused_naming_it(given: object) -> None:
    with pytest.raises(RuleViolation) as caught:
        bool_param(Answer("u", [], {"no_conflict": given}), "no_conflict", "R-C3")
    assert (caught.value.rule, caught.value.field, caught.value.zh, caught.value.en) == (
        "R-C3", "no_conflict", "no_conflict 须为是或否（true/false）", "`no_conflict` must be true or false")


def test_a_list_field_given_text_is_a_form_error_in_both_languages() -> None:
    with pytest.raises(FormError) as caught:
        list_param(Answer("u", [], {"attendees": "a, b"}), "attendees")
    assert (caught.value.rule, caught.value.field, caught.value.zh, caught.value.en) == (
        None, "attendees", "attendees 应为列表", "`attendees` must be a list")


def test_a_list_field_gives_its_list_as_given() -> None:
    assert list_param(Answer("u", [], {"attendees": ["a", "b"]}), "attendees") == ["a", "b"]
