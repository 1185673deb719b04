"""The archive's compliance table (R-H1): every rule of the statute, evaluated for this record by
a function that checks what the rule requires (domain/compliance_*.py, one per pair of chapters).

Each rule gets one status: met (with the entry that proves it), not met (why), refused (the rule
stopped the decision: the gate closed), not applicable (the stage was marked so, or the procedure
ended before it), open (nothing yet), not used (an optional rule), proven by this file (the
archive rules), due (a duty after publication, with its due date), or withheld (what proves it
is removed from the public edition, R-H6: the full edition shows it). Answers refused under a
rule are counted beside it: they show the rule being enforced.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from juece.domain.archive import (
    compliance_after,
    compliance_decision,
    compliance_launch,
    compliance_review,
)
from juece.domain.archive.compliance_facts import (
    DUE,
    MET,
    NOT_APPLICABLE,
    NOT_MET,
    NOT_USED,
    OPEN,
    PROVEN,
    REFUSED,
    STATUS_LABELS,
    WITHHELD,
    Facts,
    Finding,
    data,
)
from juece.domain.record.kinds import Kind
from juece.domain.rules import RULES

__all__ = ["DUE", "EVALUATORS", "MET", "NOT_APPLICABLE", "NOT_MET", "NOT_USED", "OPEN", "PROVEN", "REFUSED", "STATUS_LABELS",
           "WITHHELD", "RuleStatus", "compliance"]

EVALUATORS: dict[str, Callable[[Facts], Finding]] = {
    **compliance_launch.EVALUATORS, **compliance_review.EVALUATORS,
    **compliance_decision.EVALUATORS, **compliance_after.EVALUATORS,
}


@dataclass(frozen=True)
class RuleStatus:
    rule: str
    title_zh: str
    title_en: str
    status: str
    note_zh: str  # why, or what proves it, in words
    note_en: str
    proof: dict[str, Any] | None  # the entry proving it, or recording why not
    due: str | None  # a duty after publication: its due date (ISO), if the record gives one
    refusals: int  # answers refused under this rule

    @property
    def label(self) -> tuple[str, str]:
        return STATUS_LABELS[self.status]


def _refusals(facts: Facts) -> Counter[str]:
    return Counter(str(data(entry).get("rule")) for entry in facts.all(Kind.ANSWER_REFUSED) if data(entry).get("rule"))


def compliance(record: dict[str, Any] | list[dict[str, Any]]) -> list[RuleStatus]:
    """The status of every rule for this record (an archive record, or a list of entries), in the
    statute's order."""
    facts = Facts(record)
    refused = _refusals(facts)
    result = []
    for rule in RULES.values():
        found = EVALUATORS[rule.id](facts)
        result.append(RuleStatus(rule.id, rule.title_zh, rule.title_en, found.status, found.zh, found.en,
                                 found.proof, found.due, refused.get(rule.id, 0)))
    return result
