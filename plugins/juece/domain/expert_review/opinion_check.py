"""Proof of who wrote what (R-C1) and of a fair draw (R-C2..R-C5), from the record alone:
every opinion's digest recomputed and its signature checked against the expert's key, and the
panel draw re-run from its recorded seed and pool. A public edition keeps the pool only as its
SHA-256 (`panel_public`): its draw cannot be re-run from the record, only checked for what the
public form still says (`juece verify` re-runs it against the ledger)."""

from __future__ import annotations

from typing import Any

from juece.domain.expert_review.panel import ALGORITHMS, draw_algorithm, redraw_matches
from juece.domain.expert_review.panel_public import is_public_draw, public_draw_problems
from juece.domain.expert_review.passkey import assertion_problem
from juece.domain.expert_review.signatures import OPINION_FIELDS, opinion_digest, verify_signature
from juece.domain.record.entries import data_of
from juece.domain.record.kinds import Kind

Entries = list[dict[str, Any]]


def _pool_keys(entries: Entries) -> dict[str, str]:
    """The experts' keys as the draw recorded them: from the pool, or in a public edition from
    the panel it lists (every expert who held a seat)."""
    keys: dict[str, str] = {}
    for entry in entries:
        if entry.get("kind") == Kind.PANEL_DRAWN:
            data = data_of(entry)
            members = data.get("panel", []) if is_public_draw(data) else data.get("pool", [])
            for member in members if isinstance(members, list) else []:
                if isinstance(member, dict) and member.get("public_key"):
                    keys[str(member.get("user"))] = member["public_key"]
    return keys


def signature_problems(entries: Entries) -> list[str]:
    """Everything wrong with the expert opinions' signatures, in plain words; [] when all hold."""
    problems: list[str] = []
    keys = _pool_keys(entries)
    opinions = {(data_of(e).get("seat"), data_of(e).get("expert")): e for e in entries
                if e.get("kind") == Kind.OPINION_SUBMITTED}
    signed: set[tuple[Any, Any]] = set()
    for entry in (e for e in entries if e.get("kind") == Kind.OPINION_SIGNED):
        data = data_of(entry)
        who = (data.get("seat"), data.get("expert"))
        signed.add(who)
        label = f"opinion of {who[1]} ({who[0]})"
        opinion = opinions.get(who)
        if opinion is None:
            problems.append(f"{label}: signed, but no opinion of theirs is in the record")
            continue
        content = {name: data_of(opinion).get(name) for name in OPINION_FIELDS}
        # sealed while its panel is open (R-C6, `panel_seal`): the recorded digest is what was signed
        recorded: Any = data_of(opinion).get("digest")
        digest = recorded if "sealed" in opinion else opinion_digest(content)
        passkey = data.get("method") == "passkey"  # its findings name the rule, in both languages
        if digest != data_of(opinion).get("digest") or digest != data.get("digest"):
            problems.append(f"{label}: " + ("[R-C1] 签名的摘要不是所记录意见的摘要 / " if passkey else "")
                            + "the signed digest is not the digest of the recorded opinion")
        elif passkey:
            problems += _passkey_problems(label, data, digest)
        elif not verify_signature(str(data.get("public_key")), digest, str(data.get("signature"))):
            problems.append(f"{label}: the signature does not verify with the recorded public key")
        if not passkey and who[1] in keys and keys[who[1]] != data.get("public_key"):
            problems.append(f"{label}: signed with a key other than the one in the drawn pool")
    closed = any(e.get("kind") == Kind.PANEL_CLOSED for e in entries)
    for who in opinions.keys() - signed if closed else ():
        problems.append(f"opinion of {who[1]} ({who[0]}): never signed")
    return problems


def _passkey_problems(label: str, data: dict[str, Any], digest: str) -> list[str]:
    """A passkey's assertion re-checked from the record alone (R-C1, `passkey`)."""
    credential = data["passkey"] if isinstance(data.get("passkey"), dict) else {}
    found = assertion_problem(data.get("assertion"), digest, credential)
    return [f"{label}: [R-C1] 通行密钥签名未通过核验：{found[0]} / the passkey signature does not verify: "
            f"{found[1]}"] if found else []


def draw_problems(entries: Entries) -> list[str]:
    """Every panel draw re-run from its seed and pool with the algorithm it names; a draw whose
    pool is withheld is checked for what its public form says instead (its seats held by the
    panel it lists)."""
    problems = []
    for entry in (e for e in entries if e.get("kind") == Kind.PANEL_DRAWN):
        if is_public_draw(entry.get("data")):
            problems += [f"the panel draw (entry {entry.get('seq')}): {problem}"
                         for problem in public_draw_problems(data_of(entry))]
            continue
        algorithm = draw_algorithm(data_of(entry))
        if algorithm not in ALGORITHMS:
            problems.append(f"the panel draw (entry {entry.get('seq')}) names the algorithm {algorithm}, "
                            "which this juece cannot run")
            continue
        try:
            same = redraw_matches(data_of(entry))
        except Exception as exc:  # noqa: BLE001 (a damaged draw record is a finding)
            problems.append(f"the panel draw (entry {entry.get('seq')}) cannot be re-run: {exc}")
            continue
        if not same:
            problems.append(f"the panel draw (entry {entry.get('seq')}) does not re-run to the recorded seats")
    return problems
