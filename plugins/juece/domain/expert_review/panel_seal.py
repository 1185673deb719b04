"""R-C6 in juece's own outputs: while the expert panel is open, the opinions given so far stay
sealed. An archive issued meanwhile holds them back and the archive search does not index them;
the next issue after the panel closes carries them.

The panel is open when the record holds a `panel_drawn` with no `panel_closed` after it. Sealed
then: every `opinion_submitted` written after the last `panel_closed` (all of them when none),
whoever the panel is. Of a sealed opinion only what says that it exists stays readable: the
decision, the seat, the expert (the panel is public), the declaration of no conflict (R-C3) and
the digest the expert signs (R-C1). Everything else (the conclusion, the assessments, the
conditions, the text, and any field added later) is sealed: the kept fields are listed, not the
sealed ones, so a new field is sealed until someone decides otherwise.
"""

from __future__ import annotations

import hashlib
from typing import Any

from juece.domain.record.entries import Entries
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import canonical_json

RULE = "R-C6"
SEALED_KINDS = frozenset({Kind.OPINION_SUBMITTED})
KEPT_FIELDS = frozenset({"decision", "seat", "expert", "digest", "no_conflict", "rule"})
SEALED = "〔专家论证结束前封存 sealed until the panel closes, R-C6〕"
WHY_ZH = "专家论证尚未结束：各专家意见在专家组结束（panel_closed）前封存，不载入本版，结束后再次出具的档案载明全文（R-C6）"
WHY_EN = ("the expert panel is still open: each expert's opinion is sealed until the panel closes (panel_closed) "
          "and is not in this issue; the next archive issued after it closes carries the full text (R-C6)")


def panel_open(entries: Entries) -> bool:
    """Whether the record's last panel draw has not been closed."""
    drawn = closed = -1
    for position, entry in enumerate(entries):
        if entry.get("kind") == Kind.PANEL_DRAWN:
            drawn = position
        elif entry.get("kind") == Kind.PANEL_CLOSED:
            closed = position
    return drawn > closed


def sealed_seqs(entries: Entries) -> frozenset[Any]:
    """The seqs of the opinions sealed while the panel is open; entries already sealed (a
    sealed edition read again) are not counted twice."""
    if not panel_open(entries):
        return frozenset()
    since = max((position for position, entry in enumerate(entries) if entry.get("kind") == Kind.PANEL_CLOSED),
                default=-1)
    return frozenset(entry.get("seq") for entry in entries[since + 1:]
                     if entry.get("kind") in SEALED_KINDS and "sealed" not in entry
                     and isinstance(entry.get("data"), dict))


def sealed_fields(data: dict[str, Any]) -> list[str]:
    """The fields of an opinion's data that are sealed: all but the kept ones."""
    return sorted(str(key) for key in data if key not in KEPT_FIELDS)


def seal_data(data: dict[str, Any]) -> tuple[dict[str, Any], list[str], str]:
    """The data with its sealed fields replaced by SEALED, those fields, and the SHA-256 of the
    canonical JSON of their values as they were (the text published once the panel closes can
    be checked against it; the digest the expert signed stays beside it)."""
    fields = sealed_fields(data)
    digest = hashlib.sha256(canonical_json({name: data[name] for name in fields})).hexdigest()
    return {key: SEALED if key in fields else value for key, value in data.items()}, fields, digest
