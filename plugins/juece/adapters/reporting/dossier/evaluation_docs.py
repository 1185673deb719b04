"""The documents of the post-decision evaluation (决策后评估, R-G2..R-G5): the evaluation's
arrangement (决策后评估安排) with the implementation reports and the requests that followed, and
each evaluation report (决策后评估报告)."""

from __future__ import annotations

from typing import Any

from juece.adapters.reporting.dossier.base import Document
from juece.adapters.reporting.dossier.doc_parts import (
    NONE,
    Entry,
    People,
    Record,
    date_of,
    entries_of,
    form,
    grid,
    heading,
    last_of,
    moment,
    note,
    sign_off,
    text_paras,
    time_of,
    words,
    zone_note,
)
from juece.domain.evaluation.reports import TRIGGERS


def _by_number(record: Record, kind: str) -> dict[Any, Entry]:
    return {e["data"].get("number"): e for e in entries_of(record, kind)}


def _trigger(data: dict[str, Any]) -> str:
    return str(data.get("trigger_label") or TRIGGERS.get(str(data.get("trigger")), words(data.get("trigger"))))


def _plan_body(record: Record, entry: Entry) -> list[Any]:
    data, people = entry["data"], People(record)
    months = data.get("after_months")
    threshold = data.get("complaint_threshold")
    story = form([
        ("安排时间", "Arranged at", time_of(entry)),
        ("执行单位", "Implementing unit", data.get("implementing_unit") or NONE),
        ("评估单位", "Evaluating unit", data.get("evaluator_unit") or NONE),
        ("评估人", "Evaluator", people.called(data.get("evaluator"), "评估人 evaluator") if data.get("evaluator") else NONE),
        ("评估时间", "Evaluation due", f"决策公布后 {months} 个月，即 {moment(data.get('due_at'))} / {months} months after "
                                    "publication" if months else moment(data.get("due_at"))),
        ("投诉启动评估", "Complaints that open an evaluation", f"累计 {threshold} 件 {threshold} complaints"
         if threshold else NONE),
    ])
    reports = entries_of(record, "implementation_reported")
    if reports:
        story += [heading("实施情况报告", "Implementation reports"), *grid(
            [("序号", "No."), ("时间", "Time"), ("报告单位", "Unit"), ("摘要", "Summary")],
            [[str(e["data"].get("number") or n), time_of(e), e["data"].get("unit") or NONE,
              e["data"].get("summary") or NONE] for n, e in enumerate(reports, 1)], (30, 100, 110, 0))]
    complaints = len(entries_of(record, "complaint_recorded"))
    if complaints:
        story.append(note(f"收到投诉 {complaints} 件，内容见过程记录 / {complaints} complaints recorded: see the process record"))
    requests = entries_of(record, "evaluation_requested")
    if requests:
        story += [heading("评估启动", "Evaluations requested"), *grid(
            [("次序", "No."), ("时间", "Time"), ("启动方式", "Trigger"), ("理由", "Reason")],
            [[str(e["data"].get("number") or n), time_of(e), _trigger(e["data"]), e["data"].get("reason") or NONE]
             for n, e in enumerate(requests, 1)], (30, 100, 110, 0))]
    return [*story, note(zone_note())]


def _consequence(data: dict[str, Any]) -> str:
    value = data.get("consequence")
    if isinstance(value, dict):
        return f"{value.get('zh') or ''} / {value.get('en') or ''}"
    return words(value)


def _report_body(record: Record, entry: Entry) -> list[Any]:
    data, people = entry["data"], People(record)
    number = data.get("number")
    request = _by_number(record, "evaluation_requested").get(number)
    opened = _by_number(record, "evaluation_opened").get(number)
    launched = [e for e in entries_of(record, "amendment_launched") if e["data"].get("evaluation") == number]
    rows = [
        ("评估次序", "Evaluation", f"第 {number} 次 no. {number}" if number else NONE),
        ("评估单位", "Evaluating unit", data.get("evaluator_unit") or NONE),
        ("评估人", "Evaluator", people.called(entry.get("actor"), "评估人 evaluator")),
        ("启动方式", "Trigger", _trigger(request["data"]) if request else NONE),
        ("启动理由", "Why it was opened", (request["data"].get("reason") if request else None) or NONE),
        ("开始时间", "Opened at", time_of(opened)),
        ("完成时间", "Concluded at", time_of(entry)),
        ("评估结论", "Outcome", words(data.get("outcome"))),
        ("后续处理", "What follows", _consequence(data)),
    ]
    if data.get("adjustment") or data.get("amendment_id"):
        rows += [("调整内容", "Adjustment", data.get("adjustment") or NONE),
                 ("调整决策编号", "Amendment decision", data.get("amendment_id") or NONE)]
    if launched:
        rows.append(("调整决策启动", "Amendment launched", time_of(launched[-1])))
    return [*form(rows), heading("评估发现", "Findings"), *text_paras(data.get("findings")),
            heading("公众意见", "Public views"), *text_paras(data.get("public_views"))[:-1],
            *sign_off(str(data.get("evaluator_unit") or people.name(entry.get("actor"))), date_of(entry),
                      text_paras(data.get("public_views"))[-1:]),
            note(zone_note())]


def documents(record: Record) -> list[Document]:
    """The evaluation's arrangement and each evaluation report ([] when the record holds neither)."""
    people = People(record)
    docs: list[Document] = []
    plan = last_of(record, "evaluation_scheduled")
    if plan and plan["data"].get("applies", True):
        docs.append(Document("evaluation-plan", "决策后评估安排 Arrangement of the post-decision evaluation",
                             str(plan["data"].get("evaluator_unit") or people.called(plan.get("actor"))),
                             date_of(plan), lambda: _plan_body(record, plan)))
    for entry in entries_of(record, "evaluation_concluded"):
        number = entry["data"].get("number") or len(docs) + 1
        docs.append(Document(f"evaluation-report-{number}", f"决策后评估报告（第 {number} 次）Post-decision evaluation report",
                             str(entry["data"].get("evaluator_unit") or people.called(entry.get("actor"))),
                             date_of(entry), _maker(record, entry)))
    return docs


def _maker(record: Record, entry: Entry) -> Any:
    return lambda: _report_body(record, entry)
