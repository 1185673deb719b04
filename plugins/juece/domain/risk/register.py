"""Risk assessment (R-D1..R-D4): the register, the matrix, and the rounds until the risk is
controllable.

A round is one assessment. A point rated high without an accepted mitigation makes the risk
uncontrollable: the sponsor revises the draft (domain.draft) and the risk is assessed again,
up to ``max_rounds`` rounds. When the rounds run out the record says so, and the gate stays
closed (R-D4).
"""

from __future__ import annotations

from typing import Any

from juece.domain.participation.draft import current_draft, revise, revised_since
from juece.domain.participation.review_answers import SUBMIT_OPTIONS
from juece.domain.record.acts import Act
from juece.domain.record.answers import (
    Answer,
    Outcome,
    TaskContext,
    bool_param,
    list_param,
    one_choice,
    text_param,
)
from juece.domain.record.entries import Entries, Entry, all_of, latest
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.labels import VALUE_LABELS
from juece.domain.record.markup import literal
from juece.domain.stages import Stage
from juece.spec.models import DecisionSpec
from juece.spec.risk_matrix import DEFAULT_MATRIX, Matrix

DIMENSIONS = ("social_stability", "public_safety", "ecology", "public_finance", "other")
SCORE_WORDS = {"likelihood": ("可能性", "likelihood"), "impact": ("影响程度", "impact")}
ASSESSED = Kind.RISK_ASSESSED


def risk_level(likelihood: int, impact: int, matrix: Matrix = DEFAULT_MATRIX) -> str:
    """R-D3: the level the matrix gives (row: likelihood, column: impact, both 1..5)."""
    return matrix[likelihood - 1][impact - 1]


