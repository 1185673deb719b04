"""The year's decisions as the annual catalogue (决策事项目录, R-A3) lists them, and the annual
rule-of-law report (依法决策年度报告): where each decision stands and what each category did."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from juece.domain.archive.overdue import overdue_steps, parse_at
from juece.domain.archive.trace import spec_of
from juece.domain.record.entries import Entries, all_of, latest
from juece.domain.record.kinds import Kind
from juece.domain.record.workdays import china_date
from juece.domain.stages import STATUTORY_STAGES, Stage

# The entry that closes each stage; a stage marked not applicable counts as completed (R-A2).
STAGE_CLOSERS: dict[Stage, tuple[str, ...]] = {
    Stage.PUBLIC_PARTICIPATION: (Kind.ADOPTION_REPORT,),
    Stage.EXPERT_REVIEW: (Kind.ADOPTION_REPORT, Kind.PANEL_CLOSED),
    Stage.RISK_ASSESSMENT: (Kind.RISK_CONCLUDED,),
    Stage.LEGALITY_REVIEW: (Kind.GATE_PASSED,),
    Stage.COLLECTIVE_DELIBERATION: (Kind.HEAD_DECISION,),
    Stage.PUBLICATION: (Kind.PUBLISHED, Kind.NOT_PUBLISHED),
    Stage.POST_EVALUATION: (Kind.EVALUATION_CONCLUDED,),
}
STATUS_LABELS = {
    "done": "已完成 done",
    "in_progress": "办理中 in progress",
    "overdue": "久拖不决 undecided past a deadline",
    "late": "逾期 decided, a later step past its deadline",  # publication (R-G1), evaluation (R-G3)
}
ADOPTED = ("adopted", "partly_adopted")


@dataclass(frozen=True)
class DecisionStatus:
    """One decision of the catalogue: who decides it, where it stands, what its record counts."""

    decision_id: str
    catalogue_year: int
    catalogue_number: str
    title: str
    category: str
    decision_body: str
    sponsor_unit: str
    launched_on: str
    status: str
    stage: str
    outcome: str
    stages_completed: list[str] = field(default_factory=list)
    comments: int = 0
    comments_disposed: int = 0
    comments_adopted: int = 0
    expert_opinions: int = 0
    experts_disposed: int = 0
    experts_adopted: int = 0
    overdue: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def catalogue_year(entries: Entries) -> int | None:
    """The spec's catalogue year when it gives one (R-A3), else the year of launch in China time
    (a launch at 01:00 on 1 January in Beijing belongs to the new year, whatever UTC says)."""
    launched = latest(entries, Kind.LAUNCHED)
    if launched is None:
        return None
    catalogue = spec_of(entries).get("catalogue") or {}
    return int(catalogue.get("year") or china_date(parse_at(launched["at"])).year)


def stages_completed(entries: Entries) -> list[str]:
    done = []
    for stage, closers in STAGE_CLOSERS.items():
        mine = [e for e in entries if e["stage"] == stage]
        if any(e["kind"] in closers or e["kind"] == Kind.NOT_APPLICABLE for e in mine):
            done.append(stage.value)
    return done


def outcome_of(entries: Entries) -> str:
    decided = latest(entries, Kind.HEAD_DECISION)
    return str(decided["data"].get("outcome")) if decided else ""


def is_done(entries: Entries) -> bool:
    outcome = outcome_of(entries)
    published = latest(entries, Kind.PUBLISHED) or latest(entries, Kind.NOT_PUBLISHED)
    return outcome == "reject" or (outcome == "approve" and published is not None)


def current_stage(entries: Entries) -> str:
    """The stage of the last step taken (the archive and the launch only when nothing else is)."""
    steps = [e["stage"] for e in entries if e["stage"] not in (Stage.ARCHIVE, Stage.LAUNCH)]
    return steps[-1] if steps else Stage.LAUNCH.value


def _disposed(entries: Entries, stage: str) -> Counter[str]:
    kind = Kind.COMMENT_DISPOSED if stage == Stage.PUBLIC_PARTICIPATION else Kind.OPINION_DISPOSED
    latest_per_item: dict[str, str] = {}
    for entry in all_of(entries, kind):
        data = entry["data"]
        ref = str(data.get("ref") or data.get("receipt") or data.get("expert") or entry["seq"])
        latest_per_item[ref] = str(data.get("disposition"))
    return Counter(latest_per_item.values())


def decision_status(entries: Entries, now: datetime) -> DecisionStatus:
    spec = spec_of(entries)
    catalogue = spec.get("catalogue") or {}
    overdue = overdue_steps(entries, now)
    status = "done" if is_done(entries) else "in_progress"
    if overdue:  # 久拖不决 is a decision not made in time; a late step after the decision is 逾期
        status = "late" if outcome_of(entries) else "overdue"
    comments = _disposed(entries, Stage.PUBLIC_PARTICIPATION)
    opinions = _disposed(entries, Stage.EXPERT_REVIEW)
    launched = latest(entries, Kind.LAUNCHED)
    return DecisionStatus(
        decision_id=entries[0]["decision_id"], catalogue_year=catalogue_year(entries) or 0,
        catalogue_number=str(catalogue.get("number") or ""), title=str(spec.get("title", "")),
        category=str(spec.get("category", "")), decision_body=str(spec.get("decision_body", "")),
        sponsor_unit=str(spec.get("sponsor_unit", "")),
        launched_on=china_date(parse_at(launched["at"])).isoformat() if launched else "",
        status=status, stage=overdue[0].stage if overdue else current_stage(entries), outcome=outcome_of(entries),
        stages_completed=stages_completed(entries), comments=len(all_of(entries, Kind.COMMENT_RECEIVED)),
        comments_disposed=sum(comments.values()), comments_adopted=sum(comments[k] for k in ADOPTED),
        expert_opinions=len(all_of(entries, Kind.OPINION_SUBMITTED)), experts_disposed=sum(opinions.values()),
        experts_adopted=sum(opinions[k] for k in ADOPTED), overdue=len(overdue),
    )


def _rate(adopted: int, disposed: int) -> float | None:
    return round(adopted / disposed, 4) if disposed else None


def category_report(decisions: list[DecisionStatus]) -> list[dict[str, Any]]:
    """Per category: decisions, their status, stages completed, comments, opinions and adoption."""
    by_category: dict[str, list[DecisionStatus]] = {}
    for decision in decisions:
        by_category.setdefault(decision.category, []).append(decision)
    rows = [_summary(category, items) for category, items in sorted(by_category.items())]
    if rows:
        rows.append(_summary("total", decisions))
    return rows


def _summary(category: str, items: list[DecisionStatus]) -> dict[str, Any]:
    total = {name: sum(getattr(d, name) for d in items) for name in (
        "comments", "comments_disposed", "comments_adopted", "expert_opinions", "experts_disposed",
        "experts_adopted", "overdue")}
    statuses = Counter(d.status for d in items)
    statutory = {stage.value for stage in STATUTORY_STAGES}
    return {
        "category": category, "decisions": len(items),
        "done": statuses["done"], "in_progress": statuses["in_progress"], "overdue_decisions": statuses["overdue"],
        "late_decisions": statuses["late"],
        "stages_completed": sum(len(d.stages_completed) for d in items),
        "statutory_stages_completed": sum(len(statutory & set(d.stages_completed)) for d in items),
        **total,
        "comment_adoption_rate": _rate(total["comments_adopted"], total["comments_disposed"]),
        "expert_adoption_rate": _rate(total["experts_adopted"], total["experts_disposed"]),
    }
