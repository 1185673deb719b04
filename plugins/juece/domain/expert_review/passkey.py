"""Opinions signed with a passkey (R-C1 署名, WebAuthn): the expert's authenticator signs an
assertion whose challenge is the opinion's digest (its 32 bytes), so the signature binds the same
content an Ed25519 signature binds.

Checked here with `cryptography` alone, from what the record keeps (no web library, no records
DB): the client data says ``webauthn.get``, carries the digest as its challenge and the origin
recorded at registration; the authenticator data hashes the recorded relying party id and says
the user was present; and the credential's public key verifies the signature over
authenticatorData || SHA-256(clientDataJSON)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from juece.domain.record.errors import RuleViolation

ASSERTION_FIELDS = ("credential_id", "authenticator_data", "client_data_json", "signature")
# COSE algorithm ids a passkey may sign with (ES256, EdDSA, RS256) and their names
ALGORITHMS = {-7: "ES256", -8: "EdDSA", -257: "RS256"}
MAX_BYTES = {"credential_id": 1024, "authenticator_data": 1024, "client_data_json": 4096, "signature": 1024}
USER_PRESENT = 0x01
Problem = tuple[str, str]


@dataclass(frozen=True)
class Passkey:
    """A credential registered to an expert of the library, as the record keeps it: its public key
    as SubjectPublicKeyInfo DER (base64), its COSE algorithm, where it was registered, and the
    SHA-256 of the registration's facts (the records DB's log of passkeys)."""

    credential_id: str
    user: str
    public_key: str
    algorithm: int
    rp_id: str
    origin: str
    sign_count: int = 0
    registered_at: str = ""
    registration: str = ""

    def recorded(self) -> dict[str, Any]:
        return {"credential_id": self.credential_id, "public_key": self.public_key, "algorithm": self.algorithm,
                "rp_id": self.rp_id, "origin": self.origin, "registered_at": self.registered_at,
                "registration": self.registration}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_b64url(text: Any, limit: int = 4096) -> bytes:
    """The bytes of unpadded base64url ``text``; ValueError for anything else (padding, a character
    outside base64url, which the decoder would skip, or unused bits set) or anything longer."""
    if not isinstance(text, str) or not text or len(text) > limit * 4 // 3 + 4:
        raise ValueError("not base64url")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("not base64url") from None
    if b64url(raw) != text:  # only the one encoding b64url writes
        raise ValueError("not base64url")
    return raw


def challenge_of(digest: str) -> str:
    """The challenge an opinion's digest is signed as: its 32 bytes, base64url."""
    return b64url(bytes.fromhex(digest))


def key_fingerprint(public_key: str) -> str:
    """The first 16 hex digits of the SHA-256 of the key's DER."""
    return hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:16]


def check_assertion(assertion: Any, digest: str, passkey: Passkey) -> None:
    """Refuse (R-C1) an assertion that is not ``passkey``'s signature of ``digest``, or whose
    authenticator counter went back (a copied authenticator)."""
    found = assertion_problem(assertion, digest, passkey.recorded())
    if found is None and passkey.sign_count and sign_count(assertion) <= passkey.sign_count:
        found = "认证器计数回退，该通行密钥可能被复制", "the authenticator's counter went back: the passkey may be cloned"
    if found is not None:
        raise RuleViolation("R-C1", f"通行密钥签名未通过核验：{found[0]}",
                            f"the passkey signature does not verify: {found[1]}", field="webauthn")


def sign_count(assertion: Mapping[str, Any]) -> int:
    """The authenticator's signature counter in a (well-formed) assertion."""
    return int.from_bytes(from_b64url(assertion["authenticator_data"])[33:37], "big")


def assertion_problem(assertion: Any, digest: str, credential: Mapping[str, Any]) -> Problem | None:
    """What is wrong with ``assertion`` as ``credential``'s signature of ``digest``, in Chinese and
    English; None when it holds. ``credential`` is a passkey as the record keeps it."""
    if not isinstance(assertion, Mapping):
        return "签名数据缺失或格式不对", "the assertion is missing or malformed"
    try:
        raw = {name: from_b64url(assertion.get(name), MAX_BYTES[name]) for name in ASSERTION_FIELDS}
    except ValueError:
        return "签名数据缺失或不是 base64url", "a part of the assertion is missing or not base64url"
    if assertion.get("credential_id") != credential.get("credential_id"):
        return "所用通行密钥不是登记给本人的那一个", "the credential is not the one registered to this expert"
    return (_client_data_problem(raw["client_data_json"], digest, str(credential.get("origin")))
            or _authenticator_problem(raw["authenticator_data"], credential)
            or _signature_problem(raw, credential))


def _client_data_problem(data: bytes, digest: str, origin: str) -> Problem | None:
    try:
        client = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "客户端数据不是 JSON", "the client data is not JSON"
    if not isinstance(client, dict) or client.get("type") != "webauthn.get":
        return "客户端数据不是签名（webauthn.get）", "the client data is not of type webauthn.get"
    try:
        expected = challenge_of(digest)
    except (TypeError, ValueError):  # not hex, or no digest at all (a damaged record)
        return "没有可签名的意见摘要", "there is no opinion digest to sign"
    if client.get("challenge") != expected:
        return "签名的不是本意见的摘要（意见已改动或签错了意见）", "the challenge is not this opinion's digest"
    if client.get("origin") != origin or client.get("crossOrigin") is True:
        return f"签名来源 {client.get('origin')} 不是登记的 {origin}", f"the origin is not the registered {origin}"
    return None


def _authenticator_problem(data: bytes, credential: Mapping[str, Any]) -> Problem | None:
    rp_id, origin = str(credential.get("rp_id")), str(credential.get("origin"))
    host = urlsplit(origin).hostname or ""
    if not rp_id or not (host == rp_id or host.endswith("." + rp_id)):
        return f"依赖方 {rp_id} 与来源 {origin} 不符", f"the relying party {rp_id} does not match the origin {origin}"
    if len(data) < 37 or data[:32] != hashlib.sha256(rp_id.encode("utf-8")).digest():
        return f"认证器数据不是为 {rp_id} 签的", f"the authenticator data is not for the relying party {rp_id}"
    if not data[32] & USER_PRESENT:
        return "认证器未确认本人在场", "the authenticator did not confirm the user was present"
    return None


def _signature_problem(raw: Mapping[str, bytes], credential: Mapping[str, Any]) -> Problem | None:
    signed = raw["authenticator_data"] + hashlib.sha256(raw["client_data_json"]).digest()
    if not verify(str(credential.get("public_key")), credential.get("algorithm"), signed, raw["signature"]):
        return "签名无法用登记的通行密钥公钥验证", "the signature does not verify with the registered public key"
    return None


def verify(public_key: str, algorithm: Any, data: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is the key's signature of ``data`` under the COSE ``algorithm``;
    False for anything malformed or any other algorithm."""
    try:
        key = serialization.load_der_public_key(base64.b64decode(public_key, validate=True))
        if algorithm == -7 and isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, ec.SECP256R1):
            key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        elif algorithm == -8 and isinstance(key, Ed25519PublicKey):
            key.verify(signature, data)
        elif algorithm == -257 and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        else:
            return False
    except (InvalidSignature, UnsupportedAlgorithm, binascii.Error, ValueError, TypeError):
        return False
    return True
