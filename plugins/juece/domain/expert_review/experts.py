"""The expert library (专家库, R-C4): who may be drawn, with specialties, integrity and removal.

Rows come from CSV (every value a string) or YAML (typed values); both are read here so that
an error names the file, the row and the field, in Chinese and English.
"""

from __future__ import annotations

import base64
import binascii
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from juece.domain.record import sm2
from juece.domain.record.errors import FormError, RuleViolation
from juece.spec.roles import group_name

FIELDS = ("user", "name", "specialties", "affiliation", "official_of", "integrity",
          "removed", "removed_reason", "removed_on", "public_key")
REQUIRED = ("user", "name", "specialties", "affiliation")
USER_ID = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
SPECIALTY_SEPARATORS = re.compile(r"[;；、,，]")
TRUE_WORDS = {"true", "yes", "是", "1"}
FALSE_WORDS = {"false", "no", "否", "0"}


@dataclass(frozen=True)
class Expert:
    user: str
    name: str
    specialties: tuple[str, ...]
    affiliation: str
    official_of: str | None = None
    integrity: str = ""
    removed: bool = False
    removed_reason: str = ""
    removed_on: str | None = None
    public_key: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["specialties"] = list(self.specialties)
        return data


def is_public_key(value: str) -> bool:
    """Whether ``value`` is the base64 of a 32-byte Ed25519 public key or of an SM2
    SubjectPublicKeyInfo (GB/T 35276)."""
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return len(raw) == 32 or (raw[:1] == b"\x30" and sm2.is_sm2_public(raw))


class _Row:
    """One row being read: knows where it is so every refusal can say so."""

    def __init__(self, data: Mapping[str, Any], source: str, number: int, csv_line: bool) -> None:
        self.data, self.source, self.number = data, source, number
        self.where_zh = f"{source}:{number}" if csv_line else f"{source} 第{number}项"
        self.where_en = f"{source}:{number}" if csv_line else f"{source} item {number}"

    def refuse(self, field: str, zh: str, en: str, rule: str | None = None) -> RuleViolation:
        """A form error in this row; with ``rule``, what that rule asks of a library row (R-C4:
        specialties, the integrity record, removal with its reason)."""
        zh, en = f"{self.where_zh}：字段 {field}：{zh}", f"{self.where_en}: field {field}: {en}"
        return RuleViolation(rule, zh, en, field=field) if rule else FormError(zh, en, field=field)

    def text(self, field: str, required: bool = False) -> str | None:
        value = self.data.get(field)
        if isinstance(value, date):
            value = value.isoformat()
        if value is not None and not isinstance(value, str):
            raise self.refuse(field, f"应为文本，实为 {value!r}", f"must be text, got {value!r}")
        value = (value or "").strip() or None
        if required and value is None:
            raise self.refuse(field, "不能为空", "is required")
        return value

    def flag(self, field: str) -> bool:
        value = self.data.get(field)
        if value is None or isinstance(value, bool):
            return bool(value)
        word = str(value).strip().lower()
        if word in TRUE_WORDS | FALSE_WORDS or word == "":
            return word in TRUE_WORDS
        raise self.refuse(field, f"应为 是/否（true/false），实为 {value!r}", f"must be true or false, got {value!r}")

    def specialties(self) -> tuple[str, ...]:
        value = self.data.get("specialties")
        if isinstance(value, str):
            items: list[Any] = SPECIALTY_SEPARATORS.split(value)
        elif isinstance(value, list | tuple):
            items = list(value)
        elif value is None:
            items = []
        else:
            raise self.refuse("specialties", "应为列表或以分号分隔的文本", "must be a list or text separated by `;`")
        if not all(isinstance(item, str) for item in items):
            raise self.refuse("specialties", "每个专业应为文本", "every specialty must be text")
        names = tuple(dict.fromkeys(item.strip() for item in items if item.strip()))
        if not names:
            raise self.refuse("specialties", "至少需要一个专业", "at least one specialty is required", "R-C4")
        return names

    def day(self, field: str) -> str | None:
        value = self.text(field)
        if value is None:
            return None
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise self.refuse(field, f"日期格式应为 YYYY-MM-DD，实为 {value!r}",
                              f"must be a date YYYY-MM-DD, got {value!r}") from None


