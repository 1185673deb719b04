"""A decision launched from the office's browser form: the decision types (the templates), the
form's fields and their defaults, the spec built from a template with the form's values (the
sponsor office always the signed-in person), its issues placed at their fields, and the stages
with their deadlines as a preview."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from juece.adapters.auth_users import AuthUser
from juece.adapters.reporting.labels import category_label
from juece.domain.participation.draft import paragraphs
from juece.domain.record.periods import period_end_as_known
from juece.services.people_choice import Offered, offered_people
from juece.spec.loader import Location, SpecError, SpecIssue, load_spec_text
from juece.spec.models import FIELD_RULES, DecisionSpec

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
REFUSED = object()
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,60}")
DRAFT_CHARS, OTHER_CHARS = 100_000, 2_000
PP, LR, CD = ("stages", "public_participation"), ("stages", "legality_review"), ("stages", "collective_deliberation")


@dataclass(frozen=True)
class Field:
    name: str
    path: Location
    zh: str
    en: str
    kind: str = "text"  # text, area (paragraphs), lines (a list), list (comma-separated), days,
    cap: int = OTHER_CHARS  # person (one chosen from those offered), people (several chosen)
    groups: bool = False  # a person field an office holds: a group may be chosen (spec/roles.py)


FIELDS = (
    Field("id", ("id",), "决策编号", "Decision id"),
    Field("title", ("title",), "标题", "Title"),
    Field("title_en", ("title_en",), "英文标题", "Title in English"),
    Field("draft_text", ("draft", "text"), "草案文本（每行一条或一段）", "Draft text (one article or paragraph a line)",
          "area", DRAFT_CHARS),
    Field("explanation", ("draft", "explanation"), "起草说明", "Explanation", "area", DRAFT_CHARS),
    Field("legal_basis", ("legal_basis",), "法律依据（每行一项）", "Legal basis (one a line)", "lines"),
    Field("comment_period_days", (*PP, "comment_period_days"), "征求意见期限（日）", "Comment period (days)", "days"),
    Field("urgency_reason", (*PP, "urgency_reason"), "期限少于30日的紧急理由", "Urgency reason (period under 30 days)"),
    Field("reviewer", (*LR, "reviewer"), "合法性审查人", "Legality reviewer", "person", groups=True),
    Field("legal_adviser", (*LR, "legal_adviser"), "法律顾问", "Legal adviser", "person", groups=True),
    Field("head", (*CD, "head"), "行政首长", "Head of government", "person"),
    Field("secretary", (*CD, "secretary"), "会议记录人", "Secretary", "person", groups=True),
    Field("members", (*CD, "members"), "会议组成人员", "Meeting members", "people"),
    Field("assessor", ("stages", "risk_assessment", "assessor"), "风险评估人", "Risk assessor", "person", groups=True),
)
PERSON_KINDS = ("person", "people")
OPTIONAL = ("title_en", "urgency_reason", "assessor")  # left empty: not in the spec

BY_NAME = {one.name: one for one in FIELDS}
ALIASES: dict[Location, str] = {("stages", "risk_assessment"): "assessor", PP: "comment_period_days",
                                 ("stages", "legality_review"): "reviewer", CD: "members"}
WORDS = {"urgency_reason": "紧急理由 urgency reason", "assessor": "风险评估人 risk assessor",
         "not_applicable_reason": "不适用理由 reason", "sponsor_office": "承办单位 sponsor office"}
KEYS = set(FIELD_RULES) | set(WORDS)


@dataclass(frozen=True)
class Issue:
    field: str | None  # the form field it is shown beside; None: in the summary alone
    rule: str | None
    zh: str
    en: str


@dataclass
class Filled:
    values: dict[str, str]
    issues: list[Issue] = field(default_factory=list)
    spec: DecisionSpec | None = None
    text: str = ""

    def at(self, name: str) -> list[Issue]:
        return [issue for issue in self.issues if issue.field == name]


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
    values: dict[str, str] = {}
    for one in FIELDS:
        value = _get(data, one.path)
        if one.kind == "lines":
            values[one.name] = "\n".join(map(str, value or []))
        elif one.kind in ("list", "people"):
            values[one.name] = ", ".join(map(str, value or []))
        elif one.kind == "area":
            values[one.name] = "\n".join(paragraphs(str(value or "")))
        else:
            values[one.name] = "" if value is None else str(value)
    return values


def read_form(form: Any) -> Filled:
    """The form's values, each a string within its cap; what is over a cap is refused at its field."""
    values, issues = {}, []
    for one in FIELDS:
        raw = _posted(form, one)
        value = (raw if isinstance(raw, str) else "").replace("\r\n", "\n").replace("\r", "\n")
        if len(value) > one.cap:
            issues.append(Issue(one.name, None, f"{one.zh}过长：最多{one.cap}字，收到{len(value)}字",
                                f"{one.en} is too long: at most {one.cap} characters, got {len(value)}"))
            value = value[:one.cap]
        if CONTROL.search(value) or ("\n" in value and one.kind not in ("area", "lines")):
            issues.append(Issue(one.name, None, f"{one.zh}含有控制字符或换行，请删去",
                                f"{one.en} holds control characters or line breaks: remove them"))
            value = CONTROL.sub("", value) if one.kind in ("area", "lines") else " ".join(CONTROL.sub("", value).split())
        values[one.name] = value
    return Filled(values, issues)


