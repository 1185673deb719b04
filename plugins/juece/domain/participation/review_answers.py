"""Answers in the review stages: comment and expert opinion dispositions (the risk
assessment is in domain.risk)."""

from __future__ import annotations

from juece.domain.participation.dispositions import (
    acts_for,
    adoption_report,
    check_items,
    check_open,
    recorded,
    require_all,
    stage_report,
)
from juece.domain.record.answers import Answer, Outcome, TaskContext, list_param, one_choice
from juece.domain.record.entries import all_of
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage

SUBMIT_OPTIONS = {"提交 Submit": "submit"}


def comment_dispositions(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-B4: every comment, late ones too, gets a disposition (here, on the office's portal page or
    by CSV); anything not adopted as it stands needs a reason. R-B5: the adoption report."""
    wanted = [e["data"]["receipt"] for e in all_of(ctx.entries, Kind.COMMENT_RECEIVED)]
    return _dispositions(ctx, answer, wanted, Stage.PUBLIC_PARTICIPATION, Kind.COMMENT_DISPOSED, "R-B4")


def opinion_dispositions(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-C6: each expert opinion gets an adoption disposition with its reasons, adopted or not."""
    wanted = [e["data"]["expert"] for e in all_of(ctx.entries, Kind.OPINION_SIGNED)]
    return _dispositions(ctx, answer, wanted, Stage.EXPERT_REVIEW, Kind.OPINION_DISPOSED, "R-C6")


def _dispositions(ctx: TaskContext, answer: Answer, wanted: list[str], stage: Stage, kind: str,
                  rule: str) -> Outcome:
    one_choice(answer, SUBMIT_OPTIONS, rule)
    check_open(stage_report(ctx.entries, stage), rule)
    checked = check_items(list_param(answer, "dispositions"), wanted, rule)
    given = {ref: checked[ref] for ref in wanted if ref in checked}
    disposed = {**recorded(ctx.entries, kind), **given}
    require_all(wanted, disposed, rule)
    acts = acts_for(given, stage, kind, rule, answer.user)
    return Outcome([*acts, adoption_report(wanted, disposed, stage, rule, answer.user)])
