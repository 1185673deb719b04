"""What a refused passkey signature says (R-C1 署名): each problem of the assertion, with every other
part of it good, is refused under R-C1 at the field `webauthn`, in exactly these Chinese and English
words; the relying party, the authenticator's counter and cross-origin calls are held to the letter."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from juece.domain.expert_review.passkey import (
    Passkey,
    b64url,
    challenge_of,
    check_assertion,
    sign_count,
)
from juece.domain.record.errors import RuleViolation
from tests.unit.domain.expert_review.soft_authenticator import ORIGIN, RP_ID, SoftAuthenticator
from tests.unit.domain.expert_review.test_passkey import DIGEST


@pytest.fixture
def mine() -> SoftAuthenticator:
    return SoftAuthenticator()


def signed(authenticator: SoftAuthenticator, client: dict[str, Any] | bytes, *, rp_id: str = RP_ID,
           flags: int = 0x05, count: int = 1, extensions: bytes = b"") -> dict[str, Any]:
    """An assertion the authenticator signs over any client data and authenticator data."""
    body = client if isinstance(client, bytes) else json.dumps(client).encode()
    data = hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + count.to_bytes(4, "big") + extensions
    signature = authenticator.key.sign(data + hashlib.sha256(body).digest(), ec.ECDSA(hashes.SHA256()))
    return {"credential_id": authenticator.credential_id, "authenticator_data": b64url(data),
            "client_data_json": b64url(body), "signature": b64url(signature)}


def client(**change: Any) -> dict[str, Any]:
    return {"type": "webauthn.get", "challenge": challenge_of(DIGEST), "origin": ORIGIN, "crossOrigin": False, **change}


def refusal(assertion: Any, passkey: Passkey, digest: str = DIGEST) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as refused:
        check_assertion(assertion, digest, passkey)
    error = refused.value
    assert error.zh.startswith("通行密钥签名未通过核验：") and error.en.startswith("the passkey signature does not verify: ")
    return error.rule, error.field, error.zh.removeprefix("通行密钥签名未通过核验："), \
        error.en.removeprefix("the passkey signature does not verify: ")


def test_a_good_assertion_passes(mine: SoftAuthenticator) -> None:
    check_assertion(signed(mine, client()), DIGEST, mine.passkey())


@pytest.mark.parametrize(("make", "zh", "en"), [
    (lambda a: "text", "签名数据缺失或格式不对", "the assertion is missing or malformed"),
    (lambda a: {**signed(a, client()), "signature": "A"}, "签名数据缺失或不是 base64url",
     "a part of the assertion is missing or not base64url"),
    (lambda a: {**signed(a, client()), "credential_id": b64url(bytes(1100))}, "签名数据缺失或不是 base64url",
     "a part of the assertion is missing or not base64url"),
    (lambda a: {**signed(a, client()), "credential_id": b64url(bytes(16))}, "所用通行密钥不是登记给本人的那一个",
     "the credential is not the one registered to this expert"),
    (lambda a: signed(a, b"\xff{"), "客户端数据不是 JSON", "the client data is not JSON"),
    (lambda a: signed(a, client(type="webauthn.create")), "客户端数据不是签名（webauthn.get）",
     "the client data is not of type webauthn.get"),
    (lambda a: signed(a, client(challenge=challenge_of("00" * 32))), "签名的不是本意见的摘要（意见已改动或签错了意见）",
     "the challenge is not this opinion's digest"),
    (lambda a: signed(a, client(origin="http://evil.example")), f"签名来源 http://evil.example 不是登记的 {ORIGIN}",
     f"the origin is not the registered {ORIGIN}"),
    (lambda a: signed(a, client(crossOrigin=True)), f"签名来源 {ORIGIN} 不是登记的 {ORIGIN}",
     f"the origin is not the registered {ORIGIN}"),
    (lambda a: signed(a, client(), rp_id="evil.example"), f"认证器数据不是为 {RP_ID} 签的",
     f"the authenticator data is not for the relying party {RP_ID}"),
    (lambda a: signed(a, client(), flags=0x04), "认证器未确认本人在场",
     "the authenticator did not confirm the user was present"),
    (lambda a: {**signed(a, client()), "signature": signed(a, client(), count=2)["signature"]},
     "签名无法用登记的通行密钥公钥验证", "the signature does not verify with the registered public key"),
], ids=["not-a-mapping", "not-base64url", "credential-too-long", "other-credential", "not-json", "not-a-get",
        "other-challenge", "other-origin", "cross-origin", "other-relying-party", "user-absent", "bad-signature"])
def test_each_problem_is_refused_under_r_c1_in_its_own_words(mine: SoftAuthenticator, make: Any, zh: str, en: str) -> None:
    assert refusal(make(mine), mine.passkey()) == ("R-C1", "webauthn", zh, en)


def test_a_digest_that_is_not_hex_has_nothing_to_sign(mine: SoftAuthenticator) -> None:
    assert refusal(signed(mine, client()), mine.passkey(), "not-hex")[2:] == (
        "没有可签名的意见摘要", "there is no opinion digest to sign")


def test_a_relying_party_that_is_not_the_origins_host_is_refused_before_its_data(mine: SoftAuthenticator) -> None:
    assertion = signed(mine, client())
    for rp_id in ("example.org", "", "calhost"):
        assert refusal(assertion, replace(mine.passkey(), rp_id=rp_id))[2:] == (
            f"依赖方 {rp_id} 与来源 {ORIGIN} 不符", f"the relying party {rp_id} does not match the origin {ORIGIN}")


@pytest.mark.parametrize("rp_id", ["localhost", "XXXX"])
def test_an_origin_without_a_host_matches_no_relying_party(mine: SoftAuthenticator, rp_id: str) -> None:
    origin = "file:///opinion.html"
    registered = replace(mine.passkey(), rp_id=rp_id, origin=origin)
    assert refusal(signed(mine, client(origin=origin), rp_id=rp_id), registered)[2:] == (
        f"依赖方 {rp_id} 与来源 {origin} 不符", f"the relying party {rp_id} does not match the origin {origin}")


def test_an_origin_on_a_subdomain_of_the_relying_party_passes(mine: SoftAuthenticator) -> None:
    registered = replace(mine.passkey(), rp_id="example.org", origin="https://portal.example.org")
    check_assertion(signed(mine, client(origin="https://portal.example.org"), rp_id="example.org"), DIGEST, registered)


def test_a_counter_equal_to_the_recorded_one_is_refused_and_one_more_passes(mine: SoftAuthenticator) -> None:
    used = replace(mine.passkey(), sign_count=7)
    assert refusal(signed(mine, client(), count=7), used)[2:] == (
        "认证器计数回退，该通行密钥可能被复制", "the authenticator's counter went back: the passkey may be cloned")
    check_assertion(signed(mine, client(), count=8), DIGEST, used)


def test_the_counter_is_read_from_its_four_bytes_whatever_follows_them(mine: SoftAuthenticator) -> None:
    assert sign_count(signed(mine, client(), count=0x01020304)) == 0x01020304
    assert sign_count(signed(mine, client(), count=0x01020304, extensions=b"\xa1\x01\x02")) == 0x01020304
