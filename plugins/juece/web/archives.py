"""Archive search and retrieval for signed-in users: the page `/archives`, each archive's
versions at `/archives/{archive_no}`, the API `/api/archives` and the files
`/api/archives/{archive_no}/{edition}.pdf` (the newest version) and
`/api/archives/{archive_no}/v{version}/{edition}.pdf`. Archivists get the full edition; everyone
else the public one (R-H6). Every retrieval is logged, as the user Airflow signed in, with the role
its auth manager gives; archivists see the refused attempts on these pages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from juece.adapters.store import catalogue
from juece.adapters.store.search import Results, search
from juece.domain.archive.access import refusal_reason
from juece.domain.archive.search_query import Query
from juece.domain.record.errors import FormError, RecordError, RuleViolation
from juece.services import archives
from juece.web.archive_words import category_words, choices, outcome_words
from juece.web.auth import airflow_identity
from juece.web.common import problem, store, templates
from juece.web.refusals import Refused, include, refuse

REFUSED_SHOWN = 50


def query_of(params: Any) -> Query:
    """The search asked for in the query string; bad values refused in both languages."""
    def number(name: str, default: int | None) -> int | None:
        value = (params.get(name) or "").strip()
        if not value:
            return default
        if not value.isdigit():
            raise RecordError(f"{name} 须为数字 / {name} must be a number, not {value!r}")
        return int(value)

    def given(name: str) -> str | None:
        return (params.get(name) or "").strip() or None

    return Query(text=given("q") or "", year=number("year", None), category=given("category"),
                 sponsor=given("sponsor"), outcome=given("outcome"), stage=given("stage"),
                 date_from=given("from"), date_to=given("to"), page=number("page", 1) or 1,
                 per_page=number("per_page", 10) or 10)


def as_json(results: Results, request: Request) -> dict[str, Any]:
    def links(archive_no: str) -> dict[str, str]:
        files = {edition: str(request.url_for("archive_file", archive_no=archive_no, edition=edition))
                 for edition in ("public", "full")}
        return files | {"versions": str(request.url_for("archive_versions", archive_no=archive_no))}

    return {"total": results.total, "page": results.page, "pages": results.pages, "per_page": results.per_page,
            "results": [{"archive_no": h.archive_no, "decision_id": h.decision_id, "version": h.version,
                         "title": h.title, "title_en": h.title_en, "sponsor": h.sponsor, "category": h.category,
                         "year": h.year, "outcome": h.outcome, "decided_on": h.decided_on, "score": h.score,
                         "snippet": h.snippet, "links": links(h.archive_no)} for h in results.hits]}


Identity = tuple[str, str]  # (user id, role as Airflow's auth manager gives it)


async def reader(request: Request) -> Identity:
    """The dependency of the archive pages: whoever is signed in to Airflow (archivist or not:
    `_who` tells); nobody signed in is refused (401)."""
    identity = await airflow_identity(request)
    if identity is None:
        raise refuse(request, 401, None, "请先登录 Airflow 再打开本页", "log in to Airflow first")
    return identity


async def api_reader(request: Request) -> Identity:
    """The dependency of the search API: as `reader`, refused in JSON whatever was asked for."""
    identity = await airflow_identity(request)
    if identity is None:
        raise Refused(JSONResponse({"status": 401, "zh": "请先登录", "en": "authentication required"},
                                   status_code=401))
    return identity


async def retriever(request: Request) -> Identity:
    """The dependency of the archive files: the signed-in user the retrieval is logged as."""
    identity = await airflow_identity(request)
    if identity is None:
        raise refuse(request, 401, None, "请先登录 Airflow 再调阅档案", "log in to Airflow first")
    return identity


async def version_retriever(request: Request, version: int) -> tuple[Identity, int]:
    """`retriever` of one version's file; the version checked first (422), as it was before any
    question of who is asking."""
    return await retriever(request), version


Reader = Annotated[Identity, Depends(reader)]
router = APIRouter()


@router.get("/archives", response_class=HTMLResponse)
async def archive_page(request: Request, identity: Reader) -> Response:
    context = await _who(request, identity[0]) | choices() | {"params": request.query_params, "results": None,
                                                               "error": None}
    try:  # no words and no filter: every archived decision, newest first, a page at a time
        context["results"] = await run_in_threadpool(search, query_of(request.query_params))
    except RecordError as error:
        context["error"] = str(error)
    return templates.TemplateResponse(request, "archives.html", context,
                                      status_code=400 if context["error"] else 200)


@router.get("/archives/{archive_no}", response_class=HTMLResponse, name="archive_versions")
async def archive_versions(request: Request, archive_no: str, identity: Reader) -> Response:
    rows = await run_in_threadpool(catalogue.versions, archive_no)
    if not rows:
        return problem(request, 404, None, f"没有档号为 {archive_no} 的档案", f"no archive numbered {archive_no}")
    context = await _who(request, identity[0], archive_no) | {"archive_no": archive_no, "rows": rows}
    return templates.TemplateResponse(request, "archive.html", context)


@router.get("/api/archives", dependencies=[Depends(api_reader)])
async def archive_api(request: Request) -> Response:
    try:
        results = await run_in_threadpool(search, query_of(request.query_params))
    except RecordError as error:  # "中文 / English", answered as every other refusal is
        zh, _, en = str(error).partition(" / ")
        return JSONResponse({"status": 400, "rule": None, "zh": zh, "en": en or zh}, status_code=400)
    return JSONResponse(as_json(results, request))


@router.get("/api/archives/{archive_no}/{edition}.pdf", name="archive_file")
async def archive_file(request: Request, archive_no: str, edition: str,
                       identity: Annotated[Identity, Depends(retriever)]) -> Response:
    return await _file(request, archive_no, edition, None, identity)


@router.get("/api/archives/{archive_no}/v{version}/{edition}.pdf", name="archive_version_file")
async def archive_version_file(request: Request, archive_no: str, edition: str,
                               asked: Annotated[tuple[Identity, int], Depends(version_retriever)]) -> Response:
    return await _file(request, archive_no, edition, asked[1], asked[0])


def archive_routes(app: FastAPI) -> None:
    """The archive routes on an app of its own (a test's)."""
    include(app, router)


async def _who(request: Request, user: str, archive_no: str | None = None) -> dict[str, Any]:
    """Who is reading and, for an archivist, the refused retrievals (of one archive when given)."""
    archivist = archives.is_archivist(user)
    refused = (await run_in_threadpool(lambda: archives.refused(archive_no, ledger=store(request).ledger)))[:REFUSED_SHOWN] if archivist else []
    return {"user": user, "archivist": archivist, "refused": refused}


async def _file(request: Request, archive_no: str, edition: str, version: int | None,
                identity: Identity) -> Response:
    """One edition of one version (the newest unless ``version``), retrieved as the signed-in user."""
    channel = "api" if request.headers.get("authorization") else "page"
    try:
        issued = await run_in_threadpool(lambda: archives.retrieve(
            archive_no, edition, identity[0], channel, store(request).ledger, version=version,
            auth_role=identity[1]))
    except RuleViolation as refusal:  # 403 under R-H6; an edition that does not exist is a form error
        return problem(request, 422 if isinstance(refusal, FormError) else 403, refusal.rule, refusal.zh, refusal.en)
    except RecordError as error:
        zh, _, en = str(error).partition(" / ")
        return problem(request, 404, None, zh, en or zh)
    return pdf_answer(issued)


def pdf_answer(issued: archives.Issued) -> Response:
    """An edition's PDF as a download named by its archive number, version and edition, with the
    catalogued hash it was checked against."""
    row = issued.issue
    name = f"{row.archive_no}-v{row.version}-{row.edition}.pdf"
    return Response(issued.content, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "X-Archive-SHA256": row.sha256})


def _reason(code: str | None) -> str:
    zh, en = refusal_reason(code)
    return f"{zh} {en}"


def _page_url(params: Any, page: int) -> str:
    from urllib.parse import urlencode

    return urlencode({**{k: v for k, v in params.items() if v}, "page": page})


templates.env.filters["pageurl"] = _page_url
templates.env.filters["refusal"] = _reason
templates.env.globals["category_words"] = category_words
templates.env.globals["outcome_words"] = outcome_words
