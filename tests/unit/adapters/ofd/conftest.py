"""Fixtures: the OFD editions (full and public) of a synthetic record whose decision body has an
SM2 key, built once per session in a keys folder of their own; every test has that folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.unit.adapters.reporting.reporting_records import DECISION, make_entries
from tests.unit.adapters.reporting.test_editions import PERSONAL, _events

BODY = "延寿县人民政府"
Built = dict[str, tuple[dict[str, Any], Path]]


@pytest.fixture(scope="session")
def sm2_keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from juece.adapters.reporting.body_sm2 import init_body_sm2

    folder = tmp_path_factory.mktemp("sm2-keys")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(folder))
        patch.delenv("JUECE_KEY_ENCRYPTION_KEY", raising=False)
        patch.delenv("AIRFLOW__CORE__FERNET_KEY", raising=False)
        init_body_sm2(BODY)
    return folder


@pytest.fixture(autouse=True)
def registered_sm2(sm2_keys: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JUECE_KEYS_DIR", str(sm2_keys))
    monkeypatch.delenv("JUECE_KEY_ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("AIRFLOW__CORE__FERNET_KEY", raising=False)
    return sm2_keys


@pytest.fixture(scope="session")
def editions(tmp_path_factory: pytest.TempPathFactory, sm2_keys: Path) -> Built:
    from juece.adapters.ofd.build import build_ofd_archive
    from juece.adapters.reporting.editions import make_edition

    entries = make_entries(_events())
    folder = tmp_path_factory.mktemp("ofd")
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(sm2_keys))
        patch.delenv("JUECE_KEY_ENCRYPTION_KEY", raising=False)
        for edition in ("full", "public"):
            record = make_edition(DECISION, entries, edition, PERSONAL)
            built[edition] = (record, build_ofd_archive(record, folder / f"{edition}.ofd"))
    return built
