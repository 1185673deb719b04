"""Small hand-made records for the compliance evaluators: each event is (stage, kind, data) and
becomes an entry numbered from 1, with an actor, a time and a hash as the ledger writes them."""

from __future__ import annotations

from typing import Any

from juece.domain.archive.compliance_facts import Facts

ER, RA, PE = "expert_review", "risk_assessment", "post_evaluation"
LAUNCH, CD, PUB, LR = "launch", "collective_deliberation", "publication", "legality_review"
Event = tuple[str, str, dict[str, Any]]


def record(*events: Event) -> list[dict[str, Any]]:
    return [{"seq": n, "stage": stage, "kind": kind, "actor": "sponsor_office", "at": "2027-03-01T08:00:00Z",
             "hash": f"h{n}", "data": data} for n, (stage, kind, data) in enumerate(events, 1)]


def facts(entries: list[dict[str, Any]], **whole: Any) -> Facts:
    return Facts({"entries": entries, **whole})


def launched(**spec: Any) -> Event:
    return (LAUNCH, "launched", {"spec": spec})
