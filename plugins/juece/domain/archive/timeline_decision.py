"""The record in words, kind by kind: risk assessment, legality review and its gate, the meeting,
and publication."""

from __future__ import annotations

from juece.domain.archive.timeline_words import (
    MESSAGE_LIMIT,
    Data,
    People,
    Phrase,
    as_dict,
    as_list,
    clause,
    count,
    day,
    names_of,
    number,
    plural,
    short,
    words,
)
from juece.domain.legality.findings import FINDINGS, citations
from juece.domain.record.entries import Entry
from juece.domain.record.kinds import Kind

LEVELS = ("low", "medium", "high")
REVISED_FOR = {"R-D4": ("按风险评估要求", "as the risk assessment asked"),
               "R-E4": ("按合法性审查意见", "as the legality review asked")}

def risk_assessed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    round_, points = number(d.get("round")), [as_dict(x) for x in as_list(d.get("points"))]
    zh = f"第{round_}轮风险评估" if round_ else "风险评估"
    en = f"Risk assessment, round {round_}" if round_ else "Risk assessment"
    if points:
        found = [str(x.get("level")) for x in points if x.get("level")]
        top = max(found, key=lambda level: LEVELS.index(level) if level in LEVELS else -1) if found else None
        level_zh, level_en = words(top)
        zh += f"：风险点{len(points)}个" + (f"，最高风险等级为{level_zh}" if level_zh else "")
        en += f": {plural(str(len(points)), 'risk point')}" + (f", the highest rated {level_en}" if level_en else "")
    if d.get("controllable") is not None:
        ok = bool(d.get("controllable"))
        zh += "，风险可控" if ok else "，风险不可控"
        en += "; the risk is controllable" if ok else "; the risk is not controllable"
        if not ok and (open_points := [short(x, 8) for x in as_list(d.get("uncontrolled_points"))]):
            zh += f"（高风险点 {'、'.join(open_points)} 无可接受的防控措施）"
            en += f" (high points {', '.join(open_points)} lack an accepted mitigation)"
    if heard := [short(x, 20) for x in as_list(d.get("departments_heard")) if x]:
        zh, en = f"{zh}；听取了{'、'.join(heard)}的意见", f"{en}; heard: {', '.join(heard)}"
    return zh, en


def risk_concluded(d: Data, e: Entry, p: People) -> tuple[str, str]:
    rounds = number(d.get("rounds"))
    zh, en = "风险评估结论：" + (f"经{rounds}轮评估，" if rounds else ""), "Risk assessment concluded" + (
        f" after {plural(rounds, 'round')}" if rounds else "")
    if d.get("controllable"):
        return zh + "风险可控", en + ": the risk is controllable"
    if d.get("rounds_exhausted"):
        return (zh + "风险仍不可控，评估轮次已用尽，不得提请集体讨论",
                en + ": the risk is still not controllable and the rounds ran out; no deliberation")
    return zh + "风险不可控", en + ": the risk is not controllable"


def draft_revised(d: Data, e: Entry, p: People) -> tuple[str, str]:
    version = number(d.get("version"))
    why_zh, why_en = REVISED_FOR.get(str(d.get("rule")), ("", ""))
    zh = f"承办单位{why_zh}修改草案" + (f"，形成第{version}稿" if version else "")
    en = "The sponsor office revised the draft" + (f" {why_en}" if why_en else "") + (
        f": version {version}" if version else "")
    more_zh, more_en = clause(short(d.get("changes")), "修改说明", "what changed")
    return zh + more_zh, en + more_en


def submission_prepared(d: Data, e: Entry, p: People) -> tuple[str, str]:
    version, days, due = number(d.get("draft_version")), number(d.get("review_working_days")), day(d.get("review_due"))
    zh = "报送合法性审查" + (f"（草案第{version}稿）" if version else "")
    en = "Submitted for legality review" + (f" (draft version {version})" if version else "")
    if days:
        zh, en = f"{zh}，审查期限{days}个工作日", f"{en}: {days} working days for the review"
    if due:
        zh, en = f"{zh}，至{due}", f"{en}, until {due}"
    return zh, en


def adviser_opinion(d: Data, e: Entry, p: People) -> tuple[str, str]:
    value_zh, value_en = words(d.get("conclusion"))
    zh, en = "法律顾问出具意见", "The legal adviser gave an opinion"
    if value_zh:
        zh, en = f"{zh}：{value_zh}", f"{en}: {value_en}"
    more_zh, more_en = clause(short(d.get("opinion")), "意见", "opinion")
    return zh + more_zh, en + more_en


