"""Publication (R-G1): the announcement of an approved decision, rendered from a Jinja2 text
template with the adoption explanations of the public comments (R-B5) and the expert opinions
(R-C6), and the deadline of working days checked. No personal data is used (R-H6): comments are
named by receipt; expert opinions by the expert's name, affiliation and specialty, as signed (R-C1),
never by account. Codes are printed as words."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from juece.domain.expert_review.panel_record import expert_described
from juece.domain.expert_review.seat_answers import CONCLUSION_LABELS
from juece.domain.participation.citation import cite
from juece.domain.participation.dispositions import DISPOSITION_LABELS
from juece.domain.participation.draft import current_draft
from juece.domain.participation.draft import paragraphs as split_paragraphs
from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time, parse_time
from juece.domain.record.entries import Entries, all_of, clock_scale, latest
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import sha256_text
from juece.domain.record.workdays import is_working_day, official_years
from juece.domain.stages import Stage
from juece.spec.models import CHINA, DecisionSpec

TEMPLATE = "announcement.txt.j2"
MEETINGS = {"executive": ("常务会议", "executive meeting"), "plenary": ("全体会议", "plenary meeting")}
NOT_APPLICABLE = "本环节不适用 / not applicable"
NO_REPORT = "尚无采纳情况说明 / no adoption report yet"


def portal_path(decision_id: str) -> str:
    return f"/juece/public/decisions/{decision_id}/announcement"


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(Path(__file__).parent / "texts"), autoescape=False,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def publish(spec: DecisionSpec, entries: Entries, now: datetime) -> list[Act]:
    """R-G1: the approved decision's announcement, or `not_published` with the outcome."""
    decision = latest(entries, Kind.HEAD_DECISION)
    outcome = decision["data"]["outcome"] if decision else "not_deliberated"
    if decision is None or outcome != "approve":
        data = {"outcome": outcome, "reason": "只有经批准的决策才公布 / only an approved decision is published"}
        return [Act(Stage.PUBLICATION, Kind.NOT_PUBLISHED, "juece", data)]
    reviewed = reviewed_text(entries)
    text, review = reviewed if reviewed else (announcement(spec, entries, now), {})
    timing = deadline(spec, entries, parse_time(decision["at"]), now)
    data = {"announcement": text, "announcement_sha256": sha256_text(text), "published_at": format_time(now),
            "portal": portal_path(spec.id), **review, **timing, "rule": "R-G1"}
    acts = [Act(Stage.PUBLICATION, Kind.PUBLISHED, spec.sponsor_office, data)]
    if timing["overdue"]:
        late = {key: timing[key] for key in ("decided_on", "published_on", "working_days", "within_working_days",
                                               "days_over")}
        acts.append(Act(Stage.PUBLICATION, Kind.PUBLICATION_OVERDUE, "juece", {**late, "rule": "R-G1"}))
    return acts


def reviewed_text(entries: Entries) -> tuple[str, dict[str, Any]] | None:
    """The announcement as the sponsor office approved it (domain/publication/review.py), headed by
    its document number, and what the published entry keeps of the review; None when the record
    holds no review (decisions launched before the office reviewed announcements)."""
    review = latest(entries, Kind.ANNOUNCEMENT_REVIEWED)
    if review is None:
        return None
    data = review["data"]
    text = f"{data['document_number']}\n\n{str(data['text']).strip()}\n"
    kept = {"document_number": data["document_number"], "reviewed_by": review["actor"], "review_entry": review["hash"],
            "generated_sha256": data["generated_sha256"], "edited": data["edited"]}
    return text, kept


