"""Tampered copies of an OFD package, for the tests of `juece verify FILE.ofd`."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

Change = Callable[[str, bytes], bytes | None]


def rewrite(source: Path, target: Path, change: Change) -> Path:
    """A copy of the package with each entry passed through `change` (None leaves it out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info, data)
    return target


def flip(target: str, old: bytes, new: bytes) -> Change:
    """A change of the first `old` in the entry `target` to `new` (which must be there)."""
    def change(name: str, data: bytes) -> bytes | None:
        if name != target:
            return data
        assert old in data
        return data.replace(old, new, 1)
    return change
