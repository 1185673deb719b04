"""The hash chain of a decision's record (R-H1, R-H2), independent of any database.

Each entry's hash is SHA-256 (or SM3, when the chain's `launched` entry declares it:
domain/record/digests.py) over the canonical JSON (sorted keys, no spaces, UTF-8) of its
body together with the previous entry's hash; a chain never mixes the two. Anyone holding the entries can
recompute the chain; the archive attaches them so that it can be verified offline.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from juece.domain.record.digests import HASH_ALGORITHMS, SHA256, declared, hex_digest

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


def entry_hash(prev_hash: str, body: Mapping[str, Any], algorithm: str = SHA256) -> str:
    """The hash of one entry: its body fields plus the previous hash, with the chain's algorithm."""
    payload = {name: body[name] for name in BODY_FIELDS}
    payload["prev_hash"] = prev_hash
    return hex_digest(algorithm, canonical_json(payload))


def hash_problem(prev_hash: str, entry: Mapping[str, Any], algorithm: str) -> str | None:
    """What is wrong with an entry's own hash under the chain's algorithm, or None: an entry
    hashed with the other algorithm is named as such (a chain never mixes them, R-H2)."""
    if entry_hash(prev_hash, entry, algorithm) == entry.get("hash"):
        return None
    for other in HASH_ALGORITHMS:
        if other != algorithm and entry_hash(prev_hash, entry, other) == entry.get("hash"):
            return (f"[R-H2] 该条目以 {other} 计算哈希，而本链声明 {algorithm}：同一链不得混用算法 / "
                    f"hashed with {other} while the chain declares {algorithm}: a chain never mixes algorithms")
    return "hash does not match its content"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ChainReport:
    """What a recomputation of a chain found."""

    length: int = 0
    head: str = GENESIS
    algorithm: str = SHA256
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(entries: Sequence[Mapping[str, Any]], decision_id: str | None = None) -> ChainReport:
    """Recompute every link; name each entry whose hash, link or order is wrong."""
    report = ChainReport(algorithm=declared(entries))
    if report.algorithm not in HASH_ALGORITHMS:
        report.problems.append(f"[R-H2] 链声明的哈希算法 {report.algorithm!r} 未知 / the chain declares an "
                               f"unknown hash algorithm {report.algorithm!r}: {' or '.join(HASH_ALGORITHMS)} only")
        report.length = len(entries)
        return report
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
            problem = hash_problem(prev, entry, report.algorithm)
        except (KeyError, TypeError, ValueError) as exc:
            report.problems.append(f"{where}: cannot be hashed ({exc})")
            break
        if problem:
            report.problems.append(f"{where}: {problem}")
        prev = entry.get("hash") or entry_hash(prev, entry, report.algorithm)
    report.length = len(entries)
    report.head = prev
    return report


def is_prefix(archived: Sequence[Mapping[str, Any]], ledger: Sequence[Mapping[str, Any]]) -> bool:
    """True when the archived chain is the ledger's beginning, entry for entry."""
    if len(archived) > len(ledger):
        return False
    return all(a.get("hash") == b.get("hash") for a, b in zip(archived, ledger, strict=False))
