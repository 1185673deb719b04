"""The record in words, kind by kind: the archive, implementation and evaluation, and what any
stage may hold: refusals, calendar notices, notices sent to people."""

from __future__ import annotations

from juece.domain.archive.timeline_words import (
    MESSAGE_LIMIT,
    Data,
    People,
    Phrase,
    clause,
    day,
    edition,
    number,
    one_line,
    role_words,
    short,
    spaced,
    words,
)
from juece.domain.evaluation.reports import TRIGGERS
from juece.domain.notices.texts import KIND_NAMES as NOTICE_NAMES
from juece.domain.record.entries import Entry
from juece.domain.record.kinds import Kind
from juece.domain.record.labels import FIXITY_CHECKS


def archive_built(d: Data, e: Entry, p: People) -> tuple[str, str]:
    ofd = d.get("format") == "ofd"  # GB/T 33190 beside the PDF/A
    zh, en = _archive(d, "生成决策档案（OFD版式）" if ofd else "生成决策档案", "Archive built (OFD)" if ofd else "Archive built")
    if n := number(d.get("entries")):
        zh, en = f"{zh}，收录记录{n}条", f"{en}, holding {n} {'entry' if n == '1' else 'entries'} of the record"
    return zh, en


def _archive(d: Data, zh: str, en: str) -> tuple[str, str]:
    """'… J001-2027-Y-0003 第2版（公开版）' / '… J001-2027-Y-0003, version 2 (public edition)'."""
    no, version = short(d.get("archive_no"), 30), number(d.get("version"))
    edition_zh, edition_en = edition(d.get("edition"))
    zh += (f" {no}" if no else "") + (f" 第{version}版" if version else "") + (f"（{edition_zh}）" if edition_zh else "")
    en += (f" {no}" if no else "") + (f", version {version}" if version else "") + (
        f" ({edition_en})" if edition_en else "")
    return zh, en


def archive_issued(d: Data, e: Entry, p: People) -> tuple[str, str]:
    zh, en = _archive(d, "登记档号", "Archive number issued:")
    if d.get("retention"):
        keep_zh, keep_en = words(d.get("retention"))
        zh, en = f"{zh}，保管期限：{keep_zh}", f"{en}, retention: {keep_en}"
    return zh, en


def archive_retrieved(d: Data, e: Entry, p: People) -> tuple[str, str]:
    role = str(d.get("role") or "")
    who_zh, who_en = role_words(role) if role else ("", "")
    zh, en = _archive(d, f"{who_zh}调阅档案", f"{who_en.capitalize() or 'Someone'} retrieved the archive")
    if d.get("channel"):
        via_zh, via_en = words(d.get("channel"))
        zh, en = f"{zh}，经{via_zh}", f"{en} through {via_en}"
    return zh, en


def fixity_failed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    what_zh, what_en = words(d.get("check"), FIXITY_CHECKS)
    which_zh, which_en = _archive(d, "档案", "the archive")
    zh = f"{which_zh}完整性校验发现问题" + (f"：{what_zh}" if what_zh else "")
    en = f"Fixity check failed for {which_en}" + (f": {what_en}" if what_en else "")
    if problems := short(d.get("problems")):
        zh, en = f"{zh}；{problems}", f"{en}; {problems}"
    return zh, en


def evaluation_scheduled(d: Data, e: Entry, p: People) -> tuple[str, str]:
    if d.get("applies") is False:
        return ("决策未经批准并公布，不安排实施和后评估",
                "The decision was not approved and published: no implementation or evaluation is scheduled")
    doer, judge = short(d.get("implementing_unit"), 30), short(d.get("evaluator_unit"), 30)
    months, due = number(d.get("after_months")), day(d.get("due_at"))
    zh = "安排实施和决策后评估" + (f"：由{doer}组织实施" if doer else "")
    en = "Implementation and evaluation scheduled" + (f": {doer} carries the decision out" if doer else "")
    if judge or months:
        zh += f"，{judge or '评估单位'}" + (f"于公布{months}个月后" if months else "") + "评估"
        en += f"; {judge or 'the evaluator'} evaluates it" + (f" {months} months after publication" if months else "")
    if due:
        zh, en = f"{zh}（{due}）", f"{en} ({due})"
    return zh, en


