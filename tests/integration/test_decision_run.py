"""Whole decisions in real Airflow (`airflow standalone`), people answering through the REST API."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from juece.client import AirflowClient
from juece.demo.run import Outcome, run_scenario
from juece.demo.scenario import Scenario, load_scenario
from juece.demo.stack import Stack
from juece.domain.record import all_of, latest
from juece.store.ledger import Ledger

from ..conftest import REPO

pytestmark = pytest.mark.integration
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    home = tmp_path_factory.mktemp("airflow")
    stack = Stack(home=home, archive_dir=home / "archives")
    saved = dict(os.environ)
    os.environ.update({k: v for k, v in stack.env().items() if k.startswith(("JUECE_", "AIRFLOW_HOME"))})
    os.environ.pop("JUECE_RECORDS_URL", None)
    stack.start()
    try:
        yield stack
    finally:
        stack.stop()
        os.environ.clear()
        os.environ.update(saved)


def wait_awaiting(client: AirflowClient, dag_id: str, run_id: str, task_id: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = {ti["task_id"]: ti["state"] for ti in client.task_instances("juece", dag_id, run_id)}
        if states.get(task_id) == "awaiting_input":
            return
        time.sleep(0.5)
    raise TimeoutError(f"{task_id} never waited for input")


def dated_price_scenario(folder: Path) -> Scenario:
    """The price template with its hearing 40 days from now (R-B6 wants 30 days' notice)."""
    day = (datetime.now(UTC) + timedelta(days=40)).replace(microsecond=0).isoformat()
    text = (REPO / "templates/price-hearing.yaml").read_text(encoding="utf-8")
    spec = folder / "price-hearing.yaml"
    spec.write_text(text.replace('"2027-03-15T09:00:00+08:00"', f'"{day}"'), encoding="utf-8")
    scenario = load_scenario(REPO / "templates/scenarios/price-hearing.yaml")
    scenario.spec = str(spec)
    return scenario


def print_log_tail(log: Path, lines: int = 120) -> None:
    """What Airflow's components said last, so that a failed run can be read from CI's output."""
    text = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    print(f"--- last {lines} lines of {log.name} ---", *text[-lines:], sep="\n")


@pytest.fixture(scope="module")
def outcomes(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    forbidden: list[int] = []

    def wrong_users_try(dag_id: str, run_id: str) -> None:
        task = "expert_review.opinion__expert_1"
        wait_awaiting(stack.client, dag_id, run_id, task)
        time.sleep(2)
        for user in ("expert_2", "archivist"):
            reply = stack.client.answer(user, dag_id, run_id, task, ["支持 Support"], {"opinion": "冒名"})
            forbidden.append(reply.status_code)

    scenarios = {
        "urban": (load_scenario(REPO / "templates/scenarios/urban-planning.yaml"), wrong_users_try),
        "school": (load_scenario(DATA / "school-merger-unlawful.yaml"), None),
        "price": (dated_price_scenario(tmp_path_factory.mktemp("price")), None),
    }
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {name: pool.submit(run_scenario, stack, scenario, print, 540.0, hook)
                   for name, (scenario, hook) in scenarios.items()}
        try:
            results = {name: future.result() for name, future in futures.items()}
        except Exception:
            print_log_tail(stack.home / "standalone.log")
            raise
    results["forbidden"] = forbidden  # type: ignore[assignment]
    return results


def test_only_the_assigned_user_may_answer_a_task(outcomes: dict) -> None:
    assert outcomes["forbidden"] == [403, 403]


def test_a_whole_decision_runs_from_launch_to_a_verified_archive(outcomes: dict) -> None:
    urban: Outcome = outcomes["urban"]
    assert urban.state == "success"
    assert urban.verified, urban.problems
    entries = Ledger().entries(urban.decision_id)
    kinds = [e["kind"] for e in entries]
    for kind in ("launched", "workflow_started", "notice_published", "comments_closed", "adoption_report",
                 "opinion_submitted", "risk_assessed", "submission_prepared", "legality_reviewed",
                 "gate_passed", "materials_issued", "meeting_convened", "member_view", "head_decision",
                 "minutes_recorded", "published", "archive_built", "evaluation_scheduled"):
        assert kind in kinds, kind
    assert kinds.count("comment_received") == 4
    assert kinds.count("opinion_submitted") == 5
    opinion = latest(entries, "opinion_submitted")
    assert opinion["actor"] == opinion["data"]["signed_by"] == opinion["data"]["expert"]


def test_rule_breaking_answers_are_refused_with_the_rule_and_asked_again(outcomes: dict) -> None:
    entries = Ledger().entries(outcomes["urban"].decision_id)
    refused = {e["data"]["rule"]: e for e in all_of(entries, "answer_refused")}
    assert set(refused) == {"R-B4", "R-F4"}
    assert refused["R-F4"]["actor"] == "county_head" and refused["R-F4"]["data"]["en"]
    decisions = all_of(entries, "head_decision")
    assert [d["data"]["outcome"] for d in decisions] == ["approve"]  # the refused answer left no trace
    rounds = all_of(entries, "risk_assessed")
    assert [r["data"]["controllable"] for r in rounds] == [False, True]  # R-D4 reassessment
    assert latest(entries, "gate_passed")["seq"] > rounds[-1]["seq"]


def test_an_unlawful_finding_closes_the_gate_and_nobody_deliberates(outcomes: dict) -> None:
    school: Outcome = outcomes["school"]
    assert school.state == "success" and school.verified, school.problems
    entries = Ledger().entries(school.decision_id)
    kinds = [e["kind"] for e in entries]
    assert "gate_closed" in kinds and "gate_passed" not in kinds
    assert not [e for e in entries if e["stage"] == "collective_deliberation"]
    assert latest(entries, "not_applicable", "expert_review")["data"]["reason"]
    notice = latest(entries, "notice_published")
    assert notice["data"]["urgency_reason"] and notice["data"]["period_days"] == 10
    assert "archive_built" in kinds


def test_verify_fails_when_one_byte_of_the_archive_changes(outcomes: dict, tmp_path: Path) -> None:
    original = outcomes["urban"].pdf.read_bytes()
    tampered = tmp_path / "tampered.pdf"
    middle = len(original) // 2
    tampered.write_bytes(original[:middle] + bytes([original[middle] ^ 0x01]) + original[middle + 1:])
    command = [sys.executable, "-m", "juece.cli", "verify"]
    good = subprocess.run([*command, str(outcomes["urban"].pdf)], capture_output=True, text=True, check=False)
    bad = subprocess.run([*command, str(tampered)], capture_output=True, text=True, check=False)
    assert good.returncode == 0, good.stderr
    assert bad.returncode != 0 and "FAIL" in bad.stderr and "Traceback" not in bad.stderr


def test_a_hearing_is_announced_held_and_signed_by_every_participant(outcomes: dict) -> None:
    price: Outcome = outcomes["price"]
    assert price.state == "success" and price.verified, price.problems
    entries = Ledger().entries(price.decision_id)
    kinds = [e["kind"] for e in entries]
    for kind in ("hearing_announced", "hearing_materials_issued", "hearing_held"):
        assert kind in kinds, kind
    signed = all_of(entries, "hearing_record_signed")
    assert len(signed) == 15
    disputes = [s for s in signed if not s["data"]["confirmed"]]
    assert [d["actor"] for d in disputes] == ["hearing_03"] and disputes[0]["data"]["remarks"]
    held = latest(entries, "hearing_held")
    assert all(s["seq"] > held["seq"] for s in signed)
    assert latest(entries, "comment_disposed")["seq"] > max(s["seq"] for s in signed)
    absent = latest(entries, "member_absent")
    assert absent["data"]["member"] == "member_3"  # not at the meeting: recorded, not asked
