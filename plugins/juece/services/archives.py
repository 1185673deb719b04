"""Issuing archive files (决策档案): both editions built from the record, stored once through
the object store (`adapters/object_store.py`), catalogued with an archive number
and recorded in the ledger. A re-issue is the next version, never an overwrite (R-H2).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from juece.adapters import object_store as archive_stores
from juece.adapters.store import catalogue, retrievals, search
from juece.adapters.store.catalogue import EDITIONS, ArchiveIssue, Numbered
from juece.adapters.store.ledger import Ledger, utc_now
from juece.config import archivists as configured_archivists
from juece.domain.archive.access import archivists, check_retrieval
from juece.domain.archive.facts import archive_facts, search_texts
from juece.domain.archive.number import parse_archive_number
from juece.domain.record.acts import Act
from juece.domain.record.entries import Entries
from juece.domain.record.errors import RecordError, RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage
from juece.services.record import plain


@dataclass(frozen=True)
class Issued:
    """One edition as issued: its catalogue row and its bytes."""

    issue: ArchiveIssue
    content: bytes = field(repr=False)


def open_issue(row: ArchiveIssue) -> bytes:
    """The bytes of a catalogued file, from its store where that is configured now (a store
    not configured is named in the error) or, for an old row, from the location it recorded."""
    return archive_stores.read(where(row))


def where(row: ArchiveIssue) -> str:
    """The URL of a catalogued file as the configuration places it now."""
    return archive_stores.url_of(row.store, row.key) if row.store else row.location


def build_edition(decision_id: str, entries: Entries, edition: str, ledger: Ledger,
                  archive_no: str | None = None, progress: Any = None) -> bytes:
    """One edition's PDF: the public one without personal data (R-H6). The public edition
    is given the personal data too, only so that names typed into texts can be removed."""
    from juece.adapters.reporting.archive import render
    from juece.adapters.reporting.editions import make_edition
    from juece.adapters.store.comments import CommentStore

    personal = CommentStore(ledger).personal_data(decision_id)
    record = make_edition(decision_id, plain(entries), edition, personal)
    if archive_no:
        record["archive_no"] = archive_no
    return render(record, progress)


def issue(decision_id: str, key: str | None = None, *, ledger: Ledger,
          progress: Any = None) -> list[Issued]:
    """Build, store and catalogue both editions of the record as it stands; one `archive_issued`
    ledger entry per edition. With ``key`` (a task's act key) a repeated call issues nothing new."""
    if key and ledger.has_key(decision_id, f"{key}#issued:%"):
        return _already_issued(decision_id, key, ledger)
    entries = ledger.entries(decision_id)
    if not entries:
        raise RecordError(f"没有决策 {decision_id!r} 的记录 / no decision {decision_id!r} in the record")
    facts = archive_facts(decision_id, entries)
    numbered = catalogue.number_for(facts, ledger.engine)
    issued = [_store(facts, numbered, edition, build_edition(decision_id, entries, edition, ledger,
                                                                   numbered.archive_no, progress),
                     entries[-1]["hash"]) for edition in EDITIONS]

    def record(conn: Any, append: Any) -> None:
        for one in issued:
            catalogue.register(one.issue, conn=conn)
        append([_issued_act(one.issue, key) for one in issued])

    ledger.write(decision_id, record)
    search.index_decision(issued[0].issue, search_texts(entries), facts, ledger.engine)
    return issued


def _store(facts: Any, numbered: Numbered, edition: str, content: bytes, chain_head: str) -> Issued:
    target = archive_stores.archive_url(facts.decision_id, numbered.version, edition)
    digest = hashlib.sha256(content).hexdigest()
    archive_stores.write_once(target, content)
    row = ArchiveIssue(
        archive_no=numbered.archive_no, decision_id=facts.decision_id, version=numbered.version, edition=edition,
        title=facts.title, title_en=facts.title_en, decision_body=facts.decision_body, sponsor=facts.sponsor,
        category=facts.category, catalogue_year=facts.catalogue_year, catalogue_number=facts.catalogue_number,
        archive_year=numbered.archive_year, item_number=numbered.item_number, outcome=facts.outcome,
        sha256=digest, chain_head=chain_head, location="", size=len(content), issued_at=utc_now(),
        stage_dates=facts.stage_dates, store=archive_stores.DEFAULT,
        key=archive_stores.archive_key(facts.decision_id, numbered.version, edition))
    return Issued(row, content)


def _issued_act(row: ArchiveIssue, key: str | None) -> Act:
    data = {"archive_no": row.archive_no, "version": row.version, "edition": row.edition, "sha256": row.sha256,
            "store": row.store, "key": row.key, "size": row.size, "chain_head": row.chain_head,
            "retention": row.retention, "rules": ["R-H1", "R-H2", "R-H3", "R-H4", "R-H6"]}
    return Act(Stage.ARCHIVE, Kind.ARCHIVE_ISSUED, "juece", data, f"{key}#issued:{row.edition}" if key else None)


def _already_issued(decision_id: str, key: str, ledger: Ledger) -> list[Issued]:
    done = [e for e in ledger.entries(decision_id) if e["kind"] == Kind.ARCHIVE_ISSUED]
    version = done[-1]["data"]["version"]
    rows = [r for r in catalogue.issues(decision_id, engine=ledger.engine) if r.version == version]
    return [Issued(row, open_issue(row)) for row in rows]


def is_archivist(user: str) -> bool:
    return user in archivists(configured_archivists())


class NotDelivered(RecordError):
    """The file could not be handed over (e.g. the output file exists): a refused attempt, logged."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def retrieve(archive_no: str, edition: str, user: str, channel: str, ledger: Ledger,
             version: int | None = None, auth_role: str = "unknown",
             deliver: Callable[[Issued], None] | None = None) -> Issued:
    """One edition of one version (the newest unless ``version``), for ``user``; the full edition
    for archivists only (R-H6). ``deliver`` hands the file over (writes it out) before anything is
    recorded: only a file delivered is recorded as `archive_retrieved`; a refusal is logged.
    ``auth_role`` is the user's role as Airflow's auth manager gave it ("unknown" when it did not)."""
    parse_archive_number(archive_no)
    attempt = {"who": user, "at": utc_now(), "archive_no": archive_no, "edition": edition, "channel": channel,
               "decision_id": None, "version": version}
    try:
        check_retrieval(edition, is_archivist(user))
    except RuleViolation as refusal:
        retrievals.log({**attempt, "granted": False, "reason": refusal.rule or "form"}, engine=ledger.engine)
        raise
    row = catalogue.by_number(archive_no, edition, ledger.engine, version)
    if row is None:
        which = f" 第{version}版 version {version}" if version else ""
        raise RecordError(f"没有档号为 {archive_no}{which} 的档案 / no archive numbered {archive_no}{which}")
    issued = Issued(row, _checked(row))
    attempt |= {"decision_id": row.decision_id, "version": row.version}
    try:
        if deliver is not None:
            deliver(issued)
    except NotDelivered as error:
        retrievals.log({**attempt, "granted": False, "reason": error.reason}, engine=ledger.engine)
        raise
    _record(issued, {**attempt, "granted": True, "reason": None}, auth_role, ledger)
    return issued


def public_copy(archive_no: str, ledger: Ledger) -> Issued:
    """The newest public edition for anyone, without an account (R-H6: it holds no personal data),
    its bytes checked against the catalogued hash. Not recorded one download at a time: it is
    published information, like the announcement, and a public page may not make the record grow
    at a stranger's pace. Every signed-in retrieval and every full edition goes through ``retrieve``."""
    parse_archive_number(archive_no)
    row = catalogue.by_number(archive_no, "public", ledger.engine)
    if row is None:
        raise RecordError(f"没有档号为 {archive_no} 的档案 / no archive numbered {archive_no}")
    return Issued(row, _checked(row))


def _checked(row: ArchiveIssue) -> bytes:
    content = open_issue(row)
    if hashlib.sha256(content).hexdigest() != row.sha256:
        raise RecordError(f"{row.archive_no} 第{row.version}版 {row.edition} 的文件与登记的哈希不符，未提供 / the "
                          f"stored file does not match its catalogued hash and is not handed out (R-H2)")
    return content


def _record(issued: Issued, done: dict[str, Any], auth_role: str, ledger: Ledger) -> None:
    row = issued.issue
    retrievals.ensure(ledger.engine)
    role = "archivist" if is_archivist(done["who"]) else "reader"

    def record(conn: Any, append: Any) -> None:
        retrievals.log(done, conn=conn)
        append([Act(Stage.ARCHIVE, Kind.ARCHIVE_RETRIEVED, done["who"], {
            "archive_no": row.archive_no, "version": row.version, "edition": row.edition,
            "channel": done["channel"], "sha256": row.sha256, "role": role, "auth_role": auth_role or "unknown",
            "rules": ["R-H5", "R-H6"]})])

    ledger.write(row.decision_id, record)


def refused(archive_no: str | None = None, *, ledger: Ledger) -> list[dict[str, Any]]:
    """The refused retrieval attempts, newest first (of one archive number when given)."""
    rows = retrievals.logged(archive_no, engine=ledger.engine)
    return [row for row in reversed(rows) if not row["granted"]]


def reindex(ledger: Ledger) -> int:
    """Rebuild the search rows of every catalogued decision from its newest issue and its record."""
    newest = {row.decision_id: row for row in catalogue.issues(edition="public", engine=ledger.engine)}
    for decision_id, row in newest.items():
        entries = _as_issued(ledger.entries(decision_id), row.chain_head)
        search.index_decision(row, search_texts(entries), archive_facts(decision_id, entries), ledger.engine)
    search.optimize(ledger.engine)
    return len(newest)


def _as_issued(entries: Entries, chain_head: str) -> Entries:
    """The record as the issue saw it (up to its chain head): the search row holds what that
    archive holds, not what was recorded since (an opinion sealed in it stays unindexed, R-C6)."""
    for position, entry in enumerate(entries):
        if entry["hash"] == chain_head:
            return entries[:position + 1]
    return entries
