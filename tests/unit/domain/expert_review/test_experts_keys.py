"""A library row's public key (R-C1 署名): an Ed25519 key or an SM2 SubjectPublicKeyInfo, in strict
base64, is kept on the expert as written; anything else is not a key."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from juece.domain.expert_review.experts import is_public_key, parse_experts
from juece.domain.expert_review.signatures import new_key_pair
from tests.unit.domain.expert_review.test_experts import ROW


@pytest.mark.parametrize("algorithm", ["ed25519", "sm2"])
def test_a_rows_public_key_is_kept_on_the_expert(algorithm: str) -> None:
    public = new_key_pair(algorithm)[1]
    [expert] = parse_experts([{**ROW, "public_key": f" {public} "}], "experts.csv")
    assert expert.public_key == public and expert.as_dict()["public_key"] == public


@pytest.mark.parametrize("algorithm", ["ed25519", "sm2"])
def test_a_key_with_a_stray_character_is_not_a_key(algorithm: str) -> None:
    public = new_key_pair(algorithm)[1]
    assert is_public_key(public) is True
    assert is_public_key(public[:8] + "!" + public[8:]) is False


def test_a_nist_p256_public_key_is_not_an_experts_key() -> None:
    der = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert der[:1] == b"\x30" and is_public_key(base64.b64encode(der).decode("ascii")) is False


@pytest.mark.parametrize("size", [31, 33])
def test_only_thirty_two_raw_bytes_are_an_ed25519_key(size: int) -> None:
    assert is_public_key(base64.b64encode(bytes(size)).decode("ascii")) is False
