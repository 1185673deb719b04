"""The office's desk in the browser (承办单位工作台, `/juece/office/`): every decision the signed-in
person may follow, where it stands, who holds its open steps, the legal deadlines and which are
past them (R-H5); filters by year, category, stage and overdue. Linked from Airflow's navigation."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from juece.adapters.notify.groups import holds_role
from juece.adapters.notify.people import PeopleFileError, directory_from_settings
from juece.adapters.reporting.labels import CATEGORY_LABELS, category_label
from juece.domain.archive.annual import STATUS_LABELS
from juece.domain.record.errors import AccessError, RecordError
from juece.domain.stages import STAGE_NAMES, Stage, stage_label
from juece.services.desk import DeskRow, Filters, desk, years
from juece.services.record_view import record_view
from juece.web.auth import airflow_identity
from juece.web.common import store, templates, wants_json
from juece.web.office_links import run_url
from juece.web.refusals import refuse

# the pages where a pending step is answered: (rule, the kind of entry that opened it or "") -> the
# route, and whether only the step's first holder answers there (the convening: the secretary, while
# the sponsor office answers for bringing the decision to the meeting)
STEP_PAGES = {("R-B4", ""): ("office_comments", False), ("R-D2", ""): ("risk_register", False),
              ("R-E3", ""): ("legality_review", False), ("R-F2", "gate_passed"): ("meeting_convene", True),
              ("R-F2", "meeting_convened"): ("meeting_decision", False), ("R-G1", ""): ("office_announcement", False)}
STEP_WORDS = {"office_announcement": ("审定并发布公告", "Review and publish the announcement")}

RELATIONS = {"sponsor_office": "承办单位 sponsor office", "decision_body": "决策机关 decision body",
             "administrator": "管理员 administrator"}


async def signed_in(request: Request) -> tuple[str, bool]:
    """(user id, whether an administrator) of the person signed in to Airflow; else refused (401)."""
    user, role = await identified(request)
    return user, "ADMIN" in role.upper().split(",")


async def identified(request: Request) -> tuple[str, str]:
    """(user id, Airflow role) of the person signed in to Airflow; else refused (401)."""
    request.state.office = ""  # refusals keep the office's header
    identity = await airflow_identity(request)
    if identity is None:
        raise refuse(request, 401, None, "请先登录 Airflow（右上角用户菜单）再打开本页",
                     "log in to Airflow first, then open this page again")
    return identity


Person = Annotated[tuple[str, bool], Depends(signed_in)]
router = APIRouter()


def filters_of(request: Request) -> Filters:
    """The query's filters, each checked; a value that is not one of the choices is refused (400)."""
    params = request.query_params
    year, category, stage = params.get("year", "").strip(), params.get("category", "").strip(), \
        params.get("stage", "").strip()
    if year and not (year.isdigit() and len(year) == 4):
        raise refuse(request, 400, None, f"年度须为四位数字，收到“{year[:20]}”", f"the year must be four digits, got {year[:20]!r}")
    if category and category not in CATEGORY_LABELS:
        raise refuse(request, 400, None, "没有这个决策类别", f"no such category: {category[:40]!r}")
    if stage and stage not in {s.value for s in Stage}:
        raise refuse(request, 400, None, "没有这个环节", f"no such stage: {stage[:40]!r}")
    return Filters(year=int(year) if year else None, category=category or None, stage=stage or None,
                   overdue=params.get("overdue", "") in ("1", "on", "true"))


@router.get("/office/", response_class=HTMLResponse, name="office_desk")
async def office_desk(request: Request, person: Person) -> Response:
    user, administrator = person
    chosen = filters_of(request)
    now = datetime.now(UTC)
    ledger = store(request).ledger
    called = names()
    rows = desk(ledger, user, now, chosen, administrator, called)
    if wants_json(request):
        return JSONResponse({"user": user, "decisions": [as_json(row) for row in rows]})
    every = rows if chosen == Filters() else desk(ledger, user, now, Filters(), administrator)
    context = {"user": user, "rows": rows, "filters": chosen, "years": years(every), "office": "",
               "categories": CATEGORY_LABELS, "stages": {s.value: f"{zh} {en}" for s, (zh, en) in STAGE_NAMES.items()},
               "status_labels": STATUS_LABELS, "relations": RELATIONS, "category_label": category_label,
               "stage_label": stage_label, "page_of": lambda step: step_page(request, step, user)}
    return templates.TemplateResponse(request, "desk.html", context)


def step_page(request: Request, step: Any, user: str) -> tuple[str, str, str] | None:
    """(address, Chinese, English) of the page where ``user`` answers a pending step, when the step
    has a page of juece's own and the user is among those who hold it; else None."""
    found = STEP_PAGES.get((step.rule, step.step)) or STEP_PAGES.get((step.rule, ""))
    if found is None:
        return None
    route, first_only = found
    if not any(holds_role(holder, user) for holder in (step.holders[:1] if first_only else step.holders)):
        return None
    zh, en = STEP_WORDS.get(route, ("去办理", "Answer it"))
    return str(request.url_for(route, decision_id=step.decision_id)), zh, en


@router.get("/office/decisions/{decision_id}", response_class=HTMLResponse, name="office_decision")
async def office_decision(request: Request, decision_id: str, person: Person) -> Response:
    """The record of one decision in words: the timeline, the draft's versions, files, archives."""
    user, administrator = person
    request.state.office = decision_id[:80]
    ledger = store(request).ledger
    try:
        view = record_view(ledger, decision_id, user, datetime.now(UTC), administrator, names())
    except AccessError as error:
        raise refuse(request, 403, None, error.zh, error.en) from None
    except RecordError:
        raise refuse(request, 404, None, "没有这项决策", f"no decision {decision_id[:80]}") from None
    if wants_json(request):
        return JSONResponse({"decision_id": decision_id, "timeline": [asdict(line) for line in view.lines]})
    context = {"user": user, "view": view, "office": decision_id, "decision_id": decision_id,
               "relations": RELATIONS, "status_labels": STATUS_LABELS, "category_label": category_label,
               "stage_label": stage_label, "run_url": run_url(request, ledger, decision_id)}
    return templates.TemplateResponse(request, "record.html", context)


def names() -> dict[str, str]:
    """People's names from the directory (JUECE_PEOPLE_FILE); a directory refused names nobody."""
    try:
        return {user: person.name for user, person in directory_from_settings().items() if person.name}
    except PeopleFileError:
        return {}


def as_json(row: DeskRow) -> dict[str, Any]:
    status = row.status
    return {"decision_id": status.decision_id, "title": status.title, "category": status.category,
            "year": status.catalogue_year, "stage": status.stage, "status": status.status,
            "outcome": status.outcome, "relation": row.role, "holders": row.holders,
            "next_due": row.next_due.as_dict() if row.next_due else None,
            "pending": [step.as_dict() for step in row.pending]}

