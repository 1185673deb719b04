"""The archive's compliance table tells the truth: rendered for whole records made by the domain's
own steps (approved, rejected, gate closed, amended), every row has the status its rule calls for,
with the reason or proof in words."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pypdf
import pytest

from juece.adapters.reporting.archive import build_archive
from juece.adapters.reporting.outline import compliance_rows
from juece.adapters.reporting.sections import entry_rows
from juece.domain.archive.compliance import STATUS_LABELS
from juece.domain.rules import RULES
from tests.unit.adapters.reporting.compliance_records import (
    Decision,
    amended,
    approved,
    gate_closed,
    rejected,
)

CODES = {"M": "met", "N": "not_met", "R": "refused", "A": "not_applicable", "O": "open", "U": "not_used",
         "P": "proven", "D": "due", "W": "withheld"}
RECORDS = ("approved", "rejected", "gate_closed", "amended")
# One row per rule, one letter per record: approved (full edition), rejected (public edition),
# gate closed (an unlawful finding and a risk still uncontrollable when the rounds ran out),
# amended (evaluated, adjusted, the amendment launched).
EXPECTED = """
R-A1 MMMM  R-A2 MMMM  R-A3 MMMM
R-B1 MMMM  R-B2 MMMM  R-B3 MMMM  R-B4 MMMM  R-B5 MMMM  R-B6 UUUU  R-B7 UUUU
R-C1 MMMM  R-C2 MMMM  R-C3 MMMM  R-C4 MWMM  R-C5 MWMM  R-C6 MMMM
R-D1 MMMM  R-D2 MMMM  R-D3 MMMM  R-D4 MMNM
R-E1 MMRM  R-E2 MMMM  R-E3 MMMM  R-E4 MMMM
R-F1 MMAM  R-F2 MMAM  R-F3 MMAM  R-F4 MMAM  R-F5 MMAM
R-G1 MAAM  R-G2 DAAM  R-G3 DAAM  R-G4 DAAM  R-G5 DAAM
R-H1 PPPP  R-H2 PPPP  R-H3 PPPP  R-H4 PPPP  R-H5 PPPP  R-H6 PPPP
"""
STATUSES = {rule: dict(zip(RECORDS, (CODES[c] for c in codes), strict=True))
            for rule, codes in zip(EXPECTED.split()[::2], EXPECTED.split()[1::2], strict=True)}


@pytest.fixture(scope="module")
def decisions() -> dict[str, Decision]:
    return {"approved": approved(), "rejected": rejected(), "gate_closed": gate_closed(), "amended": amended()}


@pytest.fixture(scope="module")
def tables(decisions: dict[str, Decision]) -> dict[str, dict[str, tuple[str, str, str]]]:
    """Per record, the rendered rows by rule: (requirement, status, reason or proof)."""
    return {name: {row[0]: row[1:] for row in compliance_rows(decision.record(
                "public" if name == "rejected" else "full"))} for name, decision in decisions.items()}


def test_the_expectations_name_every_rule_of_the_registry() -> None:
    assert list(STATUSES) == list(RULES)


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize("rule", list(RULES))
def test_each_row_has_the_status_its_rule_calls_for(tables: dict[str, Any], record: str, rule: str) -> None:
    title, status, basis = tables[record][rule]
    zh, en = STATUS_LABELS[STATUSES[rule][record]]
    assert status.startswith(f"{zh}\n{en}"), (record, rule, status, basis)
    assert title == f"{RULES[rule].title_zh}\n{RULES[rule].title_en}"
    assert basis.strip() and "\n" in basis  # the reason or proof, in Chinese and in English


def test_an_uncontrollable_last_round_is_not_met_and_the_closed_gate_is_an_honest_refusal(tables) -> None:
    _, _, d4 = tables["gate_closed"]["R-D4"]
    assert "风险不可控" in d4 and "评估轮次已用尽" in d4 and "did not go to deliberation" in d4
    _, _, e1 = tables["gate_closed"]["R-E1"]
    assert "关口关闭" in e1 and "（R-E1）" in e1 and "（R-D4）" in e1 and "程序关口未通过 Gate closed" in e1
    _, _, f2 = tables["gate_closed"]["R-F2"]
    assert "未提交集体讨论" in f2 and "程序关口未通过 Gate closed" in f2


def test_every_comment_is_disposed_with_its_reasons_and_the_report_reaches_the_meeting(tables) -> None:
    _, _, b4 = tables["approved"]["R-B4"]
    assert "4条意见（含逾期）逐条处理：采纳2条、部分采纳1条、不予采纳1条" in b4
    _, _, b5 = tables["approved"]["R-B5"]
    assert "已送会议" in b5 and "随决策公布" in b5


def test_a_head_departing_from_the_majority_has_the_reason_in_the_row(tables) -> None:
    assert "决定与多数意见一致" in tables["approved"]["R-F4"][2]
    assert "理由已记录：财政承受能力评估尚不充分" in tables["rejected"]["R-F4"][2]
    assert "不予公布" in tables["rejected"]["R-G1"][2]


def test_duties_after_publication_carry_their_due_dates(tables) -> None:
    rows = tables["approved"]
    assert "到期 due 2026-04-25" in rows["R-G2"][1] and "自2026-04-25起报告执行情况" in rows["R-G2"][2]
    for rule in ("R-G3", "R-G4", "R-G5"):
        assert "到期 due 2028-04-25" in rows[rule][1], rule  # publication + the spec's 24 months
    assert "已报告执行情况1次" in tables["amended"]["R-G2"][2]
    assert "yanshou-2027-urban-001-amend-1" in tables["amended"]["R-G5"][2]


def test_archive_rules_say_what_in_the_file_proves_them(tables, decisions) -> None:
    head = decisions["approved"].entries[-1]["hash"]
    assert head[:16] in tables["approved"]["R-H2"][2] and "PAdES" in tables["approved"]["R-H2"][2]
    assert "PDF/A-3b" in tables["approved"]["R-H3"][2]
    assert "删去个人信息" in tables["rejected"]["R-H6"][2]
    assert "仅限档案管理员" in tables["approved"]["R-H6"][2]
    assert "以完整版核对" in tables["rejected"]["R-C4"][2]


def test_refused_answers_are_counted_beside_their_rule(decisions) -> None:
    decision = decisions["approved"]
    record = decision.record()
    refusal = {**record["entries"][-1], "kind": "answer_refused",
               "data": {"rule": "R-F4", "zh": "须说明理由", "en": "a reason is required", "field": "reason"}}
    form = {**refusal, "data": {**refusal["data"], "rule": None}}
    rows = {row[0]: row for row in compliance_rows({**record, "entries": [*record["entries"], refusal, form]})}
    assert "拒绝 1 次 refused 1×" in rows["R-F4"][2]


def test_the_table_is_printed_in_the_archive(decisions, tmp_path: Path) -> None:
    path = build_archive(decisions["gate_closed"].record(), tmp_path / "gate.pdf")
    text = "".join("".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(path).pages)
    for words in ("依规拒绝通过", "refusedundertherule", "由本档案证明", "provenbythisfile", "未符合", "不适用"):
        assert words in text, words


def test_a_refusal_for_a_form_error_is_printed_as_one_in_the_event_log() -> None:
    refusal = {"seq": 7, "kind": "answer_refused", "actor": "risk_assessor", "at": "2026-03-02T01:00:00Z",
               "data": {"rule": None, "zh": "第1个风险点格式不对", "en": "risk point 1 must be an object"}}
    rows, _ = entry_rows([refusal])
    facts = rows[0][-1].text
    assert "无：格式错误 / none: a form error" in facts and "第1个风险点格式不对" in facts


JUNK = [None, 1, -1, True, "x", [], {}, [None], {"a": 1}, 2.5, ["R1", 3], "2027-13-45", 10**30]


def _mutated(value: Any, rnd: random.Random) -> Any:
    """The value with about a third of its fields and items, at every depth, replaced by junk."""
    if isinstance(value, dict):
        return {k: rnd.choice(JUNK) if rnd.random() < 0.3 else _mutated(v, rnd) for k, v in value.items()}
    if isinstance(value, list):
        return [rnd.choice(JUNK) if rnd.random() < 0.3 else _mutated(v, rnd) for v in value]
    return value


@pytest.mark.parametrize("seed", range(8))
def test_a_record_with_junk_anywhere_still_gets_a_row_for_every_rule(decisions, seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(25):
        record = rnd.choice(list(decisions.values())).record()
        record["entries"] = [_mutated(e, rnd) if rnd.random() < 0.5 else e for e in record["entries"]]
        assert len(compliance_rows(_mutated(record, rnd) if rnd.random() < 0.2 else record)) == len(RULES)
