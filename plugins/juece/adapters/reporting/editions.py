"""The two editions of an archive (R-H6): full (restricted) and public (personal data removed).

The full edition carries the ledger's entries unchanged and, beside them, the personal data
the ledger never holds (commenters' names and contacts, kept apart by the portal).

The public edition keeps what the public may see of people who do not act publicly, and
nothing else about them. By entry kind (every kind the code writes was reviewed):

- `panel_drawn`: the candidate pool (the expert library as it stood: names, affiliations,
  integrity notes, removals for misconduct) is kept only as its SHA-256, and who was barred
  only as counts by rule; the experts who hold or held a seat are listed by name, specialties
  and affiliation (`juece.domain.expert_review.panel_public` says why these fields).
- `conflict_declared`: that the expert declared a conflict and withdrew stays (R-C3); the
  statement of what the conflict is (their private circumstances, often a relative's or a
  company's) is removed.
- hearing participants (members of the public): names removed wherever typed, user ids
  replaced by a stable pseudonym; interested parties the spec names (R-C3) who hold no role in
  the decision: user ids replaced by a pseudonym (naming them says they have an interest).
- commenters' names and contacts wherever typed, the names of library experts who were not
  drawn, and contact details or identity numbers in any text (`juece.domain.archive.pii`; hashes,
  keys, receipt and archive numbers and other identifiers are never taken for them).
- everyone else in the record acts in a public capacity (officials of the decision body, the
  seated experts, the system) or is not a person, and stays as recorded.

Each redacted entry keeps its ledger hash and lists what was removed in `redacted`; the
record's `redactions` log says what was removed where, by which rule. A redacted entry's hash
cannot be recomputed from the edition (its content is gone), so offline the public chain is
checked for its links and every unredacted entry; with the records DB the edition is rebuilt
from the ledger and compared (see `matches_ledger`). The same entries always give the same
edition, byte for byte.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from juece.adapters.reporting.sealing import seal_edition
from juece.domain.archive.pii import (
    NAME_REMOVED,
    REMOVED,
    PublicText,
    literal_pattern,
    remove_standalone,
)
from juece.domain.archive.trace import experts, roles_by_user
from juece.domain.expert_review.panel_public import public_draw
from juece.domain.record.digests import DEFAULT, HASH_ALGORITHMS, declared
from juece.domain.record.ledger import GENESIS, hash_problem

RECORD_FORMAT = "juece-record/1"
EDITIONS = ("full", "public")
__all__ = ["NAME_REMOVED", "REMOVED", "make_edition", "redact"]


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
    if (algorithm := declared(entries)) != DEFAULT:  # absent: SHA-256, as every record before SM3
        record["hash_algorithm"] = algorithm
    if edition == "full":
        record["entries"] = entries
        record["personal"] = {"commenters": {receipt: dict(data) for receipt, data
                                             in sorted((personal or {}).items())}}
        return seal_edition(record)
    record["entries"], record["redactions"] = redact(entries, personal or {})
    return seal_edition(record)  # R-C6: an open panel's opinions held back (`sealing`)


def _launch_spec(entries: list[dict[str, Any]]) -> dict[str, Any]:
    for entry in entries:
        if entry.get("kind") == "launched":
            spec = (entry.get("data") or {}).get("spec")
            return spec if isinstance(spec, dict) else {}
    return {}


def _participants(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Hearing participants as the launched spec names them."""
    hearing = ((spec.get("stages") or {}).get("public_participation") or {}).get("hearing")
    if isinstance(hearing, dict) and isinstance(hearing.get("participants"), list):
        return [p for p in hearing["participants"] if isinstance(p, dict)]
    return []


def _interested(spec: dict[str, Any]) -> list[str]:
    """The interested parties the launched spec names (R-C3)."""
    named = ((spec.get("stages") or {}).get("expert_review") or {}).get("interested_parties")
    return [str(user) for user in named if user] if isinstance(named, list) else []


