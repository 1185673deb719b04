"""The decision spec's fields and sections in words, Chinese and English, for the launch form
(services/spec_form.py): a clerk reads 征求意见期限（日）, never ``comment_period_days``. A key
is looked up with its parent first (``expert_review.quorum``), then alone. A field the spec gains
without words here fails `tests/unit/services/test_spec_form.py`."""

from __future__ import annotations

from juece.domain.record.labels import CATEGORY_LABELS, VALUE_LABELS
from juece.spec.loader import Location

WORDS: dict[str, tuple[str, str]] = {
    "spec": ("决策方案", "The decision"),
    "id": ("决策编号", "Decision id"),
    "title": ("标题", "Title"),
    "title_en": ("英文标题", "Title in English"),
    "category": ("决策类别", "Category"),
    "decision_body": ("决策机关", "Decision body"),
    "sponsor_unit": ("承办单位", "Sponsor unit"),
    "draft": ("决策草案", "Draft"),
    "draft.text": ("草案文本（每行一条或一段）", "Draft text (one article or paragraph a line)"),
    "explanation": ("起草说明", "Explanation"),
    "legal_basis": ("法律依据（每行一项）", "Legal basis (one a line)"),
    "catalogue": ("列入决策事项目录", "In the catalogue of decisions"),
    "year": ("目录年度", "Catalogue year"),
    "number": ("目录编号", "Catalogue number"),
    "stages": ("决策环节", "Stages"),
    "public_participation": ("公众参与", "Public participation"),
    "applicable": ("本环节适用", "This stage applies"),
    "not_applicable_reason": ("不适用的理由", "Why it does not apply"),
    "comment_period_days": ("征求意见期限（日）", "Comment period (days)"),
    "urgency_reason": ("期限少于30日的紧急理由", "Urgency reason (period under 30 days)"),
    "how_to_comment": ("提交意见的方式", "How to comment"),
    "hearing": ("听证会", "Hearing"),
    "place": ("听证地点", "Place"),
    "time": ("听证时间（北京时间）", "Time (China time)"),
    "selection_method": ("参加人遴选方式", "How participants are chosen"),
    "sides": ("利益各方（每行一方）", "Sides (one a line)"),
    "participants": ("听证参加人", "Participants"),
    "participants.user": ("参加人", "Participant"),
    "participants.name": ("姓名", "Name"),
    "participants.side": ("所代表的一方", "Side"),
    "materials_days_before": ("材料提前送达（日）", "Materials sent ahead (days)"),
    "notice_days_before": ("听证公告提前（日）", "Notice ahead (days)"),
    "min_participants": ("参加人最少人数", "Fewest participants"),
    "public_signup": ("公开报名", "Public sign-up"),
    "closes_at": ("报名截止时间（北京时间）", "Sign-up closes (China time)"),
    "seats": ("公开报名席位数", "Seats for the public"),
    "method": ("席位产生方式", "How the seats are filled"),
    "expert_review": ("专家论证", "Expert review"),
    "specialties": ("所需专业（每行一项）", "Specialties needed (one a line)"),
    "panel_size": ("专家组人数（空：按类别）", "Panel size (empty: by category)"),
    "line_department": ("业务主管部门", "Line department"),
    "interested_parties": ("与决策有利害关系的专家（用户名，每行一个）", "Experts with an interest (user ids, one a line)"),
    "response_days": ("专家答复期限（日）", "Experts' response period (days)"),
    "reminder_days": ("期限前提醒（日）", "Reminder before the deadline (days)"),
    "expert_review.quorum": ("专家法定人数", "Experts' quorum"),
    "reserve_seats": ("后备席位", "Reserve seats"),
    "risk_assessment": ("风险评估", "Risk assessment"),
    "assessor": ("风险评估人", "Risk assessor"),
    "third_party": ("第三方评估机构", "Third-party assessor"),
    "matrix": ("风险矩阵（行：可能性1—5，列：影响1—5）", "Risk matrix (rows: likelihood 1-5, columns: impact 1-5)"),
    "risk_assessment.max_rounds": ("风险评估最多轮次", "Most assessment rounds"),
    "legality_review": ("合法性审查", "Legality review"),
    "reviewer": ("合法性审查人", "Legality reviewer"),
    "legal_adviser": ("法律顾问", "Legal adviser"),
    "review_working_days": ("审查期限（工作日）", "Review period (working days)"),
    "legality_review.max_rounds": ("合法性审查最多轮次", "Most review rounds"),
    "collective_deliberation": ("集体讨论决定", "Collective deliberation"),
    "meeting_type": ("会议类型", "Meeting type"),
    "members": ("会议组成人员", "Meeting members"),
    "head": ("行政首长", "Head of government"),
    "secretary": ("会议记录人", "Secretary"),
    "collective_deliberation.quorum": ("会议法定人数（比例）", "Meeting quorum (share of members)"),
    "publication": ("决策公布", "Publication"),
    "within_working_days": ("公布期限（工作日）", "Published within (working days)"),
    "post_evaluation": ("决策后评估", "Post-decision evaluation"),
    "implementing_unit": ("执行单位", "Implementing unit"),
    "evaluator_unit": ("评估单位", "Evaluator unit"),
    "after_months": ("决策后评估间隔（月）", "Evaluation after (months)"),
    "evaluator": ("评估人", "Evaluator"),
    "complaint_threshold": ("启动评估的投诉件数", "Complaints that start an evaluation"),
    "time_limits": ("办理时限", "Time limits"),
    "dispositions_working_days": ("意见处理期限（工作日）", "Comment dispositions (working days)"),
    "hearing_record_days": ("听证笔录签名期限（日）", "Hearing record signed within (days)"),
    "risk_round_days": ("每轮风险评估期限（日）", "Each risk round (days)"),
    "convening_days": ("召开会议期限（日）", "Meeting convened within (days)"),
    "head_decision_days": ("行政首长决定期限（日）", "Head's decision within (days)"),
    "overall_days": ("决策总期限（日，空：按类别）", "Whole decision within (days; empty: by category)"),
}


def words(key: str, path: Location) -> tuple[str, str]:
    """A field's or a section's name in Chinese and English; a KeyError names a key without words."""
    parent = f"{path[-2]}.{key}" if len(path) > 1 else ""
    return WORDS[parent] if parent in WORDS else WORDS[key]


def option_words(value: str) -> str:
    """A choice's value in words: 重要规划 important plan, 常务会议 executive meeting, 高 high."""
    return CATEGORY_LABELS.get(value) or VALUE_LABELS.get(value, value)
