"""What the documents of review, risk, legality, meeting and evaluation share: reading the record
(entries by kind, the launched spec, people by name and role, China dates) and the pieces of a
form (a label in Chinese with its English smaller, a two-column form table, a plain table)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.platypus import Paragraph, Spacer, TableStyle

from juece.adapters.reporting import fonts
from juece.adapters.reporting.labels import value_text
from juece.adapters.reporting.layout import FRAME_WIDTH, SHADE, STYLES, MemoParagraph, para, tables
from juece.adapters.reporting.text import markup
from juece.domain.record.clock import ZONE_NAME, china_time

Entry = dict[str, Any]
Record = dict[str, Any]
EN_SIZE = 6.8
EN_COLOUR = "#555555"
FORM_LABEL_WIDTH = 120
NONE = "—"
# A role a spec gives a user, in words; the stage key and the spec field that names the holder.
ROLES: tuple[tuple[str, str, str], ...] = (
    ("collective_deliberation", "head", "行政首长 head of government"),
    ("collective_deliberation", "secretary", "会议记录人 secretary"),
    ("legality_review", "reviewer", "合法性审查人员 legality reviewer"),
    ("legality_review", "legal_adviser", "法律顾问 legal adviser"),
    ("risk_assessment", "assessor", "风险评估人 risk assessor"),
    ("post_evaluation", "evaluator", "评估人 evaluator"),
)
SYSTEM_ACTORS = {"juece": "系统自动记录 recorded by juece", "airflow": "系统自动记录 recorded by juece",
                 "public": "公众 the public"}


def entries_of(record: Record, *kinds: str) -> list[Entry]:
    """The record's entries of the given kinds, in order, each with its data as a dict."""
    wanted = set(kinds)
    return [e for e in record.get("entries") or []
            if isinstance(e, dict) and e.get("kind") in wanted and isinstance(e.get("data"), dict)]


def last_of(record: Record, kind: str) -> Entry | None:
    found = entries_of(record, kind)
    return found[-1] if found else None


def launched(record: Record) -> dict[str, Any]:
    entry = last_of(record, "launched")
    return entry["data"] if entry else {}


def spec_of(record: Record) -> dict[str, Any]:
    spec = launched(record).get("spec")
    return spec if isinstance(spec, dict) else {}


def stage_spec(record: Record, stage: str) -> dict[str, Any]:
    stages = spec_of(record).get("stages")
    found = stages.get(stage) if isinstance(stages, dict) else None
    return found if isinstance(found, dict) else {}


def not_applicable(record: Record, stage: str) -> bool:
    return any(e.get("stage") == stage for e in entries_of(record, "not_applicable"))


def date_of(entry: Entry | None) -> str:
    """The China date (YYYY-MM-DD) of an entry, '' without one."""
    if not entry or not entry.get("at"):
        return ""
    return china_time(str(entry["at"]), zone=False)[:10]


def time_of(entry: Entry | None) -> str:
    """The China time of an entry with its zone stated."""
    return china_time(str(entry["at"])) if entry and entry.get("at") else NONE


def moment(value: Any) -> str:
    """A recorded moment (ISO-8601 UTC text) in China time with the zone; a date as it is."""
    if not isinstance(value, str) or not value:
        return NONE
    return china_time(value) if "T" in value else value


def zone_note() -> str:
    return f"时间均为{ZONE_NAME} / times in China Standard Time"


