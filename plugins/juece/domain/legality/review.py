"""Legality review (R-E1..R-E4): the submission package, the review rounds, and the gate that
alone lets a decision go to deliberation.

The package is generated from the record (R-E2): the current draft, the legal basis and a
statement of every earlier stage with the hashes of its entries. The reviewer gets at least
``review_working_days`` working days by the official calendar (R-E3). A review "lawful with
revisions" sends the draft back to the sponsor, then to review again, up to ``max_rounds``
reviews (R-E4).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from juece.domain.participation.draft import current_draft, revise, revised_since
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, Outcome, TaskContext
from juece.domain.record.entries import Entries, Entry, all_of, latest, stage_not_applicable
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.markup import literal
from juece.domain.record.workdays import add_working_days, calendar_name, china_date
from juece.domain.stages import Stage, stage_label
from juece.spec.models import DecisionSpec

REVIEWED = Kind.LEGALITY_REVIEWED
REVISE = "lawful_with_revisions"
EARLIER_STAGES = (Stage.LAUNCH, Stage.PUBLIC_PARTICIPATION, Stage.EXPERT_REVIEW, Stage.RISK_ASSESSMENT)


def legality_submission(spec: DecisionSpec, entries: Entries, now: datetime) -> list[Act]:
    """R-E2: the package, from the record; R-E3: the legal due date of the review."""
    draft = current_draft(entries)
    days = spec.stages.legality_review.review_working_days
    submitted = china_date(now)
    due = add_working_days(submitted, days)
    data = {
        "draft_version": draft.version, "draft_sha256": draft.sha256, "draft_entry": draft.entry,
        "draft_text": draft.text, "legal_basis": list(spec.legal_basis),
        "procedures": [procedure_statement(entries, stage) for stage in EARLIER_STAGES],
        "submitted_on": submitted.isoformat(), "review_working_days": days,
        "review_due": due.isoformat(), "calendar": calendar_name(submitted, due),
        "rules": ["R-E2", "R-E3"],
    }
    return [Act(Stage.LEGALITY_REVIEW, Kind.SUBMISSION_PREPARED, spec.sponsor_office, data)]


def procedure_statement(entries: Entries, stage: Stage) -> dict[str, Any]:
    """One stage as followed so far: its status, what it recorded, and every entry's hash."""
    facts = [e for e in entries if e["stage"] == stage.value]
    kinds = Counter(e["kind"] for e in facts)
    status = "not_applicable" if kinds.get(Kind.NOT_APPLICABLE) else ("done" if facts else "missing")
    zh, en = {"done": ("已履行", "done"), "not_applicable": ("不适用", "not applicable"),
              "missing": ("未见记录", "no record")}[status]
    return {
        "stage": stage.value, "label": stage_label(stage), "status": status,
        "summary": f"{stage_label(stage)}：{zh}，记录{len(facts)}条 / {en}, {len(facts)} entries",
        "facts": dict(sorted(kinds.items())), "evidence": [e["hash"] for e in facts],
    }


def review_round(entries: Entries, max_rounds: int) -> int:
    """The number of the review being given; R-E4 refuses a review of an unrevised draft."""
    previous = latest(entries, REVIEWED)
    if previous and previous["data"].get("outcome") == REVISE and not revised_since(entries, previous):
        raise RuleViolation("R-E4", "草案尚未按审查意见修改，不能再次审查",
                            "the draft has not been revised as the review asked: nothing to review again")
    number = len(all_of(entries, REVIEWED)) + 1
    if number > max_rounds:
        raise RuleViolation("R-E4", f"合法性审查已进行{max_rounds}轮，轮次已用尽",
                            f"all {max_rounds} review rounds have been used")
    return number


def revision_needed(entries: Entries) -> Entry | None:
    """The review that asked for revisions the sponsor has not yet made, if any."""
    last = latest(entries, REVIEWED)
    if last is None or last["data"].get("outcome") != REVISE or revised_since(entries, last):
        return None
    return last


