"""Draft versions and their differences in the dossier."""

from __future__ import annotations

from typing import Any

from juece.adapters.reporting.dossier import launch_docs
from juece.adapters.reporting.drafts import diff_markup
from tests.unit.adapters.reporting.reporting_records import SPEC


def test_a_revision_shows_what_was_deleted_and_what_was_added() -> None:
    shown = diff_markup("第一条 设置床位五百张。", "第一条 设置床位六百张，含儿科。")
    assert "<strike>五</strike>" in shown and "<u>六</u>" in shown and "<u>，含儿科</u>" in shown


def test_long_unchanged_text_is_shortened_to_its_context() -> None:
    before = "甲" * 500 + "乙" + "丙" * 500
    shown = diff_markup(before, before.replace("乙", "丁"))
    assert "…" in shown and len(shown) < 400


def test_user_text_in_a_revision_is_escaped() -> None:
    shown = diff_markup("原文", '原文<img src="/etc/hostname"/>')
    assert "&lt;img" in shown and "<img" not in shown


def test_only_a_revised_draft_gets_a_revision_document_with_its_changes_and_differences() -> None:
    revision: dict[str, Any] = {"seq": 9, "actor": "sponsor_office", "kind": "draft_revised",
                                "at": "2027-03-02T01:00:00.000000Z", "stage": "public_participation",
                                "data": {"version": 2, "text": SPEC["draft"]["text"] + "第三条 新增。",
                                         "changes": "增加第三条"}}
    launched = {"seq": 1, "kind": "launched", "actor": "sponsor_office", "at": "2027-03-01T01:00:00.000000Z",
                "stage": "launch", "data": {"spec": SPEC}}
    assert [doc.key for doc in launch_docs.documents({"entries": [launched]})] == ["draft-1", "explanation"]
    docs = launch_docs.documents({"entries": [launched, revision]})
    assert docs[-1].title.startswith("决策草案（第 2 版）及修改说明") and docs[-1].date == "2027-03-02"
    texts = [getattr(cell, "text", "") for item in docs[-1].body()
             for cell in ([c for row in item._cellvalues for c in row] if hasattr(item, "_cellvalues") else [item])]
    assert any("增加第三条" in text for text in texts)
    assert any("<u>第三条 新增。</u>" in text for text in texts)
