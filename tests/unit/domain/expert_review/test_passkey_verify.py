"""A passkey's signature verifies only under the COSE algorithm its credential was registered with
(ES256 on P-256, EdDSA on Ed25519, RS256 on RSA); any other pairing, another curve, an unknown
algorithm or a key with a stray character is no signature. And base64url is written unpadded."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from juece.domain.expert_review.passkey import (
    ALGORITHMS,
    Passkey,
    b64url,
    from_b64url,
    key_fingerprint,
    verify,
)

DATA = b"authenticator data and the hash of the client data"
Signer = tuple[str, Callable[[bytes], bytes]]


def spki(private: ec.EllipticCurvePrivateKey | Ed25519PrivateKey | rsa.RSAPrivateKey) -> str:
    der = private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode("ascii")


@pytest.fixture(scope="module")
def signers() -> dict[str, Signer]:
    """Each kind of key with what it signs: its base64 SubjectPublicKeyInfo and its signing."""
    p256, p384 = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP384R1())
    edwards, rivest = Ed25519PrivateKey.generate(), rsa.generate_private_key(65537, 2048)
    return {
        "ES256": (spki(p256), lambda data: p256.sign(data, ec.ECDSA(hashes.SHA256()))),
        "P-384": (spki(p384), lambda data: p384.sign(data, ec.ECDSA(hashes.SHA256()))),
        "EdDSA": (spki(edwards), edwards.sign),
        "RS256": (spki(rivest), lambda data: rivest.sign(data, padding.PKCS1v15(), hashes.SHA256())),
    }


@pytest.mark.parametrize("kind", ["ES256", "P-384", "EdDSA", "RS256"])
@pytest.mark.parametrize("algorithm", [-7, -8, -257, -35])
def test_a_signature_verifies_only_under_its_own_algorithm(signers: dict[str, Signer], kind: str, algorithm: int) -> None:
    public, sign = signers[kind]
    assert verify(public, algorithm, DATA, sign(DATA)) is (ALGORITHMS.get(algorithm) == kind)


@pytest.mark.parametrize("kind", ["ES256", "EdDSA", "RS256"])
def test_a_signature_of_other_data_does_not_verify(signers: dict[str, Signer], kind: str) -> None:
    public, sign = signers[kind]
    algorithm = {name: number for number, name in ALGORITHMS.items()}[kind]
    assert verify(public, algorithm, DATA + b".", sign(DATA)) is False


@pytest.mark.parametrize("kind", ["ES256", "EdDSA", "RS256"])
def test_a_public_key_with_a_stray_character_does_not_verify(signers: dict[str, Signer], kind: str) -> None:
    public, sign = signers[kind]
    algorithm = {name: number for number, name in ALGORITHMS.items()}[kind]
    assert verify(public[:8] + "!" + public[8:], algorithm, DATA, sign(DATA)) is False


def test_base64url_is_written_without_padding_and_read_back() -> None:
    assert [b64url(data) for data in (b"", b"\xff", b"\xfb\xef", b"\x00\x00\x17")] == ["", "_w", "--8", "AAAX"]
    assert from_b64url("_w") == b"\xff" and from_b64url("--8") == b"\xfb\xef" and from_b64url("AAAX") == b"\x00\x00\x17"


@pytest.mark.parametrize("text", [None, "", 5, b"YQ", "A", "A=A"])
def test_what_is_not_base64url_text_is_refused(text: object) -> None:
    with pytest.raises(ValueError, match="^not base64url$"):
        from_b64url(text)


def test_a_text_longer_than_the_limit_allows_is_refused() -> None:
    assert len(from_b64url("A" * 5464)) == 4098  # 4096 bytes by default, with the slack of a quantum
    with pytest.raises(ValueError, match="^not base64url$"):
        from_b64url("A" * 5466)
    assert from_b64url("A" * 8, limit=3) == bytes(6)
    with pytest.raises(ValueError, match="^not base64url$"):
        from_b64url("A" * 6, limit=1)


def test_a_passkeys_fingerprint_is_the_first_sixteen_hex_digits_of_its_keys_sha256(signers: dict[str, Signer]) -> None:
    public = signers["ES256"][0]
    assert key_fingerprint(public) == hashlib.sha256(base64.b64decode(public)).hexdigest()[:16]


def test_a_passkey_is_recorded_with_its_key_where_it_was_registered_and_the_registrations_digest() -> None:
    passkey = Passkey("cred", "expert_01", "KEY", -7, "localhost", "http://localhost:8080", 3,
                      "2027-03-01T08:00:00Z", "ab" * 32)
    assert passkey.recorded() == {"credential_id": "cred", "public_key": "KEY", "algorithm": -7, "rp_id": "localhost",
                                  "origin": "http://localhost:8080", "registered_at": "2027-03-01T08:00:00Z",
                                  "registration": "ab" * 32}
