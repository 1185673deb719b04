"""An expert opinion's signature checked as `juece verify` checks it (R-C1,
`juece.domain.expert_review.opinion_check`), for this one opinion, and said in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from juece.adapters.reporting.dossier.doc_parts import (
    NONE,
    Entry,
    People,
    Record,
    entries_of,
    time_of,
)
from juece.domain.expert_review.opinion_check import signature_problems
from juece.domain.expert_review.signatures import key_algorithm

PROBLEM_WORDS = {  # opinion_check's findings, in Chinese before the English
    "the signed digest is not the digest of the recorded opinion": "所签摘要不是所记录意见的摘要",
    "the signature does not verify with the recorded public key": "签名不能用所记录的公钥验证",
    "signed with a key other than the one in the drawn pool": "所用密钥不是抽取时专家库登记的密钥",
}


def _problem_words(problem: str, opinion: Entry) -> str:
    """A finding without the opinion's ids (the form names the expert), Chinese first."""
    who = f"opinion of {opinion['data'].get('expert')} ({opinion['data'].get('seat')}): "
    found = problem.removeprefix(who)
    zh = PROBLEM_WORDS.get(found)
    return f"{zh} / {found}" if zh else found


@dataclass(frozen=True)
class SignatureResult:
    signed: bool
    valid: bool
    signer_line: str  # who signed, when, with what
    verdict: str  # the check's result in words


def signature_of(record: Record, opinion: Entry) -> Entry | None:
    who = (opinion["data"].get("seat"), opinion["data"].get("expert"))
    found = [e for e in entries_of(record, "opinion_signed")
             if (e["data"].get("seat"), e["data"].get("expert")) == who]
    same = [e for e in found if e["data"].get("digest") == opinion["data"].get("digest")]
    chosen = same or found
    return chosen[-1] if chosen else None


def algorithm_words(data: dict[str, Any]) -> str:
    """How the opinion was signed, in words."""
    if data.get("method") == "passkey":
        return "通行密钥（WebAuthn）passkey"
    if key_algorithm(str(data.get("public_key") or "")) == "sm2":
        return "SM2 数字签名（SM3 摘要，GB/T 32918）SM2 signature"
    return "Ed25519 数字签名 Ed25519 signature"


def signature_result(record: Record, opinion: Entry) -> SignatureResult:
    """The opinion's signature, re-checked from the record alone: the digest recomputed from the
    opinion's fields and the signature verified with the key recorded with it."""
    signed = signature_of(record, opinion)
    if signed is None:
        return SignatureResult(False, False, "未签名 not signed",
                               "无签名可核验 no signature to check")
    data = signed["data"]
    people = People(record)
    line = (f"{people.name(data.get('expert'))} 于 {time_of(signed)} 签名 signed；"
            f"{algorithm_words(data)}；公钥指纹 key fingerprint {data.get('key_fingerprint') or NONE}")
    drawn = entries_of(record, "panel_drawn")
    problems = signature_problems([*drawn, opinion, signed])
    if problems:
        return SignatureResult(True, False, line, "签名核验未通过 signature does NOT verify：" +
                               "；".join(_problem_words(problem, opinion) for problem in problems))
    sealed = "sealed" in opinion
    verdict = ("签名核验通过 signature verified：签名与专家登记的公钥相符，所签摘要即本表意见内容的 SHA-256 摘要"
               " / the signature verifies with the expert's recorded key over the digest of this opinion")
    if sealed:
        verdict += "（意见内容封存，核验其所签摘要 content sealed: the signed digest is checked）"
    return SignatureResult(True, True, line, verdict)
