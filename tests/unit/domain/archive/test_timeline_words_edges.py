"""Edges of the record in words: a table naming the empty value, large whole numbers, a clause
ending in a Latin capital, an expert given by something that is no user id, seats of odd shape."""

from __future__ import annotations

from juece.domain.archive.timeline import seats_by_user
from juece.domain.archive.timeline_words import People, as_dict, clause, number, words


def test_an_empty_value_has_no_words_even_when_a_table_names_it_and_a_code_like_xxxx_is_readable() -> None:
    assert words("", {"": "空 empty"}) == ("", "") and words(None, {"": "空 empty"}) == ("", "")
    assert words("XXXX") == ("XXXX", "XXXX")


def test_a_large_whole_number_is_shown_whole_not_in_exponent_form() -> None:
    assert (number(1234567), number(1234567.0)) == ("1234567", "1.23457e+06")


def test_a_clause_keeps_a_trailing_capital_x() -> None:
    assert clause("Plan X.", "附件", "annex") == ("；附件：Plan X", "; annex: Plan X")


def test_an_expert_given_by_a_list_is_named_readably_without_looking_up_a_seat() -> None:
    assert People(seats={"x": "seat_1"}).expert(["x"]) == ("x ", "x")


def test_a_mapping_is_kept_as_it_is() -> None:
    found = {"k": 1}
    assert as_dict(found) is found


def test_a_drawn_seat_counts_only_with_a_user_id_and_a_seat_both_text() -> None:
    drawn = {"seq": 1, "stage": "expert_review", "kind": "panel_drawn", "actor": "a", "data": {
        "seats": [{"seat": 2, "user": "ex2"}, {"seat": "seat_1", "user": 5}, {"seat": "seat_3", "user": "ex3"}]}}
    assert seats_by_user([drawn]) == {"ex3": "seat_3"}
