"""Fixtures: one synthetic record and its signed archive, built once per session; every test
has the synthetic decision body's key registered (JUECE_KEYS_DIR)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.unit.adapters.reporting.reporting_records import make_record


@pytest.fixture(scope="session")
def record() -> dict[str, Any]:
    return make_record()


@pytest.fixture(autouse=True)
def registered_body(body_keys: Path) -> Path:
    """Every reporting test signs and verifies with the synthetic body's registered key."""
    return body_keys


@pytest.fixture(scope="session")
def archive(record: dict[str, Any], tmp_path_factory: pytest.TempPathFactory,
            body_keys_source: Path) -> Path:
    from juece.adapters.reporting.archive import build_archive

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(body_keys_source))
        return build_archive(record, tmp_path_factory.mktemp("archive") / "archive.pdf")
