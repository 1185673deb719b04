"""An expert's seat: conflict declaration and replacement (R-C3), the opinion (R-C1), the
signature act over its digest, deadlines below quorum (R-C5), and what `verify` checks."""

from __future__ import annotations

import pytest

from juece.domain.expert_review.experts import Expert
from juece.domain.expert_review.opinion_check import draw_problems, signature_problems
from juece.domain.expert_review.panel import PanelRules, draw_panel
from juece.domain.expert_review.panel_record import (
    close_panel,
    holder,
    panel_complete,
    reserve_names,
    seat_state,
    seats,
)
from juece.domain.expert_review.seat_answers import (
    Seat,
    non_responding,
    seat_opinion,
    seat_signature,
)
from juece.domain.expert_review.signatures import new_key_pair, opinion_digest, sign_digest
from juece.domain.record.answers import Answer
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage

SPECIALTIES = ("城市规划", "交通工程", "环境保护")
SUPPORT, CONFLICT = "支持 Support", "申报利害关系并回避 Declare a conflict of interest"
SIGN = "签名确认 Sign"
OPINION = {"no_conflict": True, "necessity": "必要。", "feasibility": "可行。", "soundness": "合理。", "opinion": "同意。"}
KEYS = {f"e{n:02d}": new_key_pair() for n in range(1, 10)}


def pool() -> list[Expert]:
    return [Expert(user, f"专家{user}", (SPECIALTIES[n % 3],), "某大学", public_key=KEYS[user][1])
            for n, user in enumerate(KEYS)]


