"""The sponsor office's pages: comments compiled and disposed of (R-B4), CSV round trip."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from juece.adapters.notify.groups import holds_role
from juece.domain.participation import sheet
from juece.domain.participation.dispositions import CLOSES_STAGE, DISPOSITION_LABELS
from juece.domain.participation.draft import paragraphs
from juece.domain.record.errors import RecordError, RuleViolation
from juece.domain.stages import Stage
from juece.services import office
from juece.web.auth import airflow_user
from juece.web.common import problem, store, templates, wants_json
from juece.web.office_links import office_links
from juece.web.refusals import refuse
from juece.web.security import csrf_refusal, csrf_token

MAX_CSV_BYTES = 50 * 1024 * 1024


async def sponsor_office(request: Request, decision_id: str) -> str:
    """The dependency of the office's routes: the decision's sponsor office (a member of it, when
    it is a group), signed in to Airflow; anyone else is refused (401, 404 or 403)."""
    request.state.office = decision_id  # its refusals keep the office's header
    user = await airflow_user(request)
    if user is None:
        raise refuse(request, 401, None, "请先登录 Airflow（右上角用户菜单）再打开本页",
                     "log in to Airflow first, then open this page again")
    launched = store(request).ledger.latest(decision_id, "launched")
    if launched is None:
        raise refuse(request, 404, None, "没有这项决策", f"no decision {decision_id}")
    if not holds_role(launched["data"]["spec"]["sponsor_office"], user):
        raise refuse(request, 403, None, "只有承办单位可以办理本决策的本页事项",
                     "only the decision's sponsor office acts on this page")
    return user


SponsorOffice = Annotated[str, Depends(sponsor_office)]
router = APIRouter()


@router.get("/office/decisions/{decision_id}/comments", response_class=HTMLResponse)
async def office_comments(request: Request, decision_id: str, user: SponsorOffice) -> Response:
    ledger = store(request).ledger
    frame = office.compile_comments(ledger, decision_id)
    closed = ledger.latest(decision_id, CLOSES_STAGE, Stage.PUBLIC_PARTICIPATION)  # dispositions final
    launched = ledger.latest(decision_id, "launched") or {"data": {"spec": {"draft": {}}}}
    draft = paragraphs(str(launched["data"]["spec"]["draft"].get("text", "")))
    rows = frame.to_dict("records")
    context = {"decision_id": decision_id, "rows": rows, "user": user, "closed": closed, "office": decision_id,
               "draft": draft, **office_links(request, ledger, decision_id, rows),
               "summaries": {k: v.to_dict("records") for k, v in office.summaries(frame).items()},
               "labels": DISPOSITION_LABELS, "message": request.query_params.get("message", ""),
               "csrf": csrf_token(request)}
    return templates.TemplateResponse(request, "office.html", context)


@router.post("/office/decisions/{decision_id}/dispositions")
async def office_dispose(request: Request, decision_id: str, user: SponsorOffice) -> Response:
    if (refused := await csrf_refusal(request)) is not None:  # a forged request from another site
        return refused
    form = await request.form()
    disposition, reason = str(form.get("disposition", "")), str(form.get("reason", ""))
    ledger = store(request).ledger
    try:
        if cluster := str(form.get("cluster", "")).strip():
            count = office.dispose_cluster(ledger, decision_id, cluster, disposition, reason, user)
        else:
            item = {"ref": str(form.get("ref", "")), "disposition": disposition, "reason": reason}
            count = office.dispose(ledger, decision_id, [item], user)
    except (RuleViolation, RecordError) as error:
        return _refused(request, error)
    return _done(request, decision_id, count)


@router.get("/office/decisions/{decision_id}/comments.csv", dependencies=[Depends(sponsor_office)])
async def office_csv(request: Request, decision_id: str) -> Response:
    text = office.export_csv(office.compile_comments(store(request).ledger, decision_id))
    headers = {"content-disposition": f'attachment; filename="{decision_id}-comments.csv"'}
    return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8", headers=headers)


@router.post("/office/decisions/{decision_id}/comments.csv")
async def office_csv_upload(request: Request, decision_id: str, user: SponsorOffice) -> Response:
    if (refused := await csrf_refusal(request)) is not None:
        return refused
    text = await _csv_text(request)
    if text is None:
        return problem(request, 413, None, "CSV 文件过大或无法读取", "the CSV is too large or unreadable")
    try:
        count = office.import_csv(store(request).ledger, decision_id, text, user)
    except RuleViolation as error:
        return _refused(request, error)
    return _done(request, decision_id, count)


async def _csv_text(request: Request) -> str | None:
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        upload = (await request.form()).get("file")
        data = await upload.read(MAX_CSV_BYTES + 1) if hasattr(upload, "read") else b""
    else:
        data = await request.body()
    if len(data) > MAX_CSV_BYTES:
        return None
    try:
        return sheet.decode(data)  # UTF-8, or GBK/GB18030 as Excel and WPS save it
    except RuleViolation:
        return None


def _refused(request: Request, error: Exception) -> Response:
    if isinstance(error, RuleViolation):
        return problem(request, 422, error.rule, error.zh, error.en, field=error.field)
    return problem(request, 404, None, "没有这项决策", str(error))


def _done(request: Request, decision_id: str, count: int) -> Response:
    if wants_json(request):
        from fastapi.responses import JSONResponse

        return JSONResponse({"recorded": count})
    url = request.url_for("office_comments", decision_id=decision_id).include_query_params(
        message=f"已记录 {count} 条处理结果 / {count} dispositions recorded")
    return RedirectResponse(str(url), status_code=303)
