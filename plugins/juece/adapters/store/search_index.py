"""The indexes behind archive search: a narrow table of filters and ranking text, and per
database an exact index for words of any length.

SQLite: FTS5 `trigram` over the text finds words of three characters or more; a second FTS5
table holds each decision's distinct one- and two-character pieces (as hex words), so shorter
words are found without reading any text. PostgreSQL: a GIN index over an array of every
distinct piece of one to four characters; a word of up to four characters is one exact index
lookup, a longer one needs all its four-character pieces and is then checked in the text of
those candidates only (after the filters). Everything is matched in lowercase.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    DDL,
    Column,
    Connection,
    Integer,
    String,
    Table,
    Text,
    event,
    func,
    literal,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY

from juece.adapters.store.db import metadata
from juece.domain.archive.search_query import gram_token, grams

FTS = "juece_search_fts"
SHORT = "juece_search_short"
SHORT_LONGEST = 2  # SQLite: FTS5 trigram finds anything longer
PG_LONGEST = 4  # PostgreSQL: words up to this length are exact index lookups

keys = Table(
    "juece_search_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # the search row's id
    Column("year", Integer, nullable=False),  # no index: words narrow first, through theirs
    Column("category", String(40), nullable=False),
    Column("sponsor", Text, nullable=False),
    Column("outcome", String(40), nullable=False),
    Column("stage_status", Text, nullable=False),
    Column("decided", String(10), nullable=False),  # "" when undecided
    Column("archive_no", String(40), nullable=False),
    Column("title", Text, nullable=False),  # lowercased, for ranking
    Column("lead", Text, nullable=False),  # lowercased opening of the draft, for ranking
    # PostgreSQL only (empty on SQLite, where the FTS tables hold the text):
    Column("grams", Text().with_variant(ARRAY(Text), "postgresql"), nullable=False),
    Column("body", Text, nullable=False),  # lowercased text, to check words longer than PG_LONGEST
)
event.listen(keys, "after_create", DDL(
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(content, tokenize='trigram')"
).execute_if(dialect="sqlite"))
event.listen(keys, "after_create", DDL(
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SHORT} USING fts5(grams, tokenize='ascii', detail='none', content='')"
).execute_if(dialect="sqlite"))
event.listen(keys, "after_create", DDL(  # the pg_trgm index of earlier versions, not used any more
    "DROP INDEX IF EXISTS ix_juece_search_trgm"
).execute_if(dialect="postgresql"))
event.listen(keys, "after_create", DDL(
    "ALTER TABLE juece_search_keys ALTER COLUMN body SET STORAGE EXTERNAL"
).execute_if(dialect="postgresql"))
event.listen(keys, "after_create", DDL(
    "CREATE INDEX IF NOT EXISTS ix_juece_search_grams ON juece_search_keys USING gin (grams)"
).execute_if(dialect="postgresql"))


def key_row(row_id: int, doc: dict[str, Any], sqlite: bool) -> dict[str, Any]:
    body = doc["content"].lower()
    return {"id": row_id, "year": doc["year"], "category": doc["category"], "sponsor": doc["sponsor"],
            "outcome": doc["outcome"], "stage_status": doc["stage_status"], "decided": doc["decided_on"] or "",
            "archive_no": doc["archive_no"], "title": doc["title"].lower(), "lead": doc["lead"].lower(),
            "grams": "" if sqlite else sorted(grams(body, PG_LONGEST)), "body": "" if sqlite else body}


def drop(conn: Connection, docs: Table, ids: list[int]) -> None:
    """Remove these search rows from the indexes (the caller removes them from ``docs``)."""
    if conn.dialect.name == "sqlite":
        listed = ",".join(str(int(i)) for i in ids)
        conn.execute(text(f"DELETE FROM {FTS} WHERE rowid IN ({listed})"))
        # the piece index keeps no copy of its text: a row is removed by giving it again
        indexed = [{"id": row.id, "grams": short_tokens(row.content)}
                   for row in conn.execute(select(docs.c.id, docs.c.content).where(docs.c.id.in_(ids)))]
        if indexed:
            conn.execute(text(f"INSERT INTO {SHORT}({SHORT}, rowid, grams) VALUES ('delete', :id, :grams)"), indexed)
    conn.execute(keys.delete().where(keys.c.id.in_(ids)))


def put(conn: Connection, docs: list[dict[str, Any]], ids: dict[str, int]) -> None:
    """Index these search rows, ``ids`` giving each decision's row id."""
    sqlite = conn.dialect.name == "sqlite"
    conn.execute(keys.insert(), [key_row(ids[doc["decision_id"]], doc, sqlite) for doc in docs])
    if sqlite:
        conn.execute(text(f"INSERT INTO {FTS}(rowid, content) VALUES (:id, :content)"),
                     [{"id": ids[doc["decision_id"]], "content": doc["content"]} for doc in docs])
        conn.execute(text(f"INSERT INTO {SHORT}(rowid, grams) VALUES (:id, :grams)"),
                     [{"id": ids[doc["decision_id"]],
                       "grams": short_tokens(doc["content"])} for doc in docs])


def short_tokens(content: str) -> str:
    return " ".join(sorted(gram_token(g) for g in grams(content, SHORT_LONGEST)))


def matches(dialect: str, terms: list[str]) -> list[Any]:
    """Conditions on ``keys`` that hold exactly when every (lowercased) term occurs in the text."""
    if not terms:
        return []
    if dialect == "sqlite":
        found = []
        long = [t for t in terms if len(t) > SHORT_LONGEST]
        short = [t for t in terms if len(t) <= SHORT_LONGEST]
        if long:
            phrase = " AND ".join('"' + t.replace('"', '""') + '"' for t in long)
            found.append(keys.c.id.in_(text(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH :phrase")
                                       .bindparams(phrase=phrase).columns(rowid=Integer)))
        if short:
            found.append(keys.c.id.in_(text(f"SELECT rowid FROM {SHORT} WHERE {SHORT} MATCH :tokens")
                                       .bindparams(tokens=" ".join(gram_token(t) for t in short))
                                       .columns(rowid=Integer)))
        return found
    needed: set[str] = set()
    for term in terms:
        needed |= {term} if len(term) <= PG_LONGEST else {g for g in grams(term, PG_LONGEST) if len(g) == PG_LONGEST}
    found = [keys.c.grams.op("@>")(literal(sorted(needed), ARRAY(Text)))]
    return found + [func.strpos(keys.c.body, t) > 0 for t in terms if len(t) > PG_LONGEST]


def contains(dialect: str, column: Any, term: str) -> Any:
    return (func.instr if dialect == "sqlite" else func.strpos)(column, term) > 0


def backfill(conn: Connection, docs: Table) -> None:
    """Index search rows written before these indexes existed."""
    indexed = conn.execute(select(func.count()).select_from(keys)).scalar_one()
    if indexed != conn.execute(select(func.count()).select_from(docs)).scalar_one():
        rows = [dict(r._mapping) for r in conn.execute(select(docs))]
        if conn.dialect.name == "sqlite":
            conn.execute(text(f"DELETE FROM {FTS}"))
            conn.execute(text(f"INSERT INTO {SHORT}({SHORT}) VALUES ('delete-all')"))
        conn.execute(keys.delete())
        put(conn, rows, {r["decision_id"]: r["id"] for r in rows})
