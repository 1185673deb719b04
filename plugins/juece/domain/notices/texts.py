"""The notices a person receives, Chinese first with English: a task opened, a reminder before its
deadline, an escalation once it passed, and an office's daily digest. Deadlines are read in China
time: a due day ends at 24:00 (Civil Code Art. 203)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from juece.domain.archive.overdue import Pending, parse_at
from juece.domain.notices.people import Directory, Person, names
from juece.domain.record.periods import as_read
from juece.spec.base import CHINA

OPENED, REMINDER, ESCALATION, DIGEST = "opened", "reminder", "escalation", "digest"
KIND_NAMES = {OPENED: ("待办通知", "Task opened"), REMINDER: ("到期提醒", "Reminder"),
              ESCALATION: ("逾期督办", "Escalation"), DIGEST: ("每日待办汇总", "Daily digest")}
NO_DEADLINE = ("本环节无规定期限", "no deadline set for this step")


@dataclass(frozen=True)
class Notice:
    kind: str  # OPENED, REMINDER, ESCALATION or DIGEST
    recipient: Person
    subject: str
    body: str
    decision_id: str  # "" for a digest, which lists several
    title: str
    step: str  # the step's key in the record ("R-E3/12"); "" for a task without a deadline or a digest
    step_label: str
    deadline: str  # as a person reads it, China time
    link: str


@dataclass(frozen=True)
class Decision:
    """What a notice says of the decision: its id and title (Chinese, and English where given)."""

    id: str
    title: str
    title_en: str = ""

    @property
    def named(self) -> str:
        return f"{self.title}（{self.id}）"

    @property
    def named_en(self) -> str:
        return f"{self.title_en or self.title} ({self.id})"


def step_key(step: Pending) -> str:
    return f"{step.rule}/{step.opened_seq}"


def deadline(step: Pending | None) -> tuple[str, str]:
    """(Chinese, English) of a step's deadline: its day's 24:00 China time, and where the workflow's
    clock is accelerated, the moment the workflow reaches it."""
    if step is None:
        return NO_DEADLINE
    if step.due == "unknown":
        return f"尚无法确定（{step.note}）", f"not yet known ({step.note})"
    day, clock = _china_day(step.due)
    zh, en = f"{day} {clock}（北京时间）", f"{clock} China time (UTC+8) on {day}"
    effective = parse_at(step.effective_due).astimezone(CHINA)
    if _china_day(step.effective_due) != (day, clock):
        shown = effective.strftime("%Y-%m-%d %H:%M")
        zh += f"；加速时钟下流程于 {shown}（北京时间）到期"
        en += f"; on the workflow's accelerated clock, {shown} China time"
    return zh, en


def _china_day(due: str) -> tuple[str, str]:
    if len(due) == 10:  # a date: it ends at 24:00 China time
        return due, "24:00"
    day, clock = as_read(parse_at(due))
    return day.isoformat(), clock


def opened(to: Person, decision: Decision, what: str, step: Pending | None, link: str) -> Notice:
    zh, en = deadline(step)
    subject = f"【待办】{what}：{decision.title} / To do: {decision.title_en or decision.title}"
    body = (f"{to.called}：\n您有一项决策事项待办理。\n办理事项：{what}\n所属决策：{decision.named}\n"
            f"办理期限：{zh}\n办理页面：{link}\n\n"
            f"Dear {to.called}, a task of a major administrative decision awaits you.\nWhat: {what}\n"
            f"Decision: {decision.named_en}\nDue by: {en}\nWhere: {link}\n")
    return _notice(OPENED, to, subject, body, decision, step, what, link)


def reminder(to: Person, decision: Decision, step: Pending, link: str) -> Notice:
    zh, en = deadline(step)
    subject = f"【到期提醒】{step.step_label}：{decision.title} / Reminder: due soon"
    body = (f"{to.called}：\n以下事项即将到期，请按时办理。\n办理事项：{step.step_label}\n所属决策：{decision.named}\n"
            f"办理期限：{zh}\n办理页面：{link}\n\n"
            f"Dear {to.called}, this step is due soon.\nWhat: {step.step_label}\n"
            f"Decision: {decision.named_en}\nDue by: {en}\nWhere: {link}\n")
    return _notice(REMINDER, to, subject, body, decision, step, step.step_label, link)


def escalation(to: Person, decision: Decision, step: Pending, directory: Directory, link: str) -> Notice:
    zh, en = deadline(step)
    holders = names(directory, step.holders)
    subject = f"【逾期督办】{step.step_label}：{decision.title} / Overdue: {decision.title_en or decision.title}"
    body = (f"{to.called}：\n以下事项已超过期限仍未办理，请督促办理（久拖不决）。\n逾期事项：{step.step_label}\n"
            f"所属决策：{decision.named}\n办理期限：{zh}\n承办人：{holders}\n办理页面：{link}\n\n"
            f"Dear {to.called}, this step is past its deadline and not done; please see that it is.\n"
            f"Overdue: {step.step_label}\nDecision: {decision.named_en}\nWas due by: {en}\n"
            f"Held by: {holders}\nWhere: {link}\n")
    return _notice(ESCALATION, to, subject, body, decision, step, step.step_label, link)


def digest(to: Person, rows: list[tuple[Decision, Pending, str]], directory: Directory, today: str) -> Notice:
    """One office's open steps of all its decisions: (decision, step, link) each."""
    lines_zh, lines_en = [], []
    for n, (decision, step, link) in enumerate(rows, 1):
        zh, en = deadline(step)
        late_zh, late_en = ("已逾期", "OVERDUE") if step.overdue else ("未逾期", "not overdue")
        holders = names(directory, step.holders)
        lines_zh.append(f"{n}. {decision.named}：{step.step_label}；期限 {zh}；{late_zh}；承办人 {holders}；{link}")
        lines_en.append(f"{n}. {decision.named_en}: {step.step_label}; due by {en}; {late_en}; held by {holders}")
    late = sum(step.overdue for _, step, _ in rows)
    subject = f"【每日待办汇总】{today}：{len(rows)}项，逾期{late}项 / Daily digest: {len(rows)} open, {late} overdue"
    body = (f"{to.called}：\n截至{today}，贵单位承办的决策中尚未办结的环节如下：\n" + "\n".join(lines_zh)
            + f"\n\nDear {to.called}, the open steps of your office's decisions as of {today}:\n"
            + "\n".join(lines_en) + "\n")
    return Notice(DIGEST, to, subject, body, "", "", "", "", "", "")


def _notice(kind: str, to: Person, subject: str, body: str, decision: Decision, step: Pending | None,
            label: str, link: str) -> Notice:
    return Notice(kind, to, subject, body, decision.id, decision.title, step_key(step) if step else "", label,
                  deadline(step)[0], link)


def today_in_china(now: datetime) -> str:
    return (now if now.tzinfo else now.replace(tzinfo=UTC)).astimezone(CHINA).date().isoformat()
