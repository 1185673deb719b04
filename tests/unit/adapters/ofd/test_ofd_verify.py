"""`juece verify FILE.ofd`: the OFD editions verify (their digests, the body's SM2 signature, the
record's chain, the chain head printed on every page), an independent SM2 implementation accepts
the signature, and every tampered copy is refused naming the cause."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from asn1crypto import algos

from juece.adapters.ofd.sign import SIGNATURE, SIGNATURES, SIGNED_VALUE
from juece.adapters.ofd.verify import verify_ofd
from juece.adapters.reporting.body_sm2 import body_sm2_public
from juece.cli.main import main
from juece.domain.record import sm2, sm2_deterministic
from tests.unit.adapters.ofd.conftest import BODY, Built
from tests.unit.adapters.ofd.tamper import flip, rewrite
from tests.unit.domain.record.sm2_oracle import independent

PAGE = "Doc_0/Pages/Page_1/Content.xml"


@pytest.mark.parametrize("edition", ["full", "public"])
def test_both_editions_verify(editions: Built, edition: str, capsys: pytest.CaptureFixture[str]) -> None:
    record, path = editions[edition]
    report = verify_ofd(path)
    assert report.ok, report.problems
    assert report.signer == BODY and report.chain_head == record["chain_head"] and report.pages > 3
    assert main(["verify", "--offline", str(path)]) == 0
    assert "SM2" in capsys.readouterr().out


def test_an_independent_sm2_implementation_verifies_the_signature(editions: Built) -> None:
    _, path = editions["full"]
    with zipfile.ZipFile(path) as package:
        info, value = package.read(SIGNATURE), package.read(SIGNED_VALUE)
    point = sm2.public_point(body_sm2_public(BODY) or b"")
    parsed = algos.DSASignature.load(value).native
    other = independent(point)
    assert other.verify_with_sm3(f"{parsed['r']:064x}{parsed['s']:064x}", info)


def test_the_deterministic_signer_signs_as_sm2_says() -> None:
    key = sm2.new_private_pem()
    scalar, point = sm2.key_pair(key)
    signature = sm2_deterministic.sign(key, b"abc")
    assert signature == sm2_deterministic.sign(key, b"abc") != sm2_deterministic.sign(key, b"abd")
    assert sm2.verify(sm2.public_der(point), b"abc", signature)
    parsed = algos.DSASignature.load(signature).native
    other = independent(point)
    assert other.verify_with_sm3(f"{parsed['r']:064x}{parsed['s']:064x}", b"abc")
    x, y = sm2_deterministic.multiply(scalar)
    assert point == b"\x04" + x.to_bytes(32, "big") + y.to_bytes(32, "big")


def _last_byte(target: str) -> Callable[[str, bytes], bytes | None]:
    def change(name: str, data: bytes) -> bytes | None:
        return data[:-1] + bytes([data[-1] ^ 1]) if name == target else data
    return change


TAMPERED: dict[str, tuple[Callable[[str, bytes], bytes | None], str]] = {
    "a page": (flip(PAGE, b"</ofd:TextCode>", b"X</ofd:TextCode>"),
               f"{PAGE}'s SM3 digest is not the signed one"),
    "the attachment": (flip("Doc_0/Attachs/record.json", "公交".encode(), "地铁".encode()),
                       "Doc_0/Attachs/record.json's SM3 digest is not the signed one"),
    "Signatures.xml": (flip(SIGNATURES, b'Type="Sign"', b'Type="Seal"'), "Signatures.xml was changed"),
    "Signature.xml": (flip(SIGNATURE, b"<ofd:SignatureDateTime>2", b"<ofd:SignatureDateTime>1"),
                      "the SM2 signature does not verify"),
    "SignedValue.dat": (_last_byte(SIGNED_VALUE), "the SM2 signature does not verify"),
    "a removed signature": (lambda name, data: None if "/Signs/" in name else data,
                            "the OFD carries no signature"),
    "an added file": (lambda name, data: data, "is not covered by the signature"),
}


@pytest.mark.parametrize("what", sorted(TAMPERED))
def test_a_tampered_copy_is_refused_naming_the_cause(editions: Built, tmp_path: Path, what: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    change, cause = TAMPERED[what]
    copy = rewrite(editions["full"][1], tmp_path / "tampered.ofd", change)
    if what == "an added file":
        with zipfile.ZipFile(copy, "a") as package:
            package.writestr("Doc_0/Pages/Page_1/Extra.xml", "<x/>")
    report = verify_ofd(copy)
    assert not report.ok
    assert any(cause in problem for problem in report.problems), report.problems
    assert main(["verify", "--offline", str(copy)]) == 1
    assert cause in capsys.readouterr().err


def test_a_changed_record_also_breaks_its_chain(editions: Built, tmp_path: Path) -> None:
    copy = rewrite(editions["full"][1], tmp_path / "chain.ofd",
                   flip("Doc_0/Attachs/record.json", "公交".encode(), "地铁".encode()))
    assert any("record chain broken" in problem for problem in verify_ofd(copy).problems)


def test_an_sm3_chained_decision_gives_an_ofd_that_verifies(tmp_path: Path) -> None:
    from juece.adapters.ofd.build import build_ofd_archive
    from tests.unit.adapters.reporting.test_sm3_archive import sm3_record

    record = sm3_record()
    report = verify_ofd(build_ofd_archive(record, tmp_path / "sm3.ofd"))
    assert report.ok, report.problems
    assert report.chain_head == record["chain_head"] and record["hash_algorithm"] == "sm3"
