"""Recorded chains: whole decision records written by the domain's own steps and answer handlers
(tests/unit/adapters/reporting/compliance_records.py, the expert keys fixed so that the signatures
are the same every time) and the archive tests' synthetic record (reporting_records.py), stored
byte for byte under tests/data/chains/ as the canonical JSON of their entries.

After a deliberate change to what the record holds, write them anew and review the difference:
    .venv/bin/python -m tests.unit.domain.record.recorded_chains
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from juece.domain.expert_review.signatures import public_key_of
from juece.domain.record.ledger import canonical_json
from tests.unit.adapters.reporting import compliance_records, reporting_records

CHAINS_DIR = Path(__file__).resolve().parents[3] / "data" / "chains"


def fixed_key_pair() -> tuple[str, str]:
    """An expert's key pair that is the same on every run (a test key, never used elsewhere)."""
    private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"juece recorded chains").digest())
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode("ascii")
    return pem, public_key_of(pem)


def _decision(make: Callable[[], compliance_records.Decision]) -> Callable[[], list[dict[str, Any]]]:
    def build() -> list[dict[str, Any]]:
        with mock.patch.object(compliance_records, "new_key_pair", fixed_key_pair):
            return make().entries
    return build


BUILDERS: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "compliance-amended": _decision(compliance_records.amended),
    "compliance-rejected": _decision(compliance_records.rejected),
    "compliance-gate-closed": _decision(compliance_records.gate_closed),
    "reporting-synthetic": lambda: reporting_records.make_record()["entries"],
}


def stored(name: str) -> bytes:
    return (CHAINS_DIR / f"{name}.json").read_bytes()


def write() -> None:
    CHAINS_DIR.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        (CHAINS_DIR / f"{name}.json").write_bytes(canonical_json(build()))


if __name__ == "__main__":
    write()