def implementation_reported(d: Data, e: Entry, p: People) -> tuple[str, str]:
    n, unit = number(d.get("number")), short(d.get("unit"), 30)
    zh = f"{unit or '执行单位'}报送" + (f"第{n}次" if n else "") + "实施情况"
    en = "Implementation report" + (f" {n}" if n else "") + (f" from {unit}" if unit else "")
    more_zh, more_en = clause(short(d.get("summary")), "摘要", "summary")
    return zh + more_zh, en + more_en


def complaint_recorded(d: Data, e: Entry, p: People) -> tuple[str, str]:
    n, limit = number(d.get("count_since_evaluation")), number(d.get("threshold"))
    zh, en = "收到投诉", "Complaint recorded"
    if n:
        zh += f"（自上次评估以来第{n}件" + (f"，满{limit}件即启动评估）" if limit else "）")
        en += f" (number {n} since the last evaluation" + (f"; {limit} start one)" if limit else ")")
    more_zh, more_en = clause(short(d.get("summary")), "摘要", "summary")
    return zh + more_zh, en + more_en


def _evaluation(d: Data, zh: str, en: str) -> tuple[str, str]:
    n, unit = number(d.get("number")), short(d.get("evaluator_unit"), 30)
    why_zh, why_en = words(d.get("trigger"), TRIGGERS)
    zh = zh.format(f"第{n}次" if n else "") + (f"（{why_zh}）" if why_zh else "") + (f"，评估单位：{unit}" if unit else "")
    en = en.format(f" {n}" if n else "") + (f" ({why_en})" if why_en else "") + (f", by {unit}" if unit else "")
    return zh, en


def evaluation_requested(d: Data, e: Entry, p: People) -> tuple[str, str]:
    zh, en = _evaluation(d, "申请{}决策后评估", "Evaluation{} requested")
    more_zh, more_en = clause(short(d.get("reason")), "理由", "reason")
    return zh + more_zh, en + more_en


def evaluation_opened(d: Data, e: Entry, p: People) -> tuple[str, str]:
    return _evaluation(d, "开始{}决策后评估", "Evaluation{} opened")


def evaluation_concluded(d: Data, e: Entry, p: People) -> tuple[str, str]:
    n = number(d.get("number"))
    value_zh, value_en = words(d.get("outcome"))
    zh = (f"第{n}次" if n else "") + f"决策后评估结论：{value_zh or '未载明'}"
    en = "Evaluation" + (f" {n}" if n else "") + f" concluded: {value_en or 'not stated'}"
    for key, label_zh, label_en in (("findings", "评估结论", "findings"), ("adjustment", "调整内容", "adjustment")):
        more_zh, more_en = clause(short(d.get(key)), label_zh, label_en)
        zh, en = zh + more_zh, en + more_en
    if amendment := short(d.get("amendment_id"), 70):
        zh, en = f"{zh}（调整决策 {amendment}）", f"{en} (amendment decision {amendment})"
    return zh, en


def amendment_launched(d: Data, e: Entry, p: People) -> tuple[str, str]:
    which, n = short(d.get("amendment"), 70), number(d.get("evaluation"))
    return ((f"根据第{n}次决策后评估" if n else "") + f"启动调整决策{f' {which}' if which else ''}，依法定程序重新办理",
            f"Amendment decision{f' {which}' if which else ''} launched"
            + (f" after evaluation {n}" if n else "") + ", to run the procedure again")


def answer_refused(d: Data, e: Entry, p: People) -> tuple[str, str]:
    return _refused(d, "拒绝办理", "Refused")


