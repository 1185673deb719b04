"""Issue 19's "done when", in real Airflow: a decision body that requires the national algorithms
(its chain SM3, its archive key SM2, its experts signing with SM2) runs a whole decision; its
PDF/A-3 and OFD archives, full and public, are accepted by `juece verify`, the pure-Python gmssl
(an SM2 implementation juece does not use) verifies their SM2 signatures, ofdkit reads every
comment and opinion verbatim from the full OFD and no personal data from the public one, and a
copy with one byte changed (or its signature removed) is refused naming the cause."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import ofdkit
import pikepdf
import pytest
from asn1crypto import algos

from juece.adapters.airflow_client import AirflowClient, load_passwords
from juece.adapters.ofd.sign import SIGNATURE, SIGNATURES, SIGNED_VALUE
from juece.adapters.reporting.attach import SEAL_NAME, attached_record
from juece.adapters.reporting.body_sm2 import body_sm2_public
from juece.adapters.store.experts import ExpertLibrary
from juece.adapters.store.ledger import Ledger
from juece.cli.main import main
from juece.config import keys_dir
from juece.demo.run import Outcome, run_scenario
from juece.demo.scenario import load_scenario
from juece.demo.stack import Stack
from juece.domain.expert_review.opinion_check import signature_problems
from juece.domain.expert_review.signatures import key_algorithm
from juece.domain.record import sm2
from juece.domain.record.digests import sm3_hex
from juece.domain.record.entries import all_of, latest
from juece.domain.record.ledger import verify_chain
from tests.unit.adapters.ofd.tamper import flip, rewrite
from tests.unit.domain.record.sm2_oracle import independent

pytestmark = pytest.mark.integration
DATA = Path(__file__).parent / "data"
DECISION, BODY = "test-national-crypto", "延寿县人民政府"
PHONE, MAIL = "13912345678", "xiaoming@example.cn"  # typed into a comment: personal data (R-H6)
PAGE, ATTACHMENT = "Doc_0/Pages/Page_1/Content.xml", "Doc_0/Attachs/record.json"
FILES = [(fmt, edition) for fmt in ("pdf", "ofd") for edition in ("full", "public")]


class NationalStack(Stack):
    """The stack, with the decision body set to SM3 chains and given an SM2 key, and every expert
    of the library given an SM2 signing key, in the stack's own home before Airflow starts."""

    def env(self) -> dict[str, str]:
        return {**super().env(), "JUECE_KEYS_DIR": str(self.home / "juece" / "keys")}

    def start(self, timeout: float = 240.0) -> AirflowClient:
        from juece.demo.library import seed_library

        assert keys_dir().is_relative_to(self.home), keys_dir()  # never the developer's keys
        seed_library()
        experts = [expert.user for expert in ExpertLibrary().all(include_removed=False)]
        for user in experts:  # the demo's Ed25519 keys replaced by SM2 ones, the CLI's way
            (keys_dir() / f"{user}.pem").unlink(missing_ok=True)
        assert main(["experts", "keygen", "--algorithm", "sm2", *experts]) == 0
        assert main(["body-key", "init", BODY, "--algorithm", "sm2"]) == 0
        assert main(["body-key", "hash", BODY, "--algorithm", "sm3"]) == 0
        return super().start(timeout)


STACK = NationalStack  # the `stack` fixture (conftest.py) starts this one


def juece(*argv: str, user: str = "archivist") -> subprocess.CompletedProcess[str]:
    """The command as ``user`` runs it: authenticated with their password against the stack's Airflow."""
    password = load_passwords(os.environ["JUECE_AIRFLOW_PASSWORDS_FILE"])[user]
    result = subprocess.run([sys.executable, "-m", "juece.cli.main", *argv], capture_output=True, text=True,
                            check=False, env={**os.environ, "JUECE_USER": user, "JUECE_PASSWORD": password})
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def outcome(stack: Stack) -> Outcome:
    return run_scenario(stack, load_scenario(DATA / "national-crypto-scenario.yaml"), print, 480.0)


@pytest.fixture(scope="module")
def archives(outcome: Outcome, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """`juece archive ID` and `juece archive ID --format ofd`, full (as the archivist) and public."""
    assert outcome.state == "success", outcome.problems
    folder = tmp_path_factory.mktemp("national-archives")
    written = {}
    for fmt, edition in FILES:
        path = folder / f"{edition}.{fmt}"
        made = juece("archive", DECISION, "--format", fmt, "--edition", edition, "-o", str(path))
        assert made.returncode == 0 and path.is_file(), made.stdout + made.stderr
        written[fmt, edition] = path
    return written


def _squashed(text: str) -> str:
    return "".join(text.split())


def _ofd_text(path: Path) -> str:
    """ofdkit's text objects in the pages' order, whitespace removed: a table cell's lines stay
    together (its reading order, `text()`, interleaves the columns of a row whose cell wraps)."""
    with ofdkit.open(path) as document:
        assert not document.warnings
        return _squashed("".join(run.text for page in document.pages for run in page.runs))


def _gmssl_verifies(public_der: bytes, signature_der: bytes, message: bytes) -> bool:
    """The pure-Python gmssl's verdict (SM2 with SM3, identity 1234567812345678)."""
    parsed = algos.DSASignature.load(signature_der).native
    other = independent(sm2.public_point(public_der))
    return bool(other.verify_with_sm3(f"{parsed['r']:064x}{parsed['s']:064x}", message))


def test_the_decision_runs_on_an_sm3_chain(outcome: Outcome) -> None:
    assert outcome.state == "success" and outcome.verified, outcome.problems
    entries = Ledger().entries(DECISION)
    assert latest(entries, "launched")["data"]["hash_algorithm"] == "sm3"
    report = verify_chain(entries, DECISION)
    assert report.intact and report.algorithm == "sm3", report.problems
    assert all(re.fullmatch(r"[0-9a-f]{64}", entry["hash"]) for entry in entries)


def test_the_experts_sign_their_opinions_with_sm2(outcome: Outcome) -> None:
    entries = Ledger().entries(DECISION)
    signed = all_of(entries, "opinion_signed")
    assert len(signed) >= 5
    for entry in signed:
        data = entry["data"]
        assert (key_algorithm(data["public_key"]), data["algorithm"]) == ("sm2", "SM2-with-SM3"), data
        assert _gmssl_verifies(base64.b64decode(data["public_key"]), base64.b64decode(data["signature"]),
                               data["digest"].encode("ascii"))
    assert signature_problems(entries) == []


@pytest.mark.parametrize(("fmt", "edition"), FILES)
def test_juece_verify_accepts_each_archive(archives: dict[tuple[str, str], Path], fmt: str, edition: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(archives[fmt, edition])]) == 0, capsys.readouterr().err
    said = capsys.readouterr().out
    assert "OK:" in said and "SM2 签名有效 SM2 signature verified" in said


