"""The expert library's rows (R-C4): CSV strings and YAML values read alike, errors name where.
What R-C4 asks of a row (specialties, removal with its reason) is refused under R-C4; a row of the
wrong form (an unknown column, a bad value, a duplicate) is a form error citing no rule."""

from __future__ import annotations

from datetime import date

import pytest

from juece.domain.expert_review.experts import Expert, parse_experts
from juece.domain.expert_review.signatures import new_key_pair
from juece.domain.record.errors import FormError, RuleViolation

ROW = {"user": "expert_01", "name": "王建国", "specialties": "城市规划；交通工程、法律", "affiliation": "哈尔滨工业大学"}


def refusal(rows: list[dict], source: str = "experts.csv", rule: str | None = None) -> RuleViolation:
    with pytest.raises(RuleViolation) as refused:
        parse_experts(rows, source)
    assert refused.value.rule == rule
    assert isinstance(refused.value, FormError) == (rule is None)
    return refused.value


def test_a_csv_row_of_strings_becomes_an_expert_with_defaults() -> None:
    row = {**ROW, "official_of": "", "integrity": "", "removed": "否", "removed_reason": "", "removed_on": "",
           "public_key": ""}
    [expert] = parse_experts([row], "experts.csv")
    assert expert == Expert("expert_01", "王建国", ("城市规划", "交通工程", "法律"), "哈尔滨工业大学")


@pytest.mark.parametrize(("word", "value"), [("true", True), ("YES", True), ("是", True), ("1", True),
                                             ("false", False), ("no", False), ("否", False), ("0", False)])
def test_booleans_are_read_in_english_chinese_and_digits(word: str, value: bool) -> None:
    extra = {"removed_reason": "学术不端", "removed_on": "2026-01-05"} if value else {}
    [expert] = parse_experts([{**ROW, "removed": word, **extra}], "experts.csv")
    assert expert.removed is value


def test_yaml_values_keep_their_types() -> None:
    public = new_key_pair()[1]
    row = {**ROW, "specialties": ["经济", "财政"], "removed": True, "removed_reason": "收受利益",
           "removed_on": date(2026, 3, 1), "public_key": public}
    [expert] = parse_experts([row], "experts.yaml")
    assert expert.specialties == ("经济", "财政") and expert.removed_on == "2026-03-01"
    assert parse_experts([expert.as_dict()], "again.yaml") == [expert]


def test_an_unknown_column_is_refused_with_the_nearest_name() -> None:
    error = refusal([{**ROW, "speciality": "法律"}])
    assert "experts.csv:2" in error.en and "speciality" in error.en and "`specialties`" in error.en


def test_a_yaml_error_names_the_item() -> None:
    error = refusal([ROW, {**ROW, "user": "expert_02", "specialties": []}], "lib.yaml", "R-C4")
    assert "lib.yaml item 2" in error.en and error.field == "specialties" and "第2项" in error.zh


def test_csv_rows_may_carry_their_own_line_numbers() -> None:
    with pytest.raises(RuleViolation) as refused:
        parse_experts([{**ROW, "name": ""}], "x.csv", lines=[7])
    assert "x.csv:7" in refused.value.en and refused.value.field == "name"


@pytest.mark.parametrize(("change", "field", "rule"), [
    ({"user": "专家一"}, "user", None),
    ({"user": "a" * 65}, "user", None),
    ({"specialties": " ; ，"}, "specialties", "R-C4"),
    ({"removed": "true"}, "removed_reason", "R-C4"),
    ({"removed_on": "2026-01-01"}, "removed", "R-C4"),
    ({"removed": "maybe"}, "removed", None),
    ({"removed": "1", "removed_reason": "x", "removed_on": "01/02/2026"}, "removed_on", None),
    ({"public_key": "not-a-key"}, "public_key", None),
    ({"name": 3}, "name", None),
], ids=["chinese-user", "long-user", "no-specialty", "removed-no-reason", "date-not-removed", "bad-bool",
        "bad-date", "bad-key", "name-not-text"])
def test_a_bad_value_is_refused_naming_its_field(change: dict, field: str, rule: str | None) -> None:
    assert refusal([{**ROW, **change}], rule=rule).field == field


def test_a_user_twice_is_refused() -> None:
    error = refusal([ROW, {**ROW, "name": "李四"}])
    assert "experts.csv:3" in error.en and "duplicate" in error.en
