"""People in the record in words: by name when known, else by user id made readable; experts
with their seat; lists of people cut after eight; roles in words."""

from __future__ import annotations

from juece.domain.archive.timeline_words import People, names_of, role_words, seat_words, spaced

PEOPLE = People({"e1": {"expert"}}, {"e1": "王某", "u1": "Li Ming", "5": "五号"}, {"e1": "seat_3", "e2": "reserve_1"})


def test_a_person_is_named_when_known_else_by_readable_user_id_and_a_dash_when_nobody() -> None:
    assert [PEOPLE.name(u) for u in ("e1", "u1", "u_2", None, "", 5)] == ["王某", "Li Ming", "u 2", "—", "—", "5"]
    assert People(names={"u": "名" * 41}).name("u") == "名" * 39 + "…"
    assert People(names={"u": "名" * 40, "v": ""}).name("u") == "名" * 40
    assert People(names={"v": ""}).name("v") == "v"


def test_a_latin_name_keeps_a_space_before_the_chinese_that_follows_and_a_chinese_one_none() -> None:
    assert (PEOPLE.zh("u1"), PEOPLE.zh("e1"), PEOPLE.zh("member_1"), PEOPLE.zh(None)) == (
        "Li Ming ", "王某", "member 1 ", "—")
    assert (spaced(""), spaced("a1"), spaced("A"), spaced("a."), spaced("é"), spaced("王")) == (
        "", "a1 ", "A ", "a.", "é", "王")


def test_an_expert_is_named_with_the_seat_recorded_or_given() -> None:
    assert PEOPLE.expert("e1") == ("王某（第3席）", "王某 (seat 3)")
    assert PEOPLE.expert("e1", "reserve_2") == ("王某（后备第2席）", "王某 (reserve seat 2)")
    assert PEOPLE.expert("e2") == ("e2（后备第1席）", "e2 (reserve seat 1)")
    assert PEOPLE.expert("e3") == ("e3 ", "e3") and PEOPLE.expert(None) == ("—", "—")
    assert People(seats={"5": "seat_1"}).expert(5) == ("5 ", "5")


def test_a_seat_is_named_in_words_and_an_odd_one_readably() -> None:
    assert seat_words("seat_3") == ("第3席", "seat 3") and seat_words("reserve_12") == ("后备第12席", "reserve seat 12")
    assert seat_words(" seat_4 ") == ("第4席", "seat 4")
    assert [seat_words(s) for s in ("seat_x", "chair_1", "seat3", None, "")] == [
        ("seat x", "seat x"), ("chair 1", "chair 1"), ("seat3", "seat3"), ("", ""), ("", "")]


def test_people_are_listed_by_name_and_after_eight_by_how_many_in_all() -> None:
    assert names_of(["e1", "", None, "u_2"], PEOPLE) == "王某、u 2"
    eight = [f"p{n}" for n in range(8)]
    assert names_of(eight, PEOPLE) == "、".join(eight)
    assert names_of([*eight, "p8"], PEOPLE) == "、".join(eight) + " 等9人"
    assert names_of(("e1", "u1"), PEOPLE, limit=1) == "王某 等2人"
    assert names_of("e1", PEOPLE) == "" and names_of(None, PEOPLE) == ""


def test_a_role_is_named_in_words_and_one_not_in_the_spec_says_so() -> None:
    assert role_words("expert") == ("论证专家", "expert")
    assert role_words("nobody") == ("未知角色", "role not in the spec")
