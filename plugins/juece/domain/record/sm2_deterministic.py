"""Deterministic SM2-with-SM3 signatures (GB/T 32918.2), for files that must come out the same
bytes for the same content (the archive's OFD edition).

SM2, like ECDSA, needs a fresh secret nonce k per signature; GmSSL draws it at random, so two
signatures of the same message differ. Here k is derived as RFC 6979 derives it (HMAC_DRBG, with
HMAC-SM3, seeded with the private key and the message digest e): secret, never reused for another
message, and the same for the same message. The signature is an ordinary SM2 signature (DER
SEQUENCE {r, s}, the standard's default identity 1234567812345678): any SM2 verifier accepts it,
and the tests check it with GmSSL and with a second, independent implementation.
"""

from __future__ import annotations

from collections.abc import Iterator

from asn1crypto import algos  # type: ignore[import-untyped]
from cryptography.hazmat.primitives import hashes, hmac

from juece.domain.record import sm2

P = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF
A = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC
B = 0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93
N = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123
GX = 0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7
GY = 0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0
Jacobian = tuple[int, int, int]


def _sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


def _hmac(key: bytes, data: bytes) -> bytes:
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize()


def _double(p: Jacobian) -> Jacobian:
    x, y, z = p
    if not y or not z:
        return (0, 1, 0)
    yy = y * y % P
    s = 4 * x * yy % P
    zz = z * z % P
    m = (3 * x * x + A * zz * zz) % P
    x3 = (m * m - 2 * s) % P
    return x3, (m * (s - x3) - 8 * yy * yy) % P, 2 * y * z % P


def _add(p: Jacobian, q: Jacobian) -> Jacobian:
    if not p[2]:
        return q
    if not q[2]:
        return p
    z1z1, z2z2 = p[2] * p[2] % P, q[2] * q[2] % P
    u1, u2 = p[0] * z2z2 % P, q[0] * z1z1 % P
    s1, s2 = p[1] * q[2] * z2z2 % P, q[1] * p[2] * z1z1 % P
    if u1 == u2:
        return _double(p) if s1 == s2 else (0, 1, 0)
    h, r = (u2 - u1) % P, (s2 - s1) % P
    hh = h * h % P
    hhh = h * hh % P
    v = u1 * hh % P
    x3 = (r * r - hhh - 2 * v) % P
    return x3, (r * (v - x3) - s1 * hhh) % P, h * p[2] * q[2] % P


def multiply(k: int, x: int = GX, y: int = GY) -> tuple[int, int]:
    """k·(x, y) in affine coordinates (a Montgomery ladder: the same steps for every k)."""
    r0, r1 = (0, 1, 0), (x, y, 1)
    for bit in bin(k)[2:].zfill(256):
        if bit == "1":
            r0, r1 = _add(r0, r1), _double(r1)
        else:
            r0, r1 = _double(r0), _add(r0, r1)
    zi = pow(r0[2], -1, P)
    return r0[0] * zi * zi % P, r0[1] * zi * zi * zi % P


def _za(point: bytes, identity: bytes) -> bytes:
    parts = [len(identity * 8).to_bytes(2, "big"), identity,
             *(v.to_bytes(32, "big") for v in (A, B, GX, GY)), point[1:33], point[33:65]]
    return _sm3(b"".join(parts))


def _nonces(d: int, e: int) -> Iterator[int]:
    """RFC 6979's HMAC_DRBG (3.2) with HMAC-SM3: the candidate nonces, in order."""
    x, h = d.to_bytes(32, "big"), (e % N).to_bytes(32, "big")
    key, v = b"\x00" * 32, b"\x01" * 32
    key = _hmac(key, v + b"\x00" + x + h)
    v = _hmac(key, v)
    key = _hmac(key, v + b"\x01" + x + h)
    v = _hmac(key, v)
    while True:
        v = _hmac(key, v)
        k = int.from_bytes(v, "big")
        if 0 < k < N:
            yield k
        key = _hmac(key, v + b"\x00")
        v = _hmac(key, v)


def sign(private: str | bytes, message: bytes, identity: str = sm2.DEFAULT_ID) -> bytes:
    """The SM2-with-SM3 signature (DER) of ``message``: the same bytes for the same key and message."""
    d, point = sm2.key_pair(private)
    e = int.from_bytes(_sm3(_za(point, identity.encode("ascii")) + message), "big")
    inverse = pow(1 + d, -1, N)
    for k in _nonces(d, e):
        x1, _ = multiply(k)
        r = (e + x1) % N
        if r == 0 or r + k == N:
            continue
        s = inverse * (k - r * d) % N
        if s:
            return bytes(algos.DSASignature({"r": r, "s": s}).dump())
    raise AssertionError("unreachable")
