"""An expert's seat refused word for word in both languages, with the rule and field cited and every
other input valid (R-C1, R-C3); what the opinion and its signature record."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.expert_review.panel import PanelRules, draw_panel
from juece.domain.expert_review.passkey import challenge_of
from juece.domain.expert_review.passkey import key_fingerprint as passkey_fingerprint
from juece.domain.expert_review.seat_answers import (
    Seat,
    non_responding,
    seat_opinion,
    seat_signature,
)
from juece.domain.expert_review.signatures import key_fingerprint, opinion_digest, sign_digest
from juece.domain.record.answers import Answer
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from tests.unit.domain.expert_review.soft_authenticator import SoftAuthenticator
from tests.unit.domain.expert_review.test_passkey import DIGEST
from tests.unit.domain.expert_review.test_seat_answers import (
    CONFLICT,
    KEYS,
    OPINION,
    SIGN,
    SPECIALTIES,
    SUPPORT,
    pool,
    seat,
    signed_opinion,
)

WITH_CONDITIONS = "附条件支持 Support with conditions"
PASSKEY_SEAT = Seat("d1", "seat_1", "expert_01", [], 5)


@pytest.fixture
def drawn(chain, spec):
    chain.launched(spec)
    draw = draw_panel(pool(), PanelRules(size=5, specialties=SPECIALTIES), "seed-1")
    chain.add(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office", draw.as_dict())
    return chain


def refusal(call: Any, *args: Any) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        call(*args)
    error = caught.value
    return error.rule, error.field, error.zh, error.en


def test_a_seat_answered_by_someone_else_is_refused_naming_the_expert_r_c1(drawn) -> None:
    s = seat(drawn)
    assert refusal(seat_opinion, drawn.entries, s, Answer("someone_else", [SUPPORT], dict(OPINION))) == (
        "R-C1", None, "只能由本席位专家本人作答", f"only {s.expert} may answer this seat")


def test_an_opinion_without_a_conclusion_cites_r_c1(drawn) -> None:
    s = seat(drawn)
    assert refusal(seat_opinion, drawn.entries, s, Answer(s.expert, [], dict(OPINION)))[0] == "R-C1"


def test_an_opinion_without_the_declaration_is_refused_in_both_languages_r_c3(drawn) -> None:
    s = seat(drawn)
    assert refusal(seat_opinion, drawn.entries, s, Answer(s.expert, [SUPPORT], {**OPINION, "no_conflict": False})) == (
        "R-C3", "no_conflict", "提交意见前须声明与本事项无直接利害关系（no_conflict），或选择回避",
        "declare that you have no direct interest (no_conflict) or declare the conflict")


def test_a_declaration_given_as_text_cites_r_c3(drawn) -> None:
    s = seat(drawn)
    answer = Answer(s.expert, [SUPPORT], {**OPINION, "no_conflict": "yes"})
    assert refusal(seat_opinion, drawn.entries, s, answer)[:2] == ("R-C3", "no_conflict")


def test_a_conflict_without_its_statement_is_refused_in_both_languages_r_c3(drawn) -> None:
    s = seat(drawn)
    assert refusal(seat_opinion, drawn.entries, s, Answer(s.expert, [CONFLICT], {})) == (
        "R-C3", "conflict_statement", "请填写利害关系说明", "`conflict_statement` is required")


def test_a_declared_conflict_is_recorded_with_its_statement_r_c3(drawn) -> None:
    s = seat(drawn, "seat_2")
    declared, *_ = seat_opinion(drawn.entries, s, Answer(s.expert, [CONFLICT], {"conflict_statement": " 亲属。 "})).acts
    assert (declared.kind, declared.actor) == ("conflict_declared", s.expert)
    assert declared.data == {"seat": "seat_2", "expert": s.expert, "statement": "亲属。", "rule": "R-C3"}


@pytest.mark.parametrize(("name", "zh"), [("necessity", "必要性意见"), ("feasibility", "可行性意见"),
                                          ("soundness", "科学性意见"), ("opinion", "论证意见全文")])
def test_an_opinion_missing_a_part_is_refused_naming_it_in_both_languages_r_c1(drawn, name: str, zh: str) -> None:
    s = seat(drawn)
    assert refusal(seat_opinion, drawn.entries, s, Answer(s.expert, [SUPPORT], {**OPINION, name: " "})) == (
        "R-C1", name, f"请填写{zh}", f"`{name}` is required")


def test_support_with_conditions_needs_the_conditions_r_c1(drawn) -> None:
    s = seat(drawn)
    assert refusal(seat_opinion, drawn.entries, s, Answer(s.expert, [WITH_CONDITIONS], dict(OPINION))) == (
        "R-C1", "conditions", "请填写所附条件", "`conditions` is required")
    act, = seat_opinion(drawn.entries, s, Answer(s.expert, [WITH_CONDITIONS], {**OPINION, "conditions": "加宽道路。"})).acts
    assert (act.data["conclusion"], act.data["conditions"]) == ("support_with_conditions", "加宽道路。")


def test_an_opinion_records_its_content_and_the_digest_of_exactly_that_content_r_c1(drawn) -> None:
    s = seat(drawn)
    act, = seat_opinion(drawn.entries, s, Answer(s.expert, [SUPPORT], dict(OPINION))).acts
    content = {"decision": "d1", "seat": "seat_1", "expert": s.expert, "conclusion": "support",
               "necessity": "必要。", "feasibility": "可行。", "soundness": "合理。", "conditions": None,
               "opinion": "同意。"}
    assert act.data == {**content, "no_conflict": True, "digest": opinion_digest(content), "rule": "R-C1"}
    assert (act.stage, act.kind, act.actor) == ("expert_review", "opinion_submitted", s.expert)


def test_a_signature_without_the_sign_choice_cites_r_c1(drawn) -> None:
    s, digest = signed_opinion(drawn)
    assert refusal(seat_signature, s, digest, KEYS[s.expert][1], Answer(s.expert, [], {}))[0] == "R-C1"


def test_a_signature_by_someone_else_is_refused_naming_the_author_r_c1(drawn) -> None:
    s, digest = signed_opinion(drawn)
    private, public = KEYS[s.expert]
    answer = Answer("someone_else", [SIGN], {"signature": sign_digest(private, digest)})
    assert refusal(seat_signature, s, digest, public, answer) == (
        "R-C1", None, "只能由意见作者本人签名", f"only {s.expert} may sign this opinion")


def test_a_signature_without_a_registered_key_is_refused_naming_the_expert_r_c1(drawn) -> None:
    s, digest = signed_opinion(drawn)
    answer = Answer(s.expert, [SIGN], {"signature": sign_digest(KEYS[s.expert][0], digest)})
    assert refusal(seat_signature, s, digest, "", answer) == (
        "R-C1", None, f"专家库中没有 {s.expert} 的签名公钥，请先登记（juece experts keygen）",
        f"no public key is registered for {s.expert} (juece experts keygen)")


def test_a_missing_signature_and_a_wrong_one_are_refused_in_both_languages_r_c1(drawn) -> None:
    s, digest = signed_opinion(drawn)
    public = KEYS[s.expert][1]
    assert refusal(seat_signature, s, digest, public, Answer(s.expert, [SIGN], {})) == (
        "R-C1", "signature", "请填写签名", "`signature` is required")
    wrong = Answer(s.expert, [SIGN], {"signature": sign_digest(KEYS[s.expert][0], "0" * 64)})
    assert refusal(seat_signature, s, digest, public, wrong) == (
        "R-C1", "signature", "签名无法用登记的公钥验证，请对所示摘要重新签名",
        "the signature does not verify with the registered key; sign the digest shown")


def test_the_signature_act_records_the_key_and_its_fingerprint_r_c1(drawn) -> None:
    s, digest = signed_opinion(drawn)
    private, public = KEYS[s.expert]
    signature = sign_digest(private, digest)
    act, = seat_signature(s, digest, public, Answer(s.expert, [SIGN], {"signature": signature})).acts
    assert (act.stage, act.kind, act.actor) == ("expert_review", "opinion_signed", s.expert)
    assert act.data == {"seat": "seat_1", "expert": s.expert, "digest": digest, "signature": signature,
                        "public_key": public, "key_fingerprint": key_fingerprint(public), "algorithm": "Ed25519",
                        "rule": "R-C1"}


def test_a_passkey_not_registered_to_the_expert_is_refused_in_both_languages_r_c1(drawn) -> None:
    s, digest = signed_opinion(drawn)
    answer = Answer(s.expert, [SIGN], {"webauthn": {"credential_id": "unknown"}})
    assert refusal(seat_signature, s, digest, KEYS[s.expert][1], answer) == (
        "R-C1", "webauthn", f"所用通行密钥未登记给 {s.expert}，请用本人登记的通行密钥签名",
        f"the passkey used is not registered to {s.expert}: sign with your own")


def test_a_missed_deadline_is_recorded_with_the_seat_and_its_due_time_r_c1(drawn) -> None:
    s = seat(drawn)
    missed, *_ = non_responding(drawn.entries, s, "2027-03-01T16:00:00.000000Z")
    assert (missed.stage, missed.kind, missed.actor) == ("expert_review", "expert_non_responding", "juece")
    assert missed.data == {"seat": "seat_1", "expert": s.expert, "due_at": "2027-03-01T16:00:00.000000Z",
                           "rule": "R-C1"}


def test_a_missed_deadline_below_quorum_draws_the_replacement_in_juece_s_name_r_c5(drawn) -> None:
    acts = non_responding(drawn.entries, seat(drawn, "seat_4", quorum=5), "2027-04-01T00:00:00.000000Z")
    assert len(acts) == 2 and all(act.actor == "juece" for act in acts)


def test_a_passkey_signature_that_is_not_an_assertion_is_refused_as_not_the_experts_r_c1() -> None:
    answer = Answer("expert_01", [SIGN], {"webauthn": "not an assertion"})
    assert refusal(seat_signature, PASSKEY_SEAT, DIGEST, None, answer, [SoftAuthenticator().passkey()]) == (
        "R-C1", "webauthn", "所用通行密钥未登记给 expert_01，请用本人登记的通行密钥签名",
        "the passkey used is not registered to expert_01: sign with your own")


def test_a_passkey_signature_is_recorded_as_the_experts_with_the_keys_fingerprint_r_c1() -> None:
    mine = SoftAuthenticator()
    answer = Answer("expert_01", [SIGN], {"webauthn": mine.assertion(challenge_of(DIGEST))})
    act, = seat_signature(PASSKEY_SEAT, DIGEST, None, answer, [mine.passkey()]).acts
    assert (act.stage, act.kind, act.actor) == ("expert_review", "opinion_signed", "expert_01")
    assert (act.data["algorithm"], act.data["key_fingerprint"]) == (
        "WebAuthn", passkey_fingerprint(mine.passkey().public_key))
