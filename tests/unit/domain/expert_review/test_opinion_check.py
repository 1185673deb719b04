"""What verify finds from the record alone (R-C1, R-C2..R-C5): each finding in its exact words,
every signature and every draw checked even after an earlier one fails, the expert's key taken
from the drawn pool or, in a public edition, from the panel it lists."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.expert_review.opinion_check import draw_problems, signature_problems
from juece.domain.expert_review.panel import PanelRules, draw_panel
from juece.domain.expert_review.panel_public import public_draw
from juece.domain.expert_review.panel_seal import seal_data
from juece.domain.expert_review.passkey import challenge_of
from juece.domain.expert_review.seat_answers import Seat, seat_signature
from juece.domain.expert_review.signatures import new_key_pair, opinion_digest, sign_digest
from juece.domain.record.answers import Answer
from tests.unit.domain.expert_review.panel_pools import LINE, library
from tests.unit.domain.expert_review.soft_authenticator import SoftAuthenticator

OPINION = {"decision": "d-1", "seat": "seat_1", "expert": "expert_01", "necessity": "必要", "feasibility": "可行",
           "soundness": "科学", "conclusion": "support", "conditions": None, "opinion": "同意。"}
DIGEST = opinion_digest(OPINION)
LABEL = "opinion of expert_01 (seat_1)"
PRIVATE, PUBLIC = new_key_pair()
OTHER_PRIVATE, OTHER_PUBLIC = new_key_pair()


def submitted(content: dict[str, Any] | None = None, seq: int = 1) -> dict[str, Any]:
    content = content or OPINION
    return {"seq": seq, "kind": "opinion_submitted", "data": {**content, "digest": opinion_digest(content)}}


def signed(private: str = PRIVATE, public: str = PUBLIC, digest: str = DIGEST, seat: str = "seat_1",
           expert: str = "expert_01") -> dict[str, Any]:
    return {"seq": 2, "kind": "opinion_signed", "data": {
        "seat": seat, "expert": expert, "digest": digest, "public_key": public,
        "signature": sign_digest(private, digest)}}


def orphan() -> dict[str, Any]:
    """A signature of seat_9's holder, whose opinion is nowhere in the record."""
    return signed(seat="seat_9", expert="e09")


ORPHAN = "opinion of e09 (seat_9): signed, but no opinion of theirs is in the record"
NOT_THE_DIGEST = "the signed digest is not the digest of the recorded opinion"
OTHER_KEY = f"{LABEL}: signed with a key other than the one in the drawn pool"


def pool_draw(key: str) -> dict[str, Any]:
    return {"seq": 0, "kind": "panel_drawn", "data": {
        "seed": "s", "pool": [{"user": "e02", "public_key": OTHER_PUBLIC}, {"user": "expert_01", "public_key": key},
                              {"user": "e03", "public_key": None}]}}


def public_pool_draw(key: str) -> dict[str, Any]:
    return {"seq": 0, "kind": "panel_drawn", "data": public_draw(pool_draw(key)["data"], ["expert_01", "e02"])}


