"""Experts sign in the browser with passkeys (R-C1): registration of a passkey, bound to the
expert's library entry (checked with the `webauthn` package; its COSE key kept with its DER form
in the records DB, the registration logged), and the answer of a seat's signature task built
from an assertion over the opinion's digest after the domain has checked it, as the task will.

The registration's challenge needs no server-side state: it is an HMAC, under the records DB's
secret, of the expert and the moment the page was made, valid for ``CHALLENGE_SECONDS``."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from webauthn import generate_registration_options, options_to_json, verify_registration_response
from webauthn.helpers import decode_credential_public_key, decoded_public_key_to_cryptography
from webauthn.helpers.exceptions import InvalidRegistrationResponse, WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from juece.adapters.store.passkeys import PasskeyStore
from juece.domain.expert_review.passkey import (
    ALGORITHMS,
    Passkey,
    b64url,
    challenge_of,
    from_b64url,
)
from juece.domain.expert_review.seat_answers import SIGN_OPTIONS, Seat, passkey_signature
from juece.domain.record.errors import RuleViolation

CHALLENGE_SECONDS = 600
MAX_CREDENTIAL_CHARS = 16_384
SIGN_LABEL = next(iter(SIGN_OPTIONS))


@dataclass(frozen=True)
class Party:
    """The relying party a page speaks for: its id (the host) and its origin."""

    rp_id: str
    origin: str


def registration_challenge(secret: bytes, user: str, issued: int) -> bytes:
    return hmac.new(secret, f"juece-passkey:{user}:{issued}".encode(), hashlib.sha256).digest()


def creation_options(party: Party, user: str, name: str, challenge: bytes, known: list[Passkey]) -> str:
    """The options for navigator.credentials.create (JSON, bytes as base64url): a passkey of
    ES256, EdDSA or RS256, the expert named, the passkeys they hold already excluded."""
    options = generate_registration_options(
        rp_id=party.rp_id, rp_name="juece 决策", user_name=user, user_display_name=name,
        user_id=hashlib.sha256(f"juece-expert:{user}".encode()).digest()[:16], challenge=challenge,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED, user_verification=UserVerificationRequirement.PREFERRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=from_b64url(p.credential_id)) for p in known])
    return options_to_json(options)


def register(store: PasskeyStore, party: Party, user: str, credential: str, challenge: bytes, at: str) -> Passkey:
    """Check the browser's answer to navigator.credentials.create and keep the passkey it made for
    ``user``; anything that does not verify is refused (R-C1) and nothing is kept."""
    if len(credential) > MAX_CREDENTIAL_CHARS:
        raise _refused("通行密钥数据过长", "the passkey's data is too long")
    try:
        verified = verify_registration_response(credential=_json_object(credential), expected_challenge=challenge,
                                                expected_rp_id=party.rp_id, expected_origin=party.origin)
        key = decoded_public_key_to_cryptography(decode_credential_public_key(verified.credential_public_key))
    except (InvalidRegistrationResponse, WebAuthnException, ValueError, TypeError, KeyError) as error:
        raise _refused("通行密钥登记未通过核验（可能已过期，请重新登记）",
                       f"the passkey's registration does not verify ({error}); register again") from None
    algorithm = int(decode_credential_public_key(verified.credential_public_key).alg)
    if algorithm not in ALGORITHMS:
        raise _refused("不支持该通行密钥的签名算法", "the passkey's signature algorithm is not supported")
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return store.register({
        "credential_id": b64url(verified.credential_id), "user": user,
        "public_key_cose": b64url(verified.credential_public_key),
        "public_key": base64.b64encode(der).decode("ascii"), "algorithm": algorithm, "rp_id": party.rp_id,
        "origin": party.origin, "aaguid": str(verified.aaguid), "registered_at": at,
        "sign_count": verified.sign_count})


def request_options(party: Party, digest: str, passkeys: list[Passkey]) -> dict[str, Any]:
    """The options for navigator.credentials.get: the opinion's digest as the challenge, the
    expert's own passkeys (of this relying party) as the ones allowed."""
    return {"challenge": challenge_of(digest), "rpId": party.rp_id, "timeout": 120_000, "userVerification": "preferred",
            "allowCredentials": [{"type": "public-key", "id": p.credential_id} for p in passkeys
                                 if p.rp_id == party.rp_id]}


def sign_answer(seat: Seat, digest: str, passkeys: list[Passkey], assertion: str) -> dict[str, Any]:
    """The signature task's answer carrying the assertion, once it holds as the task will check it
    (a bad one refused here, R-C1, and nothing sent)."""
    if len(assertion) > MAX_CREDENTIAL_CHARS:
        raise _refused("签名数据过长", "the assertion is too long")
    given = _json_object(assertion)
    kept = {name: given.get(name) for name in ("credential_id", "authenticator_data", "client_data_json", "signature")}
    passkey_signature(seat, digest, passkeys, kept)
    return {"chosen_options": [SIGN_LABEL], "params_input": {"signature": None, "webauthn": kept}}


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise _refused("浏览器返回的通行密钥数据无法读取", "the passkey data from the browser cannot be read")
    return value


def _refused(zh: str, en: str) -> RuleViolation:
    return RuleViolation("R-C1", zh, en, field="webauthn")
