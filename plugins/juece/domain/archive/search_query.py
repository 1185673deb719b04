"""An archive search as asked: words and filters, checked before any query runs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import get_args

from juece.domain.deliberation.views import CONSEQUENCES
from juece.domain.record.errors import RecordError
from juece.domain.stages import STATUTORY_STAGES
from juece.spec.base import Category

CATEGORIES = get_args(Category)
STAGE_STATES = ("recorded", "not_applicable", "none")
OUTCOMES = (*CONSEQUENCES, "undecided")
MAX_QUERY = 200
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000  # far past any catalogue, and an offset every records DB can count to
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _refuse(zh: str, en: str) -> RecordError:
    return RecordError(f"{zh} / {en}")


@dataclass(frozen=True)
class Query:
    text: str = ""
    year: int | None = None
    category: str | None = None
    sponsor: str | None = None
    outcome: str | None = None
    stage: str | None = None  # "<stage>=<recorded|not_applicable|none>"
    date_from: str | None = None  # decided on or after, YYYY-MM-DD
    date_to: str | None = None
    page: int = 1
    per_page: int = 10

    def __post_init__(self) -> None:
        if len(self.text) > MAX_QUERY:
            raise _refuse(f"检索词不得超过{MAX_QUERY}字", f"the search words may not exceed {MAX_QUERY} characters")
        if self.category is not None and self.category not in CATEGORIES:
            raise _refuse(f"决策类别应为 {'、'.join(CATEGORIES)} 之一", f"category must be one of {', '.join(CATEGORIES)}")
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise _refuse(f"决定结果应为 {'、'.join(OUTCOMES)} 之一", f"outcome must be one of {', '.join(OUTCOMES)}")
        if self.year is not None and not 1000 <= self.year <= 9999:
            raise _refuse("年度须为四位数", f"the year must have four digits, not {self.year}")
        if not 1 <= self.page <= MAX_PAGE or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise _refuse(f"页码从1起（至多{MAX_PAGE}），每页1至{MAX_PER_PAGE}条",
                          f"pages start at 1 (at most {MAX_PAGE}), with 1-{MAX_PER_PAGE} results each")
        for value in (self.date_from, self.date_to):
            if value is not None:
                _check_day(value)
        if self.stage is not None:
            _check_stage(self.stage)


def _check_day(value: str) -> None:
    try:
        if not DAY.fullmatch(value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise _refuse(f"日期应为 YYYY-MM-DD，现为 {value!r}", f"a date is YYYY-MM-DD, not {value!r}") from None


def _check_stage(value: str) -> None:
    stages = [stage.value for stage in STATUTORY_STAGES]
    name, _, state = value.partition("=")
    if name not in stages or state not in STAGE_STATES:
        raise _refuse(f"环节状态应写作 环节=状态，环节为 {'、'.join(stages)}，状态为 {'、'.join(STAGE_STATES)}",
                      f"a stage status is <stage>=<state> with stage one of {', '.join(stages)} "
                      f"and state one of {', '.join(STAGE_STATES)}, not {value!r}")


def grams(text: str, longest: int) -> set[str]:
    """Every distinct piece of 1 to ``longest`` characters of the lowercased ``text`` holding no
    whitespace: a word of at most ``longest`` characters occurs in the text exactly when it is
    one of these (search words never hold whitespace)."""
    found: set[str] = set()
    for run in text.lower().split():
        for size in range(1, min(longest, len(run)) + 1):
            found.update(run[at:at + size] for at in range(len(run) - size + 1))
    return found


def gram_token(gram: str) -> str:
    """A piece of text as one ASCII word (each character as six hex digits), so that a tokenizer
    splitting on punctuation keeps it whole."""
    return "g" + "".join(f"{ord(char):06x}" for char in gram)
