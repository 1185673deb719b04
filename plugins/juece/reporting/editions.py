"""The two editions of an archive (R-H6): full (restricted) and public (personal data removed).

The full edition carries the ledger's entries unchanged and, beside them, the personal data
the ledger never holds (commenters' names and contacts, kept apart by the portal).

The public edition removes personal data from the entries themselves: hearing participants'
names, their user ids (replaced by a stable pseudonym), commenters' names wherever they were
typed, and contact details or identity numbers in any text. Each redacted entry keeps its
ledger hash and lists what was removed in `redacted`; the record's `redactions` log says
what was removed where, by which rule. A redacted entry's hash cannot be recomputed from
the edition (its content is gone), so offline the public chain is checked for its links and
every unredacted entry; with the records DB the edition is rebuilt from the ledger and
compared (see `matches_ledger`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from juece.domain.ledger import GENESIS, entry_hash

RECORD_FORMAT = "juece-record/1"
EDITIONS = ("full", "public")
REMOVED = "〔已删除 removed, R-H6〕"
NAME_REMOVED = "〔姓名已删除 name removed, R-H6〕"
PII_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("身份证号", "identity card number", re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")),
    ("手机号码", "mobile number", re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")),
    ("固定电话", "telephone number", re.compile(r"(?<![0-9])0[0-9]{2,3}-?[0-9]{7,8}(?![0-9])")),
    ("电子邮箱", "e-mail address", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")),
)


class EditionError(ValueError):
    """An edition that does not exist was asked for."""


def make_edition(decision_id: str, entries: list[dict[str, Any]], edition: str,
                 personal: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The record of one edition; `personal` is name and contact by comment receipt."""
    if edition not in EDITIONS:
        raise EditionError(f"版本只能是 full 或 public / edition must be full or public, not {edition!r}")
    head = entries[-1]["hash"] if entries else GENESIS
    record: dict[str, Any] = {"format": RECORD_FORMAT, "decision_id": decision_id,
                              "edition": edition, "chain_head": head}
    if edition == "full":
        record["entries"] = entries
        record["personal"] = {"commenters": {receipt: dict(data) for receipt, data
                                             in sorted((personal or {}).items())}}
        return record
    record["entries"], record["redactions"] = redact(entries, personal or {})
    return record


def _participants(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Hearing participants as the launched spec names them."""
    for entry in entries:
        if entry.get("kind") == "launched":
            spec = (entry.get("data") or {}).get("spec") or {}
            hearing = ((spec.get("stages") or {}).get("public_participation") or {}).get("hearing")
            if isinstance(hearing, dict) and isinstance(hearing.get("participants"), list):
                return [p for p in hearing["participants"] if isinstance(p, dict)]
    return []


class _Redactor:
    """Replaces names, participants' user ids and contact details in every string."""

    def __init__(self, entries: list[dict[str, Any]], personal: dict[str, dict[str, Any]]):
        people = _participants(entries)
        self.pseudonyms = {str(p["user"]): f"听证参加人{n:02d} participant {n:02d}"
                           for n, p in enumerate(people, start=1) if p.get("user")}
        names = {str(p["name"]).strip() for p in people if p.get("name")}
        names |= {str(d.get("name")).strip() for d in personal.values() if d.get("name")}
        names = {name for name in names if len(name) >= 2}
        self.names = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))) \
            if names else None

    def text(self, value: str) -> tuple[str, list[tuple[str, str]]]:
        """The text with personal data removed, and what was removed (zh, en)."""
        if value in self.pseudonyms:
            return self.pseudonyms[value], [("听证参加人账号", "participant's user id")]
        found: list[tuple[str, str]] = []
        if self.names is not None and self.names.search(value):
            value = self.names.sub(NAME_REMOVED, value)
            found.append(("姓名", "name"))
        for zh, en, pattern in PII_PATTERNS:
            if pattern.search(value):
                value = pattern.sub(REMOVED, value)
                found.append((zh, en))
        return value, found


