"""The evaluator's answer (R-G4: continue / adjust / stop, public views heard) and the amendment
decision an adjustment opens (R-G5: a major adjustment re-runs the procedure)."""

from __future__ import annotations

from typing import Any

from juece.domain.participation.draft import current_draft
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, Outcome, TaskContext, one_choice, text_param
from juece.domain.record.entries import Entries, Entry, all_of, latest
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage
from juece.spec.models import DecisionSpec

OUTCOME_OPTIONS = {"继续执行 Continue": "continue", "调整 Adjust": "adjust", "停止执行 Stop": "stop"}
CONSEQUENCES = {
    "continue": ("决策继续执行", "the decision continues to be carried out"),
    "adjust": ("启动调整决策，依法定程序重新办理（R-G5）", "an amendment decision re-runs the procedure (R-G5)"),
    "stop": ("停止执行，须由决策机关依程序决定并公布（R-G5）",
             "stop: to be decided and published by the decision body under the procedure (R-G5)"),
}
MAX_ID = 63


def opened(entries: Entries) -> Entry | None:
    """The evaluation a run has opened and nobody has concluded."""
    concluded = {e["data"]["number"] for e in all_of(entries, Kind.EVALUATION_CONCLUDED)}
    waiting = [e for e in all_of(entries, Kind.EVALUATION_OPENED) if e["data"]["number"] not in concluded]
    return waiting[-1] if waiting else None


def amendment_id(spec: DecisionSpec, entries: Entries) -> str:
    adjusted = [e for e in all_of(entries, Kind.EVALUATION_CONCLUDED) if e["data"]["outcome"] == "adjust"]
    new_id = f"{spec.id}-amend-{len(adjusted) + 1}"
    if len(new_id) > MAX_ID:
        raise FormError(f"调整决策编号 {new_id} 超过{MAX_ID}个字符", f"the amendment id {new_id} is longer than {MAX_ID}")
    return new_id


def conclude(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-G4: the evaluator's findings, the public views sought, and the outcome; R-G5: what an
    adjustment changes, under the id of the amendment decision it opens."""
    evaluation = opened(ctx.entries)
    if evaluation is None:
        raise RuleViolation("R-G3", "没有进行中的评估", "no evaluation is open")
    outcome = one_choice(answer, OUTCOME_OPTIONS, "R-G4")
    data = {"number": evaluation["data"]["number"], "outcome": outcome,
            "evaluator_unit": evaluation["data"]["evaluator_unit"],
            "findings": text_param(answer, "findings", "R-G4", "评估结论及依据"),
            "public_views": text_param(answer, "public_views", "R-G4", "征求公众意见情况"),
            "adjustment": text_param(answer, "adjustment", "R-G5", "调整内容", required=outcome == "adjust"),
            "amendment_id": amendment_id(ctx.spec, ctx.entries) if outcome == "adjust" else None,
            "consequence": dict(zip(("zh", "en"), CONSEQUENCES[outcome], strict=True)),
            "rules": ["R-G3", "R-G4", "R-G5"]}
    return Outcome([Act(Stage.POST_EVALUATION, Kind.EVALUATION_CONCLUDED, answer.user, data)])


def amendment_spec(spec: DecisionSpec, entries: Entries) -> dict[str, Any]:
    """R-G5: the linked amendment decision, launched through the normal procedure: the same decision
    body, sponsor and people, the next draft version, the adjustment and findings as its explanation."""
    concluded = latest(entries, Kind.EVALUATION_CONCLUDED)
    if concluded is None or concluded["data"]["outcome"] != "adjust":
        raise RuleViolation("R-G5", "评估结论不是调整，不启动调整决策", "the evaluation did not conclude `adjust`")
    found = concluded["data"]
    draft = current_draft(entries)  # the text as decided, after any revision rounds
    data = spec.model_dump(mode="json", exclude_none=True)
    data.pop("catalogue", None)
    explanation = (f"根据第{found['number']}次决策后评估（{found['evaluator_unit']}）的结论调整本决策。\n"
                   f"调整内容：{found['adjustment']}\n评估结论：{found['findings']}\n\n"
                   f"原起草说明：\n{spec.draft.explanation}")
    data.update(id=found["amendment_id"], amends=spec.id, title=f"{spec.title}（调整）",
                draft={"text": draft.text, "explanation": explanation, "version": draft.version + 1})
    if spec.title_en:
        data["title_en"] = f"{spec.title_en} (amendment)"
    return data


def amendment_launched(spec: DecisionSpec, entries: Entries, launched: Entry, run_id: str | None) -> Act:
    """R-G5, recorded on the amended decision's side: which decision re-runs the procedure."""
    concluded = latest(entries, Kind.EVALUATION_CONCLUDED)
    data = {"amendment": launched["decision_id"], "launched_entry": launched["hash"],
            "evaluation": concluded["data"]["number"] if concluded else None, "run_id": run_id, "rule": "R-G5"}
    return Act(Stage.POST_EVALUATION, Kind.AMENDMENT_LAUNCHED, spec.sponsor_office, data)
