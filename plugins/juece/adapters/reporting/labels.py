"""Chinese and English names for what the ledger records, and its data as readable lines.

The names of kinds and values are the domain's (domain/record/labels.py), shared with the record
in words; the names of data fields (field_names.py) and the layout of nested data are the
archive's own. Nothing comes out as a key or a code: a key or a coded value nobody named is
written as words (underscores as spaces), a user id as the person (persons.py), a moment in China
time with its zone, a number of days or months with its unit."""

from __future__ import annotations

import json
import re
from typing import Any

from juece.adapters.reporting import persons
from juece.adapters.reporting.field_names import FIELD_ENGLISH, FIELD_LABELS, WORDS
from juece.domain.archive.timeline_words import MORE_VALUES, seat_words
from juece.domain.record.clock import china_time
from juece.domain.record.labels import (  # noqa: F401  (re-exported: the archive's readers import them here)
    CATEGORY_LABELS,
    EDITION_LABELS,
    KIND_LABELS,
    UNDECIDED,
    VALUE_LABELS,
)
from juece.domain.stages import STAGE_NAMES

__all__ = ["FIELD_LABELS", "field_label", "value_text", "flatten", "kind_label", "words"]

MAX_DEPTH = 6
NESTING = " › "
CODE = re.compile(r"[a-z][a-z0-9]*(?:_+[a-z0-9]+)+")  # a key or a coded value: snake_case
SEAT = re.compile(r"(?:seat|reserve)_\d+")
CODED = sorted((code for code in {*VALUE_LABELS, *KIND_LABELS} if "_" in code), key=len, reverse=True)
CODE_IN_TEXT = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, CODED)) + r")(?![\w])")
STEP = re.compile(r"[a-z][a-z0-9_]*(?::[a-z][a-z0-9_.]*)+")
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
STAGES = {str(stage): names for stage, names in STAGE_NAMES.items()}


def kind_label(kind: str, sep: str = " ") -> str:
    """'收到公众意见 Comment received' for a kind; an unknown kind in words."""
    zh, en = KIND_LABELS.get(kind, ("", ""))
    return f"{zh}{sep}{en}" if zh else words(kind)


def kind_chinese(kind: str) -> str:
    """'收到公众意见' for a kind; an unknown kind in words."""
    return KIND_LABELS.get(kind, ("", ""))[0] or words(kind)


def words(code: Any) -> str:
    """A key or code nobody named, as words: 'calendar_known' as 'Calendar known'."""
    parts = [WORDS.get(part, part) for part in str(code).split("_") if part]
    text = " ".join(parts)
    return text[:1].upper() + text[1:] if text else str(code)


def english(key: str) -> str:
    """The English words for a data key."""
    return FIELD_ENGLISH.get(key) or words(key)


def field_label(key: str) -> str:
    """'理由 Reason' for a data key; a kind, stage, seat or person used as a key by its name; any
    other key in words."""
    zh = FIELD_LABELS.get(key)
    if zh:
        return f"{zh} {english(key)}"
    return _named(key) or words(key)


def _named(text: str) -> str | None:
    """What a code names, when it names a kind, a stage, a seat or a person of the record."""
    if text in KIND_LABELS:
        return kind_label(text)
    if text in STAGES:
        return " ".join(STAGES[text])
    if SEAT.fullmatch(text):
        return " ".join(seat_words(text))
    if persons.known(text) or text.startswith("group:"):
        return persons.person(text)
    return None


def _code_words(code: str) -> str:
    label = VALUE_LABELS.get(code)
    return label.split(" ", 1)[-1] if label else KIND_LABELS[code][1].lower()


def _string(value: str, key: str | None) -> str:
    known = VALUE_LABELS.get(value) or MORE_VALUES.get(value) or CATEGORY_LABELS.get(value)
    if known:
        return known
    if key == "field" and value in FIELD_LABELS:
        return field_label(value)
    if len(value) > 64 or " " in value:  # free text: a code written into it (an older record's) in words
        return CODE_IN_TEXT.sub(lambda found: _code_words(found[0]), value) if "_" in value else value
    if STEP.fullmatch(value):  # a step of the workflow: "not_applicable:expert_review"
        return " · ".join(_string(part, None) for part in value.split(":"))
    if key == "task" and "." in value:  # an Airflow task: its stage, then what it does
        stage, _, task = value.partition(".")
        return f"{_named(stage) or words(stage)} · {words(task).lower()}"
    if MOMENT.match(value) or (key or "").endswith("_at"):
        return china_time(value)
    named = _named(value)
    if named:
        return named
    return words(value).lower() if CODE.fullmatch(value) else value


def _number(value: int | float, key: str | None) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    if not key:
        return text
    if "working_days" in key or key == "days_over":
        return f"{text} 个工作日 working days"
    if "months" in key:
        return f"{text} 个月 months"
    if key == "days" or key.endswith("_days") or key.endswith("_days_before"):
        return f"{text} 日 days"
    if key.endswith("_rate") and isinstance(value, float) and 0 <= value <= 1:
        return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"
    if key == "clock_scale":
        return f"×{text}"
    return text


def value_text(value: Any, key: str | None = None) -> str:
    """A scalar as a reader would write it; ``key`` (the data key it is under) gives a number its
    unit (days, working days, months)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是 yes" if value else "否 no"
    if isinstance(value, str):
        return _string(value, key)
    if isinstance(value, int | float):
        return _number(value, key)
    return str(value)


def outcome_label(outcome: Any) -> str:
    return UNDECIDED if outcome in (None, "") else value_text(outcome)


def category_label(category: Any) -> str:
    return CATEGORY_LABELS.get(str(category), value_text(category))


def flatten(value: Any, label: str = "", depth: int = 0, key: str | None = None) -> list[tuple[str, str]]:
    """Nested data as (label, text) lines; nested keys joined with ' › ', list items numbered.

    Below MAX_DEPTH levels the rest is shown as compact JSON."""
    if depth >= MAX_DEPTH and isinstance(value, dict | list | tuple) and value:
        return [(label, json.dumps(value, ensure_ascii=False, sort_keys=True))]
    if isinstance(value, dict):
        if not value:
            return [(label, "—")]
        lines: list[tuple[str, str]] = []
        for name in value:
            shown = field_label(str(name))
            lines += flatten(value[name], f"{label}{NESTING}{shown}" if label else shown, depth + 1, str(name))
        return lines
    if isinstance(value, list | tuple):
        if not value:
            return [(label, "—")]
        if len(value) == 1 and not isinstance(value[0], dict | list | tuple):
            return [(label, value_text(value[0], key))]
        lines = []
        for number, item in enumerate(value, start=1):
            lines += flatten(item, f"{label} {number}" if label else str(number), depth + 1, key)
        return lines
    return [(label, value_text(value, key))]


def path_text(path: Any) -> str:
    """Where in an entry a value is ('data.stages.hearing.participants[0].name'), in words:
    '环节设置 Stages › 听证会 Hearing › 参加人 Participants 1 › 姓名 Name'."""
    parts = [part for part in re.split(r"\.|(?=\[)", str(path)) if part and part != "data"]
    shown: list[str] = []
    for part in parts:
        index = re.fullmatch(r"\[(\d+)\]", part)
        if index and shown:
            shown[-1] += f" {int(index[1]) + 1}"
        else:
            shown.append(field_label(part))
    return NESTING.join(shown) or "—"
