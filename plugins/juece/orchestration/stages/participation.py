"""Public participation as tasks: the notice, the comment period (R-B2), its close and the
sponsor's dispositions of the comments; with a hearing (R-B6), its announcement, the materials,
the hearing day, its record and every participant's signature, all before the dispositions."""

from __future__ import annotations

from juece.orchestration.hitl import DecisionTaskOperator
from juece.orchestration.steps import RecordStepOperator, WaitOperator
from juece.orchestration.tasks import person
from juece.spec.models import DecisionSpec


def build(spec: DecisionSpec) -> None:
    """The stage's tasks, inside the caller's task group (factory._optional_stage)."""
    notice = RecordStepOperator(task_id="publish_notice", decision_id=spec.id, step="publish_notice")
    period = WaitOperator(task_id="comment_period", decision_id=spec.id, kind="notice_published",
                          field="effective_closes_at", rule="R-B2")
    close = RecordStepOperator(task_id="close_comments", decision_id=spec.id, step="close_comments")
    dispose = person(spec, "dispose_comments", "comment_dispositions", spec.sponsor_office)
    notice >> period >> close >> dispose
    if spec.stages.public_participation.hearing:
        announce, signatures = _hearing(spec)
        notice >> announce
        signatures >> dispose


def _hearing(spec: DecisionSpec) -> tuple[RecordStepOperator, list[DecisionTaskOperator]]:
    """R-B6: announce, fill any public seats from the sign-ups (公开报名), issue materials, hold the hearing, every participant signs the record."""
    hearing = spec.stages.public_participation.hearing
    announce = RecordStepOperator(task_id="announce_hearing", decision_id=spec.id, step="announce_hearing")
    materials = RecordStepOperator(task_id="hearing_materials", decision_id=spec.id, step="hearing_materials")
    wait = WaitOperator(task_id="hearing_day", decision_id=spec.id, kind="hearing_announced",
                        field="effective_time", rule="R-B6")
    record = person(spec, "hearing_record", "hearing_record", spec.sponsor_office)
    signatures = [person(spec, f"sign__{p.user}", "hearing_confirmation", p.user, subject_user=p.user)
                  for p in hearing.participants]
    if hearing.public_signup:  # the public seats filled once sign-up closes, before the materials go out
        signup_closes = WaitOperator(task_id="hearing_signup_closes", decision_id=spec.id, kind="hearing_announced",
                                     field="signup.effective_closes_at", rule="R-B6")
        seats = RecordStepOperator(task_id="hearing_seats", decision_id=spec.id, step="hearing_seats")
        announce >> signup_closes >> seats >> materials
    else:
        announce >> materials
    materials >> wait >> record >> signatures
    return announce, signatures
