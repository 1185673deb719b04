"""Draft versions and their differences in the archive."""

from __future__ import annotations

from typing import Any

from juece.adapters.reporting.drafts import diff_markup, draft_history
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


def test_only_a_revised_draft_gets_a_history_and_each_revision_is_listed() -> None:
    revision: dict[str, Any] = {"seq": 9, "actor": "sponsor_office", "kind": "draft_revised",
                                "data": {"version": 2, "text": SPEC["draft"]["text"] + "第三条 新增。",
                                         "changes": "增加第三条"}}
    assert draft_history({"entries": []}, SPEC) == []
    story = draft_history({"entries": [revision]}, SPEC)
    texts = [getattr(item, "text", "") for item in story]
    assert any("第 2 版" in text and "增加第三条" in text for text in texts)
    assert any("<u>第三条 新增。</u>" in text for text in texts)