@pytest.mark.parametrize("edition", ["full", "public"])
def test_gmssl_verifies_the_pdfs_sm2_seal(archives: dict[tuple[str, str], Path], edition: str) -> None:
    with pikepdf.open(archives["pdf", edition]) as pdf:
        record, raw = attached_record(pdf), attached_record(pdf, SEAL_NAME)
    assert record is not None and raw is not None
    seal = json.loads(raw)
    assert seal["record_sm3"] == sm3_hex(record) and json.loads(record)["hash_algorithm"] == "sm3"
    public = body_sm2_public(BODY)
    assert public is not None and base64.b64decode(seal["public_key"]) == public
    assert _gmssl_verifies(public, base64.b64decode(seal["signature"]), seal["record_sm3"].encode("ascii"))


@pytest.mark.parametrize("edition", ["full", "public"])
def test_gmssl_verifies_the_ofds_signed_value(archives: dict[tuple[str, str], Path], edition: str) -> None:
    with zipfile.ZipFile(archives["ofd", edition]) as package:
        signed, value = package.read(SIGNATURE), package.read(SIGNED_VALUE)
    assert _gmssl_verifies(body_sm2_public(BODY) or b"", value, signed)


def test_ofdkit_reads_every_comment_and_opinion_verbatim_from_the_full_ofd(
        archives: dict[tuple[str, str], Path]) -> None:
    entries = Ledger().entries(DECISION)
    scenario = load_scenario(DATA / "national-crypto-scenario.yaml")
    opinions = [entry["data"][name] for entry in all_of(entries, "opinion_submitted")
                for name in ("necessity", "feasibility", "soundness", "conditions", "opinion") if entry["data"].get(name)]
    assert len(all_of(entries, "opinion_submitted")) >= 5 and len(all_of(entries, "comment_received")) == 2
    text = _ofd_text(archives["ofd", "full"])
    expected = [_squashed(t) for t in [*(c.text for c in scenario.comments), *opinions]]
    assert [t for t in expected if t not in text] == []
    assert PHONE in text and MAIL in text


def test_the_public_ofd_holds_no_personal_data(archives: dict[tuple[str, str], Path]) -> None:
    text = _ofd_text(archives["ofd", "public"])
    with zipfile.ZipFile(archives["ofd", "public"]) as package:
        record = package.read(ATTACHMENT).decode("utf-8")
    assert _squashed(load_scenario(DATA / "national-crypto-scenario.yaml").comments[0].text) in text
    for found in (text, record):
        assert PHONE not in found and MAIL not in found


OFD_TAMPERED: dict[str, tuple[Callable[[str, bytes], bytes | None], str]] = {
    "a page": (flip(PAGE, b"</ofd:TextCode>", b"X</ofd:TextCode>"), f"{PAGE}'s SM3 digest is not the signed one"),
    "the attachment": (flip(ATTACHMENT, "江北".encode(), "江南".encode()),
                       f"{ATTACHMENT}'s SM3 digest is not the signed one"),
    "Signatures.xml": (flip(SIGNATURES, b'Type="Sign"', b'Type="Seal"'), "Signatures.xml was changed"),
    "a removed signature": (lambda name, data: None if "/Signs/" in name else data, "the OFD carries no signature"),
}


@pytest.mark.parametrize("what", sorted(OFD_TAMPERED))
def test_a_tampered_ofd_is_refused_naming_the_cause(archives: dict[tuple[str, str], Path], what: str,
                                                    tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change, cause = OFD_TAMPERED[what]
    copy = tmp_path / "tampered.ofd"
    rewrite(archives["ofd", "full"], copy, change)
    assert main(["verify", str(copy)]) == 1
    assert cause in capsys.readouterr().err


def _content_byte(data: bytes) -> int:
    """The offset of a byte inside a stream within the PAdES signature's first signed range."""
    signed_end = int(re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)", data).group(1))
    start = data.index(b"stream", len(data) // 4) + len(b"stream") + 40
    assert start < signed_end
    return start


def test_a_pdf_with_a_content_byte_changed_is_refused_naming_the_cause(
        archives: dict[tuple[str, str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = bytearray(archives["pdf", "full"].read_bytes())
    data[_content_byte(bytes(data))] ^= 0x01
    copy = tmp_path / "tampered.pdf"
    copy.write_bytes(bytes(data))
    assert main(["verify", str(copy)]) == 1
    assert "the signed bytes were changed after signing" in capsys.readouterr().err
