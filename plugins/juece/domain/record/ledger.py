"""The hash chain of a decision's record (R-H1, R-H2), independent of any database.

Each entry's hash is SHA-256 over the canonical JSON (sorted keys, no spaces, UTF-8)
of its body together with the previous entry's hash. Anyone holding the entries can
recompute the chain; the archive attaches them so that it can be verified offline.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64
BODY_FIELDS = ("decision_id", "seq", "stage", "kind", "actor", "at", "data")


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def canonical_chunks(value: Any, depth: int = 2) -> Iterator[bytes]:
    """The canonical JSON of a value in pieces (their concatenation is canonical_json(value)):
    containers down to `depth` levels are opened, so a record with many entries is never
    held as one string."""
    if depth <= 0 or not isinstance(value, dict | list) or (
            isinstance(value, dict) and not all(isinstance(key, str) for key in value)):
        yield canonical_json(value)
        return
    items = [(canonical_json(key) + b":", value[key]) for key in sorted(value)] \
        if isinstance(value, dict) else [(b"", item) for item in value]
    yield b"{" if isinstance(value, dict) else b"["
    for index, (prefix, item) in enumerate(items):
        yield (b"," if index else b"") + prefix
        yield from canonical_chunks(item, depth - 1)
    yield b"}" if isinstance(value, dict) else b"]"


def entry_hash(prev_hash: str, body: Mapping[str, Any]) -> str:
    """The hash of one entry: its body fields plus the previous hash."""
    payload = {name: body[name] for name in BODY_FIELDS}
    payload["prev_hash"] = prev_hash
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ChainReport:
    """What a recomputation of a chain found."""

    length: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(entries: Sequence[Mapping[str, Any]], decision_id: str | None = None) -> ChainReport:
    """Recompute every link; name each entry whose hash, link or order is wrong."""
    report = ChainReport()
    prev = GENESIS
    for position, entry in enumerate(entries, start=1):
        where = f"entry {position}"
        if entry.get("seq") != position:
            report.problems.append(f"{where}: seq is {entry.get('seq')!r}, expected {position}")
        if decision_id is not None and entry.get("decision_id") != decision_id:
            report.problems.append(f"{where}: belongs to {entry.get('decision_id')!r}")
        if entry.get("prev_hash") != prev:
            report.problems.append(f"{where}: prev_hash does not link to the entry before it")
        try:
            computed = entry_hash(prev, entry)
        except (KeyError, TypeError, ValueError) as exc:
            report.problems.append(f"{where}: cannot be hashed ({exc})")
            break
        if computed != entry.get("hash"):
            report.problems.append(f"{where}: hash does not match its content")
        prev = entry.get("hash", computed)
    report.length = len(entries)
    report.head = prev
    return report


def is_prefix(archived: Sequence[Mapping[str, Any]], ledger: Sequence[Mapping[str, Any]]) -> bool:
    """True when the archived chain is the ledger's beginning, entry for entry."""
    if len(archived) > len(ledger):
        return False
    return all(a.get("hash") == b.get("hash") for a, b in zip(archived, ledger, strict=False))
