"""Hostile text: whatever people type renders without error, literally, and the file verifies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest

from juece.adapters.reporting.archive import build_archive
from juece.adapters.reporting.editions import make_edition
from juece.adapters.reporting.verify import verify_archive
from tests.unit.adapters.reporting.reporting_records import DECISION, EVENTS, make_entries

HOSTILE: dict[str, str] = {
    "markup": '<para><b>粗</b></para><img src="/etc/passwd"/><a href="javascript:alert(1)">链接</a>',
    "entities": "&amp; &lt; &#x4e2d; &nbsp; &bogus;",
    "unbalanced": "<b><i>未闭合 </font></para></td>",
    "pdf_syntax": "(括号) \\ 反斜杠 ) Tj ET BT /F1 99 Tf (注入) Tj %%EOF",
    "controls": "控制\x00字符\x1b[31m\x07\x7f\u200b\u202e反向\u202c",
    "no_breaks": "長" * 3000,
    "long_word": "A" * 2000,
    "blank_lines": "\n" * 300 + "末尾",
    "punctuation_only": "，。、；：？！）》」』" * 50,
    "mixed_scripts": "中文 English العربية עברית русский 한국어 ελληνικά",
    "combining": "e\u0301 a\u0308 字\u0301",
    "emoji_sequences": "👨‍👩‍👧 🏳️‍🌈 👍🏽 1️⃣",
    "huge": ("很长的意见。" * 8000),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, body_keys_source: Path) -> tuple[Path, str]:
    events = [*EVENTS[:3], *(("public_participation", "comment_received", "public",
                              {"receipt": f"C-{n:04d}", "text": text, "late": False})
                             for n, text in enumerate(HOSTILE.values(), start=1)), *EVENTS[8:]]
    record = make_edition(DECISION, make_entries(events), "full", {})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(body_keys_source))
        path = build_archive(record, tmp_path_factory.mktemp("hostile") / "hostile.pdf")
    text = "".join("".join((page.extract_text() or "").split())
                   for page in pypdf.PdfReader(path).pages)
    return path, text


def test_the_hostile_corpus_builds_and_verifies(built: tuple[Path, str]) -> None:
    report = verify_archive(built[0])
    assert report.ok, report.problems


@pytest.mark.parametrize("name", ["markup", "entities", "unbalanced", "pdf_syntax"])
def test_markup_and_pdf_syntax_are_printed_literally(built: tuple[Path, str], name: str) -> None:
    assert "".join(HOSTILE[name].split()) in built[1]


def test_control_characters_are_dropped_and_the_rest_kept(built: tuple[Path, str]) -> None:
    assert "控制字符" in built[1] and "\x1b" not in built[1] and "\x00" not in built[1]


@pytest.mark.parametrize("name", ["no_breaks", "long_word", "punctuation_only", "huge"])
def test_text_without_break_opportunities_is_kept_whole(built: tuple[Path, str], name: str) -> None:
    assert built[1].count("".join(HOSTILE[name].split())[:400]) >= 1


def test_no_line_starts_with_closing_punctuation(built: tuple[Path, str]) -> None:
    lines: list[Any] = []
    for page in pypdf.PdfReader(built[0]).pages:
        lines += (page.extract_text() or "").splitlines()
    starts = [line for line in lines if line[:1] in "，。、；：？！）》」』" and
              set(line.strip()) - set("，。、；：？！）》」』")]
    assert not starts
