"""Where a search snippet's window falls (R-H6): around the first term, "…" exactly where text
was left out and nowhere else, every term marked (the longest first) whatever its case, and the
window measured after the redactor has taken out what it takes out."""

from __future__ import annotations

from juece.domain.archive.snippets import snippet, terms_of

A, B = "a" * 300, "b" * 300


def without_classified(text: str) -> str:
    """A redactor that takes out a classified run (秘) whole, as a decision's redactor may."""
    return text.replace("秘", "")


def test_a_querys_terms_are_its_distinct_words_in_order_at_most_eight() -> None:
    assert terms_of("  雨污分流 东大街\t雨污分流 ") == ["雨污分流", "东大街"]
    assert terms_of("a b c d e f g h i j") == ["a", "b", "c", "d", "e", "f", "g", "h"]
    assert terms_of("a b c", limit=2) == ["a", "b"]


def test_a_short_text_is_shown_whole_on_one_line_with_the_term_marked_in_its_own_case() -> None:
    shown = snippet("  Road\n widening:   the   DRAINAGE works  ", ["drainage"], clean=str)
    assert shown == "Road widening: the <mark>DRAINAGE</mark> works"


def test_the_longest_term_is_marked_where_terms_overlap() -> None:
    shown = snippet("water and rainwater", ["water", "rainwater"], clean=str)
    assert shown == "<mark>water</mark> and <mark>rainwater</mark>"
    shown = snippet("Rainwater and rain", ["rain", "RAINWATER"], clean=str)
    assert shown == "<mark>Rainwater</mark> and <mark>rain</mark>"


def test_a_term_deep_in_a_long_text_is_shown_with_half_a_window_before_it() -> None:
    shown = snippet(A + "TERM" + B, ["term"], window=20, clean=str)
    assert shown == "…" + "a" * 10 + "<mark>TERM</mark>" + "b" * 26 + "…"


def test_a_wide_window_still_opens_before_the_term() -> None:
    shown = snippet(A + "TERM" + B, ["term"], window=100, clean=str)
    assert shown == "…" + "a" * 50 + "<mark>TERM</mark>" + "b" * 146 + "…"


def test_no_ellipsis_follows_a_window_that_reaches_the_end_of_the_text() -> None:
    assert snippet(A + "TERM" + "b" * 26, ["term"], window=20, clean=str) == (
        "…" + "a" * 10 + "<mark>TERM</mark>" + "b" * 26)
    assert snippet(A + "TERM" + "b" * 30, ["term"], window=20, clean=str) == (
        "…" + "a" * 10 + "<mark>TERM</mark>" + "b" * 26 + "…")


def test_an_ellipsis_precedes_a_window_that_leaves_out_even_one_character() -> None:
    assert snippet("a" * 11 + "TERM", ["term"], window=20, clean=str) == "…" + "a" * 10 + "<mark>TERM</mark>"
    assert snippet("a" * 45 + "TERM", ["term"], window=20, clean=str) == "…" + "a" * 10 + "<mark>TERM</mark>"


def test_what_the_redactor_takes_out_is_not_announced_as_left_out() -> None:
    assert snippet("TERM " + "秘" * 115, ["term"], window=20, clean=without_classified) == "<mark>TERM</mark> "
    assert snippet("秘" * 50 + "TERM", ["term"], window=20, clean=without_classified) == "<mark>TERM</mark>"


def test_text_beyond_the_redacted_window_is_still_announced_as_left_out() -> None:
    shown = snippet("TERM " + "秘" * 115 + "tail", ["term"], window=20, clean=without_classified)
    assert shown == "<mark>TERM</mark> …"
    assert snippet("x" + "秘" * 50 + "TERM", ["term"], window=20, clean=without_classified) == "…<mark>TERM</mark>"
