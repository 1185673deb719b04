"""Chinese and English names for what the ledger records: its kinds of entry, and the coded
values its data holds (outcomes, dispositions, levels, categories, editions). One table for every
reader of the record: the archive PDF (adapters/reporting/labels.py), the record in words
(domain/archive/timeline.py), the catalogue and the search page."""

from __future__ import annotations

from juece.domain.expert_review.seat_answers import CONCLUSION_LABELS

KIND_LABELS: dict[str, tuple[str, str]] = {
    "launched": ("决策启动", "Decision launched"),
    "workflow_started": ("流程启动", "Workflow started"),
    "not_applicable": ("环节不适用", "Stage not applicable"),
    "notice_published": ("发布征求意见公告", "Consultation notice published"),
    "comment_received": ("收到公众意见", "Comment received"),
    "comments_closed": ("征求意见截止", "Comment period closed"),
    "comment_disposed": ("公众意见处理", "Comment disposed"),
    "adoption_report": ("意见采纳情况", "Adoption report"),
    "opinion_submitted": ("专家论证意见", "Expert opinion submitted"),
    "panel_drawn": ("抽取论证专家", "Expert panel drawn"),
    "opinion_requested": ("请专家提出论证意见", "Opinion requested"),
    "reminder_sent": ("提醒专家答复", "Reminder sent"),
    "conflict_declared": ("专家申报利害关系回避", "Conflict of interest declared"),
    "expert_replaced": ("递补专家", "Replacement expert drawn"),
    "expert_non_responding": ("专家逾期未答复", "Expert did not respond"),
    "panel_shortfall": ("专家人数不足", "Panel shortfall"),
    "opinion_signed": ("专家签名", "Opinion signed"),
    "panel_closed": ("专家论证结束", "Panel closed"),
    "opinion_disposed": ("专家意见采纳处理", "Expert opinion disposed"),
    "risk_assessed": ("风险评估报告", "Risk assessed"),
    "risk_concluded": ("风险评估结论", "Risk assessment concluded"),
    "draft_revised": ("承办单位修改草案", "Draft revised by the sponsor"),
    "submission_prepared": ("报送合法性审查", "Submission prepared"),
    "adviser_opinion": ("法律顾问意见", "Opinion of the legal adviser"),
    "legality_reviewed": ("合法性审查意见", "Legality reviewed"),
    "gate_passed": ("程序关口通过", "Gate passed"),
    "gate_closed": ("程序关口未通过", "Gate closed"),
    "meeting_convened": ("召开会议", "Meeting convened"),
    "materials_issued": ("分发会议材料", "Materials issued"),
    "member_view": ("组成人员意见", "View of a member"),
    "head_decision": ("行政首长决定", "Decision of the head of government"),
    "minutes_recorded": ("会议纪要", "Minutes recorded"),
    "published": ("决策公布", "Decision published"),
    "not_published": ("决定不公布", "Not published"),
    "archive_built": ("生成决策档案", "Archive built"),
    "fixity_failed": ("档案完整性校验不符", "Fixity check failed"),
    "evaluation_scheduled": ("安排后评估", "Evaluation scheduled"),
    "deliberation_concluded": ("会议决定的后续处理", "Outcome of the meeting and what follows"),
    "publication_overdue": ("逾期公布", "Published after the deadline"),
    "implementation_reported": ("实施情况报告", "Implementation reported"),
    "complaint_recorded": ("收到投诉", "Complaint recorded"),
    "evaluation_requested": ("申请决策后评估", "Evaluation requested"),
    "evaluation_opened": ("开始决策后评估", "Evaluation opened"),
    "evaluation_concluded": ("决策后评估结论", "Evaluation concluded"),
    "amendment_launched": ("启动调整决策", "Amendment decision launched"),
    "answer_refused": ("拒绝办理", "Action refused"),
    "calendar_warning": ("节假日安排尚未公布", "Holiday schedule not yet published"),
    "channel_recorded": ("其他参与渠道", "Other participation channel recorded"),
    "hearing_announced": ("听证会公告", "Hearing announced"),
    "hearing_materials_issued": ("分发听证材料", "Hearing materials issued"),
    "hearing_held": ("举行听证会", "Hearing held"),
    "hearing_record_signed": ("听证笔录签字", "Hearing record signed"),
    "hearing_signup_received": ("听证会公开报名", "Public sign-up for the hearing"),
    "hearing_seats_drawn": ("确定公开报名参加人", "Public seats of the hearing filled"),
    "member_absent": ("组成人员缺席", "Member absent"),
    "archive_issued": ("档案编号登记", "Archive issued"),
    "archive_retrieved": ("调阅档案", "Archive retrieved"),
    "personal_data_erased": ("删除个人信息", "Personal data erased"),
    "calendar_awaited": ("等待载入节假日安排", "Waiting for the holiday schedule"),
    "calendar_loaded": ("节假日安排已载入", "Holiday schedule loaded"),
    "step_refused": ("拒绝执行步骤", "Step refused"),
    "notice_sent": ("发送通知", "Notice sent"),
    "announcement_reviewed": ("承办单位审定公告", "Announcement reviewed by the sponsor office"),
}

