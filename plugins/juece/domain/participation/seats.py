"""Filling a hearing's public seats from the sign-ups (公开报名, R-B6), by a method the record names
so that anyone can re-run it from the record alone and get the same seats.

- ``lottery``: each sign-up on time is ranked by SHA-256 of ``"<seed>:<receipt>"`` (algorithm
  ``sha256-rank-v1``), lowest first, and the first ``seats`` are chosen. The seed is the hash of
  the last entry of the decision's record when the draw is made: fixed by every sign-up before it,
  and known to nobody before the sign-up closed.
- ``order``: the first ``seats`` sign-ups in the order the record received them.

The draw is recorded as ``hearing_seats_drawn`` with the method, the algorithm, the seed and the
entry it came from, the candidates in record order and the receipts chosen (never a name:
those are kept beside the ledger, R-H6)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from juece.domain.record.acts import Act
from juece.domain.record.clock import is_late, parse_time
from juece.domain.record.entries import Entries, Entry, all_of, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage
from juece.spec.models import DecisionSpec

ALGORITHM = "sha256-rank-v1"


def rank(seed: str, receipts: list[str]) -> list[str]:
    """The receipts in lottery order for ``seed`` (a tie, never seen, broken by the receipt)."""
    return sorted(receipts, key=lambda receipt: (hashlib.sha256(f"{seed}:{receipt}".encode()).hexdigest(), receipt))


def choose(method: str, seed: str, candidates: list[str], seats: int) -> list[str]:
    """The receipts given the seats: by lottery, or by order of sign-up."""
    if method == "lottery":
        return rank(seed, candidates)[:seats]
    if method == "order":
        return candidates[:seats]
    raise RuleViolation("R-B6", f"未知的席位产生方式：{method[:20]}", f"unknown way to fill the seats: {method[:20]!r}")


def candidates(entries: Entries, signup: dict[str, Any]) -> list[str]:
    """The sign-ups received before the sign-up closed, in the order the record holds them."""
    closes = parse_time(signup["effective_closes_at"])
    return [e["data"]["receipt"] for e in all_of(entries, Kind.HEARING_SIGNUP_RECEIVED)
            if not is_late(parse_time(e["data"]["received_at"]), closes)]


def draw_seats(spec: DecisionSpec, entries: Entries, now: datetime) -> list[Act]:
    """The step after the sign-up closes: the public seats filled and recorded; never before."""
    announced = latest(entries, Kind.HEARING_ANNOUNCED)
    signup = (announced or {}).get("data", {}).get("signup") if announced else None
    if not signup:
        raise RuleViolation("R-B6", "听证公告未包含公开报名，无从产生公开报名参加人",
                            "the hearing notice offered no public sign-up: there are no public seats to fill")
    if not is_late(now, parse_time(signup["effective_closes_at"])):
        raise RuleViolation("R-B6", "公开报名尚未截止，不能确定参加人", "public sign-up is still open: the seats cannot be filled yet")
    if latest(entries, Kind.HEARING_SEATS_DRAWN) is not None:
        return []  # drawn once: a second draw would change nothing the record has not already said
    pool = candidates(entries, signup)
    seed_from = entries[-1]
    chosen = choose(signup["method"], seed_from["hash"], pool, int(signup["seats"]))
    sides = {e["data"]["receipt"]: e["data"]["side"] for e in all_of(entries, Kind.HEARING_SIGNUP_RECEIVED)}
    data = {"method": signup["method"], "algorithm": ALGORITHM if signup["method"] == "lottery" else "record-order",
            "seed": seed_from["hash"], "seed_seq": seed_from["seq"], "seats": int(signup["seats"]),
            "candidates": pool, "selected": [{"receipt": r, "side": sides[r]} for r in chosen],
            "unfilled": max(0, int(signup["seats"]) - len(chosen)), "rule": "R-B6"}
    return [Act(Stage.PUBLIC_PARTICIPATION, Kind.HEARING_SEATS_DRAWN, spec.sponsor_office, data)]


def rerun(drawn: Entry, entries: Entries) -> list[str]:
    """The draw re-run from the record: the receipts it gives, to compare with ``drawn``'s. The
    seed must be the hash of the entry the draw names; the candidates are re-read from the record."""
    data = drawn["data"]
    before = [e for e in entries if e["seq"] < drawn["seq"]]
    seed_entry = next((e for e in before if e["seq"] == data["seed_seq"]), None)
    if seed_entry is None or seed_entry["hash"] != data["seed"]:
        raise RuleViolation("R-B6", "抽签种子与记录不符", "the draw's seed is not the hash of the entry it names")
    announced = latest(before, Kind.HEARING_ANNOUNCED)
    signup = (announced or {}).get("data", {}).get("signup") if announced else None
    if not signup or candidates(before, signup) != data["candidates"]:
        raise RuleViolation("R-B6", "抽签的报名名单与记录不符", "the draw's candidates are not the record's sign-ups")
    return choose(data["method"], data["seed"], data["candidates"], int(data["seats"]))


def draw_problems(drawn: Entry, entries: Entries) -> list[str]:
    """What `juece verify` finds wrong with a recorded seat draw re-run from the record (an
    archived record may hold anything: a malformed draw is a problem, never an exception)."""
    where = f"the hearing's public seats (entry {drawn.get('seq')})"
    try:
        again = rerun(drawn, entries)
        recorded = [seat["receipt"] for seat in drawn["data"]["selected"]]
    except RuleViolation as violation:
        return [f"{where}: {violation.en}"]
    except (KeyError, TypeError, ValueError, AttributeError):
        return [f"{where}: the draw's record is malformed"]
    return [] if again == recorded else [f"{where}: re-run from the record, the draw chooses {again}, not {recorded}"]
