"""The object store of archive files: stores by name, and the one reader and writer of their files.

The catalogue keeps each file as (store name, key), and where a store is (a folder,
``s3://bucket/prefix``, any fsspec URL) is configuration, so a store can move. New files go to
the store named ``default`` under ``<decision_id>/v<version>/<edition>.pdf``, written once and
never overwritten (R-H2). Remote stores take their credentials and endpoints the way fsspec does
(the provider's environment, or ``FSSPEC_<PROTOCOL>_<OPTION>`` such as ``FSSPEC_S3_ENDPOINT_URL``).

``JUECE_ARCHIVE_STORE`` is the store named ``default`` (by default the local archive folder);
``JUECE_ARCHIVE_STORES="name=url,..."`` names more (an old store kept where it now is, say).
A file whose store is not configured is reported by that name, never guessed at.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlparse

import fsspec
import fsspec.config

from juece.config import archive_store, archive_stores
from juece.domain.record.errors import RecordError

DEFAULT = "default"


class StoreNotConfigured(RecordError):
    """A catalogued file's store is named nowhere in the configuration."""

    def __init__(self, store: str) -> None:
        super().__init__(f"档案库 `{store}` 未配置（请在 JUECE_ARCHIVE_STORES 中写明其位置）/ store `{store}` is "
                         f"not configured (say where it is in JUECE_ARCHIVE_STORES)")
        self.store = store


def as_url(location: str) -> str:
    """A location as a URL: a plain local path becomes a file:// URI."""
    scheme = urlparse(location).scheme
    if scheme and len(scheme) > 1:  # a one-letter scheme is a Windows drive
        return location
    return Path(location).expanduser().resolve().as_uri()


def configured() -> dict[str, str]:
    """Every configured store: its name and its root URL (ending in ``/``)."""
    stores = {DEFAULT: archive_store()}
    for part in archive_stores().split(","):
        if not part.strip():
            continue
        name, sep, url = (text.strip() for text in part.partition("="))
        if not sep or not name or not url:
            raise RecordError(f"JUECE_ARCHIVE_STORES 的写法是 名称=位置,…，而非 {part.strip()!r} / "
                              f"JUECE_ARCHIVE_STORES is name=url,..., not {part.strip()!r}")
        stores[name] = url
    return {name: as_url(url).rstrip("/") + "/" for name, url in stores.items()}


def url_of(store: str, key: str) -> str:
    """Where a catalogued file is now."""
    roots = configured()
    if store not in roots:
        raise StoreNotConfigured(store)
    return roots[store] + key


def split(location: str) -> tuple[str, str] | None:
    """(store name, key) of a URL under a configured store (the deepest one), else None."""
    url = as_url(location)
    under = [(name, root) for name, root in configured().items() if url.startswith(root)]
    if not under:
        return None
    name, root = max(under, key=lambda found: len(found[1]))
    return name, url[len(root):]


def archive_key(decision_id: str, version: int, edition: str) -> str:
    return f"{decision_id}/v{version}/{edition}.pdf"


def archive_url(decision_id: str, version: int, edition: str) -> str:
    """``<default store>/<decision_id>/v<version>/<edition>.pdf``."""
    return url_of(DEFAULT, archive_key(decision_id, version, edition))


def _options(location: str) -> dict[str, object]:
    """The store's options from the environment as it is now (``FSSPEC_<PROTOCOL>_<OPTION>``):
    fsspec reads them once, at import, and a process may be pointed at a store after that."""
    conf: dict[str, dict[str, object]] = {}
    fsspec.config.set_conf_env(conf)
    return dict(conf.get(urlparse(as_url(location)).scheme, {}))


def read(location: str) -> bytes:
    """A stored file's bytes: a local path, a file:// URI or any fsspec URL (S3, ...)."""
    try:
        with fsspec.open(as_url(location), "rb", **_options(location)) as stream:
            return stream.read()
    except (OSError, ValueError, ImportError) as error:
        raise RecordError(f"档案文件无法读取 / the archive file cannot be read: {location}: {error}") from None


def write_once(location: str, content: bytes) -> None:
    """Write a file that must not exist yet. The same bytes already there (a retried issue) are
    accepted; other bytes are refused: an archive file is never overwritten (R-H2)."""
    fs, path = fsspec.core.url_to_fs(as_url(location), **_options(location))
    if fs.exists(path):
        if hashlib.sha256(fs.cat_file(path)).digest() != hashlib.sha256(content).digest():
            raise RecordError(f"档案文件已存在且内容不同，不得覆盖 / an archive file with other content is "
                              f"already stored and is never overwritten: {location}")
        return
    fs.makedirs(fs._parent(path), exist_ok=True)
    try:
        with fs.open(path, "xb") as stream:
            stream.write(content)
    except FileExistsError:
        write_once(location, content)
    except (ValueError, NotImplementedError):  # an object store without exclusive create
        with fs.open(path, "wb") as stream:
            stream.write(content)
