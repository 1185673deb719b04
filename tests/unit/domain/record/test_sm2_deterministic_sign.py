"""Deterministic SM2-with-SM3 signatures as the archive's OFD edition uses them: the same bytes for
the same key and message, ordinary SM2 signatures that juece and the pure-Python gmssl verify,
and the standard's rules for a nonce that cannot be used (GB/T 32918.2, 6.1, A5 and A6)."""

from __future__ import annotations

import pytest
from asn1crypto import algos
from hypothesis import given, settings
from hypothesis import strategies as st

from juece.domain.record import sm2
from juece.domain.record import sm2_deterministic as det
from tests.unit.domain.record.sm2_oracle import independent
from tests.unit.domain.record.test_sm2_deterministic import (
    MESSAGE,
    NONCES,
    PEM,
    POINT,
    PUBLIC,
    SIGNATURE,
    D,
    E,
    hexed,
    nonce_of,
    pure_hash,
    rs,
)


def test_the_signature_of_the_standards_key_and_message_is_pinned_and_verifies() -> None:
    assert det.sign(PEM, MESSAGE) == SIGNATURE
    assert sm2.verify(PUBLIC, MESSAGE, SIGNATURE)
    assert independent(POINT).verify_with_sm3(hexed(*rs(SIGNATURE)), MESSAGE)


def test_the_signature_is_the_standards_equation_with_the_first_nonce() -> None:
    assert nonce_of(SIGNATURE) == NONCES[0]
    expected = independent(POINT, f"{D:064x}").sign(E.to_bytes(32, "big"), f"{NONCES[0]:064x}")
    assert hexed(*rs(SIGNATURE)) == expected


def test_the_signature_is_exact_minimal_der() -> None:
    r, s = rs(SIGNATURE)
    assert bytes.fromhex("30440220") + r.to_bytes(32, "big") + bytes.fromhex("0220") + s.to_bytes(32, "big") == SIGNATURE


@settings(max_examples=10, deadline=None)
@given(st.binary(max_size=120))
def test_any_message_signs_the_same_way_twice_and_verifies_with_both_implementations(message: bytes) -> None:
    signature = det.sign(PEM, message)
    assert det.sign(PEM, message) == signature
    assert algos.DSASignature.load(signature, strict=True).dump(force=True) == signature
    assert sm2.verify(PUBLIC, message, signature)
    assert independent(POINT).verify_with_sm3(hexed(*rs(signature)), message)
    assert not sm2.verify(PUBLIC, message + b"\x00", signature)


def test_a_changed_byte_or_another_key_refuses_the_signature() -> None:
    assert not sm2.verify(PUBLIC, b"message digesT", SIGNATURE)
    other = sm2.new_private_pem()
    assert not sm2.verify(sm2.public_der(sm2.key_pair(other)[1]), MESSAGE, SIGNATURE)
    theirs = det.sign(other, MESSAGE)
    assert theirs != SIGNATURE and sm2.verify(sm2.public_der(sm2.key_pair(other)[1]), MESSAGE, theirs)


def test_another_identity_enters_za_and_its_signature_verifies_only_under_it() -> None:
    identity = "ALICE123@YAHOO.COM"
    signature = det.sign(PEM, MESSAGE, identity)
    curve = b"".join(v.to_bytes(32, "big") for v in (det.A, det.B, det.GX, det.GY))
    za = pure_hash(b"\x00\x90" + identity.encode() + curve + POINT[1:])
    assert independent(POINT).verify(hexed(*rs(signature)), pure_hash(za + MESSAGE))
    assert not sm2.verify(PUBLIC, MESSAGE, signature)
    assert det.sign(PEM, MESSAGE, sm2.DEFAULT_ID) == SIGNATURE


def test_an_identity_outside_ascii_is_refused() -> None:
    with pytest.raises(UnicodeEncodeError):
        det.sign(PEM, MESSAGE, "张三")


def test_a_key_that_is_not_sm2_is_refused() -> None:
    with pytest.raises(sm2.SM2KeyError):
        det.sign("不是密钥", MESSAGE)


def first_multiply_gives(monkeypatch: pytest.MonkeyPatch, x1: int) -> None:
    """The first k·G the signer computes has the x coordinate ``x1``; the others are real."""
    real, used = det.multiply, []

    def fake(k: int, *args: int) -> tuple[int, int]:
        used.append(k)
        return (x1, 0) if len(used) == 1 else real(k, *args)

    monkeypatch.setattr(det, "multiply", fake)


@pytest.mark.parametrize("case", ["r is 0", "r + k is n", "s is 0"])
def test_a_nonce_giving_r_zero_r_plus_k_n_or_s_zero_is_passed_over_for_the_next(
        monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    k = NONCES[0]
    r = {"r is 0": 0, "r + k is n": det.N - k, "s is 0": k * pow(D, -1, det.N) % det.N}[case]
    first_multiply_gives(monkeypatch, (r - E) % det.N)
    signature = det.sign(PEM, MESSAGE)
    assert nonce_of(signature) == NONCES[1]
    assert sm2.verify(PUBLIC, MESSAGE, signature)


def test_a_usable_first_nonce_is_kept() -> None:
    assert nonce_of(det.sign(PEM, MESSAGE)) == NONCES[0]
