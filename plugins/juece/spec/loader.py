"""Load a decision spec from YAML; every error names file:line, the field, the rule id."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from juece.spec.models import FIELD_RULES, STAGE_FIELD_RULES, DecisionSpec

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Location = tuple[str | int, ...]


@dataclass(frozen=True)
class SpecIssue:
    file: str
    line: int
    column: int
    field: str
    rule: str | None  # None: the file's form (unreadable, not YAML, not a mapping), not a rule
    message: str
    suggestion: str | None = None
    source_line: str | None = None

    def render(self) -> str:
        rule = f"[{self.rule}] " if self.rule else ""
        head = f"{self.file}:{self.line}:{self.column}: {self.field or '(spec)'}: {rule}{self.message}"
        lines = [head]
        if self.source_line is not None:
            lines.append(f"  {self.line:>4} | {self.source_line}")
        if self.suggestion:
            lines.append(f"  did you mean `{self.suggestion}`? / 您是否想写 `{self.suggestion}`？")
        return "\n".join(lines)


class SpecError(Exception):
    """A spec that cannot be accepted; carries every issue found."""

    def __init__(self, issues: list[SpecIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(issue.render() for issue in issues))


def load_spec(path: str | Path, launch_at: datetime | None = None) -> DecisionSpec:
    """The spec of a file. With ``launch_at`` (`juece lint`, `juece launch`) the rules that depend
    on the day of launch are checked too, as the run will check them (see `launch_issues`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError([SpecIssue(str(path), 0, 0, "", None, f"cannot read the file: {exc}")]) from None
    return load_spec_text(text, str(path), launch_at)


def load_spec_text(text: str, filename: str = "<spec>", launch_at: datetime | None = None) -> DecisionSpec:
    try:
        node = yaml.compose(text, Loader=Loader)
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        issue = SpecIssue(filename, line, col, "", None, f"not valid YAML: {getattr(exc, 'problem', exc)}")
        raise SpecError([issue]) from None
    if not isinstance(data, dict):
        raise SpecError([SpecIssue(filename, 1, 1, "", None, "a spec is a YAML mapping of fields (id, title, ...)")])
    positions = _positions(node)
    lines = text.splitlines()
    if duplicates := _duplicate_keys(node, filename, lines):
        raise SpecError(duplicates)
    try:
        spec = DecisionSpec.model_validate(data)
    except ValidationError as exc:
        raise SpecError([_issue(err, filename, positions, lines) for err in exc.errors()]) from None
    if launch_at is not None and (dated := launch_issues(spec, launch_at)):
        raise SpecError([_dated_issue(loc, rule, message, filename, positions, lines)
                         for loc, rule, message in dated])
    return spec


def launch_issues(spec: DecisionSpec, at: datetime) -> list[tuple[Location, str, str]]:
    """What the day of launch decides, by the checks the run itself makes (a spec already launched
    is never judged again by a later date): R-B6, the hearing's notice and its materials, both
    due from the start of the run. Each as (field location, rule, message)."""
    participation = spec.stages.public_participation
    hearing = participation.hearing if participation.applicable else None
    if hearing is None:
        return []
    issues: list[tuple[Location, str, str]] = []
    for field, late in (("time", hearing.notice_too_late(at)),
                        ("materials_days_before", hearing.materials_too_late(at))):
        if late:
            issues.append((("stages", "public_participation", "hearing", field), "R-B6", " / ".join(late)))
    return issues


def _dated_issue(loc: Location, rule: str, message: str, filename: str,
                 positions: dict[Location, tuple[int, int]], lines: list[str]) -> SpecIssue:
    line, col = _nearest_position(loc, positions)
    source = lines[line - 1] if 0 < line <= len(lines) else None
    return SpecIssue(filename, line, col, ".".join(map(str, loc)), rule, message, None, source)


def _issue(err: Mapping[str, Any], filename: str, positions: dict[Location, tuple[int, int]], lines: list[str]) -> SpecIssue:
    ctx = err.get("ctx") or {}
    loc: Location = tuple(err["loc"]) + (tuple(ctx["field"].split(".")) if ctx.get("field") else ())
    line, col = _nearest_position(loc, positions)
    field = ".".join(str(part) for part in loc)
    rule = ctx.get("rule") or _rule_for(loc)
    message = f"{ctx['zh']} / {ctx['en']}" if err["type"] == "rule_violation" else err["msg"]
    suggestion = None
    if err["type"] == "extra_forbidden" and loc:
        valid = _fields_at(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), valid, n=1, cutoff=0.5)
        suggestion = close[0] if close else None
        message = f"unknown field `{loc[-1]}` / 未知字段；valid here: {', '.join(valid)}"
    elif err["type"] == "missing":
        message = f"required field is missing / 缺少必填字段 `{loc[-1]}`"
    source = lines[line - 1] if 0 < line <= len(lines) else None
    return SpecIssue(filename, line, col, field, rule, message, suggestion, source)


