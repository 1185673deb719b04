"""The dossier's documents of expert review, risk, legality, meeting and evaluation: each renders,
reads as its form says (words, names, China time, the signature checked), and shows no key or code."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest
from reportlab.platypus import PageBreak, SimpleDocTemplate

from juece.adapters.reporting import layout, sealing
from juece.adapters.reporting.dossier import (
    evaluation_docs,
    legality_docs,
    meeting_docs,
    review_docs,
    risk_docs,
)
from juece.adapters.reporting.dossier.base import Document
from juece.adapters.reporting.dossier.doc_parts import day_end
from juece.adapters.reporting.editions import make_edition
from juece.adapters.reporting.layout import para
from juece.domain.expert_review.panel_seal import SEALED
from juece.domain.expert_review.passkey import challenge_of
from juece.domain.expert_review.seat_answers import Seat, seat_signature
from juece.domain.expert_review.signatures import opinion_digest
from juece.domain.record.answers import Answer
from juece.domain.record.labels import KIND_LABELS, VALUE_LABELS
from tests.unit.adapters.reporting.dossier_records import DECISION, FORGED, dossier_record
from tests.unit.adapters.reporting.reporting_records import make_entries, make_record
from tests.unit.domain.expert_review.soft_authenticator import SoftAuthenticator

MODULES = {"review": review_docs, "risk": risk_docs, "legality": legality_docs, "meeting": meeting_docs,
           "evaluation": evaluation_docs}
CHAINS = Path(__file__).parents[3] / "data" / "chains"
SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]*[a-z0-9]\b")
CODES = {code for code in [*VALUE_LABELS, *KIND_LABELS] if "_" in code}


def _documents(record: dict[str, Any]) -> list[Document]:
    return [doc for module in MODULES.values() for doc in module.documents(record)]


def _text(documents: list[Document]) -> str:
    """The documents laid out alone, each under its title, and the text read back from the PDF."""
    layout.prepare()
    story: list[Any] = []
    for doc in documents:
        story += [para(f"{doc.title} {doc.responsible} {doc.date} {doc.doc_no}", "h1"), para(doc.remarks, "note"),
                  *doc.body(), PageBreak()]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=layout.A4).build(story)
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(out.getvalue())).pages)


def _chain(name: str) -> dict[str, Any]:
    entries = json.loads((CHAINS / f"{name}.json").read_text(encoding="utf-8"))
    return {"format": "juece-record/1", "decision_id": entries[0]["decision_id"], "edition": "full",
            "chain_head": entries[-1]["hash"], "entries": entries}


def _squeezed(text: str) -> str:
    """The text without white space: a table cell breaks its lines anywhere."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def full_text() -> str:
    return _squeezed(_text(_documents(dossier_record())))


def test_the_file_list_remarks_each_opinion_with_its_signature_check() -> None:
    remarks = [doc.remarks for doc in review_docs.documents(dossier_record()) if doc.key.startswith("review-opinion")]
    assert remarks == ["签名核验通过 signature verified"] * 2 + ["签名核验未通过 signature NOT verified"]


def test_every_part_gives_its_documents_with_unique_prefixed_keys() -> None:
    record = dossier_record()
    keys = []
    for prefix, module in MODULES.items():
        found = module.documents(record)
        assert found, prefix
        assert all(doc.key.startswith(f"{prefix}-") and doc.title and doc.date for doc in found)
        keys += [doc.key for doc in found]
    assert len(keys) == len(set(keys))
    assert {"review-selection", "review-opinion-1", "review-dispositions", "risk-report", "meeting-minutes",
            "evaluation-plan", "evaluation-report-1"} <= set(keys)


def test_a_record_without_these_stages_gives_no_documents() -> None:
    launched = make_entries([("launch", "launched", "sponsor_office", {"spec": {"id": DECISION}})])
    record = {"format": "juece-record/1", "decision_id": DECISION, "edition": "full",
              "chain_head": launched[-1]["hash"], "entries": launched}
    assert _documents(record) == []


def test_the_expert_forms_read_as_forms_with_their_signatures_checked(full_text: str) -> None:
    for words in ("专家遴选记录", "随机种子", "dossier", "候选名单 SHA-256", "于海波", "已从专家库除名",
                  "专家论证意见表", "必要性", "可行性", "科学性", "附条件支持 Support with conditions",
                  "补充交通影响评价", "王建国", "哈尔滨医科大学", "第1席", "后备第1席", "何永平",
                  "申报利害关系回避", "本人曾参与该项目咨询。", "专家论证结束", "部分采纳 partly adopted", "依据不足。"):
        assert _squeezed(words) in full_text, words
    assert full_text.count("签名核验通过") == 2 * 2  # Ed25519 and SM2: on the form and in the file list's remark
    assert "SM2" in full_text and "Ed25519" in full_text
    assert "签名核验未通过" in full_text  # the forged one
    assert "未签名" not in full_text


