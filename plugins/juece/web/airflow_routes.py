"""Which Airflow route a request's path names, however Airflow is served: at the root or under
the path of its `[api] base_url`, behind an ASGI `root_path`, with encoded or doubled slashes and
in any case. Used by the independence guard (web/independence.py), which must match every
spelling of a route that can carry an expert's answer."""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

Scope = MutableMapping[str, Any]
API, UI = "/api/v2/", "/ui/"


@lru_cache(maxsize=1)
def configured_base_path() -> str:
    """The path of Airflow's `[api] base_url` (`/airflow` for `https://host/airflow/`), or ''."""
    try:
        from airflow.configuration import conf

        base_url = conf.get("api", "base_url", fallback="") or ""
    except Exception:  # noqa: BLE001 (no Airflow configuration: the root, and the other forms below)
        return ""
    return urlsplit(base_url).path.rstrip("/")


def _plain(path: str) -> str:
    """The path percent-decoded until it stays the same (an encoded slash counts as one), with
    repeated slashes made one and no trailing slash."""
    for _ in range(4):
        decoded = unquote(path)
        if decoded == path:
            break
        path = decoded
    path = re.sub(r"/{2,}", "/", path)
    return path.rstrip("/") or "/"


def _strip(path: str, prefix: str) -> str:
    prefix = _plain(prefix).lower() if prefix else ""
    if prefix and prefix != "/" and path.lower().startswith(prefix + "/"):
        return path[len(prefix):]
    return path


def routes(scope: Scope, base_path: str | None = None) -> set[str]:
    """Every form of the Airflow route (`/api/v2/…` or `/ui/…`, lowercased) a request's path may
    name: as Airflow routes it (ASGI `root_path` and the configured `base_url` path stripped)
    and in plain form (decoded, slashes collapsed); failing a prefix, from the first `/api/v2/`
    or `/ui/` anywhere in the path. Empty when the path names neither."""
    base = configured_base_path() if base_path is None else base_path
    path = str(scope.get("path") or "")
    found = set()
    for form in (path, _plain(path)):
        for prefix in (scope.get("root_path") or "", base):
            form = _strip(form, prefix)
        low = form.lower()
        if low.startswith((API, UI)):
            found.add(low)
            continue
        starts = [at for at in (low.find(API), low.find(UI)) if at >= 0]
        if starts:
            found.add(low[min(starts):])
    return {_plain(route).lower() for route in found} | found
