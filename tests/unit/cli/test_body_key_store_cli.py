"""`juece body-key` with a key encryption key: the key goes into the records DB, and a second
worker process with its own, empty JUECE_HOME signs an archive that `juece verify` accepts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from tests.unit.adapters.reporting.reporting_records import make_record
from tests.unit.cli.test_body_key_cli import ca_issued

BODY = "延寿县人民政府"
BUILD = ("import json, sys; from pathlib import Path; "
         "from juece.adapters.reporting.archive import build_archive; "
         "build_archive(json.loads(Path(sys.argv[1]).read_text(encoding='utf-8')), Path(sys.argv[2]))")


@pytest.fixture(autouse=True)
def shared_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """One records DB and one key encryption key, as every worker of a deployment has."""
    (tmp_path / "db").mkdir()
    url = f"sqlite:///{tmp_path / 'db' / 'records.db'}"
    monkeypatch.setenv("JUECE_RECORDS_URL", url)
    monkeypatch.setenv("JUECE_HOME", str(tmp_path / "worker-a"))
    monkeypatch.setenv("JUECE_KEY_ENCRYPTION_KEY", Fernet.generate_key().decode())
    monkeypatch.delenv("AIRFLOW__CORE__FERNET_KEY", raising=False)
    monkeypatch.delenv("JUECE_KEYS_DIR", raising=False)
    return url


def test_init_writes_into_the_records_db_and_says_so(run, tmp_path: Path) -> None:
    code, out, _ = run("body-key", "init", BODY)
    assert code == 0 and "存放处 stored in: 记录数据库 records DB" in out
    assert not (tmp_path / "worker-a" / "keys").exists()
    code, shown, _ = run("body-key", "show", BODY)
    assert code == 0 and "registered by sponsor_office" in shown and "用于签名 signs archives" in shown


def test_show_lists_the_records_db_and_the_keys_folder(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = os.environ["JUECE_KEY_ENCRYPTION_KEY"]
    monkeypatch.delenv("JUECE_KEY_ENCRYPTION_KEY")
    code, out, _ = run("body-key", "init", BODY)
    assert code == 0 and "证书文件 certificate file:" in out
    monkeypatch.setenv("JUECE_KEY_ENCRYPTION_KEY", secret)
    key_file, cert_file = ca_issued(tmp_path, BODY)
    code, out, _ = run("body-key", "import", BODY, "--key", str(key_file), "--cert", str(cert_file))
    assert code == 0 and "记录数据库 records DB" in out and "replaced the earlier certificate" in out
    code, shown, _ = run("body-key", "show", BODY)
    database, folder = shown.split("\n\n")
    assert "records DB" in database and "CN=Test CA" in database and "signs archives" in database
    assert "certificate file:" in folder and "not used" in folder


def test_a_second_worker_with_an_empty_home_signs_and_verify_accepts_it(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run("body-key", "init", BODY)[0] == 0
    record, archive = tmp_path / "record.json", tmp_path / "worker-b" / "archive.pdf"
    record.write_text(json.dumps(make_record(), ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "JUECE_HOME": str(tmp_path / "worker-b")}
    done = subprocess.run([sys.executable, "-c", BUILD, str(record), str(archive)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "worker-b" / "keys").exists()
    monkeypatch.setenv("JUECE_HOME", str(tmp_path / "worker-b"))
    code, out, err = run("verify", str(archive), "--offline")
    assert code == 0 and f"signed by {BODY}" in out and "WARN" not in err


def test_no_key_anywhere_is_the_missing_key_message(run) -> None:
    code, _, err = run("body-key", "show", BODY)
    assert code == 1 and f"juece body-key init {BODY}" in err and "没有登记签名密钥" in err