def rereview_needed(entries: Entries) -> bool:
    last = latest(entries, REVIEWED)
    return bool(last and last["data"].get("outcome") == REVISE and revised_since(entries, last))


def legality_revision(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-E4: the sponsor revises the draft as the review asked."""
    asked_by = revision_needed(ctx.entries)
    if asked_by is None:
        raise RuleViolation("R-E4", "审查未要求修改或草案已修改", "nothing to revise: the review asked for no "
                            "revision or the draft was already revised")
    return revise(ctx, answer, asked_by, "R-E4")


def revision_body(ctx: TaskContext) -> str:
    last = latest(ctx.entries, REVIEWED)
    asked = literal(last["data"].get("revisions", "")) if last else ""
    draft = current_draft(ctx.entries)
    return (f"合法性审查意见为“修改后合法”（R-E4），请按修改意见调整草案并说明修改内容，之后再次审查。\n"
            f"The review found the draft lawful with revisions (R-E4): revise it (full new text), say what "
            f"changed; it then goes to review again.\n\n**修改意见 Revisions asked**\n\n{asked}\n\n"
            f"**现行草案 Current draft (v{draft.version})**\n\n{literal(draft.text)}")


def gate(entries: Entries) -> tuple[bool, list[Act]]:
    """R-E1 and R-D4: may the decision go to deliberation? Records the answer either way, with
    every reason it may not."""
    review = latest(entries, REVIEWED)
    outcome = review["data"].get("outcome") if review else None
    override = bool(review and review["data"].get("exploratory_override"))
    refusals = _legality_refusals(entries, review) + _risk_refusals(entries)
    data = {
        "legality_outcome": outcome, "exploratory_override": override,
        "review_entry": review["hash"] if review else None,
        "risk_controllable": not any(r["rule"] in ("R-D1", "R-D4") for r in refusals),
        "draft_version": current_draft(entries).version, "refusals": refusals, "rules": ["R-E1", "R-D4"],
    }
    kind = Kind.GATE_CLOSED if refusals else Kind.GATE_PASSED
    return not refusals, [Act(Stage.LEGALITY_REVIEW, kind, "juece", data)]


def _refusal(rule: str, zh: str, en: str) -> dict[str, str]:
    return {"rule": rule, "zh": zh, "en": en}


def _legality_refusals(entries: Entries, review: Entry | None) -> list[dict[str, str]]:
    if review is None:
        return [_refusal("R-E1", "未经合法性审查", "no legality review")]
    data = review["data"]
    outcome = data.get("outcome")
    if outcome == "unlawful" and not data.get("exploratory_override"):
        return [_refusal("R-E1", "合法性审查认为不合法", "the legality review found the draft unlawful")]
    if outcome == REVISE:
        return [_refusal("R-E4", "修改后的草案尚未经审查认定合法",
                         "the draft was sent back for revision and has not been found lawful since")]
    if outcome not in ("lawful", "unlawful"):
        return [_refusal("R-E1", f"审查结论不明（{outcome}）", f"unknown review outcome {outcome!r}")]
    reviewed = data.get("draft_version")
    if reviewed is not None and reviewed != current_draft(entries).version:
        return [_refusal("R-E4", f"最近一次审查针对第{reviewed}版，草案已修改",
                         f"the latest review is of version {reviewed}; the draft has changed since")]
    return []


def _risk_refusals(entries: Entries) -> list[dict[str, str]]:
    if stage_not_applicable(entries, Stage.RISK_ASSESSMENT):
        return []
    risk = latest(entries, Kind.RISK_ASSESSED)
    if risk is None:
        return [_refusal("R-D1", "未作风险评估", "no risk assessment")]
    if not risk["data"].get("controllable"):
        return [_refusal("R-D4", "风险不可控：高风险点无可接受的防控措施",
                         "the risk is not controllable: a high point has no accepted mitigation")]
    return []
