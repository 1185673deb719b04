"""A signature, a key and a private key are read strictly (R-C1 署名): a stray character is never
skipped over, a key is only ever taken from its base64 text, and a private key of another kind is
refused with words that say so in Chinese and English."""

from __future__ import annotations

import base64
import binascii

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from juece.domain.expert_review.signatures import (
    key_algorithm,
    key_fingerprint,
    new_key_pair,
    opinion_digest,
    sign_digest,
    verify_signature,
)
from juece.domain.record.errors import FormError
from tests.unit.domain.expert_review.test_signatures import OPINION

DIGEST = opinion_digest(OPINION)


@pytest.fixture(scope="module", params=["ed25519", "sm2"])
def signed(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(public key, signature of DIGEST) for each algorithm an expert may sign with."""
    private, public = new_key_pair(request.param)
    return public, sign_digest(private, DIGEST)


def with_stray(text: str) -> str:
    """The text with a character outside base64 put in its middle."""
    return text[:8] + "!" + text[8:]


def test_a_good_signature_of_either_algorithm_verifies_as_given(signed: tuple[str, str]) -> None:
    public, signature = signed
    assert verify_signature(public, DIGEST, signature) is True


def test_a_signature_with_a_stray_character_does_not_verify(signed: tuple[str, str]) -> None:
    public, signature = signed
    assert verify_signature(public, DIGEST, with_stray(signature)) is False


def test_a_public_key_with_a_stray_character_does_not_verify(signed: tuple[str, str]) -> None:
    public, signature = signed
    assert verify_signature(with_stray(public), DIGEST, signature) is False


def test_an_sm2_key_given_as_der_bytes_is_not_read_as_a_key() -> None:
    private, public = new_key_pair("sm2")
    der = base64.b64decode(public)
    assert key_algorithm(public) == "sm2" and key_algorithm(der) == "ed25519"  # type: ignore[arg-type]
    assert verify_signature(der, DIGEST, sign_digest(private, DIGEST)) is False  # type: ignore[arg-type]


def test_the_fingerprint_of_a_key_with_a_stray_character_is_refused(signed: tuple[str, str]) -> None:
    public = signed[0]
    with pytest.raises(binascii.Error):
        key_fingerprint(with_stray(public))


def test_a_private_key_of_another_curve_is_refused_naming_both_algorithms() -> None:
    p256 = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode("ascii")
    with pytest.raises(FormError) as refused:
        sign_digest(p256, DIGEST)
    assert (refused.value.zh, refused.value.en, refused.value.field) == (
        "私钥不是 Ed25519 或 SM2 密钥", "the private key is neither an Ed25519 nor an SM2 key", "key")


def test_an_unreadable_private_key_is_refused_saying_it_cannot_be_read() -> None:
    with pytest.raises(FormError) as refused:
        sign_digest("-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----\n", DIGEST)
    assert refused.value.zh.startswith("私钥无法读取：") and len(refused.value.zh) > len("私钥无法读取：")
    assert refused.value.en.startswith("the private key cannot be read: ")
    assert refused.value.field == "key"
