"""Fixity (R-H2, R-H3): `juece fixity` recomputes every catalogued file's SHA-256, verifies each
archive against its ledger and every chain; a finding exits 1 naming it, is recorded once as
`fixity_failed`, notified, and never repaired; a clean pass writes nothing to any record."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from juece.adapters.store import catalogue, fixity_log
from juece.adapters.store.db import ledger_entries
from juece.adapters.store.ledger import Ledger
from juece.cli.main import main
from juece.domain.record.ledger import GENESIS, canonical_json, entry_hash
from juece.spec import load_spec

URBAN = Path(__file__).resolve().parents[3] / "templates" / "urban-planning.yaml"
DECISION = "yanshou-2027-urban-001"


def chained(events: list[tuple[str, str, str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Entries hashed exactly as the ledger writes them."""
    start, prev, entries = datetime(2027, 3, 1, tzinfo=UTC), GENESIS, []
    for seq, (stage, kind, actor, data) in enumerate(events, start=1):
        body = {"decision_id": DECISION, "seq": seq, "stage": stage, "kind": kind, "actor": actor,
                "at": (start + timedelta(minutes=seq)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "data": json.loads(canonical_json(data))}
        entries.append({**body, "prev_hash": prev, "hash": entry_hash(prev, body)})
        prev = entries[-1]["hash"]
    return entries


ENTRIES = chained([
    ("launch", "launched", "sponsor_office", {"spec": load_spec(URBAN).model_dump(mode="json")}),
    ("public_participation", "comment_received", "public", {"receipt": "C-0001", "text": "建议增加停车位。"}),
    ("legality_review", "legality_reviewed", "legality_reviewer", {"outcome": "lawful"}),
])


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A decision-body signing key for the archive, where the archive code expects one."""
    folder = tmp_path_factory.mktemp("keys")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(folder))
        try:
            from juece.adapters.reporting.body_keys import init_body_key
        except ImportError:  # archives not signed yet: no key needed
            return folder
        init_body_key(ENTRIES[0]["data"]["spec"]["decision_body"])
    return folder


@pytest.fixture(scope="module")
def archive_bytes(keys: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from juece.adapters.reporting.archive import build_archive

    record = {"format": "juece-record/1", "decision_id": DECISION, "edition": "full",
              "chain_head": ENTRIES[-1]["hash"], "entries": ENTRIES}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(keys))
        return build_archive(record, tmp_path_factory.mktemp("built") / "archive.pdf").read_bytes()


@pytest.fixture
def store(juece_home: Path, keys: Path, archive_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The decision's ledger and one stored, catalogued archive file."""
    monkeypatch.setenv("JUECE_KEYS_DIR", str(keys))
    ledger = Ledger()
    with ledger.engine.begin() as conn:
        conn.execute(ledger_entries.insert(), [{**e, "data": canonical_json(e["data"]).decode(), "act_key": None}
                                               for e in ENTRIES])
    path = juece_home / "store" / DECISION / "v1" / "full.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(archive_bytes)
    register(path)
    yield path


def register(path: Path, version: int = 1, sha256: str | None = None) -> None:
    catalogue.register(catalogue.ArchiveIssue(
        archive_no="J001-2027-0001", decision_id=DECISION, version=version, edition="full", title="t", title_en="",
        decision_body="b", sponsor="s", category="important_plan", catalogue_year=2027, catalogue_number="2027-01",
        archive_year=2027, item_number=1, outcome="", chain_head=ENTRIES[-1]["hash"], location=path.as_uri(),
        sha256=sha256 or hashlib.sha256(path.read_bytes()).hexdigest(), size=path.stat().st_size,
        issued_at="2027-03-02T00:00:00.000000Z"))


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["fixity", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def kinds() -> list[str]:
    return [e["kind"] for e in Ledger().entries(DECISION)]


def test_a_good_store_passes_and_writes_nothing_to_any_record(store: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys=capsys)
    assert code == 0 and "1 个文件 file(s)" in out and "all intact" in out
    assert kinds() == ["launched", "comment_received", "legality_reviewed"]
    (summary,) = fixity_log.runs()
    assert (summary["ok"], summary["files"], summary["decisions"], summary["trigger"]) == (True, 1, 1, "cli")
    assert fixity_log.notices() == []


def test_a_flipped_byte_exits_non_zero_naming_the_file_recorded_and_not_repaired(store: Path, capsys) -> None:  # noqa: ANN001
    expected = hashlib.sha256(store.read_bytes()).hexdigest()
    damaged = bytearray(store.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    store.write_bytes(bytes(damaged))
    found = hashlib.sha256(bytes(damaged)).hexdigest()
    code, out, _ = run(capsys=capsys)
    assert code == 1 and store.as_uri() in out and "SHA-256 differs" in out and found in out
    failed = Ledger().latest(DECISION, "fixity_failed")
    assert failed["stage"] == "archive" and failed["data"]["file"] == store.as_uri()
    assert (failed["data"]["expected"], failed["data"]["found"]) == (expected, found)
    assert store.read_bytes() == bytes(damaged)  # never repaired
    (notice,) = fixity_log.notices("fixity")
    assert notice["level"] == "ERROR" and store.as_uri() in notice["body"]
    assert fixity_log.runs()[-1]["ok"] is False
    assert run(capsys=capsys)[0] == 1
    assert kinds().count("fixity_failed") == 1  # the same finding is recorded once


def test_a_broken_ledger_chain_is_reported_by_entry(store: Path, capsys) -> None:  # noqa: ANN001
    with Ledger().engine.begin() as conn:
        conn.execute(ledger_entries.update().where(ledger_entries.c.seq == 2).values(actor="someone_else"))
    code, out, _ = run("--json", capsys=capsys)
    findings = json.loads(out)["findings"]
    assert code == 1 and "chain_broken" in {f["check"] for f in findings}
    broken = next(f for f in findings if f["check"] == "chain_broken")
    assert any("entry 2" in problem for problem in broken["problems"])


def test_a_missing_file_is_named_as_unreadable(store: Path, capsys) -> None:  # noqa: ANN001
    store.unlink()
    code, out, _ = run(capsys=capsys)
    assert code == 1 and "file cannot be read" in out and store.as_uri() in out


def test_a_stand_in_file_with_its_catalogued_hash_still_fails_verification(store: Path, capsys) -> None:  # noqa: ANN001
    stand_in = store.with_name("stand-in.pdf")
    stand_in.write_bytes(b"not an archive")
    register(stand_in, version=2)
    code, out, _ = run(capsys=capsys)
    assert code == 1 and "archive verification failed" in out and "not a PDF file" in out


def test_a_dry_run_records_and_notifies_nothing(store: Path, capsys) -> None:  # noqa: ANN001
    store.write_bytes(store.read_bytes() + b"\n")
    code, _, _ = run("--dry-run", capsys=capsys)
    assert code == 1 and "fixity_failed" not in kinds()
    assert fixity_log.runs() == [] and fixity_log.notices() == []
