"""The panel draw as the public edition shows it (R-H6): the pool kept only as its hash and size,
the barred experts only as counts by rule, and of the experts only those who held a seat, with
the listed fields; and what can still be checked of such a draw."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from juece.domain.expert_review.opinion_check import draw_problems
from juece.domain.expert_review.panel import PanelRules, draw_panel
from juece.domain.expert_review.panel_public import (
    is_public_draw,
    pool_digest,
    public_draw,
    public_draw_problems,
)
from tests.unit.domain.expert_review.panel_pools import LINE, library

HASH = "0123456789abcdef" * 4


def sha256_of_json(value: Any) -> str:
    """The SHA-256 of ``value`` written as sorted, compact, UTF-8 JSON, computed here on its own."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def member(user: str, *specialties: str, **extra: Any) -> dict[str, Any]:
    return {"user": user, "name": f"专家{user}", "specialties": list(specialties), "affiliation": "某大学",
            "official_of": None, "public_key": f"key-{user}", "integrity": "良好", "removed": False,
            "removed_reason": "", "removed_on": None, **extra}


POOL = [member("e01", "法律", "经济"), member("e02", "水利"), "not a member",
        member("bad", "法律", removed=True, removed_reason="失信", removed_on="2026-01-05"),
        member("e03", "城市规划")]
DRAWN = {"algorithm": "juece-draw/1", "seed": "s", "rules": {"size": 2}, "pool": POOL,
         "seats": [{"seat": "seat_1", "user": "e01", "covers": ["法律"]}],
         "excluded": {"bad": "R-C4", "e03": "R-C3", "e02": "R-C4"}}


class TestPublicDraw:
    def test_the_pool_and_the_barred_experts_are_withheld_and_the_rest_is_kept_as_drawn(self) -> None:
        public = public_draw(DRAWN, ["e01"])
        assert "pool" not in public and "excluded" not in public
        assert {key: public[key] for key in ("algorithm", "seed", "rules", "seats")} == {
            key: DRAWN[key] for key in ("algorithm", "seed", "rules", "seats")}

    def test_the_pool_is_kept_as_the_sha256_of_its_canonical_json_and_its_size(self) -> None:
        public = public_draw(DRAWN, ["e01"])
        assert public["pool_sha256"] == sha256_of_json(POOL) == pool_digest(POOL)
        assert public["pool_size"] == 5

    def test_the_barred_experts_are_counted_by_rule_in_rule_order_not_named(self) -> None:
        counts = public_draw(DRAWN, [])["excluded_count"]
        assert list(counts.items()) == [("R-C3", 1), ("R-C4", 2)]

    def test_a_rule_recorded_as_a_number_is_counted_under_its_text(self) -> None:
        assert public_draw({**DRAWN, "excluded": {"e02": 4, "e03": 4}}, [])["excluded_count"] == {"4": 2}

    def test_only_the_seat_holders_are_listed_and_only_with_the_public_fields(self) -> None:
        panel = public_draw(DRAWN, iter(["e03", "e01", "nobody"]))["panel"]
        assert panel == [
            {"user": "e01", "name": "专家e01", "specialties": ["法律", "经济"], "affiliation": "某大学",
             "official_of": None, "public_key": "key-e01"},
            {"user": "e03", "name": "专家e03", "specialties": ["城市规划"], "affiliation": "某大学",
             "official_of": None, "public_key": "key-e03"}]

    def test_a_holder_recorded_without_a_key_is_listed_without_one(self) -> None:
        pool = [{"user": "e01", "name": "专家e01", "specialties": ["法律"], "integrity": "良好"}]
        assert public_draw({**DRAWN, "pool": pool}, ["e01"])["panel"] == [
            {"user": "e01", "name": "专家e01", "specialties": ["法律"]}]

    def test_a_barred_expert_who_never_held_a_seat_appears_nowhere(self) -> None:
        text = json.dumps(public_draw(DRAWN, ["e01"]), ensure_ascii=False)
        assert "bad" not in text and "失信" not in text and "2026-01-05" not in text and "良好" not in text

    @pytest.mark.parametrize("pool", [None, "pool", {"e01": {}}], ids=["null", "text", "object"])
    def test_a_pool_that_is_not_a_list_counts_as_empty_and_is_still_hashed(self, pool: Any) -> None:
        public = public_draw({**DRAWN, "pool": pool}, ["e01"])
        assert (public["pool_size"], public["panel"]) == (0, [])
        assert public["pool_sha256"] == sha256_of_json(pool)

    def test_a_draw_without_a_pool_or_exclusions_gets_the_hash_of_null_and_no_counts(self) -> None:
        public = public_draw({"seed": "s", "seats": []}, [])
        assert public == {"seed": "s", "seats": [], "pool_sha256": hashlib.sha256(b"null").hexdigest(),
                          "pool_size": 0, "excluded_count": {}, "panel": []}

    @pytest.mark.parametrize("excluded", [None, ["bad"], "R-C4"], ids=["null", "list", "text"])
    def test_exclusions_not_recorded_as_an_object_count_as_none(self, excluded: Any) -> None:
        assert public_draw({**DRAWN, "excluded": excluded}, [])["excluded_count"] == {}


