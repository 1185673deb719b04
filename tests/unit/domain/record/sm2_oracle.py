"""The second, independent SM2 implementation the tests check juece's signatures with: the
pure-Python gmssl (not the gmssl-fast juece signs with).

gmssl 3.2.2's constructor removes a leading "04" from the public key with `str.lstrip("04")`,
which strips every leading '0' and '4': a key whose X coordinate's hex starts with "04" (one key
in 256) loses digits and no signature verifies with it. The key is therefore set after
construction, exactly as given (X || Y, 128 hex digits); the arithmetic is gmssl's own."""

from __future__ import annotations

from gmssl import sm2 as pure  # type: ignore[import-untyped]


def independent(point: bytes, private_hex: str | None = None) -> pure.CryptSM2:
    """gmssl's SM2 for the public point ``04 || X || Y`` (and, to sign, the private key in hex)."""
    other = pure.CryptSM2(private_key=private_hex, public_key="")
    other.public_key = point[1:].hex() if point[:1] == b"\x04" else point.hex()
    return other
