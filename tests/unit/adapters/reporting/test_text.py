"""User text in paragraphs: printed literally, in a font that has it, broken the Chinese way."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.adapters.reporting import fonts, linebreak
from juece.adapters.reporting.layout import STYLES, para, prepare
from juece.adapters.reporting.text import clean, markup, missing_characters

CLOSING = "，。、；：？！）》」』”’"


@pytest.fixture(autouse=True, scope="module")
def _prepared() -> None:
    prepare()


def lines_of(text: str, width: float) -> list[str]:
    paragraph = para(text, "body")
    paragraph.wrap(width, 10_000)
    found = []
    for line in paragraph.blPara.lines:
        if hasattr(line, "words"):
            found.append("".join(word.text for word in line.words))
        else:
            found.append("".join(line[1]))
    return found


def test_control_characters_and_lone_surrogates_are_dropped() -> None:
    assert clean("a\x00b\x07c\ud800d\u202ee\r\nf") == "abcde\nf"


@pytest.mark.parametrize("hostile", [
    "<b>未闭合", "</para>", '<img src="/etc/hostname"/>', "&amp;", "<font size=40>大</font>",
    '<a href="javascript:alert(1)">x</a>', "a < b > c & d",
])
def test_hostile_markup_builds_and_reads_back_literally(hostile: str) -> None:
    paragraph = para(hostile)
    paragraph.wrap(300, 1000)
    assert "".join(frag.text for frag in paragraph.frags) == hostile


def test_newlines_become_line_breaks() -> None:
    assert markup("一\n二") == "一<br/>二"


def lacking_in_body() -> str:
    """An ideograph UMing lacks and Zen Hei has."""
    return next(chr(code) for code in range(0x4E00, 0x9FA6)
                if not fonts.covers(fonts.BODY, chr(code))
                and fonts.covers(fonts.HEADING, chr(code)))


def test_a_character_the_body_font_lacks_is_set_in_the_fallback_font() -> None:
    lacking = lacking_in_body()
    assert markup(f"甲{lacking}乙") == f'甲<font name="{fonts.HEADING}">{lacking}</font>乙'


def test_a_character_no_font_has_becomes_a_visible_code() -> None:
    assert "[U+31350]" in markup("\U00031350")
    assert missing_characters("字𠀀\U00031350") == {"\U00031350"}


@pytest.mark.parametrize("fallback", [False, True])
def test_no_line_starts_with_closing_punctuation(fallback: bool) -> None:
    text = "这是一个测试句子，其中有“引号。”还有（括号）、《书名》；以及问号？和叹号！" * 12
    if fallback:  # several fonts, so several fragments: the other code path
        text = text.replace("测", lacking_in_body())
    for width in range(60, 200, 7):
        lines = lines_of(text, width)
        assert "".join(lines) == text
        assert all(line[0] not in CLOSING for line in lines[1:]), (width, lines)


def test_no_line_ends_with_opening_punctuation() -> None:
    text = "参见《重大行政决策程序暂行条例》（国务院令第713号）“第十五条”。" * 10
    for width in range(60, 200, 9):
        assert all(line[-1] not in "（《“" for line in lines_of(text, width))


def test_latin_words_are_not_cut_when_a_space_allows_a_break() -> None:
    sentence = "Demo clock accelerated: legal durations are recorded as specified"
    lines = lines_of(sentence, 90)
    assert len(lines) > 2
    assert all(word in sentence.split() for line in lines for word in line.split())


def test_the_line_plan_always_makes_progress() -> None:
    chars = "。" * 30
    plan = linebreak.plan_lines(chars, [10.0] * 30, [25.0], lambda _i: False)
    assert [end - start for start, end, _w, _h in plan] == [2] * 15


def test_styles_use_only_embedded_fonts() -> None:
    assert {style.fontName for style in STYLES.values()} <= {fonts.BODY, fonts.HEADING}


def test_a_missing_font_file_names_the_debian_package(tmp_path: Path) -> None:
    missing = fonts.FontFile("JueceNone", tmp_path / "none.ttc", 0, "fonts-arphic-uming", True)
    with pytest.raises(fonts.FontMissingError, match="apt-get install fonts-arphic-uming"):
        fonts._load(missing)
