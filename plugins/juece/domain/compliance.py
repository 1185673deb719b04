"""Which rule of the statute applied to a decision, and the ledger entry that proves it.

For the archive's compliance table (R-H1): each rule is met (an entry proves it), not
applicable (with the recorded reason), or open (nothing proves it yet). Refused answers that
cite a rule are counted as well: they show the rule being enforced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# rule id, Chinese, English, stage it belongs to, entry kinds that prove it
RULES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("R-A1", "决策要素齐备", "decision body, sponsor, title, category", "launch", ("launched",)),
    ("R-A2", "五个法定环节齐备", "all five statutory stages in the workflow", "launch", ("workflow_started",)),
    ("R-A3", "列入年度决策事项目录", "listed in the annual catalogue", "launch", ("launched",)),
    ("R-B1", "公布草案及征求意见方式", "draft published with how and until when to comment",
     "public_participation", ("notice_published",)),
    ("R-B2", "征求意见不少于30日", "comment period of at least 30 days", "public_participation",
     ("notice_published",)),
    ("R-B3", "无需账号即可提交意见", "comments without a government account", "public_participation",
     ("comment_received", "comments_closed")),
    ("R-B4", "逐条处理公众意见", "every comment disposed of", "public_participation", ("comment_disposed",)),
    ("R-B5", "意见采纳情况", "adoption report", "public_participation", ("adoption_report",)),
    ("R-B6", "听证会", "hearing", "public_participation", ("hearing_held", "hearing_announced")),
    ("R-B7", "其他公众参与方式", "other channels recorded", "public_participation",
     ("channel_recorded",)),
    ("R-C1", "专家论证必要性、可行性、科学性", "experts assess necessity, feasibility, soundness",
     "expert_review", ("opinion_submitted",)),
    ("R-C2", "专家遴选", "experts chosen for expertise and neutrality", "expert_review", ("panel_drawn",)),
    ("R-C3", "利害关系人回避", "no interested party on the panel", "expert_review", ("panel_drawn",)),
    ("R-C4", "专家来自专家库", "experts from the library", "expert_review", ("panel_drawn",)),
    ("R-C5", "专家人数为奇数且不少于5人", "odd panel of at least five", "expert_review", ("panel_drawn",)),
    ("R-C6", "专家意见采纳处理", "each expert opinion disposed of", "expert_review", ("opinion_disposed",)),
    ("R-D1", "开展风险评估", "risk assessment carried out", "risk_assessment", ("risk_assessed",)),
    ("R-D2", "风险点、防范措施和处置预案", "risk points, measures, response plan", "risk_assessment",
     ("risk_assessed",)),
    ("R-D3", "风险等级评定", "risk levels scored", "risk_assessment", ("risk_assessed",)),
    ("R-D4", "风险可控方可提交", "only a controllable risk goes on", "risk_assessment", ("risk_concluded",)),
    ("R-E1", "未经合法性审查不得提交讨论", "no deliberation without a legality review", "legality_review",
     ("gate_passed", "gate_closed")),
    ("R-E2", "报送材料齐备", "complete submission", "legality_review", ("submission_prepared",)),
    ("R-E3", "审查期限不少于7个工作日", "at least 7 working days for the review", "legality_review",
     ("submission_prepared",)),
    ("R-E4", "审查权限、程序和内容", "authority, procedure and content reviewed", "legality_review",
     ("legality_reviewed",)),
    ("R-F1", "会前送达材料", "materials to members before the meeting", "collective_deliberation",
     ("materials_issued",)),
    ("R-F2", "常务会议或全体会议讨论", "executive or plenary meeting", "collective_deliberation",
     ("meeting_convened",)),
    ("R-F3", "如实记录每位组成人员意见", "every member's view recorded", "collective_deliberation",
     ("member_view", "minutes_recorded")),
    ("R-F4", "行政首长决定与多数意见不一致须说明理由", "the head's reason for a different decision",
     "collective_deliberation", ("head_decision",)),
    ("R-F5", "会议决定", "meeting outcome", "collective_deliberation", ("head_decision",)),
    ("R-G1", "及时公布决策", "decision published promptly", "publication", ("published",)),
    ("R-G2", "明确执行单位并报告执行情况", "implementing unit reports", "post_evaluation",
     ("implementation_reported",)),
    ("R-G3", "决策后评估", "post-decision evaluation", "post_evaluation", ("evaluation_concluded",)),
    ("R-G4", "评估主体独立", "independent evaluator", "post_evaluation", ("evaluation_opened",)),
    ("R-G5", "依程序调整决策", "changes only through the procedure", "post_evaluation",
     ("amendment_launched",)),
    ("R-H1", "全过程记录并归档", "every step recorded and archived", "archive", ("archive_issued", "archive_built")),
    ("R-H2", "档案不得篡改", "archive tamper-evident", "archive", ("archive_issued", "archive_built")),
    ("R-H3", "电子档案真实、完整、可用、安全", "authentic, complete, usable, secure", "archive",
     ("archive_issued", "archive_built")),
    ("R-H4", "永久保管", "kept permanently", "archive", ("archive_issued", "archive_built")),
    ("R-H5", "责任可追溯", "who did what is traceable", "archive", ("launched",)),
    ("R-H6", "公开版隐去个人信息", "public edition without personal data", "archive", ("archive_issued", "archive_built")),
)
MET, NOT_APPLICABLE, OPEN, NOT_USED = "met", "not_applicable", "open", "not_used"
# Rules RULES.md marks [S] (the seed plan's practice, not the statute): unused is no breach.
OPTIONAL = frozenset({"R-A3", "R-B6", "R-B7", "R-C4", "R-D3", "R-F5", "R-G3", "R-H4"})


@dataclass(frozen=True)
class RuleStatus:
    rule: str
    zh: str
    en: str
    status: str
    proof: dict[str, Any] | None  # the first entry proving it, or the not-applicable entry
    refusals: int  # answers refused under this rule


def _not_applicable(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = {}
    for entry in entries:
        if entry.get("kind") == "not_applicable":
            found.setdefault(str(entry.get("stage")), entry)
    return found


def _refusals(entries: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.get("kind") == "answer_refused" and isinstance(entry.get("data"), dict):
            rule = str(entry["data"].get("rule"))
            counts[rule] = counts.get(rule, 0) + 1
    return counts


def compliance(entries: list[dict[str, Any]]) -> list[RuleStatus]:
    """The status of every rule for this record, in the statute's order."""
    first: dict[str, dict[str, Any]] = {}
    for entry in entries:
        first.setdefault(str(entry.get("kind")), entry)
    skipped = _not_applicable(entries)
    refused = _refusals(entries)
    result = []
    for rule, zh, en, stage, kinds in RULES:
        proof = next((first[kind] for kind in kinds if kind in first), None)
        if proof is not None:
            status = MET
        elif stage in skipped:
            status, proof = NOT_APPLICABLE, skipped[stage]
        elif rule in OPTIONAL:
            status = NOT_USED
        else:
            status = OPEN
        result.append(RuleStatus(rule, zh, en, status, proof, refused.get(rule, 0)))
    return result
