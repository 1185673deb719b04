"""The launch form generated from the decision spec's JSON Schema (`DecisionSpec.model_json_schema`):
every field the spec has becomes a form field of the kind its schema says, grouped by the object it
belongs to, named in words (services/spec_words.py). A field added to the spec appears on the form
without touching the form; a test fails until its name has words.

How a schema node becomes a field:
- ``string`` a line of text; ``x-juece-form: paragraphs`` a text area, one paragraph a line;
  ``format: date-time`` a moment in China time; ``enum`` a choice among the values in words;
- ``x-juece-form: role`` one person chosen from those offered, or a group; ``person`` one person;
  ``fixed`` not on the form (the template's value, or the signed-in person for the sponsor office);
- ``integer`` and ``number`` with the schema's bounds; ``boolean`` a box to tick;
- an array of text one item a line; of people, boxes to tick; of objects, a table of rows; of arrays
  of a choice, a grid (the risk matrix);
- an object a section; an optional object (``anyOf`` with null) a section with a box that says
  whether it is there (a hearing, the catalogue entry).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from juece.services.spec_words import option_words, words
from juece.spec.loader import Location
from juece.spec.models import DecisionSpec

DRAFT_CHARS, OTHER_CHARS = 100_000, 2_000
RENAMED: dict[Location, str] = {("draft", "text"): "draft_text"}  # the name the form has always used
RESERVED = frozenset({"action", "csrf_token", "draft_file"})
MAX_ROWS, BLANK_ROWS = 60, 3
COMMON = frozenset({  # shown open; the rest of a section's fields under "more settings"
    "id", "title", "title_en", "category", "decision_body", "sponsor_unit", "draft_text", "explanation",
    "legal_basis", "comment_period_days", "urgency_reason", "reviewer", "legal_adviser", "head", "secretary",
    "members", "assessor", "specialties", "line_department", "third_party", "implementing_unit",
    "evaluator_unit", "evaluator", "place", "time", "selection_method", "sides", "participants",
    *(f"{stage}.{key}" for stage in ("public_participation", "expert_review", "risk_assessment")
      for key in ("applicable", "not_applicable_reason")),
})


@dataclass(frozen=True)
class Field:
    name: str  # the posted name; a row's cell is ``name.row.column``, a grid's ``name.row.column``
    path: Location
    zh: str
    en: str
    kind: str = "text"  # text, area, moment, choice, person, people, number, decimal, check, lines, rows, grid
    cap: int = OTHER_CHARS
    groups: bool = False  # a person field an office holds: a group may be chosen (spec/roles.py)
    required: bool = False
    section: Location = ()
    options: tuple[tuple[str, str], ...] = ()  # a choice's (value, words)
    minimum: float | None = None
    maximum: float | None = None
    columns: tuple[Field, ...] = ()  # a table's: one field for each of a row's values
    common: bool = True
    default: Any = None  # the schema's, shown where the template is silent


@dataclass(frozen=True)
class Section:
    path: Location
    zh: str
    en: str
    optional: bool = False  # an object the spec may leave out: a box says whether it is there

    @property
    def name(self) -> str:
        return ".".join(map(str, self.path)) or "spec"


@dataclass(frozen=True)
class Form:
    sections: tuple[Section, ...]
    fields: tuple[Field, ...]

    def in_section(self, section: Section) -> list[Field]:
        return [one for one in self.fields if one.section == section.path]


@cache
def spec_form() -> Form:
    schema = DecisionSpec.model_json_schema()
    sections: list[Section] = []
    found: list[Field] = []
    _walk(schema, schema, (), sections, found, optional=False)
    return Form(tuple(sections), tuple(_named(found)))


def _walk(schema: dict[str, Any], node: dict[str, Any], path: Location, sections: list[Section],
          found: list[Field], optional: bool) -> None:
    zh, en = words(str(path[-1]) if path else "spec", path)
    sections.append(Section(path, zh, en, optional))
    required = set(node.get("required", ()))
    nested: list[tuple[dict[str, Any], Location, bool]] = []
    for key, raw in node.get("properties", {}).items():
        sub, nullable = _resolve(schema, raw)
        here = (*path, key)
        if raw.get("x-juece-form") == "fixed" or sub.get("x-juece-form") == "fixed":
            continue
        if sub.get("type") == "object":
            nested.append((sub, here, nullable))
            continue
        found.append(_field(schema, sub, here, key in required, raw))
    for sub, here, nullable in nested:  # a section's own fields first, then the sections in it
        _walk(schema, sub, here, sections, found, nullable)


def _field(schema: dict[str, Any], node: dict[str, Any], path: Location, required: bool,
           raw: dict[str, Any]) -> Field:
    zh, en = words(str(path[-1]), path)
    kind, extra = _kind(schema, node, path, raw)
    return Field("", path, zh, en, kind, required=required, section=path[:-1], minimum=node.get("minimum"),
                 maximum=node.get("maximum", _below(node)), default=raw.get("default", node.get("default")), **extra)


def _kind(schema: dict[str, Any], node: dict[str, Any], path: Location, raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    hint = node.get("x-juece-form") or raw.get("x-juece-form")
    kind = node.get("type")
    if hint == "paragraphs":
        return "area", {"cap": DRAFT_CHARS}
    if hint in ("role", "person"):
        return "person", {"groups": hint == "role"}
    if "enum" in node:
        return "choice", {"options": tuple((str(value), option_words(str(value))) for value in node["enum"])}
    if kind == "string":
        return ("moment", {}) if node.get("format") == "date-time" else ("text", {})
    if kind in ("integer", "number", "boolean"):
        return {"integer": "number", "number": "decimal", "boolean": "check"}[kind], {}
    if kind == "array":
        items, _ = _resolve(schema, node.get("items", {}))
        if items.get("x-juece-form") in ("role", "person"):
            return "people", {}
        if items.get("type") == "object":
            required = set(items.get("required", ()))
            columns = tuple(_field(schema, _resolve(schema, sub)[0], (*path, key), key in required, sub)
                            for key, sub in items.get("properties", {}).items())
            return "rows", {"columns": columns}
        if items.get("type") == "array":
            cell, _ = _resolve(schema, items.get("items", {}))
            return "grid", {"options": tuple((str(v), option_words(str(v))) for v in cell.get("enum", ()))}
        return "lines", {}
    raise ValueError(f"the launch form has no field for the schema at {'.'.join(map(str, path))}: {node}")


def _below(node: dict[str, Any]) -> float | None:
    """An exclusive maximum as the largest value a form offers (a quorum below 1: 0.99)."""
    value = node.get("exclusiveMaximum")
    return None if value is None else value - (1 if node.get("type") == "integer" else 0.01)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The node a reference or an optional (``anyOf`` with null) stands for, and whether null is allowed;
    the outer node's hints and bounds kept."""
    nullable = False
    if "anyOf" in node:
        options = [one for one in node["anyOf"] if one.get("type") != "null"]
        nullable = len(options) < len(node["anyOf"])
        node = {**{k: v for k, v in node.items() if k != "anyOf"}, **options[0]}
    if "$ref" in node:
        target = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k not in ("$ref", "default")}}
    return node, nullable


def _named(found: list[Field]) -> list[Field]:
    """Each field named by its key, or by its parent and key where the key occurs twice (a stage's
    ``applicable``, the two quorums); a row's columns named below their table."""
    counts: dict[str, int] = {}
    for one in found:
        counts[str(one.path[-1])] = counts.get(str(one.path[-1]), 0) + 1
    named = []
    for one in found:
        key = str(one.path[-1])
        name = RENAMED.get(one.path) or (key if counts[key] == 1 and key not in RESERVED else f"{one.path[-2]}.{key}")
        columns = tuple(replace(column, name=str(column.path[-1])) for column in one.columns)
        named.append(replace(one, name=name, columns=columns, common=name in COMMON))
    return named
