"""Chains built in the tests exactly as the ledger writes them, with either hash algorithm."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from juece.domain.record.ledger import GENESIS, entry_hash

DECISION = "yanshou-2027-sm3-001"


def chain(algorithm: str, comments: int = 3, declare: bool = True) -> list[dict[str, Any]]:
    """A launched entry (declaring ``algorithm`` unless ``declare`` is False) and some comments."""
    launched = {"spec": {"id": DECISION, "decision_body": "延寿县人民政府"}}
    if declare:
        launched["hash_algorithm"] = algorithm
    events = [("launch", "launched", "sponsor_office", launched)] + [
        ("public_participation", "comment_received", "public", {"receipt": f"C-{n:06d}", "text": f"意见{n}"})
        for n in range(1, comments + 1)]
    return link(events, [algorithm] * len(events))


def link(events: list[tuple[str, str, str, dict[str, Any]]], algorithms: list[str]) -> list[dict[str, Any]]:
    """Entry i hashed with algorithms[i] (a mixed chain when they differ)."""
    start, prev, entries = datetime(2027, 3, 1, tzinfo=UTC), GENESIS, []
    for seq, ((stage, kind, actor, data), algorithm) in enumerate(zip(events, algorithms, strict=True), 1):
        body = {"decision_id": DECISION, "seq": seq, "stage": stage, "kind": kind, "actor": actor,
                "at": (start + timedelta(minutes=seq)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "data": data}
        entries.append({**body, "prev_hash": prev, "hash": entry_hash(prev, body, algorithm)})
        prev = entries[-1]["hash"]
    return entries
