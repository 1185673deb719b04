"""What an expert answers in their own seat: the conflict declaration (R-C3), the opinion on
necessity, feasibility and soundness (R-C1), then the signature over the opinion's digest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from juece.domain.expert_review.panel_record import STAGE, vacancy_acts
from juece.domain.expert_review.passkey import ASSERTION_FIELDS, Passkey, check_assertion
from juece.domain.expert_review.passkey import key_fingerprint as passkey_fingerprint
from juece.domain.expert_review.signatures import (
    key_algorithm,
    key_fingerprint,
    opinion_digest,
    verify_signature,
)
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, Outcome, bool_param, one_choice, text_param
from juece.domain.record.entries import Entries
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind

EXPERT_OPTIONS = {
    "支持 Support": "support",
    "附条件支持 Support with conditions": "support_with_conditions",
    "反对 Oppose": "oppose",
    "申报利害关系并回避 Declare a conflict of interest": "conflict",
}
# A conclusion in words, as the expert chose it, wherever one is printed (announcement, archive).
CONCLUSION_LABELS = {code: label for label, code in EXPERT_OPTIONS.items() if code != "conflict"}
SIGN_OPTIONS = {"签名确认 Sign": "sign"}
ASSESSMENTS = (("necessity", "必要性意见"), ("feasibility", "可行性意见"), ("soundness", "科学性意见"))


# what the record says signed the opinion, by the kind of key the expert registered
SIGNED_WITH = {"ed25519": "Ed25519", "sm2": "SM2-with-SM3"}


@dataclass(frozen=True)
class Seat:
    """One seat of the panel, as its task sees it."""

    decision_id: str
    seat: str
    expert: str
    reserves: list[str]
    quorum: int


def seat_opinion(entries: Entries, seat: Seat, answer: Answer, removed_now: Iterable[str] = ()) -> Outcome:
    """A declared conflict withdraws the expert and draws a replacement (R-C3); otherwise the
    opinion, with its digest for the signature act (R-C1)."""
    if answer.user != seat.expert:
        raise RuleViolation("R-C1", "只能由本席位专家本人作答", f"only {seat.expert} may answer this seat")
    conclusion = one_choice(answer, EXPERT_OPTIONS, "R-C1")
    if conclusion == "conflict":
        statement = text_param(answer, "conflict_statement", "R-C3", "利害关系说明")
        declared = Act(STAGE, Kind.CONFLICT_DECLARED, seat.expert,
                       {"seat": seat.seat, "expert": seat.expert, "statement": statement, "rule": "R-C3"})
        replacement = vacancy_acts(entries, seat.seat, "conflict", seat.reserves, seat.quorum, removed_now,
                                   "juece", always_replace=True)
        return Outcome([declared, *replacement])
    if not bool_param(answer, "no_conflict", "R-C3"):
        raise RuleViolation("R-C3", "提交意见前须声明与本事项无直接利害关系（no_conflict），或选择回避",
                            "declare that you have no direct interest (no_conflict) or declare the conflict",
                            field="no_conflict")
    content: dict[str, Any] = {"decision": seat.decision_id, "seat": seat.seat, "expert": seat.expert,
                               "conclusion": conclusion}
    for name, zh in ASSESSMENTS:
        content[name] = text_param(answer, name, "R-C1", zh)
    content["conditions"] = text_param(answer, "conditions", "R-C1", "所附条件",
                                       required=conclusion == "support_with_conditions") or None
    content["opinion"] = text_param(answer, "opinion", "R-C1", "论证意见全文")
    data = {**content, "no_conflict": True, "digest": opinion_digest(content), "rule": "R-C1"}
    return Outcome([Act(STAGE, Kind.OPINION_SUBMITTED, seat.expert, data)])


def seat_signature(seat: Seat, digest: str, public_key: str | None, answer: Answer,
                   passkeys: Iterable[Passkey] = ()) -> Outcome:
    """The signature act: the expert's key signs the digest of the opinion they submitted, or
    (``webauthn`` given) one of the passkeys registered to them signs it in the browser."""
    one_choice(answer, SIGN_OPTIONS, "R-C1")
    if answer.user != seat.expert:
        raise RuleViolation("R-C1", "只能由意见作者本人签名", f"only {seat.expert} may sign this opinion")
    if answer.params.get("webauthn") is not None:
        return passkey_signature(seat, digest, passkeys, answer.params["webauthn"])
    if not public_key:
        raise RuleViolation("R-C1", f"专家库中没有 {seat.expert} 的签名公钥，请先登记（juece experts keygen）",
                            f"no public key is registered for {seat.expert} (juece experts keygen)")
    signature = text_param(answer, "signature", "R-C1", "签名")
    if not verify_signature(public_key, digest, signature):
        raise RuleViolation("R-C1", "签名无法用登记的公钥验证，请对所示摘要重新签名",
                            "the signature does not verify with the registered key; sign the digest shown",
                            field="signature")
    data = {"seat": seat.seat, "expert": seat.expert, "digest": digest, "signature": signature,
            "public_key": public_key, "key_fingerprint": key_fingerprint(public_key),
            "algorithm": SIGNED_WITH[key_algorithm(public_key)], "rule": "R-C1"}
    return Outcome([Act(STAGE, Kind.OPINION_SIGNED, seat.expert, data)])


def passkey_signature(seat: Seat, digest: str, passkeys: Iterable[Passkey], assertion: Any) -> Outcome:
    """The signature act in the browser: the assertion of a passkey registered to the seat's
    expert over the opinion's digest, kept whole with the credential's public key so that the
    archive proves it alone (R-C1)."""
    credential = assertion.get("credential_id") if isinstance(assertion, dict) else None
    passkey = next((p for p in passkeys if p.user == seat.expert and p.credential_id == credential), None)
    if passkey is None:
        raise RuleViolation("R-C1", f"所用通行密钥未登记给 {seat.expert}，请用本人登记的通行密钥签名",
                            f"the passkey used is not registered to {seat.expert}: sign with your own", field="webauthn")
    check_assertion(assertion, digest, passkey)
    kept = {name: assertion[name] for name in ASSERTION_FIELDS}
    data = {"seat": seat.seat, "expert": seat.expert, "digest": digest, "method": "passkey",
            "passkey": passkey.recorded(), "assertion": kept, "key_fingerprint": passkey_fingerprint(passkey.public_key),
            "algorithm": "WebAuthn", "rule": "R-C1"}
    return Outcome([Act(STAGE, Kind.OPINION_SIGNED, seat.expert, data)])


def non_responding(entries: Entries, seat: Seat, due_at: str, removed_now: Iterable[str] = ()) -> list[Act]:
    """The deadline passed without an opinion: recorded, and below quorum a replacement is drawn."""
    missed = Act(STAGE, Kind.EXPERT_NON_RESPONDING, "juece",
                 {"seat": seat.seat, "expert": seat.expert, "due_at": due_at, "rule": "R-C1"})
    return [missed, *vacancy_acts(entries, seat.seat, "non_responding", seat.reserves, seat.quorum, removed_now,
                                  "juece", always_replace=False)]
