"""Compliance of the legality review and the collective deliberation (R-E1..R-E4, R-F1..R-F5):
each rule checked for what it requires, not for an entry of some kind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from juece.domain.archive.compliance_facts import (
    OUTCOMES,
    REFUSED,
    Entry,
    Facts,
    Finding,
    data,
    items,
    listed,
    met,
    not_met,
    open_,
    position,
    problems,
    seq,
    text,
)
from juece.domain.record.kinds import Kind

LR, CD = "legality_review", "collective_deliberation"
REVIEW_OUTCOMES = {"lawful": ("合法", "lawful"), "lawful_with_revisions": ("修改后合法", "lawful with revisions"),
                   "unlawful": ("不合法", "unlawful")}
REVIEWED_ON = ("authority", "procedure", "content")
PACK = ("comment_adoption_report", "expert_adoption_report", "risk_report", "legality_opinion")
MEETINGS = {"executive": ("常务会议", "executive meeting"), "plenary": ("全体会议", "plenary meeting")}


def _refusals(gate: Entry) -> tuple[str, str]:
    reasons = [r for r in items(data(gate).get("refusals")) if isinstance(r, dict)]
    zh = "；".join(f"{text(r.get('zh'), 60)}（{text(r.get('rule'), 8)}）" for r in reasons) or "—"
    en = "; ".join(f"{text(r.get('en'), 80)} ({text(r.get('rule'), 8)})" for r in reasons) or "—"
    return zh, en


def r_e1(facts: Facts) -> Finding:
    gate = facts.last_of(Kind.GATE_PASSED, Kind.GATE_CLOSED)
    meetings = facts.all(Kind.MEETING_CONVENED)
    if gate is None:
        if meetings:
            return not_met(meetings[0], "未经合法性审查关口即提交集体讨论", "deliberation without the legality gate")
        return open_(facts.last(Kind.LEGALITY_REVIEWED, LR), "合法性审查关口尚未作出", "the gate has not been reached")
    if gate.get("kind") == Kind.GATE_CLOSED:
        if went_on := facts.after(gate, Kind.MEETING_CONVENED):
            return not_met(went_on[0], f"关口关闭（{seq(gate)}）后仍提交了集体讨论", f"deliberation after the gate "
                           f"closed ({seq(gate)})")
        zh, en = _refusals(gate)
        return Finding(REFUSED, f"关口关闭，未提交集体讨论：{zh}", f"the gate closed; no deliberation: {en}", gate)
    review = facts.before(gate, Kind.LEGALITY_REVIEWED)
    last = data(review[-1]) if review else {}
    if last.get("outcome") == "lawful":
        return met(gate, f"审查结论：合法（{seq(review[-1])}），关口通过", f"found lawful ({seq(review[-1])}); the gate "
                   "passed")
    if last.get("outcome") == "unlawful" and last.get("exploratory_override") and text(last.get("legal_risk")):
        risk = text(last.get("legal_risk"))
        return met(gate, f"审查结论不合法，按探索性改革例外通过并记录，法律风险：{risk}", "found unlawful; passed as "
                   f"a recorded exploratory-reform override with the legal risk stated: {risk}")
    return not_met(gate, f"关口通过，但审查结论为{text(last.get('outcome')) or '无'}", "the gate passed without a lawful "
                   f"review (outcome {text(last.get('outcome')) or 'none'})")


def r_e2(facts: Facts) -> Finding:
    submission = facts.last(Kind.SUBMISSION_PREPARED, LR)
    if submission is None:
        return open_(None, "尚未报送合法性审查", "not yet submitted for review")
    found = data(submission)
    procedures = [p for p in items(found.get("procedures")) if isinstance(p, dict)]
    basis = [b for b in items(found.get("legal_basis")) if text(b)]
    lacks = [name for name, ok in (("draft", found.get("draft_sha256") or found.get("draft_text")),
                                   ("legal_basis", basis), ("procedures", procedures)) if not ok]
    if lacks:
        return not_met(submission, f"报送材料缺少：{', '.join(lacks)}", f"the submission lacks: {', '.join(lacks)}")
    version = text(found.get("draft_version"), 6) or "?"
    return met(submission, f"报送草案第{version}版、法律依据{len(basis)}项、依记录生成的{len(procedures)}个环节程序说明"
               "（附记录哈希）", f"draft v{version}, {len(basis)} legal basis item(s), and a statement of {len(procedures)} "
               "stage(s) generated from the record, with the entries' hashes")


def r_e3(facts: Facts) -> Finding:
    submission = facts.last(Kind.SUBMISSION_PREPARED, LR)
    if submission is None:
        return open_(None, "尚未报送合法性审查", "not yet submitted for review")
    found = data(submission)
    days, due = found.get("review_working_days"), text(found.get("review_due"), 10)
    if not isinstance(days, int) or isinstance(days, bool) or days < 7 or not due:
        return not_met(submission, f"审查期限为{text(days) or '—'}个工作日，不足7个工作日或未载明届满日",
                       f"{text(days) or '—'} working days: under 7, or no due date stated")
    submitted, calendar = text(found.get("submitted_on"), 10), text(found.get("calendar"), 80)
    return met(submission, f"审查期限{days}个工作日：{submitted}报送，{due}届满（{calendar}）",
               f"{days} working days: submitted {submitted}, due {due} ({calendar})")


def r_e4(facts: Facts) -> Finding:
    reviews = facts.all(Kind.LEGALITY_REVIEWED, LR)
    if not reviews:
        return open_(facts.last(Kind.SUBMISSION_PREPARED, LR), "尚无合法性审查意见", "no legality review yet")
    adviser = facts.all(Kind.ADVISER_OPINION, LR)
    partial = [seq(r) for r in reviews if not all(text(data(r).get(name)) for name in REVIEWED_ON)]
    unknown = [seq(r) for r in reviews if str(data(r).get("outcome")) not in REVIEW_OUTCOMES]
    unrevised = [seq(a) for a, b in zip(reviews, reviews[1:], strict=False)
                 if data(a).get("outcome") == "lawful_with_revisions" and not facts.between(a, b, Kind.DRAFT_REVISED)]
    unheard = not adviser or position(adviser[0]) > position(reviews[0])
    if unheard or partial or unknown or unrevised:
        return not_met(reviews[-1], *problems(
            ("审查前没有法律顾问意见", "no legal adviser's opinion before the review", unheard),
            ("未审查权限、程序和内容", "authority, procedure and content not all reviewed", partial),
            ("结论不明", "unknown outcome", unknown), ("未修改即再次审查", "reviewed again without a revision", unrevised)))
    last = reviews[-1]
    zh, en = REVIEW_OUTCOMES[str(data(last)["outcome"])]
    rounds_zh = f"第{len(reviews)}轮" if len(reviews) > 1 else ""
    rounds_en = f"review {len(reviews)}: " if len(reviews) > 1 else ""
    if data(last)["outcome"] == "lawful_with_revisions":
        gate = facts.after(last, Kind.GATE_CLOSED)
        if gate:
            return Finding(REFUSED, f"{rounds_zh}审查要求修改，修改后的草案未再经审查认定合法，关口关闭（{seq(gate[0])}）",
                           f"{rounds_en}revisions asked; the revised draft was not found lawful again and the gate "
                           f"closed ({seq(gate[0])})", gate[0])
        return open_(last, f"{rounds_zh}审查要求修改：草案退回修改后再次审查", f"{rounds_en}revisions asked: the "
                     "draft goes back, then to review again")
    return met(last, f"{rounds_zh}审查权限、程序、内容；法律顾问意见（{seq(adviser[0])}）；结论：{zh}",
               f"{rounds_en}authority, procedure and content reviewed; legal adviser heard ({seq(adviser[0])}); "
               f"outcome: {en}")


def r_f1(facts: Facts) -> Finding:
    meeting = facts.last(Kind.MEETING_CONVENED, CD)
    packs = facts.before(meeting, Kind.MATERIALS_ISSUED)
    if not packs:
        return not_met(meeting, "会议召开前未送达会议材料", "no meeting pack before the meeting") if meeting else open_()
    pack = packs[-1]
    missing = [name for name in PACK if not data(pack).get(name)]
    if missing:
        return not_met(pack, f"会议材料缺少：{', '.join(missing)}", f"the meeting pack lacks: {', '.join(missing)}")
    version = text(data(pack).get("draft_version"), 6) or "?"
    when_zh, when_en = (f"会前（{seq(pack)}）", f"before the meeting ({seq(pack)})") if meeting else (seq(pack), seq(pack))
    return met(pack, f"{when_zh}送达草案第{version}版、公众意见和专家意见采纳情况、风险评估报告、合法性审查意见",
               f"{when_en}: draft v{version}, comment and expert adoption reports, risk report, legality opinion")


def _views(facts: Facts) -> dict[str, dict[str, Any]]:
    return {str(data(e).get("member")): {**data(e), "seq": e.get("seq")} for e in facts.all(Kind.MEMBER_VIEW, CD)}


def r_f2(facts: Facts) -> Finding:
    meeting = facts.last(Kind.MEETING_CONVENED, CD)
    if meeting is None:
        return open_(facts.last(Kind.MATERIALS_ISSUED), "尚未召开会议", "the meeting has not been held")
    found, config = data(meeting), facts.stage(CD)
    members = [str(m) for m in items(config.get("members"))]
    attendees = [str(a) for a in items(found.get("attendees"))]
    head, quorum = str(config.get("head")), found.get("quorum", config.get("quorum", 0.5))
    decision = facts.last(Kind.HEAD_DECISION, CD)
    spoke_after = [m for m, view in _views(facts).items() if decision is not None
                   and isinstance(view.get("seq"), int) and view["seq"] > position(decision)]
    problems = [zh_en for zh_en, bad in (
        (("会议不是常务会议或全体会议", "not an executive or plenary meeting"), str(found.get("meeting_type")) not in MEETINGS),
        ((f"出席{len(attendees)}/{len(members)}人，不足法定人数", f"{len(attendees)} of {len(members)} present: no quorum"),
         not isinstance(quorum, int | float) or len(attendees) <= quorum * len(members)),
        (("行政首长未出席", "the head did not attend"), head not in attendees),
        ((f"行政首长决定后仍有人发言：{listed(spoke_after)}", f"views after the head's decision: {listed(spoke_after, ', ')}"),
         bool(spoke_after)))
        if bad]
    if problems:
        return not_met(meeting, "；".join(p[0] for p in problems), "; ".join(p[1] for p in problems))
    zh, en = MEETINGS[str(found["meeting_type"])]
    if decision is None:
        return open_(meeting, f"{zh}已召开，出席{len(attendees)}/{len(members)}人；行政首长尚未作出决定",
                     f"{en} held, {len(attendees)} of {len(members)} present; the head has not decided yet")
    return met(decision, f"{zh}，出席{len(attendees)}/{len(members)}人，超过法定人数；行政首长最后发言并作出决定"
               f"（{seq(decision)}）", f"{en}, {len(attendees)} of {len(members)} present (quorum met); the head spoke "
               f"last and decided ({seq(decision)})")


def r_f3(facts: Facts) -> Finding:
    meeting = facts.last(Kind.MEETING_CONVENED, CD)
    if meeting is None:
        return open_()
    head = str(facts.stage(CD).get("head"))
    views = _views(facts)
    speakers = [str(a) for a in items(data(meeting).get("attendees")) if str(a) != head]
    silent = [m for m in speakers if m not in views]
    unstated = [m for m, v in views.items() if v.get("view") == "disagree" and not text(v.get("remarks"))]
    minutes = facts.last(Kind.MINUTES_RECORDED, CD)
    if unstated:
        return not_met(minutes or meeting, f"不同意见未记录理由：{listed(unstated)}", f"dissent recorded without its "
                       f"reasons: {listed(unstated, ', ')}")
    if minutes is None:
        zh, en = f"尚未形成纪要；未记录意见：{listed(silent)}", f"no minutes yet; views not recorded: {listed(silent, ', ')}"
        return open_(meeting, zh, en)
    if silent:
        return not_met(minutes, f"出席人员意见未记录：{listed(silent)}", f"attending members without a recorded view: "
                       f"{listed(silent, ', ')}")
    counts = Counter(str(v.get("view")) for v in views.values())
    absent = len(items(data(meeting).get("absentees")))
    return met(minutes, f"{len(views)}名组成人员的意见逐一记录（同意{counts['agree']}、不同意{counts['disagree']}、弃权"
               f"{counts['abstain']}），不同意见照实载明；缺席{absent}人已记明；纪要{seq(minutes)}",
               f"the views of {len(views)} members recorded ({counts['agree']} agree, {counts['disagree']} disagree, "
               f"{counts['abstain']} abstain), dissent as stated; {absent} absent noted; minutes {seq(minutes)}")


def r_f4(facts: Facts) -> Finding:
    decision = facts.last(Kind.HEAD_DECISION, CD)
    if decision is None:
        return open_(facts.last(Kind.MEETING_CONVENED, CD), "行政首长尚未作出决定", "the head has not decided yet")
    found = data(decision)
    counts = Counter(str(v.get("view")) for v in _views(facts).values())
    majority = found.get("majority") if "majority" in found else (
        "approve" if counts["agree"] > counts["disagree"] else "reject" if counts["disagree"] > counts["agree"] else None)
    outcome, reason = found.get("outcome"), text(found.get("reason"))
    if majority is None or outcome == majority:
        return met(decision, "决定与多数意见一致，无需说明理由" if majority else "组成人员意见没有多数，无需说明理由",
                   "the decision follows the majority: no reason needed" if majority else
                   "the members' views had no majority: no reason needed")
    zh, en = OUTCOMES.get(str(outcome), (text(outcome), text(outcome)))
    if not reason:
        return not_met(decision, f"决定（{zh}）与多数意见不一致，未记录理由", f"the decision ({en}) departs from the "
                       "majority view and no reason is recorded")
    return met(decision, f"决定（{zh}）与多数意见不一致，理由已记录：{reason}", f"the decision ({en}) departs from the "
               f"majority view; the head's reason is recorded: {reason}")


def r_f5(facts: Facts) -> Finding:
    decision = facts.last(Kind.HEAD_DECISION, CD)
    if decision is None:
        return open_(facts.last(Kind.MEETING_CONVENED, CD), "会议尚未作出决定", "no meeting outcome yet")
    outcome = str(data(decision).get("outcome"))
    if outcome not in OUTCOMES:
        return not_met(decision, f"会议结果不明：{text(outcome)}", f"unknown outcome: {text(outcome)}")
    zh, en = OUTCOMES[outcome]
    concluded = facts.last(Kind.DELIBERATION_CONCLUDED, CD)
    then_zh, then_en = (f"；{text(data(concluded).get('zh'))}", f"; {text(data(concluded).get('en'))}") if concluded \
        else ("", "")
    return met(concluded or decision, f"会议结果：{zh}{then_zh}", f"outcome: {en}{then_en}")


def _meeting_rule(check: Callable[[Facts], Finding]) -> Callable[[Facts], Finding]:
    """A rule of the meeting: not applicable when the gate closed and no meeting followed."""
    def evaluate(facts: Facts) -> Finding:
        return facts.ended_before_deliberation() or check(facts)
    return evaluate


EVALUATORS: dict[str, Callable[[Facts], Finding]] = {
    "R-E1": r_e1, "R-E2": r_e2, "R-E3": r_e3, "R-E4": r_e4,
    **{rule: _meeting_rule(check) for rule, check in
       (("R-F1", r_f1), ("R-F2", r_f2), ("R-F3", r_f3), ("R-F4", r_f4), ("R-F5", r_f5))},
}