def announcement(spec: DecisionSpec, entries: Entries, now: datetime) -> str:
    meeting_zh, meeting_en = MEETINGS[spec.stages.collective_deliberation.meeting_type]
    evaluation = spec.stages.post_evaluation
    draft = current_draft(entries)  # the text as last revised (R-D4, R-E4 rounds), not only as launched
    context = {
        "body": spec.decision_body, "title": spec.title, "title_en": spec.title_en, "meeting": meeting_zh,
        "meeting_en": meeting_en, "version": draft.version, "text": draft.text.strip(),
        "comments": _comments(entries), "experts": _experts(entries),
        "implementing_unit": evaluation.implementing_unit, "evaluator_unit": evaluation.evaluator_unit,
        "after_months": evaluation.after_months, "date": now.astimezone(CHINA).strftime("%Y年%m月%d日"),
    }
    return _environment().get_template(TEMPLATE).render(context)


def _summary(entries: Entries, stage: Stage) -> str:
    report = latest(entries, Kind.ADOPTION_REPORT, stage)
    if report is None:
        return NOT_APPLICABLE if latest(entries, Kind.NOT_APPLICABLE, stage) else NO_REPORT
    counts = report["data"]["counts"]
    return "，".join(f"{label}{counts.get(key, 0)}条" for key, label in
                    (("adopted", "采纳"), ("partly_adopted", "部分采纳"), ("not_adopted", "未采纳")))


def _disposed(entries: Entries, kind: str) -> dict[str, dict[str, Any]]:
    return {e["data"]["ref"]: e["data"] for e in all_of(entries, kind)}


def _comments(entries: Entries) -> dict[str, Any]:
    paragraphs = {e["data"]["receipt"]: e["data"].get("paragraph") for e in all_of(entries, Kind.COMMENT_RECEIVED)}
    launched = latest(entries, Kind.LAUNCHED)
    draft = split_paragraphs(str(launched["data"]["spec"]["draft"].get("text", ""))) if launched else []
    items = [{"ref": ref, "paragraph": paragraphs.get(ref), "cited": cite(draft, paragraphs.get(ref))[0],
              "label": DISPOSITION_LABELS.get(d["disposition"], ""), "reason": d.get("reason", "")}
             for ref, d in _disposed(entries, Kind.COMMENT_DISPOSED).items()]
    return {"summary": _summary(entries, Stage.PUBLIC_PARTICIPATION), "items": items}


def _experts(entries: Entries) -> dict[str, Any]:
    opinions = {e["data"]["expert"]: e["data"] for e in all_of(entries, Kind.OPINION_SUBMITTED)}
    items = []
    for ref, d in _disposed(entries, Kind.OPINION_DISPOSED).items():
        opinion = opinions.get(ref, {})
        conclusion = str(opinion.get("conclusion") or "")
        items.append({"expert": expert_described(entries, ref, opinion.get("seat", "")),
                      "conclusion": CONCLUSION_LABELS.get(conclusion, conclusion or "—"),
                      "label": DISPOSITION_LABELS.get(d["disposition"], ""), "reason": d.get("reason", "")})
    return {"summary": _summary(entries, Stage.EXPERT_REVIEW), "items": items}


def deadline(spec: DecisionSpec, entries: Entries, decided_at: datetime, now: datetime) -> dict[str, Any]:
    """Working days from the meeting's decision to publication, in legal time (an accelerated clock
    is scaled back); beyond the official holiday schedule the count is reported unknown, not guessed."""
    within = spec.stages.publication.within_working_days
    legal_now = decided_at + (now - decided_at) * clock_scale(entries)
    start, end = decided_at.astimezone(CHINA).date(), legal_now.astimezone(CHINA).date()
    counted = working_days_between(start, end)
    days = (end - start).days
    overdue = counted is not None and counted > within
    return {"decided_on": start.isoformat(), "published_on": end.isoformat(), "within_working_days": within,
            "working_days": counted, "overdue": overdue, "days_over": counted - within if counted is not None and overdue else 0,
            "calendar_known": counted is not None,
            "on_time": (not overdue) if counted is not None else (True if days <= within else None)}


def working_days_between(start: date, end: date) -> int | None:
    """Working days after ``start`` up to and including ``end`` (official schedule, with the weekend
    days made working days); None when a day lies beyond the years the schedule is known for."""
    years = official_years()
    if start.year not in years or end.year not in years:
        return None
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))
