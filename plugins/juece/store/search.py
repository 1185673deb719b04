"""Full-text search over archived decisions, the same query on SQLite and PostgreSQL.

SQLite: an FTS5 table with the `trigram` tokenizer (any three characters, CJK included);
terms shorter than three characters fall back to LIKE. PostgreSQL: `pg_trgm` with a GIN
index serving ILIKE. Every term must occur; results are ranked by the same score on both
(a title hit counts 10, each occurrence in the text 1), paged, with escaped snippets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    DDL,
    Column,
    Connection,
    Engine,
    Integer,
    String,
    Table,
    Text,
    and_,
    case,
    event,
    func,
    literal_column,
    select,
    text,
)

from juece.domain.archive_facts import ArchiveFacts
from juece.domain.search_query import Query
from juece.domain.snippets import snippet, terms_of
from juece.store.catalogue import ArchiveIssue
from juece.store.db import get_engine, metadata

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
FTS = "juece_search_fts"
event.listen(docs, "before_create", DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"))
event.listen(docs, "after_create", DDL(
    "CREATE INDEX IF NOT EXISTS ix_juece_search_trgm ON juece_search_docs USING gin (content gin_trgm_ops)"
).execute_if(dialect="postgresql"))
event.listen(docs, "after_create", DDL(
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(content, tokenize='trigram')"
).execute_if(dialect="sqlite"))


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


_ready: set[str] = set()


def ensure(engine: Engine | None = None) -> Engine:
    engine = engine or get_engine()
    if str(engine.url) not in _ready:
        metadata.create_all(engine, tables=[docs])
        _ready.add(str(engine.url))
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
    """Replace the rows of these decisions, in the table and (SQLite) in the FTS index."""
    sqlite = conn.dialect.name == "sqlite"
    ids = [row["decision_id"] for row in rows]
    old = [r[0] for r in conn.execute(select(docs.c.id).where(docs.c.decision_id.in_(ids)))]
    if old and sqlite:
        conn.execute(text(f"DELETE FROM {FTS} WHERE rowid IN ({','.join(str(int(i)) for i in old)})"))
    if old:
        conn.execute(docs.delete().where(docs.c.id.in_(old)))
    conn.execute(docs.insert(), rows)
    if sqlite:
        conn.execute(text(f"INSERT INTO {FTS}(rowid, content) SELECT id, content FROM juece_search_docs "
                          f"WHERE decision_id IN ({','.join(':d' + str(n) for n in range(len(ids)))})"),
                     {f"d{n}": d for n, d in enumerate(ids)})


def search(query: Query, engine: Engine | None = None) -> Results:
    """Ranked, paged hits for a query; the same answer on SQLite and PostgreSQL."""
    engine = ensure(engine)
    terms = terms_of(query.text)
    with engine.connect() as conn:
        where = and_(*_filters(query), *_matches(conn.dialect.name, terms))
        total = conn.execute(select(func.count()).select_from(docs).where(where)).scalar_one()
        score = _score(terms).label("score")
        ranked = conn.execute(
            select(docs.c.id, score).where(where)
            .order_by(score.desc(), func.coalesce(docs.c.decided_on, "").desc(), docs.c.archive_no)
            .limit(query.per_page).offset((query.page - 1) * query.per_page)).all()
        rows = {row.id: row._mapping for row in conn.execute(select(docs).where(docs.c.id.in_([r.id for r in ranked])))}
    return Results(total, query.page, query.per_page, [_hit(rows[r.id], r.score, terms) for r in ranked])


def _filters(query: Query) -> list[Any]:
    found = []
    for name in ("year", "category", "sponsor", "outcome"):
        if (value := getattr(query, name)) is not None:
            found.append(docs.c[name] == value)
    if query.stage:
        found.append(docs.c.stage_status.like(f"%;{query.stage};%"))
    if query.date_from:
        found.append(docs.c.decided_on >= query.date_from)
    if query.date_to:
        found.append(docs.c.decided_on <= query.date_to)
    return found


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _matches(dialect: str, terms: list[str]) -> list[Any]:
    if dialect != "sqlite":
        return [docs.c.content.ilike(_like(t), escape="\\") for t in terms]
    long = [t for t in terms if len(t) >= 3]
    found = [docs.c.content.like(_like(t), escape="\\") for t in terms if len(t) < 3]
    if long:
        phrase = " AND ".join('"' + t.replace('"', '""') + '"' for t in long)
        found.append(docs.c.id.in_(text(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH :phrase")
                                   .bindparams(phrase=phrase).columns(rowid=Integer)))
    return found


def _score(terms: list[str]) -> Any:
    """Per term: 10 for a hit in the title, 3 in the opening of the draft (every hit counts 1 by
    being found at all); read from the short columns only, the same on both databases."""
    score: Any = literal_column("0")
    for term in terms:
        score = score + case((docs.c.title.ilike(_like(term), escape="\\"), 10), else_=0) \
            + case((docs.c.lead.ilike(_like(term), escape="\\"), 3), else_=0)
    return score


def _hit(row: Any, score: Any, terms: list[str]) -> Hit:
    body = row["content"].split("\n", 2)[-1]
    return Hit(row["archive_no"], row["decision_id"], row["version"], row["title"], row["title_en"], row["sponsor"],
               row["category"], row["year"], row["outcome"], row["decided_on"], float(score or 0),
               snippet(body, terms))


def optimize(engine: Engine | None = None) -> None:
    """Merge the index after bulk loads (SQLite FTS5 `optimize`; PostgreSQL `ANALYZE`)."""
    engine = ensure(engine)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text(f"INSERT INTO {FTS}({FTS}) VALUES('optimize')"))
        else:
            conn.execute(text("ANALYZE juece_search_docs"))
