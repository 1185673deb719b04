"""Implementation and post-decision evaluation (R-G2..R-G4): implementation reports, complaints,
evaluation requests by schedule, complaints or on demand, and the evaluation plan."""

from __future__ import annotations

import calendar
from datetime import datetime
from typing import Any

from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time, parse_time
from juece.domain.record.entries import Entries, Entry, all_of, clock_scale, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.periods import accelerated
from juece.domain.stages import Stage
from juece.spec.models import DecisionSpec

STAGE = Stage.POST_EVALUATION
TRIGGERS = {"schedule": "按计划评估 scheduled", "complaints": "投诉累积 complaints",
            "on_demand": "决策机关要求 on demand"}


def approved(entries: Entries) -> bool:
    decision = latest(entries, Kind.HEAD_DECISION)
    return bool(decision and decision["data"]["outcome"] == "approve" and latest(entries, Kind.PUBLISHED))


def require_approved(entries: Entries, rule: str) -> None:
    if not approved(entries):
        raise RuleViolation(rule, "只有经批准并公布的决策才实施和评估",
                            "only an approved and published decision is implemented and evaluated")


def implementation_report(spec: DecisionSpec, entries: Entries, unit: str, summary: str,
                          attachment: dict[str, Any], actor: str) -> Act:
    """R-G2: the named implementing unit reports on implementation, the report kept by its hash."""
    require_approved(entries, "R-G2")
    named = spec.stages.post_evaluation.implementing_unit
    if unit.strip() != named:
        raise RuleViolation("R-G2", f"执行单位为{named}，{unit}不能报送实施情况",
                            f"the implementing unit is {named}; {unit} cannot report", field="unit")
    if not summary.strip():
        raise RuleViolation("R-G2", "请填写实施情况摘要", "a summary of the report is required", field="summary")
    number = len(all_of(entries, Kind.IMPLEMENTATION_REPORTED)) + 1
    data = {"number": number, "unit": named, "summary": summary.strip(), "attachment": attachment, "rule": "R-G2"}
    return Act(STAGE, Kind.IMPLEMENTATION_REPORTED, actor, data)


def open_number(entries: Entries) -> int | None:
    """The number of the evaluation requested and not yet concluded, if any."""
    concluded = {e["data"]["number"] for e in all_of(entries, Kind.EVALUATION_CONCLUDED)}
    open_ = [e["data"]["number"] for e in all_of(entries, Kind.EVALUATION_REQUESTED) if e["data"]["number"] not in concluded]
    return open_[-1] if open_ else None


def check_evaluator(spec: DecisionSpec, unit: str, user: str) -> None:
    """R-G4: the evaluator is not the unit (nor the person) that did the main pre-decision assessment."""
    risk = spec.stages.risk_assessment
    units = {spec.sponsor_unit, risk.third_party} - {None}
    users = {spec.sponsor_office, risk.assessor} - {None}
    if unit in units or user in users:
        raise RuleViolation("R-G4", f"评估单位（{unit}，{user}）不得是承担主要论证评估工作的单位",
                            f"the evaluator ({unit}, {user}) may not be the unit that did the main "
                            "pre-decision assessment", field="evaluator_unit")


def request(spec: DecisionSpec, entries: Entries, trigger: str, reason: str, actor: str,
            evaluator_unit: str | None = None, evaluator: str | None = None) -> Act:
    """R-G3: an evaluation asked for by schedule, by complaints or on demand (with a reason)."""
    require_approved(entries, "R-G3")
    if trigger not in TRIGGERS:
        raise RuleViolation("R-G3", f"评估启动方式须为 {'/'.join(TRIGGERS)}", f"trigger must be one of {', '.join(TRIGGERS)}")
    if not reason.strip():
        raise RuleViolation("R-G3", "启动评估须说明理由", "an evaluation needs a reason", field="reason")
    if (number := open_number(entries)) is not None:
        raise RuleViolation("R-G3", f"第{number}次评估尚未结束", f"evaluation {number} is still open")
    config = spec.stages.post_evaluation
    unit, user = evaluator_unit or config.evaluator_unit, evaluator or config.evaluator
    check_evaluator(spec, unit, user)
    data = {"number": len(all_of(entries, Kind.EVALUATION_REQUESTED)) + 1, "trigger": trigger,
            "trigger_label": TRIGGERS[trigger], "reason": reason.strip(), "evaluator_unit": unit,
            "evaluator": user, "rules": ["R-G3", "R-G4"]}
    return Act(STAGE, Kind.EVALUATION_REQUESTED, actor, data)


