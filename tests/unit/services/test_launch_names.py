"""The record names its people: the launch keeps the names the people directory gives the officials
the spec names, so that an archive made from the record alone prints people by name and role; the
hearing's citizens are left out (personal data, in the spec already and removed from the public
edition)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from juece.adapters.reporting import persons
from juece.adapters.store.ledger import Ledger
from juece.domain.record.entries import latest
from juece.domain.record.kinds import Kind
from juece.services import decisions as services

REPO = Path(__file__).resolve().parents[3]
SPEC = REPO / "templates" / "price-hearing.yaml"
DIRECTORY = (REPO / "templates" / "libraries" / "people.yaml").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def home(juece_home: Path) -> Path:
    return juece_home


def launched_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, directory: str | None) -> dict:
    if directory is None:
        monkeypatch.delenv("JUECE_PEOPLE_FILE", raising=False)
    else:
        path = tmp_path / "people.yaml"
        path.write_text(directory, encoding="utf-8")
        monkeypatch.setenv("JUECE_PEOPLE_FILE", str(path))
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))  # no panel to draw: no expert library needed
    spec["stages"]["expert_review"] = {"applicable": False, "not_applicable_reason": "不涉及专业技术问题。"}
    source = tmp_path / "spec.yaml"
    source.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    ledger = Ledger()
    launched = services.launch(source, actor="sponsor_office", ledger=ledger)
    entry = latest(ledger.entries(launched.spec.id), Kind.LAUNCHED)
    assert entry is not None
    return {"entries": ledger.entries(launched.spec.id), **entry["data"]}


def test_the_launch_records_the_officials_names_and_not_the_citizens(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = launched_data(monkeypatch, tmp_path, DIRECTORY)  # the directory names hearing_01 too
    assert data["people"]["sponsor_office"] == "周敏"
    assert data["people"]["risk_assessor"] == "韩冰"
    assert data["people"]["evaluator"]
    assert "hearing_01" not in data["people"]
    with persons.naming({"entries": data["entries"]}):
        assert persons.person("risk_assessor") == "韩冰（风险评估人 risk assessor）"
        assert persons.person("juece") == persons.SYSTEM


def test_without_a_directory_nothing_is_recorded_and_people_are_named_by_role(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = launched_data(monkeypatch, tmp_path, None)
    assert "people" not in data
    with persons.naming({"entries": data["entries"]}):
        assert persons.person("risk_assessor") == "风险评估人 risk assessor"
