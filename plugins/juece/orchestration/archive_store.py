"""Where archive files are kept: Airflow's object storage (``airflow.sdk.ObjectStoragePath``).

New files go to the store named ``default`` (``JUECE_ARCHIVE_STORE``: any fsspec URL such as
``s3://bucket/prefix``, by default the local archive folder; see `juece.archive_stores`), under
the key ``<decision_id>/v<version>/<edition>.pdf``. A file is written once, never overwritten (R-H2).
"""

from __future__ import annotations

import hashlib

from airflow.sdk import ObjectStoragePath

from juece.archive_stores import DEFAULT, url_of
from juece.domain.errors import RecordError


def archive_key(decision_id: str, version: int, edition: str) -> str:
    return f"{decision_id}/v{version}/{edition}.pdf"


def archive_path(decision_id: str, version: int, edition: str) -> ObjectStoragePath:
    """``<default store>/<decision_id>/v<version>/<edition>.pdf``."""
    return ObjectStoragePath(url_of(DEFAULT, archive_key(decision_id, version, edition)))


def read_location(location: str) -> bytes:
    try:
        return ObjectStoragePath(location).read_bytes()
    except (OSError, ValueError) as error:
        raise RecordError(f"档案文件无法读取 / the archive file cannot be read: {location}: {error}") from None


def write_once(target: ObjectStoragePath, content: bytes) -> None:
    """Write a file that must not exist yet. The same bytes already there (a retried issue) are
    accepted; other bytes are refused: an archive file is never overwritten (R-H2)."""
    if target.exists():
        if hashlib.sha256(target.read_bytes()).digest() != hashlib.sha256(content).digest():
            raise RecordError(f"档案文件已存在且内容不同，不得覆盖 / an archive file with other content is "
                              f"already stored and is never overwritten: {target}")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("xb") as stream:
            stream.write(content)
    except FileExistsError:
        write_once(target, content)
    except (ValueError, NotImplementedError):  # an object store without exclusive create
        with target.open("wb") as stream:
            stream.write(content)
