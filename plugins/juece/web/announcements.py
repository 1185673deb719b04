"""Published decisions on the public portal (R-G1): the announcement of every approved decision,
as the ledger recorded it. Public, no account; personal data a drafter typed into the text (a
commenter's name, a telephone number) is removed on the way out (R-H6), and the page says so."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from juece.adapters.store.ledger import Ledger
from juece.adapters.store.personal import public_text
from juece.web.common import templates

pages = templates  # the portal's templates, with its filters and stylesheet
PUBLIC_FIELDS = ("announcement", "announcement_sha256", "published_at", "decided_on", "published_on",
                 "working_days", "within_working_days", "overdue", "days_over")


def _ledger(request: Request) -> Ledger:
    state = request.app.state
    if getattr(state, "announcement_ledger", None) is None:
        state.announcement_ledger = Ledger()
    return state.announcement_ledger


def announcement_of(ledger: Ledger, decision_id: str) -> dict[str, Any] | None:
    """What the portal shows of a published decision: its title and the recorded announcement."""
    published = ledger.latest(decision_id, "published")
    launched = ledger.latest(decision_id, "launched") if published else None
    if published is None or launched is None:
        return None
    spec = launched["data"]["spec"]
    found = {"id": decision_id, "title": spec["title"], "title_en": spec.get("title_en") or "",
             "hash": published["hash"], **{key: published["data"].get(key) for key in PUBLIC_FIELDS}}
    text = str(found["announcement"] or "")
    found["announcement"] = public_text(ledger, decision_id)(text)  # R-H6: the hash stays the recorded text's
    found["redacted"] = found["announcement"] != text
    found["consulted"] = ledger.latest(decision_id, "notice_published") is not None  # its draft page exists
    return found


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "") or request.query_params.get("format") == "json"


router = APIRouter()  # public, like the comment pages


@router.get("/public/announcements/", response_class=HTMLResponse)
def announcement_list(request: Request) -> Response:
    ledger = _ledger(request)
    found = [a for a in (announcement_of(ledger, d) for d in ledger.decisions()) if a]
    found.sort(key=lambda a: a["published_at"] or "", reverse=True)
    if _wants_json(request):
        return JSONResponse({"announcements": found})
    return pages.TemplateResponse(request, "announcements.html", {"items": found})


@router.get("/public/decisions/{decision_id}/announcement", response_class=HTMLResponse)
def announcement_page(request: Request, decision_id: str) -> Response:
    found = announcement_of(_ledger(request), decision_id)
    if found is None:
        body = {"status": 404, "rule": "R-G1", "zh": "该决策尚未公布", "en": "this decision has not been published"}
        if _wants_json(request):
            return JSONResponse(body, status_code=404)
        return pages.TemplateResponse(request, "announcement.html", {"a": None, **body}, status_code=404)
    if _wants_json(request):
        return JSONResponse(found)
    return pages.TemplateResponse(request, "announcement.html", {"a": found})
