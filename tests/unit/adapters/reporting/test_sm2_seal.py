"""A body with an SM2 key: its archive stays PAdES-signed by the RSA key and carries a detached
SM2 signature over record.json (record.sm2.json) that `juece verify` checks, and that the
pure-Python gmssl verifies too; a changed record, a signature by another key, or a seal whose
signature was altered is refused naming the cause. Bodies without an SM2 key are unchanged."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from asn1crypto import algos

from juece.adapters.reporting.archive import build_archive
from juece.adapters.reporting.attach import SEAL_NAME, attached_record
from juece.adapters.reporting.body_keys import BodyKeyError
from juece.adapters.reporting.body_sm2 import body_sm2_public, import_body_sm2, init_body_sm2
from juece.adapters.reporting.sm2_seal import check_seal
from juece.adapters.reporting.verify import verify_archive
from juece.cli.main import main
from juece.domain.record import sm2
from juece.domain.record.digests import sm3_hex
from tests.unit.adapters.reporting.test_sm3_archive import sm3_record
from tests.unit.domain.record.sm2_oracle import independent

BODY = "延寿县人民政府"


def attachments(path: Path) -> tuple[bytes, bytes]:
    with pikepdf.open(path) as pdf:
        record, seal = attached_record(pdf), attached_record(pdf, SEAL_NAME)
    assert record is not None and seal is not None
    return record, seal


def rewrite_seal(path: Path, out: Path, change: Any) -> Path:
    with pikepdf.open(path) as pdf:
        stream = pdf.attachments[SEAL_NAME].get_file().obj
        stream.write(change(stream.read_bytes()))
        pdf.save(out)
    return out


@pytest.fixture
def sealed(tmp_path: Path) -> Path:
    init_body_sm2(BODY)
    return build_archive(sm3_record(), tmp_path / "sealed.pdf")


def test_an_archive_without_an_sm2_key_has_no_seal(archive: Path) -> None:
    with pikepdf.open(archive) as pdf:
        assert attached_record(pdf, SEAL_NAME) is None and len(pdf.Root.AF) == 1
    assert verify_archive(archive).sm2_key is None


def test_the_sealed_archive_verifies_and_the_seal_signs_record_jsons_sm3(
        sealed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = verify_archive(sealed)
    assert report.ok, report.problems
    assert report.signer == BODY and report.sm2_key is not None
    record, raw = attachments(sealed)
    seal = json.loads(raw)
    assert seal["record_sm3"] == sm3_hex(record) and seal["signer_id"] == "1234567812345678"
    assert base64.b64decode(seal["public_key"]) == body_sm2_public(BODY)
    assert main(["verify", str(sealed)]) == 0
    assert "SM2" in capsys.readouterr().out
    with pikepdf.open(sealed) as pdf:
        assert len(pdf.Root.AF) == 2 and str(pdf.attachments[SEAL_NAME].relationship) == "/Supplement"
        spec = pdf.Root.AF[1]  # as PDF/A-3 wants every attachment: relationship, MIME type, dates
        stream = spec.EF.F
        assert str(spec.F) == SEAL_NAME and str(stream.Subtype) == "/application/json"
        assert str(stream.Params.ModDate) == str(pdf.Root.AF[0].EF.F.Params.ModDate)


def test_the_independent_implementation_verifies_the_archives_seal(sealed: Path) -> None:
    _, raw = attachments(sealed)
    seal = json.loads(raw)
    point = sm2.public_point(seal["public_key"])
    parsed = algos.DSASignature.load(base64.b64decode(seal["signature"])).native
    other = independent(point)
    assert other.verify_with_sm3(f"{parsed['r']:064x}{parsed['s']:064x}", seal["record_sm3"].encode())


def test_a_changed_record_is_refused_by_the_sm2_check_too(sealed: Path) -> None:
    record, raw = attachments(sealed)
    check = check_seal(record.replace("儿科急诊".encode(), "儿科门诊".encode(), 1), raw, BODY)
    assert check.problems and "SM3 digest is not the one the SM2 signature signed" in check.problems[0]


def test_an_altered_seal_signature_is_refused(sealed: Path, tmp_path: Path) -> None:
    def flip(raw: bytes) -> bytes:
        seal = json.loads(raw)
        signature = bytearray(base64.b64decode(seal["signature"]))
        signature[-1] ^= 1
        return json.dumps({**seal, "signature": base64.b64encode(bytes(signature)).decode()}).encode()
    report = verify_archive(rewrite_seal(sealed, tmp_path / "flipped.pdf", flip))
    assert "[R-H2] SM2 签名无效 / the SM2 signature does not verify" in report.problems


def test_a_seal_by_another_key_is_refused_even_when_its_signature_holds(sealed: Path) -> None:
    record, _ = attachments(sealed)
    from juece.adapters.reporting.sm2_seal import seal
    forged = seal(BODY, sm2.new_private_pem(), sm3_hex(record))
    check = check_seal(record, forged, BODY)
    assert any("not the one registered" in problem for problem in check.problems)


def test_an_sm2_key_is_made_once_and_imported_as_pem_or_der(body_keys: Path) -> None:
    public = init_body_sm2(BODY)
    with pytest.raises(BodyKeyError, match="already has an SM2 key"):
        init_body_sm2(BODY)
    pem = sm2.new_private_pem()
    der = base64.b64decode("".join(pem.splitlines()[1:-1]))
    assert import_body_sm2(BODY, der) != public
    assert body_sm2_public(BODY) == sm2.public_der(sm2.key_pair(pem)[1])
    with pytest.raises(BodyKeyError, match="SM2 key cannot be read"):
        import_body_sm2(BODY, b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
