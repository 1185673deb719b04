"""What the documents of review, risk, legality, meeting and evaluation share: reading the record
(entries by kind, the launched spec, people by name and role, China dates) and the pieces of a
form (a label in Chinese with its English smaller, a two-column form table, a plain table)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, Spacer, TableStyle

from juece.adapters.reporting import fonts, persons
from juece.adapters.reporting.labels import value_text
from juece.adapters.reporting.layout import FRAME_WIDTH, SHADE, STYLES, MemoParagraph, para, tables
from juece.adapters.reporting.text import markup
from juece.domain.archive.timeline_words import readable, role_words
from juece.domain.record.clock import china_time
from juece.spec.base import ZONE_NAME

Entry = dict[str, Any]
Record = dict[str, Any]
EN_SIZE = 6.8
EN_COLOUR = "#555555"
FORM_LABEL_WIDTH = 120
NONE = "—"
SYSTEM_ACTORS = {"juece": "系统自动记录 recorded by juece", "airflow": "系统自动记录 recorded by juece",
                 "system": "系统自动记录 recorded by juece", "public": "社会公众 the public"}


_memo: dict[str, tuple[list[Any], int, Any]] = {}  # what was read of the last record's entries


def _remembered(record: Record, what: str, make: Any) -> Any:
    """``make(entries)`` for the record's entries, made once while the same entries are laid out:
    the documents read a few kinds of entry many times, and a record may hold 100,000 comments."""
    entries = record.get("entries") or []
    cached = _memo.get(what)
    if cached is not None and cached[0] is entries and cached[1] == len(entries):
        return cached[2]
    value = make(entries)
    _memo[what] = (entries, len(entries), value)
    return value


def _by_kind(entries: list[Any]) -> dict[str, list[tuple[int, Entry]]]:
    index: dict[str, list[tuple[int, Entry]]] = {}
    for position, entry in enumerate(entries):
        if isinstance(entry, dict) and isinstance(entry.get("data"), dict):
            index.setdefault(str(entry.get("kind")), []).append((position, entry))
    return index


def entries_of(record: Record, *kinds: str) -> list[Entry]:
    """The record's entries of the given kinds, in order, each with its data as a dict."""
    index = _remembered(record, "kinds", _by_kind)
    found = [item for kind in dict.fromkeys(kinds) for item in index.get(kind, [])]
    return [entry for _, entry in (sorted(found, key=lambda item: item[0]) if len(kinds) > 1 else found)]


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


def day_end(value: Any) -> str:
    """A deadline (the first moment after a period) as the period's last day at 24:00, China time:
    '2027-01-05 24:00 北京时间 UTC+8' for 2027-01-05T16:00Z; any other moment as it is."""
    shown = moment(value)
    if not shown.startswith(tuple("0123456789")) or " 00:00:00" not in shown:
        return shown
    day = date.fromisoformat(shown[:10]) - timedelta(days=1)
    return f"{day.isoformat()} 24:00 {ZONE_NAME}"


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

ROLE_ORDER = ("head", "meeting_member", "secretary", "sponsor_office", "risk_assessor", "legality_reviewer",
              "legal_adviser", "evaluator", "expert", "hearing_participant")


def _names_and_roles(entries: list[Any]) -> tuple[dict[str, str], dict[str, set[str]]]:
    found = persons.people_of({"entries": entries})  # the same reading as the tables' labels
    return dict(found.names), {user: set(roles) for user, roles in found.roles.items()}


class People:
    """Who a user id of the record is, by name and role: the names the record holds (named at
    launch, in the notices sent, the drawn panel: `domain.archive.timeline.recorded_names`) and the
    roles its spec gives (`domain.archive.trace.roles_by_user`). A person the record does not
    name is shown by role, with the id in words only where the role is shared (members)."""

    def __init__(self, record: Record) -> None:
        self.names, self.roles = _remembered(record, "people", _names_and_roles)
        holders: dict[str, int] = {}
        for held in self.roles.values():
            for role in held:
                holders[role] = holders.get(role, 0) + 1
        self.shared = {role for role, count in holders.items() if count > 1}

    def _main_role(self, user: str) -> str | None:
        held = self.roles.get(user) or set()
        return next((role for role in ROLE_ORDER if role in held), None)

    def role(self, user: Any) -> str:
        role = self._main_role(str(user or ""))
        return " ".join(role_words(role)) if role else ""

    def name(self, user: Any) -> str:
        """The person's name; without one, the role (and the id in words where the role is shared)."""
        user = str(user or "")
        if user in SYSTEM_ACTORS:
            return SYSTEM_ACTORS[user]
        if user in self.names:
            return str(self.names[user])
        role = self._main_role(user)
        if role is None:
            return readable(user) if user else NONE
        zh, en = role_words(role)
        return f"{zh} {en}（{readable(user)}）" if role in self.shared else f"{zh} {en}"

    def called(self, user: Any, role: str | None = None) -> str:
        """'韩冰（风险评估人 risk assessor）'; the role is the spec's unless given."""
        user = str(user or "")
        if user in SYSTEM_ACTORS:
            return SYSTEM_ACTORS[user]
        if user not in self.names:
            return self.name(user) if role is None else f"{role}（{readable(user)}）"
        shown = role if role is not None else self.role(user)
        return f"{self.names[user]}（{shown}）" if shown else self.names[user]

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


SIGN_STYLE = ParagraphStyle("dossier-sign", parent=STYLES["body"], alignment=TA_RIGHT, spaceBefore=14)


def chinese_date(day: str) -> str:
    """'2027年3月1日' for '2027-03-01'; the text as it is when it is no such date."""
    parts = day.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return day
    return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"


def sign_off(who: str, day: str, keep_with: Sequence[Any] = ()) -> list[Any]:
    """The document's closing (落款) at the right: who made it and the date in Chinese, on the page
    of the flowables it is kept with (the document's last ones: it never stands alone)."""
    lines = "<br/>".join(markup(text, fonts.BODY) for text in (who, chinese_date(day)) if text)
    if not lines:
        return list(keep_with)
    return [KeepTogether([*keep_with, MemoParagraph(lines, SIGN_STYLE)])]


def gap(height: float = 6) -> Spacer:
    return Spacer(1, height)
