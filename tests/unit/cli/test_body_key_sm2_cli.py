"""`juece body-key init|import --algorithm sm2` and `juece body-key hash`: the body's SM2 key and
the hash algorithm of its new chains, from the command line, bilingual and without a traceback."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from juece.adapters.reporting.body_sm2 import body_sm2_public, sm2_files
from juece.adapters.store.body_settings import BodySettings
from juece.domain.record import sm2

BODY = "延寿县人民政府"


@pytest.fixture(autouse=True)
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, juece_home: Path) -> Path:
    monkeypatch.setenv("JUECE_KEYS_DIR", str(tmp_path / "keys"))
    monkeypatch.delenv("JUECE_KEY_ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("AIRFLOW__CORE__FERNET_KEY", raising=False)
    return tmp_path / "keys"


def test_init_sm2_makes_a_pkcs8_key_beside_the_pades_key_and_says_so(run) -> None:
    code, out, _ = run("body-key", "init", BODY, "--algorithm", "sm2")
    public = body_sm2_public(BODY)
    assert code == 0 and public is not None and hashlib.sha256(public).hexdigest() in out
    assert "none yet: run `juece body-key init" in out  # the PDF still needs its RSA/ECDSA key
    key_file, public_file = sm2_files(BODY)
    assert key_file.read_text().startswith("-----BEGIN PRIVATE KEY-----") and key_file.stat().st_mode & 0o077 == 0
    assert public_file.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    code, _, err = run("body-key", "init", BODY, "--algorithm", "sm2")
    assert code != 0 and "already has an SM2 key" in err
    code, shown, _ = run("body-key", "show", BODY)
    assert code == 0 and hashlib.sha256(public).hexdigest() in shown and "SM2 with SM3" in shown


def test_import_sm2_reads_a_der_key(run, tmp_path: Path) -> None:
    pem = sm2.new_private_pem()
    (tmp_path / "k.der").write_bytes(base64.b64decode("".join(pem.splitlines()[1:-1])))
    code, out, _ = run("body-key", "import", BODY, "--algorithm", "sm2", "--key", str(tmp_path / "k.der"))
    assert code == 0 and body_sm2_public(BODY) == sm2.public_der(sm2.key_pair(pem)[1])
    code, _, err = run("body-key", "import", BODY, "--key", str(tmp_path / "k.der"))
    assert code != 0 and "--cert" in err


def test_hash_shows_and_sets_the_bodys_chain_algorithm(run) -> None:
    code, out, _ = run("body-key", "hash", BODY)
    assert code == 0 and "sha256" in out
    code, out, _ = run("body-key", "hash", BODY, "--algorithm", "sm3")
    assert code == 0 and "sm3" in out and BodySettings().hash_algorithm(BODY) == "sm3"
    with pytest.raises(SystemExit) as refused:  # argparse names the two choices
        run("body-key", "hash", BODY, "--algorithm", "md5")
    assert refused.value.code == 2
