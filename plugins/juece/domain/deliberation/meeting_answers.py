"""Answers in the legality review and the collective deliberation."""

from __future__ import annotations

from collections import Counter

from juece.domain.deliberation.views import views_in_room
from juece.domain.legality.findings import FINDINGS, provisions, provisions_key
from juece.domain.legality.review import review_round
from juece.domain.participation.draft import current_draft
from juece.domain.participation.review_answers import SUBMIT_OPTIONS
from juece.domain.record.acts import Act
from juece.domain.record.answers import (
    Answer,
    Outcome,
    TaskContext,
    bool_param,
    list_param,
    one_choice,
    text_param,
)
from juece.domain.record.entries import all_of, attending, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage

ADVISER_OPTIONS = {"合法 Lawful": "lawful", "需修改 Needs revision": "lawful_with_revisions",
                   "不合法 Unlawful": "unlawful"}
REVIEW_OPTIONS = dict(ADVISER_OPTIONS)
MEETING_TYPES = {"executive": "常务会议", "plenary": "全体会议"}
VIEW_OPTIONS = {"同意 Agree": "agree", "不同意 Disagree": "disagree", "弃权 Abstain": "abstain"}
HEAD_OPTIONS = {"通过 Approve": "approve", "不予通过 Reject": "reject",
                "修改后再审 Revise and resubmit": "revise", "暂缓 Postpone": "postpone"}


