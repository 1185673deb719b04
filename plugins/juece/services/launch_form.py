"""A decision launched from the office's browser form: the decision types (the templates), the
form's fields and their defaults, the spec built from a template with the form's values (the
sponsor office always the signed-in person), its issues placed at their fields, and the stages
with their deadlines as a preview."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from juece.adapters.auth_users import AuthUser
from juece.adapters.reporting.labels import category_label
from juece.domain.record.periods import period_end_as_known
from juece.services import form_values
from juece.services.form_values import REFUSED, Filled, Issue, chosen, get
from juece.services.people_choice import Offered, offered_people
from juece.services.spec_form import DRAFT_CHARS, Field, spec_form
from juece.spec.loader import SpecError, SpecIssue, load_spec_text
from juece.spec.models import FIELD_RULES, DecisionSpec

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,60}")
FIELDS = spec_form().fields
BY_NAME = {one.name: one for one in FIELDS}
SECTIONS = {section.path: section for section in spec_form().sections}
WORDS = {"urgency_reason": "紧急理由 urgency reason", "assessor": "风险评估人 risk assessor",
         "not_applicable_reason": "不适用理由 reason", "sponsor_office": "承办单位 sponsor office",
         "specialties": "所需专业 specialties"}
KEYS = set(FIELD_RULES) | set(WORDS)
PERSON_KINDS = ("person", "people")
__all__ = ["DRAFT_CHARS", "FIELDS", "Filled", "Issue", "chosen"]  # what the web layer and the .docx import use


def template_names() -> list[str]:
    return sorted(path.stem for path in TEMPLATES.glob("*.yaml") if NAME.fullmatch(path.stem))


def template_data(name: str) -> dict[str, Any] | None:
    """The template's fields, or None: a name that is not one of the files is never a path."""
    if not NAME.fullmatch(name) or name not in template_names():
        return None
    try:
        data = yaml.safe_load((TEMPLATES / f"{name}.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return data if isinstance(data, dict) else None


def template_spec(name: str) -> DecisionSpec | None:
    data = template_data(name)
    try:
        return None if data is None else DecisionSpec.model_validate(data)
    except ValueError:
        return None


def choices() -> list[tuple[str, DecisionSpec]]:
    return [(name, spec) for name in template_names() if (spec := template_spec(name)) is not None]


def category_words(spec: DecisionSpec) -> str:
    return category_label(spec.category)


def stages_applying(spec: DecisionSpec) -> list[str]:
    stages = spec.stages
    found = ["公众参与 Public participation"] if stages.public_participation.applicable else []
    if stages.public_participation.applicable and stages.public_participation.hearing is not None:
        found.append("听证会 Hearing")
    found += ["专家论证 Expert review"] if stages.expert_review.applicable else []
    found += ["风险评估 Risk assessment"] if stages.risk_assessment.applicable else []
    return found + ["合法性审查 Legality review", "集体讨论决定 Collective deliberation", "决策公布 Publication",
                    "决策后评估 Post-decision evaluation"]


def defaults(data: dict[str, Any]) -> dict[str, str]:
    """The form's values as the template gives them."""
    return form_values.shown(data)


def read_form(form: Any) -> Filled:
    """The form's values, each a string within its cap; what is over a cap is refused at its field."""
    return form_values.read(form)


def held(data: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """The roles the template gives each user (or group), in words: how the form names them."""
    found: dict[str, list[tuple[str, str]]] = {}
    values = defaults(data)
    for one, name in _person_fields(values):
        en = "meeting member" if one.kind == "people" else one.en[:1].lower() + one.en[1:]
        for value in chosen(values.get(name, "")):
            found.setdefault(value, []).append((one.zh, en))
    return found


def _person_fields(values: dict[str, str]) -> list[tuple[Field, str]]:
    """Each field (a table's person column too) that names people, with the name its value is under."""
    found = sorted(((one, one.name) for one in FIELDS if one.kind in PERSON_KINDS), key=lambda f: f[0].kind != "person")  # own roles first
    for table in (one for one in FIELDS if one.kind == "rows"):
        found += [(column, name) for column in table.columns if column.kind in PERSON_KINDS
                  for name in values if name.startswith(f"{table.name}.") and name.endswith(f".{column.name}")]
    return found


def offered_for(data: dict[str, Any], auth_users: Iterable[AuthUser] = ()) -> Offered:
    """The people and groups the form of a template offers, each named by name and the roles the
    template gives them; the template's own choices and ``auth_users`` always among them."""
    roles = held(data)
    return offered_people(roles, also=roles, auth_users=auth_users)


def fill(data: dict[str, Any], filled: Filled, user: str, now: datetime, offered: Offered | None = None) -> Filled:
    """The template with the form's values and the signed-in person as sponsor office, validated
    as `juece launch` validates it for a launch now; issues placed at their fields. With ``offered``
    a person field takes only the people (and, where the role allows, groups) the form offered."""
    spec_data = copy.deepcopy(data)
    for one in FIELDS:  # a value refused here keeps the template's, so the rest is checked too
        value = form_values.value(one, filled.values, filled.issues)
        if offered is not None and value is not REFUSED and not _offered(one, value, offered, filled.issues):
            value = REFUSED
        form_values.put(spec_data, one.path, copy.deepcopy(get(data, one.path)) if value is REFUSED else value)
    for section in SECTIONS.values():  # an optional section not ticked is left out
        if section.optional and filled.values.get(section.name) != form_values.ON:
            form_values.put(spec_data, section.path, None)
    spec_data["sponsor_office"] = user  # never typed: the person signed in launches as the office
    filled.text = yaml.safe_dump(spec_data, allow_unicode=True, sort_keys=False, width=1000)
    try:
        filled.spec = load_spec_text(filled.text, f"{spec_data.get('id', 'spec')}.yaml", now)
    except SpecError as error:
        filled.issues += [placed(issue) for issue in error.issues]
    return filled


def _offered(one: Field, value: Any, offered: Offered, issues: list[Issue]) -> bool:
    """Whether every person a field names was offered to choose; if not, refused at the field
    (without echoing what was sent) under the field's rule."""
    if all(offered.has(each, groups) for each, groups in _people_named(one, value)):
        return True
    groups = one.groups or any(column.groups for column in one.columns)
    whom_zh, whom_en = ("所列人员或组", "the people or groups listed") if groups else ("所列人员", "the people listed")
    issues.append(Issue(one.name, form_values.one_rule(one), f"{one.zh}须从{whom_zh}中选择，所提交的不在其中",
                        f"choose the {one.en.lower()} from {whom_en}: what was sent is not one of them"))
    return False


def _people_named(one: Field, value: Any) -> list[tuple[str, bool]]:
    """The people (or groups) a field's value names, each with whether a group may stand there."""
    if one.kind == "rows" and isinstance(value, list):
        return [(row[column.name], column.groups) for row in value for column in one.columns
                if column.kind == "person" and isinstance(row.get(column.name), str)]
    if one.kind in PERSON_KINDS and isinstance(value, str | list):
        return [(each, one.groups) for each in (value if isinstance(value, list) else [value])]
    return []


def placed(issue: SpecIssue) -> Issue:
    """A validation issue in words, at the form field its location falls under; one about a whole
    section (a stage's own check) at the section."""
    loc = tuple(int(p) if p.isdigit() else p for p in issue.field.split(".")) if issue.field else ()
    name = next((one.name for one in FIELDS if loc[:len(one.path)] == one.path), None)
    if name is None and loc:
        name = max((s for s in SECTIONS.values() if loc[:len(s.path)] == s.path), key=lambda s: len(s.path)).name
    zh, en = _words(issue, name)
    return Issue(name, issue.rule, zh, en)


def _words(issue: SpecIssue, name: str | None) -> tuple[str, str]:
    message = issue.message
    if message.startswith("required field is missing"):
        zh, en = "必须填写", "required"
    elif " / " in message and re.search(r"[\u4e00-\u9fff]", message.split(" / ")[0]):
        zh, en = message.split(" / ", 1)
    elif name == "id":
        zh, en = ("编号须为3至63个小写字母、数字、连字符或下划线，以字母或数字开头",
                  "an id is 3 to 63 lowercase letters, digits, hyphens or underscores, starting with a letter or digit")
    else:
        zh, en = "填写的内容不符合要求", re.sub(r"'\^.*?\$'", "the required form", message)
    if name is None and issue.field:
        zh, en = f"模板中的{zh}", f"in the template: {en}"
    return _scrub(zh), _scrub(en)


def _scrub(text: str) -> str:
    """No field key in a sentence a person reads: each said in words."""
    text = re.sub(r"\s?[（(]([a-z_]+)[）)]", lambda m: "" if m.group(1) in KEYS else m.group(0), text).replace("`", "")
    return re.sub(r"\b[a-z]+(?:_[a-z0-9]+)+\b", lambda m: WORDS.get(m.group(0), m.group(0).replace("_", " ")), text)


def comment_end(days: int, now: datetime) -> tuple[datetime, bool]:
    """When a comment period of ``days`` from a notice published now ends (R-B2, Civil Code), and
    whether the holiday schedule of its last day's year is known."""
    return period_end_as_known(now, max(days, 1))
