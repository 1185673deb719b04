"""The chain's algorithm is the decision body's: a body set to SM3 launches SM3-chained
decisions (the `launched` entry says so, the ledger appends with it, every reader verifies
it); another body, and every decision launched before, stay SHA-256."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.adapters.store.body_settings import BodySettings
from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.digests import sm3_hex
from juece.domain.record.ledger import BODY_FIELDS, canonical_json, verify_chain
from juece.services.decisions import launch
from juece.spec import load_spec

URBAN = Path(__file__).resolve().parents[4] / "templates" / "urban-planning.yaml"


@pytest.fixture
def ledger(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    monkeypatch.setattr("juece.services.decisions.draw_for", lambda spec: _Drawn())
    return Ledger()


class _Drawn:  # the panel draw needs the expert library: not what is tested here
    def as_dict(self) -> dict[str, object]:
        return {"seed": "0", "members": []}


def test_a_body_is_sha256_until_it_sets_sm3(juece_home: Path) -> None:
    settings = BodySettings()
    assert settings.hash_algorithm("延寿县人民政府") == "sha256"
    settings.set_hash_algorithm("延寿县人民政府 ", "sm3", "administrator")
    assert settings.hash_algorithm("延寿县人民政府") == "sm3"
    assert settings.hash_algorithm("另一县人民政府") == "sha256"
    with pytest.raises(ValueError, match="sha256 or sm3"):
        settings.set_hash_algorithm("延寿县人民政府", "sha1", "administrator")


def test_a_decision_of_an_sm3_body_is_sm3_chained_from_its_launch(ledger: Ledger) -> None:
    spec = load_spec(URBAN)
    BodySettings(ledger.engine).set_hash_algorithm(spec.decision_body, "sm3", "administrator")
    launched = launch(URBAN, "sponsor_office", ledger)
    assert launched.entry["data"]["hash_algorithm"] == "sm3"
    ledger.append(spec.id, Act("public_participation", "comment_received", "public", {"text": "意见"}))
    BodySettings(ledger.engine).set_hash_algorithm(spec.decision_body, "sha256", "administrator")
    ledger.append(spec.id, Act("public_participation", "comment_received", "public", {"text": "意见二"}))
    entries = Ledger(ledger.engine).entries(spec.id)  # a fresh reader: nothing cached
    report = verify_chain(entries, spec.id)
    assert report.intact, report.problems
    assert report.algorithm == "sm3"
    last = entries[-1]
    payload = {name: last[name] for name in BODY_FIELDS} | {"prev_hash": last["prev_hash"]}
    assert last["hash"] == sm3_hex(canonical_json(payload))


def test_a_decision_of_a_body_that_set_nothing_is_sha256(ledger: Ledger) -> None:
    launched = launch(URBAN, "sponsor_office", ledger)
    assert launched.entry["data"]["hash_algorithm"] == "sha256"
    assert verify_chain(ledger.entries(launched.spec.id)).algorithm == "sha256"
