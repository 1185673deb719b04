"""What every juece page and API route shares: templates, the store, answers in both forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.datastructures import State

from juece.adapters.store.comments import CommentStore
from juece.adapters.store.commit_process import ProcessCommitter
from juece.adapters.store.group_commit import GroupCommitter
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.personal import public_text
from juece.domain.archive.pii import PublicText
from juece.domain.participation.citation import citation, cite
from juece.domain.record.clock import china_time, parse_time
from juece.domain.record.entries import clock_scale as record_clock_scale
from juece.domain.record.periods import as_read
from juece.spec.models import CHINA

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def _beijing(value: str, pattern: str) -> str:
    try:
        return parse_time(value).astimezone(CHINA).strftime(pattern)
    except (TypeError, ValueError):
        return value


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def closing(value: str) -> tuple[str, str]:
    """The moment a period closes as a reader says it, Chinese and English: a period ends at 24:00
    of its last day (domain/record/periods.py), so 00:00 China time is written as 24:00 of the day before."""
    try:
        moment = parse_time(value).astimezone(CHINA)
    except (TypeError, ValueError):
        return value, value
    day, clock = as_read(moment)
    if moment.second or moment.microsecond:  # a moment, not a period's end: to the second
        clock = moment.strftime("%H:%M:%S")
    zh, en = day_text(day)
    return f"{zh} {clock}（北京时间）", f"{clock} on {en}, China Standard Time"


def day_text(day: date) -> tuple[str, str]:
    return f"{day.year}年{day.month}月{day.day}日", f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def opening_day(value: str) -> tuple[str, str]:
    """The day (China time) a recorded moment falls on, Chinese and English."""
    try:
        return day_text(parse_time(value).astimezone(CHINA).date())
    except (TypeError, ValueError):
        return value, value


templates.env.filters["cn_date"] = lambda value: _beijing(value, "%Y-%m-%d")
templates.env.filters["cn_time"] = lambda value: china_time(str(value))  # the zone stated: 北京时间 UTC+8
templates.env.filters["closing_zh"] = lambda value: closing(value)[0]
templates.env.filters["closing_en"] = lambda value: closing(value)[1]
templates.env.filters["day_zh"] = lambda value: opening_day(value)[0]
templates.env.filters["day_en"] = lambda value: opening_day(value)[1]
templates.env.filters["person"] = lambda user: person_name(user)
templates.env.globals["cite"] = cite  # 第三条 / Article 3 in a draft of articles, else 第3段 / paragraph 3
templates.env.globals["citation"] = citation


def store_of(state: State) -> CommentStore:
    """The app's comment store, made on first use (the records DB is read from the environment)."""
    if getattr(state, "store", None) is None:
        state.store = CommentStore(Ledger())
    return state.store


def committer_of(state: State) -> GroupCommitter | ProcessCommitter:
    """The group-commit writer for portal comments: a thread of this process, or (``juece portal``)
    a process of its own."""
    if getattr(state, "committer", None) is None:
        own_process = getattr(state, "writer_process", False)
        state.committer = ProcessCommitter() if own_process else GroupCommitter(store_of(state))
    return state.committer


def store(request: Request) -> CommentStore:
    return store_of(request.app.state)


SCALES: dict[tuple[str, str], float] = {}


def clock_scale(request: Request, decision_id: str) -> float:
    """How much faster than real time the decision's workflow clock runs (the demo's, recorded at
    launch, never changed): the page says so when it is not 1."""
    ledger = store(request).ledger
    key = (str(ledger.engine.url), decision_id)
    if key not in SCALES:
        launched = ledger.latest(decision_id, "launched")
        if launched is None:
            return 1.0
        SCALES[key] = record_clock_scale([launched])
    return SCALES[key]


templates.env.globals["clock_scale"] = clock_scale


def redactor(request: Request, decision_id: str) -> PublicText:
    """The decision's public-text redactor (R-H6), made once per request."""
    made = getattr(request.state, "public_text", None)
    if made is None or made[0] != decision_id:
        made = (decision_id, public_text(store(request).ledger, decision_id))
        request.state.public_text = made
    return made[1]


@pass_context
def _public(context: Context, value: object) -> str:
    """`{{ text | public }}` on a page of decision `d`: the text without personal data."""
    return redactor(context["request"], context["d"].id)(None if value is None else str(value))


templates.env.filters["public"] = _public
# The app's own stylesheet (web/security.py serves it), wherever the app is mounted: no inline
# style and nothing from another site, so the Content-Security-Policy allows styles from 'self' only.
templates.env.globals["stylesheet_url"] = lambda request: request.scope.get("root_path", "") + "/public/static/juece.css"
templates.env.globals["root_url"] = lambda request: request.scope.get("root_path", "")  # links between the parts
templates.env.globals["script_url"] = lambda request, name: request.scope.get("root_path", "") + f"/public/static/{name}"


def wants_json(request: Request) -> bool:
    return ("application/json" in request.headers.get("content-type", "")
            or "application/json" in request.headers.get("accept", "")
            or request.query_params.get("format") == "json")


def problem(request: Request, status: int, rule: str | None, zh: str, en: str,
            headers: dict[str, str] | None = None, field: str | None = None) -> Response:
    """A refusal a person can read: rule id, Chinese and English (and the field refused, when
    known); JSON or a page."""
    body = {"status": status, "rule": rule, "zh": zh, "en": en, **({"field": field} if field else {})}
    if wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    # a refusal on a sponsor office's page keeps the office's header (web/office.py sets it)
    page = {**body, "back": back_url(request), "office": getattr(request.state, "office", None)}
    return templates.TemplateResponse(request, "error.html", page, status_code=status, headers=headers)


def back_url(request: Request) -> str:
    """Where "Back" leads from a refusal: the page the form was on (its Referer, when it is this
    site's), else the page asked for. A plain link: the pages run no inline script (CSP)."""
    referer = request.headers.get("referer", "")
    own = f"{request.url.scheme}://{request.url.netloc}/"
    if referer.startswith(own) and "\n" not in referer and "\r" not in referer:
        return referer
    return str(request.url) if request.method == "GET" else request.scope.get("root_path", "") + "/public/"


def person_name(user: str) -> str:
    """The signed-in person by name (the people directory); their user id only when it names nobody."""
    from juece.adapters.notify.people import PeopleFileError, directory_from_settings

    try:
        found = directory_from_settings().get(user)
    except PeopleFileError:
        found = None
    return found.name if found is not None and found.name else user
