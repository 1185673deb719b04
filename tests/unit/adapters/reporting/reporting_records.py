"""A small synthetic decision record for the archive tests, hashed with the real ledger code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from juece.domain.record.ledger import GENESIS, entry_hash

DECISION = "yanshou-2027-001"
HOSTILE = '<b>加粗</b></para><img src="/etc/hostname"/>&amp; <font size=40>大</font>'
COMMENT = "建议在新院区增设儿科急诊，并延长夜间门诊时间，方便群众就医。"
RARE = "𠀀"  # CJK Ext. B: set in a fallback font
NO_FONT = "\U00031350"  # CJK Ext. H: no embedded font has it
EMOJI = "😀"
LONG = ("第一段：关于选址的意见。" * 40 + "\n") * 6 + "Long English sentence, " * 60

SPEC: dict[str, Any] = {
    "id": DECISION,
    "title": "延寿县人民医院新院区建设项目",
    "title_en": "New campus of Yanshou County People's Hospital",
    "category": "major_public_construction",
    "decision_body": "延寿县人民政府",
    "sponsor_unit": "延寿县卫生健康局",
    "sponsor_office": "sponsor_office",
    "draft": {
        "text": "第一条 新院区选址于县城东部新区，占地约八万平方米，设置床位五百张。\n"
                "第二条 项目总投资约六点二亿元，其中县级财政资金一点五亿元，其余申请专项债券。",
        "explanation": "县人民医院现有院区床位紧张、无扩建空间。项目列入县“十五五”规划。",
        "version": 1,
    },
    "legal_basis": ["《中华人民共和国政府投资条例》第九条",
                    "《重大行政决策程序暂行条例》第三条第一款第（四）项"],
    "stages": {
        "public_participation": {"comment_period_days": 30},
        "expert_review": {"experts": ["expert_1", "expert_2", "expert_3"]},
        "legality_review": {"reviewer": "legality_reviewer", "review_working_days": 7},
    },
}

# (stage, kind, actor, data)
EVENTS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("launch", "launched", "sponsor_office", {"spec": SPEC, "clock_scale": 86400}),
    ("launch", "workflow_started", "airflow", {"run_id": "manual__2027-03-01"}),
    ("public_participation", "notice_published", "sponsor_office",
     {"deadline": "2027-03-31", "how_to_comment": "无需账号 / no account needed"}),
    ("public_participation", "comment_received", "public",
     {"receipt": "C-0001", "text": COMMENT, "paragraph": 1, "late": False}),
    ("public_participation", "comment_received", "public",
     {"receipt": "C-0002", "text": HOSTILE, "paragraph": 2, "late": False}),
    ("public_participation", "comment_received", "public",
     {"receipt": "C-0003", "text": f"表情{EMOJI}与生僻字{RARE}，无字形{NO_FONT}，控制字符\x07。",
      "paragraph": None, "late": True}),
    ("public_participation", "comment_received", "public",
     {"receipt": "C-0004", "text": LONG, "paragraph": 3, "late": False}),
    ("public_participation", "comments_closed", "airflow", {"count": 4}),
    ("public_participation", "comment_disposed", "sponsor_office",
     {"receipt": "C-0001", "disposition": "adopted", "reason": "已在第一条中增加儿科急诊。"}),
    ("expert_review", "opinion_submitted", "expert_1",
     {"expert": "expert_1", "necessity": "必要", "feasibility": "可行", "soundness": "科学",
      "conclusion": "同意", "conditions": ["完善资金平衡方案", "补充交通影响评价"],
      "opinion": "项目必要、可行。", "opinion_sha256": "ab" * 32}),
    ("risk_assessment", "risk_assessed", "risk_assessor",
     {"points": [{"point": "专项债券发行不及预期", "level": "medium", "mitigation": "分期建设"}],
      "departments_heard": ["财政局", "发改局"], "response_plan": "启动备用资金。",
      "controllable": True}),
    ("legality_review", "legality_reviewed", "legality_reviewer",
     {"outcome": "lawful", "authority": "县政府有权决定", "procedure": "程序完备"}),
    ("legality_review", "gate_passed", "airflow", {"gate": "R-E1"}),
    ("collective_deliberation", "member_view", "member_1",
     {"member": "member_1", "view": "agree", "remarks": "同意。"}),
    ("collective_deliberation", "head_decision", "county_head",
     {"outcome": "approve", "reason": "多数同意，风险可控。"}),
    ("collective_deliberation", "answer_refused", "member_2",
     {"rule": "R-F3", "zh": "会议已结束", "en": "the meeting is over", "task": "member_view",
      "by": "member_2"}),
    ("publication", "published", "sponsor_office", {"announcement": "延政发〔2027〕1号"}),
]


def make_entries(events: list[tuple[str, str, str, dict[str, Any]]],
                 decision_id: str = DECISION) -> list[dict[str, Any]]:
    start = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)
    entries: list[dict[str, Any]] = []
    prev = GENESIS
    for seq, (stage, kind, actor, data) in enumerate(events, start=1):
        body = {"decision_id": decision_id, "seq": seq, "stage": stage, "kind": kind,
                "actor": actor, "at": (start + timedelta(seconds=7 * seq)).isoformat(),
                "data": data}
        body["prev_hash"] = prev
        body["hash"] = prev = entry_hash(prev, body)
        entries.append(body)
    return entries


def make_record(events: list[tuple[str, str, str, dict[str, Any]]] | None = None,
                ) -> dict[str, Any]:
    entries = make_entries(EVENTS if events is None else events)
    return {"format": "juece-record/1", "decision_id": DECISION, "edition": "full",
            "chain_head": entries[-1]["hash"], "entries": entries}
