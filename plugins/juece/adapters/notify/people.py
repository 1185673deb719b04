"""The people directory (JUECE_PEOPLE_FILE): who a user id is — name, e-mail, IM id — from a YAML
list of mappings or a CSV with a header row, columns ``user, name, email, im``. A YAML file may
instead be a mapping with that list under ``people:`` and the groups under ``groups:``
(adapters/notify/groups.py). The file is outside input: read bounded, every row checked, a bad one
refused naming its row and field."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from juece import config
from juece.adapters.notify.groups import load_groups
from juece.adapters.notify.people_file import (
    MAX_BYTES,
    PeopleFileError,
    is_csv,
    read_text,
    read_yaml,
)
from juece.domain.notices.people import Person

FIELDS = ("user", "name", "email", "im")
LIMITS = {"user": 200, "name": 100, "email": 254, "im": 200}
EMAIL = re.compile(r"[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"'.]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
__all__ = ["MAX_BYTES", "PeopleFileError", "directory_from_settings", "load_people"]
SECTIONS = {"people", "groups"}  # a YAML file may be a mapping of these two instead of a list


def load_people(path: str | Path) -> dict[str, Person]:
    """Every person in the file by user id."""
    rows = _csv_rows(read_text(Path(path))) if is_csv(path) else _yaml_rows(read_yaml(Path(path)))
    people: dict[str, Person] = {}
    for n, row in enumerate(rows, 1):
        found = _person(n, row)
        if found.user in people:
            raise _bad(n, "user", f"用户 {found.user} 重复", f"user {found.user} is listed twice")
        people[found.user] = found
    return people


def directory_from_settings() -> dict[str, Person]:
    """The directory JUECE_PEOPLE_FILE names, its groups included as ``group:<name>`` named by their
    display name (pages and notices name a group so, never by its id); empty when unset."""
    path = config.people_file()
    if not path:
        return {}
    named = {group.role: Person(group.role, group.called) for group in load_groups(path).values()}
    return {**load_people(path), **named}


def _yaml_rows(document: Any) -> list[Any]:
    """The rows: the document itself (a list), or its ``people:`` beside its ``groups:``."""
    if isinstance(document, dict) and set(document) <= SECTIONS:
        document = document.get("people")
    if document is None:
        return []
    if not isinstance(document, list):
        raise PeopleFileError("人员名录须为人员列表，或含 people: 与 groups: 的映射 the people file must be a list of "
                              "people (- user: …, name: …, email: …, im: …) or a mapping with `people:` and `groups:`")
    return document


def _csv_rows(text: str) -> list[Any]:
    reader = csv.DictReader(io.StringIO(text), restkey="(extra)")
    header = [name.strip() for name in reader.fieldnames or []]
    if "user" not in header:
        raise PeopleFileError("人员名录缺少 user 列 the people file has no `user` column in its header row")
    reader.fieldnames = header
    return [{key: value for key, value in row.items() if value not in (None, "")} for row in reader]


def _person(n: int, row: Any) -> Person:
    if not isinstance(row, dict):
        raise _bad(n, "—", "须为字段映射", "must be a mapping of fields (user, name, email, im)")
    for key in row:
        if key not in FIELDS:
            raise _bad(n, str(key), "不是可用字段（可用：user、name、email、im）",
                       "is not a field (fields: user, name, email, im)")
    values = {key: _text(n, key, row.get(key)) for key in FIELDS}
    if not values["user"] or any(c.isspace() for c in values["user"]):
        raise _bad(n, "user", "须为不含空白的用户名", "must be a user id without spaces")
    if values["email"] and not EMAIL.fullmatch(values["email"]):
        raise _bad(n, "email", "不是有效的电子邮箱地址", "is not an e-mail address")
    return Person(**values)


def _text(n: int, key: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _bad(n, key, "须为文本", "must be text")
    value = value.strip()
    if len(value) > LIMITS[key] or CONTROL.search(value):
        raise _bad(n, key, f"过长（至多{LIMITS[key]}字符）或含控制字符",
                   f"is longer than {LIMITS[key]} characters or holds control characters")
    return value


def _bad(n: int, field: str, zh: str, en: str) -> PeopleFileError:
    return PeopleFileError(f"人员名录第{n}条的 {field} {zh} / the people file, row {n}, field {field}: {en}")
