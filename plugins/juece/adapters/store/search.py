"""Full-text search over archived decisions, the same query on SQLite and PostgreSQL.

The rows (catalogue facts and all searchable text) live in ``juece_search_docs``; the
indexes, and a narrow table of filters and ranking text, in ``search_index``. Every term
must occur (case-insensitive, any length); results are ranked by the same score on both
(a title hit counts 10, one in the opening of the draft 3), paged, with escaped snippets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    String,
    Table,
    Text,
    and_,
    case,
    func,
    literal_column,
    select,
    text,
)

from juece.adapters.store import search_index as index
from juece.adapters.store.catalogue import ArchiveIssue
from juece.adapters.store.db import ensure_tables, metadata, reading
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.personal import public_text
from juece.adapters.store.search_index import FTS, keys
from juece.domain.archive.facts import ArchiveFacts
from juece.domain.archive.search_query import Query
from juece.domain.archive.snippets import snippet, terms_of

SECTION_NAMES = {"draft": "草案 draft", "announcement": "公告 announcement", "opinion": "专家意见 expert opinion",
                 "legality": "合法性审查 legality review", "minutes": "会议纪要 minutes"}

docs = Table(
    "juece_search_docs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("decision_id", String(64), nullable=False, unique=True),
    Column("archive_no", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("sponsor", Text, nullable=False),
    Column("category", String(40), nullable=False),
    Column("outcome", String(40), nullable=False),
    Column("year", Integer, nullable=False, index=True),
    Column("launched_on", String(10), nullable=False),
    Column("decided_on", String(10), nullable=True),
    Column("stage_status", Text, nullable=False),
    Column("lead", Text, nullable=False),  # the opening of the draft: a hit here ranks higher
    Column("content", Text, nullable=False),
)
LEAD_CHARS = 200
MATERIALIZED_SINCE = {"sqlite": (3, 35), "postgresql": (12,)}  # WITH ... AS MATERIALIZED


@dataclass(frozen=True)
class Hit:
    archive_no: str
    decision_id: str
    version: int
    title: str
    title_en: str
    sponsor: str
    category: str
    year: int
    outcome: str
    decided_on: str | None
    score: float
    snippet: str  # HTML: escaped text with <mark> around the terms


@dataclass(frozen=True)
class Results:
    total: int
    page: int
    per_page: int
    hits: list[Hit]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


_backfilled: set[str] = set()


def ensure(engine: Engine | None = None) -> Engine:
    """The engine with the search tables created, and rows from before the indexes indexed."""
    engine = ensure_tables(engine, docs, index.keys)
    if str(engine.url) not in _backfilled:
        with engine.begin() as conn:
            index.backfill(conn, docs)
        _backfilled.add(str(engine.url))
    return engine


def document(issue: ArchiveIssue, texts: dict[str, str], facts: ArchiveFacts) -> dict[str, Any]:
    """The search row of a decision's archive: its catalogue facts and all its searchable text."""
    status = ";" + ";".join(f"{stage}={state}" for stage, state in sorted(facts.stage_status.items())) + ";"
    body = "\n".join(f"【{SECTION_NAMES.get(name, name)}】{value}" for name, value in texts.items() if value)
    return {"decision_id": issue.decision_id, "archive_no": issue.archive_no, "version": issue.version,
            "title": issue.title, "title_en": issue.title_en, "sponsor": issue.sponsor, "category": issue.category,
            "outcome": issue.outcome, "year": issue.archive_year, "launched_on": facts.launched_on,
            "decided_on": facts.decided_on, "stage_status": status,
            "lead": " ".join(texts.get("draft", "").split())[:LEAD_CHARS], "content": f"{issue.title}\n{issue.title_en}\n{body}"}


def index_decision(issue: ArchiveIssue, texts: dict[str, str], facts: ArchiveFacts,
                   engine: Engine | None = None) -> None:
    """Put (or replace) a decision's row; the newest issue is the one found."""
    with ensure(engine).begin() as conn:
        put_rows(conn, [document(issue, texts, facts)])


