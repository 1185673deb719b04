"""The hash algorithms a decision's chain may use (R-H2, R-H3): SHA-256, or SM3 (GB/T 32905)
for a decision body whose rules require the national algorithms.

A chain declares its algorithm once, in its `launched` entry (`data.hash_algorithm`); a chain
that declares none is SHA-256, as every chain recorded before the choice existed. SM3 comes
from `cryptography` (OpenSSL's SM3), so hashing needs no library beside the one that already
checks the archive's signatures.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from cryptography.hazmat.primitives import hashes

SHA256 = "sha256"
SM3 = "sm3"
HASH_ALGORITHMS = (SHA256, SM3)
DEFAULT = SHA256


def digest(algorithm: str, data: bytes) -> bytes:
    """The digest of ``data`` with ``algorithm`` (ValueError for one not in HASH_ALGORITHMS)."""
    if algorithm == SHA256:
        return hashlib.sha256(data).digest()
    if algorithm == SM3:
        hasher = hashes.Hash(hashes.SM3())
        hasher.update(data)
        return hasher.finalize()
    raise ValueError(f"unknown hash algorithm {algorithm!r}: {' or '.join(HASH_ALGORITHMS)} only")


def hex_digest(algorithm: str, data: bytes) -> str:
    return digest(algorithm, data).hex()


def sm3_hex(data: bytes) -> str:
    return hex_digest(SM3, data)


def declared(entries: Sequence[Mapping[str, Any]]) -> str:
    """The algorithm a chain declares in its first (`launched`) entry; SHA-256 when it declares
    none (chains recorded before the choice existed, or a chain whose launch is not in hand)."""
    if not entries:
        return DEFAULT
    data = entries[0].get("data")
    found = data.get("hash_algorithm") if isinstance(data, Mapping) else None
    return str(found) if found is not None else DEFAULT


def checked(algorithm: object) -> str:
    """``algorithm`` when it is one a chain may use; ValueError naming the choices otherwise."""
    if algorithm not in HASH_ALGORITHMS:
        raise ValueError(f"哈希算法只能是 {' 或 '.join(HASH_ALGORITHMS)} / the hash algorithm must be "
                         f"{' or '.join(HASH_ALGORITHMS)}, not {algorithm!r}")
    return str(algorithm)
