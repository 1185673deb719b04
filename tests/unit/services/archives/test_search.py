"""Archive search: the same queries give the same answers on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from juece.adapters.store import search as search_module
from juece.adapters.store.db import get_engine
from juece.adapters.store.search import search
from juece.domain.archive.search_query import Query
from juece.domain.record.errors import RecordError
from tests.conftest import throwaway_postgres
from tests.unit.services.archives.search_docs import fill

QUERIES = [
    Query("雨污分流"), Query("雨污分流", year=2027, category="public_policy"), Query("水价"), Query("规划"),
    Query("道路"), Query("小学 撤并"), Query("", year=2028), Query("", outcome="reject"),
    Query("", stage="expert_review=not_applicable"), Query("", date_from="2027-06-01", date_to="2028-12-31"),
    Query("", sponsor="县教育局"), Query("不存在的词语"), Query("第一条", per_page=2, page=2),
]


@pytest.fixture(scope="module")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = get_engine(f"sqlite:///{tmp_path_factory.mktemp('search') / 'records.db'}")
    fill(engine)
    return engine


@pytest.fixture(scope="module")
def pg_engine() -> Iterator[Engine]:
    for url in throwaway_postgres():
        engine = get_engine(url)
        fill(engine)
        yield engine


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> Engine:
    return request.getfixturevalue(f"{'sqlite' if request.param == 'sqlite' else 'pg'}_engine")


def ids(query: Query, engine: Engine) -> list[str]:
    return [hit.decision_id for hit in search(query, engine).hits]


def test_a_chinese_phrase_from_a_draft_is_found_and_highlighted(engine: Engine) -> None:
    results = search(Query("雨污分流"), engine)
    assert results.total == 2
    # once in each draft: equal scores, the later decision first
    assert [hit.decision_id for hit in results.hits] == ["water-fees", "road-widening"]
    assert all("<mark>雨污分流</mark>" in hit.snippet for hit in results.hits)


def test_a_title_hit_ranks_first(engine: Engine) -> None:
    assert ids(Query("道路"), engine) == ["road-widening", "forest-plan"]


def test_a_two_character_word_is_found_through_the_short_query_fallback(engine: Engine) -> None:
    assert ids(Query("水价"), engine) == ["water-fees"]
    assert search(Query("林"), engine).total == 1


def test_every_word_must_occur(engine: Engine) -> None:
    assert ids(Query("小学 撤并"), engine) == ["school-merger"]
    assert ids(Query("小学 水价"), engine) == []


def test_filters_narrow_the_results(engine: Engine) -> None:
    assert ids(Query("雨污分流", year=2027, category="public_policy"), engine) == ["water-fees"]
    assert ids(Query("", outcome="reject"), engine) == ["school-merger"]
    assert ids(Query("", stage="risk_assessment=not_applicable"), engine) == ["forest-plan"]
    assert ids(Query("", date_from="2027-06-01", date_to="2027-12-31"), engine) == ["water-fees"]
    assert ids(Query("", sponsor="县教育局"), engine) == ["school-merger"]


def test_results_are_paged(engine: Engine) -> None:
    first, second = search(Query("第一条", per_page=3), engine), search(Query("第一条", per_page=3, page=2), engine)
    assert (first.total, first.pages, len(first.hits), len(second.hits)) == (4, 2, 3, 1)
    past = search(Query("第一条", per_page=3, page=5), engine)
    assert (past.total, past.hits) == (4, [])
    assert not {h.decision_id for h in first.hits} & {h.decision_id for h in second.hits}


def test_snippets_escape_the_text(engine: Engine) -> None:
    hit = search(Query("alert"), engine).hits[0]
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<mark>alert</mark>" in hit.snippet


def test_like_wildcards_in_a_query_are_taken_literally(engine: Engine) -> None:
    assert search(Query("%"), engine).total == 0
    assert search(Query("第_条"), engine).total == 0


def test_sqlite_and_postgresql_answer_alike(sqlite_engine: Engine, pg_engine: Engine) -> None:
    lite, pg = sqlite_engine, pg_engine
    for query in QUERIES:
        a, b = search(query, lite), search(query, pg)
        assert (a.total, [h.decision_id for h in a.hits], [h.snippet for h in a.hits]) == \
               (b.total, [h.decision_id for h in b.hits], [h.snippet for h in b.hits]), query


def test_a_database_without_materialized_ctes_answers_alike(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite before 3.35 and PostgreSQL before 12 know no `AS MATERIALIZED`."""
    answers = [(r.total, [h.decision_id for h in r.hits]) for r in (search(q, engine) for q in QUERIES)]
    monkeypatch.setattr(search_module, "MATERIALIZED_SINCE", {})
    assert [(r.total, [h.decision_id for h in r.hits]) for r in (search(q, engine) for q in QUERIES)] == answers


def test_a_search_does_not_wait_for_a_writer_on_sqlite(sqlite_engine: Engine) -> None:
    """Searches read a snapshot: a writer holding SQLite's lock does not hold them up."""
    answers: list[int] = []
    with sqlite_engine.begin() as writer:  # BEGIN IMMEDIATE: the write lock, held until the end
        writer.exec_driver_sql("CREATE TABLE IF NOT EXISTS juece_test_lock (x INTEGER)")
        reader = threading.Thread(target=lambda: answers.append(search(Query("雨污分流"), sqlite_engine).total))
        reader.start()
        reader.join(timeout=30)
        assert not reader.is_alive(), "the search waited for the writer's lock"
    assert answers == [2]


@pytest.mark.parametrize("bad", [{"category": "roads"}, {"stage": "hearing=done"}, {"date_from": "2027-13-01"},
                                 {"page": 0}, {"outcome": "maybe"}, {"text": "字" * 201}],
                         ids=["category", "stage", "date", "page", "outcome", "too-long"])
def test_bad_search_input_is_refused_plainly(bad: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(RecordError, match=" / "):
        Query(**bad)


def test_a_reindexed_decision_is_found_by_its_new_words_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from juece.adapters.store import search as store
    from tests.unit.services.archives.search_docs import ROWS, facts_and_texts

    engine = get_engine(f"sqlite:///{tmp_path / 'records.db'}")
    issue = fill(engine)[1]
    facts, texts = facts_and_texts(ROWS[1])
    store.index_decision(issue, {**texts, "draft": "第一条 水费按季度缴纳。"}, facts, engine)
    assert ids(Query("按季"), engine) == ["water-fees"] and ids(Query("低保"), engine) == []
    assert search(Query(""), engine).total == 4
