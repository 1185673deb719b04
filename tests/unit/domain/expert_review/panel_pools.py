"""Expert pools the panel tests draw from: a library of 14 experts over five specialties, four
officials of the sponsor's line department, and one expert removed for misconduct."""

from __future__ import annotations

from juece.domain.expert_review.experts import Expert

SPECIALTIES = ("城市规划", "交通工程", "法律", "经济", "水利")
LINE = "延寿县自然资源局"


def expert(user: str, *specialties: str, official: str | None = None, removed: bool = False) -> Expert:
    return Expert(user, user, specialties, "某大学", official_of=official, removed=removed,
                  removed_reason="失信" if removed else "")


def library() -> list[Expert]:
    experts = [expert(f"e{i:02}", SPECIALTIES[i % 5], SPECIALTIES[(i + 2) % 5]) for i in range(14)]
    experts += [expert(f"o{i}", "城市规划", official=LINE) for i in range(4)]
    return experts + [expert("bad", "法律", removed=True)]