CATEGORY_LABELS: dict[str, str] = {
    "public_policy": "公共政策 public policy",
    "important_plan": "重要规划 important plan",
    "resources_policy": "资源政策 resources policy",
    "major_public_construction": "重大公共建设项目 major public construction project",
    "other_public_interest": "其他重大公共利益事项 other major public interest",
}

VALUE_LABELS: dict[str, str] = {
    "approve": "通过 approve", "approved": "通过 approved",
    "reject": "不予通过 reject", "rejected": "不予通过 rejected",
    "revise": "修改后再次提交 revise and resubmit",
    "revise_and_resubmit": "修改后再次提交 revise and resubmit",
    "postpone": "暂缓 postpone", "postponed": "暂缓 postponed",
    "adopted": "采纳 adopted", "partly_adopted": "部分采纳 partly adopted",
    "not_adopted": "不予采纳 not adopted", "lawful": "合法 lawful",
    "lawful_with_revisions": "修改后合法 lawful with revisions", "unlawful": "不合法 unlawful",
    "agree": "同意 agree", "disagree": "不同意 disagree", "abstain": "弃权 abstain",
    "low": "低 low", "medium": "中 medium", "high": "高 high",
    "executive": "常务会议 executive meeting", "plenary": "全体会议 plenary meeting",
    "continue": "继续执行 continue", "adjust": "调整 adjust", "stop": "停止执行 stop",
    "lottery": "公开抽签 seeded lottery", "order": "按报名先后 by order of sign-up",
    "resubmit": "修改后再审 resubmit", "not_published": "不公布 not published", "publish": "公布 publish",
    # a risk point's dimension (domain/risk/register.py DIMENSIONS)
    "social_stability": "社会稳定 social stability", "public_safety": "公共安全 public safety",
    "ecology": "生态环境 ecology and environment", "public_finance": "公共财政 public finance", "other": "其他 other",
    **CONCLUSION_LABELS,  # an expert's conclusion, in the words of the expert's own form
    "partially_adopted": "部分采纳 partly adopted",
    # a notice: what it tells (domain/notices) and whether it reached its recipient
    "opened": "任务开启通知 task opened", "reminder": "到期提醒 reminder", "escalation": "逾期催办 escalation",
    "digest": "每日待办汇总 daily digest", "delivered": "已送达 delivered", "failed": "未送达 failed",
    # why an evaluation was asked for (domain/evaluation)
    "schedule": "按计划评估 scheduled", "complaints": "投诉累积 complaints", "on_demand": "决策机关要求 on demand",
    # a step's state in the compliance facts and the annual report
    "done": "已履行 done", "missing": "未见记录 missing", "not_applicable": "不适用 not applicable",
    "in_progress": "办理中 in progress", "overdue": "逾期 overdue",
    # how an opinion was signed
    "passkey": "通行密钥 passkey",
}

EDITION_LABELS: dict[str, str] = {
    "full": "完整版（限制查阅）full edition, restricted access",
    "public": "公开版（已隐去个人信息）public edition, personal data omitted",
}

UNDECIDED = "未决 / undecided"

# What a fixity check found wrong with an archive (services/fixity.py), Chinese first.
FIXITY_CHECKS: dict[str, str] = {
    "hash_mismatch": "文件哈希不符 SHA-256 differs", "unreadable": "文件无法读取 file cannot be read",
    "store_missing": "档案库未配置 store not configured",
    "verify_failed": "档案校验未通过 archive verification failed",
    "chain_broken": "哈希链损坏 ledger chain broken",
}
