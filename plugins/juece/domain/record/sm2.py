"""SM2 signatures with SM3 (GB/T 32918, 国密 SM2) for decision bodies and experts whose rules
require the national algorithms, through gmssl-fast (GmSSL, statically linked).

Keys and signatures are encoded as GB/T 35276 (SM2 密码算法使用规范) gives them, so that other
SM2 software reads them: the public key a SubjectPublicKeyInfo (id-ecPublicKey with the curve
sm2p256v1, 1.2.156.10197.1.301; the point uncompressed, 04||X||Y), the private key PKCS#8
(an ECPrivateKey inside; "EC PRIVATE KEY" SEC1 files are read too), the signature the DER
SEQUENCE {r INTEGER, s INTEGER}. The signer's identity in Z_A is the standard's default
1234567812345678; the message is hashed with SM3 together with Z_A (GB/T 32918.2, 6.1).
"""

from __future__ import annotations

import base64
import binascii
import re

import gmssl_fast
from asn1crypto import algos, keys  # type: ignore[import-untyped]  # (pyHanko's ASN.1 library)

SM2_CURVE = "1.2.156.10197.1.301"  # sm2p256v1 (GB/T 35276, GM/T 0006)
SM2_WITH_SM3 = "1.2.156.10197.1.501"
DEFAULT_ID = "1234567812345678"
ALGORITHM = "sm2-sm3"
if SM2_CURVE not in keys.NamedCurve._map:
    keys.NamedCurve.register("sm2p256v1", SM2_CURVE, 32)
NOT_UNCOMPRESSED = ("SM2 公钥点不是非压缩格式（04||X||Y）", "the SM2 point is not uncompressed (04||X||Y)")
NOT_ENCODED = ("既不是 PEM、DER，也不是 base64", "neither PEM, DER nor base64")
_PEM = re.compile(rb"-----BEGIN ([A-Z ]+)-----(.+?)-----END \1-----", re.S)


class SM2KeyError(ValueError):
    """A key or signature that is not an SM2 one in the encodings of GB/T 35276; its text is the
    cause in Chinese, then in English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def new_private_pem() -> str:
    """A new SM2 private key, PKCS#8 PEM (unencrypted)."""
    made = gmssl_fast.SM2.generate()
    return private_pem(int(str(made.private_key_hex), 16), bytes.fromhex(str(made.public_key_hex)))


def private_pem(scalar: int, point: bytes) -> str:
    params = keys.ECDomainParameters(name="named", value=SM2_CURVE)
    inner = keys.ECPrivateKey({"version": "ecPrivkeyVer1", "private_key": scalar,
                               "parameters": params, "public_key": point})
    info = keys.PrivateKeyInfo({"version": 0, "private_key": inner, "private_key_algorithm":
                                keys.PrivateKeyAlgorithm({"algorithm": "ec", "parameters": params})})
    return _pem("PRIVATE KEY", info.dump())


def public_der(point: bytes) -> bytes:
    """The SubjectPublicKeyInfo (DER) of an uncompressed point."""
    algorithm = keys.PublicKeyAlgorithm({"algorithm": "ec", "parameters":
                                         keys.ECDomainParameters(name="named", value=SM2_CURVE)})
    return bytes(keys.PublicKeyInfo({"algorithm": algorithm, "public_key": point}).dump())


def public_pem(der: bytes) -> str:
    return _pem("PUBLIC KEY", der)


