"""What the compliance evaluators share: a read-only view of the archived record, the finding
each evaluator returns, and the statuses a finding can have.

The record may be a public edition (redacted entries) or a hostile one (anything in any field):
every reader here tolerates missing or mistyped values and never raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from juece.domain.record.entries import data_of
from juece.domain.record.kinds import Kind
from juece.spec.models import CHINA

Entry = dict[str, Any]

MET = "met"  # what the rule requires is in the record: the entry that proves it
NOT_MET = "not_met"  # the rule's requirement is not met (or was breached): why
REFUSED = "refused"  # the rule stopped the decision here (the gate closed): the reasons recorded
NOT_APPLICABLE = "not_applicable"  # the stage was marked not applicable, or the procedure ended before it
OPEN = "open"  # nothing yet: the stage has not come to it
NOT_USED = "not_used"  # an optional ([S]) rule the decision did not use: no breach
PROVEN = "proven"  # proven by the archive file itself (chain head, signature, PDF/A, redaction)
DUE = "due"  # a duty after publication, with its due date
WITHHELD = "withheld"  # what proves it is removed from this public edition (R-H6): see the full edition

STATUS_LABELS: dict[str, tuple[str, str]] = {
    MET: ("符合", "met"),
    NOT_MET: ("未符合", "not met"),
    REFUSED: ("依规拒绝通过", "refused under the rule"),
    NOT_APPLICABLE: ("不适用", "not applicable"),
    OPEN: ("尚无记录", "open: nothing yet"),
    NOT_USED: ("未采用（选择性规定）", "not used (optional)"),
    PROVEN: ("由本档案证明", "proven by this file"),
    DUE: ("公布后到期", "due after publication"),
    WITHHELD: ("公开版不载，见完整版", "withheld from the public edition"),
}
OUTCOMES: dict[str, tuple[str, str]] = {
    "approve": ("通过", "approved"), "reject": ("不予通过", "rejected"),
    "revise": ("修改后再审", "revise and resubmit"), "postpone": ("暂缓", "postponed"),
}
TEXT_LIMIT = 120  # a quoted reason is cut to this many characters (the record keeps it whole)


@dataclass(frozen=True)
class Finding:
    """An evaluator's answer: the status, the entry proving it (or recording why not), the reason
    or proof in words (Chinese, English), and for a duty after publication its due date."""

    status: str
    zh: str
    en: str
    proof: Entry | None = None
    due: str | None = None


def met(proof: Entry | None, zh: str, en: str) -> Finding:
    return Finding(MET, zh, en, proof)


def not_met(proof: Entry | None, zh: str, en: str) -> Finding:
    return Finding(NOT_MET, zh, en, proof)


def open_(proof: Entry | None = None, zh: str = "尚无相关记录", en: str = "nothing in the record yet") -> Finding:
    return Finding(OPEN, zh, en, proof)


def withheld(entry: Entry | None, path: str) -> bool:
    """Whether the public edition removed ``path`` (e.g. ``data.pool``) from the entry (R-H6)."""
    removed = entry.get("redacted") if isinstance(entry, dict) else None
    return isinstance(removed, list) and path in removed


def items(value: Any) -> list[Any]:
    """A recorded list, or [] when the value is not one."""
    return value if isinstance(value, list) else []


def mapping(value: Any) -> dict[str, Any]:
    """A recorded object, or {} when the value is not one."""
    return value if isinstance(value, dict) else {}


data = data_of  # the compliance modules' short name for an entry's data, or an empty mapping


def text(value: Any, limit: int | None = TEXT_LIMIT) -> str:
    """A value quoted in a note: one line, cut to ``limit`` characters (never cut with None)."""
    if value is None:
        return ""
    one = " ".join(str(value).split())
    return one if limit is None or len(one) <= limit else one[:limit - 1] + "…"


def listed(values: Any, sep: str = "、", limit: int = 8) -> str:
    """Some values named in a note: at most ``limit``, then how many more."""
    items = [text(v, 40) for v in values] if isinstance(values, list | tuple | set | frozenset) else []
    return sep.join(items[:limit]) + (f" … (+{len(items) - limit})" if len(items) > limit else "")


def problems(*parts: tuple[str, str, Any]) -> tuple[str, str]:
    """(zh, en) naming what is wrong: each part is (Chinese label, English label, the values or a
    flag); parts with nothing in them are left out."""
    found = [(zh, en, values) for zh, en, values in parts if values]
    zh = "；".join(f"{z}：{listed(v)}" if isinstance(v, list) else z for z, _, v in found)
    en = "; ".join(f"{e}: {listed(v, ', ')}" if isinstance(v, list) else e for _, e, v in found)
    return zh, en


def seq(entry: Entry | None) -> str:
    return f"#{entry.get('seq')}" if isinstance(entry, dict) else "—"


def china_day(value: Any) -> date | None:
    """The date in China of a recorded moment (ISO text), or None if it cannot be read."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return (moment if moment.tzinfo else moment.replace(tzinfo=CHINA)).astimezone(CHINA).date()
    except (ValueError, OverflowError):  # not a moment, or one whose China date is before year 1 or after 9999
        return None


