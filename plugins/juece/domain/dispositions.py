"""Dispositions of comments (R-B4, R-B5) and expert opinions (R-C6), from any channel:
the task node, the office's portal page, or a CSV upload. Each item is checked alone; the
stage can finish only when every item awaiting one has a disposition."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from juece.domain.acts import Act
from juece.domain.errors import RuleViolation
from juece.domain.record import Entries, all_of

DISPOSITIONS = ("adopted", "partly_adopted", "not_adopted")
DISPOSITION_LABELS = {"adopted": "采纳 adopted", "partly_adopted": "部分采纳 partly adopted",
                      "not_adopted": "不予采纳 not adopted"}


def check_item(item: Any, wanted: Iterable[str], rule: str) -> dict[str, str]:
    """One disposition {ref, disposition, reason}: known ref, valid value, a reason if not adopted."""
    if not isinstance(item, dict):
        raise RuleViolation("FORM", "每条处理结果应包含 ref、disposition、reason",
                            "each disposition is an object with ref, disposition, reason")
    ref = str(item.get("ref", "")).strip()
    disposition = str(item.get("disposition", "")).strip()
    reason = str(item.get("reason") or "").strip()
    if ref not in wanted:
        raise RuleViolation(rule, f"没有编号为 {ref} 的待处理意见", f"there is no opinion or comment {ref!r} to dispose of")
    if disposition not in DISPOSITIONS:
        raise RuleViolation(rule, f"{ref} 的处理结果须为 {'/'.join(DISPOSITIONS)}",
                            f"the disposition of {ref} must be one of {', '.join(DISPOSITIONS)}")
    if disposition == "not_adopted" and not reason:
        raise RuleViolation(rule, f"{ref} 未采纳，须说明理由", f"{ref} is not adopted: a reason is required")
    return {"ref": ref, "disposition": disposition, "reason": reason}


def check_items(items: Iterable[Any], wanted: Iterable[str], rule: str) -> dict[str, dict[str, str]]:
    """Several dispositions at once; all or none (a ref given twice is refused)."""
    wanted = set(wanted)
    given: dict[str, dict[str, str]] = {}
    for item in items:
        checked = check_item(item, wanted, rule)
        if checked["ref"] in given:
            ref = checked["ref"]
            raise RuleViolation(rule, f"{ref} 的处理结果填写了两次", f"{ref} is disposed of twice: give one disposition")
        given[checked["ref"]] = checked
    return given


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
        raise RuleViolation(rule, f"以下意见尚无处理结果：{shown}", f"these have no disposition yet: {shown}")


def adoption_report(wanted: list[str], disposed: dict[str, Any], stage: str, rule: str, actor: str) -> Act:
    """R-B5 / R-C6: how the comments or opinions were handled, for the meeting and the public."""
    counts = Counter(disposed[ref]["disposition"] for ref in wanted)
    adopted = counts["adopted"] + counts["partly_adopted"]
    data = {"total": len(wanted), "counts": dict(counts),
            "adoption_rate": round(adopted / len(wanted), 4) if wanted else None,
            "rules": [rule, "R-B5" if rule == "R-B4" else "R-C6"]}
    return Act(stage, "adoption_report", actor, data)
