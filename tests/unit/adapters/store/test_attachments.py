"""The attachments table: bytes by their SHA-256, kept once, alike on SQLite and PostgreSQL (bytea)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from juece.adapters.store.attachments import AttachmentStore
from juece.adapters.store.db import get_engine
from tests.conftest import throwaway_postgres

CONTENT = bytes(range(256)) * 40  # every byte value, NUL included


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, juece_home: Path) -> Iterator[AttachmentStore]:
    if request.param == "sqlite":
        yield AttachmentStore()
    else:
        yield from (AttachmentStore(get_engine(url)) for url in throwaway_postgres())


def test_bytes_come_back_as_kept_and_are_kept_once(store: AttachmentStore) -> None:
    kept = store.put("问卷", CONTENT)
    assert (kept.sha256, kept.size, kept.media_type) == (hashlib.sha256(CONTENT).hexdigest(), len(CONTENT), None)
    assert store.put("again.bin", CONTENT, "application/octet-stream") == kept
    back = store.get(kept.sha256)
    assert back is not None and (back.name, back.content) == ("问卷", CONTENT)
