"""Fixtures: one synthetic record and its archive, built once per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reporting_records import make_record


@pytest.fixture(scope="session")
def record() -> dict[str, Any]:
    return make_record()


@pytest.fixture(scope="session")
def archive(record: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from juece.reporting.archive import build_archive

    return build_archive(record, tmp_path_factory.mktemp("archive") / "archive.pdf")
