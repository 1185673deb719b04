"""Compliance of the launch and public participation (R-A1..R-A3, R-B1..R-B7): each rule checked
for what it requires, not for an entry of some kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from juece.domain.archive.compliance_facts import (
    NOT_USED,
    Facts,
    Finding,
    china_day,
    data,
    items,
    listed,
    mapping,
    met,
    not_met,
    open_,
    position,
    problems,
    seq,
    text,
)
from juece.domain.record.kinds import Kind
from juece.domain.record.labels import KIND_LABELS
from juece.domain.stages import MAY_BE_NOT_APPLICABLE, STAGE_NAMES, STATUTORY_STAGES, Stage

PP = "public_participation"
DISPOSITIONS = {"adopted": "采纳", "partly_adopted": "部分采纳", "not_adopted": "不予采纳"}
NEEDS_REASON = ("partly_adopted", "not_adopted")  # "a reason for anything not adopted"
LAUNCH_FACTS: dict[str, tuple[str, str]] = {  # what the launch records, in words for the reader
    "decision_body": ("决策机关", "decision body"), "sponsor_unit": ("承办单位", "sponsor unit"),
    "title": ("标题", "title"), "category": ("类别", "category"), "draft.text": ("草案", "draft text"),
    "draft.explanation": ("起草说明", "draft explanation"), "legal_basis": ("法律依据", "legal basis"),
}


def r_a1(facts: Facts) -> Finding:
    launched = facts.last(Kind.LAUNCHED)
    if launched is None:
        return open_(None, "尚未登记启动", "the decision has not been launched")
    spec = facts.spec
    draft = mapping(spec.get("draft"))
    values = {**spec, "draft.text": draft.get("text"), "draft.explanation": draft.get("explanation")}
    missing = [name for name in LAUNCH_FACTS if not values.get(name) or not _filled(values[name])]
    if missing:
        return not_met(launched, f"启动记录缺少：{'、'.join(LAUNCH_FACTS[name][0] for name in missing)}",
                       f"the launch lacks: {', '.join(LAUNCH_FACTS[name][1] for name in missing)}")
    basis = len(spec["legal_basis"]) if isinstance(spec["legal_basis"], list) else 1
    return met(launched, f"决策机关{text(spec['decision_body'], 30)}、承办单位{text(spec['sponsor_unit'], 30)}、"
               f"标题、类别、草案及起草说明、法律依据{basis}项", "decision body, sponsor unit, title, category, draft and "
               f"explanation, {basis} legal basis item(s) recorded at launch")


def _filled(value: object) -> bool:
    if isinstance(value, list):
        return any(item is not None and str(item).strip() for item in value)
    return bool(str(value).strip())


def r_a2(facts: Facts) -> Finding:
    proof = facts.last(Kind.WORKFLOW_STARTED) or facts.last(Kind.LAUNCHED)
    if proof is None:
        return open_(None, "尚未登记启动", "the decision has not been launched")
    stages = mapping(facts.spec.get("stages"))
    absent = [stage for stage in STATUTORY_STAGES if str(stage) not in stages]
    if absent:
        return not_met(proof, f"流程缺少法定环节：{'、'.join(STAGE_NAMES[s][0] for s in absent)}",
                       f"statutory stages missing: {', '.join(STAGE_NAMES[s][1].lower() for s in absent)}")
    skipped = facts.all(Kind.NOT_APPLICABLE)
    allowed = {str(stage) for stage in MAY_BE_NOT_APPLICABLE}
    wrong = [seq(e) for e in skipped if str(e.get("stage")) not in allowed or not text(data(e).get("reason"))]
    if wrong:
        return not_met(proof, f"不得省略的环节或没有理由的“不适用”：{', '.join(wrong)}",
                       f"not applicable where it may not be, or without a reason: {', '.join(wrong)}")
    named = [_stage_names(e.get("stage")) for e in skipped]
    zh = f"；{len(skipped)}个环节不适用，均写明理由：{listed([zh for zh, _ in named])}" if skipped else ""
    en = (f"; {len(skipped)} not applicable, each with its written reason: {listed([en for _, en in named], ', ')}"
          if skipped else "")
    return met(proof, f"五个法定环节均在流程中{zh}", f"all five statutory stages are in the workflow{en}")


def _stage_names(stage: object) -> tuple[str, str]:
    try:
        zh, en = STAGE_NAMES[Stage(str(stage))]
    except ValueError:
        return str(stage), str(stage).replace("_", " ")
    return zh, en.lower()


def r_a3(facts: Facts) -> Finding:
    catalogue = facts.spec.get("catalogue")
    if not isinstance(catalogue, dict) or not catalogue.get("year") or not catalogue.get("number"):
        return Finding(NOT_USED, "未列入年度决策事项目录", "not listed in the annual catalogue")
    year, number = text(catalogue["year"], 8), text(catalogue["number"], 20)
    return met(facts.last(Kind.LAUNCHED), f"列入{year}年决策事项目录第{number}号", f"catalogue {year}, number {number}")


def r_b1(facts: Facts) -> Finding:
    notice = facts.last(Kind.NOTICE_PUBLISHED, PP)
    if notice is None:
        return open_(None, "征求意见公告尚未发布", "the notice is not published yet")
    notice_data = data(notice)
    how, closes = text(notice_data.get("how_to_comment")), china_day(notice_data.get("closes_at"))
    if not how or not closes:
        lacks = [names for names, value in ((("提出意见的方式", "how to comment"), how),
                                            (("截止时间", "when comments close"), closes)) if not value]
        return not_met(notice, f"公告未载明：{'、'.join(zh for zh, _ in lacks)}",
                       f"the notice does not state: {', '.join(en for _, en in lacks)}")
    version = text(notice_data.get("draft_version"), 6) or "?"
    return met(notice, f"公布草案第{version}版及说明，写明提出意见的方式，{closes}截止",
               f"draft v{version} and its explanation published with how to comment, until {closes}")


def r_b2(facts: Facts) -> Finding:
    notice = facts.last(Kind.NOTICE_PUBLISHED, PP)
    if notice is None:
        return open_(None, "征求意见公告尚未发布", "the notice is not published yet")
    days, reason = data(notice).get("period_days"), text(data(notice).get("urgency_reason"))
    if not isinstance(days, int) or isinstance(days, bool):
        return not_met(notice, "公告未载明征求意见天数", "the notice does not state the period in days")
    if days >= 30:
        return met(notice, f"征求意见{days}日", f"a comment period of {days} days")
    if reason:
        return met(notice, f"征求意见{days}日，少于30日；公告载明紧急理由：{reason}",
                   f"{days} days, under 30; the notice prints the urgency reason: {reason}")
    return not_met(notice, f"征求意见仅{days}日，公告未载明紧急理由", f"only {days} days and no urgency reason printed")


def r_b3(facts: Facts) -> Finding:
    received = facts.all(Kind.COMMENT_RECEIVED)
    unmarked = [data(e).get("receipt") for e in received if not isinstance(data(e).get("late"), bool)]
    closed = facts.last(Kind.COMMENTS_CLOSED, PP)
    if unmarked:
        return not_met(closed, f"意见未标注是否逾期：{listed(unmarked)}", f"comments not marked on time or late: "
                       f"{listed(unmarked, ', ')}")
    if closed is None:
        notice = facts.last(Kind.NOTICE_PUBLISHED, PP)
        zh = f"征求意见期间尚未结束，已收到{len(received)}条" if notice else "征求意见公告尚未发布"
        en = f"the period has not closed; {len(received)} received so far" if notice else "the notice is not published yet"
        return open_(notice, zh, en)
    late = sum(bool(data(e).get("late")) for e in received)
    return met(closed, f"经无需账号的渠道收到{len(received)}条意见；逾期{late}条已保存并标注",
               f"{len(received)} comments through channels needing no account; {late} late, kept and marked")


def r_b4(facts: Facts) -> Finding:
    report = facts.last(Kind.ADOPTION_REPORT, PP)
    received = facts.all(Kind.COMMENT_RECEIVED)  # late ones too; after the report only those before it
    wanted = [str(data(e).get("receipt")) for e in received if report is None or position(e) < position(report)]
    after = len(received) - len(wanted)
    disposed = {str(data(e).get("ref")): data(e) for e in facts.all(Kind.COMMENT_DISPOSED)}
    undisposed = [ref for ref in wanted if ref not in disposed]
    wrong = [ref for ref in wanted if ref in disposed and str(disposed[ref].get("disposition")) not in DISPOSITIONS]
    unexplained = [ref for ref in wanted if ref in disposed and disposed[ref].get("disposition") in NEEDS_REASON
                   and not text(disposed[ref].get("reason"))]
    closed = facts.last(Kind.COMMENTS_CLOSED, PP)
    if wrong or unexplained:
        return not_met(report, *problems(("处理结果不在采纳、部分采纳、不予采纳之列", "invalid dispositions", wrong),
                                         ("未采纳或部分采纳而未说明理由", "not (fully) adopted without a reason",
                                          unexplained)))
    if undisposed:
        finding = open_ if report is None and facts.last(Kind.MATERIALS_ISSUED) is None else not_met
        return finding(report or closed, f"{len(undisposed)}条意见尚无处理结果：{listed(undisposed)}",
                       f"{len(undisposed)} comment(s) without a disposition: {listed(undisposed, ', ')}")
    if closed is None:
        return open_(facts.last(Kind.NOTICE_PUBLISHED, PP), "征求意见期间尚未结束", "the comment period has not closed")
    if not wanted:
        return met(closed, "未收到意见，无需处理", "no comment arrived: none to dispose of")
    counts = Counter(str(disposed[ref].get("disposition")) for ref in wanted)
    zh = "、".join(f"{label}{counts[key]}条" for key, label in DISPOSITIONS.items())
    en = ", ".join(f"{counts[key]} {key.replace('_', ' ')}" for key in DISPOSITIONS)
    later_zh = f"；另有{after}条在采纳情况报告之后收到，已保存并标注，未纳入报告" if after else ""
    later_en = f"; {after} more received after the adoption report, kept and marked, not in it" if after else ""
    return met(report or facts.all(Kind.COMMENT_DISPOSED)[-1], f"{len(wanted)}条意见（含逾期）逐条处理：{zh}；"
               f"未采纳或部分采纳的均说明理由{later_zh}", f"all {len(wanted)} comments (late ones too) disposed of: "
               f"{en}; each one not (fully) adopted has its reason{later_en}")


def r_b5(facts: Facts) -> Finding:
    report = facts.last(Kind.ADOPTION_REPORT, PP)
    if report is None:
        return open_(facts.last(Kind.COMMENTS_CLOSED, PP), "尚无公众意见采纳情况说明", "no adoption report yet")
    pack = facts.last(Kind.MATERIALS_ISSUED)
    reports = {str(e.get("hash")) for e in facts.all(Kind.ADOPTION_REPORT, PP)}
    if pack is not None and str(data(pack).get("comment_adoption_report")) not in reports:
        return not_met(pack, f"会议材料（{seq(pack)}）未附公众意见采纳情况说明",
                       f"the meeting pack ({seq(pack)}) lacks the comment adoption report")
    published = facts.last(Kind.PUBLISHED)
    if published is not None:
        return met(published, f"采纳情况说明（{seq(report)}）已送会议（{seq(pack)}），并随决策公布（{seq(published)}）",
                   f"the report ({seq(report)}) went to the meeting ({seq(pack)}) and was published with the "
                   f"decision ({seq(published)})")
    if pack is not None:
        return met(pack, f"采纳情况说明（{seq(report)}）已随会议材料送达组成人员", f"the report ({seq(report)}) went to "
                   "the members with the meeting pack")
    if ended := facts.ended_before_deliberation():
        return met(report, f"采纳情况说明已形成（{seq(report)}）；{ended.zh}", f"the report was made ({seq(report)}); "
                   f"{ended.en}")
    return open_(report, f"采纳情况说明已形成（{seq(report)}），尚未送会议", f"the report is made ({seq(report)}), "
                 "not yet before the meeting")


def r_b6(facts: Facts) -> Finding:
    hearing = facts.stage(PP).get("hearing")
    if not isinstance(hearing, dict):
        return Finding(NOT_USED, "未举行听证会", "no hearing was held")
    steps = {kind: facts.last(kind, PP) for kind in (Kind.HEARING_ANNOUNCED, Kind.HEARING_MATERIALS_ISSUED, Kind.HEARING_HELD)}
    people = [str(p.get("user")) for p in items(hearing.get("participants")) if isinstance(p, dict)]
    signed = {str(data(e).get("participant")): data(e) for e in facts.all(Kind.HEARING_RECORD_SIGNED, PP)}
    unsigned = [user for user in people if user not in signed]
    missing = [kind for kind, entry in steps.items() if entry is None]
    if missing or unsigned:
        zh = f"尚缺：{'、'.join(KIND_LABELS[k][0] for k in missing)}" if missing else f"尚未签名确认笔录的参加人：{listed(unsigned)}"
        en = (f"still missing: {', '.join(KIND_LABELS[k][1].lower() for k in missing)}" if missing
              else f"participants yet to sign: {listed(unsigned, ', ')}")
        late = facts.last(Kind.MATERIALS_ISSUED) is not None
        return (not_met if late else open_)(steps[Kind.HEARING_HELD] or steps[Kind.HEARING_ANNOUNCED], zh, en)
    disputes = sum(not value.get("confirmed") for value in signed.values())
    last = facts.last(Kind.HEARING_RECORD_SIGNED, PP)
    return met(last, f"听证会已公告、送达材料、各方发言；{len(people)}名参加人均签名确认笔录（异议{disputes}份）",
               f"hearing announced, materials issued, every side heard; all {len(people)} participants signed the "
               f"record ({disputes} with a dispute)")


def r_b7(facts: Facts) -> Finding:
    channels = facts.all(Kind.CHANNEL_RECORDED)
    if not channels:
        return Finding(NOT_USED, "未采用其他公众参与方式", "no other channel was used")
    labels = [data(e).get("label") or data(e).get("channel") for e in channels]
    return met(channels[-1], f"记录其他方式{len(channels)}项：{listed(labels)}", f"{len(channels)} other channel(s) "
               f"recorded: {listed(labels, ', ')}")


def participation(check: Callable[[Facts], Finding]) -> Callable[[Facts], Finding]:
    """A public-participation rule: not applicable when the stage was marked so (R-A2)."""
    def evaluate(facts: Facts) -> Finding:
        return facts.not_applicable(PP) or check(facts)
    return evaluate


EVALUATORS: dict[str, Callable[[Facts], Finding]] = {
    "R-A1": r_a1, "R-A2": r_a2, "R-A3": r_a3,
    **{rule: participation(check) for rule, check in
       (("R-B1", r_b1), ("R-B2", r_b2), ("R-B3", r_b3), ("R-B4", r_b4), ("R-B5", r_b5), ("R-B6", r_b6),
        ("R-B7", r_b7))},
}
