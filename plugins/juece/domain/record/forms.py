"""The forms people answer in their task nodes: options, fields (JSON Schema) and handlers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from juece.domain.deliberation import meeting_answers as meeting
from juece.domain.evaluation import answers as evaluation
from juece.domain.legality import review as legality
from juece.domain.legality.findings import FINDINGS
from juece.domain.participation import hearing
from juece.domain.participation import review_answers as review
from juece.domain.participation.dispositions import DISPOSITIONS
from juece.domain.participation.draft import REVISE_OPTIONS, current_draft
from juece.domain.publication import review as publication_review
from juece.domain.record.answers import Answer, Outcome, TaskContext
from juece.domain.record.entries import Entries, all_of
from juece.domain.record.kinds import Kind
from juece.domain.record.markup import literal
from juece.domain.risk import register as risk

Handler = Callable[[TaskContext, Answer], Outcome]


def text_field(title: str, description: str = "", multiline: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": ["null", "string"], "title": title, "description": description}
    if multiline:
        schema["format"] = "multiline"
    return schema


def list_field(title: str, description: str, items: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": ["null", "array"], "title": title, "description": description,
            "items": items or {"type": "string"}}


DISPOSITION_ITEMS = {"type": "object", "properties": {
    "ref": {"type": "string"}, "disposition": {"type": "string", "enum": list(DISPOSITIONS)},
    "reason": {"type": "string"}}}
VIEW_ITEMS = {"type": "object", "properties": {
    "member": {"type": "string"}, "view": {"type": "string", "enum": ["agree", "disagree", "abstain"]},
    "remarks": {"type": "string"}}}
RISK_ITEMS = {"type": "object", "properties": {
    "dimension": {"type": "string", "enum": list(risk.DIMENSIONS)}, "description": {"type": "string"},
    "likelihood": {"type": "integer", "minimum": 1, "maximum": 5},
    "impact": {"type": "integer", "minimum": 1, "maximum": 5}, "measure": {"type": "string"},
    "mitigation_accepted": {"type": "boolean"}}}

RISK_FIELDS = {"risk_points": list_field("风险点 Risk points", "维度/可能性/影响/防范措施", RISK_ITEMS),
               "departments_heard": list_field("听取意见的部门 Departments heard", ""),
               "response_plan": text_field("处置预案 Response plan")}
PROVISION_ITEMS = {"type": "object", "properties": {"law": {"type": "string"}, "article": {"type": "string"}}}
PROVISION_FIELDS = {f"{name}_provisions": list_field(f"{zh}所依据的规定 Provisions relied on ({en})",
                                                      "可不填；每条写明法律法规名称和条款 / optional: law and article each",
                                                      PROVISION_ITEMS)
                    for name, (zh, en) in FINDINGS.items()}
REVISION_FIELDS = {"text": text_field("修改后的草案全文 Revised draft, full text"),
                   "changes": text_field("修改说明 What changed")}

# The expert's seat (orchestration.panel): the conflict declaration first (R-C3), then the
# three assessments, the conclusion's conditions and the full opinion (R-C1).
EXPERT_FIELDS: dict[str, dict[str, Any]] = {
    "no_conflict": {"type": ["null", "boolean"], "title": "利害关系声明 No conflict of interest",
                    "description": "本人与本事项无直接利害关系 / I have no direct interest in this matter"},
    "conflict_statement": text_field("利害关系说明 Conflict statement", "申报回避时填写 / when declaring a conflict"),
    "necessity": text_field("必要性 Necessity"), "feasibility": text_field("可行性 Feasibility"),
    "soundness": text_field("科学性 Soundness"),
    "conditions": text_field("所附条件 Conditions", "附条件支持时必填 / required with conditions"),
    "opinion": text_field("论证意见全文 Full opinion"),
}


@dataclass(frozen=True)
class TaskForm:
    subject: str
    handler: Handler
    options: dict[str, str]
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    body: Callable[[TaskContext], str] | None = None
    needed: Callable[[Entries], bool] | None = None  # None: always; else the task skips when False
    # None: always asked; else, when False, the task succeeds without asking (nothing to answer,
    # and the steps after it still run: e.g. no announcement to review for a rejected decision)
    asks: Callable[[Entries], bool] | None = None


def draft_body(ctx: TaskContext) -> str:
    spec = ctx.spec
    draft = current_draft(ctx.entries) if ctx.entries else None
    version, text = (draft.version, draft.text) if draft else (spec.draft.version, spec.draft.text)
    basis = "\n".join(f"- {literal(item)}" for item in spec.legal_basis)
    return (f"### {literal(spec.title)}\n{literal(spec.title_en or '')}\n\n**决策草案 Draft (v{version})**\n\n"
            f"{literal(text)}\n\n**起草说明 Explanation**\n\n{literal(spec.draft.explanation)}\n\n"
            f"**法律依据 Legal basis**\n{basis}")


def _comments_body(ctx: TaskContext) -> str:
    received = [e["data"] for e in all_of(ctx.entries, Kind.COMMENT_RECEIVED)]
    lines = [f"- `{d['receipt']}`{'（逾期 late）' if d.get('late') else ''}: {literal(d['text'][:300])}" for d in received]
    listing = "\n".join(lines) or "（无意见 / no comments）"
    return ("请逐条处理公众意见（R-B4），逾期意见亦然：在门户“意见处理”页面、CSV 上传或此处填写 dispositions = "
            "[{ref, disposition: adopted | partly_adopted | not_adopted, reason}]；部分采纳或未采纳须说明理由。"
            "已在门户或 CSV 中处理的意见无需重填。提交后形成采纳情况报告，处理结果即不能再更改。\n"
            "Dispose of every comment, late ones too (R-B4), on the portal's office page, by CSV, or here; "
            "a reason is required for anything partly adopted or not adopted. Comments already disposed of "
            "elsewhere need nothing more. Submitting records the adoption report: the dispositions are then "
            f"final.\n\n{listing}")


def _opinions_body(ctx: TaskContext) -> str:
    signed = {e["data"]["expert"] for e in all_of(ctx.entries, Kind.OPINION_SIGNED)}
    opinions = [e["data"] for e in all_of(ctx.entries, Kind.OPINION_SUBMITTED) if e["data"]["expert"] in signed]
    listing = "\n".join(f"- `{o['expert']}` ({o.get('seat', '')}, {o['conclusion']}): {literal(o['opinion'][:200])}"
                        for o in opinions) or "（无 / none）"
    return ("请对每位专家的论证意见作出采纳处理并说明理由（R-C6），采纳的也须说明，ref 为专家账号。"
            "提交后形成采纳情况报告，处理结果即不能再更改。\nDispose of each expert opinion with its reasons "
            "(R-C6), adopted or not; ref is the expert's user id. Submitting records the adoption report: the "
            f"dispositions are then final.\n\n{listing}")


def _hearing_body(ctx: TaskContext) -> str:
    held = [e for e in ctx.entries if e["kind"] == Kind.HEARING_HELD]
    record = literal(held[-1]["data"]["record"]) if held else "（笔录尚未形成 / no record yet）"
    return f"请核对听证笔录并签名确认（R-B6）。Check the hearing record and sign it.\n\n{record}"


FORMS: dict[str, TaskForm] = {
    "hearing_record": TaskForm(
        "听证笔录 Hearing record", hearing.hearing_record, review.SUBMIT_OPTIONS,
        {"record": text_field("听证笔录 Record of the hearing"),
         "sides_heard": list_field("发表意见的各方 Sides heard", "每一方都须发表意见 / every side")},
        draft_body),
    "hearing_confirmation": TaskForm(
        "确认听证笔录 Confirm the hearing record", hearing.confirmation, hearing.CONFIRM_OPTIONS,
        {"remarks": text_field("异议 Remarks", "有异议时必填 / required to dispute")}, _hearing_body),
    "comment_dispositions": TaskForm(
        "公众意见处理 Dispose of public comments", review.comment_dispositions, review.SUBMIT_OPTIONS,
        {"dispositions": list_field("处理结果 Dispositions", "ref = 回执号 receipt", DISPOSITION_ITEMS)},
        _comments_body),
    "opinion_dispositions": TaskForm(
        "专家意见采纳 Dispose of expert opinions", review.opinion_dispositions, review.SUBMIT_OPTIONS,
        {"dispositions": list_field("处理结果 Dispositions", "ref = 专家账号 expert id", DISPOSITION_ITEMS)},
        _opinions_body),
    "risk_assessment": TaskForm(
        "风险评估 Risk assessment", risk.risk_assessment, review.SUBMIT_OPTIONS, RISK_FIELDS, draft_body),
    "risk_revision": TaskForm(
        "调整草案（风险不可控）Revise the draft (risk not controllable)", risk.risk_revision, REVISE_OPTIONS,
        REVISION_FIELDS, risk.revision_body, lambda entries: risk.revision_needed(entries) is not None),
    "risk_reassessment": TaskForm(
        "重新评估风险 Reassess the risk", risk.risk_assessment, review.SUBMIT_OPTIONS, RISK_FIELDS, draft_body,
        risk.reassessment_needed),
    "adviser_opinion": TaskForm(
        "法律顾问意见 Legal adviser's opinion", meeting.adviser_opinion, meeting.ADVISER_OPTIONS,
        {"opinion": text_field("法律意见 Opinion")}, draft_body),
    "legality_review": TaskForm(
        "合法性审查 Legality review", meeting.legality_review, meeting.REVIEW_OPTIONS,
        {"authority": text_field("决策权限 Authority"), "procedure": text_field("决策程序 Procedure"),
         "content": text_field("决策内容 Content"), **PROVISION_FIELDS,
         "revisions": text_field("修改意见 Revisions", "需修改时必填 / required for a revision"),
         "exploratory_override": {"type": ["null", "boolean"], "title": "探索性改革例外 Exploratory reform"},
         "legal_risk": text_field("法律风险 Legal risk", "适用例外时必填 / required with the override")},
        draft_body),
    "legality_revision": TaskForm(
        "按审查意见修改草案 Revise the draft as the review asked", legality.legality_revision, REVISE_OPTIONS,
        REVISION_FIELDS, legality.revision_body, lambda entries: legality.revision_needed(entries) is not None),
    "convene": TaskForm(
        "召开会议 Convene the meeting", meeting.convene, review.SUBMIT_OPTIONS,
        {"attendees": list_field("出席人员 Attendees", "会议组成人员账号 / member ids"),
         "views_in_room": list_field("会上口头发表的意见 Views stated in the room",
                                     "秘书代为记录 / recorded by the secretary: member, view, remarks", VIEW_ITEMS)}),
    "member_view": TaskForm(
        "发表意见 State your view", meeting.member_view, meeting.VIEW_OPTIONS,
        {"remarks": text_field("意见与理由 Remarks", "不同意时必填，照实记录 / required to dissent")},
        draft_body),
    "head_decision": TaskForm(
        "行政首长决定 Head of government's decision", meeting.head_decision, meeting.HEAD_OPTIONS,
        {"reason": text_field("理由 Reason", "与多数意见不一致时必填 (R-F4) / required if it departs from the majority")},
        draft_body),
    "evaluation": TaskForm(
        "决策后评估 Post-decision evaluation", evaluation.conclude, evaluation.OUTCOME_OPTIONS,
        {"findings": text_field("评估结论及依据 Findings"),
         "public_views": text_field("征求公众意见情况 Public views sought (R-G4)"),
         "adjustment": text_field("调整内容 Adjustment", "结论为调整时必填 (R-G5) / required to adjust")},
        draft_body),
    "publication_review": TaskForm(
        "审定决定公告 Review the announcement", publication_review.review_announcement,
        publication_review.PUBLISH_OPTIONS,
        {"document_number": {"type": ["null", "string"], "title": "发文字号 Document number",
                             "description": "如 e.g. 延政发〔2027〕9号"},
         "text": text_field("公告文字 Wording", "留空则按生成的文字公布 / empty: published as generated")},
        publication_review.review_body, asks=publication_review.review_needed),
}
# A review of the revised draft (R-E4): the same form, asked only after the sponsor's revision.
FORMS["legality_rereview"] = replace(FORMS["legality_review"], subject="再次合法性审查 Review the revised draft",
                                     needed=legality.rereview_needed)
