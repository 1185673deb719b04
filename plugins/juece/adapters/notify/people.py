"""The people directory (JUECE_PEOPLE_FILE): who a user id is — name, e-mail, IM id — from a YAML
list of mappings or a CSV with a header row, columns ``user, name, email, im``. The file is outside
input: read bounded, every row checked, a bad one refused naming its row and field."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import yaml

from juece import config
from juece.domain.notices.people import Person

MAX_BYTES = 2 * 1024 * 1024
FIELDS = ("user", "name", "email", "im")
LIMITS = {"user": 200, "name": 100, "email": 254, "im": 200}
EMAIL = re.compile(r"[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"'.]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class PeopleFileError(ValueError):
    """A people file that cannot be read or has a bad row; the message is Chinese first with English."""


def load_people(path: str | Path) -> dict[str, Person]:
    """Every person in the file by user id."""
    text = _read(Path(path))
    rows = _csv_rows(text) if Path(path).suffix.lower() == ".csv" else _yaml_rows(text)
    people: dict[str, Person] = {}
    for n, row in enumerate(rows, 1):
        found = _person(n, row)
        if found.user in people:
            raise _bad(n, "user", f"用户 {found.user} 重复", f"user {found.user} is listed twice")
        people[found.user] = found
    return people


def directory_from_settings() -> dict[str, Person]:
    """The directory JUECE_PEOPLE_FILE names; empty when unset."""
    path = config.people_file()
    return load_people(path) if path else {}


def _read(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise PeopleFileError(f"无法读取人员名录 cannot read the people file {path}: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise PeopleFileError(f"人员名录超过 {MAX_BYTES // 1024} KB the people file {path} is larger than "
                              f"{MAX_BYTES // 1024} KB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PeopleFileError(f"人员名录须为 UTF-8 编码 the people file {path} is not UTF-8 text") from None


def _yaml_rows(text: str) -> list[Any]:
    try:
        rows = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"第{mark.line + 1}行 line {mark.line + 1}" if mark else ""
        raise PeopleFileError(f"人员名录不是有效的 YAML the people file is not valid YAML {where}".strip()) from None
    if rows is None:
        return []
    if not isinstance(rows, list):
        raise PeopleFileError("人员名录须为人员列表 the people file must be a list of people "
                              "(- user: …, name: …, email: …, im: …)")
    return rows


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
