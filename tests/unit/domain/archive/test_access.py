"""Who may retrieve which edition of an archive (R-H6), and a logged refusal's reason in words."""

from __future__ import annotations

import pytest

from juece.domain.archive.access import archivists, check_retrieval, refusal_reason
from juece.domain.record.errors import FormError, RuleViolation


def test_without_a_setting_the_only_archivist_is_archivist() -> None:
    assert archivists(None) == frozenset({"archivist"})
    assert archivists("") == frozenset({"archivist"})
    assert archivists(" , ,") == frozenset({"archivist"})


def test_configured_archivists_are_the_comma_separated_names_trimmed() -> None:
    assert archivists(" li , wang,,zhao ") == frozenset({"li", "wang", "zhao"})


def test_an_archivist_may_retrieve_the_full_edition_and_anyone_the_public_one() -> None:
    assert check_retrieval("full", True) is None
    assert check_retrieval("public", False) is None
    assert check_retrieval("public", True) is None


def test_the_full_edition_is_refused_to_a_non_archivist_under_r_h6() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_retrieval("full", False)
    assert type(refused.value) is RuleViolation
    assert refused.value.as_dict() == {
        "rule": "R-H6", "zh": "完整版含个人信息，仅限档案管理员调阅；请调阅公开版",
        "en": "the full edition holds personal data and is for archivists only; retrieve the public edition",
        "field": "edition"}


@pytest.mark.parametrize("edition", ["FULL", "complete", ""])
def test_an_unknown_edition_is_refused_for_its_form_even_to_an_archivist(edition: str) -> None:
    with pytest.raises(FormError) as refused:
        check_retrieval(edition, True)
    assert refused.value.as_dict() == {
        "rule": None, "zh": f"版本只能是 full（完整版）或 public（公开版），现为 {edition!r}",
        "en": f"the edition is full or public, not {edition!r}", "field": "edition"}


def test_each_logged_refusal_code_reads_as_its_reason() -> None:
    assert refusal_reason("R-H6") == ("完整版含个人信息，仅限档案管理员（R-H6）", "the full edition is for archivists only (R-H6)")
    assert refusal_reason("form") == ("所请求的版本类型不存在", "no such edition")
    assert refusal_reason("output_exists") == ("输出文件已存在，未覆盖，未交付",
                                               "the output file exists: not replaced, nothing handed over")


def test_an_unknown_or_missing_refusal_code_reads_as_other() -> None:
    assert refusal_reason("quota") == ("其他原因：quota", "other: quota")
    assert refusal_reason(None) == ("其他原因：None", "other: None")
    assert refusal_reason("") == ("其他原因：", "other: ")