def risk_assessment(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-D2 (points, measures, plan, departments heard), R-D3 scoring, R-D4 controllability."""
    one_choice(answer, SUBMIT_OPTIONS, "R-D2")
    config = ctx.spec.stages.risk_assessment
    round_number = _next_round(ctx.entries, config.max_rounds)
    matrix = config.matrix_for(ctx.spec.category)
    points = [_risk_point(item, n, matrix) for n, item in enumerate(list_param(answer, "risk_points"), 1)]
    if not points:
        raise RuleViolation("R-D2", "风险评估报告须列明风险点", "the assessment must state its risk points",
                            field="risk_points")
    departments = [str(d).strip() for d in list_param(answer, "departments_heard") if str(d).strip()]
    if not departments:
        raise RuleViolation("R-D2", "须写明听取意见的有关部门", "name the departments that were heard",
                            field="departments_heard")
    plan = text_param(answer, "response_plan", "R-D2", "处置预案")
    uncontrolled = [p["id"] for p in points if p["level"] == "high" and not p["mitigation_accepted"]]
    data = {"round": round_number, "max_rounds": config.max_rounds, "draft_version": current_draft(ctx.entries).version,
            "points": points, "departments_heard": departments, "response_plan": plan,
            "controllable": not uncontrolled, "uncontrolled_points": uncontrolled,
            "third_party": config.third_party, "matrix": [list(row) for row in matrix],
            "rules": ["R-D2", "R-D3", "R-D4"]}
    act = Act(Stage.RISK_ASSESSMENT, ASSESSED, answer.user, data)
    if not uncontrolled:
        return Outcome([act])
    note = (f"[R-D4] 高风险点 {', '.join(uncontrolled)} 无可接受的防控措施，须调整草案后重新评估 / "
            f"high risk points {', '.join(uncontrolled)} lack an accepted mitigation: revise and reassess")
    return Outcome([act], notes=[note])


def _next_round(entries: Entries, max_rounds: int) -> int:
    previous = latest(entries, ASSESSED)
    if previous and not previous["data"].get("controllable") and not revised_since(entries, previous):
        raise RuleViolation("R-D4", "风险不可控：须先由承办单位调整草案，再重新评估",
                            "the risk is not controllable: the sponsor revises the draft before it is reassessed")
    number = len(all_of(entries, ASSESSED)) + 1
    if number > max_rounds:
        raise RuleViolation("R-D4", f"风险评估已进行{max_rounds}轮，轮次已用尽",
                            f"all {max_rounds} assessment rounds have been used")
    return number


def _risk_point(item: Any, number: int, matrix: Matrix) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise FormError(f"第{number}个风险点格式不对", f"risk point {number} must be an object", field="risk_points")
    dimension = str(item.get("dimension", "")).strip()
    if dimension not in DIMENSIONS:
        words = [VALUE_LABELS[code].split(" ", 1) for code in DIMENSIONS]
        raise RuleViolation("R-D1", f"第{number}个风险点的维度须为{'、'.join(w[0] for w in words)}之一",
                            f"risk point {number}: the dimension must be one of {', '.join(w[1] for w in words)}",
                            field=f"risk_points.{number}.dimension")
    scores = [_score(item, name, number) for name in ("likelihood", "impact")]
    accepted = bool_param(Answer("", [], item), "mitigation_accepted", "R-D4")
    measure = str(item.get("measure") or "").strip()
    for name, zh, en in (("description", "风险描述", "a description"), ("measure", "防范措施", "a prevention measure")):
        if not str(item.get(name) or "").strip():
            raise RuleViolation("R-D2", f"第{number}个风险点须写明{zh}", f"risk point {number} needs {en}",
                                field=f"risk_points.{number}.{name}")
    return {"id": f"R{number}", "dimension": dimension, "description": str(item["description"]).strip(),
            "likelihood": scores[0], "impact": scores[1], "level": risk_level(scores[0], scores[1], matrix),
            "measure": measure, "mitigation_accepted": accepted}


def _score(item: dict[str, Any], name: str, number: int) -> int:
    value = item.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        zh, en = SCORE_WORDS[name]
        raise RuleViolation("R-D3", f"第{number}个风险点的{zh}须为1至5的整数",
                            f"risk point {number}: the {en} must be a whole number from 1 to 5",
                            field=f"risk_points.{number}.{name}")
    return value


def revision_needed(entries: Entries) -> Entry | None:
    """The uncontrollable round the sponsor has not yet answered with a revision, if any."""
    last = latest(entries, ASSESSED)
    if last is None or last["data"].get("controllable") or revised_since(entries, last):
        return None
    return last


def reassessment_needed(entries: Entries) -> bool:
    """After an uncontrollable round, once the sponsor has revised the draft (R-D4)."""
    last = latest(entries, ASSESSED)
    return bool(last and not last["data"].get("controllable") and revised_since(entries, last))


def risk_revision(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-D4: the sponsor adjusts the draft after an uncontrollable round."""
    asked_by = revision_needed(ctx.entries)
    if asked_by is None:
        raise RuleViolation("R-D4", "风险可控或草案已修改，无需修改", "nothing to revise: the risk is controllable "
                            "or the draft was already revised")
    return revise(ctx, answer, asked_by, "R-D4")


def revision_body(ctx: TaskContext) -> str:
    """What the sponsor sees: the points that made the risk uncontrollable, and the draft."""
    last = latest(ctx.entries, ASSESSED)
    data = last["data"] if last else {"points": [], "uncontrolled_points": []}
    points = [p for p in data["points"] if p["id"] in data["uncontrolled_points"]]
    listing = "\n".join(f"- {p['id']} ({p['dimension']}, {p['likelihood']}×{p['impact']}): "
                        f"{literal(p['description'])}；措施 measure: {literal(p['measure'])}" for p in points) or "—"
    draft = current_draft(ctx.entries)
    return (f"风险不可控（R-D4），请调整草案并说明修改内容，之后重新评估。\nThe risk is not controllable "
            f"(R-D4): revise the draft (full new text) and say what changed; the risk is then reassessed."
            f"\n\n{listing}\n\n**现行草案 Current draft (v{draft.version})**\n\n{literal(draft.text)}")


def conclude(spec: DecisionSpec, entries: Entries) -> list[Act]:
    """R-D4: the stage's result; an uncontrollable risk after the last round keeps the gate closed."""
    rounds = all_of(entries, ASSESSED)
    last = rounds[-1] if rounds else None
    controllable = bool(last and last["data"].get("controllable"))
    max_rounds = spec.stages.risk_assessment.max_rounds
    data: dict[str, Any] = {"rounds": len(rounds), "max_rounds": max_rounds, "controllable": controllable,
                            "rounds_exhausted": not controllable and len(rounds) >= max_rounds,
                            "latest_assessment": last["hash"] if last else None,
                            "draft_version": current_draft(entries).version, "rule": "R-D4"}
    if not controllable:
        data["note"] = ("风险评估轮次已用尽，风险仍不可控，不得提交集体讨论 / the assessment rounds ran out with "
                        "the risk still not controllable: the decision may not go to deliberation")
    return [Act(Stage.RISK_ASSESSMENT, Kind.RISK_CONCLUDED, "juece", data)]
