"""An archive search as asked: each filter's accepted values, the bounds of its length, year and
pages, and each refusal's words in Chinese and English; and the pieces of text the index keeps."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.archive.search_query import Query, gram_token, grams
from juece.domain.record.errors import RecordError

CATEGORY_REFUSAL = ("决策类别应为 public_policy、important_plan、resources_policy、major_public_construction、"
                    "other_public_interest 之一 / category must be one of public_policy, important_plan, "
                    "resources_policy, major_public_construction, other_public_interest")
OUTCOME_REFUSAL = ("决定结果应为 approve、reject、revise、postpone、undecided 之一 / "
                   "outcome must be one of approve, reject, revise, postpone, undecided")
PAGE_REFUSAL = ("页码从1起（至多1000000），每页1至100条 / "
                "pages start at 1 (at most 1000000), with 1-100 results each")
STAGE_REFUSAL = ("环节状态应写作 环节=状态，环节为 public_participation、expert_review、risk_assessment、"
                 "legality_review、collective_deliberation，状态为 recorded、not_applicable、none / "
                 "a stage status is <stage>=<state> with stage one of public_participation, expert_review, "
                 "risk_assessment, legality_review, collective_deliberation and state one of recorded, "
                 "not_applicable, none, not {value!r}")


def refusal(**fields: Any) -> str:
    with pytest.raises(RecordError) as refused:
        Query(**fields)
    return str(refused.value)


def test_an_empty_search_asks_for_the_first_page_of_ten() -> None:
    query = Query()
    assert (query.text, query.year, query.category, query.page, query.per_page) == ("", None, None, 1, 10)


def test_a_search_with_every_filter_at_its_limits_is_accepted() -> None:
    query = Query(text="字" * 200, year=1000, category="other_public_interest", sponsor="县住建局",
                  outcome="undecided", stage="collective_deliberation=not_applicable",
                  date_from="2027-02-28", date_to="2028-02-29", page=1_000_000, per_page=100)
    assert query.stage == "collective_deliberation=not_applicable" and query.page == 1_000_000
    assert Query(year=9999, per_page=1, outcome="approve", category="public_policy").year == 9999


def test_search_words_of_201_characters_are_refused() -> None:
    assert refusal(text="字" * 201) == "检索词不得超过200字 / the search words may not exceed 200 characters"


def test_an_unknown_category_is_refused_with_the_five_of_the_statute() -> None:
    assert refusal(category="Public_policy") == CATEGORY_REFUSAL
    assert refusal(category="") == CATEGORY_REFUSAL


def test_an_unknown_outcome_is_refused_with_the_meetings_four_and_undecided() -> None:
    assert refusal(outcome="approved") == OUTCOME_REFUSAL


@pytest.mark.parametrize("year", [999, 10000])
def test_a_year_without_four_digits_is_refused(year: int) -> None:
    assert refusal(year=year) == f"年度须为四位数 / the year must have four digits, not {year}"


@pytest.mark.parametrize("pages", [{"page": 0}, {"page": 1_000_001}, {"per_page": 0}, {"per_page": 101}])
def test_a_page_or_page_size_out_of_bounds_is_refused(pages: dict[str, int]) -> None:
    assert refusal(**pages) == PAGE_REFUSAL


@pytest.mark.parametrize("field", ["date_from", "date_to"])
@pytest.mark.parametrize("value", ["2027-02-30", "2027-2-01", "20270201", "2027-02-01T00:00", " 2027-02-01", "２０２７-02-01"])
def test_a_date_not_a_real_yyyy_mm_dd_day_is_refused(field: str, value: str) -> None:
    assert refusal(**{field: value}) == f"日期应为 YYYY-MM-DD，现为 {value!r} / a date is YYYY-MM-DD, not {value!r}"


@pytest.mark.parametrize("value", ["expert_review", "expert_review=", "=recorded", "launch=recorded",
                                   "expert_review=done", "expert_review=recorded=x"])
def test_a_stage_status_not_a_statutory_stage_and_state_is_refused(value: str) -> None:
    assert refusal(stage=value) == STAGE_REFUSAL.format(value=value)


def test_each_stage_status_of_each_statutory_stage_is_accepted() -> None:
    for stage in ("public_participation", "expert_review", "risk_assessment", "legality_review"):
        for state in ("recorded", "not_applicable", "none"):
            assert Query(stage=f"{stage}={state}").stage == f"{stage}={state}"


def test_the_pieces_of_a_text_are_its_lowercased_runs_up_to_the_longest() -> None:
    assert grams("AbC 雨污\tx", 2) == {"a", "b", "c", "ab", "bc", "雨", "污", "雨污", "x"}
    assert grams("abc", 3) == {"a", "b", "c", "ab", "bc", "abc"}
    assert grams("abc", 1) == {"a", "b", "c"}
    assert grams("  \n ", 3) == set()


def test_a_piece_is_written_as_g_and_six_hex_digits_a_character() -> None:
    assert gram_token("雨a") == "g0096e8000061"
    assert gram_token("😀") == "g01f600"
    assert gram_token("") == "g"
