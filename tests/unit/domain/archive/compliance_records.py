"""Small hand-made records for the compliance evaluators: entries numbered from 1, as the ledger
numbers them, with only the fields the evaluators read."""

from __future__ import annotations

from typing import Any

from juece.domain.archive.compliance_facts import Facts

Row = tuple[str, str, dict[str, Any]]
LR, CD = "legality_review", "collective_deliberation"


def entries(*rows: Row) -> list[dict[str, Any]]:
    """Entries from (stage, kind, data) rows, numbered #1, #2 ... in order."""
    return [{"seq": number, "stage": stage, "kind": kind, "data": data}
            for number, (stage, kind, data) in enumerate(rows, start=1)]


def read(*rows: Row) -> tuple[Facts, list[dict[str, Any]]]:
    """The record of these rows as the evaluators read it, and its entries (for the proofs)."""
    made = entries(*rows)
    return Facts(made), made


def launched(members: list[str], head: str, **meeting: Any) -> Row:
    """A launch whose spec configures the collective deliberation."""
    stage = {"members": members, "head": head, **meeting}
    return ("launch", "launched", {"spec": {"stages": {CD: stage}}})
