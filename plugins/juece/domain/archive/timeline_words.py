"""The words the record in words is made of: free text cut to a line, coded values in words,
moments in China time, and people by name, role and seat.

Nothing here fails on what an entry holds: a field may be missing (an entry written by an
older version), of another type, or hostile. Free text comes back as plain text on one line,
cut where it is long; escaping it is the page's job."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from juece.domain.archive.trace import ROLE_LABELS
from juece.domain.expert_review.panel_record import seat_label
from juece.domain.record.clock import china_time
from juece.domain.record.entries import Entry
from juece.domain.record.labels import EDITION_LABELS, VALUE_LABELS
from juece.domain.stages import STAGE_NAMES, Stage

LIMIT = 60  # a reason, a summary, a comment: its first characters
MESSAGE_LIMIT = 120  # a refusal's or a notice's own message: whole, unless it runs long
ELLIPSIS = "…"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_LABEL = re.compile(r"^(?P<zh>[^A-Za-z]*?)\s*(?P<en>[A-Za-z].*)?$", re.S)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ARTICLE = re.compile(r"Art\.\s*(\d+)")

Data = dict[str, Any]  # an entry's data, whatever it holds
# A phrase: what an entry says, (Chinese, English), from its data, the entry and the people.
Phrase = Callable[[Data, Entry, "People"], tuple[str, str]]

# Coded values the shared tables (domain/record/labels.py) do not name, for the sentences only.
MORE_VALUES: dict[str, str] = {
    "not_deliberated": "未经集体讨论决定 not deliberated",
    "conflict": "申报利害关系回避 declared a conflict of interest",
    "non_responding": "逾期未答复 did not respond in time",
    "permanent": "永久 permanent",
    "portal": "公众参与页面 the public portal", "web": "网页 the web page",
    "cli": "命令行 the command line", "csv": "表格导入 a spreadsheet upload",
    "log": "系统日志 the log", "email": "电子邮件 e-mail", "webhook": "政务即时通讯 the messaging platform",
}


def as_dict(value: Any) -> dict[str, Any]:
    """A field that should hold a mapping: itself, or an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """A field that should hold a list: itself, or an empty one."""
    return value if isinstance(value, list) else []


def one_line(value: Any) -> str:
    """Any value as one line of plain text ('' for None): whitespace runs become one space,
    control characters go; a list is joined with '；'."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "；".join(text for text in (one_line(item) for item in value) if text)
    if isinstance(value, dict):
        return ""  # a structure is never quoted: the sentence names what matters in it
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def short(value: Any, limit: int = LIMIT) -> str:
    """Free text on one line, cut at ``limit`` characters with '…'."""
    text = one_line(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def split_label(label: str) -> tuple[str, str]:
    """'通过 approve' as ('通过', 'approve'); '完整版（限制查阅）full edition' too."""
    match = _LABEL.match(label.strip())
    if match is None:  # pragma: no cover - the pattern matches every text
        return label, label
    zh, en = match["zh"].strip().rstrip("/").strip(), (match["en"] or "").strip()
    return (zh or en), (en or zh)


def lower_first(text: str) -> str:
    """'Support with conditions' as 'support with conditions' inside a sentence."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[0].isupper() and text[1].islower() else text


def readable(value: Any) -> str:
    """A coded value nobody named, as a reader can still read it: underscores as spaces."""
    return short(one_line(value).replace("_", " "), 40)


def words(value: Any, table: Mapping[str, str] = VALUE_LABELS) -> tuple[str, str]:
    """A coded value in words, Chinese and English: from ``table`` or MORE_VALUES, else readable."""
    if value is None or value == "":
        return "", ""
    if isinstance(value, bool):
        return ("是", "yes") if value else ("否", "no")
    label = (table.get(value) or MORE_VALUES.get(value)) if isinstance(value, str) else None
    if label:
        zh, en = split_label(label)
        return zh, lower_first(en)
    text = readable(value)
    return text, text


def edition(value: Any) -> tuple[str, str]:
    """'完整版' / 'full edition' (the archive's label without its note)."""
    zh, en = words(value, EDITION_LABELS)
    return zh.split("（")[0], en.split(",")[0]


def stage_words(stage: Any) -> tuple[str, str]:
    try:
        return STAGE_NAMES[Stage(str(stage))]
    except ValueError:
        text = readable(stage)
        return text, text


def article(value: Any) -> tuple[str, str]:
    """'Art. 19' as ('条例第19条', 'Art. 19')."""
    text = one_line(value)
    match = _ARTICLE.search(text)
    return (f"条例第{match[1]}条", f"Art. {match[1]}") if match else (short(text, 20), short(text, 20))


