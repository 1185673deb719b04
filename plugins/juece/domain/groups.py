"""Groups of people who hold a role together (``group:<name>`` in a spec, spec/roles.py): a sponsor
office of several clerks, a legality office of several reviewers. Any member may answer the role's
task; the member who answered is the one recorded (R-H5: who did what, traceable for life)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from juece.domain.record.errors import RuleViolation
from juece.spec.roles import GROUP_PREFIX, group_name


@dataclass(frozen=True)
class Group:
    name: str
    members: tuple[str, ...]
    zh: str = ""  # display name, e.g. 承办科室
    en: str = ""  # e.g. sponsor office

    @property
    def role(self) -> str:
        """How a spec names the group: ``group:<name>``."""
        return f"{GROUP_PREFIX}{self.name}"

    @property
    def called(self) -> str:
        """The group as pages and notices name it: "承办科室 sponsor office"."""
        return " ".join(part for part in (self.zh, self.en) if part) or f"{self.name} 组 group"


class GroupLookup(Protocol):
    """Where groups come from (adapters/notify/groups.py): a group by its name, or None."""

    def get(self, name: str, /) -> Group | None: ...


class UnknownGroup(LookupError):
    """A role naming a group the directory does not know, or one without members; Chinese first."""

    def __init__(self, name: str, empty: bool = False) -> None:
        if empty:
            zh, en = f"组“{name}”没有成员，无人可以办理", f"the group {name!r} has no members: nobody can act"
        else:
            zh, en = f"人员名录中没有组“{name}”", f"the people directory has no group {name!r}"
        super().__init__(f"{zh} / {en}")
        self.name, self.zh, self.en = name, zh, en


def holders(role: str, groups: GroupLookup) -> tuple[str, ...]:
    """The user ids who hold ``role``: the user it names, or every member of the group it names."""
    name = group_name(role)
    if name is None:
        return (role,)
    group = groups.get(name)
    if group is None:
        raise UnknownGroup(name)
    if not group.members:
        raise UnknownGroup(name, empty=True)
    return group.members


def holds(role: str | None, user: str, groups: GroupLookup) -> bool:
    """Whether ``user`` holds ``role``: is the user it names, or a member of the group it names."""
    if not role or not user:
        return False
    name = group_name(role)
    if name is None:
        return user == role
    group = groups.get(name)
    return group is not None and user in group.members


def require_holder(role: str, user: str, groups: GroupLookup) -> None:
    """R-H5: an answer counts only from whoever holds the task's role; anyone else is refused."""
    if holds(role, user, groups):
        return
    name = group_name(role)
    group = groups.get(name) if name is not None else None  # a user role is not looked up
    who_zh, who_en = (f"{group.called}的成员", f"a member of {group.called}") if group else (role, role)
    raise RuleViolation("R-H5", f"只有{who_zh}可以办理本任务，{user} 不可以",
                        f"only {who_en} may answer this task, not {user}")


def called(role: str, groups: GroupLookup) -> str:
    """A role's holder as a page names it: a group by its display name (never ``group:…``), a
    user by the id."""
    name = group_name(role)
    if name is None:
        return role
    group = groups.get(name)
    return group.called if group else Group(name, ()).called


def expand(roles: Iterable[str], groups: GroupLookup) -> set[str]:
    """The people behind ``roles``: users as they are, groups by their members (unknown: none)."""
    found: set[str] = set()
    for role in roles:
        name = group_name(role)
        group = groups.get(name) if name is not None else None
        found |= set(group.members) if group else ({role} if name is None else set())
    return found
