"""Reading a decision's record: the facts the rules ask about."""

from __future__ import annotations

from typing import Any, TypedDict

from juece.domain.record.kinds import Kind


class Entry(TypedDict):
    """One entry of a decision's record, with the keys the ledger stores (domain/record/ledger.py
    hashes BODY_FIELDS and prev_hash). ``kind`` holds a Kind value; read back it is a plain str."""

    decision_id: str
    seq: int
    stage: str
    kind: str
    actor: str
    at: str
    data: dict[str, Any]
    prev_hash: str
    hash: str


Entries = list[Entry]


def data_of(entry: Any) -> dict[str, Any]:
    """An entry's data. A damaged record's entry without it, or one that is not an object, reads
    as empty: the readers that check a record report such an entry, they do not crash on it."""
    value = entry.get("data") if isinstance(entry, dict) else None
    return value if isinstance(value, dict) else {}


def latest(entries: Entries, kind: str, stage: str | None = None) -> Entry | None:
    entry: Entry  # reversed() of Entries is Any to mypy (Any in the `data` values)
    for entry in reversed(entries):
        if entry["kind"] == kind and (stage is None or entry["stage"] == stage):
            return entry
    return None


def all_of(entries: Entries, kind: str) -> Entries:
    return [entry for entry in entries if entry["kind"] == kind]


def stage_not_applicable(entries: Entries, stage: str) -> bool:
    return latest(entries, Kind.NOT_APPLICABLE, stage) is not None


def on_time_comments(entries: Entries) -> Entries:
    return [e for e in all_of(entries, Kind.COMMENT_RECEIVED) if not e["data"].get("late")]


def attending(entries: Entries) -> list[str]:
    meeting = latest(entries, Kind.MEETING_CONVENED)
    return list(meeting["data"]["attendees"]) if meeting else []


def clock_scale(entries: Entries) -> float:
    launched = latest(entries, Kind.LAUNCHED)
    return float(launched["data"].get("clock_scale", 1)) if launched else 1.0
