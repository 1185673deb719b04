"""Highlighted snippets of search results, safe to put in a page: every piece of text is
HTML-escaped and only the highlight marks are markup."""

from __future__ import annotations

import html
import re

WINDOW = 60


def terms_of(query: str, limit: int = 8) -> list[str]:
    """The distinct whitespace-separated terms of a query, at most ``limit``."""
    return list(dict.fromkeys(query.split()))[:limit]


def snippet(text: str, terms: list[str], window: int = WINDOW) -> str:
    """A window of ``text`` around the first term found, each term in ``<mark>``, all else escaped."""
    flat = " ".join(text.split())
    if not terms:
        return html.escape(_cut(flat, 0, 2 * window))
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(flat)
    start = max(0, first.start() - window // 2) if first else 0
    part = _cut(flat, start, 2 * window)
    pieces, at = [], 0
    for match in pattern.finditer(part):
        pieces.append(html.escape(part[at:match.start()]))
        pieces.append(f"<mark>{html.escape(match.group(0))}</mark>")
        at = match.end()
    pieces.append(html.escape(part[at:]))
    return "".join(pieces)


def _cut(text: str, start: int, length: int) -> str:
    part = text[start:start + length]
    return ("…" if start > 0 else "") + part + ("…" if start + length < len(text) else "")
