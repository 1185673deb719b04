"""A synthetic record with every part the dossier's review, risk, legality, meeting and evaluation
documents read: a drawn panel, signed opinions (Ed25519 and SM2, one signature forged), a
replacement, two risk rounds, a legality review citing provisions, a meeting whose head departs
from the majority, and an evaluation. Hashed with the real ledger code (reporting_records)."""

from __future__ import annotations

from functools import cache
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from juece.domain.expert_review.signatures import (
    key_fingerprint,
    new_key_pair,
    opinion_digest,
    public_key_of,
    sign_digest,
)
from tests.unit.adapters.reporting.reporting_records import SPEC, make_entries

DECISION = "yanshou-2027-001"
PEOPLE = {"sponsor_office": "周敏", "county_head": "张伟", "member_1": "王海", "member_2": "李红",
          "member_3": "赵刚", "secretary": "吴芳", "legality_reviewer": "陈静", "legal_adviser": "刘洋",
          "risk_assessor": "韩冰", "evaluator": "孙杰"}
DOSSIER_SPEC: dict[str, Any] = {**SPEC, "stages": {
    **SPEC["stages"],
    "expert_review": {"line_department": "延寿县卫生健康局", "quorum": 3, "reserve_seats": 1},
    "risk_assessment": {"assessor": "risk_assessor", "third_party": "哈尔滨社会稳定风险评估中心", "max_rounds": 3},
    "legality_review": {"reviewer": "legality_reviewer", "legal_adviser": "legal_adviser", "max_rounds": 3,
                        "review_working_days": 7},
    "collective_deliberation": {"meeting_type": "executive", "members": ["member_1", "member_2", "member_3",
                                                                         "county_head"],
                                "head": "county_head", "secretary": "secretary", "quorum": 0.5},
    "post_evaluation": {"evaluator": "evaluator", "evaluator_unit": "延寿县发展和改革局",
                        "implementing_unit": "延寿县卫生健康局", "after_months": 24},
}}
MATRIX = [["low"] * 5, ["low", "low", "medium", "medium", "medium"], ["low", "medium", "medium", "medium", "high"],
          ["low", "medium", "medium", "high", "high"], ["low", "medium", "high", "high", "high"]]
FORGED = "expert_3"


def _ed25519_pem(seed: int) -> str:
    key = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode("ascii")


def _expert(user: str, name: str, specialties: list[str], affiliation: str, pem: str | None) -> dict[str, Any]:
    return {"user": user, "name": name, "specialties": specialties, "affiliation": affiliation, "official_of": None,
            "integrity": "无不良记录", "removed": False, "removed_on": None, "removed_reason": "",
            "public_key": public_key_of(pem) if pem else None}


def _opinion(user: str, seat: str, conclusion: str, conditions: str | None, pem: str,
             forged: bool = False) -> list[tuple[str, str, str, dict[str, Any]]]:
    content = {"decision": DECISION, "seat": seat, "expert": user, "conclusion": conclusion,
               "necessity": "现有院区床位紧张，建设必要。", "feasibility": "资金来源基本落实，可行。",
               "soundness": "选址与规模论证合理。", "conditions": conditions, "opinion": "本项目论证意见全文。"}
    digest = opinion_digest(content)
    signed_digest = opinion_digest({**content, "opinion": "另一份意见"}) if forged else digest
    public = public_key_of(pem)
    submitted = {**content, "no_conflict": True, "digest": digest, "rule": "R-C1"}
    signature = {"seat": seat, "expert": user, "digest": digest, "signature": sign_digest(pem, signed_digest),
                 "public_key": public, "key_fingerprint": key_fingerprint(public), "algorithm": "Ed25519",
                 "rule": "R-C1"}
    return [("expert_review", "opinion_submitted", user, submitted),
            ("expert_review", "opinion_signed", user, signature)]


