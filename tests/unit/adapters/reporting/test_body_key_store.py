"""Two workers with separate JUECE_HOME folders and one records DB: a body's key registered by
one signs the archive the other builds, and the signature checks against the DB's certificate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

from juece.adapters.reporting.archive import build_archive
from juece.adapters.reporting.body_keys import BodyKeyError, init_body_key, missing_key
from juece.adapters.reporting.verify import verify_archive

BODY = "延寿县人民政府"


@pytest.fixture
def shared_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """One records DB and one key encryption key, as every worker of a deployment has."""
    (tmp_path / "db").mkdir()
    url = f"sqlite:///{tmp_path / 'db' / 'records.db'}"
    monkeypatch.setenv("JUECE_RECORDS_URL", url)
    monkeypatch.setenv("JUECE_KEY_ENCRYPTION_KEY", Fernet.generate_key().decode())
    monkeypatch.delenv("AIRFLOW__CORE__FERNET_KEY", raising=False)
    monkeypatch.delenv("JUECE_KEYS_DIR", raising=False)
    return url


def worker(monkeypatch: pytest.MonkeyPatch, home: Path) -> Path:
    monkeypatch.setenv("JUECE_HOME", str(home))
    return home


def test_a_key_registered_under_one_home_signs_under_another(
    shared_db: str, record: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = worker(monkeypatch, tmp_path / "worker-a")
    init_body_key(BODY, registered_by="administrator")
    second = worker(monkeypatch, tmp_path / "worker-b")
    archive = build_archive(record, second / "archive.pdf")
    report = verify_archive(archive)
    assert report.ok and report.signer == BODY and report.warnings == []  # the DB's certificate
    assert not (first / "keys").exists() and not (second / "keys").exists()


def test_another_key_in_the_db_is_a_failure_of_the_signature_check(
    shared_db: str, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    worker(monkeypatch, tmp_path / "worker-a")
    init_body_key(BODY)  # not the key the session's archive was signed with
    report = verify_archive(archive)
    assert not report.ok and any("not the one registered here" in problem for problem in report.problems)


def test_no_key_anywhere_gives_the_missing_key_message_unchanged(
    shared_db: str, record: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    worker(monkeypatch, tmp_path / "worker-b")
    with pytest.raises(BodyKeyError) as raised:
        build_archive(record, tmp_path / "unsigned.pdf")
    assert str(raised.value) == str(missing_key(BODY))
    assert not (tmp_path / "unsigned.pdf").exists()


def test_a_wrong_encryption_key_stops_the_archive_with_a_bilingual_error(
    shared_db: str, record: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    worker(monkeypatch, tmp_path / "worker-a")
    init_body_key(BODY)
    worker(monkeypatch, tmp_path / "worker-b")
    monkeypatch.setenv("JUECE_KEY_ENCRYPTION_KEY", Fernet.generate_key().decode())
    with pytest.raises(BodyKeyError) as raised:
        build_archive(record, tmp_path / "unsigned.pdf")
    assert "私钥无法解密" in str(raised.value) and "cannot be decrypted" in str(raised.value)
    assert not (tmp_path / "unsigned.pdf").exists()
