"""The expert panel in Airflow: one HITL task per seat (its holder read from the record at run
time), one signature task per seat, and reserve seats that wait for a replacement; ``build`` lays
out the stage's tasks."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from airflow.sdk import BaseSensorOperator
from airflow.sdk.exceptions import AirflowSkipException

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from juece.orchestration.forms import Fields, FieldsWhenAsked, responder
from juece.orchestration.stages.seat_keys import passkeys_for, public_key_of
from juece.orchestration.steps import RecordStepOperator
from juece.orchestration.tasks import person
from juece.services.record import Record, act_key, now, open_record

if TYPE_CHECKING:  # the panel's domain is imported when a seat's task runs, not when a DAG is loaded
    from juece.domain.expert_review.seat_answers import Seat
    from juece.domain.record.answers import Answer
    from juece.spec.models import DecisionSpec

STAGE = Stage.EXPERT_REVIEW
SIGN_FIELDS = {"signature": {"type": ["null", "string"], "title": "签名 Signature (Ed25519, base64)",
                             "description": "juece experts sign --key 您的私钥.pem 摘要 / DIGEST"},
               # a passkey's assertion over the digest, as the seat's signing page sends it (R-C1)
               "webauthn": {"type": ["null", "object"], "title": "通行密钥签名 Passkey signature",
                            "description": "由签名页填写 / filled in by the signing page /juece/experts/seats"}}


def removed_experts() -> set[str]:
    """Experts removed from the library since the draw are never drawn as replacements (R-C4)."""
    from juece.adapters.store.experts import ExpertLibrary

    return {e.user for e in ExpertLibrary().all() if e.removed}


def _answered_meanwhile(context: Any) -> dict[str, Any] | None:
    """An answer that reached the task's HITL request after its trigger timed out but before the
    task resumed (the trigger checks at the timeout; the task resumes seconds later, and a busy
    metadata DB can delay an answer into that gap). Asking again would lose it."""
    from airflow.sdk.execution_time.hitl import get_hitl_detail_content_detail

    try:
        found = get_hitl_detail_content_detail(ti_id=context["task_instance"].id)
    except Exception:  # noqa: BLE001 - without the detail, the timeout stands
        return None
    if not (found.response_received and found.chosen_options):
        return None
    user = found.responded_by_user
    return {"chosen_options": list(found.chosen_options), "params_input": dict(found.params_input or {}),
            "responded_by_user": {"id": getattr(user, "id", "unknown"), "name": getattr(user, "name", None)}
            if user else {},
            "responded_at": str(found.responded_at)}


class _SeatTask(FieldsWhenAsked):
    ui_color = "#f3e8fd"

    def __init__(self, *, decision_id: str, seat: str, reserves: list[str], quorum: int, **kwargs: Any) -> None:
        super().__init__(assigned_users=[{"id": "nobody", "name": "nobody"}], **kwargs)
        self.decision_id, self.seat, self.reserves, self.quorum = decision_id, seat, reserves, quorum

    def _seat(self, record: Record) -> Seat:
        from juece.domain.expert_review import seat_answers
        from juece.domain.expert_review.panel_record import seat_state

        state = seat_state(record.entries, self.seat)
        if state.expert is None:
            raise AirflowSkipException(f"{self.seat} holds no expert")
        return seat_answers.Seat(self.decision_id, self.seat, state.expert, self.reserves, self.quorum)

    def _ask(self, context: Any, expert: str) -> Any:
        self.assigned_users = [{"id": expert, "name": expert}]
        return super().execute(context)

    def _answer(self, event: dict[str, Any]) -> Answer:
        from juece.domain.record.answers import Answer

        user = responder(event)
        return Answer(user, list(event.get("chosen_options") or []), dict(event.get("params_input") or {}))

    def _refuse(self, record: Record, violation: RuleViolation, user: str, key: str, context: Any) -> Any:
        self.log.warning("Answer refused, asking %s again: %s", user, violation)
        record.append([Act(STAGE, "answer_refused", user, {**violation.as_dict(), "task": self.task_id, "by": user})],
                      key)
        return self.execute(context)


class ExpertSeatOperator(_SeatTask):
    """The seat's expert declares any conflict, then gives a signed-to-be opinion (R-C1, R-C3).
    A reminder comes before the deadline; at the deadline the expert is non-responding."""

    def __init__(self, *, response_days: int, reminder_days: int, **kwargs: Any) -> None:
        from juece.domain.expert_review import seat_answers

        super().__init__(subject="专家论证意见 Expert opinion", options=list(seat_answers.EXPERT_OPTIONS), **kwargs)
        self.response_days, self.reminder_days = response_days, reminder_days

    def form_fields(self) -> Fields:
        from juece.domain.record.forms import EXPERT_FIELDS

        return EXPERT_FIELDS

    def execute(self, context: Any) -> Any:
        from juece.domain.expert_review.panel_record import seat_state
        from juece.domain.record.answers import TaskContext
        from juece.domain.record.clock import parse_time
        from juece.domain.record.forms import draft_body

        record = open_record(self.decision_id, Ledger())
        seat = self._seat(record)
        state = seat_state(record.entries, self.seat)
        if state.status not in ("assigned", "requested"):
            self.log.info("%s (%s) is already %s", self.seat, seat.expert, state.status)
            return {"status": state.status}
        request = self._request(record, seat, context)
        due, remind = parse_time(request["effective_due_at"]), parse_time(request["effective_remind_at"])
        self.response_timeout = max((due if self._reminded(record, seat) else remind) - now(), timedelta(seconds=1))
        self.body = draft_body(TaskContext(record.spec, record.entries)) + _seat_note(seat, request)
        return self._ask(context, seat.expert)

    def _request(self, record: Record, seat: Seat, context: Any) -> dict[str, Any]:
        from juece.domain.record.clock import format_time
        from juece.domain.record.entries import all_of, clock_scale
        from juece.domain.record.periods import accelerated, period_end_as_known

        for entry in all_of(record.entries, "opinion_requested"):
            if entry["data"]["seat"] == self.seat and entry["data"]["expert"] == seat.expert:
                return entry["data"]
        start, scale = now(), clock_scale(record.entries)
        due, known = period_end_as_known(start, self.response_days)  # 24:00 China time, moved past rest days
        remind = due - timedelta(days=self.reminder_days)
        data = {"seat": self.seat, "expert": seat.expert, "due_at": format_time(due),
                "effective_due_at": format_time(accelerated(start, due, scale)),
                "effective_remind_at": format_time(accelerated(start, remind, scale)),
                "response_days": self.response_days, "reminder_days": self.reminder_days,
                "calendar_known": known, "rule": "R-C1"}
        record.append([Act(STAGE, "opinion_requested", "juece", data)], act_key(context, f"request:{seat.expert}"))
        return data

    def execute_complete(self, context: Any, event: dict[str, Any], **_: Any) -> Any:
        from juece.domain.expert_review import seat_answers

        record = open_record(self.decision_id, Ledger())
        seat = self._seat(record)
        if event.get("error_type") == "timeout":
            late = _answered_meanwhile(context)
            if late is None:
                return self._timed_out(record, seat, context)
            event = late
        answer = self._answer(event)
        key = act_key(context, str(event.get("responded_at")))
        try:
            outcome = seat_answers.seat_opinion(record.entries, seat, answer, removed_experts())
        except RuleViolation as violation:
            return self._refuse(record, violation, answer.user, key, context)
        written = record.append(outcome.acts, key, final=True)
        return {"recorded": [entry["hash"] for entry in written]}

    def _reminded(self, record: Record, seat: Seat) -> bool:
        from juece.domain.record.entries import all_of

        return self.reminder_days == 0 or any(
            e["data"].get("seat") == self.seat and e["data"].get("expert") == seat.expert
            for e in all_of(record.entries, "reminder_sent"))

    def _timed_out(self, record: Record, seat: Seat, context: Any) -> Any:
        """The first timeout is the reminder's (even when Airflow resumed the task late), the
        second the deadline's."""
        from juece.domain.expert_review import seat_answers

        request = self._request(record, seat, context)
        if not self._reminded(record, seat):
            data = {"seat": self.seat, "expert": seat.expert, "due_at": request["due_at"], "rule": "R-C1"}
            record.append([Act(STAGE, "reminder_sent", "juece", data)], act_key(context, f"remind:{seat.expert}"))
            self.log.warning("Reminder: %s has not answered %s; due %s", seat.expert, self.seat, request["due_at"])
            return self.execute(context)
        acts = seat_answers.non_responding(record.entries, seat, request["due_at"], removed_experts())
        record.append(acts, act_key(context, f"missed:{seat.expert}"), final=True)
        self.log.warning("%s did not answer %s by %s", seat.expert, self.seat, request["due_at"])
        return {"non_responding": seat.expert}


