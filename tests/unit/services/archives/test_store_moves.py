"""Stores can move: the catalogue keeps (store name, key) and where a store is, is configuration.
Issue, move the store, change the configuration: fixity checks the moved files and `juece archives
get` serves them; a store that is not configured is named; an old row's URL follows its store."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from juece.adapters.store import catalogue
from juece.adapters.store.ledger import Ledger
from juece.cli.main import main
from juece.domain.record.acts import Act
from juece.services import archives
from tests.conftest import SignIn
from tests.unit.adapters.reporting.reporting_records import DECISION, EVENTS


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keys")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(folder))
        from juece.adapters.reporting.body_keys import ensure_body_key

        ensure_body_key(EVENTS[0][3]["spec"]["decision_body"])
    return folder


@pytest.fixture
def moved(juece_home: Path, keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """One decision issued into the default store, then the store moved and configured anew."""
    monkeypatch.setenv("JUECE_KEYS_DIR", str(keys))
    monkeypatch.delenv("JUECE_ARCHIVE_STORE", raising=False)
    monkeypatch.delenv("JUECE_ARCHIVE_STORES", raising=False)
    Ledger().append_many(DECISION, [Act(*event) for event in EVENTS])
    archives.issue(DECISION, ledger=Ledger())
    new_home = tmp_path / "new-disk" / "archives"
    new_home.parent.mkdir()
    shutil.move(tmp_path / "archives", new_home)
    monkeypatch.setenv("JUECE_ARCHIVE_STORE", str(new_home))
    yield new_home


def fixity(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["fixity", "--dry-run"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_fixity_checks_the_moved_files_and_names_a_corrupted_one(moved: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out = fixity(capsys)
    assert code == 0 and "2 个文件 file(s)" in out and "all intact" in out
    damaged = moved / DECISION / "v1" / "public.pdf"
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    code, out = fixity(capsys)
    assert code == 1 and "SHA-256 differs" in out and f"default:{DECISION}/v1/public.pdf" in out
    assert hashlib.sha256(bytes(data)).hexdigest() in out


def test_archives_get_serves_the_moved_file(moved: Path, tmp_path: Path, airflow_login: SignIn,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    airflow_login.sign_in("member_1")
    number, out = catalogue.latest(DECISION, "public").archive_no, tmp_path / "got.pdf"
    assert main(["archives", "get", number, "-o", str(out)]) == 0
    assert out.read_bytes() == (moved / DECISION / "v1" / "public.pdf").read_bytes()


def test_a_store_that_is_not_configured_is_named_never_a_traceback(moved: Path, tmp_path: Path,
                                                                     airflow_login: SignIn,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    old = catalogue.latest(DECISION, "public")
    catalogue.register(replace(old, version=2, store="default-2019"))
    code, out = fixity(capsys)
    assert code == 1 and "store `default-2019` is not configured" in out and "档案库 `default-2019` 未配置" in out
    airflow_login.sign_in("member_1")
    assert main(["archives", "get", old.archive_no, "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "store `default-2019` is not configured" in err and "Traceback" not in err


def test_an_old_row_under_a_configured_store_becomes_store_and_key_and_follows_the_store(
        moved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = catalogue.latest(DECISION, "public")
    legacy_root = tmp_path / "old-store"
    (legacy_root / DECISION / "v1").mkdir(parents=True)
    shutil.copy(moved / old.key, legacy_root / old.key)
    engine = Ledger().engine
    with engine.begin() as conn:  # a row as catalogued before stores had names: an absolute URL
        conn.execute(catalogue.archives.insert(), {**catalogue._row(replace(old, version=3)), "store_name": None,
                                                   "store_key": None, "location": (legacy_root / old.key).as_uri()})
        conn.execute(catalogue.archives.insert(), {**catalogue._row(replace(old, version=4)), "store_name": None,
                                                   "store_key": None, "location": "file:///elsewhere/x.pdf"})
    monkeypatch.setenv("JUECE_ARCHIVE_STORES", f"county-2019={legacy_root}")
    assert catalogue.migrate_locations(engine) == 2
    third, fourth = (catalogue.by_number(old.archive_no, "public", engine, version) for version in (3, 4))
    assert (third.store, third.key, third.place()) == ("county-2019", old.key, f"county-2019:{old.key}")
    assert (fourth.store, fourth.location) == ("", "file:///elsewhere/x.pdf")  # kept as a legacy location
    shutil.move(legacy_root, tmp_path / "old-store-moved")
    monkeypatch.setenv("JUECE_ARCHIVE_STORES", f"county-2019={tmp_path / 'old-store-moved'}")
    assert archives.open_issue(third) == (moved / old.key).read_bytes()


def test_a_catalogue_from_before_named_stores_gains_them_and_its_rows_stay_readable(moved: Path) -> None:
    old = catalogue.latest(DECISION, "public")
    engine = Ledger().engine
    with engine.begin() as conn:  # the table as it was: no store columns, a row with its URL
        conn.execute(text("DELETE FROM juece_archives"))
        for column in ("store_name", "store_key"):
            conn.execute(text(f"ALTER TABLE juece_archives DROP COLUMN {column}"))
        row = {k: v for k, v in catalogue._row(old).items() if k not in ("store_name", "store_key")}
        conn.execute(text(f"INSERT INTO juece_archives ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"),
                     {**row, "location": (moved / old.key).as_uri()})
    catalogue._migrated.discard(str(engine.url))
    again = catalogue.latest(DECISION, "public")
    assert (again.store, again.key) == ("default", old.key)
    assert archives.open_issue(again) == (moved / old.key).read_bytes()
