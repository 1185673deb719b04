"""SM2 keys and signatures in the encodings of GB/T 35276, byte for byte: what juece writes, which
files it reads (PKCS#8 or SEC1, PEM, DER or base64), and the exact refusal of everything else."""

from __future__ import annotations

import base64

import pytest
from asn1crypto import keys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from juece.domain.record import sm2
from tests.unit.domain.record.test_sm2_deterministic import (
    MESSAGE,
    PEM,
    POINT,
    PUBLIC,
    SIGNATURE,
    D,
    X,
)

SM2_OID = "06082a811ccf5501822d"  # 1.2.156.10197.1.301, sm2p256v1
PKCS8 = bytes.fromhex(
    "308193" "020100" "3013" "06072a8648ce3d0201" + SM2_OID  # version 0, id-ecPublicKey, the curve
    + "0479" "3077" "020101" "0420" + f"{D:064x}"  # ECPrivateKey: version 1, the scalar
    + "a00a" + SM2_OID + "a144" "034200" + POINT.hex())  # [0] the curve, [1] the public point
SEC1 = PKCS8[29:]


def pem(label: str, der: bytes) -> str:
    body = base64.b64encode(der).decode()
    return f"-----BEGIN {label}-----\n" + "\n".join(body[i:i + 64] for i in range(0, len(body), 64)) \
        + f"\n-----END {label}-----\n"


def refused(call: object, value: object) -> sm2.SM2KeyError:
    with pytest.raises(sm2.SM2KeyError) as raised:
        call(value)  # type: ignore[operator]
    assert str(raised.value) == f"{raised.value.zh} / {raised.value.en}"
    return raised.value


def refusal(call: object, value: object) -> str:
    """The refusal's English half (its Chinese half is checked with each cause below)."""
    return refused(call, value).en


def test_the_private_key_is_written_as_this_exact_pkcs8() -> None:
    assert sm2.private_pem(D, POINT) == pem("PRIVATE KEY", PKCS8) == PEM


def test_the_public_key_is_written_as_pem_in_lines_of_64() -> None:
    body = base64.b64encode(PUBLIC).decode()
    assert sm2.public_pem(PUBLIC) == f"-----BEGIN PUBLIC KEY-----\n{body[:64]}\n{body[64:]}\n-----END PUBLIC KEY-----\n"
    assert sm2.public_point(sm2.public_pem(PUBLIC)) == POINT


@pytest.mark.parametrize("key", [PKCS8, SEC1, pem("EC PRIVATE KEY", SEC1), base64.b64encode(SEC1).decode()],
                         ids=["pkcs8-der", "sec1-der", "sec1-pem", "sec1-base64"])
def test_pkcs8_and_sec1_keys_are_read_as_pem_der_or_base64(key: str | bytes) -> None:
    assert sm2.key_pair(key) == (D, POINT)


@pytest.mark.parametrize("key", [PKCS8, SEC1], ids=["pkcs8", "sec1"])
def test_a_key_with_bytes_after_it_is_refused(key: bytes) -> None:
    assert refusal(sm2.key_pair, key + b"\x00") == "not a PKCS#8 or SEC1 EC private key"


def test_a_sec1_key_of_another_curve_is_refused_naming_the_curve() -> None:
    p256 = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
    assert refusal(sm2.key_pair, p256) == "the key's curve is 1.2.840.10045.3.1.7, not SM2 (1.2.156.10197.1.301)"


def test_a_private_key_without_its_public_key_is_refused_saying_how_to_export_it() -> None:
    inner = keys.ECPrivateKey.load(SEC1).copy()
    del inner["public_key"]
    assert refusal(sm2.key_pair, inner.dump(force=True)) == \
        "the private key carries no public key: export it with its public key"


MIXED = "the key's public key is not its private key's (or the private key is not in [1, n-2]): " \
        "the file is damaged or mixes two keys"
N = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123


def test_a_key_file_whose_public_key_belongs_to_another_key_is_refused() -> None:
    other = sm2.key_pair(sm2.new_private_pem())[1]
    assert refusal(sm2.key_pair, sm2.private_pem(D, other)) == MIXED
    with pytest.raises(sm2.SM2KeyError):
        sm2.sign(sm2.private_pem(D, other), MESSAGE)


@pytest.mark.parametrize("scalar", [0, N - 1, N], ids=["0", "n-1", "n"])
def test_a_private_key_outside_one_to_n_minus_two_is_refused(scalar: int) -> None:
    assert refusal(sm2.key_pair, sm2.private_pem(scalar, POINT)) == MIXED


@pytest.mark.parametrize("point", [b"\x03" + X.to_bytes(32, "big"), b"\x06" + POINT[1:], POINT + b"\x00"],
                         ids=["compressed", "hybrid-65-bytes", "66-bytes"])
def test_a_private_key_whose_public_point_is_not_04_x_y_is_refused(point: bytes) -> None:
    assert refusal(sm2.key_pair, sm2.private_pem(D, point)) == "the SM2 point is not uncompressed (04||X||Y)"