class TestSignatures:
    def test_an_opinion_signed_with_the_key_it_was_drawn_with_holds(self) -> None:
        assert signature_problems([pool_draw(PUBLIC), submitted(), signed()]) == []
        assert signature_problems([public_pool_draw(PUBLIC), submitted(), signed()]) == []

    def test_a_signature_without_its_opinion_is_named_and_the_signatures_after_it_still_checked(self) -> None:
        entries = [orphan(), submitted(), signed(digest=opinion_digest({**OPINION, "opinion": "反对。"}))]
        assert signature_problems(entries) == [ORPHAN, f"{LABEL}: {NOT_THE_DIGEST}"]

    def test_an_opinion_changed_after_signing_is_named_in_english_alone_for_a_key_signature(self) -> None:
        changed = submitted({**OPINION, "opinion": "反对。"})
        assert signature_problems([changed, signed()]) == [f"{LABEL}: {NOT_THE_DIGEST}"]

    def test_a_recorded_digest_that_is_not_the_opinions_own_is_named(self) -> None:
        forged = submitted()
        forged["data"]["digest"] = opinion_digest({**OPINION, "opinion": "反对。"})
        assert signature_problems([forged, signed(digest=forged["data"]["digest"])]) == [
            f"{LABEL}: {NOT_THE_DIGEST}"]

    @pytest.mark.parametrize("draw", [pool_draw, public_pool_draw], ids=["pool", "public-edition"])
    def test_a_signature_by_a_key_other_than_the_drawn_one_is_named_though_it_verifies(self, draw: Any) -> None:
        entries = [draw(PUBLIC), submitted(), signed(OTHER_PRIVATE, OTHER_PUBLIC)]
        assert signature_problems(entries) == [OTHER_KEY]

    def test_a_draw_that_recorded_no_key_for_the_expert_checks_the_signature_alone(self) -> None:
        assert signature_problems([pool_draw(""), submitted(), signed(OTHER_PRIVATE, OTHER_PUBLIC)]) == []

    @pytest.mark.parametrize("data", [
        {"seed": "s"}, {"seed": "s", "pool_sha256": "0" * 64}, {"seed": "s", "pool_sha256": "0" * 64, "panel": []},
    ], ids=["no-pool", "public-without-panel", "public-empty-panel"])
    def test_a_draw_listing_nobody_leaves_the_signature_checked_on_its_own_key(self, data: Any) -> None:
        entries = [{"seq": 0, "kind": "panel_drawn", "data": data}, submitted(), signed(OTHER_PRIVATE, OTHER_PUBLIC)]
        assert signature_problems(entries) == []

    def test_keys_come_only_from_panel_draws(self) -> None:
        entries = [{"seq": 0, "kind": "panel_replaced", "data": pool_draw(OTHER_PUBLIC)["data"]},
                   pool_draw(PUBLIC), submitted(), signed(OTHER_PRIVATE, OTHER_PUBLIC)]
        assert signature_problems(entries) == [OTHER_KEY]

    def test_a_bad_signature_is_named(self) -> None:
        bad = signed()
        bad["data"]["signature"] = sign_digest(OTHER_PRIVATE, DIGEST)
        assert signature_problems([submitted(), bad]) == [
            f"{LABEL}: the signature does not verify with the recorded public key"]

    def test_an_unsigned_opinion_is_named_once_the_panel_closed_and_not_before(self) -> None:
        other = submitted({**OPINION, "seat": "seat_2", "expert": "e02"}, seq=3)
        entries: list[dict[str, Any]] = [pool_draw(PUBLIC), submitted(), signed(), other]
        assert signature_problems(entries) == []
        closed = {"seq": 9, "kind": "panel_closed", "data": {}}
        assert signature_problems([*entries, closed]) == ["opinion of e02 (seat_2): never signed"]


def sealed_entry() -> dict[str, Any]:
    entry = submitted()
    data, fields, _ = seal_data(entry["data"])
    return {**entry, "data": data, "sealed": [f"data.{name}" for name in fields]}


class TestSealedOpinions:
    def test_a_sealed_opinion_is_checked_against_the_digest_its_expert_signed(self) -> None:
        assert sealed_entry()["data"]["opinion"] != OPINION["opinion"]
        assert signature_problems([sealed_entry(), signed()]) == []

    def test_a_signature_of_another_digest_than_the_sealed_opinions_is_named(self) -> None:
        other = opinion_digest({**OPINION, "opinion": "反对。"})
        assert signature_problems([sealed_entry(), signed(digest=other)]) == [f"{LABEL}: {NOT_THE_DIGEST}"]


SEAT = Seat("d-1", "seat_1", "expert_01", [], 5)
PASSKEY_WORDS = "[R-C1] 通行密钥签名未通过核验："


@pytest.fixture(scope="module")
def mine() -> SoftAuthenticator:
    return SoftAuthenticator()


def passkey_signed(authenticator: SoftAuthenticator) -> dict[str, Any]:
    answer = Answer("expert_01", ["签名确认 Sign"], {"signature": None,
                                                    "webauthn": authenticator.assertion(challenge_of(DIGEST))})
    return {"seq": 2, "kind": "opinion_signed",
            "data": seat_signature(SEAT, DIGEST, None, answer, [authenticator.passkey()]).acts[0].data}


