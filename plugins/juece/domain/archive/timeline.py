"""The record in words: every entry of a decision's ledger told as one sentence a clerk or an
archivist reads, Chinese first with English beside it, with when (China time), in which stage
and by whom (the role the recorded spec gave them, and their name where it is known).

    2027-01-12 14:05  专家论证  论证专家 王某（第3席）
    专家 王某（第3席）提交论证意见：附条件支持 / Expert 王某 (seat 3) submitted an opinion: support with conditions

No raw keys and no codes: values are put in words by the label tables (domain/record/labels.py,
timeline_words.MORE_VALUES); a value nobody named is shown with spaces for underscores. Names
come from the record itself (the experts of the recorded panel draw, the hearing's participants,
the people notices were sent to) and from the caller (the expert library, Airflow's users), the caller's winning; a person without
a name is shown by role and user id. An entry an older version wrote, with fields missing or of
another shape, still reads as a sentence. The text is plain: escaping it is the page's job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from juece.domain.archive import (
    timeline_after,
    timeline_decision,
    timeline_experts,
    timeline_phrases,
)
from juece.domain.archive.timeline_words import (
    People,
    Phrase,
    as_dict,
    moment,
    readable,
    role_words,
    short,
    stage_words,
)
from juece.domain.archive.trace import role_of, roles_by_user, spec_of
from juece.domain.record.entries import Entries, Entry, latest
from juece.domain.record.kinds import Kind
from juece.domain.record.labels import KIND_LABELS

PHRASES: dict[str, Phrase] = {**timeline_phrases.PHRASES, **timeline_experts.PHRASES,
                              **timeline_decision.PHRASES, **timeline_after.PHRASES}
REFUSALS = (Kind.ANSWER_REFUSED, Kind.STEP_REFUSED, Kind.GATE_CLOSED)


@dataclass(frozen=True)
class Line:
    """One entry of the record in words."""

    seq: int
    at: str  # "YYYY-MM-DD HH:MM", China time
    stage: str  # the stage in words: "专家论证 Expert review"
    actor: str  # the role and the person: "论证专家 王某（第3席）", "承办单位 sponsor office"
    zh: str
    en: str
    kind: str
    rule: str = ""  # the rule a refusal cites (answer or step refused, gate closed)


def timeline(entries: Entries | list[Mapping[str, Any]], names: Mapping[str, str] | None = None) -> list[Line]:
    """Every entry of one decision's record in words, in record order. ``names`` maps a user id to
    the person's name (the expert library, Airflow's users) and wins over the names the record holds."""
    safe = [_safe(entry) for entry in entries]
    people = People(_roles(safe), {**recorded_names(safe), **dict(names or {})}, seats_by_user(safe))
    return [line(entry, people) for entry in safe]


def line(entry: Entry | Mapping[str, Any], people: People) -> Line:
    safe = _safe(entry)
    zh, en = _say(safe, people)
    stage_zh, stage_en = stage_words(safe["stage"])
    stage = stage_zh if stage_zh == stage_en else f"{stage_zh} {stage_en}"
    return Line(safe["seq"], moment(safe["at"]), stage, actor(safe, people), zh, en,
                safe["kind"], _rule(safe))


def sentence(entry: Entry | Mapping[str, Any], roles: Mapping[str, set[str]] | None = None,
             names: Mapping[str, str] | None = None, seats: Mapping[str, str] | None = None) -> tuple[str, str]:
    """What one entry says, Chinese and English; ``roles`` as trace.roles_by_user gives them,
    ``names`` user id -> name, ``seats`` an expert's user id -> seat (seat_3, reserve_1)."""
    return _say(_safe(entry), People(roles or {}, names or {}, seats or {}))


def actor(entry: Entry, people: People) -> str:
    """Who did it: the role they acted in and the person, by name when known."""
    role = role_of(entry, dict(people.roles))
    if role == "system":
        return "系统 system"
    if role == "public":
        return "社会公众 public"
    zh, _ = role_words(role)
    person = people.expert(entry["actor"])[0] if role == "expert" else people.name(entry["actor"])
    return f"{zh} {person}"


