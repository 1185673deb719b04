"""A passkey's assertion is read as the browser wrote it (R-C1 署名): unpadded base64url and nothing
else, so a part the decoder would only read by skipping characters is refused; and a damaged record
whose signed opinion has no digest is named by `juece verify`, not a crash."""

from __future__ import annotations

import pytest

from juece.domain.expert_review.opinion_check import signature_problems
from juece.domain.expert_review.passkey import assertion_problem, challenge_of, from_b64url
from tests.unit.domain.expert_review.soft_authenticator import SoftAuthenticator
from tests.unit.domain.expert_review.test_passkey import DIGEST, OPINION

NO_DIGEST = ("没有可签名的意见摘要", "there is no opinion digest to sign")


@pytest.mark.parametrize("text", ["YWJ=", "YQ==", "AAA=AAA", "!", "YW!J", "Y Q", "YR"],
                         ids=["padded", "padded-twice", "padding-inside", "only-a-stray-character",
                              "stray-character", "space", "unused-bits-set"])
def test_base64url_with_padding_a_stray_character_or_unused_bits_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="^not base64url$"):
        from_b64url(text)


def test_an_assertion_part_read_only_by_skipping_a_character_is_refused() -> None:
    mine = SoftAuthenticator()
    assertion = mine.assertion(challenge_of(DIGEST))
    stray = {**assertion, "signature": assertion["signature"][:8] + "!" + assertion["signature"][8:]}
    assert assertion_problem(assertion, DIGEST, mine.passkey().recorded()) is None
    assert assertion_problem(stray, DIGEST, mine.passkey().recorded()) == (
        "签名数据缺失或不是 base64url", "a part of the assertion is missing or not base64url")


def test_an_assertion_checked_against_no_digest_has_nothing_to_sign() -> None:
    mine = SoftAuthenticator()
    assertion = mine.assertion(challenge_of(DIGEST))
    assert assertion_problem(assertion, None, mine.passkey().recorded()) == NO_DIGEST  # type: ignore[arg-type]


def test_verify_names_a_passkey_signature_of_a_sealed_opinion_recorded_without_its_digest() -> None:
    mine = SoftAuthenticator()
    who = {"seat": OPINION["seat"], "expert": OPINION["expert"]}
    signed = {**who, "method": "passkey", "assertion": mine.assertion(challenge_of(DIGEST)),
              "passkey": mine.passkey().recorded()}
    entries = [{"seq": 1, "kind": "opinion_submitted", "sealed": ["opinion"], "data": who},
               {"seq": 2, "kind": "opinion_signed", "data": signed}]
    assert signature_problems(entries) == [
        f"opinion of {who['expert']} ({who['seat']}): [R-C1] 通行密钥签名未通过核验：{NO_DIGEST[0]} / "
        f"the passkey signature does not verify: {NO_DIGEST[1]}"]
