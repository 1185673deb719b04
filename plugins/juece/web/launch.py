"""A decision launched in the browser (新建决策, `/juece/office/new`): pick a decision type (a
template), fill its form, see the lint errors at their fields with the rule and a preview of the
stages and deadlines, then launch. The launcher recorded is the person signed in to Airflow,
who is also the sponsor office: never a typed name. The draft text may be imported from a .docx
file (`services/docx_import.py`): the form comes back with it, to be previewed as any other."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from juece.domain.participation.draft import paragraphs
from juece.domain.record.clock import format_time
from juece.domain.record.errors import RecordError, RuleViolation
from juece.domain.stages import stage_label
from juece.services import decisions, docx_import
from juece.services import launch_form as forms
from juece.services.form_values import posted_names
from juece.services.launchers import launch_refusal
from juece.services.people_choice import Offered
from juece.services.spec_form import spec_form
from juece.spec.models import CHINA
from juece.web.auth import configured_users
from juece.web.common import closing, day_text, store, templates
from juece.web.desk import identified
from juece.web.refusals import refuse
from juece.web.security import csrf_refusal, csrf_token

router = APIRouter()
ACTIONS = ("preview", "launch", "edit", "import")
FILE_FIELD = "draft_file"
# every name the generated form posts (a table's cells and the grid's among them), its sections' boxes,
# the token, the action and the file
FORM_BOUNDS = {"max_files": 1, "max_fields": len(posted_names()) + len(spec_form().sections) + 4,
               "max_part_size": 1024 * 1024}


async def launcher(request: Request) -> tuple[str, bool]:
    """The person signed in, if they may launch (R-A1: whoever launches is the sponsor office);
    else refused (401 signed out, 403 a viewer or someone JUECE_LAUNCHERS leaves out)."""
    user, role = await identified(request)
    if (refusal := launch_refusal(user, role)) is not None:
        raise refuse(request, 403, refusal.rule, refusal.zh, refusal.en)
    return user, "ADMIN" in role.upper().split(",")


Launcher = Annotated[tuple[str, bool], Depends(launcher)]


@router.get("/office/new", response_class=HTMLResponse, name="office_new")
async def office_new(request: Request, person: Launcher) -> Response:
    """The decision types, each with its category and the stages that apply to it."""
    kinds = [{"name": name, "spec": spec, "category": forms.category_words(spec),
              "stages": forms.stages_applying(spec)} for name, spec in forms.choices()]
    context = {"user": person[0], "kinds": kinds, "office": ""}
    return templates.TemplateResponse(request, "launch_types.html", context)


@router.get("/office/new/{template:path}", response_class=HTMLResponse, name="office_new_form")
async def office_new_form(request: Request, template: str, person: Launcher) -> Response:
    data = _template(request, template)
    filled = forms.Filled(forms.defaults(data))
    return _form(request, template, filled, person[0])


@router.post("/office/new/{template:path}", response_class=HTMLResponse)
async def office_new_post(request: Request, template: str, person: Launcher) -> Response:
    data = _template(request, template)
    offered = forms.offered_for(data, configured_users() or ())  # each meeting member ticked is a field of its own
    form = await _bounded_form(request, len(offered.people))  # read once, bounded: the check below reads it too
    if (refused := await csrf_refusal(request)) is not None:  # a forged request from another site
        return refused
    action = form.get("action", "")
    if action not in ACTIONS:
        raise refuse(request, 400, None, "请选择“预览”或“启动”", "choose preview or launch")
    user, now = person[0], datetime.now(UTC)
    if action == "import":
        return await _import(request, template, form, user)
    if action == "edit":  # back from the preview to the form, with its values
        read = forms.read_form(form)
        return _form(request, template, read, user, 422 if read.issues else 200)
    filled = forms.fill(data, forms.read_form(form), user, now, offered)
    if filled.issues or filled.spec is None:
        return _form(request, template, filled, user, 422)
    if action == "preview":
        return _preview(request, template, filled, user, now, offered)
    return await _launch(request, template, filled, user)


async def _bounded_form(request: Request, people: int) -> FormData:
    """The posted form, parsed within bounds: one file at most (spooled, the body itself bounded by
    `bounds.body_limit`), a few fields and one for each of the ``people`` offered as members, each
    field's text at most a megabyte."""
    try:
        return await request.form(**{**FORM_BOUNDS, "max_fields": FORM_BOUNDS["max_fields"] + people})
    except HTTPException:  # the parser's refusal: too many parts, a part too large, a broken body
        raise refuse(request, 400, None, "表单内容无法读取（字段或文件过多、过大或格式有误），未办理",
                     "the form could not be read (too many or too large fields or files, or malformed): "
                     "nothing was done") from None


