"""An archive issued while the expert panel is open holds the open opinions back (R-C6,
`juece.domain.expert_review.panel_seal`), in both editions, without breaking what makes the record checkable.

- Full edition (archivists only, R-H6): the attached record.json keeps every entry as the
  ledger has it, so its whole chain is still recomputed offline; `sealed` in the record lists
  the opinions held back, and its pages print the sealed marker in place of their text
  (`pages_view`).
- Public edition: each open opinion's sealed fields are replaced by the marker in the entry
  itself; the entry lists them in `sealed` and keeps its ledger hash, so the public chain is
  checked for its links there (as for a redacted entry) and against the ledger with the records
  DB; the digest the expert signed stays, and its signature is still checked. The record's
  `sealed` log says which fields, why, and the SHA-256 of their values as this edition would
  have shown them: the text published after the panel closes can be checked against it.

The same entries always give the same edition: whether a panel is open is read from the
entries themselves.
"""

from __future__ import annotations

from typing import Any

from juece.domain.expert_review.panel_seal import RULE, WHY_EN, WHY_ZH, seal_data, sealed_seqs


def _sealed(entries: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The entries with the open opinions sealed (copies where changed), and the log."""
    seqs = sealed_seqs(entries)
    if not seqs:
        return entries, []
    result, log = [], []
    for entry in entries:
        if entry.get("seq") not in seqs:
            result.append(entry)
            continue
        data, fields, digest = seal_data(entry["data"])
        result.append({**entry, "data": data, "sealed": [f"data.{name}" for name in fields]})
        log.append({"seq": entry.get("seq"), "kind": entry.get("kind"), "seat": entry["data"].get("seat"),
                    "fields": fields, "sha256": digest, "rule": RULE, "why_zh": WHY_ZH, "why_en": WHY_EN})
    return result, log


def seal_edition(record: dict[str, Any]) -> dict[str, Any]:
    """The edition's record with the open panel's opinions held back (unchanged when none)."""
    sealed, log = _sealed(record.get("entries") or [])
    if not log:
        return record
    if record.get("edition") == "public":
        record["entries"] = sealed
    record["sealed"] = log
    return record


def pages_view(record: dict[str, Any]) -> dict[str, Any]:
    """The record as the pages print it: any opinion still sealed printed as the marker (the
    attached record.json is the record itself)."""
    sealed, log = _sealed(record.get("entries") or [])
    return {**record, "entries": sealed} if log else record
