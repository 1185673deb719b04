"""`juece body-key`: init, import and show the key that signs a decision body's archives."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

BODY = "延寿县人民政府"


@pytest.fixture(autouse=True)
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The keys folder, where keys go when no key encryption key is set (test_body_key_store_cli.py: the DB)."""
    monkeypatch.setenv("JUECE_KEYS_DIR", str(tmp_path / "keys"))
    monkeypatch.delenv("JUECE_KEY_ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("AIRFLOW__CORE__FERNET_KEY", raising=False)
    return tmp_path / "keys"


def ca_issued(tmp_path: Path, subject: str) -> tuple[Path, Path]:
    """A key and a certificate for `subject` issued by a throwaway CA."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test CA")])
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(7)
            .not_valid_before(datetime(2020, 1, 1, tzinfo=UTC))
            .not_valid_after(datetime(2040, 1, 1, tzinfo=UTC)).sign(ca_key, hashes.SHA256()))
    key_file, cert_file = tmp_path / "body.key.pem", tmp_path / "body.cert.pem"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


def test_init_makes_a_key_and_show_prints_its_fingerprint(run, keys: Path) -> None:
    code, out, _ = run("body-key", "init", BODY)
    assert code == 0 and "自签名 self-signed" in out and f"CN={BODY}" in out
    fingerprint = out.split("fingerprint: ")[1].split()[0]
    code, shown, _ = run("body-key", "show", BODY)
    assert code == 0 and fingerprint in shown
    key_file = next((keys / "bodies").glob("*.key.pem"))
    assert key_file.stat().st_mode & 0o077 == 0


def test_init_never_replaces_a_key(run) -> None:
    assert run("body-key", "init", BODY)[0] == 0
    code, _, err = run("body-key", "init", BODY)
    assert code == 1 and "already has a signing key" in err


def test_show_of_an_unknown_body_names_the_command_to_run(run) -> None:
    code, _, err = run("body-key", "show", "某县人民政府")
    assert code == 1 and "juece body-key init 某县人民政府" in err and "没有登记签名密钥" in err


def test_import_registers_a_ca_issued_certificate(run, tmp_path: Path) -> None:
    key_file, cert_file = ca_issued(tmp_path, BODY)
    code, out, _ = run("body-key", "import", BODY, "--key", str(key_file), "--cert", str(cert_file))
    assert code == 0 and "CN=Test CA" in out


def test_import_refuses_a_certificate_of_another_body_or_key(run, tmp_path: Path) -> None:
    key_file, cert_file = ca_issued(tmp_path, "某某公司")
    code, _, err = run("body-key", "import", BODY, "--key", str(key_file), "--cert", str(cert_file))
    assert code == 1 and "does not name" in err
    other = tmp_path / "other"
    other.mkdir()
    other_key, _ = ca_issued(other, BODY)
    code, _, err = run("body-key", "import", BODY, "--key", str(other_key), "--cert", str(cert_file))
    assert code == 1 and "does not belong to this key" in err
