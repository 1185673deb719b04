"""Shared test set-up: every test gets its own juece home and records DB unless it says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture
def juece_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "juece"
    monkeypatch.setenv("JUECE_HOME", str(home))
    monkeypatch.delenv("JUECE_RECORDS_URL", raising=False)
    monkeypatch.setenv("JUECE_ARCHIVE_DIR", str(tmp_path / "archives"))
    return home


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