def test_what_is_neither_pem_der_nor_base64_is_refused() -> None:
    assert refusal(sm2.key_pair, "密钥") == "neither PEM, DER nor base64"
    text = base64.b64encode(PKCS8).decode()
    assert refusal(sm2.key_pair, text[:8] + "*" + text[8:]) == "neither PEM, DER nor base64"


def test_a_public_key_with_bytes_after_it_or_that_is_not_one_is_refused() -> None:
    assert refusal(sm2.public_point, PUBLIC + b"\x00") == "not a SubjectPublicKeyInfo"
    assert refusal(sm2.public_point, PKCS8) == "not a SubjectPublicKeyInfo"


def test_a_public_key_of_another_curve_is_refused_naming_the_curve() -> None:
    p256 = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert refusal(sm2.public_point, p256) == "not an SM2 public key (curve 1.2.840.10045.3.1.7)"


@pytest.mark.parametrize("point", [b"\x02" + X.to_bytes(32, "big"), b"\x04" + X.to_bytes(32, "big"),
                                   b"\x06" + POINT[1:], POINT + b"\x00"],
                         ids=["compressed", "04-and-x-only", "hybrid-65-bytes", "66-bytes"])
def test_a_point_that_is_not_04_x_y_is_refused(point: bytes) -> None:
    assert refusal(sm2.public_point, sm2.public_der(point)) == "the SM2 point is not uncompressed (04||X||Y)"


def test_a_signature_in_a_non_minimal_encoding_is_refused() -> None:
    r, s = SIGNATURE[4:36], SIGNATURE[38:]
    assert sm2.verify(PUBLIC, MESSAGE, SIGNATURE)
    assert not sm2.verify(PUBLIC, MESSAGE, b"\x30\x81\x44" + SIGNATURE[2:])  # long-form length
    assert not sm2.verify(PUBLIC, MESSAGE, b"\x30\x45\x02\x21\x00" + r + b"\x02\x20" + s)  # padded r
    assert not sm2.verify(PUBLIC, MESSAGE, b"\x30\x45\x02\x20" + r + b"\x02\x21\x00" + s)  # padded s


class AcceptsAll:
    """A stand-in for GmSSL that accepts every signature, to see juece's own checks alone."""

    def __init__(self, **_: str) -> None:
        pass

    def verify(self, message: bytes, raw: bytes) -> bool:
        return True


@pytest.mark.parametrize(("r", "s", "asked"), [
    (0, 1, False), (1, 0, False), (-1, 1, False), (1, -1, False), (0, 0, False),
    (1, 1, True), (2 ** 256 - 1, 2 ** 256 - 1, True), (2 ** 256, 1, False), (1, 2 ** 256, False)])
def test_r_and_s_outside_one_to_two_to_the_256_are_refused_before_the_library_is_asked(
        monkeypatch: pytest.MonkeyPatch, r: int, s: int, asked: bool) -> None:
    from asn1crypto import algos
    monkeypatch.setattr(sm2.gmssl_fast, "SM2", AcceptsAll)
    signature = bytes(algos.DSASignature({"r": r, "s": s}).dump())
    assert sm2.verify(PUBLIC, MESSAGE, signature) is asked


def test_a_signature_with_r_or_s_zero_is_refused_by_the_library_too() -> None:
    from asn1crypto import algos
    r, s = algos.DSASignature.load(SIGNATURE).native.values()
    assert not sm2.verify(PUBLIC, MESSAGE, bytes(algos.DSASignature({"r": 0, "s": s}).dump()))
    assert not sm2.verify(PUBLIC, MESSAGE, bytes(algos.DSASignature({"r": r, "s": 0}).dump()))


def test_each_cause_of_a_refused_key_is_said_in_chinese_too() -> None:
    p256 = ec.generate_private_key(ec.SECP256R1())
    sec1 = p256.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption())
    spki = p256.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    inner = keys.ECPrivateKey.load(SEC1).copy()
    del inner["public_key"]
    other = sm2.key_pair(sm2.new_private_pem())[1]
    assert refused(sm2.key_pair, SEC1 + b"\x00").zh == "不是 PKCS#8 或 SEC1 格式的椭圆曲线私钥"
    assert refused(sm2.key_pair, sec1).zh == "密钥的曲线为 1.2.840.10045.3.1.7，不是 SM2（1.2.156.10197.1.301）"
    assert refused(sm2.key_pair, inner.dump(force=True)).zh == "私钥未附带公钥，请连同公钥一并导出"
    assert refused(sm2.key_pair, sm2.private_pem(D, other)).zh == \
        "密钥中的公钥与私钥不匹配（或私钥不在 [1, n-2] 之内）：文件已损坏或混入了另一把密钥"
    assert refused(sm2.key_pair, sm2.private_pem(D, POINT + b"\x00")).zh == "SM2 公钥点不是非压缩格式（04||X||Y）"
    assert refused(sm2.public_point, b"\x30\x00").zh == "不是 SubjectPublicKeyInfo 格式的公钥"
    assert refused(sm2.public_point, spki).zh == "不是 SM2 公钥（曲线 1.2.840.10045.3.1.7）"
    assert refused(sm2.key_pair, "不是密钥").zh == refused(sm2.key_pair, b"!!").zh == "既不是 PEM、DER，也不是 base64"
