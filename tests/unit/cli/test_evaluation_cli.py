"""`juece implementation-report`, `juece complaint`, `juece evaluate` in-process: what is recorded,
refusals in one line with the rule id (exit 2) and nothing half-recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.entries import all_of
from juece.domain.stages import Stage
from juece.services import attachments
from juece.services import decisions as services

SPEC = Path(__file__).resolve().parents[2] / "integration" / "data" / "ferry-fares.yaml"
DECISION, UNIT = "test-ferry-fares", "延寿县交通运输局"


def launched(juece_home: Path, outcome: str | None = "approve") -> Ledger:
    ledger = Ledger()
    services.launch(SPEC, actor="sponsor_office", ledger=ledger)
    if outcome:
        ledger.append(DECISION, Act(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": outcome}))
    if outcome == "approve":
        ledger.append(DECISION, Act(Stage.PUBLICATION, "published", "sponsor_office",
                                    {"published_at": "2026-11-02T02:00:00.000000Z"}))
    return ledger


def kinds(ledger: Ledger) -> list[str]:
    return [e["kind"] for e in ledger.entries(DECISION)]


def one_line_refusal(code: int, err: str, rule: str) -> None:
    assert code == 2 and err.startswith(f"refused [{rule}]") and len(err.strip().splitlines()) == 1


def test_an_implementation_report_is_recorded_with_its_files_hash(juece_home: Path, tmp_path: Path, run) -> None:
    ledger = launched(juece_home)
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7 report")
    code, out, _ = run("implementation-report", DECISION, "--file", str(report), "--unit", UNIT, "--summary", "平稳")
    digest = hashlib.sha256(report.read_bytes()).hexdigest()
    assert code == 0 and digest in out
    entry = all_of(ledger.entries(DECISION), "implementation_reported")[0]
    assert entry["data"]["attachment"] == {"name": "report.pdf", "sha256": digest, "bytes": 15}
    assert attachments.read(DECISION, entry["data"]["attachment"]) == b"%PDF-1.7 report"  # from the records DB
    assert not (juece_home / "attachments").exists()


@pytest.mark.parametrize(("outcome", "unit"), [("approve", "延寿县财政局"), ("postpone", UNIT)], ids=["wrong-unit", "postponed"])
def test_a_refused_report_records_and_keeps_nothing_r_g2(juece_home: Path, tmp_path: Path, run, outcome, unit) -> None:
    ledger = launched(juece_home, outcome)
    before = kinds(ledger)
    (tmp_path / "r.txt").write_text("报告", encoding="utf-8")
    code, _, err = run("implementation-report", DECISION, "--file", str(tmp_path / "r.txt"), "--unit", unit, "--summary", "s")
    one_line_refusal(code, err, "R-G2")
    assert kinds(ledger) == before and not (juece_home / "attachments").exists()


def test_a_missing_report_file_is_an_error_in_one_line(juece_home: Path, run) -> None:
    launched(juece_home)
    code, _, err = run("implementation-report", DECISION, "--file", "nowhere.pdf", "--unit", UNIT, "--summary", "s")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "nowhere.pdf" in err


def test_complaints_up_to_the_threshold_request_an_evaluation(juece_home: Path, run) -> None:
    ledger = launched(juece_home)
    for _ in range(9):
        assert run("complaint", DECISION, "--summary", "末班船太早", "--no-trigger")[0] == 0
    assert "evaluation_requested" not in kinds(ledger)
    code, out, _ = run("complaint", DECISION, "--summary", "末班船太早", "--no-trigger")
    assert code == 0 and "threshold reached" in out
    requested = all_of(ledger.entries(DECISION), "evaluation_requested")
    assert [r["data"]["trigger"] for r in requested] == ["complaints"]


def test_a_complaint_about_a_decision_not_approved_is_refused_r_g3(juece_home: Path, run) -> None:
    ledger = launched(juece_home, "reject")
    before = kinds(ledger)
    one_line_refusal(*run("complaint", DECISION, "--summary", "s", "--no-trigger")[::2], "R-G3")
    assert kinds(ledger) == before


def test_an_evaluation_on_demand_is_recorded(juece_home: Path, run) -> None:
    ledger = launched(juece_home)
    code, out, _ = run("evaluate", DECISION, "--reason", "县政府要求", "--no-trigger")
    assert code == 0 and "R-G4" in out
    data = all_of(ledger.entries(DECISION), "evaluation_requested")[0]["data"]
    assert (data["trigger"], data["evaluator_unit"], data["reason"]) == ("on_demand", "延寿县发展和改革局", "县政府要求")


def test_the_sponsor_unit_may_not_evaluate_its_own_decision_r_g4(juece_home: Path, run) -> None:
    ledger = launched(juece_home)
    before = kinds(ledger)
    code, _, err = run("evaluate", DECISION, "--reason", "复核", "--evaluator-unit", UNIT, "--no-trigger")
    one_line_refusal(code, err, "R-G4")
    assert kinds(ledger) == before


def test_a_second_evaluation_while_one_is_open_is_refused_r_g3(juece_home: Path, run) -> None:
    ledger = launched(juece_home)
    assert run("evaluate", DECISION, "--reason", "一", "--no-trigger")[0] == 0
    before = kinds(ledger)
    one_line_refusal(*run("evaluate", DECISION, "--reason", "二", "--no-trigger")[::2], "R-G3")
    assert kinds(ledger) == before


def test_without_an_evaluation_plan_the_run_cannot_start_and_says_so(juece_home: Path, run) -> None:
    launched(juece_home)
    code, _, err = run("evaluate", DECISION, "--reason", "县政府要求")
    assert code == 1 and "recorded" in err and "evaluation__test-ferry-fares" in err
    assert len(err.strip().splitlines()) == 1


def test_an_unknown_decision_is_an_error(juece_home: Path, run) -> None:
    code, _, err = run("evaluate", "no-such-decision", "--reason", "r", "--no-trigger")
    assert code == 1 and "no-such-decision" in err
