"""One decision in real Airflow whose draft is revised twice: once because the risk was not
controllable (R-D4), once because the legality review found it lawful only with revisions
(R-E4); the gate opens only after both loops (R-E1)."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pypdf
import pytest

from juece.adapters.store.ledger import Ledger
from juece.demo.run import Outcome, run_scenario
from juece.demo.scenario import load_scenario
from juece.demo.stack import Stack
from juece.domain.record.entries import all_of, latest

pytestmark = pytest.mark.integration
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def outcomes(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """The loops decision and, beside it, an exploratory reform sent back by the meeting."""
    folder = tmp_path_factory.mktemp("override")
    text = (DATA / "road-widening.yaml").read_text(encoding="utf-8")
    (folder / "road-override.yaml").write_text(text.replace("id: test-road-widening", "id: test-road-override"),
                                               encoding="utf-8")
    scenario = folder / "road-override-scenario.yaml"
    scenario.write_text((DATA / "road-override-scenario.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    runs = {"loops": load_scenario(DATA / "road-widening-loops.yaml"), "override": load_scenario(scenario)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(run_scenario, stack, found, print, 540.0) for name, found in runs.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture(scope="module")
def run(stack: Stack, outcomes: dict[str, Outcome]) -> tuple[Outcome, list[dict[str, Any]], dict[str, str]]:
    outcome = outcomes["loops"]
    entries = Ledger().entries(outcome.decision_id)
    run_id = latest(entries, "workflow_started")["data"]["run_id"]
    states = {ti["task_id"]: ti["state"]
              for ti in stack.client.task_instances("juece", f"decision__{outcome.decision_id}", run_id)}
    return outcome, entries, states


def test_the_decision_runs_to_a_verified_archive(run) -> None:
    outcome, _, _ = run
    assert outcome.state == "success"
    assert outcome.verified, outcome.problems
    assert outcome.refusals == []


def test_the_draft_goes_from_version_1_to_3_through_the_sponsors_two_revisions(run) -> None:
    _, entries, _ = run
    revisions = all_of(entries, "draft_revised")
    assert [(r["stage"], r["actor"], r["data"]["previous_version"], r["data"]["version"]) for r in revisions] == [
        ("risk_assessment", "sponsor_office", 1, 2), ("legality_review", "sponsor_office", 2, 3)]
    assert "六个月过渡期" in revisions[0]["data"]["text"] and revisions[0]["data"]["changes"]
    assert "房屋征收与补偿条例" in revisions[1]["data"]["text"]
    assert revisions[1]["data"]["previous_sha256"] == revisions[0]["data"]["text_sha256"]


def test_the_risk_loop_revises_then_reassesses_and_concludes_controllable(run) -> None:
    _, entries, states = run
    rounds = all_of(entries, "risk_assessed")
    first_revision = all_of(entries, "draft_revised")[0]
    assert [(r["data"]["round"], r["data"]["draft_version"], r["data"]["controllable"]) for r in rounds] == [
        (1, 1, False), (2, 2, True)]
    assert first_revision["data"]["in_response_to"] == rounds[0]["hash"]
    assert rounds[0]["seq"] < first_revision["seq"] < rounds[1]["seq"]
    concluded = latest(entries, "risk_concluded")["data"]
    assert (concluded["controllable"], concluded["rounds_exhausted"], concluded["rounds"]) == (True, False, 2)
    assert states["risk_assessment.revise_draft_1"] == states["risk_assessment.reassess_1"] == "success"
    assert states["risk_assessment.revise_draft_2"] == states["risk_assessment.reassess_2"] == "skipped"


def test_the_legality_loop_sends_the_draft_back_then_finds_the_revision_lawful(run) -> None:
    _, entries, states = run
    submission = latest(entries, "submission_prepared")["data"]
    assert submission["draft_version"] == 2 and submission["review_due"] > submission["submitted_on"]
    risk_stage = next(p for p in submission["procedures"] if p["stage"] == "risk_assessment")
    assert {r["hash"] for r in all_of(entries, "risk_assessed")} <= set(risk_stage["evidence"])
    reviews = all_of(entries, "legality_reviewed")
    assert [(r["data"]["outcome"], r["data"]["draft_version"]) for r in reviews] == [
        ("lawful_with_revisions", 2), ("lawful", 3)]
    assert all_of(entries, "draft_revised")[1]["data"]["in_response_to"] == reviews[0]["hash"]
    assert states["legality_review.rereview_1"] == "success"
    assert states["legality_review.amend_draft_2"] == states["legality_review.rereview_2"] == "skipped"


def test_the_gate_passes_only_after_both_loops_and_deliberation_sees_the_final_draft(run) -> None:
    _, entries, _ = run
    gate = latest(entries, "gate_passed")
    assert gate is not None and "gate_closed" not in [e["kind"] for e in entries]
    assert gate["seq"] > all_of(entries, "legality_reviewed")[-1]["seq"] > all_of(entries, "draft_revised")[-1]["seq"]
    assert (gate["data"]["draft_version"], gate["data"]["refusals"]) == (3, [])
    assert latest(entries, "materials_issued")["data"]["draft_version"] == 3


def test_the_archive_shows_a_risk_matrix_for_each_round(run) -> None:
    outcome, _, _ = run
    reader = pypdf.PdfReader(io.BytesIO(outcome.pdf.read_bytes()))
    assert any("风险矩阵 Risk matrix" in page.extract_text() for page in reader.pages)
    # each matrix is kept with its legend ("impact across, likelihood up"): count the pictures on
    # the pages that carry a legend, wherever the layout puts them
    pages = [page for page in reader.pages if "impact across, likelihood up" in page.extract_text()]
    assert sum(len(page.images) for page in pages) == 2  # one matrix per round, in the risk report only


def test_an_exploratory_override_passes_the_gate_and_the_meeting_sends_it_back(outcomes) -> None:
    """R-E1: unlawful, but overridden with the legal risk stated; R-F5: revise and resubmit."""
    outcome = outcomes["override"]
    assert outcome.state == "success" and outcome.verified, outcome.problems
    entries = Ledger().entries(outcome.decision_id)
    review = latest(entries, "legality_reviewed")["data"]
    assert (review["outcome"], review["exploratory_override"]) == ("unlawful", True) and review["legal_risk"]
    gate = latest(entries, "gate_passed")["data"]
    assert gate["exploratory_override"] is True and gate["legality_outcome"] == "unlawful"
    assert latest(entries, "head_decision")["data"]["outcome"] == "revise"
    assert latest(entries, "deliberation_concluded")["data"]["outcome"] == "revise"
    assert latest(entries, "published") is None and latest(entries, "not_published") is not None
