"""What a library row's refusal says (R-C4 专家库): the file and the row or item, the field, and the
words in Chinese and English, each with every other value of the row valid; an R-C4 or R-C1 refusal
cites its rule, a refusal of the row's form cites none."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.expert_review.experts import FIELDS, parse_experts
from juece.domain.record.errors import FormError, RuleViolation
from tests.unit.domain.expert_review.test_experts import ROW

COLUMNS = ", ".join(FIELDS)


def refused(rows: list[Any], source: str = "experts.csv", **kwargs: Any) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        parse_experts(rows, source, **kwargs)
    return caught.value


def said(error: RuleViolation) -> tuple[str | None, str | None, str, str, bool]:
    return error.rule, error.field, error.zh, error.en, isinstance(error, FormError)


@pytest.mark.parametrize(("change", "rule", "field", "zh", "en"), [
    ({"name": 3}, None, "name", "应为文本，实为 3", "must be text, got 3"),
    ({"name": "  "}, None, "name", "不能为空", "is required"),
    ({"user": ""}, None, "user", "不能为空", "is required"),
    ({"affiliation": None}, None, "affiliation", "不能为空", "is required"),
    ({"removed": "maybe"}, None, "removed", "应为 是/否（true/false），实为 'maybe'", "must be true or false, got 'maybe'"),
    ({"specialties": 5}, None, "specialties", "应为列表或以分号分隔的文本", "must be a list or text separated by `;`"),
    ({"specialties": ["法律", 3]}, None, "specialties", "每个专业应为文本", "every specialty must be text"),
    ({"specialties": None}, "R-C4", "specialties", "至少需要一个专业", "at least one specialty is required"),
    ({"removed": "1", "removed_reason": "x", "removed_on": "01/02/2026"}, None, "removed_on",
     "日期格式应为 YYYY-MM-DD，实为 '01/02/2026'", "must be a date YYYY-MM-DD, got '01/02/2026'"),
    ({None: ["多余"]}, None, "?", "该行的值多于列名", "the row has more values than the header has columns"),
    ({"speciality": "法律"}, None, "speciality", "未知的列 `speciality`；您是否想写 `specialties`？",
     "unknown column `speciality`; did you mean `specialties`?"),
    ({"zzz": "1"}, None, "zzz", f"未知的列 `zzz`；可用的列：{COLUMNS}", f"unknown column `zzz`; valid columns: {COLUMNS}"),
    ({"user": "a b"}, None, "user", "用户名 'a b' 只能由字母、数字和 _.@- 组成（至多64个字符）",
     "user id 'a b' may only use letters, digits and _.@- (at most 64)"),
    ({"removed": "是"}, "R-C4", "removed_reason", "除名须写明理由", "a removed expert needs the reason for removal"),
    ({"removed_reason": "学术不端"}, "R-C4", "removed", "写明了除名理由或日期，但未标注除名",
     "a removal reason or date is given but removed is false"),
    ({"public_key": "not-a-key"}, None, "public_key",
     "公钥应为32字节 Ed25519 公钥或 SM2 公钥（SubjectPublicKeyInfo）的 base64",
     "must be the base64 of a 32-byte Ed25519 key or of an SM2 SubjectPublicKeyInfo"),
], ids=["not-text", "blank-name", "no-user", "no-affiliation", "bad-flag", "specialties-not-a-list",
        "specialty-not-text", "specialties-none", "bad-date", "too-many-values", "near-column", "far-column",
        "bad-user", "removed-no-reason", "reason-not-removed", "bad-key"])
def test_a_csv_row_refusal_gives_the_line_the_field_and_both_languages_exactly(
        change: dict[Any, Any], rule: str | None, field: str, zh: str, en: str) -> None:
    error = refused([{**ROW, **change}])
    assert said(error) == (rule, field, f"experts.csv:2：字段 {field}：{zh}", f"experts.csv:2: field {field}: {en}",
                           rule is None)


def test_a_yaml_item_refusal_names_the_item_in_both_languages() -> None:
    error = refused([ROW, {**ROW, "user": "expert_02", "name": 3}], "lib.yaml")
    assert (error.zh, error.en) == ("lib.yaml 第2项：字段 name：应为文本，实为 3", "lib.yaml item 2: field name: must be text, got 3")


def test_an_item_that_is_not_a_mapping_is_refused_as_an_item_whatever_the_source() -> None:
    for source in ("experts.csv", "lib.yaml"):
        error = refused([ROW, ["expert_02"]], source)
        assert said(error) == (None, "-", f"{source} 第2项：字段 -：每项应为一个专家的字段表",
                               f"{source} item 2: field -: each item must be a mapping of fields", True)


def test_a_user_twice_is_refused_naming_where_it_was_first_seen() -> None:
    error = refused([ROW, {**ROW, "user": "expert_02"}, {**ROW, "name": "李四"}])
    assert said(error) == (None, "user", "experts.csv:4：字段 user：用户 expert_01 重复（已见于第2行/项）",
                           "experts.csv:4: field user: duplicate user expert_01 (already at row/item 2)", True)


def test_given_lines_count_for_a_yaml_source_too() -> None:
    error = refused([ROW, ROW], "lib.yaml", lines=[4, 9])
    assert (error.zh, error.en) == ("lib.yaml:9：字段 user：用户 expert_01 重复（已见于第4行/项）",
                                    "lib.yaml:9: field user: duplicate user expert_01 (already at row/item 4)")


def test_a_source_ending_in_upper_case_csv_counts_csv_lines() -> None:
    assert refused([{**ROW, "name": ""}], "EXPERTS.CSV").en == "EXPERTS.CSV:2: field name: is required"


def test_a_blank_removed_flag_means_not_removed() -> None:
    [expert] = parse_experts([{**ROW, "removed": "  "}], "experts.csv")
    assert expert.removed is False
