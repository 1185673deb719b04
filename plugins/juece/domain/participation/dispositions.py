"""Dispositions of comments (R-B4, R-B5) and expert opinions (R-C6), from any channel:
the task node, the office's portal page, or a CSV upload. Each item is checked alone; the
stage can finish only when every item awaiting one has a disposition: every comment, late ones
too (R-B3 keeps them, R-B4 disposes of every comment), and every signed expert opinion.

A disposition gives its reason unless a comment is adopted as it stands: a comment adopted in
part or not at all (R-B4), and every expert opinion, adopted or not (R-C6: "with reasons").

Dispositions freeze when their stage closes: once the stage's adoption report is recorded
(``adoption_report`` of public participation for comments, of expert review for opinions), it
is what went to the meeting (R-F1) and is published (R-B5, R-G1); a later disposition through
any channel is refused and nothing is recorded."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from juece.domain.record.acts import Act
from juece.domain.record.entries import Entries, Entry, all_of, latest
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.record.kinds import Kind

DISPOSITIONS = ("adopted", "partly_adopted", "not_adopted")
DISPOSITION_LABELS = {"adopted": "采纳 adopted", "partly_adopted": "部分采纳 partly adopted",
                      "not_adopted": "不予采纳 not adopted"}
NEEDS_REASON = {"R-B4": ("partly_adopted", "not_adopted"), "R-C6": DISPOSITIONS}
CLOSES_STAGE = Kind.ADOPTION_REPORT  # the entry after which a stage's dispositions are final


def check_item(item: Any, wanted: Iterable[str], rule: str) -> dict[str, str]:
    """One disposition {ref, disposition, reason}: known ref, valid value, a reason where the rule
    asks for one (NEEDS_REASON)."""
    if not isinstance(item, dict):
        raise FormError("每条处理结果应包含 ref、disposition、reason",
                        "each disposition is an object with ref, disposition, reason")
    ref = str(item.get("ref", "")).strip()
    disposition = str(item.get("disposition", "")).strip()
    reason = str(item.get("reason") or "").strip()
    if ref not in wanted:
        raise FormError(f"没有编号为 {ref} 的待处理意见", f"there is no opinion or comment {ref!r} to dispose of",
                        field="ref")
    if disposition not in DISPOSITIONS:
        raise RuleViolation(rule, f"{ref} 的处理结果须为 {'/'.join(DISPOSITIONS)}",
                            f"the disposition of {ref} must be one of {', '.join(DISPOSITIONS)}", field="disposition")
    if disposition in NEEDS_REASON[rule] and not reason:
        zh, en = DISPOSITION_LABELS[disposition].split(" ", 1)
        raise RuleViolation(rule, f"{ref} {zh}，须说明理由", f"{ref} is {en}: a reason is required",
                            field="reason")
    return {"ref": ref, "disposition": disposition, "reason": reason}


def check_items(items: Iterable[Any], wanted: Iterable[str], rule: str) -> dict[str, dict[str, str]]:
    """Several dispositions at once; all or none (a ref given twice is refused)."""
    wanted = set(wanted)
    given: dict[str, dict[str, str]] = {}
    for item in items:
        checked = check_item(item, wanted, rule)
        if checked["ref"] in given:
            ref = checked["ref"]
            raise FormError(f"{ref} 的处理结果填写了两次", f"{ref} is disposed of twice: give one disposition",
                            field="ref")
        given[checked["ref"]] = checked
    return given


def check_open(report: Entry | None, rule: str) -> None:
    """Refuse a disposition once its stage's adoption report (``report``, the stage's latest
    ``adoption_report`` entry or None) is recorded: the stage is closed and its dispositions final."""
    if report is not None:
        raise RuleViolation(rule, f"本环节已形成意见采纳情况报告（台账第{report['seq']}条），处理结果不能再记录或更改",
                            f"the stage's adoption report is recorded (ledger entry {report['seq']}): its "
                            "dispositions are final, none can be recorded or changed", field="dispositions")


def stage_report(entries: Entries, stage: str) -> Entry | None:
    """The entry that closed the stage's dispositions, or None while they are open."""
    return latest(entries, CLOSES_STAGE, stage)


def recorded(entries: Entries, kind: str) -> dict[str, dict[str, Any]]:
    """The latest recorded disposition of each ref."""
    return {e["data"]["ref"]: e["data"] for e in all_of(entries, kind)}


def acts_for(given: dict[str, dict[str, str]], stage: str, kind: str, rule: str, actor: str,
             extra: dict[str, Any] | None = None) -> list[Act]:
    return [Act(stage, kind, actor, {**item, "rule": rule, **(extra or {})}) for item in given.values()]


def require_all(wanted: list[str], disposed: dict[str, Any], rule: str) -> None:
    missing = [ref for ref in wanted if ref not in disposed]
    if missing:
        shown = ", ".join(missing[:20]) + (f" … (+{len(missing) - 20})" if len(missing) > 20 else "")
        raise RuleViolation(rule, f"以下意见尚无处理结果：{shown}", f"these have no disposition yet: {shown}",
                            field="dispositions")


def adoption_report(wanted: list[str], disposed: dict[str, Any], stage: str, rule: str, actor: str) -> Act:
    """R-B5 / R-C6: how the comments or opinions were handled, for the meeting and the public."""
    counts = Counter(disposed[ref]["disposition"] for ref in wanted)
    adopted = counts["adopted"] + counts["partly_adopted"]
    data = {"total": len(wanted), "counts": dict(counts),
            "adoption_rate": round(adopted / len(wanted), 4) if wanted else None,
            "rules": [rule, "R-B5" if rule == "R-B4" else "R-C6"]}
    return Act(stage, Kind.ADOPTION_REPORT, actor, data)
