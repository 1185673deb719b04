"""The sponsor office's dispositions of the expert opinions on its own page (R-C6): each signed
opinion with its expert by name and seat, its conclusion and conditions in words and its text; the
dispositions recorded once the stage's adoption report is; and the answer the disposition task
takes, checked row by row and then by the task's own handler before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from juece.adapters.store.ledger import Ledger
from juece.domain.expert_review.panel_record import covers
from juece.domain.expert_review.panel_seal import panel_open
from juece.domain.expert_review.seat_answers import ASSESSMENTS, CONCLUSION_LABELS
from juece.domain.participation.dispositions import (
    DISPOSITION_LABELS,
    DISPOSITIONS,
    NEEDS_REASON,
    check_item,
)
from juece.domain.participation.review_answers import SUBMIT_OPTIONS, opinion_dispositions
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.entries import Entries, Entry, all_of, latest
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage
from juece.services.record import open_record
from juece.spec.models import DecisionSpec

RULE = "R-C6"
TASK = f"{Stage.EXPERT_REVIEW.value}.dispose_opinions"
SEALED, WAITING, DONE, NOT_APPLICABLE = "sealed", "waiting", "done", "not_applicable"
ASSESSMENT_WORDS = {"necessity": "Necessity", "feasibility": "Feasibility", "soundness": "Soundness"}


def words(label: str) -> tuple[str, str]:
    """'支持 Support' -> ('支持', 'Support')."""
    zh, _, en = label.partition(" ")
    return zh, en


@dataclass(frozen=True)
class OpinionRow:
    """One signed opinion as the office reads it; ``ref`` (the expert's account) is what the task
    takes, never shown."""

    number: int
    ref: str
    seat: str
    name: str
    about: str  # affiliation and the specialties the seat covers
    seat_zh: str
    seat_en: str
    conclusion: str
    conditions: str
    assessments: list[tuple[str, str, str]]  # (Chinese title, English title, text)
    text: str
    recorded: dict[str, Any] | None = None

    @property
    def conclusion_words(self) -> tuple[str, str]:
        return words(CONCLUSION_LABELS.get(self.conclusion, self.conclusion))

    @property
    def who(self) -> str:
        return f"{self.seat_zh} {self.name}"


@dataclass(frozen=True)
class DispositionsState:
    """Where the dispositions stand: ``sealed`` (the panel is open: no opinion may be read, R-C6),
    ``waiting`` for the office, ``done`` (the adoption report is recorded) or ``not_applicable``."""

    decision_id: str
    dag_id: str
    title: str
    state: str
    rows: list[OpinionRow] = field(default_factory=list)
    report: dict[str, Any] | None = None

    @property
    def waiting(self) -> bool:
        return self.state == WAITING

    @property
    def conclusions(self) -> list[tuple[str, str, str]]:
        """The conclusions the opinions reached (code, Chinese, English), each once, for bulk by conclusion."""
        found = dict.fromkeys(row.conclusion for row in self.rows)
        return [(code, *words(CONCLUSION_LABELS.get(code, code))) for code in found]


def choices() -> list[tuple[str, str, str]]:
    """Each disposition's code with its words in Chinese and English."""
    return [(code, *words(DISPOSITION_LABELS[code])) for code in DISPOSITIONS]


def needs_reason() -> tuple[str, ...]:
    return tuple(NEEDS_REASON[RULE])


def dispositions_state(ledger: Ledger, decision_id: str) -> tuple[DispositionsState, DecisionSpec, Entries]:
    """The dispositions of ``decision_id`` as the record shows them, with the spec and the entries."""
    record = open_record(decision_id, ledger)
    spec, entries = record.spec, record.entries
    report = latest(entries, Kind.ADOPTION_REPORT, Stage.EXPERT_REVIEW)
    if not spec.stages.expert_review.applicable:
        state = NOT_APPLICABLE
    elif report is not None:
        state = DONE
    elif panel_open(entries) or latest(entries, Kind.PANEL_CLOSED) is None:
        state = SEALED
    else:
        state = WAITING
    rows = [] if state in (SEALED, NOT_APPLICABLE) else opinion_rows(entries)
    return (DispositionsState(decision_id, spec.dag_id, spec.title, state, rows, report["data"] if report else None),
            spec, entries)


def opinion_rows(entries: Entries) -> list[OpinionRow]:
    """One row per signed opinion, in the order of the seats (the panel's, then the reserves')."""
    submitted = {e["data"]["expert"]: e["data"] for e in all_of(entries, Kind.OPINION_SUBMITTED)}
    recorded = {e["data"]["ref"]: e["data"] for e in all_of(entries, Kind.OPINION_DISPOSED)}
    drawn = latest(entries, Kind.PANEL_DRAWN)
    pool = {p["user"]: p for p in (drawn["data"].get("pool") or [])} if drawn else {}
    rows = []
    for number, signed in enumerate(sorted(all_of(entries, Kind.OPINION_SIGNED), key=_seat_order), 1):
        expert = str(signed["data"]["expert"])
        opinion = submitted.get(expert, {})
        seat = str(signed["data"].get("seat") or opinion.get("seat") or "")
        rows.append(_row(number, expert, seat, opinion, pool.get(expert, {}), entries, recorded.get(expert)))
    return rows


def _seat_order(signed: Entry) -> tuple[bool, int, str]:
    kind, _, numeral = str(signed["data"].get("seat") or "").rpartition("_")
    return kind == "reserve", int(numeral) if numeral.isdigit() else 0, kind


def _row(number: int, expert: str, seat: str, opinion: dict[str, Any], person: dict[str, Any], entries: Entries,
         recorded: dict[str, Any] | None) -> OpinionRow:
    kind, _, numeral = seat.rpartition("_")
    seat_zh = {"seat": f"第{numeral}席", "reserve": f"后备第{numeral}席"}.get(kind, "专家")
    seat_en = {"seat": f"seat {numeral}", "reserve": f"reserve seat {numeral}"}.get(kind, "expert")
    specialties = "、".join(covers(entries, seat))
    about = "；".join(filter(None, [str(person.get("affiliation") or ""), specialties and f"论证专业：{specialties}"]))
    assessments = [(zh.removesuffix("意见"), ASSESSMENT_WORDS[name], str(opinion.get(name) or ""))
                   for name, zh in ASSESSMENTS]
    return OpinionRow(number, expert, seat, str(person.get("name") or f"{seat_zh}专家"), about, seat_zh, seat_en,
                      str(opinion.get("conclusion") or ""), str(opinion.get("conditions") or ""), assessments,
                      str(opinion.get("opinion") or ""), recorded)


def dispositions_answer(spec: DecisionSpec, entries: Entries, user: str, rows: list[OpinionRow],
                        given: dict[int, tuple[str, str]]) -> dict[str, Any]:
    """The disposition task's answer for what the office chose (row number -> disposition, reason),
    refused at its row (``RuleViolation`` naming ``opinions.<n>.reason``, say) as the task's handler
    would refuse it, then checked by that handler: nothing is sent, nothing recorded."""
    items = []
    for row in rows:
        disposition, reason = given.get(row.number, ("", ""))
        item = {"ref": row.ref, "disposition": disposition, "reason": reason}
        try:
            check_item(item, [row.ref], RULE)
        except RuleViolation as error:
            raise _at_row(row, error.field or "disposition", disposition) from None
        items.append(item)
    params = {"dispositions": items}
    chosen = list(SUBMIT_OPTIONS)
    opinion_dispositions(TaskContext(spec, entries), Answer(user, chosen, params))  # raises as the task would
    return {"chosen_options": chosen, "params_input": params}


def _at_row(row: OpinionRow, field_name: str, disposition: str) -> RuleViolation:
    """The refusal of one row, naming the expert by seat and name (never their account)."""
    at = f"opinions.{row.number}.{field_name}"
    if field_name == "reason":
        zh, en = words(DISPOSITION_LABELS[disposition])
        return RuleViolation(RULE, f"{row.who}的意见处理为{zh}，须说明理由",
                             f"the opinion of {row.name} ({row.seat_en}) is {en}: give the reasons", field=at)
    if field_name == "disposition":
        return RuleViolation(RULE, f"请为{row.who}的意见选择处理结果（采纳、部分采纳或不予采纳）",
                             f"choose a disposition for the opinion of {row.name} ({row.seat_en})", field=at)
    return FormError(f"{row.who}的意见无法处理", f"the opinion of {row.name} cannot be disposed of", field=at)


def apply_bulk(values: dict[str, str], rows: list[OpinionRow]) -> tuple[dict[str, str], int]:
    """One disposition and reason (``bulk.disposition``, ``bulk.reason``) put into every row the
    scope names (``bulk.scope``: the ticked rows, or ``conclusion:<code>`` every opinion of that
    conclusion), everything else typed kept; nothing is sent. Refused at the bulk field."""
    disposition, reason = values.get("bulk.disposition", ""), values.get("bulk.reason", "").strip()
    scope = values.get("bulk.scope", "selected")
    if disposition not in DISPOSITIONS:
        raise RuleViolation(RULE, "请选择要成批填入的处理结果（采纳、部分采纳或不予采纳）",
                            "choose the disposition to apply to the opinions", field="bulk.disposition")
    if disposition in needs_reason() and not reason:
        zh, en = words(DISPOSITION_LABELS[disposition])
        raise RuleViolation(RULE, f"成批处理为{zh}，须说明理由", f"applying {en}: give the reasons",
                            field="bulk.reason")
    if scope.startswith("conclusion:"):
        chosen = [row for row in rows if f"conclusion:{row.conclusion}" == scope]
    else:
        chosen = [row for row in rows if values.get(f"opinions.{row.number}.selected") == "yes"]
    if not chosen:
        raise FormError("没有选中任何意见：请勾选意见，或选择按结论成批处理",
                        "no opinion is selected: tick some, or apply to every opinion of a conclusion",
                        field="bulk.scope")
    kept = dict(values)
    for row in chosen:
        kept[f"opinions.{row.number}.disposition"], kept[f"opinions.{row.number}.reason"] = disposition, reason
        kept.pop(f"opinions.{row.number}.selected", None)
    return kept, len(chosen)
