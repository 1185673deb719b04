"""Defence in depth: each step after the legality gate checks its own preconditions from the record
before it acts, so a task marked done, cleared or re-run in Airflow's UI cannot skip the law.

The graph already routes work only through a passed gate; these checks hold even when the graph is
bypassed. A refusal names the rule and is recorded as ``step_refused`` by the orchestration layer.
"""

from __future__ import annotations

from collections.abc import Callable

from juece.domain.participation.draft import current_draft
from juece.domain.record.entries import Entries, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import verify_chain

GATE_KINDS = (Kind.GATE_PASSED, Kind.GATE_CLOSED)


def gate_passed_for_current_draft(entries: Entries) -> None:
    """R-E1 / R-D4: the last gate passed, and for the draft as it stands now."""
    gate = next((e for e in reversed(entries) if e["kind"] in GATE_KINDS), None)
    if gate is None:
        raise RuleViolation("R-E1", "尚未通过合法性审查关口，不能进入集体讨论",
                            "the legality gate has not been passed: no deliberation", field="gate")
    if gate["kind"] == Kind.GATE_CLOSED:
        rules = [r.get("rule") for r in gate["data"].get("refusals", []) if isinstance(r, dict)]
        rule = "R-D4" if rules and all(r in ("R-D1", "R-D4") for r in rules) else "R-E1"
        raise RuleViolation(rule, "合法性审查关口已关闭（不合法或风险不可控），不得进入集体讨论或公布",
                            "the legality gate closed (unlawful or uncontrollable risk): no deliberation, "
                            "no publication", field="gate")
    version, passed = current_draft(entries).version, gate["data"].get("draft_version")
    if passed is not None and passed != version:
        raise RuleViolation("R-E1", f"关口通过的是第{passed}版草案，现行为第{version}版，须重新审查",
                            f"the gate passed version {passed} of the draft; version {version} is current and "
                            "needs review again", field="gate")


def deliberation_concluded(entries: Entries) -> None:
    """R-F5 / R-G1: publication follows the meeting's recorded conclusion, never a bare task state."""
    gate_passed_for_current_draft(entries)
    concluded = latest(entries, Kind.DELIBERATION_CONCLUDED)
    if concluded is None:
        raise RuleViolation("R-F5", "集体讨论尚未作出并记录决定，不能公布",
                            "the meeting's decision is not concluded in the record: nothing to publish",
                            field=Kind.DELIBERATION_CONCLUDED)
    head = latest(entries, Kind.HEAD_DECISION)
    if head is None or concluded["data"].get("decision_entry") != head["hash"]:
        raise RuleViolation("R-F5", "会议决定记录与行政首长的决定不一致", "the concluded outcome is not the head's "
                            "latest decision", field=Kind.DELIBERATION_CONCLUDED)


def chain_intact(entries: Entries) -> None:
    """R-H2: an archive is built only from a chain that verifies."""
    report = verify_chain(entries)
    if not report.intact:
        raise RuleViolation("R-H2", f"台账哈希链校验失败，不能归档：{'; '.join(report.problems[:3])}",
                            f"the ledger's chain does not verify: no archive: {'; '.join(report.problems[:3])}",
                            field="chain")


Guard = Callable[[Entries], None]
# step or form name (orchestration/steps.py STEP_NAMES, domain/record/forms.py FORMS) -> its precondition
GUARDS: dict[str, Guard] = {
    "materials": gate_passed_for_current_draft,
    "convene": gate_passed_for_current_draft,
    "member_view": gate_passed_for_current_draft,
    "head_decision": gate_passed_for_current_draft,
    "minutes": gate_passed_for_current_draft,
    "conclude": gate_passed_for_current_draft,
    "publication_review": deliberation_concluded,
    "publication": deliberation_concluded,
    "archive": chain_intact,
}


def check(name: str, entries: Entries) -> None:
    """Raise the rule a step's precondition breaks; nothing for a step without one."""
    if guard := GUARDS.get(name):
        guard(entries)