class TestIsPublicDraw:
    @pytest.mark.parametrize("data", [{"pool_sha256": HASH}, {"pool_sha256": None, "panel": []}],
                             ids=["hash", "hash-field-present"])
    def test_a_draw_with_its_pool_hashed_and_withheld_is_public(self, data: Any) -> None:
        assert is_public_draw(data) is True

    @pytest.mark.parametrize("data", [
        {"pool": [], "pool_sha256": HASH}, {"pool": []}, {}, {"pool_hash": HASH},
        "pool_sha256", ["pool_sha256"], None,
    ], ids=["pool-kept-beside-hash", "pool-kept", "empty", "other-field", "text", "list", "null"])
    def test_anything_else_is_not(self, data: Any) -> None:
        assert is_public_draw(data) is False

    def test_a_public_edition_of_a_draw_is_public_and_the_draw_itself_is_not(self) -> None:
        assert is_public_draw(public_draw(DRAWN, ["e01"])) and not is_public_draw(DRAWN)


PANEL = [{"user": "e01", "specialties": ["法律", "经济"]}, "not a member",
         {"user": "e02", "specialties": ["水利"]}]
SEATS = [{"seat": "seat_1", "user": "e01", "covers": ["法律"]}, {"seat": "seat_2", "user": "e02", "covers": ["水利"]}]
PUBLIC = {"pool_sha256": HASH, "pool_size": 2, "panel": PANEL, "seats": SEATS}
BAD_HASH = "the candidate pool's SHA-256 is not 64 lowercase hex digits"
NO_LISTS = "the public form of the draw lists no panel or no seats"
TOO_SMALL = "the candidate pool's size is smaller than the panel"


class TestPublicDrawProblems:
    def test_a_public_draw_whose_seats_are_held_by_listed_members_holds(self) -> None:
        assert public_draw_problems(PUBLIC) == []

    def test_a_real_draw_made_public_holds(self) -> None:
        drawn = draw_panel(library(), PanelRules(7, ("城市规划", "法律", "水利"), LINE, frozenset({"e03"})), "s")
        recorded = drawn.as_dict()
        public = public_draw(recorded, [seat["user"] for seat in recorded["seats"]])
        assert public_draw_problems(public) == []
        assert public["pool_size"] == len(library()) and len(public["panel"]) == 7

    @pytest.mark.parametrize("value", [
        None, "", HASH.upper(), HASH[:-1], HASH + "0", "g" + HASH[1:], 12345, " " + HASH[1:],
    ], ids=["null", "empty", "uppercase", "63-digits", "65-digits", "not-hex", "number", "space"])
    def test_a_pool_hash_that_is_not_64_lowercase_hex_digits_is_named(self, value: Any) -> None:
        assert public_draw_problems({**PUBLIC, "pool_sha256": value}) == [BAD_HASH]

    def test_a_missing_pool_hash_is_named_even_beside_a_hash_under_another_name(self) -> None:
        data = {key: value for key, value in PUBLIC.items() if key != "pool_sha256"}
        assert public_draw_problems({**data, "": HASH, "pool_hash": HASH}) == [BAD_HASH]

    @pytest.mark.parametrize("missing", ["panel", "seats"])
    @pytest.mark.parametrize("value", [None, {}, "e01"], ids=["null", "object", "text"])
    def test_a_draw_without_a_listed_panel_or_seats_says_so(self, missing: str, value: Any) -> None:
        assert public_draw_problems({**PUBLIC, missing: value}) == [NO_LISTS]
        assert public_draw_problems({**PUBLIC, missing: value, "pool_sha256": "x"}) == [BAD_HASH, NO_LISTS]

    def test_a_seat_held_by_someone_not_listed_is_named_with_the_seat_and_the_user(self) -> None:
        seats = [{"seat": "seat_1", "user": "e09", "covers": ["法律"]}, *SEATS[1:]]
        assert public_draw_problems({**PUBLIC, "seats": seats}) == [
            "seat_1 is held by e09, who is not in the listed panel"]

    def test_a_seat_covering_a_specialty_its_holder_lacks_is_named(self) -> None:
        seats = [SEATS[0], {"seat": "seat_2", "user": "e02", "covers": ["水利", "法律"]}]
        assert public_draw_problems({**PUBLIC, "seats": seats}) == [
            "seat_2 covers specialties its holder e02 is not listed with"]

    def test_a_seat_covering_exactly_its_holders_specialties_holds(self) -> None:
        seats = [{"seat": "seat_1", "user": "e01", "covers": ["经济", "法律"]}]
        assert public_draw_problems({**PUBLIC, "seats": seats}) == []

    def test_a_seat_covering_nothing_holds_whatever_its_holder_is_listed_with(self) -> None:
        panel = [{"user": "e01"}, {"user": "e02", "specialties": None}]
        seats = [{"seat": "seat_1", "user": "e01", "covers": None}, {"seat": "seat_2", "user": "e02"}]
        assert public_draw_problems({**PUBLIC, "panel": panel, "seats": seats}) == []

    def test_a_holder_listed_without_specialties_covers_none(self) -> None:
        panel = [{"user": "e01", "specialties": None}, PANEL[2]]
        assert public_draw_problems({**PUBLIC, "panel": panel}) == [
            "seat_1 covers specialties its holder e01 is not listed with"]

    def test_a_seat_that_is_not_an_object_is_named_and_the_other_seats_still_checked(self) -> None:
        seats = ["seat_1", {"seat": "seat_2", "user": "e09", "covers": []}]
        assert public_draw_problems({**PUBLIC, "seats": seats}) == [
            "a seat of the draw is not an object", "seat_2 is held by e09, who is not in the listed panel"]

    @pytest.mark.parametrize(("size", "holds"), [(2, True), (3, True), (1, False), (0, False), (None, False),
                                                 ("2", False), (2.0, False)],
                             ids=["as-many-as-seats", "more", "one-fewer", "zero", "null", "text", "float"])
    def test_the_pool_must_be_at_least_as_large_as_the_panel(self, size: Any, holds: bool) -> None:
        assert public_draw_problems({**PUBLIC, "pool_size": size}) == ([] if holds else [TOO_SMALL])

    def test_a_missing_pool_size_is_named(self) -> None:
        data = {key: value for key, value in PUBLIC.items() if key != "pool_size"}
        assert public_draw_problems(data) == [TOO_SMALL]

    def test_every_problem_is_named_in_order(self) -> None:
        data = {"pool_sha256": "", "pool_size": 1, "panel": PANEL,
                "seats": [7, {"seat": "seat_1", "user": "e02", "covers": ["法律"]}, SEATS[0]]}
        assert public_draw_problems(data) == [
            BAD_HASH, "a seat of the draw is not an object",
            "seat_1 covers specialties its holder e02 is not listed with", TOO_SMALL]

    def test_verify_reports_a_public_draws_problems_under_its_entry(self) -> None:
        entries = [{"seq": 4, "kind": "panel_drawn", "data": {**PUBLIC, "pool_size": 1}}]
        assert draw_problems(entries) == [f"the panel draw (entry 4): {TOO_SMALL}"]


