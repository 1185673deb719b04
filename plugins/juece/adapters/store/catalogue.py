"""The archive catalogue: one row per issued archive file, never overwritten (R-H2, R-H4).

A decision keeps one archive number (档号); each issue of its archive is a version (1, 2, …,
a re-issue after evaluation is the next one) in two editions, `full` and `public` (R-H6).
Each file is kept as (store name, key): where a store is, is configuration (`juece.adapters.object_store`),
so a store can move. A row from before stores had names keeps its recorded location, unless that
location lies under a configured store, in which case it becomes (store name, key) when first read.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from juece import config
from juece.adapters.store.db import ensure_tables, metadata
from juece.domain.archive.facts import ArchiveFacts
from juece.domain.archive.number import RETENTION, archive_number, catalogue_item, fonds_code
from juece.domain.record.errors import RecordError

EDITIONS = ("full", "public")

archives = Table(
    "juece_archives",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("archive_no", String(40), nullable=False, index=True),
    Column("decision_id", String(64), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("edition", String(10), nullable=False),
    Column("title", Text, nullable=False),
    Column("title_en", Text, nullable=False, default=""),
    Column("decision_body", Text, nullable=False),
    Column("sponsor", Text, nullable=False),
    Column("category", String(40), nullable=False),
    Column("catalogue_year", Integer, nullable=True),
    Column("catalogue_number", String(40), nullable=True),
    Column("archive_year", Integer, nullable=False),
    Column("item_number", Integer, nullable=False),
    Column("stage_dates", Text, nullable=False),
    Column("outcome", String(40), nullable=False),
    Column("retention", String(20), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("chain_head", String(64), nullable=False),
    Column("location", Text, nullable=False),  # a file's URL, in rows from before named stores
    Column("store_name", String(60), nullable=True),
    Column("store_key", Text, nullable=True),
    Column("size", Integer, nullable=False),
    Column("issued_at", String(40), nullable=False),
    UniqueConstraint("decision_id", "version", "edition", name="uq_juece_archive_issue"),
    UniqueConstraint("archive_no", "version", "edition", name="uq_juece_archive_no"),
)

# One archive number per decision, reserved before the first build (the cover prints it), so
# that two decisions issued at the same moment can never be given the same number.
numbers = Table(
    "juece_archive_numbers",
    metadata,
    Column("archive_no", String(40), primary_key=True),
    Column("decision_id", String(64), nullable=False, unique=True),
    Column("archive_year", Integer, nullable=False),
    Column("item_number", Integer, nullable=False),
)
RESERVE_ATTEMPTS = 20


@dataclass(frozen=True)
class ArchiveIssue:
    """One issued archive file, as catalogued."""

    archive_no: str
    decision_id: str
    version: int
    edition: str
    title: str
    title_en: str
    decision_body: str
    sponsor: str
    category: str
    catalogue_year: int | None
    catalogue_number: str | None
    archive_year: int
    item_number: int
    outcome: str
    sha256: str
    chain_head: str
    location: str
    size: int
    issued_at: str
    retention: str = RETENTION
    stage_dates: dict[str, dict[str, str]] = field(default_factory=dict)
    store: str = ""  # the store's name; "" for a legacy row that keeps its location
    key: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def place(self) -> str:
        """Where the catalogue says the file is, as a reader reads it."""
        return f"{self.store}:{self.key}" if self.store else self.location


@dataclass(frozen=True)
class Numbered:
    """The archive number and the next version of a decision about to be issued."""

    archive_no: str
    archive_year: int
    item_number: int
    version: int


def _engine(engine: Engine | None) -> Engine:
    engine = ensure_tables(engine, archives, numbers)
    if str(engine.url) not in _migrated:
        migrate_locations(engine)
        _migrated.add(str(engine.url))
    return engine


_migrated: set[str] = set()


def migrate_locations(engine: Engine) -> int:
    """Give the catalogue its store columns if it has none, and turn each old row's location into
    (store name, key) where it lies under a configured store; any other keeps its location."""
    from juece.adapters.object_store import split

    have = {column["name"] for column in inspect(engine).get_columns(archives.name)}
    for name, kind in (("store_name", "VARCHAR(60)"), ("store_key", "TEXT")):
        if name not in have:
            _add_column(engine, name, kind)
    with engine.begin() as conn:
        old = conn.execute(select(archives.c.id, archives.c.location).where(archives.c.store_name.is_(None))).all()
        for row_id, location in old:
            store, key = split(location) or ("", "")
            conn.execute(archives.update().where(archives.c.id == row_id).values(store_name=store, store_key=key))
    return len(old)


def fonds() -> str:
    return fonds_code(config.fonds())


def _add_column(engine: Engine, name: str, kind: str) -> None:
    """Add a column; another process adding it at the same moment is no error."""
    try:
        with engine.begin() as conn:
            conn.execute(text(f"ALTER TABLE {archives.name} ADD COLUMN {name} {kind}"))
    except (OperationalError, ProgrammingError):
        if name not in {column["name"] for column in inspect(engine).get_columns(archives.name)}:
            raise


def number_for(facts: ArchiveFacts, engine: Engine | None = None) -> Numbered:
    """The decision's archive number (reserved at its first issue, else reserved now) and next
    version. The spec's catalogue year and number give it when present; else the launch year
    and the next free item number of that year."""
    engine = _engine(engine)
    for _ in range(RESERVE_ATTEMPTS):
        with engine.connect() as conn:
            mine = conn.execute(select(numbers).where(numbers.c.decision_id == facts.decision_id)).first()
            if mine is not None:
                top = conn.execute(select(func.max(archives.c.version))
                                   .where(archives.c.decision_id == facts.decision_id)).scalar()
                return Numbered(mine.archive_no, mine.archive_year, mine.item_number, (top or 0) + 1)
            earlier = conn.execute(select(archives.c.archive_no, archives.c.archive_year, archives.c.item_number)
                                   .where(archives.c.decision_id == facts.decision_id).limit(1)).first()
            year, item = (earlier[1], earlier[2]) if earlier else _candidate(conn, facts)
        number = earlier[0] if earlier else archive_number(fonds(), year, item)
        try:
            with engine.begin() as conn:
                conn.execute(numbers.insert().values(archive_no=number, decision_id=facts.decision_id,
                                                     archive_year=year, item_number=item))
        except IntegrityError:
            if facts.catalogue_number:
                _refuse_taken(engine, number)
            continue  # another decision took the number (or this one was just numbered): look again
    raise RecordError("档号分配冲突过多，请重试 / too many concurrent archive numberings: try again")


def _candidate(conn: Connection, facts: ArchiveFacts) -> tuple[int, int]:
    year = facts.catalogue_year or facts.launch_year
    if facts.catalogue_number:
        return year, catalogue_item(facts.catalogue_number)
    reserved = conn.execute(select(func.max(numbers.c.item_number)).where(numbers.c.archive_year == year)).scalar()
    issued = conn.execute(select(func.max(archives.c.item_number)).where(archives.c.archive_year == year)).scalar()
    return year, max(reserved or 0, issued or 0) + 1


def _refuse_taken(engine: Engine, number: str) -> None:
    with engine.connect() as conn:
        owner = conn.execute(select(numbers.c.decision_id).where(numbers.c.archive_no == number)).scalar()
    if owner is not None:
        raise RecordError(f"档号 {number} 已属于决策 {owner}，请检查决策事项目录编号 / the archive number {number} "
                          f"already belongs to decision {owner}: check the spec's catalogue number")


def register(issue: ArchiveIssue, engine: Engine | None = None, conn: Connection | None = None) -> ArchiveIssue:
    """Catalogue one issued file (inside ``conn``'s transaction when given, e.g. with its ledger
    entry); an issue already catalogued is refused, never overwritten."""
    if issue.edition not in EDITIONS:
        raise RecordError(f"版本类型须为 full 或 public，现为 {issue.edition!r} / edition must be full or public")
    row = _row(issue)
    try:
        if conn is not None:  # the caller made sure of the table before its transaction
            conn.execute(archives.insert(), row)
            return issue
        with _engine(engine).begin() as own:
            own.execute(archives.insert(), row)
    except IntegrityError:
        raise RecordError(f"{issue.archive_no} 第{issue.version}版 {issue.edition} 已登记，档案不得覆盖 / version "
                          f"{issue.version} ({issue.edition}) of {issue.archive_no} is already catalogued; "
                          "an archive is never overwritten") from None
    return issue


def _row(issue: ArchiveIssue) -> dict[str, Any]:
    from juece.adapters.object_store import split

    values = issue.as_dict()
    store, key = values.pop("store"), values.pop("key")
    if not store:  # given a URL: kept as (store, key) when it lies under a configured store
        store, key = split(issue.location) or ("", "")
    return {**values, "store_name": store, "store_key": key, "location": "" if store else issue.location,
            "stage_dates": json.dumps(issue.stage_dates, ensure_ascii=False, sort_keys=True)}


def issues(decision_id: str | None = None, year: int | None = None, edition: str | None = None,
           engine: Engine | None = None) -> list[ArchiveIssue]:
    """Catalogued files, by archive number, version and edition; ``year`` is the archive year."""
    query = select(archives)
    if decision_id is not None:
        query = query.where(archives.c.decision_id == decision_id)
    if year is not None:
        query = query.where(archives.c.archive_year == year)
    if edition is not None:
        query = query.where(archives.c.edition == edition)
    query = query.order_by(archives.c.archive_no, archives.c.version, archives.c.edition)
    with _engine(engine).connect() as conn:
        return [_issue(row._mapping) for row in conn.execute(query)]


def latest(decision_id: str, edition: str, engine: Engine | None = None) -> ArchiveIssue | None:
    """The newest version of a decision's edition, or None."""
    return _newest(archives.c.decision_id == decision_id, edition, engine)


