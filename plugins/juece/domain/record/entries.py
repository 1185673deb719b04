"""Reading a decision's record: the facts the rules ask about."""

from __future__ import annotations

from typing import Any

Entries = list[dict[str, Any]]


def latest(entries: Entries, kind: str, stage: str | None = None) -> dict[str, Any] | None:
    for entry in reversed(entries):
        if entry["kind"] == kind and (stage is None or entry["stage"] == stage):
            return entry
    return None


def all_of(entries: Entries, kind: str) -> Entries:
    return [entry for entry in entries if entry["kind"] == kind]


def stage_not_applicable(entries: Entries, stage: str) -> bool:
    return latest(entries, "not_applicable", stage) is not None


def on_time_comments(entries: Entries) -> Entries:
    return [e for e in all_of(entries, "comment_received") if not e["data"].get("late")]


def attending(entries: Entries) -> list[str]:
    meeting = latest(entries, "meeting_convened")
    return list(meeting["data"]["attendees"]) if meeting else []


def clock_scale(entries: Entries) -> float:
    launched = latest(entries, "launched")
    return float(launched["data"].get("clock_scale", 1)) if launched else 1.0