def test_the_risk_legality_meeting_and_evaluation_documents_say_what_the_record_holds(full_text: str) -> None:
    for words in ("社会稳定风险评估报告", "第 1 轮评估", "第 2 轮评估", "专项债券发行不及预期", "公共财政",
                  "风险不可控", "风险可控", "分两期建设。", "县财政局", "哈尔滨社会稳定风险评估中心",
                  "合法性审查报送材料清单", "法律顾问意见", "刘洋", "合法性审查意见书",
                  "《中华人民共和国城乡规划法》第二十条", "《重大行政决策程序暂行条例》第25条",
                  "准予提交集体讨论", "会议材料清单", "本事项不适用该环节", "会议纪要", "常务会议",
                  "王海", "李红", "赵刚", "张伟", "财政压力过大，建议缓建。", "照实代为记录", "不一致",
                  "分期建设后财政可承受", "决策后评估安排", "决策后评估报告", "门诊量达到预期。",
                  "问卷调查满意度九成。", "继续执行", "孙杰", "北京时间 UTC+8"):
        assert _squeezed(words) in full_text, words


@pytest.mark.parametrize("name", ["synthetic", "dossier", "dossier-public", "compliance-amended",
                                  "compliance-gate-closed", "compliance-rejected"])
def test_no_page_shows_a_key_a_code_or_a_user_id(name: str) -> None:
    if name == "synthetic":
        record = make_record()
    elif name.startswith("dossier"):
        full = dossier_record()
        record = make_edition(DECISION, full["entries"], "public") if name.endswith("public") else full
    else:
        record = _chain(name)
    text = _text(_documents(sealing.pages_view(record)))
    assert text.strip()
    found = {token for token in SNAKE.findall(text)}
    assert not found, found
    assert not {code for code in CODES if re.search(rf"\b{code}\b", text)}


def test_an_open_panel_prints_its_opinions_sealed_and_their_signatures_still_checked() -> None:
    entries = [e for e in dossier_record()["entries"] if e["kind"] in ("launched", "panel_drawn")
               or (e["kind"] in ("opinion_submitted", "opinion_signed") and e["data"].get("expert") != FORGED)]
    record = {"format": "juece-record/1", "decision_id": DECISION, "edition": "full", "entries": entries}
    text = _text(review_docs.documents(sealing.pages_view(record)))
    assert SEALED.split()[0].strip("〔") in text
    assert "现有院区床位紧张" not in text
    assert text.count("签名核验通过") == 2 * 2


def test_the_public_edition_names_only_what_it_keeps() -> None:
    public = make_edition(DECISION, dossier_record()["entries"], "public")
    text = _text(review_docs.documents(public))
    assert "王建国" in text  # a seated expert signs by name
    assert "于海波" not in text  # a candidate excluded is not named
    assert "公开版不载姓名" in text


def test_a_passkey_signature_is_checked_from_the_record_and_said_so() -> None:
    authenticator = SoftAuthenticator()
    opinion = {"decision": DECISION, "seat": "seat_1", "expert": "expert_01", "necessity": "必要", "feasibility": "可行",
               "soundness": "科学", "conclusion": "support", "conditions": None, "opinion": "同意。"}
    digest = opinion_digest(opinion)
    answer = Answer("expert_01", ["签名确认 Sign"], {"signature": None,
                                                    "webauthn": authenticator.assertion(challenge_of(digest))})
    signed = seat_signature(Seat(DECISION, "seat_1", "expert_01", [], 1), digest, None, answer,
                            [authenticator.passkey()]).acts[0].data
    events = [("launch", "launched", "sponsor_office", {"spec": {"id": DECISION}}),
              ("expert_review", "opinion_submitted", "expert_01", {**opinion, "digest": digest, "no_conflict": True}),
              ("expert_review", "opinion_signed", "expert_01", signed)]
    entries = make_entries(events)
    record = {"format": "juece-record/1", "decision_id": DECISION, "edition": "full", "entries": entries}
    text = _squeezed(_text(review_docs.documents(record)))
    assert "通行密钥" in text and text.count("签名核验通过") == 2


def test_a_deadline_reads_as_the_last_day_at_24_hours_china_time() -> None:
    assert day_end("2027-01-05T16:00:00.000000Z") == "2027-01-05 24:00 北京时间 UTC+8"
    assert day_end("2027-01-05T08:30:00Z") == "2027-01-05 16:30:00 北京时间 UTC+8"
    assert day_end(None) == "—"
