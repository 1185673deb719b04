"""Signed expert opinions (R-C1 署名): Ed25519, or SM2 with SM3 (GB/T 32918) for bodies whose
rules require the national algorithms, over the digest of the opinion's content.

An Ed25519 public key is the base64 of its 32 raw bytes; an SM2 one the base64 of its
SubjectPublicKeyInfo (GB/T 35276, domain/record/sm2.py): the key says which algorithm signed.

The digest covers exactly OPINION_FIELDS in canonical JSON, so the signature binds the expert,
the seat, the decision and every assessment, and anyone with the public key can check it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from juece.domain.record import sm2
from juece.domain.record.errors import FormError
from juece.domain.record.ledger import canonical_json

OPINION_FIELDS = ("decision", "seat", "expert", "necessity", "feasibility", "soundness",
                  "conclusion", "conditions", "opinion")


def opinion_digest(content: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of the opinion's fields; a missing field counts as null."""
    return hashlib.sha256(canonical_json({name: content.get(name) for name in OPINION_FIELDS})).hexdigest()


KEY_ALGORITHMS = ("ed25519", "sm2")


def new_key_pair(algorithm: str = "ed25519") -> tuple[str, str]:
    """(private key as unencrypted PKCS#8 PEM, public key: Ed25519's 32 raw bytes, or SM2's
    SubjectPublicKeyInfo, in base64)."""
    if algorithm == "sm2":
        pem = sm2.new_private_pem()
        return pem, public_key_of(pem)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode("ascii")
    return pem, _raw_public(private.public_key())


def public_key_of(private_pem: str) -> str:
    if (pair := _sm2_pair(private_pem)) is not None:
        return base64.b64encode(sm2.public_der(pair[1])).decode("ascii")
    return _raw_public(_private_key(private_pem).public_key())


def key_algorithm(public_key: str) -> str:
    """"sm2" for an SM2 SubjectPublicKeyInfo, else "ed25519"."""
    return "sm2" if isinstance(public_key, str) and len(public_key) > 44 and sm2.is_sm2_public(public_key) \
        else "ed25519"


def sign_digest(private_pem: str, digest: str) -> str:
    """The base64 signature of the digest's ASCII text: Ed25519, or SM2 (DER) for an SM2 key."""
    if _sm2_pair(private_pem) is not None:
        return base64.b64encode(sm2.sign(private_pem, digest.encode("ascii"))).decode("ascii")
    return base64.b64encode(_private_key(private_pem).sign(digest.encode("ascii"))).decode("ascii")


def verify_signature(public_key: str, digest: str, signature: str) -> bool:
    """Whether ``signature`` is the key's signature of ``digest``; False for anything malformed."""
    if key_algorithm(public_key) == "sm2":
        try:
            raw = base64.b64decode(signature, validate=True)
            return sm2.verify(public_key, digest.encode("ascii"), raw)
        except (binascii.Error, ValueError, UnicodeEncodeError):
            return False
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), digest.encode("ascii"))
    except (InvalidSignature, binascii.Error, ValueError, TypeError, AttributeError, UnicodeEncodeError):
        return False
    return True


def key_fingerprint(public_key: str) -> str:
    """The first 16 hex digits of the SHA-256 of the raw public key."""
    return hashlib.sha256(base64.b64decode(public_key, validate=True)).hexdigest()[:16]


def _raw_public(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def _sm2_pair(private_pem: str) -> tuple[int, bytes] | None:
    """The SM2 key pair of an SM2 private key, None for any other key."""
    try:
        return sm2.key_pair(private_pem)
    except sm2.SM2KeyError:
        return None


def _private_key(private_pem: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(private_pem.encode("ascii"), password=None)
    except (ValueError, TypeError, UnicodeEncodeError) as error:
        raise FormError(f"私钥无法读取：{error}", f"the private key cannot be read: {error}", field="key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise FormError("私钥不是 Ed25519 或 SM2 密钥", "the private key is neither an Ed25519 nor an SM2 key", field="key")
    return key