def _pool(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every candidate of every recorded draw."""
    return [member for entry in entries if entry.get("kind") == "panel_drawn"
            for member in ((entry.get("data") or {}).get("pool") or []) if isinstance(member, dict)]


class _Redactor:
    """Replaces user ids by pseudonyms, and names and contact details in every string."""

    def __init__(self, entries: list[dict[str, Any]], personal: dict[str, dict[str, Any]]):
        spec = _launch_spec(entries)
        people = _participants(spec)
        self.seated = set(experts(entries))
        self.pseudonyms = {str(p["user"]): (f"听证参加人{n:02d} participant {n:02d}",
                                            "听证参加人账号", "participant's user id")
                           for n, p in enumerate(people, start=1) if p.get("user")}
        roles = roles_by_user(entries)
        for n, user in enumerate(_interested(spec), start=1):
            if user not in self.pseudonyms and not roles.get(user):
                self.pseudonyms[user] = (f"利害关系人{n:02d} interested party {n:02d}",
                                         "利害关系人账号", "interested party's user id")
        pool = _pool(entries)
        public_names = {str(m.get("name")).strip() for m in pool if m.get("user") in self.seated}
        names = {str(p["name"]).strip() for p in people if p.get("name")}
        names |= {str(d.get("name")).strip() for d in personal.values() if d.get("name")}
        names |= {str(m.get("name")).strip() for m in pool
                  if m.get("name") and m.get("user") not in self.seated} - public_names
        contacts = {str(d.get("contact")).strip() for d in personal.values() if d.get("contact")}
        self.public = PublicText(names, contacts)
        self.ids = literal_pattern({user for user in self.pseudonyms if len(user) >= 2}, whole=True)

    def text(self, value: str) -> tuple[str, list[tuple[str, str]]]:
        """The text with personal data removed, and what was removed (zh, en)."""
        if value in self.pseudonyms:
            pseudonym, zh, en = self.pseudonyms[value]
            return pseudonym, [(zh, en)]
        value, found = self.public.clean(value)
        if self.ids:  # a participant's user id typed in a text: their pseudonym
            value, count = remove_standalone(self.ids, value, lambda user: self.pseudonyms[user][0])
            found += [("账号", "user id")] if count else []
        return value, found


Removed = list[tuple[str, str, str]]  # (path, zh, en)
View = tuple[Any, Removed, tuple[str, ...]]  # the data, what was removed, keys published as they are


def _drawn(data: dict[str, Any], redactor: _Redactor) -> View:
    if not isinstance(data.get("pool"), list):
        return data, [], ()
    removed = [("data.pool", "专家库候选名单（仅保留其 SHA-256）", "candidate pool (kept as its SHA-256)")]
    if data.get("excluded"):
        removed.append(("data.excluded", "排除名单（仅保留人数）", "who was barred from the draw (kept as counts)"))
    return public_draw(data, redactor.seated), removed, ("panel",)


def _declared(data: dict[str, Any], redactor: _Redactor) -> View:
    if not data.get("statement"):
        return data, [], ()
    removed = [("data.statement", "利害关系说明", "details of a conflict of interest")]
    return {**data, "statement": REMOVED}, removed, ()


# What the public may see of an entry of this kind, before names and contacts are removed from
# every text. `panel` lists the seated experts from the pool's own fields: their names are public.
VIEWS: dict[str, Callable[[dict[str, Any], _Redactor], View]] = {
    "panel_drawn": _drawn,
    "conflict_declared": _declared,
}


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
                  ) -> tuple[dict[str, Any], Removed] | None:
    data, removed, published = entry.get("data"), [], ()
    view = VIEWS.get(str(entry.get("kind")))
    if view is not None and isinstance(data, dict):
        data, removed, published = view(data, redactor)
    kept = tuple(f".data.{key}" for key in published)

    def redactable(path: str) -> bool:
        return not any(path == k or path.startswith((f"{k}.", f"{k}[")) for k in kept)

    fields = {"actor": entry.get("actor"), "data": data}
    if not removed and not any(redactor.text(text)[1] for path, _, _, text in _strings(fields, "")
                               if redactable(path)):
        return None
    fields = copy.deepcopy(fields)
    for path, container, key, text in list(_strings(fields, "")):
        if not redactable(path):
            continue
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
    algorithm = record.get("hash_algorithm", DEFAULT)
    problems = _algorithm_problems(algorithm, entries)
    if problems:
        return problems
    prev = GENESIS
    public = record.get("edition") == "public"
    for position, entry in enumerate(entries, start=1):
        problems += _entry_problems(entry, position, prev, record.get("decision_id"), public, algorithm)
        prev = str(entry.get("hash", ""))
    if prev != record.get("chain_head"):
        problems.append("the record's chain_head is not the hash of its last entry")
    return problems


def _algorithm_problems(algorithm: Any, entries: list[dict[str, Any]]) -> list[str]:
    """The record's hash algorithm must be one a chain may use and the one its launch declares."""
    if algorithm not in HASH_ALGORITHMS:
        return [f"[R-H2] 记录声明的哈希算法 {algorithm!r} 未知 / the record declares an unknown hash "
                f"algorithm {algorithm!r}: {' or '.join(HASH_ALGORITHMS)} only"]
    first = entries[0] if entries else {}
    if "redacted" in first or "sealed" in first or (launch := declared(entries)) == algorithm:
        return []
    return [f"[R-H2] 记录声明哈希算法 {algorithm}，而启动条目声明 {launch} / the record declares {algorithm} "
            f"but its launched entry declares {launch}"]


def _entry_problems(entry: dict[str, Any], position: int, prev: str, decision_id: Any,
                    public: bool, algorithm: str) -> list[str]:
    where = f"entry {position}"
    problems = []
    if entry.get("seq") != position:
        problems.append(f"{where}: seq is {entry.get('seq')!r}, expected {position}")
    if entry.get("decision_id") != decision_id:
        problems.append(f"{where}: belongs to {entry.get('decision_id')!r}")
    if entry.get("prev_hash") != prev:
        problems.append(f"{where}: prev_hash does not link to the entry before it")
    if "redacted" in entry or "sealed" in entry:  # content removed (R-H6) or sealed (R-C6)
        if not public:
            problems.append(f"{where}: redacted, but this is not the public edition")
        return problems
    try:
        if problem := hash_problem(prev, entry, algorithm):
            problems.append(f"{where}: {problem}")
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
