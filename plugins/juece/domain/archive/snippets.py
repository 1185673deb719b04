"""Highlighted snippets of search results, safe to put in a page: every piece of text is
HTML-escaped and only the highlight marks are markup, and no personal data is in it (R-H6): the
window is cleaned by the public-text redactor (domain/archive/pii.py) before it is cut."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from juece.domain.archive.pii import PublicText

WINDOW = 60
MARGIN = 40  # cleaned beyond the window on each side, so a number the window cuts is seen whole
PATTERNS_ONLY = PublicText()


def terms_of(query: str, limit: int = 8) -> list[str]:
    """The distinct whitespace-separated terms of a query, at most ``limit``."""
    return list(dict.fromkeys(query.split()))[:limit]


def snippet(text: str, terms: list[str], window: int = WINDOW,
            clean: Callable[[str], str] = PATTERNS_ONLY) -> str:
    """A window of ``text`` around the first term found, each term in ``<mark>``, all else escaped;
    the text around the window is passed through ``clean`` first (the decision's redactor)."""
    flat = " ".join(text.split())
    pattern = _terms_pattern(terms)
    first = pattern.search(flat) if pattern else None
    around = max(0, first.start() - window // 2 - MARGIN) if first else 0
    end = around + 2 * window + 2 * MARGIN
    part = clean(flat[around:end])
    first = pattern.search(part) if pattern else None
    start = max(0, first.start() - window // 2) if first else 0
    cut = part[start:start + 2 * window]
    head = "…" if around > 0 or start > 0 else ""
    tail = "…" if end < len(flat) or start + 2 * window < len(part) else ""
    if pattern is None:
        return html.escape(head + cut + tail)
    pieces, at = [html.escape(head)], 0
    for match in pattern.finditer(cut):
        pieces.append(html.escape(cut[at:match.start()]))
        pieces.append(f"<mark>{html.escape(match.group(0))}</mark>")
        at = match.end()
    pieces.append(html.escape(cut[at:] + tail))
    return "".join(pieces)


def _terms_pattern(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