class TestPasskeySignatures:
    def test_a_good_passkey_signature_keeps_the_findings_before_it(self, mine: SoftAuthenticator) -> None:
        assert signature_problems([submitted(), passkey_signed(mine)]) == []
        assert signature_problems([orphan(), submitted(), passkey_signed(mine)]) == [ORPHAN]

    def test_a_changed_opinion_is_named_with_the_rule_in_both_languages(self, mine: SoftAuthenticator) -> None:
        changed = submitted({**OPINION, "opinion": "反对。"})
        assert signature_problems([changed, passkey_signed(mine)]) == [
            f"{LABEL}: [R-C1] 签名的摘要不是所记录意见的摘要 / {NOT_THE_DIGEST}"]

    def test_a_failed_assertion_is_named_with_its_finding_in_both_languages(self, mine: SoftAuthenticator) -> None:
        entry = passkey_signed(mine)
        entry["data"]["assertion"] = None
        assert signature_problems([submitted(), entry]) == [
            f"{LABEL}: {PASSKEY_WORDS}签名数据缺失或格式不对 / the passkey signature does not verify: "
            "the assertion is missing or malformed"]

    @pytest.mark.parametrize("credential", ["missing", None, "credential", ["x"]])
    def test_a_passkey_signature_without_a_recorded_credential_is_named(
            self, mine: SoftAuthenticator, credential: Any) -> None:
        entry = passkey_signed(mine)
        if credential == "missing":
            del entry["data"]["passkey"]
        else:
            entry["data"]["passkey"] = credential
        assert signature_problems([submitted(), entry]) == [
            f"{LABEL}: {PASSKEY_WORDS}所用通行密钥不是登记给本人的那一个 / the passkey signature does not verify: "
            "the credential is not the one registered to this expert"]

    def test_a_passkey_signature_is_not_held_to_the_key_in_the_drawn_pool(self, mine: SoftAuthenticator) -> None:
        entry = passkey_signed(mine)
        entry["data"]["public_key"] = OTHER_PUBLIC
        assert signature_problems([pool_draw(PUBLIC), submitted(), entry]) == []


RULES = PanelRules(7, ("城市规划", "法律", "水利"), LINE, frozenset({"e03"}))


def draw_entry(seq: int, **change: Any) -> dict[str, Any]:
    return {"seq": seq, "kind": "panel_drawn", "data": {**draw_panel(library(), RULES, "s").as_dict(), **change}}


def made_public(entry: dict[str, Any], **change: Any) -> dict[str, Any]:
    data = entry["data"]
    return {**entry, "data": {**public_draw(data, [seat["user"] for seat in data["seats"]]), **change}}


class TestDraws:
    def test_a_draw_and_its_public_edition_both_hold(self) -> None:
        assert draw_problems([draw_entry(2)]) == []
        assert draw_problems([made_public(draw_entry(2))]) == []

    def test_a_public_draw_is_checked_for_what_it_says_not_re_run(self) -> None:
        assert draw_problems([made_public(draw_entry(3), pool_size=1)]) == [
            "the panel draw (entry 3): the candidate pool's size is smaller than the panel"]

    def test_a_draw_whose_rules_cannot_be_read_is_named_with_the_reason(self) -> None:
        broken = draw_entry(4)
        broken["data"]["rules"] = {**broken["data"]["rules"], "size": float("inf")}
        assert draw_problems([broken]) == [
            "the panel draw (entry 4) cannot be re-run: cannot convert float infinity to integer"]

    def test_every_draw_is_checked_whatever_was_found_in_the_ones_before(self) -> None:
        broken = draw_entry(4)
        broken["data"]["rules"] = {**broken["data"]["rules"], "size": float("inf")}
        entries = [made_public(draw_entry(1), pool_sha256="x"), draw_entry(2, algorithm="juece-draw/99"),
                   made_public(draw_entry(3), pool_size=0), broken, draw_entry(5, seed="other"),
                   made_public(draw_entry(6))]
        assert draw_problems(entries) == [
            "the panel draw (entry 1): the candidate pool's SHA-256 is not 64 lowercase hex digits",
            "the panel draw (entry 2) names the algorithm juece-draw/99, which this juece cannot run",
            "the panel draw (entry 3): the candidate pool's size is smaller than the panel",
            "the panel draw (entry 4) cannot be re-run: cannot convert float infinity to integer",
            "the panel draw (entry 5) does not re-run to the recorded seats"]

    def test_a_public_draw_found_wanting_does_not_hide_the_findings_before_it(self) -> None:
        entries = [draw_entry(1, algorithm="juece-draw/99"), made_public(draw_entry(2), pool_size=0)]
        assert draw_problems(entries) == [
            "the panel draw (entry 1) names the algorithm juece-draw/99, which this juece cannot run",
            "the panel draw (entry 2): the candidate pool's size is smaller than the panel"]