def put_rows(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Replace the rows of these decisions, in the table and in the indexes."""
    ids = [row["decision_id"] for row in rows]
    old = [r[0] for r in conn.execute(select(docs.c.id).where(docs.c.decision_id.in_(ids)))]
    if old:
        index.drop(conn, docs, old)
        conn.execute(docs.delete().where(docs.c.id.in_(old)))
    conn.execute(docs.insert(), rows)
    new = {r.decision_id: r.id for r in conn.execute(select(docs.c.decision_id, docs.c.id).where(docs.c.decision_id.in_(ids)))}
    index.put(conn, rows, new)


def search(query: Query, engine: Engine | None = None) -> Results:
    """Ranked, paged hits for a query; the same answer on SQLite and PostgreSQL. One statement
    finds, counts and ranks on the narrow key table; a second reads the page's rows."""
    engine = ensure(engine)
    terms = terms_of(query.text)
    lowered = list(dict.fromkeys(t.lower() for t in terms))
    with reading(engine) as conn:
        dialect = conn.dialect.name
        if dialect == "sqlite":  # the key table and the index pages stay in this connection's cache
            conn.exec_driver_sql("PRAGMA cache_size = -32768")
        elif terms:
            # The planner does not count reading a row's (toasted) array of pieces: a common word
            # would be checked row by row. Keep it on the indexes, for this transaction only.
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        where = and_(*_filters(query), *index.matches(dialect, lowered))
        offset = (query.page - 1) * query.per_page
        score = _score(dialect, lowered).label("score")
        # Matches found and scored once (MATERIALIZED), then counted and ranked from there:
        # `count(*) OVER ()` over the ranked rows made common words twice as slow.
        matched = select(keys.c.id, score, keys.c.decided, keys.c.archive_no).where(where).cte("matched")
        if conn.dialect.server_version_info >= MATERIALIZED_SINCE.get(dialect, (10**6,)):
            matched = matched.prefix_with("MATERIALIZED")
        counted = select(func.count()).select_from(matched).scalar_subquery().label("total")
        ranked = conn.execute(
            select(matched.c.id, matched.c.score, counted)
            .order_by(matched.c.score.desc(), matched.c.decided.desc(), matched.c.archive_no)
            .limit(query.per_page).offset(offset)).all()
        total = ranked[0].total if ranked else _total(conn, where, query)
        found = [r.id for r in ranked]
        rows = {row.id: row._mapping for row in conn.execute(select(docs).where(docs.c.id.in_(found)))} if found else {}
    return Results(total, query.page, query.per_page, [_hit(rows[r.id], r.score, terms, engine) for r in ranked])


def _total(conn: Connection, where: Any, query: Query) -> int:
    """How many match, when the page asked for is past the last one."""
    if query.page == 1:
        return 0
    return conn.execute(select(func.count()).select_from(keys).where(where)).scalar_one()


def _filters(query: Query) -> list[Any]:
    found = []
    for name in ("year", "category", "sponsor", "outcome"):
        if (value := getattr(query, name)) is not None:
            found.append(keys.c[name] == value)
    if query.stage:
        found.append(keys.c.stage_status.like(f"%;{query.stage};%"))
    if query.date_from:
        found.append(keys.c.decided >= query.date_from)
    if query.date_to:
        found.append(and_(keys.c.decided != "", keys.c.decided <= query.date_to))
    return found


def _score(dialect: str, terms: list[str]) -> Any:
    """Per term: 10 for a hit in the title, 3 in the opening of the draft (every hit counts 1 by
    being found at all); read from the short lowercased columns only, the same on both databases."""
    score: Any = literal_column("0")
    for term in terms:
        score = score + case((index.contains(dialect, keys.c.title, term), 10), else_=0) \
            + case((index.contains(dialect, keys.c.lead, term), 3), else_=0)
    return score


def _hit(row: Any, score: Any, terms: list[str], engine: Engine) -> Hit:
    """A hit, its snippet without personal data: the decision's commenters' names and contacts,
    and every form of personal data (R-H6)."""
    body = row["content"].split("\n", 2)[-1]
    clean = public_text(Ledger(engine), row["decision_id"])
    return Hit(row["archive_no"], row["decision_id"], row["version"], row["title"], row["title_en"], row["sponsor"],
               row["category"], row["year"], row["outcome"], row["decided_on"], float(score or 0),
               snippet(body, terms, clean=clean))


def optimize(engine: Engine | None = None) -> None:
    """Merge the index after bulk loads (SQLite FTS5 `optimize`; PostgreSQL `ANALYZE`)."""
    engine = ensure(engine)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            for table in (FTS, index.SHORT):
                conn.execute(text(f"INSERT INTO {table}({table}) VALUES('optimize')"))
        else:
            conn.execute(text("ANALYZE juece_search_docs"))
            conn.execute(text("ANALYZE juece_search_keys"))
