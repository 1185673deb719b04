"""Nothing of the evaluation lives in a worker's JUECE_HOME: a worker with another home finds the
amendment decision's spec in its `launched` entry (R-G5) and the re-issued archive in the object store."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.domain.evaluation import reports
from juece.domain.evaluation.answers import conclude
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.entries import latest
from juece.domain.stages import Stage
from juece.services import decisions as services
from juece.services.evaluation import launch_amendment
from juece.spec.loader import load_spec, load_spec_text

SPEC = Path(__file__).resolve().parents[2] / "integration" / "data" / "ferry-fares.yaml"
DECISION = "test-ferry-fares"
ADJUSTMENT = "票价上调幅度减半。"


def concluded_adjust(ledger: Ledger) -> None:
    spec = load_spec(SPEC)
    services.launch(SPEC, actor="sponsor_office", ledger=ledger)
    ledger.append(DECISION, Act(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"}))
    ledger.append(DECISION, Act(Stage.PUBLICATION, "published", "sponsor_office",
                                {"published_at": "2026-11-02T02:00:00.000000Z"}))
    ledger.append_many(DECISION, reports.open_evaluation(spec, ledger.entries(DECISION), "manual__1", False, "复核"))
    answer = Answer("evaluator", ["调整 Adjust"], {"findings": "客流下降。", "public_views": "问卷三百份。",
                                                   "adjustment": ADJUSTMENT})
    ledger.append_many(DECISION, conclude(TaskContext(spec, ledger.entries(DECISION)), answer).acts)


def test_the_amendment_spec_is_read_by_a_worker_with_another_home(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_RECORDS_URL", f"sqlite:///{tmp_path / 'shared-records.db'}")
    monkeypatch.setenv("JUECE_HOME", str(tmp_path / "worker-a"))
    ledger = Ledger()
    concluded_adjust(ledger)
    amendment = launch_amendment(DECISION, "evaluate__manual__1", trigger=False, ledger=ledger)
    assert amendment == f"{DECISION}-amend-1"
    assert not (tmp_path / "worker-a" / "amendments").exists()
    monkeypatch.setenv("JUECE_HOME", str(tmp_path / "worker-b"))
    entries = Ledger().entries(DECISION)
    linked = latest(entries, "amendment_launched")["data"]
    launched = latest(Ledger().entries(linked["amendment"]), "launched")
    assert linked["launched_entry"] == launched["hash"] and launched["data"]["source"] == f"{amendment}.yaml"
    spec = load_spec_text(launched["data"]["spec_text"], launched["data"]["source"])
    assert (spec.id, spec.amends, spec.draft.version) == (amendment, DECISION, 2)
    assert ADJUSTMENT in spec.draft.explanation
    assert launch_amendment(DECISION, "evaluate__manual__1", trigger=False, ledger=Ledger()) == amendment


def test_the_reissued_archive_is_named_by_its_store_copy_on_every_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from juece.adapters import object_store
    from juece.adapters.reporting.body_keys import ensure_body_key
    from juece.adapters.store import catalogue
    from juece.services.evaluation import reissue_archive

    monkeypatch.setenv("JUECE_RECORDS_URL", f"sqlite:///{tmp_path / 'shared-records.db'}")
    monkeypatch.setenv("JUECE_ARCHIVE_STORE", str(tmp_path / "object-store"))
    monkeypatch.setenv("JUECE_KEYS_DIR", str(tmp_path / "keys"))
    monkeypatch.delenv("JUECE_ARCHIVE_STORES", raising=False)
    for name in ("JUECE_HOME", "JUECE_ARCHIVE_DIR"):
        monkeypatch.setenv(name, str(tmp_path / "worker-a" / name.lower()))
    ensure_body_key(load_spec(SPEC).decision_body)
    ledger = Ledger()
    concluded_adjust(ledger)
    where = reissue_archive(DECISION, "reissue__manual__1", ledger)
    for name in ("JUECE_HOME", "JUECE_ARCHIVE_DIR"):
        monkeypatch.setenv(name, str(tmp_path / "worker-b" / name.lower()))
    assert reissue_archive(DECISION, "reissue__manual__1", Ledger()) == where
    row = catalogue.latest(DECISION, "full")
    assert where == (tmp_path / "object-store").resolve().as_uri() + f"/{row.key}"
    assert hashlib.sha256(object_store.read(where)).hexdigest() == row.sha256
