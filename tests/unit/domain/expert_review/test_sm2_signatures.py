"""Experts may sign with SM2 (GB/T 32918) beside Ed25519: the key says which algorithm signed,
the opinion's digest is signed the same way, and the pure-Python gmssl verifies it too."""

from __future__ import annotations

import base64

import pytest

from juece.domain.expert_review.experts import is_public_key
from juece.domain.expert_review.signatures import (
    key_algorithm,
    key_fingerprint,
    new_key_pair,
    opinion_digest,
    public_key_of,
    sign_digest,
    verify_signature,
)
from juece.domain.record import sm2
from tests.unit.domain.expert_review.test_signatures import OPINION
from tests.unit.domain.record.sm2_oracle import independent


@pytest.fixture(scope="module")
def keys() -> tuple[str, str]:
    return new_key_pair("sm2")


def test_an_sm2_key_pair_is_pkcs8_and_a_subject_public_key_info(keys: tuple[str, str]) -> None:
    private, public = keys
    assert private.startswith("-----BEGIN PRIVATE KEY-----")
    assert public_key_of(private) == public and key_algorithm(public) == "sm2"
    assert sm2.is_sm2_public(base64.b64decode(public)) and is_public_key(public)
    assert len(key_fingerprint(public)) == 16
    assert key_algorithm(new_key_pair()[1]) == "ed25519"


def test_an_sm2_signed_opinion_verifies_and_a_changed_one_does_not(keys: tuple[str, str]) -> None:
    private, public = keys
    digest = opinion_digest(OPINION)
    signature = sign_digest(private, digest)
    assert verify_signature(public, digest, signature)
    assert not verify_signature(public, opinion_digest({**OPINION, "opinion": "不同意。"}), signature)
    assert not verify_signature(new_key_pair("sm2")[1], digest, signature)
    assert not verify_signature(public, digest, "not base64!")
    assert not verify_signature(new_key_pair()[1], digest, signature)  # an Ed25519 key


def test_the_independent_implementation_verifies_an_experts_sm2_signature(keys: tuple[str, str]) -> None:
    private, public = keys
    digest = opinion_digest(OPINION)
    signature = base64.b64decode(sign_digest(private, digest))
    from asn1crypto import algos
    parsed = algos.DSASignature.load(signature).native
    point = sm2.public_point(public)
    other = independent(point)
    assert other.verify_with_sm3(f"{parsed['r']:064x}{parsed['s']:064x}", digest.encode("ascii"))


def test_the_archives_check_accepts_an_sm2_signed_opinion_and_names_a_forged_one(keys: tuple[str, str]) -> None:
    from juece.domain.expert_review.opinion_check import signature_problems

    private, public = keys
    digest = opinion_digest(OPINION)
    opinion = {"kind": "opinion_submitted", "data": {**OPINION, "digest": digest}}
    signed = {"kind": "opinion_signed", "data": {"seat": OPINION["seat"], "expert": OPINION["expert"],
                                                 "digest": digest, "public_key": public,
                                                 "signature": sign_digest(private, digest)}}
    assert signature_problems([opinion, signed]) == []
    forged = {**signed, "data": {**signed["data"], "signature": sign_digest(new_key_pair("sm2")[0], digest)}}
    assert signature_problems([opinion, forged]) == [
        f"opinion of {OPINION['expert']} ({OPINION['seat']}): the signature does not verify with the recorded public key"]
