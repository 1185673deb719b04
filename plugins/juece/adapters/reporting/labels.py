"""Chinese and English names for what the ledger records, and its data as readable lines.

The names of kinds and values are the domain's (domain/record/labels.py), shared with the record
in words; the names of data fields and the layout of nested data are the archive's own."""

from __future__ import annotations

import json
from typing import Any

from juece.domain.record.clock import china_time
from juece.domain.record.labels import (  # noqa: F401  (re-exported: the archive's readers import them here)
    CATEGORY_LABELS,
    EDITION_LABELS,
    KIND_LABELS,
    UNDECIDED,
    VALUE_LABELS,
)

FIELD_LABELS: dict[str, str] = {
    "reason": "理由", "article": "条款", "receipt": "回执号", "text": "内容",
    "paragraph": "所涉段落", "late": "逾期", "disposition": "处理结果", "expert": "专家",
    "necessity": "必要性", "feasibility": "可行性", "soundness": "科学性",
    "conclusion": "结论", "conditions": "附加条件", "opinion": "意见",
    "opinion_sha256": "意见哈希", "points": "风险点", "departments_heard": "听取意见的部门",
    "response_plan": "处置预案", "controllable": "风险可控", "outcome": "结果",
    "member": "组成人员", "view": "意见", "remarks": "备注", "announcement": "公告",
    "rule": "规则", "zh": "说明", "task": "任务", "by": "操作人", "clock_scale": "时钟倍率",
    "spec": "决策方案", "title": "标题", "deadline": "截止时间", "summary": "摘要",
    "members": "组成人员", "present": "出席人员", "level": "等级", "likelihood": "可能性",
    "impact": "影响", "mitigation": "防范措施", "measures": "防范措施", "point": "风险点",
    "url": "网址", "channel": "渠道", "days": "天数", "counts": "统计", "version": "版本",
    "reviewer": "审查人", "adviser": "法律顾问", "meeting_type": "会议类型", "quorum": "法定人数",
    "majority": "多数意见", "gate": "关口", "sha256": "SHA-256", "path": "文件",
    "stage": "环节", "comments": "意见", "due": "到期", "run_id": "运行编号", "last_day": "期间最后一日",
    "opens_at": "发布时间", "closes_at": "截止时间（24时）", "effective_closes_at": "实际截止（加速时钟）",
    "materials_due": "材料送达最后一日",
    "authority": "职权", "procedure": "程序", "content": "内容", "count": "数量",
    "how_to_comment": "提交方式", "sponsor_office": "承办科室", "stages": "环节设置",
    "public_participation": "公众参与", "expert_review": "专家论证",
    "risk_assessment": "风险评估", "legality_review": "合法性审查",
    "collective_deliberation": "集体讨论决定", "publication": "决策公布",
    "post_evaluation": "决策后评估", "comment_period_days": "征求意见天数",
    "urgency_reason": "紧急理由", "hearing": "听证会", "experts": "专家",
    "assessor": "评估人", "seat": "席位", "digest": "意见摘要", "signature": "签名",
    "public_key": "公钥", "key_fingerprint": "公钥指纹", "algorithm": "算法", "seed": "随机种子",
    "pool": "专家库", "seats": "席位", "excluded": "排除", "specialties": "专业", "covers": "覆盖专业",
    "pool_sha256": "专家库候选名单 SHA-256", "pool_size": "专家库人数", "excluded_count": "排除人数",
    "panel": "专家组成员", "affiliation": "工作单位", "official_of": "所属机关",
    "panel_size": "专家组人数", "line_department": "承办单位主管部门", "interested_parties": "利害关系人",
    "response_days": "答复期限（日）", "reminder_days": "提前提醒（日）", "reserve_seats": "后备席位",
    "replaces": "被替换专家", "vacated_seat": "空缺席位", "statement": "说明", "due_at": "答复期限",
    "no_conflict": "无利害关系", "signed": "已签名", "withdrawn": "回避", "non_responding": "未答复",
    "decision": "决策", "quorum_met": "达到法定人数", "unused_reserves": "未用后备席位", "active": "在任人数",
    "third_party": "第三方评估机构", "review_working_days": "审查工作日",
    "legal_adviser": "法律顾问", "head": "行政首长", "secretary": "记录人",
    "within_working_days": "公布时限（工作日）", "implementing_unit": "执行单位",
    "evaluator_unit": "评估单位", "after_months": "评估间隔（月）", "applicable": "适用",
    "not_applicable_reason": "不适用理由", "catalogue": "决策事项目录", "year": "年度",
    "number": "编号", "place": "地点", "time": "时间", "selection_method": "遴选方式",
    "participants": "参加人", "materials_days_before": "材料提前天数",
    "notice_days_before": "公告提前天数", "months": "月数",
    "matrix": "风险矩阵", "max_rounds": "最多轮次", "round": "轮次", "rounds": "轮数",
    "rounds_exhausted": "轮次已用尽", "draft_version": "草案版本", "previous_version": "原版本",
    "changes": "修改说明", "text_sha256": "文本哈希", "previous_sha256": "原文本哈希",
    "in_response_to": "针对记录", "uncontrolled_points": "不可控风险点", "mitigation_accepted": "防控措施已接受",
    "measure": "防范措施", "description": "描述", "dimension": "维度", "latest_assessment": "最近一轮评估",
    "draft_text": "草案文本", "draft_sha256": "草案哈希", "draft_entry": "草案记录", "legal_basis": "法律依据",
    "procedures": "已履行程序", "evidence": "证据（记录哈希）", "submitted_on": "报送日期",
    "review_due": "审查期限届满日", "calendar": "工作日历", "refusals": "未通过理由", "facts": "记录事项",
    "status": "状态", "label": "名称", "note": "说明", "rules": "规则", "revisions": "修改意见",
    "legality_outcome": "审查结论", "risk_controllable": "风险可控", "exploratory_override": "探索性改革例外",
    "legal_risk": "法律风险", "review_entry": "审查记录", "authority_provisions": "权限所依据的规定",
    "procedure_provisions": "程序所依据的规定", "content_provisions": "内容所依据的规定",
    "recorded_by": "记录人", "consequence": "后续处理", "findings": "评估结论", "public_views": "公众意见",
    "adjustment": "调整内容", "amendment_id": "调整决策编号", "amendment": "调整决策", "trigger": "启动方式",
    "evaluator": "评估人", "working_days": "工作日数", "days_over": "逾期工作日", "overdue": "逾期",
    "complaint_threshold": "投诉阈值", "amends": "所调整的决策",
}

