"""The dispositions spreadsheet as a clerk fills it in Excel or WPS: how a disposition is written
and read back, which column a header names, how the file's bytes are read, and how clusters are
numbered."""

from __future__ import annotations

import pytest

from juece.domain.participation.sheet import (
    cluster_numbers,
    column_key,
    decode,
    disposition_code,
    disposition_word,
)
from juece.domain.record.errors import FormError


@pytest.mark.parametrize(("code", "word"), [("adopted", "采纳"), ("partly_adopted", "部分采纳"),
                                            ("not_adopted", "不予采纳"), ("", ""), ("maybe", "maybe")],
                         ids=["adopted", "partly", "not", "none-yet", "unknown-as-given"])
def test_a_disposition_is_written_in_the_sheet_as_its_chinese_word(code: str, word: str) -> None:
    assert disposition_word(code) == word


@pytest.mark.parametrize(("typed", "code"), [
    ("采纳", "adopted"), ("部分采纳", "partly_adopted"), ("不予采纳", "not_adopted"),
    ("不采纳", "not_adopted"), ("未采纳", "not_adopted"), ("部分 采纳", "partly_adopted"),
    ("adopted", "adopted"), ("partly_adopted", "partly_adopted"), ("  not_adopted ", "not_adopted"),
    ("部分采纳 partly adopted", "partly_adopted"), ("不予采纳  not adopted", "not_adopted"),
    ("partly adopted", "partly_adopted"), ("Partly Adopted", "partly_adopted"), ("NOT ADOPTED", "not_adopted"),
    ("采纳 adopted", "adopted")],
    ids=["word", "partly-word", "not-word", "bu-caina", "wei-caina", "partly-with-a-space", "code",
         "partly-code", "code-with-spaces", "label", "label-with-two-spaces", "english-words",
         "english-title-case", "english-capitals", "adopted-label"])
def test_a_disposition_typed_as_a_word_code_or_label_is_read_as_its_code(typed: str, code: str) -> None:
    assert disposition_code(typed) == code


@pytest.mark.parametrize("typed", ["", "   ", "待定", "maybe later", " 同意 "],
                         ids=["empty", "blank", "undecided", "unknown-english", "unknown-kept-with-its-spaces"])
def test_anything_else_typed_is_returned_as_typed_for_the_rule_check_to_refuse(typed: str) -> None:
    assert disposition_code(typed) == typed


@pytest.mark.parametrize(("header", "key"), [
    ("回执号 receipt", "receipt"), ("\ufeff回执号 receipt", "receipt"), ("\ufeff回执号", "receipt"),
    ("回执号", "receipt"), ("receipt", "receipt"), ("Receipt", "receipt"), ("回执号 Receipt No.", "receipt"),
    ("意见类 cluster", "cluster"), ("意见类", "cluster"),
    ("同类条数 cluster size", "cluster_size"), ("同类条数", "cluster_size"), ("cluster size", "cluster_size"),
    ("Cluster Size", "cluster_size"), ("cluster_size", "cluster_size"), ("同类条数  cluster   size", "cluster_size"),
    ("段落 paragraph", "paragraph"), ("逾期", "late"), ("意见内容 text", "text"),
    ("处理结果 disposition（采纳/部分采纳/不予采纳）", "disposition"), ("处理结果", "disposition"),
    ("disposition", "disposition"), ("Disposition", "disposition"), ("处理结果 （采纳/不予采纳）", "disposition"),
    ("理由 reason", "reason"), ("理由", "reason"), ("REASON", "reason")],
    ids=["our-header", "excel-bom", "bom-chinese-only", "chinese", "english", "english-capitalised",
         "chinese-then-other-words", "cluster", "cluster-chinese", "size", "size-chinese", "size-english",
         "size-english-title-case", "size-code", "size-with-more-spaces", "paragraph", "late-chinese", "text",
         "disposition-header", "disposition-chinese", "disposition-english", "disposition-capitalised",
         "disposition-other-hint", "reason", "reason-chinese", "reason-capitals"])
def test_a_header_names_its_column_by_our_header_its_chinese_its_english_or_its_code(header: str, key: str) -> None:
    assert column_key(header) == key


@pytest.mark.parametrize("header", ["", "备注", "remarks", "回执", "回执号码", "cluster count", "\ufeff"],
                         ids=["empty", "remarks-chinese", "remarks", "part-of-a-chinese-word", "longer-chinese-word",
                              "other-english", "a-bare-bom"])
def test_a_header_that_names_no_column_gives_none(header: str) -> None:
    assert column_key(header) is None


@pytest.mark.parametrize("data", ["回执号,处理结果\nC-1,采纳\n".encode(), "\ufeff回执号,处理结果\nC-1,采纳\n".encode()],
                         ids=["utf-8", "utf-8-with-bom"])
def test_a_utf8_sheet_is_read_with_its_byte_order_mark_dropped(data: bytes) -> None:
    assert decode(data) == "回执号,处理结果\nC-1,采纳\n"


def test_a_sheet_saved_as_gbk_by_excel_or_wps_is_read() -> None:
    assert decode("回执号,处理结果\nC-1,部分采纳\n".encode("gbk")) == "回执号,处理结果\nC-1,部分采纳\n"


def test_a_sheet_that_is_neither_utf8_nor_gb18030_is_refused_in_both_languages() -> None:
    with pytest.raises(FormError) as caught:
        decode(b"\x81\x20")  # a GB18030 lead byte followed by a byte it cannot pair with
    error = caught.value
    assert (error.rule, error.field, error.zh, error.en) == (
        None, "file", "文件既不是 UTF-8 也不是 GBK/GB18030 编码，无法读取",
        "the file is neither UTF-8 nor GBK/GB18030: it cannot be read")


def test_the_largest_cluster_is_number_one_and_ties_go_by_first_appearance() -> None:
    assert cluster_numbers(["b", "a", "c", "a", "c", "d", "a"]) == {"a": 1, "c": 2, "b": 3, "d": 4}


def test_clusters_of_equal_size_keep_the_order_in_which_each_first_appears() -> None:
    assert cluster_numbers(["x", "y", "y", "x"]) == {"x": 1, "y": 2}


def test_one_cluster_is_number_one_and_no_clusters_give_no_numbers() -> None:
    assert cluster_numbers(["only", "only"]) == {"only": 1}
    assert cluster_numbers([]) == {}