async def _import(request: Request, template: str, form: FormData, user: str) -> Response:
    """The form again, its draft text read from the uploaded .docx; or the file refused at its field."""
    filled = forms.read_form(form)
    upload = form.get(FILE_FIELD)
    try:
        if isinstance(upload, str) or upload is None or not upload.filename:
            raise docx_import.DocxRefused("请先选择要导入的 .docx 文件", "choose a .docx file to import first")
        docx_import.check_name(upload.filename)
        if upload.size is not None:  # known from the spooled part: refused before a byte is read here
            docx_import.check_size(upload.size)
        content = await upload.read(docx_import.MAX_DOCX_BYTES + 1)
        imported = await run_in_threadpool(docx_import.import_draft, upload.filename, content)
    except docx_import.DocxRefused as error:
        filled.issues.append(forms.Issue(FILE_FIELD, None, error.zh, error.en))
        return _form(request, template, filled, user, error.status)
    filled.values["draft_text"] = imported.text
    filled.issues = [issue for issue in filled.issues if issue.field != "draft_text"]
    return _form(request, template, filled, user, 422 if filled.issues else 200)


def _template(request: Request, name: str) -> dict[str, Any]:
    data = forms.template_data(name)
    if data is None:
        raise refuse(request, 404, None, "没有这种决策类型", f"no such decision type: {name[:60]!r}")
    return data


def _form(request: Request, template: str, filled: forms.Filled, user: str, status: int = 200) -> Response:
    days = filled.values.get("comment_period_days", "")
    end = forms.comment_end(int(days), datetime.now(UTC)) if days.isascii() and days.isdigit() \
        and 0 < int(days) <= 3650 else None
    context = {"user": user, "template": template, "filled": filled, "form": spec_form(), "office": "",
               "summary": filled.issues, "end": _when(end), "draft": paragraphs(filled.values["draft_text"]),
               "csrf": csrf_token(request), "kind": forms.template_spec(template),
               "offered": forms.offered_for(forms.template_data(template) or {}, configured_users() or ()), "chosen": forms.chosen}
    return templates.TemplateResponse(request, "launch_form.html", context, status_code=status)


def _preview(request: Request, template: str, filled: forms.Filled, user: str, now: datetime,
             offered: Offered) -> Response:
    spec = filled.spec
    assert spec is not None
    participation = spec.stages.public_participation
    end = forms.comment_end(participation.comment_period_days, now) if participation.applicable else None
    context = {"user": user, "template": template, "filled": filled, "spec": spec, "office": "",
               "end": _when(end), "csrf": csrf_token(request),
               "category": forms.category_words(spec), "stage_label": stage_label,
               "draft": paragraphs(spec.draft.text), "hearing": _hearing(spec), "who": offered.called}
    return templates.TemplateResponse(request, "launch_preview.html", context)


async def _launch(request: Request, template: str, filled: forms.Filled, user: str) -> Response:
    spec = filled.spec
    assert spec is not None
    try:
        launched = decisions.launch_text(spec, filled.text, f"{spec.id}.yaml", user, store(request).ledger)
    except RuleViolation as error:
        name = error.field if error.field in forms.BY_NAME else None
        filled.issues.append(forms.Issue(name, error.rule, error.zh, error.en))
        return _form(request, template, filled, user, 409 if error.rule == "R-G5" else 422)
    except RecordError as error:
        filled.issues.append(forms.Issue(None, None, "未能启动", str(error)[:300]))
        return _form(request, template, filled, user, 422)
    started = store(request).ledger.latest(spec.id, "workflow_started") is not None
    if launched.earlier and started:
        return _outcome(request, spec.id, user, "earlier", launched.entry.get("at", ""))
    try:  # a launch recorded before whose run never started: started now, never twice
        await run_in_threadpool(decisions.ensure_run if launched.earlier else decisions.trigger, spec)
    except Exception:  # noqa: BLE001 - the launch stands; sending the same form again starts the run
        return _outcome(request, spec.id, user, "untriggered", launched.entry.get("at", ""))
    url = request.url_for("office_decision", decision_id=spec.id)
    return RedirectResponse(str(url), status_code=303)


def _outcome(request: Request, decision_id: str, user: str, how: str, at: str) -> Response:
    context = {"user": user, "decision_id": decision_id, "how": how, "at": at, "office": decision_id}
    return templates.TemplateResponse(request, "launch_done.html", context, status_code=200)


def _when(end: tuple[datetime, bool] | None) -> dict[str, Any] | None:
    if end is None:
        return None
    zh, en = closing(format_time(end[0]))
    return {"zh": zh, "en": en, "known": end[1]}


def _hearing(spec: Any) -> dict[str, str] | None:
    participation = spec.stages.public_participation
    hearing = participation.hearing if participation.applicable else None
    if hearing is None:
        return None
    zh, en = day_text(hearing.time.astimezone(CHINA).date())
    return {"place": hearing.place, "zh": f"{zh} {hearing.time.astimezone(CHINA):%H:%M}（北京时间）", "en": f"{hearing.time.astimezone(CHINA):%H:%M} on {en}",
            "participants": str(len(hearing.participants))}
