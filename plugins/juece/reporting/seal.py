"""A seal over every byte of the archive (R-H2: tampering is detectable).

The finished PDF (classic xref table, no object streams) is hashed whole, and an
incremental update is appended by hand: one object

    << /Type /JueceSeal /BaseLength <n> /BaseSHA256 (<hex>) /ChainHead (<hex>) >>

an xref section for it, and a trailer that repeats /Root, /Info and /ID, links to the
previous xref with /Prev and names the seal with /JueceSeal. PDF readers treat it as an
ordinary update. The update is a pure function of the base bytes and the chain head, so a
verifier rebuilds it and compares: a change to any byte, before or after the seal, shows.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

HEX64 = re.compile(rb"[0-9a-f]{64}")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
_REF = rb"\s+(\d+\s+\d+\s+R)"
_SEAL_OBJECT = re.compile(
    rb"(\d+) 0 obj\s*<<\s*/Type\s*/JueceSeal\s*/BaseLength\s+(\d+)\s*"
    rb"/BaseSHA256\s*\(([0-9a-f]{64})\)\s*/ChainHead\s*\(([0-9a-f]{64})\)\s*>>\s*endobj"
)


class SealError(ValueError):
    """The file cannot be sealed, or its seal cannot be read."""


def _trailer(base: bytes) -> tuple[bytes, int]:
    """The last trailer dictionary of a PDF with a classic xref table, and its startxref."""
    end = _STARTXREF.search(base[-64:])
    if end is None:
        raise SealError("the file does not end with startxref and %%EOF")
    xref_at = int(end.group(1))
    if not base[xref_at:xref_at + 4] == b"xref":
        raise SealError("the file has no classic xref table (object streams are not sealed)")
    start = base.rfind(b"trailer", xref_at)
    stop = base.rfind(b"startxref")
    if start < 0 or stop < start:
        raise SealError("the file has no trailer dictionary")
    return base[start + len(b"trailer"):stop], xref_at


def _entry(trailer: bytes, pattern: bytes, name: str) -> bytes:
    found = re.search(pattern, trailer)
    if found is None:
        raise SealError(f"the trailer has no {name}")
    return found.group(1)


def seal_update(base: bytes, chain_head: str) -> bytes:
    """The incremental update that seals these base bytes; the same bytes every time."""
    if not HEX64.fullmatch(chain_head.encode("ascii", "replace")):
        raise SealError("the chain head is not 64 lowercase hex digits")
    if not base.endswith(b"\n"):
        raise SealError("the base file does not end with a line break")
    trailer, prev = _trailer(base)
    size = int(_entry(trailer, rb"/Size\s+(\d+)", "/Size"))
    root = _entry(trailer, rb"/Root" + _REF, "/Root")
    info = _entry(trailer, rb"/Info" + _REF, "/Info")
    ids = _entry(trailer, rb"/ID\s*(\[\s*<[0-9a-fA-F]*>\s*<[0-9a-fA-F]*>\s*\])", "/ID")
    digest = hashlib.sha256(base).hexdigest()
    obj = (f"{size} 0 obj\n<< /Type /JueceSeal /BaseLength {len(base)} /BaseSHA256 ({digest})"
           f" /ChainHead ({chain_head}) >>\nendobj\n").encode("ascii")
    xref_at = len(base) + len(obj)
    xref = f"xref\n{size} 1\n{len(base):010d} 00000 n \n".encode("ascii")
    tail = (b"trailer\n<< /Size " + str(size + 1).encode() + b" /Root " + root + b" /Info "
            + info + b" /ID " + ids + b" /Prev " + str(prev).encode() + b" /JueceSeal "
            + str(size).encode() + b" 0 R >>\nstartxref\n" + str(xref_at).encode()
            + b"\n%%EOF\n")
    return obj + xref + tail


def seal(base: bytes, chain_head: str) -> bytes:
    """The base file followed by its seal."""
    return base + seal_update(base, chain_head)


def parse_seal(data: bytes) -> dict[str, Any] | None:
    """The last seal object in the file, or None when there is no readable seal."""
    at = data.rfind(b"/Type /JueceSeal")
    if at < 0:
        return None
    start = max(data.rfind(b"\n", 0, at) - 24, 0)
    found = _SEAL_OBJECT.search(data, start, at + 300)
    if found is None or found.start() > at:
        return None
    return {
        "object": int(found.group(1)),
        "base_length": int(found.group(2)),
        "base_sha256": found.group(3).decode("ascii"),
        "chain_head": found.group(4).decode("ascii"),
    }


def read_seal(path: Path | str) -> dict[str, Any] | None:
    """The seal of an archive file: base_length, base_sha256, chain_head; None if absent."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return parse_seal(data)


def seal_problems(data: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """The seal and, in plain words, everything wrong with it or with the sealed bytes."""
    found = parse_seal(data)
    if found is None:
        return None, ["no seal found: the file is truncated, or is not a sealed juece archive"]
    length = found["base_length"]
    if len(data) < length:
        return found, ["file truncated: shorter than the sealed length"]
    base = data[:length]
    problems = []
    if hashlib.sha256(base).hexdigest() != found["base_sha256"]:
        problems.append("content altered: the sealed bytes do not hash to the seal's BaseSHA256")
    try:
        expected = seal_update(base, found["chain_head"])
    except SealError as exc:
        return found, [*problems, f"seal cannot be rebuilt: {exc}"]
    sealed_end = length + len(expected)
    tail = data[length:sealed_end]
    if len(tail) < len(expected) and expected.startswith(tail):
        problems.append("file truncated: the seal at the end of the file is incomplete")
    elif tail != expected:
        problems.append("seal altered: the bytes after the sealed part are not a juece seal")
    elif len(data) > sealed_end:
        problems.append(f"{len(data) - sealed_end} bytes were appended after the seal")
    return found, problems
