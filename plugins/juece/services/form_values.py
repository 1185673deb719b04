"""The launch form's values (services/spec_form.py): each a string under its posted name, read from a
template's data to show, read from a posted form within bounds, and turned back into a spec's data.

Posted names: a field's own name; a table's cell ``name.row.column``; a grid's cell ``name.row.column``;
an optional section's box the section's dotted path (``stages.public_participation.hearing``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from juece.domain.participation.draft import paragraphs
from juece.services.spec_form import BLANK_ROWS, MAX_ROWS, Field, spec_form
from juece.spec.base import CHINA
from juece.spec.loader import Location
from juece.spec.models import FIELD_RULES, STAGE_FIELD_RULES
from juece.spec.risk_matrix import SIZE

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
REFUSED, EMPTY = object(), object()  # a value refused at its field; a field left empty (the spec's default)
ON = "on"
MOMENT = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})")


@dataclass(frozen=True)
class Issue:
    field: str | None  # the form field (or section) it is shown beside; None: in the summary alone
    rule: str | None
    zh: str
    en: str


@dataclass
class Filled:
    values: dict[str, str]
    issues: list[Issue] = field(default_factory=list)
    spec: Any = None  # the DecisionSpec, once the values make one
    text: str = ""

    def at(self, name: str) -> list[Issue]:
        return [issue for issue in self.issues if issue.field == name]

    def rows(self, one: Field) -> int:
        """How many rows a table shows: those with a value and a few blank ones, within the bound."""
        used = [int(key.split(".")[-2]) for key, value in self.values.items()
                if key.startswith(f"{one.name}.") and key.count(".") - one.name.count(".") == 2 and value]
        return min(MAX_ROWS, (max(used) + 1 if used else 0) + BLANK_ROWS)


def get(data: Any, path: Location) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def put(data: dict[str, Any], path: Location, value: Any) -> None:
    """Set the value at ``path``, making the sections on the way (a hearing the template left out);
    EMPTY or None removes it, so the spec's default applies."""
    for part in map(str, path[:-1]):
        if not isinstance(data.get(part), dict):
            if value is EMPTY or value is None:
                return
            data[part] = {}
        data = data[part]
    if value is EMPTY or value is None:
        data.pop(str(path[-1]), None)
    else:
        data[str(path[-1])] = value


def shown(data: dict[str, Any]) -> dict[str, str]:
    """The form's values as a template's data gives them; the schema's defaults where it is silent."""
    values: dict[str, str] = {}
    form = spec_form()
    for section in form.sections:
        if section.optional:
            values[section.name] = ON if get(data, section.path) is not None else ""
    for one in form.fields:
        value = get(data, one.path)
        values.update(_shown(one, one.default if value is None else value))
    return values


def _shown(one: Field, value: Any) -> dict[str, str]:
    if one.kind == "rows":
        return {f"{one.name}.{row}.{column.name}": _text(column, item.get(column.name))
                for row, item in enumerate(value or []) if isinstance(item, dict) for column in one.columns}
    if one.kind == "grid":
        return {f"{one.name}.{row}.{cell}": str(level) for row, levels in enumerate(value or [])
                for cell, level in enumerate(levels or [])}
    return {one.name: _text(one, value)}


def _text(one: Field, value: Any) -> str:
    if value is None:
        return ""
    if one.kind == "check":
        return ON if value is True else ""
    if one.kind == "lines":
        return "\n".join(map(str, value if isinstance(value, list) else [value]))
    if one.kind == "people":
        return ", ".join(map(str, value if isinstance(value, list) else [value]))
    if one.kind == "area":
        return "\n".join(paragraphs(str(value)))
    if one.kind == "moment":
        return _moment_text(value)
    return str(value)