class TestDamagedPublicDraws:
    """A damaged public draw is a finding, not a crash of verify (these raised TypeError before)."""

    @pytest.mark.parametrize(("panel", "seat", "found"), [
        (PANEL, {"seat": "seat_1", "user": ["e01"], "covers": ["法律"]},
         "seat_1 is held by ['e01'], who is not in the listed panel"),
        ([{"user": ["e01"], "specialties": ["法律"]}], {"seat": "seat_1", "user": "e01", "covers": ["法律"]},
         "seat_1 is held by e01, who is not in the listed panel"),
        (PANEL, {"seat": "seat_1", "user": "e01", "covers": 5},
         "seat_1 covers specialties its holder e01 is not listed with"),
        (PANEL, {"seat": "seat_1", "user": "e01", "covers": [["法律"]]},
         "seat_1 covers specialties its holder e01 is not listed with"),
        ([{"user": "e01", "specialties": 7}], {"seat": "seat_1", "user": "e01", "covers": []},
         "seat_1 covers specialties its holder e01 is not listed with"),
        ([{"user": "e01", "specialties": [["法律"]]}], {"seat": "seat_1", "user": "e01", "covers": ["法律"]},
         "seat_1 covers specialties its holder e01 is not listed with"),
    ], ids=["seat-holder-a-list", "member-a-list", "covers-a-number", "covers-not-text", "specialties-a-number",
            "specialties-not-text"])
    def test_a_holder_or_specialties_recorded_as_anything_but_text_are_named(
            self, panel: list[Any], seat: dict[str, Any], found: str) -> None:
        data = {**PUBLIC, "pool_size": 1, "panel": panel, "seats": [seat]}
        assert public_draw_problems(data) == [found]
        assert draw_problems([{"seq": 5, "kind": "panel_drawn", "data": data}]) == [
            f"the panel draw (entry 5): {found}"]

    def test_specialties_written_as_text_do_not_match_letter_by_letter(self) -> None:
        data = {**PUBLIC, "pool_size": 1, "panel": [{"user": "e01", "specialties": "法律经济"}],
                "seats": [{"seat": "seat_1", "user": "e01", "covers": "法律"}]}
        assert public_draw_problems(data) == ["seat_1 covers specialties its holder e01 is not listed with"]

    def test_a_seat_without_a_holder_is_not_matched_to_a_member_listed_without_one(self) -> None:
        data = {**PUBLIC, "pool_size": 1, "panel": [{"specialties": ["法律"]}],
                "seats": [{"seat": "seat_1", "covers": ["法律"]}]}
        assert public_draw_problems(data) == ["seat_1 is held by None, who is not in the listed panel"]
