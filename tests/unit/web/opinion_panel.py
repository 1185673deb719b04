"""A launched decision whose expert panel gave its opinions, signed them and closed: the opinions
wait for the sponsor office's dispositions (R-C6). Shared by the page's unit and browser tests."""

from __future__ import annotations

from juece.adapters.store.ledger import Ledger
from juece.domain.expert_review.panel_record import holder, reserve_names
from juece.domain.expert_review.seat_answers import Seat, seat_opinion
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer
from juece.domain.stages import Stage

ANSWERS = {
    "seat_1": ("支持 Support", {"opinion": "规划人口预测方法合理，同意。"}),
    "seat_2": ("附条件支持 Support with conditions", {"opinion": "东部新区规模偏大。", "conditions": "一期规模缩减三成。"}),
    "seat_3": ("反对 Oppose", {"opinion": "路网密度不足，不宜实施。"}),
}


def opinions_given(ledger: Ledger, decision: str, answers: dict[str, tuple[str, dict[str, str]]] = ANSWERS,
                   close: bool = True) -> dict[str, str]:
    """Each seat's expert submits the opinion ``answers`` gives it and signs it; the panel then
    closes (``close``). The seats' experts (seat -> account)."""
    experts = {}
    for seat, (conclusion, fields) in answers.items():
        expert = holder(ledger.entries(decision), seat) or ""
        params = {"no_conflict": True, "necessity": "有必要。", "feasibility": "可行。", "soundness": "科学。", **fields}
        acts = seat_opinion(ledger.entries(decision), Seat(decision, seat, expert, reserve_names(2), 3),
                            Answer(expert, [conclusion], params)).acts
        ledger.append_many(decision, acts)
        ledger.append(decision, Act(Stage.EXPERT_REVIEW, "opinion_signed", expert,
                                    {"seat": seat, "expert": expert, "digest": acts[0].data["digest"]}))
        experts[seat] = expert
    if close:
        ledger.append(decision, Act(Stage.EXPERT_REVIEW, "panel_closed", "juece", {}))
    return experts
