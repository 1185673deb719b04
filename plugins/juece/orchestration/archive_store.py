"""Where archive files are kept: Airflow's object storage (``airflow.sdk.ObjectStoragePath``).

The store is ``JUECE_ARCHIVE_STORE`` (any fsspec URL such as ``s3://bucket/prefix``) or, by
default, the local archive folder. A file is written once and never overwritten (R-H2).
"""

from __future__ import annotations

import hashlib
import os

from airflow.sdk import ObjectStoragePath

from juece.domain.errors import RecordError
from juece.paths import archive_dir


def store_root() -> ObjectStoragePath:
    url = os.environ.get("JUECE_ARCHIVE_STORE") or archive_dir().resolve().as_uri()
    return ObjectStoragePath(url.rstrip("/") + "/")


def archive_path(decision_id: str, version: int, edition: str) -> ObjectStoragePath:
    """``<store>/<decision_id>/v<version>/<edition>.pdf``."""
    return store_root() / decision_id / f"v{version}" / f"{edition}.pdf"


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
