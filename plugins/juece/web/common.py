"""What every juece page and API route shares: templates, the store, answers in both forms."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from juece.domain.clock import parse_time
from juece.spec.models import CHINA
from juece.store.comments import CommentStore
from juece.store.group_commit import GroupCommitter
from juece.store.ledger import Ledger

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def _beijing(value: str, pattern: str) -> str:
    try:
        return parse_time(value).astimezone(CHINA).strftime(pattern)
    except (TypeError, ValueError):
        return value


templates.env.filters["cn_date"] = lambda value: _beijing(value, "%Y-%m-%d")
templates.env.filters["cn_time"] = lambda value: _beijing(value, "%Y-%m-%d %H:%M:%S") + "（北京时间 Beijing time）"


def store(request: Request) -> CommentStore:
    if getattr(request.app.state, "store", None) is None:
        request.app.state.store = CommentStore(Ledger())
    return request.app.state.store


def committer(request: Request) -> GroupCommitter:
    """The process's group-commit writer for portal comments."""
    if getattr(request.app.state, "committer", None) is None:
        request.app.state.committer = GroupCommitter(store(request))
    return request.app.state.committer


def wants_json(request: Request) -> bool:
    return ("application/json" in request.headers.get("content-type", "")
            or "application/json" in request.headers.get("accept", "")
            or request.query_params.get("format") == "json")


def problem(request: Request, status: int, rule: str | None, zh: str, en: str,
            headers: dict[str, str] | None = None) -> Response:
    """A refusal a person can read: rule id, Chinese and English; JSON or a page."""
    body = {"status": status, "rule": rule, "zh": zh, "en": en}
    if wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    return templates.TemplateResponse(request, "error.html", body, status_code=status, headers=headers)