def _posted(form: Any, one: Field) -> Any:
    """A field's posted text; the people chosen in a list of boxes joined as one list."""
    if one.kind == "people" and hasattr(form, "getlist"):
        return ", ".join(value for value in form.getlist(one.name) if isinstance(value, str))
    return form.get(one.name, "")


def held(data: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """The roles the template gives each user (or group), in words: how the form names them."""
    found: dict[str, list[tuple[str, str]]] = {}
    values = defaults(data)
    for one in FIELDS:
        en = "meeting member" if one.kind == "people" else one.en[:1].lower() + one.en[1:]
        for value in chosen(values[one.name]) if one.kind in PERSON_KINDS else ():
            found.setdefault(value, []).append((one.zh, en))
    return found


def offered_for(data: dict[str, Any], auth_users: Iterable[AuthUser] = ()) -> Offered:
    """The people and groups the form of a template offers, each named by name and the roles the
    template gives them; the template's own choices and ``auth_users`` always among them."""
    roles = held(data)
    return offered_people(roles, also=roles, auth_users=auth_users)


def chosen(value: str) -> list[str]:
    """The people a field's text names: one, or a list separated by commas."""
    return [part.strip() for part in re.split(r"[,，、\s]+", value) if part.strip()]


def fill(data: dict[str, Any], filled: Filled, user: str, now: datetime, offered: Offered | None = None) -> Filled:
    """The template with the form's values and the signed-in person as sponsor office, validated
    as `juece launch` validates it for a launch now; issues placed at their fields. With ``offered``
    a person field takes only the people (and, where the role allows, groups) the form offered."""
    spec_data = copy.deepcopy(data)
    for one in FIELDS:  # a value refused here keeps the template's, so the rest is checked too
        value = _value(one, filled.values[one.name].strip(), filled.issues)
        if offered is not None and value is not REFUSED and not _offered(one, value, offered, filled.issues):
            value = REFUSED
        _put(spec_data, one.path, _get(data, one.path) if value is REFUSED else value)
    spec_data["sponsor_office"] = user  # never typed: the person signed in launches as the office
    filled.text = yaml.safe_dump(spec_data, allow_unicode=True, sort_keys=False, width=1000)
    try:
        filled.spec = load_spec_text(filled.text, f"{spec_data.get('id', 'spec')}.yaml", now)
    except SpecError as error:
        filled.issues += [placed(issue) for issue in error.issues]
    return filled


def _value(one: Field, value: str, issues: list[Issue]) -> Any:
    if one.kind == "days":
        if not (value.isascii() and value.isdigit() and len(value) <= 5):
            issues.append(Issue(one.name, "R-B2", "须填写整数天数", "give a whole number of days"))
            return REFUSED
        return int(value)
    if one.kind == "lines":
        return [line.strip() for line in value.split("\n") if line.strip()]
    if one.kind in ("list", "people"):
        return chosen(value)
    if one.kind == "area":
        return "\n".join(paragraphs(value)) + "\n" if value else ""
    return value or None if one.name in OPTIONAL else value


def _offered(one: Field, value: Any, offered: Offered, issues: list[Issue]) -> bool:
    """Whether every person a field names was offered to choose; if not, refused at the field
    (without echoing what was sent) under the field's rule."""
    if one.kind not in PERSON_KINDS or not value:
        return True
    if all(offered.has(each, one.groups) for each in (value if isinstance(value, list) else [value])):
        return True
    whom_zh, whom_en = ("所列人员或组", "the people or groups listed") if one.groups else ("所列人员", "the people listed")
    issues.append(Issue(one.name, FIELD_RULES.get(one.name), f"{one.zh}须从{whom_zh}中选择，所提交的不在其中",
                        f"choose the {one.en.lower()} from {whom_en}: what was sent is not one of them"))
    return False


def placed(issue: SpecIssue) -> Issue:
    """A validation issue in words, at the form field its location falls under."""
    loc = tuple(int(p) if p.isdigit() else p for p in issue.field.split(".")) if issue.field else ()
    name = next((one.name for one in FIELDS if loc[:len(one.path)] == one.path), ALIASES.get(loc))
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


def _get(data: dict[str, Any], path: Location) -> Any:
    current: Any = data
    for part in path:
        current = current.get(part) if isinstance(current, dict) else None
    return current


def _put(data: dict[str, Any], path: Location, value: Any) -> None:
    current = data
    for part in path[:-1]:
        current = current.setdefault(str(part), {})
    if value is None:
        current.pop(str(path[-1]), None)
    else:
        current[str(path[-1])] = value