class Facts:
    """The archived record as the evaluators read it: entries, the launch spec, the edition."""

    def __init__(self, record: dict[str, Any] | list[Any]) -> None:
        whole = record if isinstance(record, dict) else {"entries": record}
        entries = whole.get("entries")
        self.entries: list[Entry] = [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
        self._kinds: dict[str, list[Entry]] = {}
        for entry in self.entries:  # one pass: a record may hold a hundred thousand comments
            if isinstance(kind := entry.get("kind"), str):
                self._kinds.setdefault(kind, []).append(entry)
        self.edition = whole.get("edition")
        self.chain_head = whole.get("chain_head")
        redactions = whole.get("redactions")
        self.redactions = redactions if isinstance(redactions, list) else []
        launched = self.last(Kind.LAUNCHED)
        spec = data(launched).get("spec")
        self.spec: dict[str, Any] = spec if isinstance(spec, dict) else {}

    def all(self, kind: str, stage: str | None = None) -> list[Entry]:
        found = self._kinds.get(kind, [])
        return found if stage is None else [e for e in found if e.get("stage") == stage]

    def last(self, kind: str, stage: str | None = None) -> Entry | None:
        found = self.all(kind, stage)
        return found[-1] if found else None

    def after(self, entry: Entry | None, kind: str) -> list[Entry]:
        """Entries of ``kind`` recorded after ``entry`` (all of them when ``entry`` is None)."""
        start = position(entry)
        return [e for e in self.all(kind) if position(e) > start]

    def before(self, entry: Entry | None, kind: str) -> list[Entry]:
        """Entries of ``kind`` recorded before ``entry`` (all of them when ``entry`` is None)."""
        end = position(entry) if entry is not None else float("inf")
        return [e for e in self.all(kind) if position(e) < end]

    def between(self, first: Entry, second: Entry, kind: str) -> list[Entry]:
        """Entries of ``kind`` recorded after ``first`` and before ``second``."""
        end = position(second)
        return [e for e in self.after(first, kind) if position(e) < end]

    def stage(self, name: str) -> dict[str, Any]:
        """The launch spec's configuration of a stage ({} if none)."""
        stages = self.spec.get("stages")
        value = stages.get(name) if isinstance(stages, dict) else None
        return value if isinstance(value, dict) else {}

    def not_applicable(self, stage: str) -> Finding | None:
        """The stage's recorded `not_applicable` entry as a finding, if it was marked so (R-A2)."""
        entry = self.last(Kind.NOT_APPLICABLE, stage)
        if entry is None:
            return None
        reason, article = text(data(entry).get("reason")), text(data(entry).get("article"))
        return Finding(NOT_APPLICABLE, f"本环节不适用（{article}）：{reason}", f"stage not applicable ({article}): {reason}",
                       entry)

    def ended_before_deliberation(self) -> Finding | None:
        """The gate closed and no meeting followed: the procedure ended before deliberation."""
        gate = self.last_of(Kind.GATE_PASSED, Kind.GATE_CLOSED)
        if gate is None or gate.get("kind") != Kind.GATE_CLOSED or self.after(gate, Kind.MEETING_CONVENED):
            return None
        return Finding(NOT_APPLICABLE, f"合法性审查关口未通过（{seq(gate)}），未提交集体讨论",
                       f"the gate closed ({seq(gate)}): the decision did not go to deliberation", gate)

    def last_of(self, *kinds: str) -> Entry | None:
        found = [found[-1] for kind in kinds if (found := self._kinds.get(kind))]
        return max(found, key=position) if found else None

    def decision(self) -> Entry | None:
        return self.last(Kind.HEAD_DECISION)

    def outcome(self) -> str | None:
        value = data(self.decision()).get("outcome")
        return value if isinstance(value, str) else None

    def not_published(self) -> Finding | None:
        """The procedure ended without publication: the gate closed, or the meeting did not approve."""
        if ended := self.ended_before_deliberation():
            return ended
        decision = self.decision()
        outcome = self.outcome()
        if decision is None or outcome == "approve":
            return None
        zh, en = OUTCOMES.get(outcome or "", (text(outcome), text(outcome)))
        return Finding(NOT_APPLICABLE, f"会议决定：{zh}（{seq(decision)}），不予公布", f"the meeting decided: {en} "
                       f"({seq(decision)}); nothing is published", decision)


def position(entry: Entry | None) -> int:
    """Where an entry stands in the record (its seq); -1 when it has none."""
    value = entry.get("seq") if isinstance(entry, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else -1
