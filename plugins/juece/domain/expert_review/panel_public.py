"""The panel draw as the public edition shows it (R-H6), and what can be checked of it.

`panel_drawn` records the whole candidate pool so that anyone holding it can re-run the draw
(R-C2..R-C5). The pool is the expert library as it stood: every expert's name, affiliation,
integrity note, and for those removed for misconduct the reason and date of removal (R-C4).
The public may see none of that about people who were not drawn. The public edition keeps:

- the seed, the rules and the seats, as drawn;
- the pool as the SHA-256 of its canonical JSON (`pool_sha256`) and its size: whoever holds the
  pool (the restricted full edition, the records DB) can confirm it is the one drawn from and
  re-run the draw; `juece verify` does so against the records DB when it can reach it;
- how many experts were barred, by rule (`excluded_count`), not who;
- `panel`: the experts who hold or held a seat (drawn at launch, or later as replacements),
  with the fields in PANEL_FIELDS only.

Why these fields and no more: experts sign their opinions by name (R-C1), so a seated expert's
name is public by the act itself, with the specialties the seat was drawn for. The affiliation
is already public: the published announcement names every expert by name, affiliation and
specialty (`panel_record.expert_described`), and it is what the public needs to check the
panel's neutrality (no expert with a direct interest, R-C3); `official_of` likewise shows the
cap on the sponsor's line department (at most a third of the seats, R-C5). An expert sits in a
professional capacity and nothing private about them is published. The account id stays only
to tie the listed name to the seats, opinions and signatures the record keeps under it; the
public key is public by nature and lets a reader check each signature against the key the
panel was drawn with. Integrity notes, removal reasons and dates, and every candidate not
drawn, never appear.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from juece.domain.record.ledger import canonical_json

PANEL_FIELDS = ("user", "name", "specialties", "affiliation", "official_of", "public_key")
WITHHELD = ("pool", "excluded")  # replaced by pool_sha256 / pool_size and excluded_count
HEX64 = re.compile(r"[0-9a-f]{64}")


def pool_digest(pool: Any) -> str:
    """The SHA-256 of the pool's canonical JSON (as `panel_drawn` records it)."""
    return hashlib.sha256(canonical_json(pool)).hexdigest()


def public_draw(data: Mapping[str, Any], seated: Iterable[str]) -> dict[str, Any]:
    """A recorded draw as the public edition keeps it; ``seated`` are the users who hold or
    held a seat of this panel."""
    pool = data.get("pool")
    members = [member for member in pool if isinstance(member, dict)] if isinstance(pool, list) else []
    holders = set(seated)
    excluded = data.get("excluded")
    counts = Counter(str(rule) for rule in excluded.values()) if isinstance(excluded, dict) else Counter()
    public = {key: value for key, value in data.items() if key not in WITHHELD}
    public.update({
        "pool_sha256": pool_digest(pool),
        "pool_size": len(pool) if isinstance(pool, list) else 0,
        "excluded_count": dict(sorted(counts.items())),
        "panel": [{key: member[key] for key in PANEL_FIELDS if key in member}
                  for member in members if member.get("user") in holders],
    })
    return public


def is_public_draw(data: Any) -> bool:
    """Whether a recorded draw is the public form: its pool withheld, kept as a hash."""
    return isinstance(data, dict) and "pool" not in data and "pool_sha256" in data


def public_draw_problems(data: Mapping[str, Any]) -> list[str]:
    """What can be checked of a draw whose pool is withheld, in plain words; [] when it holds:
    the pool's hash is a SHA-256, and every seat is held by a listed member of the panel who
    has the specialties the seat was drawn to cover."""
    problems: list[str] = []
    if not HEX64.fullmatch(str(data.get("pool_sha256", ""))):
        problems.append("the candidate pool's SHA-256 is not 64 lowercase hex digits")
    panel = data.get("panel")
    seats = data.get("seats")
    if not isinstance(panel, list) or not isinstance(seats, list):
        return [*problems, "the public form of the draw lists no panel or no seats"]
    listed = {member["user"]: member for member in panel
              if isinstance(member, dict) and isinstance(member.get("user"), str)}
    for seat in seats:
        if not isinstance(seat, dict):
            problems.append("a seat of the draw is not an object")
            continue
        problem = _seat_problem(seat, listed)
        if problem:
            problems.append(problem)
    size = data.get("pool_size")
    if not isinstance(size, int) or size < len(seats):
        problems.append("the candidate pool's size is smaller than the panel")
    return problems


def _seat_problem(seat: Mapping[str, Any], listed: Mapping[str, Mapping[str, Any]]) -> str | None:
    """What is wrong with a seat, None when a listed member holds it with the specialties it
    covers; a holder or specialties recorded as anything but text do not match (a damaged
    record is a finding, not a crash)."""
    user = seat.get("user")
    member = listed.get(user) if isinstance(user, str) else None
    if member is None:
        return f"{seat.get('seat')} is held by {user}, who is not in the listed panel"
    covers, specialties = _names(seat.get("covers")), _names(member.get("specialties"))
    if covers is None or specialties is None or not covers <= specialties:
        return f"{seat.get('seat')} covers specialties its holder {user} is not listed with"
    return None


def _names(value: Any) -> set[str] | None:
    """A recorded list of specialties as a set (none when absent); None when it is not a list of text."""
    if value is None:
        return set()
    if isinstance(value, list) and all(isinstance(name, str) for name in value):
        return set(value)
    return None
