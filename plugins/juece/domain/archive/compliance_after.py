"""Compliance after the decision and of the archive itself (R-G1..R-G5, R-H1..R-H6).

The duties after publication (implementation reports, the evaluation, changes only through the
procedure) are *due*, with the dates the record gives: the publication date and the evaluation's
due date (``evaluation_scheduled``, else publication + the spec's ``after_months``). The archive
rules are proven by the file the table is printed in: the attached record and its chain head,
the decision body's signature, PDF/A, and for the public edition its redaction log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from juece.domain.archive.compliance_facts import (
    DUE,
    PROVEN,
    Facts,
    Finding,
    china_day,
    data,
    listed,
    met,
    not_met,
    open_,
    seq,
    text,
)
from juece.domain.evaluation.reports import add_months
from juece.domain.record.kinds import Kind
from juece.spec.models import CHINA

PE = "post_evaluation"
EVALUATION_OUTCOMES = {"continue": ("继续执行", "continue"), "adjust": ("调整", "adjust"), "stop": ("停止执行", "stop")}


def published_on(facts: Facts) -> date | None:
    published = data(facts.last(Kind.PUBLISHED))
    return china_day(published.get("published_at"))


def evaluation_due(facts: Facts) -> date | None:
    """The scheduled evaluation's legal due date, else publication + the spec's after_months."""
    scheduled = data(facts.last(Kind.EVALUATION_SCHEDULED, PE))
    if due := china_day(scheduled.get("due_at")):
        return due
    published = data(facts.last(Kind.PUBLISHED)).get("published_at")
    months = facts.stage(PE).get("after_months")
    start = china_day(published)
    if start is None or not isinstance(months, int) or isinstance(months, bool) or not 0 < months <= 1200:
        return None
    try:
        return add_months(datetime(start.year, start.month, start.day, tzinfo=CHINA), months).date()
    except (ValueError, OverflowError):  # beyond the calendar: no due date to give
        return None


def _after_publication(check: Callable[[Facts], Finding]) -> Callable[[Facts], Finding]:
    """A duty once the decision is published: not applicable when it never will be."""
    def evaluate(facts: Facts) -> Finding:
        return facts.not_published() or check(facts)
    return evaluate


def r_g1(facts: Facts) -> Finding:
    decision = facts.decision()
    published = facts.last(Kind.PUBLISHED)
    if decision is None or published is None:
        return open_(decision, f"会议已通过（{seq(decision)}），尚未公布" if decision else "尚未作出决定",
                     f"approved ({seq(decision)}), not yet published" if decision else "not decided yet")
    found = data(published)
    days, within = found.get("working_days"), found.get("within_working_days")
    if found.get("overdue"):
        return not_met(facts.last(Kind.PUBLICATION_OVERDUE) or published, f"决定后第{days}个工作日公布，超过时限"
                       f"{within}个工作日", f"published {days} working days after the decision: over the limit of "
                       f"{within}")
    counted_zh = f"决定后{days}个工作日内公布（时限{within}个）" if isinstance(days, int) else \
        "该年度节假日安排未知，工作日数未核算"
    counted_en = f"published within {days} working days of the decision (limit {within})" if isinstance(days, int) \
        else "the year's official holiday schedule is unknown: working days not counted"
    return met(published, f"{counted_zh}，附公众意见和专家意见采纳情况说明", f"{counted_en}, with the comment and "
               "expert adoption explanations")


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _due(facts: Facts, zh: str, en: str, due: date | None) -> Finding:
    published = facts.last(Kind.PUBLISHED)
    if published is None:
        return open_(None, "决策尚未公布", "not published yet")
    return Finding(DUE, zh, en, published, due.isoformat() if due else None)


def r_g2(facts: Facts) -> Finding:
    unit = text(facts.stage(PE).get("implementing_unit"), 40)
    reports = facts.all(Kind.IMPLEMENTATION_REPORTED, PE)
    if not unit:
        return not_met(facts.last(Kind.LAUNCHED), "未明确执行单位", "no implementing unit is named")
    if reports:
        return met(reports[-1], f"执行单位{unit}已报告执行情况{len(reports)}次", f"{unit} has reported on "
                   f"implementation {len(reports)} time(s)")
    start = published_on(facts)
    return _due(facts, f"执行单位{unit}自{_day(start)}起报告执行情况（方案未规定报告间隔）", f"{unit} reports on "
                f"implementation from {_day(start)} (the spec sets no reporting interval)", start)


def r_g3(facts: Facts) -> Finding:
    concluded = facts.last(Kind.EVALUATION_CONCLUDED, PE)
    if concluded is not None:
        found = data(concluded)
        zh, en = EVALUATION_OUTCOMES.get(str(found.get("outcome")), (text(found.get("outcome")),) * 2)
        return met(concluded, f"第{text(found.get('number'))}次决策后评估，结论：{zh}", f"evaluation "
                   f"{text(found.get('number'))} concluded: {en}")
    opened = facts.last(Kind.EVALUATION_OPENED, PE)
    if opened is not None:
        return open_(opened, f"第{text(data(opened).get('number'))}次评估进行中", f"evaluation "
                     f"{text(data(opened).get('number'))} is under way")
    due = evaluation_due(facts)
    months = text(facts.stage(PE).get("after_months"), 4) or "?"
    return _due(facts, f"实施{months}个月后评估，{_day(due)}到期；投诉累积或决策机关要求时提前",
                f"evaluation {months} months after implementation, due {_day(due)}; sooner on complaints or on "
                "demand", due)


def r_g4(facts: Facts) -> Finding:
    config = facts.stage(PE)
    # whole names, never cut: two units may share their first 40 characters
    named = text(data(facts.last(Kind.EVALUATION_CONCLUDED, PE)).get("evaluator_unit") or config.get("evaluator_unit"),
                 None)
    assessors = {text(facts.spec.get("sponsor_unit"), None), text(facts.stage("risk_assessment").get("third_party"), None)}
    unit = text(named, 40)  # as quoted
    if named in assessors or not named:
        return not_met(facts.last(Kind.LAUNCHED), f"评估单位（{unit or '未指定'}）不独立于承办单位或风险评估机构",
                       f"the evaluator ({unit or 'none'}) is the sponsor or the risk assessor")
    concluded = facts.last(Kind.EVALUATION_CONCLUDED, PE)
    if concluded is not None:
        found = data(concluded)
        if str(found.get("outcome")) not in EVALUATION_OUTCOMES or not text(found.get("public_views")):
            return not_met(concluded, "评估未征求公众意见或结论不明", "no public views sought, or no valid outcome")
        zh, en = EVALUATION_OUTCOMES[str(found["outcome"])]
        return met(concluded, f"评估单位{unit}独立评估，征求了公众意见，结论：{zh}", f"{unit} evaluated independently, "
                   f"sought public views; outcome: {en}")
    due = evaluation_due(facts)
    return _due(facts, f"评估单位{unit}独立于承办单位和风险评估机构；评估须征求公众意见，{_day(due)}到期",
                f"evaluator {unit} is independent of the sponsor and the risk assessor; the evaluation, seeking "
                f"public views, is due {_day(due)}", due)


def r_g5(facts: Facts) -> Finding:
    if amends := text(facts.spec.get("amends"), 64):
        return met(facts.last(Kind.LAUNCHED), f"本决策是对{amends}的调整，依法定程序重新办理",
                   f"this decision adjusts {amends} and re-runs the procedure")
    if ended := facts.not_published():
        return ended
    concluded = facts.last(Kind.EVALUATION_CONCLUDED, PE)
    outcome = data(concluded).get("outcome")
    if outcome == "adjust":
        launched = facts.after(concluded, Kind.AMENDMENT_LAUNCHED)
        amendment = text(data(launched[-1]).get("amendment") if launched else data(concluded).get("amendment_id"), 64)
        if launched:
            return met(launched[-1], f"评估结论为调整（{seq(concluded)}），调整决策{amendment}依法定程序重新办理",
                       f"the evaluation concluded adjust ({seq(concluded)}); amendment {amendment} re-runs the procedure")
        return open_(concluded, f"评估结论为调整，调整决策{amendment}尚未启动", f"adjust concluded; amendment "
                     f"{amendment} not launched yet")
    if outcome == "stop":
        return open_(concluded, "评估结论为停止执行：须由决策机关依程序决定并公布", "stop concluded: the decision body "
                     "decides and publishes it under the procedure")
    due = evaluation_due(facts)
    return _due(facts, f"公布后不得在法定程序之外变更或停止执行；调整须经评估并重新履行程序（评估{_day(due)}到期）",
                f"from publication on, no change or stop outside the procedure; an adjustment goes through the "
                f"evaluation (due {_day(due)}) and re-runs the procedure", due)


def _in_file(check: Callable[[Facts], Finding]) -> Callable[[Facts], Finding]:
    """An archive rule: proven by the file once the record is archived, open before."""
    def evaluate(facts: Facts) -> Finding:
        if not facts.entries or not facts.chain_head:
            return open_(None, "归档时由档案文件证明", "proven by the archive file once archived")
        return check(facts)
    return evaluate


def r_h1(facts: Facts) -> Finding:
    last = facts.entries[-1]
    count = len(facts.entries)
    return Finding(PROVEN, f"随附 record.json：全部{count}条记录（#1至{seq(last)}），逐条随办随记并归档",
                   f"record.json attached: all {count} entries (#1 to {seq(last)}), each written as the step "
                   "happened, archived", last)


def r_h2(facts: Facts) -> Finding:
    head = str(facts.chain_head)[:16]
    return Finding(PROVEN, f"记录只增不改，逐条以 SHA-256 哈希相连，链头 {head}… 印于每页页脚；全文件经决策机关数字签名"
                   "（PAdES），juece verify 可查出任何改动", f"append-only entries linked by SHA-256; chain head {head}… "
                   "in every footer; the decision body's PAdES signature covers the whole file (juece verify)",
                   facts.entries[-1])


def r_h3(facts: Facts) -> Finding:
    return Finding(PROVEN, "PDF/A-3b 长期保存格式（GB/T 23286），字体全部嵌入，未加密；每条记录附 SHA-256 哈希",
                   "PDF/A-3b long-term format (GB/T 23286), every font embedded, not encrypted; every entry with "
                   "its SHA-256 hash")


def r_h4(facts: Facts) -> Finding:
    return Finding(PROVEN, "封面载明保管期限：永久", "the cover states the retention: permanent")


def r_h5(facts: Facts) -> Finding:
    unknown = [seq(e) for e in facts.entries if not text(e.get("actor")) or china_day(e.get("at")) is None]
    if unknown:
        return not_met(None, f"记录缺少操作人或时间：{listed(unknown)}", f"entries without actor or time: "
                       f"{listed(unknown, ', ')}")
    flagged = facts.all(Kind.PUBLICATION_OVERDUE)
    zh = f"；逾期已标记：{listed([seq(e) for e in flagged])}" if flagged else ""
    en = f"; overdue flagged: {listed([seq(e) for e in flagged], ', ')}" if flagged else ""
    return Finding(PROVEN, f"事件日志逐条载明操作人和时间（{len(facts.entries)}条）{zh}",
                   f"the event log names who acted and when for each of {len(facts.entries)} entries{en}")


def r_h6(facts: Facts) -> Finding:
    if facts.edition == "public":
        count = len(facts.redactions)
        return Finding(PROVEN, f"公开版：删去个人信息{count}处（见删除记录），被删内容所在记录的哈希不变",
                       f"public edition: personal data removed in {count} place(s) (see the redaction log); "
                       "the entries keep their hashes")
    if facts.edition == "full":
        return Finding(PROVEN, "完整版：提出意见者的姓名和联系方式不入账本，仅附于本版 record.json；本版仅限档案管理员调阅",
                       "full edition: commenters' names and contacts are not in the ledger, only in this edition's "
                       "record.json; for archivists only")
    return open_(None, f"档案版本不明：{text(facts.edition)}", f"unknown edition: {text(facts.edition)}")


EVALUATORS: dict[str, Callable[[Facts], Finding]] = {
    "R-G1": _after_publication(r_g1), "R-G2": _after_publication(r_g2), "R-G3": _after_publication(r_g3),
    "R-G4": _after_publication(r_g4), "R-G5": r_g5,
    **{rule: _in_file(check) for rule, check in
       (("R-H1", r_h1), ("R-H2", r_h2), ("R-H3", r_h3), ("R-H4", r_h4), ("R-H5", r_h5), ("R-H6", r_h6))},
}
