"""Who a user id is: the directory's person, or one known by the id alone; several people named
with the Chinese enumeration comma, nobody with a dash."""

from __future__ import annotations

from juece.domain.notices.people import Person, names, person

DIRECTORY = {"legality_reviewer": Person("legality_reviewer", "王审查", "wang@example.org", "wang01")}


def test_a_user_not_in_the_directory_is_known_by_the_id_alone() -> None:
    assert person(DIRECTORY, "member_9") == Person("member_9")
    assert person(DIRECTORY, "member_9").called == "member_9"
    assert person(DIRECTORY, "legality_reviewer") is DIRECTORY["legality_reviewer"]


def test_people_are_named_in_order_with_the_enumeration_comma_and_nobody_as_a_dash() -> None:
    assert names(DIRECTORY, ["legality_reviewer", "member_9"]) == "王审查、member_9"
    assert names(DIRECTORY, ["member_9"]) == "member_9"
    assert names(DIRECTORY, []) == "—"