def legality_reviewed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    round_ = number(d.get("round"))
    value_zh, value_en = words(d.get("outcome"))
    zh = (f"第{round_}轮" if round_ else "") + "合法性审查结论：" + (value_zh or "未载明")
    en = "Legality review" + (f", round {round_}" if round_ else "") + f": {value_en or 'no outcome recorded'}"
    if d.get("exploratory_override"):
        zh, en = f"{zh}（探索性改革例外）", f"{en} (exploratory reform exception)"
        risk_zh, risk_en = clause(short(d.get("legal_risk")), "法律风险", "legal risk")
        zh, en = zh + risk_zh, en + risk_en
    cited = list(dict.fromkeys(c for finding in FINDINGS for c in citations(d, finding)))
    basis_zh, basis_en = clause(short("、".join(cited), MESSAGE_LIMIT), "依据", "provisions relied on")
    more_zh, more_en = clause(short(d.get("revisions")), "修改意见", "revisions asked")
    return zh + basis_zh + more_zh, en + basis_en + more_en


def gate_passed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    value_zh, value_en = words(d.get("legality_outcome"))
    version = number(d.get("draft_version"))
    zh, en = "程序关口通过", "Gate passed"
    if value_zh:
        zh, en = f"{zh}：合法性审查结论为{value_zh}", f"{en}: the legality review found the draft {value_en}"
        if d.get("exploratory_override"):
            zh, en = f"{zh}（探索性改革例外）", f"{en} (exploratory reform exception)"
    if d.get("risk_controllable"):
        zh, en = f"{zh}，风险可控", f"{en}, the risk is controllable"
    return (zh + f"，草案{f'第{version}稿' if version else ''}可以提请集体讨论",
            en + f"; {f'version {version}' if version else 'the draft'} may go to collective deliberation")


def gate_closed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    refusals = [as_dict(r) for r in as_list(d.get("refusals"))]
    zh = "；".join(f"{short(r.get('zh'), MESSAGE_LIMIT)}（{short(r.get('rule'), 10)}）" for r in refusals)
    en = "; ".join(f"{short(r.get('en'), MESSAGE_LIMIT)} ({short(r.get('rule'), 10)})" for r in refusals)
    return (f"程序关口未通过，不得提请集体讨论{'：' + zh if zh else ''}",
            f"Gate closed: the decision may not go to collective deliberation{': ' + en if en else ''}")


def meeting_convened(d: Data, e: Entry, p: People) -> tuple[str, str]:
    meeting_zh, meeting_en = words(d.get("meeting_type"))
    zh, en = f"召开{meeting_zh or '会议'}", f"{(meeting_en or 'the meeting').capitalize()} convened"
    present, absent = as_list(d.get("attendees")), as_list(d.get("absentees"))
    if present:
        zh, en = f"{zh}：组成人员出席{len(present)}名", f"{en}: {plural(str(len(present)), 'member')} present"
    if absent:
        zh += f"，缺席{len(absent)}名（{names_of(absent, p)}）"
        en += f", {len(absent)} absent ({names_of(absent, p).replace('、', ', ')})"
    return zh, en


def materials_issued(d: Data, e: Entry, p: People) -> tuple[str, str]:
    n, version = count(d.get("members")), number(d.get("draft_version"))
    zh = f"向会议组成人员{n}名分发会议材料" if n else "分发会议材料"
    en = f"Meeting materials issued to {plural(n, 'member')}" if n else "Meeting materials issued"
    return (f"{zh}：草案{f'第{version}稿' if version else ''}、意见采纳情况、风险评估报告和合法性审查意见",
            f"{en}: the draft{f' (version {version})' if version else ''}, the adoption reports, the risk "
            "report and the legality opinion")


def member_view(d: Data, e: Entry, p: People) -> tuple[str, str]:
    who = p.name(d.get("member") or e["actor"])
    value_zh, value_en = words(d.get("view"))
    zh, en = f"组成人员 {p.zh(d.get('member') or e['actor'])}发表意见：{value_zh or '未载明'}", f"Member {who} stated a view: {value_en or 'not stated'}"
    more_zh, more_en = clause(short(d.get("remarks")), "理由" if d.get("view") == "disagree" else "发言",
                              "reasons" if d.get("view") == "disagree" else "remarks")
    zh, en = zh + more_zh, en + more_en
    by = d.get("recorded_by")
    if by and by != d.get("member"):
        zh, en = f"{zh}（由会议记录人 {p.zh(by)}代为记录）", f"{en} (recorded by the secretary, {p.name(by)})"
    return zh, en


def head_decision(d: Data, e: Entry, p: People) -> tuple[str, str]:
    value_zh, value_en = words(d.get("outcome"))
    zh, en = f"行政首长作出决定：{value_zh or '未载明'}", f"The head of government decided: {value_en or 'not stated'}"
    if d.get("differs_from_majority"):
        most_zh, most_en = words(d.get("majority"))
        zh, en = f"{zh}（与多数意见“{most_zh}”不一致）", f"{en} (the majority view was {most_en})"
    more_zh, more_en = clause(short(d.get("reason")), "理由", "reason")
    return zh + more_zh, en + more_en


