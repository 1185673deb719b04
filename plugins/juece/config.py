"""Where juece keeps its local files: the default records DB, archives, keys."""

from __future__ import annotations

import os
from pathlib import Path


def juece_home() -> Path:
    """JUECE_HOME, or `juece/` inside AIRFLOW_HOME."""
    if home := os.environ.get("JUECE_HOME"):
        return Path(home).expanduser()
    return Path(os.environ.get("AIRFLOW_HOME", "~/airflow")).expanduser() / "juece"


def archive_dir() -> Path:
    return Path(os.environ.get("JUECE_ARCHIVE_DIR") or juece_home() / "archives")


def keys_dir() -> Path:
    """Signing keys generated for the demo's experts (a real deployment brings its own)."""
    return Path(os.environ.get("JUECE_KEYS_DIR") or juece_home() / "keys")