@pytest.fixture
def drawn(chain, spec):
    chain.launched(spec)
    draw = draw_panel(pool(), PanelRules(size=5, specialties=SPECIALTIES), "seed-1")
    chain.add(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office", draw.as_dict())
    return chain


def seat(chain, name: str = "seat_1", reserves: int = 2, quorum: int = 5) -> Seat:
    return Seat("d1", name, holder(chain.entries, name), reserve_names(reserves), quorum)


def test_an_opinion_with_the_declaration_is_recorded_with_its_digest_r_c1(drawn) -> None:
    s = seat(drawn)
    act, = seat_opinion(drawn.entries, s, Answer(s.expert, [SUPPORT], dict(OPINION))).acts
    assert (act.kind, act.actor, act.data["seat"], act.data["conclusion"]) == ("opinion_submitted", s.expert, "seat_1", "support")
    assert act.data["digest"] == opinion_digest(act.data) and act.data["no_conflict"] is True


@pytest.mark.parametrize(("params", "rule", "field"), [
    ({**OPINION, "no_conflict": None}, "R-C3", "no_conflict"),
    ({**OPINION, "soundness": " "}, "R-C1", "soundness"),
], ids=["no-declaration", "missing-assessment"])
def test_an_incomplete_opinion_is_refused(drawn, params: dict, rule: str, field: str) -> None:
    s = seat(drawn)
    with pytest.raises(RuleViolation) as caught:
        seat_opinion(drawn.entries, s, Answer(s.expert, [SUPPORT], params))
    assert (caught.value.rule, caught.value.field) == (rule, field)


def test_only_the_seats_expert_may_answer_it(drawn) -> None:
    with pytest.raises(RuleViolation) as caught:
        seat_opinion(drawn.entries, seat(drawn), Answer("someone_else", [SUPPORT], dict(OPINION)))
    assert caught.value.rule == "R-C1"


def test_a_declared_conflict_draws_a_recorded_replacement_into_a_reserve_seat_r_c3(drawn) -> None:
    s = seat(drawn, "seat_2")
    outcome = seat_opinion(drawn.entries, s, Answer(s.expert, [CONFLICT], {"conflict_statement": "配偶在规划区内有用地。"}))
    declared, replaced = outcome.acts
    assert (declared.kind, declared.data["rule"]) == ("conflict_declared", "R-C3")
    assert (replaced.kind, replaced.data["seat"], replaced.data["vacated_seat"]) == ("expert_replaced", "reserve_1", "seat_2")
    panel = {st.expert for st in seats(drawn.entries)}
    assert replaced.data["expert"] not in panel
    drawn.extend(outcome.acts)
    assert seat_state(drawn.entries, "seat_2").status == "withdrawn"
    assert seat_state(drawn.entries, "reserve_1").expert == replaced.data["expert"]


def test_a_conflict_needs_a_statement_r_c3(drawn) -> None:
    s = seat(drawn)
    with pytest.raises(RuleViolation) as caught:
        seat_opinion(drawn.entries, s, Answer(s.expert, [CONFLICT], {}))
    assert caught.value.rule == "R-C3"


def test_with_no_reserve_seat_left_the_shortfall_is_recorded(drawn) -> None:
    s = seat(drawn, "seat_3", reserves=0)
    _, shortfall = seat_opinion(drawn.entries, s, Answer(s.expert, [CONFLICT], {"conflict_statement": "利害关系"})).acts
    assert (shortfall.kind, shortfall.data["rule"], shortfall.data["quorum_met"]) == ("panel_shortfall", "R-C5", False)


def test_a_missed_deadline_draws_a_replacement_only_below_quorum(drawn) -> None:
    missed, replaced = non_responding(drawn.entries, seat(drawn, "seat_4", quorum=5), "2027-04-01T00:00:00.000000Z")
    assert (missed.kind, replaced.kind, replaced.data["reason"]) == ("expert_non_responding", "expert_replaced", "non_responding")
    alone, = non_responding(drawn.entries, seat(drawn, "seat_4", quorum=4), "2027-04-01T00:00:00.000000Z")
    assert alone.kind == "expert_non_responding"


def signed_opinion(chain, name: str = "seat_1") -> tuple[Seat, str]:
    s = seat(chain, name)
    chain.extend(seat_opinion(chain.entries, s, Answer(s.expert, [SUPPORT], dict(OPINION))).acts)
    return s, seat_state(chain.entries, name).digest or ""


def test_the_signature_act_verifies_the_experts_key_over_the_digest(drawn) -> None:
    s, digest = signed_opinion(drawn)
    private, public = KEYS[s.expert]
    act, = seat_signature(s, digest, public, Answer(s.expert, [SIGN], {"signature": sign_digest(private, digest)})).acts
    assert (act.kind, act.data["digest"], act.data["algorithm"]) == ("opinion_signed", digest, "Ed25519")
    drawn.extend([act])
    assert seat_state(drawn.entries, "seat_1").status == "signed"
    assert signature_problems(drawn.entries) == [] and draw_problems(drawn.entries) == []


def test_an_sm2_signature_is_recorded_as_sm2_not_ed25519(drawn) -> None:
    s, digest = signed_opinion(drawn)
    private, public = new_key_pair("sm2")
    act, = seat_signature(s, digest, public, Answer(s.expert, [SIGN], {"signature": sign_digest(private, digest)})).acts
    assert (act.data["algorithm"], act.data["public_key"]) == ("SM2-with-SM3", public)


@pytest.mark.parametrize("how", ["other-digest", "other-key", "garbage", "no-key"])
def test_a_bad_signature_is_refused_with_r_c1(drawn, how: str) -> None:
    s, digest = signed_opinion(drawn)
    private, public = KEYS[s.expert]
    other_private = next(k for u, k in KEYS.items() if u != s.expert)[0]
    signature = {"other-digest": sign_digest(private, "0" * 64), "other-key": sign_digest(other_private, digest),
                 "garbage": "not base64!", "no-key": sign_digest(private, digest)}[how]
    with pytest.raises(RuleViolation) as caught:
        seat_signature(s, digest, None if how == "no-key" else public, Answer(s.expert, [SIGN], {"signature": signature}))
    assert caught.value.rule == "R-C1"


def test_verify_names_an_altered_opinion_and_an_unsigned_one_after_the_panel_closed(drawn) -> None:
    s, digest = signed_opinion(drawn)
    private, public = KEYS[s.expert]
    drawn.extend(seat_signature(s, digest, public, Answer(s.expert, [SIGN], {"signature": sign_digest(private, digest)})).acts)
    signed_opinion(drawn, "seat_2")
    drawn.extend(close_panel(drawn.entries, reserve_names(2), 5))
    assert signature_problems(drawn.entries) == [f"opinion of {holder(drawn.entries, 'seat_2')} (seat_2): never signed"]
    opinion = next(e for e in drawn.entries if e["kind"] == "opinion_submitted")
    opinion["data"]["opinion"] = "反对。"
    assert any("not the digest of the recorded opinion" in p for p in signature_problems(drawn.entries))


def test_a_tampered_draw_no_longer_re_runs_to_its_seats(drawn) -> None:
    entry = next(e for e in drawn.entries if e["kind"] == "panel_drawn")
    entry["data"]["seed"] = "another-seed"
    assert draw_problems(drawn.entries)


def test_the_panel_is_complete_when_every_assigned_seat_has_ended(drawn) -> None:
    assert not panel_complete(seats(drawn.entries, reserve_names(2)))
    for name in [f"seat_{n}" for n in range(1, 6)]:
        drawn.extend(non_responding(drawn.entries, seat(drawn, name, reserves=0, quorum=5), "x"))
    assert panel_complete(seats(drawn.entries, reserve_names(2)))