def _rule_for(loc: Location) -> str:
    names = [str(part) for part in loc]
    for parent, name in reversed(list(zip(names, names[1:], strict=False))):
        if f"{parent}.{name}" in STAGE_FIELD_RULES:
            return STAGE_FIELD_RULES[f"{parent}.{name}"]
    for part in reversed(loc):
        if isinstance(part, str) and part in FIELD_RULES:
            return FIELD_RULES[part]
    return "R-A1"


def _positions(node: yaml.Node | None) -> dict[Location, tuple[int, int]]:
    """Map every key path of the YAML document to the (line, column) where it starts."""
    found: dict[Location, tuple[int, int]] = {}

    def walk(current: yaml.Node, path: Location) -> None:
        found[path] = (current.start_mark.line + 1, current.start_mark.column + 1)
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                child = path + (str(key.value),)
                walk(value, child)
                found[child] = (key.start_mark.line + 1, key.start_mark.column + 1)
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                walk(item, path + (index,))

    if node is not None:
        walk(node, ())
    return found


def _duplicate_keys(node: yaml.Node | None, filename: str, lines: list[str]) -> list[SpecIssue]:
    """YAML keeps the last of two equal keys silently; a spec may not say a field twice."""
    issues: list[SpecIssue] = []
    pending: list[tuple[yaml.Node, Location]] = [(node, ())] if node is not None else []
    while pending:
        current, path = pending.pop()
        if isinstance(current, yaml.SequenceNode):
            pending.extend((item, path + (i,)) for i, item in enumerate(current.value))
        if not isinstance(current, yaml.MappingNode):
            continue
        seen: set[str] = set()
        for key, value in current.value:
            name = str(key.value)
            if name in seen:
                line = key.start_mark.line + 1
                field = ".".join(str(p) for p in path + (name,))
                issues.append(SpecIssue(filename, line, key.start_mark.column + 1, field, _rule_for(path + (name,)),
                                        f"field `{name}` is given twice / 字段重复", None, lines[line - 1]))
            seen.add(name)
            pending.append((value, path + (name,)))
    return sorted(issues, key=lambda issue: issue.line)


def _nearest_position(loc: Location, positions: dict[Location, tuple[int, int]]) -> tuple[int, int]:
    for size in range(len(loc), -1, -1):
        if loc[:size] in positions:
            return positions[loc[:size]]
    return (1, 1)


def _fields_at(loc: Location) -> list[str]:
    """The field names valid at a location of the spec."""
    model: Any = DecisionSpec
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if _is_model(model) else None
        if field is None:
            return []
        model = _model_of(field.annotation)
    return list(model.model_fields) if _is_model(model) else []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _model_of(annotation: Any) -> Any:
    """The model a field holds: itself, or the model of ``X | None`` or of a list of ``X``."""
    if _is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        if _is_model(arg):
            return arg
    return None
