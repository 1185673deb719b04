"""Tampering with an archive is reported in plain words, and the verifier never crashes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from juece.adapters.reporting.archive import build_archive, render
from juece.adapters.reporting.body_keys import BodyKeyError
from juece.adapters.reporting.verify import verify_archive
from tests.unit.adapters.reporting.reporting_records import EVENTS, make_entries


def write(tmp_path: Path, data: bytes, name: str = "tampered.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def unsigned(data: bytes) -> bytes:
    contents = data.rindex(b"/ByteRange")
    return data[:data.rindex(b"%%EOF", 0, contents) + len(b"%%EOF\n")]


def test_the_signature_is_an_incremental_update_by_the_decision_body(
    archive: Path, record: dict[str, Any]
) -> None:
    data = archive.read_bytes()
    base = unsigned(data)
    assert base.endswith(b"%%EOF\n") and len(base) < len(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        field = pdf.Root.AcroForm.Fields[0]
        assert str(field.T) == "DecisionBodySignature" and str(field.FT) == "/Sig"
        assert str(field.V.SubFilter) == "/ETSI.CAdES.detached"
        assert str(field.V.M) == "D:20270301010159Z"  # the record's last entry, not the clock
        assert list(field.Rect) == [0, 0, 0, 0]  # invisible
        signed_info = {str(k): str(v) for k, v in pdf.docinfo.items()}
        with pdf.open_metadata() as xmp:
            xmp_producer = xmp.get("pdf:Producer")
    with pikepdf.open(io.BytesIO(base)) as pdf:
        assert {str(k): str(v) for k, v in pdf.docinfo.items()} == signed_info
    assert xmp_producer is None or xmp_producer == signed_info["/Producer"]
    assert verify_archive(archive).signer == "延寿县人民政府"


def test_the_same_record_and_key_give_the_same_signed_bytes(
    archive: Path, record: dict[str, Any]
) -> None:
    assert render(json.loads(json.dumps(record))) == archive.read_bytes()


def test_an_archive_is_not_built_for_a_body_without_a_key(
    record: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUECE_KEYS_DIR", str(tmp_path / "empty"))
    with pytest.raises(BodyKeyError) as raised:
        build_archive(record, tmp_path / "unsigned.pdf")
    assert "juece body-key init 延寿县人民政府" in str(raised.value)
    assert "没有登记签名密钥" in str(raised.value) and "has no registered signing key" in str(raised.value)
    assert not (tmp_path / "unsigned.pdf").exists()


def test_a_signer_not_registered_here_is_a_warning_not_a_failure(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUECE_KEYS_DIR", str(tmp_path / "elsewhere"))
    report = verify_archive(archive)
    assert report.ok and report.signer == "延寿县人民政府"
    assert len(report.warnings) == 1 and "signer not registered here" in report.warnings[0]


@pytest.mark.parametrize("content", [b"", b"hello", b"%PDF-1.7\n garbage", bytes(range(256))])
def test_a_file_that_is_not_an_archive_is_reported_without_raising(
    tmp_path: Path, content: bytes
) -> None:
    report = verify_archive(write(tmp_path, content))
    assert not report.ok


def test_a_missing_file_is_reported_without_raising(tmp_path: Path) -> None:
    report = verify_archive(tmp_path / "nowhere.pdf")
    assert report.problems and "cannot be read" in report.problems[0]


def test_an_archive_matches_a_ledger_that_has_grown_since(
    archive: Path, record: dict[str, Any]
) -> None:
    later = EVENTS + [("post_evaluation", "evaluation_scheduled", "airflow", {"months": 24})]
    assert verify_archive(archive, make_entries(later)).ok
    assert verify_archive(archive, record["entries"]).ok


def test_an_archive_that_does_not_match_the_ledger_is_reported(archive: Path) -> None:
    other = make_entries(EVENTS[:5] + [EVENTS[6], EVENTS[5]] + EVENTS[7:])
    report = verify_archive(archive, other)
    assert report.problems == ["archive chain does not match the ledger"]
    shorter = verify_archive(archive, make_entries(EVENTS[:3]))
    assert shorter.problems == ["archive chain does not match the ledger"]


def signed_events(sign_over: str | None = None) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The synthetic record with one expert opinion and its signature (over another digest if asked)."""
    from juece.domain.expert_review.signatures import new_key_pair, opinion_digest, sign_digest

    private, public = new_key_pair()
    content = {"decision": "yanshou-2027-001", "seat": "seat_1", "expert": "expert_9", "necessity": "必要",
               "feasibility": "可行", "soundness": "科学", "conclusion": "support", "conditions": None,
               "opinion": "同意。"}
    digest = opinion_digest(content)
    signature = sign_digest(private, sign_over or digest)
    return [*EVENTS,
            ("expert_review", "opinion_submitted", "expert_9", {**content, "digest": digest}),
            ("expert_review", "opinion_signed", "expert_9", {"seat": "seat_1", "expert": "expert_9", "digest": digest,
                                                             "signature": signature, "public_key": public})]


@pytest.mark.parametrize("forged", [False, True], ids=["signed", "forged"])
def test_verify_checks_every_expert_signature_in_the_archived_record(tmp_path: Path, forged: bool) -> None:
    from tests.unit.adapters.reporting.reporting_records import DECISION

    entries = make_entries(signed_events("0" * 64 if forged else None))
    record = {"format": "juece-record/1", "decision_id": DECISION, "edition": "full",
              "chain_head": entries[-1]["hash"], "entries": entries}
    report = verify_archive(build_archive(record, tmp_path / "signed.pdf"))
    expected = ["opinion of expert_9 (seat_1): the signature does not verify with the recorded public key"]
    assert report.problems == (expected if forged else [])
