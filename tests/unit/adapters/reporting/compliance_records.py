"""Whole decision records made by the domain's own steps and answer handlers, for the compliance
table: approved, rejected, gate closed (an unlawful finding and a risk that stayed uncontrollable),
and amended (evaluated, adjusted, the amendment launched). Times are in 2026, a year the official
holiday schedule is known for."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from juece.adapters.reporting.editions import make_edition
from juece.domain import steps
from juece.domain.deliberation import meeting_answers
from juece.domain.deliberation import views as deliberation
from juece.domain.evaluation import answers as evaluation_answers
from juece.domain.evaluation import reports as evaluation
from juece.domain.expert_review import panel_record, seat_answers
from juece.domain.expert_review.experts import parse_experts
from juece.domain.expert_review.panel import PanelRules, draw_panel
from juece.domain.expert_review.signatures import new_key_pair, sign_digest
from juece.domain.legality import review as legality
from juece.domain.participation import review_answers
from juece.domain.participation.comments import comment_act
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, Outcome, TaskContext
from juece.domain.record.clock import format_time
from juece.domain.record.ledger import GENESIS, canonical_json, entry_hash
from juece.domain.risk import register as risk
from juece.domain.stages import Stage
from juece.spec import DecisionSpec, load_spec

TEMPLATES = Path(__file__).resolve().parents[4] / "templates"
START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # a Monday, 09:00 in China
SPONSOR, SECRETARY, HEAD = "sponsor_office", "secretary", "county_head"
MEMBERS = ["member_1", "member_2", "member_3", "member_4"]
SUBMIT = "提交 Submit"


@dataclass
class Decision:
    """A record being written: entries chained as the ledger chains them, a clock that moves on."""

    spec: DecisionSpec
    now: datetime = START
    entries: list[dict[str, Any]] = field(default_factory=list)

    def add(self, acts: list[Act] | Outcome) -> list[dict[str, Any]]:
        written = []
        for act in acts.acts if isinstance(acts, Outcome) else acts:
            prev = self.entries[-1]["hash"] if self.entries else GENESIS
            body = {"decision_id": self.spec.id, "seq": len(self.entries) + 1, "stage": str(act.stage),
                    "kind": act.kind, "actor": act.actor, "at": format_time(self.now),
                    "data": json.loads(canonical_json(act.data))}
            self.entries.append({**body, "prev_hash": prev, "hash": entry_hash(prev, body)})
            written.append(self.entries[-1])
            self.now += timedelta(minutes=1)
        return written

    def later(self, **delta: float) -> Decision:
        self.now += timedelta(**delta)
        return self

    def ctx(self, subject: str | None = None) -> TaskContext:
        return TaskContext(self.spec, self.entries, subject)

    def answer(self, handler: Any, user: str, choice: str, subject: str | None = None, **params: Any) -> None:
        self.add(handler(self.ctx(subject), Answer(user, [choice], params)))

    def record(self, edition: str = "full") -> dict[str, Any]:
        return make_edition(self.spec.id, self.entries, edition, {})


def spec(**changes: Any) -> DecisionSpec:
    data = load_spec(TEMPLATES / "urban-planning.yaml").model_dump(mode="json")
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value
    return DecisionSpec.model_validate(data)


def launch(decision: Decision) -> None:
    spec_ = decision.spec
    decision.add([Act(Stage.LAUNCH, "launched", SPONSOR, {"spec": spec_.model_dump(mode="json"), "clock_scale": 1.0})])
    library = parse_experts(yaml.safe_load((TEMPLATES / "libraries" / "experts.yaml").read_text("utf-8"))["experts"],
                            "experts.yaml")
    review = spec_.stages.expert_review
    rules = PanelRules(spec_.panel_size, tuple(review.specialties), review.line_department,
                       frozenset(review.interested_parties) | frozenset(spec_.people()))
    decision.add([Act(Stage.EXPERT_REVIEW, "panel_drawn", SPONSOR, draw_panel(library, rules, "compliance").as_dict())])
    decision.add([Act(Stage.LAUNCH, "workflow_started", "juece", {"run_id": "manual__2026-03-02", "dag_id": spec_.dag_id})])


def participation(decision: Decision) -> None:
    decision.add(steps.publish_notice(decision.spec, decision.entries, decision.now))
    notice = decision.entries[-1]
    texts = ["建议第三条养老服务用房标准提高到每百户不少于四十平方米。", "请同步规划东部新区公交线路。",
             "第四条幼儿园用地三处不够，应当至少四处。"]
    for number, text in enumerate(texts, start=1):
        decision.add([comment_act(notice, False, text, decision.now, f"C-{number:06d}", paragraph=number + 2)])
    decision.later(days=40)  # the period is over: the next comment is kept and marked late
    decision.add([comment_act(notice, False, "期限过后才看到公告，补充一条意见。", decision.now, "C-000004")])
    decision.add(steps.close_comments(decision.spec, decision.entries))
    dispositions = [{"ref": "C-000001", "disposition": "partly_adopted", "reason": "提高到每百户三十五平方米。"},
                    {"ref": "C-000002", "disposition": "adopted", "reason": ""},
                    {"ref": "C-000003", "disposition": "not_adopted", "reason": "学位测算三处已足够。"},
                    {"ref": "C-000004", "disposition": "adopted", "reason": ""}]
    decision.answer(review_answers.comment_dispositions, SPONSOR, SUBMIT, dispositions=dispositions)


def expert_review(decision: Decision) -> None:
    drawn = panel_record.recorded_draw(decision.entries)
    review = decision.spec.stages.expert_review
    reserves = panel_record.reserve_names(review.reserve_seats)
    seats = [s.seat for s in drawn.seats]
    for number, name in enumerate(seats):
        seat = seat_answers.Seat(decision.spec.id, name, panel_record.holder(decision.entries, name) or "",
                                 reserves, review.quorum)
        if number == 1:  # the second expert declares a conflict; a reserve is drawn in their place
            decision.add(seat_answers.seat_opinion(decision.entries, seat, Answer(
                seat.expert, ["申报利害关系并回避 Declare a conflict of interest"],
                {"conflict_statement": "本人所在单位参与了东部新区前期咨询。"})))
            seats.append(reserves[0])
            continue
        _opinion(decision, seat)
    decision.add(panel_record.close_panel(decision.entries, reserves, review.quorum))
    signed = [e["data"]["expert"] for e in decision.entries if e["kind"] == "opinion_signed"]
    items = [{"ref": ref, "disposition": "adopted" if n else "not_adopted", "reason": "论证充分。" if n else "依据不足。"}
             for n, ref in enumerate(signed)]
    decision.answer(review_answers.opinion_dispositions, SPONSOR, SUBMIT, dispositions=items)


def _opinion(decision: Decision, seat: seat_answers.Seat) -> None:
    decision.add(seat_answers.seat_opinion(decision.entries, seat, Answer(seat.expert, ["支持 Support"], {
        "no_conflict": True, "necessity": "必要。", "feasibility": "可行。", "soundness": "科学。",
        "opinion": "同意本规划。"})))
    digest = decision.entries[-1]["data"]["digest"]
    private, public = new_key_pair()
    decision.add(seat_answers.seat_signature(seat, digest, public, Answer(seat.expert, ["签名确认 Sign"], {
        "signature": sign_digest(private, digest)})))


def risk_round(decision: Decision, level: int, accepted: bool = True) -> None:
    point = {"dimension": "social_stability", "description": "征地补偿可能引发群体性上访。", "likelihood": level,
             "impact": level, "measure": "分期征地，补偿方案先经村民代表会议通过。", "mitigation_accepted": accepted}
    decision.answer(risk.risk_assessment, "risk_assessor", SUBMIT, risk_points=[point],
                    departments_heard=["县信访局", "县财政局"], response_plan="启动信访联席会议机制。")


def legality_review(decision: Decision, outcome: str = "合法 Lawful") -> None:
    decision.add(legality.legality_submission(decision.spec, decision.entries, decision.now))
    decision.later(days=9)
    decision.answer(meeting_answers.adviser_opinion, "legal_adviser", outcome, opinion="权限、程序、内容均已审查。")
    decision.answer(meeting_answers.legality_review, "legality_reviewer", outcome, authority="县政府有权决定。",
                    procedure="程序完备。", content="内容与上位法一致。", exploratory_override=False)
    decision.add(legality.gate(decision.entries)[1])


def meeting(decision: Decision, head: str, views: dict[str, str], reason: str = "") -> None:
    decision.add(steps.materials(decision.spec, decision.entries))
    decision.answer(meeting_answers.convene, SECRETARY, SUBMIT, attendees=[*views, HEAD], views_in_room=[])
    labels = {"agree": "同意 Agree", "disagree": "不同意 Disagree"}
    for member, view in views.items():
        decision.answer(meeting_answers.member_view, member, labels[view], subject=member,
                        remarks="" if view == "agree" else "财政压力过大。")
    decision.answer(meeting_answers.head_decision, HEAD, head, reason=reason)
    decision.add(steps.minutes(decision.spec, decision.entries))
    decision.add(deliberation.conclude(decision.spec, decision.entries))
    decision.later(days=5)
    decision.add(steps.publication(decision.spec, decision.entries, decision.now))


def _through_review(decision: Decision) -> Decision:
    launch(decision)
    participation(decision)
    expert_review(decision)
    risk_round(decision, 3)
    decision.add(risk.conclude(decision.spec, decision.entries))
    return decision


def approved() -> Decision:
    decision = _through_review(Decision(spec()))
    legality_review(decision)
    meeting(decision, "通过 Approve", {"member_1": "agree", "member_2": "agree", "member_3": "disagree"})
    decision.add(evaluation.schedule(decision.spec, decision.entries, decision.now))
    return decision


def rejected() -> Decision:
    decision = _through_review(Decision(spec()))
    legality_review(decision)
    meeting(decision, "不予通过 Reject", {"member_1": "agree", "member_2": "agree", "member_3": "disagree"},
            reason="财政承受能力评估尚不充分，待下一年度再议。")
    return decision


def gate_closed() -> Decision:
    decision = Decision(spec(stages__risk_assessment__max_rounds=1))
    launch(decision)
    participation(decision)
    expert_review(decision)
    risk_round(decision, 5, accepted=False)
    decision.add(risk.conclude(decision.spec, decision.entries))
    legality_review(decision, "不合法 Unlawful")
    decision.add(steps.publication(decision.spec, decision.entries, decision.now))
    return decision


def amended() -> Decision:
    decision = approved()
    decision.later(days=200)
    decision.add([evaluation.implementation_report(decision.spec, decision.entries, "延寿县自然资源局",
                                                   "东部新区一期已完成征地。", {"sha256": "ab" * 32}, SPONSOR)])
    decision.add(evaluation.open_evaluation(decision.spec, decision.entries, "evaluation__run", False,
                                            "东部新区人口导入慢于预期。"))
    decision.answer(evaluation_answers.conclude, "evaluator", "调整 Adjust", findings="幼儿园用地仍不足。",
                    public_views="问卷调查收回412份。", adjustment="第四条幼儿园用地增至四处。")
    launched = {"decision_id": decision.entries[-1]["data"]["amendment_id"], "hash": "cd" * 32}
    decision.add([evaluation_answers.amendment_launched(decision.spec, decision.entries, launched, "manual__amend")])
    return decision
