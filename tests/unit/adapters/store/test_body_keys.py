"""The decision bodies' keys in the records DB: the private key encrypted with the configured
Fernet key, never in clear; a wrong or missing key is a plain bilingual error."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from juece.adapters.reporting.body_keys import (
    BodyKeyError,
    body_signing_pems,
    import_body_key,
    init_body_key,
    registered_certificate,
)
from juece.adapters.store.body_keys import BodyKeyStore, body_keys

BODY = "延寿县人民政府"


@pytest.fixture(autouse=True)
def encrypted(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    secret = Fernet.generate_key().decode()
    monkeypatch.setenv("JUECE_KEY_ENCRYPTION_KEY", secret)
    monkeypatch.delenv("AIRFLOW__CORE__FERNET_KEY", raising=False)
    monkeypatch.delenv("JUECE_KEYS_DIR", raising=False)
    return secret


def stored_row() -> dict[str, str]:
    with BodyKeyStore().engine.connect() as conn:
        return dict(conn.execute(select(body_keys)).one()._mapping)


def test_the_private_key_is_stored_encrypted_not_in_clear(juece_home: Path, encrypted: str) -> None:
    init_body_key(BODY, registered_by="administrator")
    row = stored_row()
    key_pem, cert_pem = body_signing_pems(BODY)
    key_lines = key_pem.decode().splitlines()[1:-1]
    assert "PRIVATE KEY" not in row["key_encrypted"]
    assert not any(line in row["key_encrypted"] for line in key_lines)
    assert Fernet(encrypted.encode()).decrypt(row["key_encrypted"].encode()) == key_pem
    assert (row["body"], row["registered_by"], row["cert_pem"].encode()) == (BODY, "administrator", cert_pem)
    assert len(row["body_hash"]) == 64 and row["created_at"]
    assert not (juece_home / "keys").exists()  # nothing written to files


def test_a_wrong_encryption_key_is_a_bilingual_error(monkeypatch: pytest.MonkeyPatch) -> None:
    init_body_key(BODY)
    monkeypatch.setenv("JUECE_KEY_ENCRYPTION_KEY", Fernet.generate_key().decode())
    with pytest.raises(BodyKeyError) as raised:
        body_signing_pems(BODY)
    message = str(raised.value)
    assert "无法解密" in message and "cannot be decrypted" in message and "JUECE_KEY_ENCRYPTION_KEY" in message
    assert registered_certificate(BODY) is not None  # the certificate is public: still readable


def test_without_an_encryption_key_a_stored_key_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    init_body_key(BODY)
    monkeypatch.delenv("JUECE_KEY_ENCRYPTION_KEY")
    with pytest.raises(BodyKeyError) as raised:
        body_signing_pems(BODY)
    assert "未设置密钥加密密钥" in str(raised.value) and "set JUECE_KEY_ENCRYPTION_KEY" in str(raised.value)


def test_storing_is_refused_without_an_encryption_key(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUECE_KEY_ENCRYPTION_KEY")
    with pytest.raises(BodyKeyError) as raised:
        BodyKeyStore().put(BODY, b"key", b"cert", "administrator", replace=False)
    assert "JUECE_KEY_ENCRYPTION_KEY" in str(raised.value)
    with BodyKeyStore().engine.connect() as conn:
        assert conn.execute(select(body_keys)).all() == []


def test_a_key_that_is_not_a_fernet_key_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_KEY_ENCRYPTION_KEY", "not-a-fernet-key")
    with pytest.raises(BodyKeyError) as raised:
        init_body_key(BODY)
    assert "不是有效的 Fernet 密钥" in str(raised.value) and "JUECE_KEY_ENCRYPTION_KEY is not a valid" in str(raised.value)


def test_airflows_fernet_key_is_used_when_juece_has_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUECE_KEY_ENCRYPTION_KEY")
    monkeypatch.setenv("AIRFLOW__CORE__FERNET_KEY", Fernet.generate_key().decode())
    init_body_key(BODY)
    assert body_signing_pems(BODY)[0].startswith(b"-----BEGIN PRIVATE KEY-----")
    monkeypatch.setenv("AIRFLOW__CORE__FERNET_KEY", Fernet.generate_key().decode())
    with pytest.raises(BodyKeyError) as raised:
        body_signing_pems(BODY)
    assert "AIRFLOW__CORE__FERNET_KEY is not the key" in str(raised.value)


def test_init_never_replaces_and_import_replaces(monkeypatch: pytest.MonkeyPatch) -> None:
    first = init_body_key(BODY)
    with pytest.raises(BodyKeyError, match="already has a signing key"):
        init_body_key(BODY)
    key_pem, cert_pem = body_signing_pems(BODY)
    assert import_body_key(BODY, key_pem, cert_pem, "administrator") == first
    assert stored_row()["registered_by"] == "administrator"


def test_a_key_in_the_keys_folder_still_signs_and_blocks_init(
    body_keys: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    key_file = next((body_keys / "bodies").glob("*.key.pem"))
    assert body_signing_pems(BODY)[0] == key_file.read_bytes()
    with pytest.raises(BodyKeyError, match="already has a signing key"):
        init_body_key(BODY)


def test_a_records_db_that_cannot_be_read_is_a_bilingual_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_RECORDS_URL", f"sqlite:///{tmp_path / 'no-such-folder' / 'records.db'}")
    with pytest.raises(BodyKeyError) as raised:
        body_signing_pems(BODY)
    assert "记录数据库无法读取" in str(raised.value) and "records DB cannot be read" in str(raised.value)