def _strings(value: Any, path: str) -> Iterator[tuple[str, Any, Any, str]]:
    """(path, container, key, text) for every string inside a JSON value."""
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    for key, item in items:
        where = f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]"
        if isinstance(item, str):
            yield where, value, key, item
        elif isinstance(item, dict | list):
            yield from _strings(item, where)


def redact(entries: list[dict[str, Any]], personal: dict[str, dict[str, Any]],
           ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The entries with personal data removed (copies where changed), and the redaction log."""
    redactor = _Redactor(entries, personal)
    result: list[dict[str, Any]] = []
    log: list[dict[str, Any]] = []
    for entry in entries:
        changed = _redact_entry(entry, redactor)
        if changed is None:
            result.append(entry)
            continue
        copy_, removed = changed
        result.append(copy_)
        log += [{"seq": entry.get("seq"), "kind": entry.get("kind"), "path": path,
                 "what_zh": zh, "what_en": en, "rule": "R-H6"} for path, zh, en in removed]
    return result, log


def _redact_entry(entry: dict[str, Any], redactor: _Redactor,
                  ) -> tuple[dict[str, Any], list[tuple[str, str, str]]] | None:
    fields = {"actor": entry.get("actor"), "data": entry.get("data")}
    hits = [(path, found) for path, _, _, text in _strings(fields, "")
            for found in [redactor.text(text)[1]] if found]
    if not hits:
        return None
    fields = copy.deepcopy(fields)
    removed = []
    for path, container, key, text in list(_strings(fields, "")):
        new, found = redactor.text(text)
        if found:
            container[key] = new
            removed += [(path.lstrip("."), zh, en) for zh, en in found]
    redacted = {**entry, "actor": fields["actor"], "data": fields["data"]}
    redacted["redacted"] = sorted({path for path, _, _ in removed})
    return redacted, removed


def chain_problems(record: dict[str, Any]) -> list[str]:
    """Everything wrong with the record's chain, in plain words; [] when it holds.

    Unredacted entries are recomputed; redacted ones must still link into the chain.
    """
    entries = record.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return ["the record has no list of entries"]
    problems: list[str] = []
    prev = GENESIS
    public = record.get("edition") == "public"
    for position, entry in enumerate(entries, start=1):
        problems += _entry_problems(entry, position, prev, record.get("decision_id"), public)
        prev = str(entry.get("hash", ""))
    if prev != record.get("chain_head"):
        problems.append("the record's chain_head is not the hash of its last entry")
    return problems


def _entry_problems(entry: dict[str, Any], position: int, prev: str, decision_id: Any,
                    public: bool) -> list[str]:
    where = f"entry {position}"
    problems = []
    if entry.get("seq") != position:
        problems.append(f"{where}: seq is {entry.get('seq')!r}, expected {position}")
    if entry.get("decision_id") != decision_id:
        problems.append(f"{where}: belongs to {entry.get('decision_id')!r}")
    if entry.get("prev_hash") != prev:
        problems.append(f"{where}: prev_hash does not link to the entry before it")
    if "redacted" in entry:
        if not public:
            problems.append(f"{where}: redacted, but this is not the public edition")
        return problems
    try:
        if entry_hash(prev, entry) != entry.get("hash"):
            problems.append(f"{where}: hash does not match its content")
    except (KeyError, TypeError, ValueError) as exc:
        problems.append(f"{where}: cannot be hashed ({exc})")
    return problems


def matches_ledger(record: dict[str, Any], ledger_entries: list[dict[str, Any]],
                   personal: dict[str, dict[str, Any]] | None = None) -> bool:
    """Whether the edition's entries are exactly what the ledger gives for that edition."""
    count = len(record.get("entries") or [])
    if count > len(ledger_entries):
        return False
    expected = make_edition(str(record.get("decision_id")), ledger_entries[:count],
                            str(record.get("edition")), personal)
    return expected["entries"] == record.get("entries")
