"""The launched decisions' specs, read from the records DB: what every DAG is built from."""

from __future__ import annotations

from juece.adapters.store.ledger import Ledger
from juece.domain.record.launch import launched_spec
from juece.spec.models import DecisionSpec


def launched_specs(ledger: Ledger,
                   wanted: list[str] | None = None) -> tuple[dict[str, DecisionSpec], dict[str, str]]:
    """Every launched decision's spec from the records DB (only the ``wanted`` decisions', when
    given), and the decisions whose `launched` entry does not verify, with why."""
    entries = ledger.of_kind("launched", wanted)
    specs: dict[str, DecisionSpec] = {}
    errors: dict[str, str] = {}
    for entry in entries:
        try:
            specs[entry["decision_id"]] = launched_spec(entry)
        except Exception as exc:  # noqa: BLE001 - isolate each decision, report it below
            errors[entry["decision_id"]] = str(exc)
    return specs, errors
