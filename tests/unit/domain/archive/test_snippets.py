"""Search snippets (R-H6): escaped, the terms marked, and no personal data in the window, also
where the window would cut a number in half."""

from __future__ import annotations

from juece.domain.archive.pii import NAME_REMOVED, REMOVED, PublicText
from juece.domain.archive.snippets import snippet


def test_a_phone_number_beside_the_term_is_not_in_the_snippet() -> None:
    text = "第一条 拓宽东大街。联系人电话 139-1234-5678，邮箱 a.b＠x.cn，<b>雨污分流</b>同步改造。"
    shown = snippet(text, ["雨污分流"])
    assert "<mark>雨污分流</mark>" in shown and "&lt;b&gt;" in shown
    assert "5678" not in shown and "x.cn" not in shown and REMOVED in shown


def test_a_number_the_window_would_cut_is_removed_whole() -> None:
    text = "甲" * 30 + "13912345678" + "乙" * 10 + "雨污分流" + "丙" * 200
    shown = snippet(text, ["雨污分流"], window=20)
    assert "5678" not in shown and "1391" not in shown and shown.endswith("…")


def test_the_decisions_commenter_names_go_through_the_redactor_given() -> None:
    shown = snippet("专家采纳王小明的意见，雨污分流另计。", ["雨污分流"], clean=PublicText(names=["王小明"]))
    assert "王小明" not in shown and NAME_REMOVED in shown and "<mark>雨污分流</mark>" in shown


def test_without_terms_the_opening_is_shown_cleaned() -> None:
    assert snippet("电话13912345678" + "字" * 200, [], window=20).startswith(f"电话{REMOVED}")