def number(value: Any) -> str:
    """A count or a number as text; '' when the value is none."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def count(value: Any) -> str:
    """How many: a number as given, or the length of a list; '' when neither."""
    return str(len(value)) if isinstance(value, list | tuple | dict) else number(value)


def percent(rate: Any) -> str:
    if isinstance(rate, bool) or not isinstance(rate, int | float):
        return ""
    return f"{rate * 100:.1f}".rstrip("0").rstrip(".")


def moment(value: Any) -> str:
    """A moment of the record as 'YYYY-MM-DD HH:MM' China time; a date as it is; '' for none."""
    text = one_line(value)
    if not text:
        return ""
    if _DATE.match(text):
        return text
    shown = china_time(text, zone=False)
    return shown[:16] if shown != text else short(text.replace("T", " "), 25)


def closing(value: Any) -> str:
    """A deadline as a reader says it: a period ends at 24:00 of its last day, which the record
    stores as 00:00 China time of the next: '2027-03-31 24:00'."""
    shown = moment(value)
    if shown.endswith(" 00:00"):
        last = date.fromisoformat(shown[:10]) - timedelta(days=1)
        return f"{last.isoformat()} 24:00"
    return shown


def day(value: Any) -> str:
    """A date ('YYYY-MM-DD'), or a moment's date in China time."""
    shown = moment(value)
    return shown[:10] if shown[:10] and _DATE.match(shown[:10]) else shown


def names_of(items: Any, people: People, limit: int = 8) -> str:
    """People listed by name: 'a、b、c' (and how many more)."""
    users = [item for item in items if item] if isinstance(items, list | tuple) else []
    shown = "、".join(people.name(user) for user in users[:limit])
    return shown + (f" 等{len(users)}人" if len(users) > limit else "")


@dataclass(frozen=True)
class People:
    """Who is who in one decision: the roles its spec gave (trace.roles_by_user), names (the
    recorded panel and hearing, then names given by the caller) and the experts' seats."""

    roles: Mapping[str, set[str]] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    seats: Mapping[str, str] = field(default_factory=dict)  # expert's user id -> seat_3, reserve_1

    def name(self, user: Any) -> str:
        """A person by name when known, else by user id (underscores as spaces)."""
        if user in (None, ""):
            return "—"
        known = self.names.get(str(user)) if isinstance(user, str) else None
        return short(known, 40) if known else readable(user)

    def zh(self, user: Any) -> str:
        """The name as a Chinese sentence runs on after it: a Latin name keeps a space before the
        next word ('member 1 发表意见'), a Chinese one none ('王某发表意见')."""
        return spaced(self.name(user))

    def expert(self, user: Any, seat: Any = None) -> tuple[str, str]:
        """'王某（第3席）' / '王某 (seat 3)'."""
        name = self.name(user)
        seat_zh, seat_en = seat_words(seat or (self.seats.get(user) if isinstance(user, str) else None))
        return (f"{name}（{seat_zh}）", f"{name} ({seat_en})") if seat_zh else (spaced(name), name)


def spaced(text: str) -> str:
    return f"{text} " if text and text[-1].isascii() and text[-1].isalnum() else text


def seat_words(seat: Any) -> tuple[str, str]:
    """'第3席' / 'seat 3' for seat_3, '后备第1席' / 'reserve seat 1' for reserve_1."""
    text = one_line(seat)
    if not text:
        return "", ""
    kind, _, numeral = text.rpartition("_")
    if kind in ("seat", "reserve") and numeral.isdigit():
        return seat_label(text), f"{'reserve seat' if kind == 'reserve' else 'seat'} {numeral}"
    return readable(text), readable(text)


def role_words(role: str) -> tuple[str, str]:
    return ROLE_LABELS.get(role, ROLE_LABELS["unknown"])


def disposition(d: Data) -> tuple[str, str, str, str]:
    """A comment's or an opinion's disposition in words, and its reason as a clause."""
    value_zh, value_en = words(d.get("disposition"))
    reason_zh, reason_en = clause(short(d.get("reason")), "理由", "reason")
    return (value_zh or "未载明", value_en or "not stated", reason_zh, reason_en)


def clause(text: str, zh: str, en: str) -> tuple[str, str]:
    """'；理由：…' / '; reason: …' after a sentence, or nothing when there is no text (its own
    full stop dropped: the sentence may go on)."""
    text = text.rstrip("。．.；;，, ") if not text.endswith(ELLIPSIS) else text
    return (f"；{zh}：{text}", f"; {en}: {text}") if text else ("", "")


def plural(n: str, word: str) -> str:
    """'1 risk point', '3 risk points'."""
    return f"{n} {word}" if n == "1" else f"{n} {word}s"