def adviser_opinion(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-E4: a legal adviser or public-sector lawyer gives an opinion."""
    conclusion = one_choice(answer, ADVISER_OPTIONS, "R-E4")
    opinion = text_param(answer, "opinion", "R-E4", "法律顾问意见")
    data = {"conclusion": conclusion, "opinion": opinion, "rule": "R-E4"}
    return Outcome([Act(Stage.LEGALITY_REVIEW, Kind.ADVISER_OPINION, answer.user, data)])


def legality_review(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-E4 (authority, procedure, content; adviser heard) and R-E1 (exploratory override)."""
    if latest(ctx.entries, Kind.ADVISER_OPINION) is None:
        raise RuleViolation("R-E4", "须先有法律顾问意见", "the legal adviser's opinion must come first")
    outcome = one_choice(answer, REVIEW_OPTIONS, "R-E4")
    config = ctx.spec.stages.legality_review
    data = {"outcome": outcome, "round": review_round(ctx.entries, config.max_rounds),
            "max_rounds": config.max_rounds, "draft_version": current_draft(ctx.entries).version,
            "rules": ["R-E1", "R-E4"]}
    for name, (zh, _en) in FINDINGS.items():  # each finding, and the provisions it relies on where given
        data[name] = text_param(answer, name, "R-E4", f"{zh}审查意见")
        if cited := provisions(answer, name):  # none given: recorded as before provisions were asked
            data[provisions_key(name)] = cited
    override = bool_param(answer, "exploratory_override", "R-E1")
    legal_risk = text_param(answer, "legal_risk", "R-E1", "法律风险", required=override)
    if override and outcome != "unlawful":
        raise RuleViolation("R-E1", "探索性改革例外只适用于审查结论为不合法的情形",
                            "the exploratory-reform override applies only to an unlawful finding",
                            field="exploratory_override")
    data.update(exploratory_override=override, legal_risk=legal_risk)
    data["revisions"] = text_param(answer, "revisions", "R-E4", "修改意见", required=outcome == "lawful_with_revisions")
    act = Act(Stage.LEGALITY_REVIEW, Kind.LEGALITY_REVIEWED, answer.user, data)
    if outcome == "lawful_with_revisions":
        note = "[R-E4] 草案退回修改后须再次审查 / the draft goes back for revision, then to review again"
        return Outcome([act], notes=[note])
    return Outcome([act])


def convene(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-F2: the executive or plenary meeting, with a quorum of more than half the members; views
    stated in the room may be recorded by the secretary on the members' behalf (R-F3)."""
    one_choice(answer, SUBMIT_OPTIONS, "R-F2")
    config = ctx.spec.stages.collective_deliberation
    attendees = [str(a).strip() for a in list_param(answer, "attendees")]
    strangers = [a for a in attendees if a not in config.members]
    if strangers:
        raise RuleViolation("R-F2", f"{', '.join(strangers)} 不是会议组成人员", f"not members: {', '.join(strangers)}",
                            field="attendees")
    present = [m for m in config.members if m in attendees]
    if len(present) <= config.quorum * len(config.members):
        raise RuleViolation("R-F2", f"出席{len(present)}人，未超过组成人员的{config.quorum:.0%}，不足法定人数",
                            f"{len(present)} present is not more than {config.quorum:.0%} of the members: no quorum",
                            field="attendees")
    if config.head not in present:
        raise RuleViolation("R-F2", "行政首长须出席并最后发言、作出决定",
                            "the head of government must attend, speak last and decide", field="attendees")
    data = {"meeting_type": config.meeting_type, "meeting_name": MEETING_TYPES[config.meeting_type],
            "attendees": present, "absentees": [m for m in config.members if m not in present],
            "quorum": config.quorum, "rule": "R-F2"}
    stated = views_in_room(ctx.spec, present, list_param(answer, "views_in_room"), answer.user)
    return Outcome([Act(Stage.COLLECTIVE_DELIBERATION, Kind.MEETING_CONVENED, answer.user, data), *stated])


def member_view(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-F3: every member's view is recorded; dissent as stated."""
    member = ctx.subject_user or answer.user
    view = one_choice(answer, VIEW_OPTIONS, "R-F3")
    remarks = text_param(answer, "remarks", "R-F3", "不同意的理由（照实记录）", required=view == "disagree")
    data = {"member": member, "view": view, "remarks": remarks, "rule": "R-F3"}
    return Outcome([Act(Stage.COLLECTIVE_DELIBERATION, Kind.MEMBER_VIEW, member, data)])


def majority_view(ctx: TaskContext) -> str | None:
    """'approve' or 'reject' when the members' views have a majority, else None."""
    counts = Counter(e["data"]["view"] for e in all_of(ctx.entries, Kind.MEMBER_VIEW))
    if counts["agree"] > counts["disagree"]:
        return "approve"
    if counts["disagree"] > counts["agree"]:
        return "reject"
    return None


def head_decision(ctx: TaskContext, answer: Answer) -> Outcome:
    """R-F2 (the head speaks last and decides) and R-F4 (a reason where it departs from the majority)."""
    config = ctx.spec.stages.collective_deliberation
    if latest(ctx.entries, Kind.MEETING_CONVENED) is None:
        raise RuleViolation("R-F2", "会议尚未召开，不能作出决定", "the meeting has not been convened: no decision yet")
    spoken = {e["data"]["member"] for e in all_of(ctx.entries, Kind.MEMBER_VIEW)}
    waiting = [m for m in attending(ctx.entries) if m != config.head and m not in spoken]
    if waiting:
        raise RuleViolation("R-F2", f"行政首长最后发言：{', '.join(waiting)} 尚未发表意见",
                            f"the head speaks last: {', '.join(waiting)} have not spoken yet")
    outcome = one_choice(answer, HEAD_OPTIONS, "R-F5")
    majority = majority_view(ctx)
    differs = majority is not None and outcome != majority
    reason = text_param(answer, "reason", "R-F4", "理由", required=False)
    if differs and not reason:
        (zh, en), (majority_zh, majority_en) = _outcome_words(outcome), _outcome_words(majority or "")
        raise RuleViolation("R-F4", f"决定（{zh}）与多数意见（{majority_zh}）不一致，须说明理由",
                            f"the decision ({en}) departs from the majority view ({majority_en}): "
                            "the head must give a reason", field="reason")
    data = {"outcome": outcome, "majority": majority, "differs_from_majority": differs,
            "reason": reason, "rules": ["R-F2", "R-F4", "R-F5"]}
    return Outcome([Act(Stage.COLLECTIVE_DELIBERATION, Kind.HEAD_DECISION, answer.user, data)])


def _outcome_words(code: str) -> tuple[str, str]:
    """An outcome's words in Chinese and English (``approve``: 通过, Approve)."""
    label = next((text for text, value in HEAD_OPTIONS.items() if value == code), f"{code} {code}")
    zh, en = label.split(" ", 1)
    return zh, en


def absent_member(member: str) -> Act:
    data = {"member": member, "rule": "R-F3", "note": "缺席，未发表意见 / absent, no view"}
    return Act(Stage.COLLECTIVE_DELIBERATION, Kind.MEMBER_ABSENT, "juece", data)