MAX_VERSION = 2**31 - 1  # the largest version the records DB's integer column holds (PostgreSQL's INTEGER)


def by_number(archive_no: str, edition: str, engine: Engine | None = None,
              version: int | None = None) -> ArchiveIssue | None:
    """An edition by its archive number: the newest version, or the one asked for; None if none
    (a version outside the column's range too: no such version was ever issued)."""
    if version is None:
        return _newest(archives.c.archive_no == archive_no, edition, engine)
    if not 1 <= version <= MAX_VERSION:
        return None
    return _newest((archives.c.archive_no == archive_no) & (archives.c.version == version), edition, engine)


def versions(archive_no: str, engine: Engine | None = None) -> list[ArchiveIssue]:
    """Every issued file of an archive number, by version and edition."""
    query = (select(archives).where(archives.c.archive_no == archive_no)
             .order_by(archives.c.version, archives.c.edition))
    with _engine(engine).connect() as conn:
        return [_issue(row._mapping) for row in conn.execute(query)]


def _newest(where: Any, edition: str, engine: Engine | None) -> ArchiveIssue | None:
    query = (select(archives).where(where, archives.c.edition == edition)
             .order_by(archives.c.version.desc()).limit(1))
    with _engine(engine).connect() as conn:
        row = conn.execute(query).first()
    return _issue(row._mapping) if row else None


def _issue(mapping: Any) -> ArchiveIssue:
    values = {name: mapping[name] for name in ArchiveIssue.__dataclass_fields__ if name not in ("store", "key")}
    values["stage_dates"] = json.loads(mapping["stage_dates"] or "{}")
    values["store"], values["key"] = mapping["store_name"] or "", mapping["store_key"] or ""
    return ArchiveIssue(**values)