def key_pair(private: str | bytes) -> tuple[int, bytes]:
    """(scalar, uncompressed public point) of an SM2 private key: PKCS#8 or SEC1, PEM or DER."""
    der = _der(private)
    try:
        info = keys.PrivateKeyInfo.load(der, strict=True)
        curve = info["private_key_algorithm"]["parameters"].chosen.dotted
        inner = info["private_key"].parsed
    except (ValueError, TypeError, KeyError, AttributeError):
        try:
            inner = keys.ECPrivateKey.load(der, strict=True)
            curve = inner["parameters"].chosen.dotted
        except (ValueError, TypeError, KeyError, AttributeError):
            raise SM2KeyError("不是 PKCS#8 或 SEC1 格式的椭圆曲线私钥", "not a PKCS#8 or SEC1 EC private key") from None
    if curve != SM2_CURVE:
        raise SM2KeyError(f"密钥的曲线为 {curve}，不是 SM2（{SM2_CURVE}）", f"the key's curve is {curve}, not SM2 ({SM2_CURVE})")
    point = inner["public_key"].native
    if not point:
        raise SM2KeyError("私钥未附带公钥，请连同公钥一并导出",
                          "the private key carries no public key: export it with its public key")
    if len(point) != 65 or point[0] != 4:
        raise SM2KeyError(*NOT_UNCOMPRESSED)
    scalar = int(inner["private_key"].native)
    if not _pair_holds(scalar, bytes(point)):
        raise SM2KeyError("密钥中的公钥与私钥不匹配（或私钥不在 [1, n-2] 之内）：文件已损坏或混入了另一把密钥",
                          "the key's public key is not its private key's (or the private key is not in "
                          "[1, n-2]): the file is damaged or mixes two keys")
    return scalar, bytes(point)


def _pair_holds(scalar: int, point: bytes) -> bool:
    """Whether ``point`` is the public key of ``scalar``: what the scalar signs, the point verifies."""
    try:
        signed = gmssl_fast.SM2(private_key=f"{scalar:064x}").sign(b"")
        return bool(gmssl_fast.SM2(public_key=point.hex()).verify(b"", signed))
    except (gmssl_fast.GmsslError, ValueError):
        return False


def public_point(public: str | bytes) -> bytes:
    """The uncompressed point of an SM2 SubjectPublicKeyInfo: PEM, DER, or DER in base64."""
    try:
        info = keys.PublicKeyInfo.load(_der(public), strict=True)
        curve = info["algorithm"]["parameters"].chosen.dotted
        point = bytes(info["public_key"].native)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise SM2KeyError("不是 SubjectPublicKeyInfo 格式的公钥", "not a SubjectPublicKeyInfo") from None
    if info["algorithm"]["algorithm"].native != "ec" or curve != SM2_CURVE:
        raise SM2KeyError(f"不是 SM2 公钥（曲线 {curve}）", f"not an SM2 public key (curve {curve})")
    if len(point) != 65 or point[0] != 4:
        raise SM2KeyError(*NOT_UNCOMPRESSED)
    return point


def is_sm2_public(public: str | bytes) -> bool:
    try:
        public_point(public)
    except SM2KeyError:
        return False
    return True


def sign(private: str | bytes, message: bytes) -> bytes:
    """The SM2-with-SM3 signature (DER) of ``message`` with the default signer identity."""
    scalar, point = key_pair(private)
    raw = gmssl_fast.SM2(private_key=f"{scalar:064x}", public_key=point.hex()).sign(message)
    return bytes(algos.DSASignature({"r": int.from_bytes(raw[:32], "big"),
                                     "s": int.from_bytes(raw[32:], "big")}).dump())


def verify(public: str | bytes, message: bytes, signature: bytes) -> bool:
    """Whether ``signature`` (DER) is the key's SM2-with-SM3 signature of ``message``; False for
    anything malformed (a non-DER or non-minimal encoding too)."""
    try:
        point = public_point(public)
        parsed = algos.DSASignature.load(signature, strict=True)
        r, s = int(parsed["r"].native), int(parsed["s"].native)
        if parsed.dump(force=True) != signature or not (0 < r < 2 ** 256 and 0 < s < 2 ** 256):
            return False
        raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")
        return bool(gmssl_fast.SM2(public_key=point.hex()).verify(message, raw))
    except (SM2KeyError, ValueError, TypeError, OverflowError, gmssl_fast.GmsslError):
        return False


def _pem(label: str, der: bytes) -> str:
    body = base64.b64encode(der).decode("ascii")
    lines = "\n".join(body[i:i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN {label}-----\n{lines}\n-----END {label}-----\n"


def _der(value: str | bytes) -> bytes:
    try:
        data = value.encode("ascii") if isinstance(value, str) else bytes(value)
    except UnicodeEncodeError:
        raise SM2KeyError(*NOT_ENCODED) from None
    found = _PEM.search(data)
    if data[:1] == b"\x30" and found is None:
        return data
    try:
        return base64.b64decode(b"".join(found.group(2).split()) if found else data, validate=True)
    except (binascii.Error, ValueError):
        raise SM2KeyError(*NOT_ENCODED) from None
