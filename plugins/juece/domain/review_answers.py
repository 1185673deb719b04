"""Answers in the review stages: expert opinions, dispositions, risk assessment."""

from __future__ import annotations

from typing import Any

from juece.domain.acts import Act
from juece.domain.answers import (
    Answer,
    Outcome,
    TaskContext,
    bool_param,
    list_param,
    one_choice,
    text_param,
)
from juece.domain.dispositions import (
    acts_for,
    adoption_report,
    check_items,
    recorded,
    require_all,
)
from juece.domain.errors import RuleViolation
from juece.domain.record import all_of, on_time_comments
from juece.domain.stages import Stage

SUBMIT_OPTIONS = {"提交 Submit": "submit"}
DIMENSIONS = ("social_stability", "public_safety", "ecology", "public_finance", "other")


def comment_dispositions(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-B4: every comment gets a disposition (here, on the office's portal page or by CSV);
    anything not adopted needs a reason. R-B5: the adoption report."""
    wanted = [e["data"]["receipt"] for e in on_time_comments(ctx.entries)]
    return _dispositions(ctx, answer, wanted, Stage.PUBLIC_PARTICIPATION, "comment_disposed", "R-B4")


def opinion_dispositions(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-C6: each expert opinion gets an adoption disposition with reasons."""
    wanted = [e["data"]["expert"] for e in all_of(ctx.entries, "opinion_signed")]
    return _dispositions(ctx, answer, wanted, Stage.EXPERT_REVIEW, "opinion_disposed", "R-C6")


def _dispositions(ctx: TaskContext, answer: Answer, wanted: list[str], stage: Stage, kind: str,
                  rule: str) -> Outcome:
    one_choice(answer, SUBMIT_OPTIONS, rule)
    checked = check_items(list_param(answer, "dispositions"), wanted, rule)
    given = {ref: checked[ref] for ref in wanted if ref in checked}
    disposed = {**recorded(ctx.entries, kind), **given}
    require_all(wanted, disposed, rule)
    acts = acts_for(given, stage, kind, rule, answer.user)
    return Outcome([*acts, adoption_report(wanted, disposed, stage, rule, answer.user)])


def risk_level(likelihood: int, impact: int) -> str:
    """R-D3: the default matrix: score = likelihood x impact; >= 15 high, >= 6 medium."""
    score = likelihood * impact
    return "high" if score >= 15 else "medium" if score >= 6 else "low"


def risk_assessment(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-D2 (points, measures, plan, departments heard), R-D3 scoring, R-D4 controllability."""
    one_choice(answer, SUBMIT_OPTIONS, "R-D2")
    points = [_risk_point(item, n) for n, item in enumerate(list_param(answer, "risk_points"), 1)]
    if not points:
        raise RuleViolation("R-D2", "风险评估报告须列明风险点", "the assessment must state its risk points")
    departments = [str(d).strip() for d in list_param(answer, "departments_heard") if str(d).strip()]
    if not departments:
        raise RuleViolation("R-D2", "须写明听取意见的有关部门", "name the departments that were heard")
    plan = text_param(answer, "response_plan", "R-D2", "处置预案")
    uncontrolled = [p["id"] for p in points if p["level"] == "high" and not p["mitigation_accepted"]]
    rounds = len(all_of(ctx.entries, "risk_assessed")) + 1
    data = {"round": rounds, "points": points, "departments_heard": departments, "response_plan": plan,
            "controllable": not uncontrolled, "uncontrolled_points": uncontrolled,
            "third_party": ctx.spec.stages.risk_assessment.third_party, "rules": ["R-D2", "R-D3", "R-D4"]}
    act = Act(Stage.RISK_ASSESSMENT, "risk_assessed", answer.user, data)
    if uncontrolled:
        note = (f"[R-D4] 高风险点 {', '.join(uncontrolled)} 无可接受的防控措施，须调整草案后重新评估 / "
                f"high risk points {', '.join(uncontrolled)} lack an accepted mitigation: revise and reassess")
        return Outcome([act], done=False, notes=[note])
    return Outcome([act])


def _risk_point(item: Any, number: int) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise RuleViolation("R-D2", f"第{number}个风险点格式不对", f"risk point {number} must be an object")
    dimension = str(item.get("dimension", "")).strip()
    if dimension not in DIMENSIONS:
        raise RuleViolation("R-D1", f"第{number}个风险点的维度须为 {'/'.join(DIMENSIONS)}",
                            f"risk point {number}: dimension must be one of {', '.join(DIMENSIONS)}")
    scores = []
    for name in ("likelihood", "impact"):
        value = item.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise RuleViolation("R-D3", f"第{number}个风险点的 {name} 须为1至5的整数",
                                f"risk point {number}: {name} must be an integer from 1 to 5")
        scores.append(value)
    accepted = bool_param(Answer("", [], item), "mitigation_accepted", "R-D4")
    measure = str(item.get("measure") or "").strip()
    if not measure or not str(item.get("description") or "").strip():
        raise RuleViolation("R-D2", f"第{number}个风险点须写明描述和防范措施",
                            f"risk point {number} needs a description and a prevention measure")
    return {"id": f"R{number}", "dimension": dimension, "description": str(item["description"]).strip(),
            "likelihood": scores[0], "impact": scores[1], "level": risk_level(*scores),
            "measure": measure, "mitigation_accepted": accepted}