def step_refused(d: Data, e: Entry, p: People) -> tuple[str, str]:
    return _refused(d, "步骤未予执行", "Step refused")


def _refused(d: Data, zh: str, en: str) -> tuple[str, str]:
    rule = short(d.get("rule"), 12)
    zh += f"（{rule}）" if rule else "（填写有误）"
    en += f" under {rule}" if rule else " (the form of the input)"
    said_zh, said_en = short(d.get("zh"), MESSAGE_LIMIT), short(d.get("en"), MESSAGE_LIMIT)
    return zh + (f"：{said_zh}" if said_zh else ""), en + (f": {said_en}" if said_en else "")


def calendar_warning(d: Data, e: Entry, p: People) -> tuple[str, str]:
    said_zh, said_en = short(d.get("zh"), MESSAGE_LIMIT), short(d.get("en"), MESSAGE_LIMIT)
    return (f"节假日安排提醒：{said_zh or '国务院节假日安排尚未载入'}",
            f"Holiday schedule warning: {said_en or 'the official schedule is not loaded yet'}")


def calendar_awaited(d: Data, e: Entry, p: People) -> tuple[str, str]:
    year = number(d.get("year"))
    zh = f"等待载入{year}年国务院节假日安排，暂不计算工作日" if year else "等待载入国务院节假日安排，暂不计算工作日"
    en = f"Waiting for the official holiday schedule of {year}" if year else "Waiting for the official holiday schedule"
    return zh, en + "; working days are not counted until it is loaded"


def calendar_loaded(d: Data, e: Entry, p: People) -> tuple[str, str]:
    return "节假日安排已载入，继续办理", "The holiday schedule was loaded; the step went on"


def notice_sent(d: Data, e: Entry, p: People) -> tuple[str, str]:
    what_zh, what_en = words(d.get("notice"), {k: " ".join(v) for k, v in NOTICE_NAMES.items()})
    who = short(d.get("name"), 40) or p.name(d.get("recipient"))
    via_zh, via_en = words(d.get("channel"))
    subject_zh, _, subject_en = one_line(d.get("subject")).partition(" / ")
    zh = (f"经{via_zh}" if via_zh else "") + f"向{spaced(who)}发送{what_zh or '通知'}"
    en = f"{(what_en or 'notice').capitalize()} sent to {who}" + (f" by {via_en}" if via_en else "")
    if subject_zh:
        zh, en = f"{zh}：{short(subject_zh)}", f"{en}: {short(subject_en or subject_zh)}"
    if d.get("outcome") == "failed":
        why = short(d.get("reason"))
        zh, en = f"{zh}（发送失败{'：' + why if why else ''}）", f"{en} (not delivered{': ' + why if why else ''})"
    return zh, en


PHRASES: dict[str, Phrase] = {
    Kind.ARCHIVE_BUILT: archive_built,
    Kind.ARCHIVE_ISSUED: archive_issued,
    Kind.ARCHIVE_RETRIEVED: archive_retrieved,
    Kind.FIXITY_FAILED: fixity_failed,
    Kind.EVALUATION_SCHEDULED: evaluation_scheduled,
    Kind.IMPLEMENTATION_REPORTED: implementation_reported,
    Kind.COMPLAINT_RECORDED: complaint_recorded,
    Kind.EVALUATION_REQUESTED: evaluation_requested,
    Kind.EVALUATION_OPENED: evaluation_opened,
    Kind.EVALUATION_CONCLUDED: evaluation_concluded,
    Kind.AMENDMENT_LAUNCHED: amendment_launched,
    Kind.ANSWER_REFUSED: answer_refused,
    Kind.STEP_REFUSED: step_refused,
    Kind.CALENDAR_WARNING: calendar_warning,
    Kind.CALENDAR_AWAITED: calendar_awaited,
    Kind.CALENDAR_LOADED: calendar_loaded,
    Kind.NOTICE_SENT: notice_sent,
}
