"""Draft versions and their differences: each revision of the draft beside the one before it.

The full text of every version is in the record; here each revision shows what it deleted
(struck through, red) and what it added (underlined, green), with unchanged text shortened to
its context, so a reader sees at a glance what changed between versions.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from juece.adapters.reporting.text import markup

CONTEXT = 24  # unchanged characters kept on each side of a change
DELETED, ADDED = "#b3261e", "#1e6b34"


def versions(record: dict[str, Any], spec: dict[str, Any]) -> list[tuple[int, str, dict[str, Any]]]:
    """(version, text, revision entry or {}) of every draft, the launched one first."""
    draft = spec.get("draft") if isinstance(spec.get("draft"), dict) else {}
    found = [(int(draft.get("version", 1) or 1), str(draft.get("text", "")), {})]
    for entry in record.get("entries", []):
        data = entry.get("data")
        if entry.get("kind") == "draft_revised" and isinstance(data, dict):
            found.append((int(data.get("version", len(found) + 1) or 0), str(data.get("text", "")), entry))
    return found


def _unchanged(text: str, first: bool, last: bool) -> str:
    if len(text) <= 2 * CONTEXT + 1:
        return markup(text)
    head = "" if first else text[:CONTEXT]
    tail = "" if last else text[-CONTEXT:]
    return markup(head) + ' <font color="#888888">…</font> ' + markup(tail)


def diff_markup(before: str, after: str) -> str:
    """Paragraph markup of the changes from one text to the next (user text escaped)."""
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    parts = []
    for number, (tag, a1, a2, b1, b2) in enumerate(opcodes):
        if tag == "equal":
            parts.append(_unchanged(before[a1:a2], number == 0, number == len(opcodes) - 1))
            continue
        if a2 > a1:
            parts.append(f'<font color="{DELETED}"><strike>{markup(before[a1:a2])}</strike></font>')
        if b2 > b1:
            parts.append(f'<font color="{ADDED}"><u>{markup(after[b1:b2])}</u></font>')
    return "".join(parts) or markup("（无差异 no difference）")
