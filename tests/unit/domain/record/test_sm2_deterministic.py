"""Deterministic SM2-with-SM3 signatures (GB/T 32918.2 with RFC 6979 nonces), checked against
the standard's example values, against RFC 6979's own test vectors, and against the pure-Python
gmssl, an implementation juece does not sign with."""

from __future__ import annotations

from itertools import islice

import pytest
from asn1crypto import algos
from gmssl import func
from gmssl import sm3 as pure_sm3
from hypothesis import given, settings
from hypothesis import strategies as st

from juece.domain.record import sm2
from juece.domain.record import sm2_deterministic as det
from tests.unit.domain.record.sm2_oracle import independent

# GB/T 32918.5-2017 (and GM/T 0003.5): the example key, its public point and identity, Z_A and e
D = 0x3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8
X = 0x09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020
Y = 0xCCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13
POINT = b"\x04" + X.to_bytes(32, "big") + Y.to_bytes(32, "big")
MESSAGE = b"message digest"
ZA = "b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3"
E = 0xF0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640
PEM = sm2.private_pem(D, POINT)
PUBLIC = sm2.public_der(POINT)
# this module's signature of MESSAGE with the example key, and the DRBG's first nonces for it
SIGNATURE = bytes.fromhex(
    "3044022024858ee71d63e687feefe41f5af80a59f0791eb1dabc2bbe71daf0e57f06c367"
    "02203d15550de52785a435004c937256ac715c0e04176ac57062c6722fa692f7a491")
NONCES = [0xF7D1EEA09846E85224FE81CA11453A10827C315A97B924765C3A1E96D9611628,
          0x08ED9AC7D6DC8C2F20DD0BB763305C6F32E60D88DF557E11F733C99B95AF17B7,
          0xE7D3AC76C0ACEEF6AC1F7F0562B6B99DF35B4D2DBED02F4EBD22E7702D656523]


def pure_hash(data: bytes) -> bytes:
    return bytes.fromhex(pure_sm3.sm3_hash(func.bytes_to_list(data)))


def rs(signature: bytes) -> tuple[int, int]:
    parsed = algos.DSASignature.load(signature, strict=True).native
    return parsed["r"], parsed["s"]


def hexed(first: int, second: int) -> str:
    """A pair of coordinates or (r, s) as gmssl writes them: 64 hex digits each."""
    return f"{first:064x}{second:064x}"


def nonce_of(signature: bytes, d: int = D) -> int:
    """The nonce k a signature was made with: s = (1 + d)^-1 (k - r d), so k = s (1 + d) + r d."""
    r, s = rs(signature)
    return (s * (1 + d) + r * d) % det.N


def test_sm3_gives_the_two_examples_of_gbt_32905() -> None:
    assert det._sm3(b"abc").hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert det._sm3(b"abcd" * 16).hex() == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


@pytest.mark.parametrize("key", [b"", b"k" * 32, bytes(range(64)), b"\xff" * 65], ids=["0", "32", "64", "65"])
@pytest.mark.parametrize("data", [b"", b"abc", b"\x00" * 97], ids=["empty", "abc", "97"])
def test_hmac_sm3_is_rfc_2104s_hmac_over_an_independent_sm3(key: bytes, data: bytes) -> None:
    block = (pure_hash(key) if len(key) > 64 else key).ljust(64, b"\x00")
    inner = pure_hash(bytes(b ^ 0x36 for b in block) + data)
    assert det._hmac(key, data) == pure_hash(bytes(b ^ 0x5C for b in block) + inner)


def test_za_and_the_digest_e_are_the_standards_example_values() -> None:
    za = det._za(POINT, b"1234567812345678")
    assert za.hex() == ZA
    assert int.from_bytes(det._sm3(za + MESSAGE), "big") == E


def test_za_of_another_identity_carries_its_bit_length_first() -> None:
    identity = b"ALICE123@YAHOO.COM"  # 18 bytes: ENTL 144 = 0x0090
    curve = b"".join(v.to_bytes(32, "big") for v in (det.A, det.B, det.GX, det.GY))
    assert det._za(POINT, identity) == pure_hash(b"\x00\x90" + identity + curve + POINT[1:])


def test_multiplying_the_generator_by_the_example_key_gives_its_public_point() -> None:
    assert det.multiply(D) == (X, Y)
    assert det.multiply(1) == (det.GX, det.GY)
    assert det.multiply(det.N - 1) == (det.GX, det.P - det.GY)
    assert det.multiply(det.N + 1) == (det.GX, det.GY)