def minutes_recorded(d: Data, e: Entry, p: People) -> tuple[str, str]:
    views = [as_dict(v).get("view") for v in as_list(d.get("views"))]
    zh, en = "形成会议纪要", "Minutes recorded"
    if present := count(d.get("attendees")):
        zh, en = f"{zh}：出席{present}名", f"{en}: {present} present"
    if views:
        tally = [(views.count(code), *words(code)) for code in ("agree", "disagree", "abstain")]
        zh += "，" + "、".join(f"{label}{n}名" for n, label, _ in tally)
        en += ", " + ", ".join(f"{n} {label}" for n, _, label in tally)
    value_zh, value_en = words(d.get("decision"))
    if value_zh:
        zh, en = f"{zh}；决定：{value_zh}", f"{en}; decision: {value_en}"
    return zh, en


def deliberation_concluded(d: Data, e: Entry, p: People) -> tuple[str, str]:
    value_zh, value_en = words(d.get("outcome"))
    zh, en = f"会议决定为“{value_zh or '未载明'}”", f"Outcome of the meeting: {value_en or 'not stated'}"
    then_zh, then_en = short(d.get("zh"), MESSAGE_LIMIT), short(d.get("en"), MESSAGE_LIMIT)
    return zh + (f"，后续：{then_zh}" if then_zh else ""), en + (f"; what follows: {then_en}" if then_en else "")


def member_absent(d: Data, e: Entry, p: People) -> tuple[str, str]:
    who = p.name(d.get("member"))
    return f"组成人员 {p.zh(d.get('member'))}缺席会议，未发表意见", f"Member {who} was absent and stated no view"


def published(d: Data, e: Entry, p: People) -> tuple[str, str]:
    days, within = number(d.get("working_days")), number(d.get("within_working_days"))
    zh, en = "决策向社会公布", "The decision was published"
    if doc := short(d.get("document_number"), 30):
        zh, en = f"{zh}，发文字号 {doc}", f"{en} as {doc}"
    if days and within:
        zh, en = f"{zh}（作出决定后第{days}个工作日，时限{within}个工作日）", \
            f"{en} (working day {days} after the decision; the limit is {within})"
    elif within:
        zh, en = f"{zh}（时限{within}个工作日）", f"{en} (within {within} working days)"
    if d.get("overdue"):
        zh, en = f"{zh}，已逾期", f"{en}, late"
    return zh, en


def announcement_reviewed(d: Data, e: Entry, p: People) -> tuple[str, str]:
    doc = short(d.get("document_number"), 30)
    zh = "承办单位审定决定公告" + (f"，发文字号 {doc}" if doc else "")
    en = "The sponsor office reviewed the announcement" + (f", document number {doc}" if doc else "")
    if d.get("edited") is True:
        zh, en = f"{zh}，修改了生成的公告文字", f"{en}; it changed the generated wording"
    elif d.get("edited") is False:
        zh, en = f"{zh}，按生成的公告文字公布", f"{en}; published as generated"
    return zh, en


def not_published(d: Data, e: Entry, p: People) -> tuple[str, str]:
    if d.get("outcome") == "not_deliberated":
        return "决策不予公布：未经集体讨论决定", "The decision is not published: it was never deliberated"
    value_zh, value_en = words(d.get("outcome"))
    return ("决策不予公布" + (f"：会议决定为“{value_zh}”" if value_zh else ""),
            "The decision is not published" + (f": the meeting's outcome was {value_en}" if value_en else ""))


def publication_overdue(d: Data, e: Entry, p: People) -> tuple[str, str]:
    days, within, over = number(d.get("working_days")), number(d.get("within_working_days")), number(d.get("days_over"))
    zh, en = "逾期公布", "Published after the deadline"
    if d.get("decided_on") and d.get("published_on"):
        decided, out = day(d.get("decided_on")), day(d.get("published_on"))
        zh, en = f"{zh}：{decided}作出决定，{out}公布", f"{en}: decided on {decided}, published on {out}"
    if days and within:
        zh += f"，用时{days}个工作日，超过{within}个工作日的时限" + (f"{over}日" if over else "")
        en += f", {days} working days against a limit of {within}" + (f" ({over} over)" if over else "")
    return zh, en


PHRASES: dict[str, Phrase] = {
    Kind.RISK_ASSESSED: risk_assessed,
    Kind.RISK_CONCLUDED: risk_concluded,
    Kind.DRAFT_REVISED: draft_revised,
    Kind.SUBMISSION_PREPARED: submission_prepared,
    Kind.ADVISER_OPINION: adviser_opinion,
    Kind.LEGALITY_REVIEWED: legality_reviewed,
    Kind.GATE_PASSED: gate_passed,
    Kind.GATE_CLOSED: gate_closed,
    Kind.MEETING_CONVENED: meeting_convened,
    Kind.MATERIALS_ISSUED: materials_issued,
    Kind.MEMBER_VIEW: member_view,
    Kind.HEAD_DECISION: head_decision,
    Kind.MINUTES_RECORDED: minutes_recorded,
    Kind.DELIBERATION_CONCLUDED: deliberation_concluded,
    Kind.MEMBER_ABSENT: member_absent,
    Kind.PUBLISHED: published,
    Kind.ANNOUNCEMENT_REVIEWED: announcement_reviewed,
    Kind.NOT_PUBLISHED: not_published,
    Kind.PUBLICATION_OVERDUE: publication_overdue,
}