def _review(keys: dict[str, str]) -> list[tuple[str, str, str, dict[str, Any]]]:
    pool = [_expert("expert_1", "王建国", ["医院管理"], "哈尔滨医科大学", keys["expert_1"]),
            _expert("expert_2", "李秀英", ["财政", "工程造价"], "东北林业大学", keys["expert_2"]),
            _expert("expert_3", "罗文博", ["建筑工程"], "哈尔滨工业大学", keys["expert_3"]),
            _expert("expert_4", "何永平", ["交通工程"], "黑龙江省交通规划设计研究院", keys["expert_4"]),
            _expert("expert_5", "于海波", ["医院管理"], "某医院", None)]
    seats = [{"seat": "seat_1", "user": "expert_1", "covers": ["医院管理"]},
             {"seat": "seat_2", "user": "expert_2", "covers": ["财政"]},
             {"seat": "seat_3", "user": "expert_3", "covers": []}]
    rules = {"size": 3, "specialties": ["医院管理", "财政"], "line_department": "延寿县卫生健康局",
             "interested": ["county_head", "member_1"]}
    drawn = {"algorithm": "juece-draw/1", "seed": "dossier", "rules": rules, "pool": pool, "seats": seats,
             "excluded": {"expert_5": "R-C4"}}
    return [
        ("expert_review", "panel_drawn", "sponsor_office", drawn),
        *_opinion("expert_1", "seat_1", "support_with_conditions", "补充交通影响评价", keys["expert_1"]),
        *_opinion("expert_2", "seat_2", "support", None, keys["expert_2"]),
        *_opinion("expert_3", "seat_3", "oppose", None, keys["expert_3"], forged=True),
        ("expert_review", "conflict_declared", "expert_3",
         {"seat": "seat_3", "expert": "expert_3", "statement": "本人曾参与该项目咨询。", "rule": "R-C3"}),
        ("expert_review", "expert_replaced", "juece",
         {"seat": "reserve_1", "expert": "expert_4", "covers": [], "replaces": "expert_3", "vacated_seat": "seat_3",
          "reason": "conflict", "seed": "dossier", "rule": "R-C3"}),
        ("expert_review", "panel_closed", "juece", {"quorum": 2, "quorum_met": True, "rule": "R-C6"}),
        ("expert_review", "opinion_disposed", "sponsor_office",
         {"ref": "expert_1", "disposition": "partly_adopted", "reason": "交通影响评价纳入下一阶段。", "rule": "R-C6"}),
        ("expert_review", "opinion_disposed", "sponsor_office",
         {"ref": "expert_2", "disposition": "adopted", "reason": "", "rule": "R-C6"}),
        ("expert_review", "opinion_disposed", "sponsor_office",
         {"ref": "expert_3", "disposition": "not_adopted", "reason": "依据不足。", "rule": "R-C6"}),
    ]


def _risk(number: int, version: int, level: str, accepted: bool) -> tuple[str, str, str, dict[str, Any]]:
    point = {"id": "R1", "description": "专项债券发行不及预期", "dimension": "public_finance", "likelihood": 4,
             "impact": 4, "level": level, "measure": "分期建设，备用资金", "mitigation_accepted": accepted}
    return ("risk_assessment", "risk_assessed", "risk_assessor",
            {"round": number, "max_rounds": 3, "draft_version": version, "points": [point],
             "departments_heard": ["县财政局", "县发改局"], "response_plan": "启动备用资金。", "controllable": accepted,
             "uncontrolled_points": [] if accepted else ["R1"], "third_party": "哈尔滨社会稳定风险评估中心",
             "matrix": MATRIX, "rules": ["R-D2", "R-D3", "R-D4"]})


