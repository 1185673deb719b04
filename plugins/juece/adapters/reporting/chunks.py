"""Long text cut into pieces of bounded height, so that no table row outgrows a page.

A table row is never split across pages (a split row repeats the table header in the
middle of a page); instead long facts continue on further rows of the same entry. Each row
holds about CHUNK_COST characters, counted as whole lines of the facts column, so that
many short lines or many line breaks are bounded as well as long text.
"""

from __future__ import annotations

from typing import Any

from juece.adapters.reporting.text import one_line

CHUNK_COST = 480  # characters per row: about 16 lines of the facts column
LINE_CHARS = 30  # Chinese characters on one line of the facts column
SHORT_CHARS = 80
LABEL_CHARS = 120
SENTENCE_ENDS = "。！？；.!?;"
PAUSES = "，、：,:"


def clip(value: Any, limit: int = SHORT_CHARS) -> str:
    """A short field on one line, cut to `limit` characters (record.json keeps it whole)."""
    text = one_line(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def cost(text: str) -> int:
    """The characters a text occupies, counting every started line as a full line."""
    return sum(LINE_CHARS * max(1, -(-len(line) // LINE_CHARS)) for line in text.split("\n"))


def _cut(window: str, limit: int) -> int:
    """Where to cut a window of text: after a line or sentence end, else a pause, else a space."""
    for marks in ("\n", SENTENCE_ENDS, PAUSES, " "):
        cut = max(window.rfind(mark) for mark in marks)
        if cut > limit // 3:
            return cut + 1
    return limit


def _by_chars(text: str, limit: int) -> list[str]:
    result = []
    while len(text) > limit:
        cut = _cut(text[:limit], limit)
        result.append(text[:cut].rstrip("\n"))
        text = text[cut:].lstrip("\n")
    return [*result, text] if text or not result else result


def _by_lines(text: str, budget: int) -> list[str]:
    """Text split at line breaks into groups that each cost at most `budget`."""
    groups: list[list[str]] = [[]]
    spent = 0
    for line in text.split("\n"):
        if groups[-1] and spent + cost(line) > budget:
            groups.append([])
            spent = 0
        groups[-1].append(line)
        spent += cost(line)
    return ["\n".join(group) for group in groups]


def pieces(text: str, limit: int = CHUNK_COST) -> list[str]:
    """Text cut into pieces of at most `limit` characters and cost, at natural breaks."""
    return [part for piece in _by_chars(text, limit) for part in _by_lines(piece, limit)]


def fact_chunks(facts: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Facts grouped into chunks costing about CHUNK_COST, one table row each."""
    chunks: list[list[tuple[str, str]]] = [[]]
    spent = 0
    for label, value in facts:
        label = clip(label, LABEL_CHARS)
        for number, piece in enumerate(pieces(value)):
            price = cost(f"{label}：{piece}" if number == 0 else piece)
            if spent > CHUNK_COST // 4 and spent + price > CHUNK_COST:
                chunks.append([])
                spent = 0
            chunks[-1].append((label if number == 0 else "", piece))
            spent += price
    return chunks
