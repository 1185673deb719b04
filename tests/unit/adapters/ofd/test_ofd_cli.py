"""`juece archive ID --format ofd` from the records DB: refused, in both languages, while the
decision body has no SM2 key; then the public OFD edition is written, `juece verify` accepts it
(against the records DB too) and OpenSSL, where it has SM2, verifies its signature."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from juece.adapters.ofd.sign import SIGNATURE, SIGNED_VALUE
from juece.adapters.reporting.body_sm2 import body_sm2_public
from juece.adapters.store.ledger import Ledger
from juece.cli.main import main
from juece.domain.record import sm2
from juece.domain.record.acts import Act
from tests.unit.adapters.ofd.conftest import BODY
from tests.unit.adapters.reporting.reporting_records import DECISION, EVENTS


@pytest.fixture
def recorded(juece_home: Path) -> str:
    Ledger().append_many(DECISION, [Act(*event) for event in EVENTS])
    return DECISION


def test_archive_format_ofd_is_refused_without_an_sm2_key(recorded: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("JUECE_KEYS_DIR", str(tmp_path / "no-keys"))
    out = tmp_path / "refused.ofd"
    assert main(["archive", recorded, "--format", "ofd", "-o", str(out)]) == 1
    said = capsys.readouterr().err
    assert "没有 SM2 密钥" in said and "has no SM2 key" in said and not out.exists()


def test_archive_format_ofd_writes_the_public_edition_that_verifies(recorded: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "public.ofd"
    assert main(["archive", recorded, "--format", "ofd", "-o", str(out)]) == 0
    assert "OFD archive written (public edition)" in capsys.readouterr().out
    with zipfile.ZipFile(out) as package:
        assert b'"edition":"public"' in package.read("Doc_0/Attachs/record.json")
        signed, value = package.read(SIGNATURE), package.read(SIGNED_VALUE)
    assert main(["verify", str(out)]) == 0
    assert "OK:" in capsys.readouterr().out
    built = Ledger().entries(recorded)[-1]  # the file is recorded as a PDF's is: format, hash, chain head
    assert built["kind"] == "archive_built" and built["data"]["format"] == "ofd"
    assert built["data"]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert built["data"]["chain_head"] == Ledger().entries(recorded)[-2]["hash"]
    if shutil.which("openssl") is None:
        return
    (tmp_path / "info.xml").write_bytes(signed)
    (tmp_path / "value.dat").write_bytes(value)
    (tmp_path / "body.pem").write_text(sm2.public_pem(body_sm2_public(BODY) or b""))
    checked = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "body.pem"), "-rawin",
         "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-in", str(tmp_path / "info.xml"),
         "-sigfile", str(tmp_path / "value.dat")], capture_output=True, text=True, check=False)
    if "Verified Successfully" not in checked.stdout and ("sm3" in checked.stderr.lower() or
                                                         "unsupported" in checked.stderr.lower()):
        pytest.skip(f"this openssl has no SM2: {checked.stderr[:200]}")
    assert "Signature Verified Successfully" in checked.stdout, checked.stderr
