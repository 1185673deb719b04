"""Where groups come from: who the members of ``group:<name>`` are, and what the group is called.

The embedded default reads the ``groups:`` mapping of the people directory (JUECE_PEOPLE_FILE, a
YAML file whose people are then under ``people:``)::

    groups:
      sponsor-office:
        name: 承办科室
        name_en: sponsor office
        members: [sponsor_office, clerk_li]

A group is read when a task of its role runs, when a page or a command asks whether someone holds
the role, never when a DAG is parsed: a change of staff takes effect at the next task.

In production the same interface (``GroupDirectory``: a group by its name) is backed by the auth
manager's groups instead of a file: with the FAB auth manager, one role per group whose users are
its members (the role's description the display name); with LDAP, the directory groups the
login is checked against (``memberOf``), one LDAP group per ``group:<name>``. Only
``groups_from_settings`` changes; specs, records and checks stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from juece import config
from juece.adapters.notify.people_file import PeopleFileError, is_csv, read_yaml
from juece.domain.groups import Group, called, expand, holds
from juece.spec.roles import GROUP_NAME, group_name

FIELDS = ("name", "name_en", "members")
MAX_MEMBERS = 500
MAX_NAME = 100
USER = re.compile(r"\S{1,200}")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class GroupDirectory(Protocol):
    """A group by its name, or None; a ``dict[str, Group]`` is one."""

    def get(self, name: str, /) -> Group | None: ...


def load_groups(path: str | Path) -> dict[str, Group]:
    """The groups of a people file by name; a CSV file, or a YAML list of people, has none."""
    if is_csv(path):
        return {}
    document = read_yaml(Path(path))
    if not isinstance(document, dict) or document.get("groups") is None:
        return {}
    raw = document["groups"]
    if not isinstance(raw, dict):
        raise PeopleFileError("人员名录的 groups 须为“组名: 组”的映射 / the people file's `groups` must be a mapping "
                              "of group name to group (name, name_en, members)")
    return {str(name): _group(name, value) for name, value in raw.items()}


def groups_from_settings() -> dict[str, Group]:
    """The groups of the directory JUECE_PEOPLE_FILE names; none when unset."""
    path = config.people_file()
    if not path:
        return {}
    try:
        stamp = Path(path).stat()
    except OSError:
        return load_groups(path)  # refused there, naming the file
    return _cached(str(path), stamp.st_mtime_ns, stamp.st_size)


@lru_cache(maxsize=4)
def _cached(path: str, _mtime: int, _size: int) -> dict[str, Group]:
    return load_groups(path)


def holds_role(role: str | None, user: str) -> bool:
    """Whether ``user`` holds ``role`` (a user id, or ``group:<name>`` read from the directory).
    A user role never reads the directory; a group role with the directory refused holds nobody."""
    if group_name(role) is None:
        return holds(role, user, {})
    try:
        return holds(role, user, groups_from_settings())
    except PeopleFileError:
        return False


def people_behind(roles: Iterable[str]) -> set[str]:
    """The people who hold ``roles``: users as they are, each group by its members (a group the
    directory does not know adds nobody; a directory refused is refused here too)."""
    roles = list(roles)
    if all(group_name(role) is None for role in roles):
        return set(roles)
    return expand(roles, groups_from_settings())


def role_called(role: str) -> str:
    """How pages and messages name the holder of ``role``: a group by its display name."""
    if group_name(role) is None:
        return role
    try:
        return called(role, groups_from_settings())
    except PeopleFileError:
        return called(role, {})


def _group(name: Any, value: Any) -> Group:
    if not isinstance(name, str) or not GROUP_NAME.fullmatch(name):
        raise _bad(name, "—", "组名须为小写字母、数字、- 或 _（至多63个字符）",
                   "a group name is lowercase letters, digits, - or _ (at most 63 characters)")
    if not isinstance(value, dict):
        raise _bad(name, "—", "须为映射（name、name_en、members）", "must be a mapping (name, name_en, members)")
    for key in value:
        if key not in FIELDS:
            raise _bad(name, str(key), "不是可用字段（可用：name、name_en、members）",
                       "is not a field (fields: name, name_en, members)")
    members = value.get("members")
    if not isinstance(members, list) or len(members) > MAX_MEMBERS:
        raise _bad(name, "members", f"须为用户名列表（至多{MAX_MEMBERS}人）",
                   f"must be a list of user ids (at most {MAX_MEMBERS})")
    for member in members:
        if not isinstance(member, str) or not USER.fullmatch(member) or member.startswith("group:"):
            raise _bad(name, "members", f"“{member}”不是用户名（不含空白，不能是组）",
                       f"{member!r} is not a user id (no spaces, not a group)")
    if len(set(members)) != len(members):
        raise _bad(name, "members", "成员重复", "lists a member twice")
    return Group(name, tuple(members), _text(name, "name", value.get("name")), _text(name, "name_en", value.get("name_en")))


def _text(group: str, key: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value.strip()) > MAX_NAME or CONTROL.search(value):
        raise _bad(group, key, f"须为文本（至多{MAX_NAME}字符，无控制字符）",
                   f"must be text (at most {MAX_NAME} characters, no control characters)")
    return value.strip()


def _bad(group: Any, field: str, zh: str, en: str) -> PeopleFileError:
    return PeopleFileError(f"人员名录的组 {group} 的 {field} {zh} / the people file, group {group}, field {field}: {en}")