def complaint(spec: DecisionSpec, entries: Entries, summary: str, channel: str, actor: str) -> list[Act]:
    """R-G3: a complaint about the decision's effect; enough of them since the last evaluation
    request ask for an evaluation. No complainant's personal data is recorded (R-H6)."""
    require_approved(entries, "R-G3")
    if not summary.strip():
        raise RuleViolation("R-G3", "请填写投诉摘要", "a summary of the complaint is required", field="summary")
    last = latest(entries, Kind.EVALUATION_REQUESTED)
    since = [e for e in all_of(entries, Kind.COMPLAINT_RECORDED) if last is None or e["seq"] > last["seq"]]
    threshold = spec.stages.post_evaluation.complaint_threshold
    count = len(since) + 1
    data = {"summary": summary.strip(), "channel": channel, "count_since_evaluation": count,
            "threshold": threshold, "rule": "R-G3"}
    acts = [Act(STAGE, Kind.COMPLAINT_RECORDED, actor, data)]
    if count >= threshold and open_number(entries) is None:
        reason = f"投诉累计{count}件，达到{threshold}件 / {count} complaints reached the threshold of {threshold}"
        acts.append(request(spec, entries, "complaints", reason, "juece"))
    return acts


def pending(entries: Entries) -> Entry | None:
    """The latest evaluation request no evaluation run has taken up yet."""
    opened = {e["data"]["number"] for e in all_of(entries, Kind.EVALUATION_OPENED)}
    waiting = [e for e in all_of(entries, Kind.EVALUATION_REQUESTED) if e["data"]["number"] not in opened]
    return waiting[-1] if waiting else None


def open_evaluation(spec: DecisionSpec, entries: Entries, run_id: str, scheduled: bool,
                    reason: str | None) -> list[Act]:
    """An evaluation run takes up the pending request; a scheduled run, or a run started in Airflow
    with a reason, records its own request first."""
    acts: list[Act] = []
    asked = pending(entries)
    if asked is None:
        months = spec.stages.post_evaluation.after_months
        trigger = "schedule" if scheduled else "on_demand"
        why = f"实施{months}个月后按计划评估 / scheduled {months} months after implementation" if scheduled else reason
        acts.append(request(spec, entries, trigger, why or "", "juece"))
        data = acts[0].data
    else:
        data = asked["data"]
    opened = {key: data[key] for key in ("number", "trigger", "evaluator_unit", "evaluator")}
    acts.append(Act(STAGE, Kind.EVALUATION_OPENED, "juece", {**opened, "run_id": run_id, "rule": "R-G3"}))
    return acts


def add_months(moment: datetime, months: int) -> datetime:
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def schedule(spec: DecisionSpec, entries: Entries, now: datetime) -> list[Act]:
    """R-G2..R-G4: the implementing unit, the independent evaluator and the evaluation's due date
    (after_months after publication, in legal time; an accelerated clock reaches it sooner)."""
    config = spec.stages.post_evaluation
    published = latest(entries, Kind.PUBLISHED)
    data = {"implementing_unit": config.implementing_unit, "evaluator_unit": config.evaluator_unit,
            "after_months": config.after_months, "applies": approved(entries), "rules": ["R-G2", "R-G3", "R-G4"]}
    if data["applies"] and published:
        start = parse_time(published["data"]["published_at"])
        due = add_months(start, config.after_months)
        data.update(evaluator=config.evaluator, complaint_threshold=config.complaint_threshold,
                    due_at=format_time(due), effective_due_at=format_time(accelerated(start, due, clock_scale(entries))))
    return [Act(STAGE, Kind.EVALUATION_SCHEDULED, "juece", data)]