def _check_columns(row: _Row) -> None:
    for key in row.data:
        if key in FIELDS:
            continue
        if key is None:
            raise row.refuse("?", "该行的值多于列名", "the row has more values than the header has columns")
        near = difflib.get_close_matches(str(key), FIELDS, n=1)
        hint_zh = f"；您是否想写 `{near[0]}`？" if near else f"；可用的列：{', '.join(FIELDS)}"
        hint_en = f"; did you mean `{near[0]}`?" if near else f"; valid columns: {', '.join(FIELDS)}"
        raise row.refuse(str(key), f"未知的列 `{key}`{hint_zh}", f"unknown column `{key}`{hint_en}")


def _expert(row: _Row) -> Expert:
    _check_columns(row)
    user = row.text("user", required=True) or ""
    if group_name(user) is not None:  # an expert reviews and signs in person (R-C1): a seat is never a group
        raise row.refuse("user", f"专家须为本人（一个用户），不能是一组人（{user}）",
                         f"an expert must be one person (a user id), not a group ({user})", "R-C1")
    if not USER_ID.match(user):
        raise row.refuse("user", f"用户名 {user!r} 只能由字母、数字和 _.@- 组成（至多64个字符）",
                         f"user id {user!r} may only use letters, digits and _.@- (at most 64)")
    removed = row.flag("removed")
    reason = row.text("removed_reason") or ""
    removed_on = row.day("removed_on")
    if removed and not reason:
        raise row.refuse("removed_reason", "除名须写明理由", "a removed expert needs the reason for removal", "R-C4")
    if not removed and (reason or removed_on):
        raise row.refuse("removed", "写明了除名理由或日期，但未标注除名", "a removal reason or date is given but removed is false",
                         "R-C4")
    key = row.text("public_key")
    if key is not None and not is_public_key(key):
        raise row.refuse("public_key", "公钥应为32字节 Ed25519 公钥或 SM2 公钥（SubjectPublicKeyInfo）的 base64",
                         "must be the base64 of a 32-byte Ed25519 key or of an SM2 SubjectPublicKeyInfo")
    return Expert(user=user, name=row.text("name", required=True) or "", specialties=row.specialties(),
                  affiliation=row.text("affiliation", required=True) or "", official_of=row.text("official_of"),
                  integrity=row.text("integrity") or "", removed=removed, removed_reason=reason,
                  removed_on=removed_on, public_key=key)


def parse_experts(rows: Iterable[Mapping[str, Any]], source: str, *,
                  lines: Sequence[int] | None = None) -> list[Expert]:
    """Read library rows; a ``.csv`` source counts CSV lines (header on line 1) unless ``lines``
    gives each row's line, any other source counts items from 1."""
    csv_line = source.lower().endswith(".csv") or lines is not None
    experts: list[Expert] = []
    seen: dict[str, int] = {}
    for index, data in enumerate(rows):
        if not isinstance(data, Mapping):
            raise _Row({}, source, index + 1, False).refuse("-", "每项应为一个专家的字段表", "each item must be a mapping of fields")
        number = lines[index] if lines is not None else index + (2 if csv_line else 1)
        row = _Row(data, source, number, csv_line)
        expert = _expert(row)
        if expert.user in seen:
            raise row.refuse("user", f"用户 {expert.user} 重复（已见于第{seen[expert.user]}行/项）",
                             f"duplicate user {expert.user} (already at row/item {seen[expert.user]})")
        seen[expert.user] = number
        experts.append(expert)
    return experts
