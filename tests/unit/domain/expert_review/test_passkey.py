"""Opinions signed with a passkey (R-C1): the assertion's challenge is the opinion's digest; a
tampered opinion, another credential, another challenge, another relying party or an absent user
is refused with R-C1 when answered, and found again by `juece verify` from the record alone."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.expert_review.opinion_check import signature_problems
from juece.domain.expert_review.passkey import challenge_of, check_assertion
from juece.domain.expert_review.seat_answers import Seat, seat_signature
from juece.domain.expert_review.signatures import opinion_digest
from juece.domain.record.answers import Answer
from juece.domain.record.errors import RuleViolation
from tests.unit.domain.expert_review.soft_authenticator import SoftAuthenticator

OPINION = {"decision": "yanshou-2027-urban-001", "seat": "seat_1", "expert": "expert_01", "necessity": "必要",
           "feasibility": "可行", "soundness": "科学", "conclusion": "support", "conditions": None, "opinion": "同意。"}
DIGEST = opinion_digest(OPINION)
SEAT = Seat("yanshou-2027-urban-001", "seat_1", "expert_01", [], 5)


@pytest.fixture
def mine() -> SoftAuthenticator:
    return SoftAuthenticator()


def sign(authenticator: SoftAuthenticator, assertion: dict[str, Any], passkeys: list[Any]) -> dict[str, Any]:
    answer = Answer("expert_01", ["签名确认 Sign"], {"signature": None, "webauthn": assertion})
    return seat_signature(SEAT, DIGEST, None, answer, passkeys).acts[0].data


def recorded(signed: dict[str, Any], opinion: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    content = opinion or OPINION
    return [{"seq": 1, "kind": "opinion_submitted", "data": {**content, "digest": opinion_digest(content)}},
            {"seq": 2, "kind": "opinion_signed", "data": signed}]


def test_a_good_assertion_is_recorded_whole_and_verifies_from_the_record(mine: SoftAuthenticator) -> None:
    signed = sign(mine, mine.assertion(challenge_of(DIGEST)), [mine.passkey()])
    assert signed["method"] == "passkey" and signed["digest"] == DIGEST and signed["rule"] == "R-C1"
    assert signed["passkey"]["public_key"] == mine.passkey().public_key and signed["passkey"]["rp_id"] == "localhost"
    assert set(signed["assertion"]) == {"credential_id", "authenticator_data", "client_data_json", "signature"}
    assert signature_problems(recorded(signed)) == []


def test_a_tampered_opinion_is_refused_when_signed_and_found_by_verify(mine: SoftAuthenticator) -> None:
    tampered = opinion_digest({**OPINION, "opinion": "反对。"})
    with pytest.raises(RuleViolation) as refused:
        sign(mine, mine.assertion(challenge_of(tampered)), [mine.passkey()])
    assert refused.value.rule == "R-C1" and "摘要" in refused.value.zh and "digest" in refused.value.en
    signed = sign(mine, mine.assertion(challenge_of(DIGEST)), [mine.passkey()])
    found = signature_problems(recorded(signed, {**OPINION, "opinion": "反对。"}))
    assert found and "[R-C1]" in found[0] and "摘要" in found[0] and "not the digest of the recorded opinion" in found[0]


def test_a_credential_not_registered_to_the_expert_is_refused(mine: SoftAuthenticator) -> None:
    other = SoftAuthenticator()
    with pytest.raises(RuleViolation) as refused:
        sign(other, other.assertion(challenge_of(DIGEST)), [mine.passkey()])
    assert refused.value.rule == "R-C1" and refused.value.field == "webauthn"
    someone_elses = SoftAuthenticator(user="expert_02")
    with pytest.raises(RuleViolation, match="not registered"):
        sign(someone_elses, someone_elses.assertion(challenge_of(DIGEST)), [someone_elses.passkey()])


def test_another_credentials_signature_under_the_recorded_key_is_refused(mine: SoftAuthenticator) -> None:
    other = SoftAuthenticator()
    forged = {**other.assertion(challenge_of(DIGEST)), "credential_id": mine.credential_id}
    with pytest.raises(RuleViolation) as refused:
        check_assertion(forged, DIGEST, mine.passkey())
    assert refused.value.rule == "R-C1" and "public key" in refused.value.en
    signed = sign(mine, mine.assertion(challenge_of(DIGEST)), [mine.passkey()])
    signed["passkey"] = {**signed["passkey"], "public_key": other.passkey().public_key}
    assert "does not verify with the registered public key" in signature_problems(recorded(signed))[0]


@pytest.mark.parametrize(("change", "words"), [
    ({"challenge": challenge_of("00" * 32)}, "challenge"),
    ({"kind": "webauthn.create"}, "webauthn.get"),
    ({"rp_id": "evil.example"}, "relying party"),
    ({"origin": "http://evil.example"}, "origin"),
    ({"flags": 0x04}, "present"),
], ids=["wrong-challenge", "not-a-get", "wrong-rp-id", "wrong-origin", "user-not-present"])
def test_a_bad_assertion_is_refused_with_r_c1_and_found_by_verify(
        mine: SoftAuthenticator, change: dict[str, Any], words: str) -> None:
    change = dict(change)  # the parameter is shared by every run of the test in this process
    challenge = change.pop("challenge", challenge_of(DIGEST))
    bad = mine.assertion(challenge, **change)
    with pytest.raises(RuleViolation) as refused:
        check_assertion(bad, DIGEST, mine.passkey())
    assert refused.value.rule == "R-C1" and words in refused.value.en and refused.value.zh
    good = sign(mine, mine.assertion(challenge_of(DIGEST)), [mine.passkey()])
    found = signature_problems(recorded({**good, "assertion": bad}))
    assert found and words in found[0] and "[R-C1]" in found[0] and "通行密钥" in found[0]


@pytest.mark.parametrize("assertion", [None, "text", {}, {"credential_id": "!!"},
                                       {"credential_id": "a", "authenticator_data": "a" * 100_000}])
def test_a_malformed_assertion_is_refused_with_r_c1(mine: SoftAuthenticator, assertion: Any) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_assertion(assertion, DIGEST, mine.passkey())
    assert refused.value.rule == "R-C1"


def test_a_recorded_origin_outside_its_relying_party_does_not_verify(mine: SoftAuthenticator) -> None:
    signed = sign(mine, mine.assertion(challenge_of(DIGEST)), [mine.passkey()])
    signed["passkey"] = {**signed["passkey"], "origin": "http://localhost.evil.example"}
    assert signature_problems(recorded(signed))


def test_an_authenticator_whose_counter_went_back_is_refused(mine: SoftAuthenticator) -> None:
    from dataclasses import replace

    used = replace(mine.passkey(), sign_count=5)
    with pytest.raises(RuleViolation, match="cloned"):
        check_assertion(mine.assertion(challenge_of(DIGEST)), DIGEST, used)
    mine.count = 5
    check_assertion(mine.assertion(challenge_of(DIGEST)), DIGEST, used)