def recorded_names(entries: Entries) -> dict[str, str]:
    """The names the record holds: those the launch recorded from the people directory (``people``
    of the launched entry), then those of the people notices were sent to, then (overriding them)
    the experts of the panel draw (its pool, or in a public edition its panel) and the hearing's
    participants in the launched spec."""
    launched = latest(entries, Kind.LAUNCHED)
    at_launch = as_dict(as_dict(launched.get("data")).get("people")) if launched else {}
    found: dict[str, str] = {str(user): name.strip() for user, name in at_launch.items()
                             if isinstance(name, str) and name.strip()}
    for told in entries:  # the people notices were sent to, as the directory named them then
        if told.get("kind") == Kind.NOTICE_SENT:
            data = as_dict(told.get("data"))
            if isinstance(data.get("recipient"), str) and isinstance(data.get("name"), str) and data["name"].strip():
                found[data["recipient"]] = data["name"].strip()
    drawn = latest(entries, Kind.PANEL_DRAWN)
    data = as_dict(drawn.get("data")) if drawn else {}
    people = [*(_items(data.get("pool"))), *(_items(data.get("panel")))]
    hearing = as_dict(as_dict(as_dict(_spec(entries).get("stages")).get("public_participation")).get("hearing"))
    people += _items(hearing.get("participants"))
    for person in people:
        if isinstance(person.get("user"), str) and isinstance(person.get("name"), str) and person["name"].strip():
            found[person["user"]] = person["name"].strip()
    return found


def seats_by_user(entries: Entries) -> dict[str, str]:
    """The seat each expert holds or held: drawn at launch, asked for an opinion, drawn as a replacement."""
    seats: dict[str, str] = {}
    drawn = latest(entries, Kind.PANEL_DRAWN)
    for seat in _items(as_dict(drawn.get("data")).get("seats") if drawn else None):
        if isinstance(seat.get("user"), str) and isinstance(seat.get("seat"), str):
            seats[seat["user"]] = seat["seat"]
    for entry in entries:
        if entry.get("kind") in (Kind.OPINION_REQUESTED, Kind.EXPERT_REPLACED):
            data = as_dict(entry.get("data"))
            if isinstance(data.get("expert"), str) and isinstance(data.get("seat"), str):
                seats[data["expert"]] = data["seat"]
    return seats


def _roles(entries: Entries) -> dict[str, set[str]]:
    """trace.roles_by_user, or none when the launch or the draw has a shape no version wrote."""
    try:
        return roles_by_user(entries)
    except (AttributeError, KeyError, TypeError, ValueError):
        return {}


def _spec(entries: Entries) -> dict[str, Any]:
    try:
        return spec_of(entries)
    except (TypeError, ValueError):  # a spec of a shape no version wrote
        return {}


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _safe(entry: Entry | Mapping[str, Any]) -> Entry:
    """The entry with every field the sentence reads present and of its type."""
    data = entry.get("data")
    seq = entry.get("seq")
    return Entry(decision_id=str(entry.get("decision_id") or ""), seq=seq if isinstance(seq, int) else 0,
                 stage=str(entry.get("stage") or ""), kind=str(entry.get("kind") or ""),
                 actor=str(entry.get("actor") or ""), at=str(entry.get("at") or ""),
                 data=data if isinstance(data, dict) else {}, prev_hash=str(entry.get("prev_hash") or ""),
                 hash=str(entry.get("hash") or ""))


# a name in Latin letters is followed by a space before Chinese text ("专家 expert 05 提交"), but
# never before a full-width mark ("expert 05，接替" not "expert 05 ，接替")
SPACE_BEFORE_MARK = re.compile(r" +(?=[，。；：、）！？])")


def _say(entry: Entry, people: People) -> tuple[str, str]:
    phrase = PHRASES.get(entry["kind"])
    if phrase is not None:
        try:
            zh, en = phrase(entry["data"], entry, people)
            return SPACE_BEFORE_MARK.sub("", zh), en
        except (AttributeError, KeyError, TypeError, ValueError, IndexError):  # a shape no version wrote
            pass
    return _named(entry["kind"])


def _named(kind: str) -> tuple[str, str]:
    """An entry no phrase tells (a kind of a later version, or data of a shape no version wrote):
    its kind's name, or the kind made readable."""
    if kind in KIND_LABELS:
        return KIND_LABELS[kind]
    text = readable(kind) or "—"
    return f"记录事项：{text}", f"Entry: {text}"


def _rule(entry: Entry) -> str:
    if entry["kind"] not in REFUSALS:
        return ""
    data = entry["data"]
    if entry["kind"] == Kind.GATE_CLOSED:
        rules = dict.fromkeys(short(r.get("rule"), 12) for r in _items(data.get("refusals")) if r.get("rule"))
        return ", ".join(rules)
    return short(data.get("rule"), 12)
