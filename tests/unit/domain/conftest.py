"""Fixtures for the domain tests: a spec from a template and records chained with real hashes."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time
from juece.domain.record.ledger import GENESIS, canonical_json, entry_hash
from juece.domain.stages import Stage
from juece.spec import DecisionSpec, load_spec

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
START = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


class Chain:
    """A decision's record built in memory exactly as the ledger writes it (seq, prev_hash, hash)."""

    def __init__(self, decision_id: str) -> None:
        self.decision_id = decision_id
        self.entries: list[dict[str, Any]] = []

    def add(self, stage: str, kind: str, actor: str = "juece", data: dict[str, Any] | None = None) -> dict[str, Any]:
        prev = self.entries[-1]["hash"] if self.entries else GENESIS
        seq = len(self.entries) + 1
        body = {
            "decision_id": self.decision_id, "seq": seq, "stage": str(stage), "kind": kind,
            "actor": actor, "at": format_time(START + timedelta(minutes=seq)),
            "data": json.loads(canonical_json(data or {})),
        }
        entry = {**body, "prev_hash": prev, "hash": entry_hash(prev, body)}
        self.entries.append(entry)
        return entry

    def extend(self, acts: Iterable[Act]) -> list[dict[str, Any]]:
        return [self.add(act.stage, act.kind, act.actor, act.data) for act in acts]

    def launched(self, spec: DecisionSpec, clock_scale: float = 1.0) -> Chain:
        self.add(Stage.LAUNCH, "launched", "sponsor_office",
                 {"spec": spec.model_dump(mode="json"), "clock_scale": clock_scale})
        return self


@pytest.fixture(scope="session")
def spec() -> DecisionSpec:
    return load_spec(TEMPLATES / "urban-planning.yaml")


@pytest.fixture
def make_spec(spec: DecisionSpec) -> Callable[..., DecisionSpec]:
    """The template with some fields changed, by dotted path: make_spec({"stages.x.y": value})."""

    def make(changes: dict[str, Any]) -> DecisionSpec:
        data = copy.deepcopy(spec.model_dump(mode="json"))
        for path, value in changes.items():
            *parents, last = path.split(".")
            target = data
            for part in parents:
                target = target[part]
            target[last] = value
        return DecisionSpec.model_validate(data)

    return make


@pytest.fixture
def chain(spec: DecisionSpec) -> Chain:
    """A fresh record with only the `launched` entry of the template's decision."""
    return Chain(spec.id).launched(spec)


@pytest.fixture
def empty_chain(spec: DecisionSpec) -> Chain:
    return Chain(spec.id)