@settings(max_examples=12, deadline=None)
@given(st.integers(min_value=1, max_value=det.N - 1))
def test_multiplication_agrees_with_the_independent_implementation(k: int) -> None:
    other = independent(POINT)
    expected_g = other._kg(k, other.ecc_table["g"])
    assert hexed(*det.multiply(k)) == expected_g
    assert hexed(*det.multiply(k, X, Y)) == other._kg(k, POINT[1:].hex())


@pytest.mark.parametrize("k", [0, det.N, 2 * det.N], ids=["0", "n", "2n"])
def test_a_multiple_of_the_order_is_the_point_at_infinity_which_has_no_coordinates(k: int) -> None:
    with pytest.raises(ValueError):
        det.multiply(k)


def scaled(point: tuple[int, int], z: int) -> det.Jacobian:
    """The same affine point in Jacobian coordinates with the given z (x z^2, y z^3, z)."""
    return point[0] * z * z % det.P, point[1] * z ** 3 % det.P, z


def affine(point: det.Jacobian) -> tuple[int, int]:
    zi = pow(point[2], -1, det.P)
    return point[0] * zi * zi % det.P, point[1] * zi ** 3 % det.P


def oracle_multiple(k: int) -> tuple[int, int]:
    """k·G computed by the independent implementation."""
    other = independent(POINT)
    found = other._kg(k, other.ecc_table["g"])
    return int(found[:64], 16), int(found[64:], 16)


G, G2, G3 = (det.GX, det.GY), oracle_multiple(2), oracle_multiple(3)


@pytest.mark.parametrize(("z1", "z2"), [(1, 1), (5, 7), (det.P - 2, 3)])
def test_jacobian_addition_and_doubling_give_the_affine_sums(z1: int, z2: int) -> None:
    assert affine(det._add(scaled(G, z1), scaled(G2, z2))) == G3
    assert affine(det._add(scaled(G2, z2), scaled(G, z1))) == G3
    assert affine(det._double(scaled(G, z1))) == G2
    assert affine(det._add(scaled(G, z1), scaled(G, z2))) == G2


def test_adding_a_point_to_its_negative_or_doubling_infinity_gives_infinity() -> None:
    assert det._add(scaled(G, 3), scaled((G[0], det.P - G[1]), 5))[2] == 0
    assert det._double((0, 1, 0))[2] == 0
    assert det._double((G[0], 0, 1))[2] == 0


def test_infinity_is_the_neutral_element_of_addition() -> None:
    point = scaled(G2, 9)
    assert det._add((0, 1, 0), point) == point
    assert det._add(point, (0, 1, 0)) == point


# RFC 6979, A.2.5: ECDSA on P-256 with SHA-256, its private key and the nonces of "sample", "test"
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P256_KEY = 0xC9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721
RFC6979 = [(b"sample", 0xA6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60),
           (b"test", 0xD16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0)]


@pytest.mark.parametrize(("message", "k"), RFC6979, ids=["sample", "test"])
def test_the_nonce_generator_is_rfc_6979s_with_its_hash_and_order_swapped_in(
        monkeypatch: pytest.MonkeyPatch, message: bytes, k: int) -> None:
    import hashlib
    import hmac
    monkeypatch.setattr(det, "_hmac", lambda key, data: hmac.new(key, data, "sha256").digest())
    monkeypatch.setattr(det, "N", P256_ORDER)
    assert next(det._nonces(P256_KEY, int.from_bytes(hashlib.sha256(message).digest(), "big"))) == k


def test_the_nonces_for_the_standards_key_and_message_are_pinned() -> None:
    assert list(islice(det._nonces(D, E), 3)) == NONCES
    assert next(det._nonces(D, E + det.N)) == NONCES[0]  # e enters reduced mod n
    assert next(det._nonces(D, E + 1)) != NONCES[0] and next(det._nonces(D + 1, E)) != NONCES[0]


def test_a_candidate_outside_one_to_n_minus_one_is_never_a_nonce(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the DRBG's calls to HMAC (two to seed K, two to seed V, then V = HMAC(V) for each
    candidate and two more to move on) the candidates are the 5th, 8th, 11th ... results."""
    candidates = iter([0, det.N, 1, det.N + 1, det.N - 1, 2 ** 256 - 1, 7])
    calls = iter(range(1, 100))

    def fake(key: bytes, data: bytes) -> bytes:
        call = next(calls)
        return next(candidates).to_bytes(32, "big") if call >= 5 and call % 3 == 2 else bytes(32)

    monkeypatch.setattr(det, "_hmac", fake)
    assert list(islice(det._nonces(D, E), 3)) == [1, det.N - 1, 7]