def _moment_text(value: Any) -> str:
    """A moment as the browser's date-and-time field takes it, in China time."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=CHINA)
        return f"{aware.astimezone(CHINA):%Y-%m-%dT%H:%M}"
    return str(value) if isinstance(value, date) else ""


def posted_names() -> list[tuple[str, Field]]:
    """Every name the form posts, each with its field (a table's cells with the table's column)."""
    names: list[tuple[str, Field]] = []
    for one in spec_form().fields:
        if one.kind == "rows":
            names += [(f"{one.name}.{row}.{column.name}", column) for row in range(MAX_ROWS) for column in one.columns]
        elif one.kind == "grid":
            names += [(f"{one.name}.{row}.{cell}", one) for row in range(SIZE) for cell in range(SIZE)]
        else:
            names.append((one.name, one))
    return names


def read(form: Any) -> Filled:
    """The form's values, each a string within its field's cap; what is over a cap, or holds control
    characters, is refused at its field."""
    values: dict[str, str] = {}
    issues: list[Issue] = []
    for section in spec_form().sections:
        if section.optional:
            values[section.name] = ON if form.get(section.name) == ON else ""
    for name, one in posted_names():
        raw = ", ".join(v for v in form.getlist(name) if isinstance(v, str)) \
            if one.kind == "people" and hasattr(form, "getlist") else form.get(name, "")
        value = (raw if isinstance(raw, str) else "").replace("\r\n", "\n").replace("\r", "\n")
        shown_at = name.rsplit(".", 2)[0] if name != one.name else one.name  # a cell's issue: at its table
        if len(value) > one.cap:
            issues.append(Issue(shown_at, None, f"{one.zh}过长：最多{one.cap}字，收到{len(value)}字",
                                f"{one.en} is too long: at most {one.cap} characters, got {len(value)}"))
            value = value[:one.cap]
        if CONTROL.search(value) or ("\n" in value and one.kind not in ("area", "lines")):
            issues.append(Issue(shown_at, None, f"{one.zh}含有控制字符或换行，请删去",
                                f"{one.en} holds control characters or line breaks: remove them"))
            value = CONTROL.sub("", value) if one.kind in ("area", "lines") else " ".join(CONTROL.sub("", value).split())
        if value or name == one.name:
            values[name] = value
    return Filled(values, issues)


def chosen(value: str) -> list[str]:
    """The people a field's text names: one, or a list separated by commas."""
    return [part.strip() for part in re.split(r"[,，、\s]+", value) if part.strip()]


def value(one: Field, values: dict[str, str], issues: list[Issue]) -> Any:
    """A field's value for the spec's data: EMPTY when left empty, REFUSED (with an issue at the
    field) when it cannot be one."""
    if one.kind == "rows":
        return _rows(one, values, issues)
    if one.kind == "grid":
        cells = [[values.get(f"{one.name}.{row}.{cell}", "") for cell in range(SIZE)] for row in range(SIZE)]
        return EMPTY if not any(map(any, cells)) else cells
    return _scalar(one, values.get(one.name, "").strip(), issues, one.name)


def _rows(one: Field, values: dict[str, str], issues: list[Issue]) -> Any:
    rows = []
    for row in range(MAX_ROWS):
        cells = {column.name: values.get(f"{one.name}.{row}.{column.name}", "").strip() for column in one.columns}
        if any(cells.values()):
            rows.append({column.name: _scalar(column, cells[column.name], issues, one.name) for column in one.columns})
    if any(cell is REFUSED for row in rows for cell in row.values()):
        return REFUSED
    return [{key: cell for key, cell in row.items() if cell is not EMPTY} for row in rows] or EMPTY


def _scalar(one: Field, text: str, issues: list[Issue], at: str) -> Any:
    if one.kind == "check":
        return text == ON
    if not text:
        return EMPTY
    if one.kind == "number":
        if not (text.isascii() and text.lstrip("-").isdigit() and len(text) <= 6):
            issues.append(Issue(at, one_rule(one), f"{one.zh}须为整数", f"{one.en}: give a whole number"))
            return REFUSED
        return int(text)
    if one.kind == "decimal":
        if not (text.isascii() and re.fullmatch(r"\d{1,3}(\.\d{1,4})?", text)):
            issues.append(Issue(at, one_rule(one), f"{one.zh}须为数字，如 0.5", f"{one.en}: give a number such as 0.5"))
            return REFUSED
        return float(text)
    if one.kind == "moment":
        return _moment(one, text, issues, at)
    if one.kind == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()]
    if one.kind == "people":
        return chosen(text)
    if one.kind == "area":
        return "\n".join(paragraphs(text)) + "\n"
    return text


def _moment(one: Field, text: str, issues: list[Issue], at: str) -> Any:
    match = MOMENT.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        year, month, day, hour, minute = map(int, match.groups())
        return datetime(year, month, day, hour, minute, tzinfo=CHINA).isoformat()
    except ValueError:
        issues.append(Issue(at, one_rule(one), f"{one.zh}须为日期和时间，如 2027-03-15T09:30",
                            f"{one.en}: give a date and time such as 2027-03-15T09:30"))
        return REFUSED


def one_rule(one: Field) -> str | None:
    """The rule a field serves, as the spec's checks report it."""
    key = str(one.path[-1])
    return STAGE_FIELD_RULES.get(f"{one.path[-2]}.{key}") if len(one.path) > 1 and \
        f"{one.path[-2]}.{key}" in STAGE_FIELD_RULES else FIELD_RULES.get(key)
