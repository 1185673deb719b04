"""Decision DAGs kept between parses of the DAG file, on the machine that parses it.

Building a decision's DAG means constructing some fifty Airflow operators, and the dag-processor
parses the file again every few minutes. A DAG depends only on its launched spec (the `launched`
entry: its hash and its data) and on the code that builds it, so the DAG built once is kept, pickled,
under a key of both: loading it takes a quarter of the time of building it. Any change to juece's
code, to Airflow or to Python gives every DAG a new key, and a DAG no open decision needs any
more is removed the next time the whole file is parsed.

The cache is a local, disposable copy (``$JUECE_HOME/cache/dags``, readable by its owner only):
deleting it costs one slower parse. Like the DAG folder itself, whoever can write to it can run
code in the dag-processor; it is created with the parsing user's permissions only.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import pickle
import platform
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from airflow.sdk import DAG

from juece.config import juece_home

log = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parent.parent  # the juece package: every module a DAG is built with
SUFFIX = ".pickle"


def cache_dir() -> Path:
    return juece_home() / "cache" / "dags"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the code a DAG is built with: every juece module, Airflow's and Python's versions."""
    import airflow

    digest = hashlib.sha256(f"{airflow.__version__}|{platform.python_version()}|{pickle.HIGHEST_PROTOCOL}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key_for(launched: Mapping[str, Any]) -> str:
    """The key of a `launched` entry's DAG: the code's fingerprint, the entry's hash and its data
    as stored (data changed behind the ledger's back misses the cache, and is refused when the
    entry is verified for the build)."""
    data = json.dumps(launched["data"], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{code_fingerprint()}|{launched['hash']}|{data}".encode()).hexdigest()


def cached(key: str, build: Callable[[], DAG]) -> DAG:
    """The DAG kept under ``key``, else ``build()``'s, kept for the next parse. A file that cannot
    be read back (truncated, from another version) is built again and replaced."""
    path = cache_dir() / f"{key}{SUFFIX}"
    try:
        with path.open("rb") as handle:
            dag = pickle.load(handle)  # noqa: S301 - our own cache, owner-only directory (see above)
        if isinstance(dag, DAG):
            return dag
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a damaged copy is rebuilt, never fatal
        log.warning("juece: DAG cache %s unreadable (%s): building it again", path.name, exc)
    dag = build()
    _keep(path, dag)
    return dag


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the DAGs are loaded, then as it was.

    A province's kept DAGs are about a million objects, none of them garbage; with the collector
    on, the allocations trigger collections that walk all those loaded so far again, two thirds
    of the time the loading takes. Objects freed meanwhile are freed as ever (reference
    counting); a cycle left over is collected once the collector runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _keep(path: Path, dag: DAG) -> None:
    temporary: Path | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        temporary = Path(name)
        with os.fdopen(handle, "wb") as file:
            pickle.dump(dag, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # a reader sees the old file or the whole new one
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be written is only slower
        log.warning("juece: cannot keep DAG %s in the cache: %s", dag.dag_id, exc)
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def prune(keep: Iterable[str]) -> None:
    """Remove the kept DAGs whose key is not in ``keep`` (closed decisions, older code)."""
    wanted = {f"{key}{SUFFIX}" for key in keep}
    try:
        for path in cache_dir().iterdir():
            if path.name not in wanted:
                path.unlink(missing_ok=True)
    except FileNotFoundError:
        pass