MAX_DEPTH = 6
NESTING = " › "


def kind_label(kind: str, sep: str = " ") -> str:
    """'收到公众意见 Comment received' for a kind; the raw kind if unknown."""
    zh, en = KIND_LABELS.get(kind, ("", ""))
    return f"{zh}{sep}{en}" if zh else kind


def kind_chinese(kind: str) -> str:
    """'收到公众意见' for a kind; the raw kind if unknown."""
    return KIND_LABELS.get(kind, (kind, ""))[0] or kind


def field_label(key: str) -> str:
    """'理由 reason' for a data key; the key itself if unknown."""
    zh = FIELD_LABELS.get(key)
    return f"{zh} {key}" if zh else key


def value_text(value: Any) -> str:
    """A scalar as a reader would write it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是 yes" if value else "否 no"
    if isinstance(value, str):
        return VALUE_LABELS.get(value, value)
    return str(value)


def outcome_label(outcome: Any) -> str:
    return UNDECIDED if outcome in (None, "") else value_text(outcome)


def category_label(category: Any) -> str:
    return CATEGORY_LABELS.get(str(category), value_text(category))


def flatten(value: Any, label: str = "", depth: int = 0) -> list[tuple[str, str]]:
    """Nested data as (label, text) lines; nested keys joined with ' › ', list items numbered.

    Below MAX_DEPTH levels the rest is shown as compact JSON.
    """
    if depth >= MAX_DEPTH and isinstance(value, dict | list | tuple) and value:
        return [(label, json.dumps(value, ensure_ascii=False, sort_keys=True))]
    if isinstance(value, dict):
        if not value:
            return [(label, "—")]
        lines: list[tuple[str, str]] = []
        for key in value:
            name = field_label(str(key))
            item = value[key]
            if str(key).endswith("_at") and isinstance(item, str):  # a moment: China time, zone stated
                item = china_time(item)
            lines += flatten(item, f"{label}{NESTING}{name}" if label else name, depth + 1)
        return lines
    if isinstance(value, list | tuple):
        if not value:
            return [(label, "—")]
        if len(value) == 1 and not isinstance(value[0], dict | list | tuple):
            return [(label, value_text(value[0]))]
        lines = []
        for number, item in enumerate(value, start=1):
            lines += flatten(item, f"{label} {number}" if label else str(number), depth + 1)
        return lines
    return [(label, value_text(value))]
