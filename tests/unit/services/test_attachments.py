"""Attachments kept in the records DB by their hash: a worker with another JUECE_HOME reads what one
kept (nothing shared but the databases and the object store); too large or unreadable files are
refused in both languages; records from before the move read from their old files."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from juece.adapters.store.attachments import AttachmentStore
from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.entries import all_of
from juece.domain.record.errors import FormError, RecordError
from juece.domain.stages import Stage
from juece.services import attachments
from juece.services import decisions as services
from juece.services.evaluation import report_implementation

SPEC = Path(__file__).resolve().parents[2] / "integration" / "data" / "ferry-fares.yaml"
DECISION, UNIT = "test-ferry-fares", "延寿县交通运输局"
Worker = Callable[[str], Path]


@pytest.fixture
def worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Worker:
    """Become a worker with a JUECE_HOME of its own; every worker shares one records DB."""
    monkeypatch.setenv("JUECE_RECORDS_URL", f"sqlite:///{tmp_path / 'shared-records.db'}")

    def become(name: str) -> Path:
        home = tmp_path / name
        monkeypatch.setenv("JUECE_HOME", str(home))
        monkeypatch.setenv("JUECE_ARCHIVE_DIR", str(home / "archives"))
        return home

    become("worker-a")
    return become


def approved() -> Ledger:
    ledger = Ledger()
    services.launch(SPEC, actor="sponsor_office", ledger=ledger)
    ledger.append(DECISION, Act(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"}))
    ledger.append(DECISION, Act(Stage.PUBLICATION, "published", "sponsor_office",
                                {"published_at": "2026-11-02T02:00:00.000000Z"}))
    return ledger


def channel(files: list[Path], ledger: Ledger) -> dict:
    entry = services.record_channel(DECISION, "symposium", "渡口票价座谈会", "2027-01-12", "居民关注票价",
                                    files, "sponsor_office", 12, ledger=ledger)
    return entry["data"]


def test_a_channels_attachments_are_read_by_a_worker_with_another_home(worker: Worker, tmp_path: Path) -> None:
    first = worker("worker-a")
    minutes, poll = tmp_path / "座谈会纪要.txt", tmp_path / "poll.csv"
    minutes.write_text("居民代表十二人参加。", encoding="utf-8")
    poll.write_bytes(b"yes,no\n40,12\n")
    data = channel([minutes, poll], approved())
    assert data["attachments"] == [  # the ledger describes them as it always has
        {"name": f.name, "sha256": hashlib.sha256(f.read_bytes()).hexdigest(), "bytes": f.stat().st_size}
        for f in (minutes, poll)]
    assert not (first / "attachments").exists()
    worker("worker-b")
    entry = all_of(Ledger().entries(DECISION), "channel_recorded")[-1]
    assert [attachments.read(DECISION, one) for one in entry["data"]["attachments"]] == [
        minutes.read_bytes(), poll.read_bytes()]
    kept = AttachmentStore().get(entry["data"]["attachments"][1]["sha256"])
    assert kept is not None and (kept.name, kept.media_type, kept.size) == ("poll.csv", "text/csv", 13)


def test_an_implementation_report_is_read_by_a_worker_with_another_home(worker: Worker, tmp_path: Path) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7 report")
    entry = report_implementation(DECISION, report, UNIT, "平稳", "sponsor_office", ledger=approved())
    worker("worker-b")
    described = all_of(Ledger().entries(DECISION), "implementation_reported")[0]["data"]["attachment"]
    assert described == entry["data"]["attachment"] == {
        "name": "report.pdf", "sha256": hashlib.sha256(b"%PDF-1.7 report").hexdigest(), "bytes": 15}
    assert attachments.read(DECISION, described) == b"%PDF-1.7 report"


def test_the_same_bytes_are_kept_once(juece_home: Path) -> None:
    store = AttachmentStore()
    first = store.put("a.txt", b"same")
    again = store.put("b.txt", b"same")
    assert again == first and again.name == "a.txt"
    assert store.get(hashlib.sha256(b"same").hexdigest()).content == b"same"
    assert store.get("0" * 64) is None


def test_a_file_over_the_limit_is_refused_in_both_languages_and_nothing_is_recorded(
        worker: Worker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = approved()
    before = len(ledger.entries(DECISION))
    monkeypatch.setenv("JUECE_ATTACHMENT_MAX_MB", "0.00001")  # 10 bytes
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 11)
    with pytest.raises(FormError) as refused:
        channel([big], ledger)
    assert "超过" in refused.value.zh and "over the" in refused.value.en and "big.txt" in refused.value.en
    with pytest.raises(FormError):
        AttachmentStore().put("big.txt", b"x" * 11)
    assert len(ledger.entries(DECISION)) == before
    assert AttachmentStore().get(hashlib.sha256(b"x" * 11).hexdigest()) is None


@pytest.mark.parametrize("name", ["nowhere.pdf", "a-folder"])
def test_an_unreadable_file_is_refused_in_both_languages(worker: Worker, tmp_path: Path, name: str) -> None:
    (tmp_path / "a-folder").mkdir()
    ledger = approved()
    before = len(ledger.entries(DECISION))
    with pytest.raises(FormError) as refused:
        report_implementation(DECISION, tmp_path / name, UNIT, "平稳", "sponsor_office", ledger=ledger)
    assert refused.value.zh.startswith("无法读取附件") and refused.value.en.startswith("cannot read the attachment")
    assert name in str(refused.value) and len(ledger.entries(DECISION)) == before


def test_a_bad_limit_setting_is_refused_by_name(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_ATTACHMENT_MAX_MB", "lots")
    with pytest.raises(FormError, match="JUECE_ATTACHMENT_MAX_MB"):
        AttachmentStore().put("a.txt", b"a")


def test_an_attachment_kept_before_the_move_is_read_from_its_old_file(juece_home: Path) -> None:
    content = b"minutes kept the old way"
    digest = hashlib.sha256(content).hexdigest()
    old = juece_home / "attachments" / DECISION / f"{digest[:16]}-minutes.txt"
    old.parent.mkdir(parents=True)
    old.write_bytes(content)
    described = {"name": "minutes.txt", "sha256": digest, "bytes": len(content)}
    assert attachments.read(DECISION, described) == content
    old.write_bytes(b"changed")
    with pytest.raises(RecordError, match="not in the records DB"):
        attachments.read(DECISION, described)
    old.unlink()
    with pytest.raises(RecordError, match="不在记录库中"):
        attachments.read(DECISION, described)