class SignOpinionOperator(_SeatTask):
    """The signature act: the seat's expert signs the digest of the opinion they submitted."""

    def __init__(self, **kwargs: Any) -> None:
        from juece.domain.expert_review import seat_answers

        super().__init__(subject="签署论证意见 Sign your opinion", options=list(seat_answers.SIGN_OPTIONS), **kwargs)

    def form_fields(self) -> Fields:
        return SIGN_FIELDS

    def execute(self, context: Any) -> Any:
        from juece.domain.expert_review.panel_record import seat_state

        record = open_record(self.decision_id, Ledger())
        seat = self._seat(record)
        state = seat_state(record.entries, self.seat)
        if state.status == "signed":
            return {"status": "signed"}
        if state.status != "submitted":
            raise AirflowSkipException(f"{self.seat}: no opinion to sign ({state.status})")
        self.body = (f"请在专家工作台 /juece/experts/seats 用通行密钥对意见签名，或用签名私钥对下列摘要签名（R-C1）。\n"
                     f"Sign on the expert desk /juece/experts/seats with your passkey, or sign this digest with "
                     f"your key (R-C1).\n\n摘要 Digest: `{state.digest}`\n\n"
                     f"`juece experts sign --key {seat.expert}.pem {state.digest}`")
        return self._ask(context, seat.expert)

    def execute_complete(self, context: Any, event: dict[str, Any], **_: Any) -> Any:
        if "error" in event:
            return super().execute_complete(context, event)
        from juece.domain.expert_review import seat_answers
        from juece.domain.expert_review.panel_record import seat_state

        record = open_record(self.decision_id, Ledger())
        seat = self._seat(record)
        state = seat_state(record.entries, self.seat)
        answer = self._answer(event)
        key = act_key(context, str(event.get("responded_at")))
        try:
            outcome = seat_answers.seat_signature(seat, state.digest or "", public_key_of(record, seat.expert), answer,
                                                  passkeys_for(seat.expert, answer))
        except RuleViolation as violation:
            return self._refuse(record, violation, answer.user, key, context)
        written = record.append(outcome.acts, key, final=True)
        if outcome.acts[0].data.get("method") == "passkey":  # its counter and use, beside its registration
            from juece.adapters.store.passkeys import PasskeyStore

            PasskeyStore().signed_with(outcome.acts[0].data, now().isoformat())
        return {"recorded": [entry["hash"] for entry in written]}


