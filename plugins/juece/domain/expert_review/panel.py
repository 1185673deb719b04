"""The expert panel drawn by rule from the library, reproducibly (R-C2, R-C3, R-C4, R-C5).

Anyone holding the recorded draw (seed, rules and the pool as it stood) can run it again and
get the same seats. The draw first covers every needed specialty (R-C2), then fills the
remaining seats at random; removed experts (R-C4) and interested parties (R-C3) are never
drawn, and officials of the sponsor's line department hold at most a third of the seats (R-C5).

The draw is versioned: `panel_drawn` records the algorithm that chose the seats (a record without
it was drawn by juece-draw/1), and a re-run dispatches on that name. Once archives hold draws made
by a version, its code never changes: a different draw is a new entry in `ALGORITHMS`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from juece.domain.expert_review.experts import Expert
from juece.domain.record.errors import FormError, RuleViolation

DRAW_V1 = "juece-draw/1"


@dataclass(frozen=True)
class PanelRules:
    size: int
    specialties: tuple[str, ...]
    line_department: str | None = None
    interested: frozenset[str] = field(default_factory=frozenset)

    @property
    def official_cap(self) -> int:
        return self.size // 3

    @property
    def needed(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.specialties))

    def is_line_official(self, expert: Expert) -> bool:
        return self.line_department is not None and expert.official_of == self.line_department

    def as_dict(self) -> dict[str, Any]:
        return {"size": self.size, "specialties": list(self.specialties),
                "line_department": self.line_department, "interested": sorted(self.interested)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PanelRules:
        return cls(size=int(data["size"]), specialties=tuple(data.get("specialties") or ()),
                   line_department=data.get("line_department"),
                   interested=frozenset(data.get("interested") or ()))


@dataclass(frozen=True)
class Seat:
    seat: str
    user: str
    covers: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"seat": self.seat, "user": self.user, "covers": list(self.covers)}


@dataclass(frozen=True)
class Draw:
    seed: str
    rules: PanelRules
    pool: tuple[dict[str, Any], ...]
    seats: tuple[Seat, ...]
    excluded: dict[str, str]
    algorithm: str = DRAW_V1

    def as_dict(self) -> dict[str, Any]:
        return {"algorithm": self.algorithm, "seed": self.seed, "rules": self.rules.as_dict(),
                "pool": [dict(p) for p in self.pool], "seats": [s.as_dict() for s in self.seats],
                "excluded": dict(sorted(self.excluded.items()))}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Draw:
        seats = tuple(Seat(s["seat"], s["user"], tuple(s.get("covers") or ())) for s in data["seats"])
        return cls(seed=str(data["seed"]), rules=PanelRules.from_dict(data["rules"]),
                   pool=tuple(dict(p) for p in data["pool"]), seats=seats, excluded=dict(data["excluded"]),
                   algorithm=draw_algorithm(data))

    def experts(self) -> list[Expert]:
        """The pool as it was recorded, exactly (not re-validated against today's library rules)."""
        return [Expert(**{**p, "specialties": tuple(p["specialties"])}) for p in self.pool]


def check_size(size: int) -> None:
    if size < 5 or size % 2 == 0:
        raise RuleViolation("R-C5", f"专家组人数须为不少于5的奇数，实为 {size}",
                            f"the panel must be an odd number of at least 5 experts, got {size}", field="size")


def exclusions(pool: Sequence[Expert], rules: PanelRules) -> dict[str, str]:
    """Who may never be drawn, and the rule that says so."""
    excluded: dict[str, str] = {}
    for expert in pool:
        if expert.removed:
            excluded[expert.user] = "R-C4"
        elif expert.user in rules.interested:
            excluded[expert.user] = "R-C3"
    return excluded


def _sorted_pool(pool: Sequence[Expert]) -> list[Expert]:
    experts = sorted(pool, key=lambda e: e.user)
    for before, after in zip(experts, experts[1:], strict=False):
        if before.user == after.user:
            raise FormError(f"专家库中用户 {after.user} 重复", f"user {after.user} is twice in the library", field="user")
    return experts


def _check_counts(eligible: Sequence[Expert], rules: PanelRules) -> None:
    officials = sum(rules.is_line_official(e) for e in eligible)
    others = len(eligible) - officials
    if len(eligible) < rules.size:
        raise RuleViolation("R-C5", f"可抽取的专家只有 {len(eligible)} 人，专家组需要 {rules.size} 人",
                            f"{len(eligible)} eligible experts for a panel of {rules.size}", field="size")
    if others + min(officials, rules.official_cap) < rules.size:
        need = rules.size - rules.official_cap
        raise RuleViolation(
            "R-C5", f"{rules.line_department} 的公职人员至多 {rules.official_cap} 人，须至少 {need} 名其他专家，只有 {others} 名",
            f"officials of {rules.line_department} may hold at most {rules.official_cap} seats: "
            f"{need} other experts are needed, there are {others}", field="size")


def _fill(chosen: list[Expert], eligible: Sequence[Expert], rules: PanelRules, rng: random.Random) -> None:
    taken = {e.user for e in chosen}
    officials = sum(rules.is_line_official(e) for e in chosen)
    while len(chosen) < rules.size:
        allowed = [e for e in eligible if e.user not in taken
                   and (officials < rules.official_cap or not rules.is_line_official(e))]
        pick = rng.choice(allowed)
        chosen.append(pick)
        taken.add(pick.user)
        officials += rules.is_line_official(pick)


def _seat(name: str, expert: Expert, rules: PanelRules) -> Seat:
    return Seat(name, expert.user, tuple(s for s in rules.needed if s in expert.specialties))


def coverage_failure(experts: Sequence[Expert], eligible: Sequence[Expert], excluded: Mapping[str, str],
                     rules: PanelRules) -> None:
    """Refuse a needed specialty that no drawable expert has, saying why its holders are out."""
    held = {s for e in eligible for s in e.specialties}
    for specialty in rules.needed:
        if specialty in held:
            continue
        holders = [e.user for e in experts if specialty in e.specialties]
        removed = sum(excluded.get(u) == "R-C4" for u in holders)
        interested = sum(excluded.get(u) == "R-C3" for u in holders)
        raise RuleViolation(
            "R-C2", f"专业 {specialty} 没有可抽取的专家：库中持有者 {len(holders)} 人，"
            f"其中已除名 {removed} 人（R-C4），利害关系人 {interested} 人（R-C3）",
            f"no drawable expert in {specialty}: {len(holders)} in the library, "
            f"{removed} removed (R-C4), {interested} interested parties (R-C3)", field="specialties")


def greedy_cover(eligible: Sequence[Expert], rules: PanelRules, rng: random.Random) -> list[Expert] | None:
    """One member per specialty not yet covered, non-officials of the line department first."""
    chosen: list[Expert] = []
    officials = 0
    for specialty in rules.needed:
        if any(specialty in e.specialties for e in chosen):
            continue
        holders = [e for e in eligible if specialty in e.specialties and e not in chosen]
        others = [e for e in holders if not rules.is_line_official(e)]
        if not others and officials >= rules.official_cap:
            return None
        pick = rng.choice(others or holders)
        officials += rules.is_line_official(pick)
        chosen.append(pick)
    return chosen if len(chosen) <= rules.size else None


def find_cover(eligible: Sequence[Expert], rules: PanelRules, rng: random.Random) -> list[Expert]:
    """The smallest cover within the seats and the officials' cap (breadth first over which
    specialties are covered), or the R-C2 refusal when none exists."""
    needed = rules.needed
    profiles: dict[tuple[int, int], list[Expert]] = {}
    for expert in eligible:
        mask = sum(1 << i for i, s in enumerate(needed) if s in expert.specialties)
        if mask:
            profiles.setdefault((mask, int(rules.is_line_official(expert))), []).append(expert)
    full = (1 << len(needed)) - 1
    frontier: dict[tuple[int, int], list[tuple[int, int]]] = {(0, 0): []}
    seen = set(frontier)
    for _ in range(rules.size):
        following: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for (mask, officials), path in frontier.items():
            for key in profiles:
                state = (mask | key[0], officials + key[1])
                if state[0] == mask or state[1] > rules.official_cap or state in seen:
                    continue
                if state[0] == full:
                    return [rng.choice(profiles[k]) for k in [*path, key]]
                seen.add(state)
                following[state] = [*path, key]
        frontier = following
    raise _uncoverable(eligible, rules)


def _uncoverable(eligible: Sequence[Expert], rules: PanelRules) -> RuleViolation:
    only_officials = [s for s in rules.needed
                      if all(rules.is_line_official(e) for e in eligible if s in e.specialties)]
    named = only_officials or list(rules.needed)
    holders = sum(any(s in e.specialties for s in named) for e in eligible)
    cap_zh = f"，{rules.line_department} 的公职人员至多 {rules.official_cap} 人" if rules.line_department else ""
    cap_en = f" with at most {rules.official_cap} officials of {rules.line_department}" if rules.line_department else ""
    return RuleViolation(
        "R-C2", f"无法以 {rules.size} 名专家{cap_zh}覆盖专业 {'、'.join(named)}：可抽取的持有者 {holders} 人",
        f"the specialties {', '.join(named)} cannot all be covered by {rules.size} members{cap_en}: "
        f"{holders} drawable holders", field="specialties")

def _draw_v1(experts: Sequence[Expert], rules: PanelRules, seed: str) -> tuple[list[Expert], dict[str, str]]:
    """juece-draw/1: the members, in seat order, and who was excluded, from the pool sorted by user."""
    excluded = exclusions(experts, rules)
    eligible = [e for e in experts if e.user not in excluded]
    coverage_failure(experts, eligible, excluded, rules)
    _check_counts(eligible, rules)
    rng = random.Random(f"{seed}")
    chosen = greedy_cover(eligible, rules, rng)
    if chosen is None:
        chosen = find_cover(eligible, rules, rng)
    _fill(chosen, eligible, rules, rng)
    return chosen, excluded


Algorithm = Callable[[Sequence[Expert], PanelRules, str], tuple[list[Expert], dict[str, str]]]
ALGORITHMS: dict[str, Algorithm] = {DRAW_V1: _draw_v1}
CURRENT_DRAW = DRAW_V1


def draw_algorithm(recorded: Mapping[str, Any]) -> str:
    """The algorithm a recorded draw names; a record without the field was drawn by juece-draw/1."""
    return str(recorded.get("algorithm", DRAW_V1))


def draw_panel(pool: Sequence[Expert], rules: PanelRules, seed: str, algorithm: str | None = None) -> Draw:
    """Draw the panel with ``algorithm`` (today's when not named); the same pool (in any order),
    rules, seed and algorithm give the same seats."""
    version = algorithm or CURRENT_DRAW
    if version not in ALGORITHMS:
        raise FormError(f"未知的抽取算法 {version}", f"unknown draw algorithm {version}", field="algorithm")
    check_size(rules.size)
    experts = _sorted_pool(pool)
    chosen, excluded = ALGORITHMS[version](experts, rules, seed)
    seats = tuple(_seat(f"seat_{n}", e, rules) for n, e in enumerate(chosen, start=1))
    return Draw(str(seed), rules, tuple(e.as_dict() for e in experts), seats, excluded, version)


def redraw_matches(recorded: Mapping[str, Any]) -> bool:
    """Whether running the recorded draw again, with the algorithm it names, gives the recorded seats."""
    try:
        draw = Draw.from_dict(recorded)
        again = draw_panel(draw.experts(), draw.rules, draw.seed, draw.algorithm)
    except (RuleViolation, KeyError, TypeError, ValueError):
        return False
    return again.seats == draw.seats and again.excluded == draw.excluded


def draw_replacement(draw: Draw, active: Sequence[str], unavailable: Iterable[str], seat: str, n: int,
                     removed_now: Iterable[str] = ()) -> Seat:
    """A member for a vacated seat, drawn from the recorded pool with its own derived seed."""
    rules = draw.rules
    experts = draw.experts()
    by_user = {e.user: e for e in experts}
    members = [by_user[u] for u in active if u in by_user]
    barred = set(active) | set(unavailable) | set(draw.excluded) | set(removed_now) | {s.user for s in draw.seats}
    covered = {s for e in members for s in e.specialties}
    uncovered = [s for s in rules.needed if s not in covered]
    officials_full = sum(rules.is_line_official(e) for e in members) >= rules.official_cap
    candidates = [e for e in experts if e.user not in barred and not e.removed
                  and not (officials_full and rules.is_line_official(e))]
    if not candidates:
        raise RuleViolation("R-C5", f"专家库中已无可替补 {seat} 的专家（在任 {len(members)} 人，已排除 {len(barred)} 人）",
                            f"no expert left in the pool to fill {seat} ({len(members)} active, {len(barred)} barred)",
                            field="seat")
    if uncovered:
        candidates = _best_covering(candidates, uncovered, rules, seat)
    pick = random.Random(f"{draw.seed}/replacement/{n}").choice(candidates)
    return _seat(seat, pick, rules)


def _best_covering(candidates: list[Expert], uncovered: list[str], rules: PanelRules, seat: str) -> list[Expert]:
    def score(e: Expert) -> int:
        return sum(s in e.specialties for s in uncovered)

    best = max(score(e) for e in candidates)
    if best == 0:
        missing = "、".join(uncovered)
        raise RuleViolation("R-C2", f"替补 {seat} 须覆盖专业 {missing}，专家库中已无可抽取的该专业专家",
                            f"the replacement for {seat} must cover {', '.join(uncovered)}; no drawable expert has it",
                            field="specialties")
    top = [e for e in candidates if score(e) == best]
    return [e for e in top if not rules.is_line_official(e)] or top
