"""Signed expert opinions (R-C1): the signature binds the opinion's content to the expert's key."""

from __future__ import annotations

import base64

import pytest

from juece.domain.expert_review.signatures import (
    OPINION_FIELDS,
    key_fingerprint,
    new_key_pair,
    opinion_digest,
    public_key_of,
    sign_digest,
    verify_signature,
)
from juece.domain.record.errors import FormError

OPINION = {"decision": "yanshou-2027-urban-001", "seat": "seat_1", "expert": "expert_01", "necessity": "必要",
           "feasibility": "可行", "soundness": "科学", "conclusion": "agree", "conditions": [], "opinion": "同意。"}


@pytest.fixture(scope="module")
def keys() -> tuple[str, str]:
    return new_key_pair()


def flip(text: str) -> str:
    return ("1" if text[0] != "1" else "2") + text[1:]


def test_the_digest_covers_exactly_the_opinion_fields_and_missing_ones_count_as_null() -> None:
    digest = opinion_digest(OPINION)
    assert len(digest) == 64
    assert opinion_digest({**OPINION, "unrelated": 1}) == digest
    assert opinion_digest({**OPINION, "opinion": "不同意。"}) != digest
    partial = {k: OPINION[k] for k in OPINION_FIELDS[:3]}
    assert opinion_digest(partial) == opinion_digest({**partial, **dict.fromkeys(OPINION_FIELDS[3:])})


def test_a_good_signature_verifies(keys: tuple[str, str]) -> None:
    private, public = keys
    digest = opinion_digest(OPINION)
    assert verify_signature(public, digest, sign_digest(private, digest))
    assert public_key_of(private) == public
    assert len(base64.b64decode(public)) == 32


def test_a_changed_digest_signature_or_key_fails(keys: tuple[str, str]) -> None:
    private, public = keys
    digest = opinion_digest(OPINION)
    signature = sign_digest(private, digest)
    raw = bytearray(base64.b64decode(signature))
    raw[0] ^= 1
    assert not verify_signature(public, flip(digest), signature)
    assert not verify_signature(public, digest, base64.b64encode(bytes(raw)).decode())
    assert not verify_signature(new_key_pair()[1], digest, signature)


@pytest.mark.parametrize(("public", "digest", "signature"), [
    ("not base64!", "ab", "AAAA"), ("AAAA", "ab", "AAAA"), (None, "ab", "AAAA"),
    ("OK", "摘要", "AAAA"), ("OK", "ab", "%%%"), ("OK", "ab", ""), ("OK", None, "AAAA"),
], ids=["key-not-base64", "key-short", "key-none", "digest-not-ascii", "signature-not-base64",
        "signature-empty", "digest-none"])
def test_malformed_input_returns_false_and_never_raises(keys: tuple[str, str], public, digest, signature) -> None:
    public = keys[1] if public == "OK" else public
    assert verify_signature(public, digest, signature) is False


def test_the_fingerprint_is_sixteen_hex_digits_of_the_raw_key(keys: tuple[str, str]) -> None:
    fingerprint = key_fingerprint(keys[1])
    assert len(fingerprint) == 16 and int(fingerprint, 16) >= 0


def test_an_unreadable_private_key_is_a_form_error() -> None:
    with pytest.raises(FormError) as refused:
        sign_digest("-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----\n", "ab")
    assert (refused.value.rule, refused.value.field) == (None, "key")
