"""People in the archive by name and role: "韩冰（风险评估人 risk assessor）".

An archive is made from its record alone, so the names are those the record holds (the record in
words finds them the same way, `domain.archive.timeline.recorded_names`): the names the launch took
from the people directory, the names notices were sent to, the experts of the drawn pool (in a
public edition the seated panel) and the hearing's participants as the spec names them. The roles
are those the recorded spec and panel give (`domain.archive.trace.roles_by_user`). A person the
record does not name is shown by role ("风险评估人 risk assessor", "第3席专家 expert, seat 3"); the user
id, written as words, only where neither a name nor a role is known.

While an archive is laid out, `naming(record)` makes its people the ones every label and value
of the pages is read against (a context variable: the layout calls labels from many places)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from juece.domain.archive.timeline import recorded_names, seats_by_user
from juece.domain.archive.timeline_words import People, readable, role_words, seat_words
from juece.domain.archive.trace import SYSTEM_ACTORS, role_of, roles_by_user

PUBLIC = "社会公众 public"
SYSTEM = "系统 system"
USER_ID = re.compile(r"(?<![\w:-])[A-Za-z][A-Za-z0-9]*(?:[_:-][A-Za-z0-9]+)+(?![\w:-])")
_current: ContextVar[People | None] = ContextVar("juece_archive_people", default=None)


def people_of(record: Mapping[str, Any]) -> People:
    """Who is who in a record: roles, the names the record holds, the experts' seats."""
    entries = [entry for entry in record.get("entries") or [] if isinstance(entry, dict)]
    try:
        roles = roles_by_user(entries)  # type: ignore[arg-type]
    except (AttributeError, KeyError, TypeError, ValueError):  # a shape no version wrote
        roles = {}
    try:
        names, seats = recorded_names(entries), seats_by_user(entries)  # type: ignore[arg-type]
    except (AttributeError, KeyError, TypeError, ValueError):
        names, seats = {}, {}
    return People(roles, names, seats)


@contextmanager
def naming(record: Mapping[str, Any]) -> Iterator[People]:
    """Within the block, people are named as ``record`` names them."""
    people = people_of(record)
    token = _current.set(people)
    try:
        yield people
    finally:
        _current.reset(token)


def current() -> People:
    return _current.get() or People()


def known(user: Any) -> bool:
    """Whether ``user`` is someone of the record being laid out (by role, name or seat)."""
    people = _current.get()
    return bool(people) and isinstance(user, str) and (
        user in people.roles or user in people.names or user in people.seats)


def _roles_text(roles: list[str]) -> tuple[str, str]:
    pairs = [role_words(role) for role in roles]
    return "、".join(zh for zh, _ in pairs), ", ".join(en for _, en in pairs)


def _label(user: str, roles: list[str], people: People) -> str:
    name = people.names.get(user)
    seat = people.seats.get(user) if "expert" in roles else None
    zh, en = _roles_text(roles)
    if seat:
        seat_zh, seat_en = seat_words(seat)
        zh, en = f"{seat_zh}专家", f"expert, {seat_en}"
    if name and zh:
        return f"{name}（{zh} {en}）"
    if name:
        return name
    if zh:
        words = readable(user)  # the id, as words, only where the role does not tell who
        return f"{zh} {en}" if seat or words == en else f"{zh} {en}（{words}）"
    return readable(user)


def person(user: Any) -> str:
    """A person of the record by name and role; a user id the record does not know, as words."""
    if user in (None, ""):
        return "—"
    text = str(user)
    if text in SYSTEM_ACTORS:
        return SYSTEM
    if text == "public":
        return PUBLIC
    people = current()
    return _label(text, sorted(people.roles.get(text, ())), people)


def actor(entry: Mapping[str, Any]) -> str:
    """Who did an entry's act, by name and the role they acted in."""
    user = str(entry.get("actor", ""))
    if user in SYSTEM_ACTORS:
        return SYSTEM
    if user == "public" or entry.get("kind") == "comment_received":
        return PUBLIC
    people = current()
    try:
        role = role_of(entry, dict(people.roles))  # type: ignore[arg-type]
    except (AttributeError, KeyError, TypeError):
        role = "unknown"
    return _label(user, [role] if role not in ("unknown", "system", "public") else [], people)


def in_text(text: str) -> str:
    """A note naming people by user id ('1 opinion without a disposition: expert_08') with each
    person of the record named instead; ids of nobody in the record stay as they are."""
    if _current.get() is None or "_" not in text:
        return text
    return USER_ID.sub(lambda found: person(found[0]) if known(found[0]) else found[0], text)