def words(value: Any) -> str:
    """A recorded value as a reader reads it: codes in words, lists joined, nothing as '—'."""
    if value in (None, "", [], {}):
        return NONE
    if isinstance(value, list | tuple):
        return "；".join(words(item) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{words(v)}" for v in value.values())
    return value_text(value)


# People ------------------------------------------------------------------------------------

def _recorded_names(record: Record) -> dict[str, str]:
    """user → name as the record gives them: the people named at launch, then the experts of the
    drawn pool (or, in a public edition, of the panel it lists)."""
    names: dict[str, str] = {}
    people = launched(record).get("people")
    if isinstance(people, dict):
        for user, value in people.items():
            name = value.get("name") if isinstance(value, dict) else value
            if isinstance(name, str) and name.strip():
                names[str(user)] = name.strip()
    for entry in entries_of(record, "panel_drawn"):
        for member in [*(entry["data"].get("pool") or []), *(entry["data"].get("panel") or [])]:
            if isinstance(member, dict) and member.get("user") and member.get("name"):
                names.setdefault(str(member["user"]), str(member["name"]))
    return names


def _roles(record: Record) -> dict[str, str]:
    roles: dict[str, str] = {}
    spec = spec_of(record)
    if isinstance(spec.get("sponsor_office"), str):
        roles[spec["sponsor_office"]] = f"承办单位 sponsor ({spec.get('sponsor_unit') or '承办科室 office'})"
    for stage, field, role in ROLES:
        holder = stage_spec(record, stage).get(field)
        if isinstance(holder, str):
            roles.setdefault(holder, role)
    for member in stage_spec(record, "collective_deliberation").get("members") or []:
        roles.setdefault(str(member), "会议组成人员 member")
    for entry in entries_of(record, "panel_drawn", "expert_replaced"):
        for seat in entry["data"].get("seats") or [entry["data"]]:
            if isinstance(seat, dict) and (seat.get("user") or seat.get("expert")):
                roles.setdefault(str(seat.get("user") or seat.get("expert")), "论证专家 expert")
    return roles


class People:
    """Who a user id of the record is, by name and role (the id only where the record gives no
    name: records made before names were recorded)."""

    def __init__(self, record: Record) -> None:
        self.names = _recorded_names(record)
        self.roles = _roles(record)

    def name(self, user: Any) -> str:
        user = str(user or "")
        if user in SYSTEM_ACTORS:
            return SYSTEM_ACTORS[user]
        return self.names.get(user) or user or NONE

    def role(self, user: Any) -> str:
        return self.roles.get(str(user or ""), "")

    def called(self, user: Any, role: str | None = None) -> str:
        """'王芳（风险评估人 risk assessor）'; the role is the spec's unless given."""
        user = str(user or "")
        if user in SYSTEM_ACTORS:
            return SYSTEM_ACTORS[user]
        shown = role if role is not None else self.role(user)
        name = self.name(user)
        return f"{name}（{shown}）" if shown else name

    def all_called(self, users: Iterable[Any]) -> str:
        return "、".join(self.called(user) for user in users) or NONE


# Flowables ---------------------------------------------------------------------------------

def label(zh: str, en: str = "", style: str = "cellhead") -> Paragraph:
    """A label: the Chinese in the style's font, the English after it, smaller and muted."""
    chosen = STYLES[style]
    text = markup(zh, chosen.fontName)
    if en:
        text += f' <font name="{fonts.BODY}" size="{EN_SIZE}" color="{EN_COLOUR}">{markup(en, fonts.BODY)}</font>'
    return MemoParagraph(text, chosen)


def heading(zh: str, en: str) -> Paragraph:
    return label(zh, en, "h2")


def cell(value: Any) -> Paragraph:
    return para(value if isinstance(value, str) else words(value), "cell")


def form(rows: Sequence[tuple[str, str, Any]], label_width: float = FORM_LABEL_WIDTH) -> list[Any]:
    """A form: one row per field, its label (Chinese, English) on the left, the value on the right."""
    body = [[label(zh, en), value if isinstance(value, Paragraph) else cell(value)] for zh, en, value in rows]
    return tables(None, body, (label_width, FRAME_WIDTH - label_width))


def grid(header: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]], widths: Sequence[float]) -> list[Any]:
    """A table with a bilingual header; the last column takes the width left."""
    full = [*widths[:-1], FRAME_WIDTH - sum(widths[:-1])] if widths else []
    head_row = [label(zh, en) for zh, en in header]
    body = [[v if isinstance(v, Paragraph) else cell(v) for v in row] for row in rows]
    made = tables(None, [head_row, *body], full)
    made[0].repeatRows = 1
    made[0].setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
    return made


def text_paras(value: Any, style: str = "body") -> list[Any]:
    """A recorded text, one paragraph per line, as it was written."""
    lines = [line for line in str(value or "").split("\n") if line.strip()]
    return [para(line, style) for line in lines] or [para(NONE, style)]


def note(text: str) -> Paragraph:
    return para(text, "note")


def gap(height: float = 6) -> Spacer:
    return Spacer(1, height)