class ReserveSeatSensor(BaseSensorOperator):
    """A reserve seat waits (rescheduled, no slot held) until a replacement is drawn into it, or
    skips once every seat has reached its end without needing it."""

    ui_color = "#ede7f6"

    def __init__(self, *, decision_id: str, seat: str, reserves: list[str], **kwargs: Any) -> None:
        super().__init__(mode="reschedule", poke_interval=5, **kwargs)
        self.decision_id, self.seat, self.reserves = decision_id, seat, reserves

    def poke(self, context: Any) -> bool:
        from juece.domain.expert_review.panel_record import panel_complete, seat_state, seats

        record = open_record(self.decision_id, Ledger())
        if seat_state(record.entries, self.seat).expert:
            return True
        if panel_complete(seats(record.entries, self.reserves)):
            raise AirflowSkipException(f"{self.seat} was not needed")
        return False


def _seat_note(seat: Seat, request: dict[str, Any]) -> str:
    return (f"\n\n---\n席位 Seat `{seat.seat}` · 专家 Expert `{seat.expert}` · 答复期限 Due {request['due_at']}\n\n"
            "先声明利害关系：无利害关系请勾选 no_conflict 后提交意见；有利害关系请选择回避并说明（R-C3）。"
            "提交后请在签名任务中对意见摘要签名（R-C1）。\nFirst declare any conflict of interest (R-C3); "
            "after submitting, sign the opinion's digest in the signature task (R-C1).")


def build(spec: DecisionSpec) -> None:
    """R-C1..R-C6: a task per seat of the panel drawn at launch, each followed by its signature
    act; reserve seats wait for replacements; the panel closes, then the sponsor disposes. The
    tasks go inside the caller's task group (factory._optional_stage)."""
    from juece.domain.expert_review.panel_record import reserve_names, seat_names

    review = spec.stages.expert_review
    reserves = reserve_names(review.reserve_seats)
    common = {"decision_id": spec.id, "reserves": reserves, "quorum": review.quorum}
    ends = []
    for seat in seat_names(spec.panel_size) + reserves:
        opinion = ExpertSeatOperator(task_id=seat, seat=seat, response_days=review.response_days,
                                     reminder_days=review.reminder_days, **common)
        sign = SignOpinionOperator(task_id=f"sign_{seat}", seat=seat, **common)
        if seat in reserves:
            ReserveSeatSensor(task_id=f"await_{seat}", decision_id=spec.id, seat=seat, reserves=reserves) >> opinion
        opinion >> sign
        ends.append(sign)
    close = RecordStepOperator(task_id="close_panel", decision_id=spec.id, step="close_panel",
                               trigger_rule="none_failed")
    ends >> close >> person(spec, "dispose_opinions", "opinion_dispositions", spec.sponsor_office)
