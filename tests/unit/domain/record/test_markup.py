"""People's text in a Markdown page shows as typed (no bold, no vanished tags, no links)."""

from __future__ import annotations

import markdown_it
from hypothesis import given
from hypothesis import strategies as st

from juece.domain.record.markup import literal

RENDER = markdown_it.MarkdownIt("commonmark", {"html": True})


def shown(markdown: str) -> str:
    """The text a browser shows for the rendered Markdown (tags dropped, entities decoded)."""
    import html
    import re

    rendered = RENDER.render(markdown)
    return html.unescape(re.sub(r"<br\s*/?>\n?", "\n", re.sub(r"</?p>\n?", "", rendered))).rstrip("\n")


def test_hostile_markup_shows_literally() -> None:
    text = "<b>规划</b></para> **粗体** [链接](javascript:alert(1)) <script>alert(1)</script> `code` # 标题"
    assert shown(literal(text)) == text


def test_line_breaks_stay_line_breaks() -> None:
    assert shown(literal("第一行\n第二行\r\n- 第三行")) == "第一行\n第二行\n- 第三行"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80))
def test_any_text_renders_to_itself(text: str) -> None:
    text = text.strip()
    if text and not text.startswith((" ", "\t")) and "  " not in text and "\t" not in text:
        assert shown(literal(text)) == text


def test_a_hostile_comment_shows_literally_in_the_sponsors_task(spec, chain) -> None:
    from juece.domain.record.answers import TaskContext
    from juece.domain.record.forms import FORMS
    from juece.domain.stages import Stage

    hostile = "<b>规划</b>应当</para>保留 **绿地** <img src=x onerror=alert(1)>"
    entries = [chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                         {"receipt": "YS-0001", "text": hostile, "late": False})]
    body = FORMS["comment_dispositions"].body(TaskContext(spec, entries))
    assert hostile in shown(body)
    assert "<b>" not in RENDER.render(body) and "<img" not in RENDER.render(body)


def test_every_kind_of_line_break_becomes_a_hard_break_and_punctuation_is_escaped() -> None:
    assert literal("一\r二\r\n三\n<b>") == "一\\\n二\\\n三\\\n\\<b\\>"
    assert literal(12) == "12"
