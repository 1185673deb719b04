"""Tampering with an archive is reported in plain words, and the verifier never crashes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from reporting_records import EVENTS, make_entries

from juece.reporting.seal import parse_seal, read_seal, seal
from juece.reporting.verify import verify_archive


def write(tmp_path: Path, data: bytes, name: str = "tampered.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def resave(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def test_the_seal_records_the_base_length_hash_and_chain_head(
    archive: Path, record: dict[str, Any]
) -> None:
    found = read_seal(archive)
    assert found is not None
    assert found["chain_head"] == record["chain_head"]
    data = archive.read_bytes()
    assert data[:found["base_length"]].endswith(b"%%EOF\n")
    with pikepdf.open(archive) as pdf:
        assert str(pdf.trailer.JueceSeal.ChainHead) == record["chain_head"]


def test_a_flipped_byte_inside_the_base_content_is_reported(
    archive: Path, tmp_path: Path
) -> None:
    data = bytearray(archive.read_bytes())
    offset = data.index(b"stream", len(data) // 3) + 40
    data[offset] ^= 0x01
    report = verify_archive(write(tmp_path, bytes(data)))
    assert not report.ok
    assert any(problem.startswith("content altered") for problem in report.problems)


def test_a_changed_byte_in_the_seal_itself_is_reported(archive: Path, tmp_path: Path) -> None:
    data = archive.read_bytes()
    tampered = data.replace(b"/Type /JueceSeal", b"/Type /JueceSeaL")
    report = verify_archive(write(tmp_path, tampered))
    assert not report.ok


def test_one_edited_character_in_the_attached_record_breaks_the_chain(
    archive: Path, record: dict[str, Any], tmp_path: Path
) -> None:
    with pikepdf.open(io.BytesIO(archive.read_bytes())) as pdf:
        stream = pdf.attachments["record.json"].get_file().obj
        raw = stream.read_bytes()
        edited = raw.replace("儿科急诊".encode(), "儿科门诊".encode(), 1)
        assert edited != raw
        stream.write(edited)
        base = resave(pdf)
    report = verify_archive(write(tmp_path, seal(base, record["chain_head"])))
    assert any("hash does not match its content" in problem for problem in report.problems)
    assert not any(problem.startswith("content altered") for problem in report.problems)


def test_editing_the_record_without_resealing_is_reported_as_altered(
    archive: Path, tmp_path: Path
) -> None:
    with pikepdf.open(io.BytesIO(archive.read_bytes())) as pdf:
        stream = pdf.attachments["record.json"].get_file().obj
        stream.write(stream.read_bytes().replace(b"C-0001", b"C-0009", 1))
        base = resave(pdf)
    report = verify_archive(write(tmp_path, base))
    assert any(problem.startswith(("no seal found", "content altered"))
               for problem in report.problems)
    assert any("record chain broken" in problem for problem in report.problems)


def test_a_replaced_printed_head_is_reported(
    archive: Path, record: dict[str, Any], tmp_path: Path
) -> None:
    head = record["chain_head"].encode()
    fake = b"0123456789abcdef" * 4
    with pikepdf.open(io.BytesIO(archive.read_bytes())) as pdf:
        contents = pdf.pages[1].obj.Contents
        raw = contents.read_bytes()
        assert head in raw
        contents.write(raw.replace(head, fake))
        base = resave(pdf)
    report = verify_archive(write(tmp_path, seal(base, record["chain_head"])))
    assert report.problems == ["page 2: the printed chain head differs from the attached one"]


@pytest.mark.parametrize("keep", [0.5, 0.99, 0.9999])
def test_a_truncated_file_is_reported(archive: Path, tmp_path: Path, keep: float) -> None:
    data = archive.read_bytes()
    report = verify_archive(write(tmp_path, data[:int(len(data) * keep)]))
    assert not report.ok
    assert any("truncated" in problem for problem in report.problems)


def test_bytes_appended_after_the_seal_are_reported(archive: Path, tmp_path: Path) -> None:
    report = verify_archive(write(tmp_path, archive.read_bytes() + b"% later\n"))
    assert report.problems == ["8 bytes were appended after the seal"]


@pytest.mark.parametrize("content", [b"", b"hello", b"%PDF-1.7\n garbage", bytes(range(256))])
def test_a_file_that_is_not_an_archive_is_reported_without_raising(
    tmp_path: Path, content: bytes
) -> None:
    report = verify_archive(write(tmp_path, content))
    assert not report.ok
    assert parse_seal(content) is None


def test_a_missing_file_is_reported_without_raising(tmp_path: Path) -> None:
    report = verify_archive(tmp_path / "nowhere.pdf")
    assert report.problems and "cannot be read" in report.problems[0]
    assert read_seal(tmp_path / "nowhere.pdf") is None


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
    from juece.domain.signatures import new_key_pair, opinion_digest, sign_digest

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
    from reporting_records import DECISION

    from juece.reporting.archive import build_archive

    entries = make_entries(signed_events("0" * 64 if forged else None))
    record = {"format": "juece-record/1", "decision_id": DECISION, "edition": "full",
              "chain_head": entries[-1]["hash"], "entries": entries}
    report = verify_archive(build_archive(record, tmp_path / "signed.pdf"))
    expected = ["opinion of expert_9 (seat_1): the signature does not verify with the recorded public key"]
    assert report.problems == (expected if forged else [])