def _later() -> list[tuple[str, str, str, dict[str, Any]]]:
    cited = {"authority_provisions": [{"law": "中华人民共和国城乡规划法", "article": "第二十条"}],
             "procedure_provisions": [{"law": "重大行政决策程序暂行条例", "article": "25"}]}
    views = [{"member": "member_1", "view": "agree", "remarks": "", "recorded_by": "member_1"},
             {"member": "member_2", "view": "disagree", "remarks": "财政压力过大，建议缓建。", "recorded_by": "secretary"},
             {"member": "member_3", "view": "disagree", "remarks": "选址交通不便。", "recorded_by": "member_3"}]
    meeting = {"meeting_type": "executive", "meeting_name": "常务会议", "attendees": ["member_1", "member_2",
               "member_3", "county_head"], "absentees": [], "quorum": 0.5, "rule": "R-F2"}
    return [
        _risk(1, 1, "high", False),
        ("risk_assessment", "draft_revised", "sponsor_office",
         {"previous_version": 1, "version": 2, "changes": "分两期建设。", "rule": "R-D4"}),
        _risk(2, 2, "high", True),
        ("risk_assessment", "risk_concluded", "juece", {"controllable": True, "draft_version": 2, "rounds": 2,
                                                        "max_rounds": 3, "rounds_exhausted": False, "rule": "R-D4"}),
        ("legality_review", "submission_prepared", "sponsor_office",
         {"draft_version": 2, "draft_sha256": "cd" * 32, "draft_text": "第一条 新院区分两期建设。",
          "legal_basis": SPEC["legal_basis"], "submitted_on": "2027-03-01", "review_working_days": 7,
          "review_due": "2027-03-10", "calendar": "official", "rules": ["R-E2", "R-E3"],
          "procedures": [{"stage": "risk_assessment", "label": "风险评估 Risk assessment", "status": "done",
                          "facts": {"risk_assessed": 2}, "evidence": ["ef" * 32]}]}),
        ("legality_review", "adviser_opinion", "legal_adviser",
         {"conclusion": "lawful", "opinion": "权限、程序、内容均合法。", "rule": "R-E4"}),
        ("legality_review", "legality_reviewed", "legality_reviewer",
         {"outcome": "lawful", "round": 1, "max_rounds": 3, "draft_version": 2, "authority": "县政府有权决定。",
          "procedure": "程序完备。", "content": "内容合法。", **cited, "exploratory_override": False,
          "legal_risk": "", "revisions": "", "rules": ["R-E1", "R-E4"]}),
        ("legality_review", "gate_passed", "juece", {"legality_outcome": "lawful", "refusals": []}),
        ("collective_deliberation", "materials_issued", "secretary",
         {"draft_version": 2, "draft_sha256": "cd" * 32, "members": meeting["attendees"], "risk_report": "ab" * 32,
          "legality_opinion": "ba" * 32, "comment_adoption_report": "not_applicable", "rule": "R-F1"}),
        ("collective_deliberation", "meeting_convened", "secretary", meeting),
        *[("collective_deliberation", "member_view", v["recorded_by"], {**v, "rule": "R-F3"}) for v in views],
        ("collective_deliberation", "head_decision", "county_head",
         {"outcome": "approve", "majority": "reject", "differs_from_majority": True,
          "reason": "分期建设后财政可承受，群众就医需求迫切。", "rules": ["R-F2", "R-F4"]}),
        ("collective_deliberation", "minutes_recorded", "secretary",
         {**meeting, "views": views, "dissent": views[1:], "decision": "approve",
          "head_reason": "分期建设后财政可承受，群众就医需求迫切。", "rule": "R-F3"}),
        ("collective_deliberation", "deliberation_concluded", "secretary",
         {"outcome": "approve", "consequence": "publish", "zh": "依法公布（R-G1）", "en": "to be published (R-G1)"}),
        ("post_evaluation", "evaluation_scheduled", "juece",
         {"after_months": 24, "applies": True, "complaint_threshold": 10, "due_at": "2029-03-01T01:00:00.000000Z",
          "evaluator": "evaluator", "evaluator_unit": "延寿县发展和改革局", "implementing_unit": "延寿县卫生健康局"}),
        ("post_evaluation", "implementation_reported", "sponsor_office",
         {"number": 1, "unit": "延寿县卫生健康局", "summary": "一期主体完工。", "rule": "R-G2"}),
        ("post_evaluation", "evaluation_requested", "juece",
         {"number": 1, "trigger": "on_demand", "reason": "一期运行满一年。", "evaluator_unit": "延寿县发展和改革局"}),
        ("post_evaluation", "evaluation_opened", "juece", {"number": 1, "trigger": "on_demand"}),
        ("post_evaluation", "evaluation_concluded", "evaluator",
         {"number": 1, "outcome": "continue", "evaluator_unit": "延寿县发展和改革局", "findings": "门诊量达到预期。",
          "public_views": "问卷调查满意度九成。",
          "consequence": {"zh": "继续执行", "en": "the decision continues"}}),
    ]


@cache
def dossier_record() -> dict[str, Any]:
    """The record, made once per test run (the SM2 key is new each run)."""
    keys = {"expert_1": _ed25519_pem(1), "expert_2": new_key_pair("sm2")[0], "expert_3": _ed25519_pem(3),
            "expert_4": _ed25519_pem(4)}
    events = [("launch", "launched", "sponsor_office", {"spec": DOSSIER_SPEC, "people": PEOPLE, "clock_scale": 1}),
              *_review(keys), *_later()]
    entries = make_entries(events)
    return {"format": "juece-record/1", "decision_id": DECISION, "edition": "full",
            "chain_head": entries[-1]["hash"], "entries": entries}
