"""After the decision in real Airflow: publication, an implementation report, an evaluation on demand
that concludes `adjust` (the amendment decision launched and linked, the archive re-issued), and a
decision the head postpones."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from juece.adapters.airflow_client import load_passwords
from juece.adapters.store.ledger import Ledger
from juece.demo.run import Outcome, run_scenario
from juece.demo.scenario import load_scenario
from juece.demo.stack import Stack
from juece.domain.record.entries import all_of, latest
from juece.services.evaluation import evaluation_dag_id, plans

pytestmark = pytest.mark.integration
DATA = Path(__file__).parent / "data"
FARES, TIMETABLE = "test-ferry-fares", "test-ferry-timetable"
UNIT = "延寿县交通运输局"
ADJUST = {"findings": "票价调整后客流下降一成，学生免费政策执行良好。", "public_views": "问卷调查收回三百份，多数赞成延长末班船。",
          "adjustment": "末班船由十七时延长至十八时三十分。"}


def juece(*argv: str, user: str = "sponsor_office") -> subprocess.CompletedProcess[str]:
    """The command as ``user`` runs it: authenticated with their password against the stack's Airflow."""
    password = load_passwords(os.environ["JUECE_AIRFLOW_PASSWORDS_FILE"])[user]
    result = subprocess.run([sys.executable, "-m", "juece.cli.main", *argv], capture_output=True, text=True, check=False,
                            env={**os.environ, "JUECE_USER": user, "JUECE_PASSWORD": password})
    assert "Traceback" not in result.stderr, result.stderr
    return result


def answer_when_asked(stack: Stack, dag_id: str, run_id: str, task_id: str, user: str, chosen: list[str],
                      params: dict[str, Any], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = {ti["task_id"]: ti["state"] for ti in stack.client.task_instances("juece", dag_id, run_id)}
        if states.get(task_id) == "awaiting_input":
            time.sleep(3)  # the upstream race: never answer within a second of `awaiting_input`
            reply = stack.client.answer(user, dag_id, run_id, task_id, chosen, params)
            assert reply.status_code == 200, reply.text
            return
        time.sleep(0.5)
    raise TimeoutError(f"{task_id} never asked for input")


@pytest.fixture(scope="module", autouse=True)
def closed_after_a_minute() -> Iterator[None]:
    """This module's stack leaves a decision out of the DAG file about a minute after its run
    ended (a week by default), so that a test sees its DAG go stale with its history kept."""
    saved = os.environ.get("JUECE_CLOSED_AFTER_HOURS")
    os.environ["JUECE_CLOSED_AFTER_HOURS"] = "0.02"
    yield
    if saved is None:
        os.environ.pop("JUECE_CLOSED_AFTER_HOURS", None)
    else:
        os.environ["JUECE_CLOSED_AFTER_HOURS"] = saved


def wait_for_run(stack: Stack, dag_id: str, run_id: str, timeout: float = 300) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = stack.client.run_state("juece", dag_id, run_id)
        if state in ("success", "failed"):
            return state
        time.sleep(1)
    raise TimeoutError(f"{dag_id} run {run_id} did not finish")


@pytest.fixture(scope="module")
def outcomes(stack: Stack) -> dict[str, Outcome]:
    scenarios = {FARES: load_scenario(DATA / "ferry-fares-scenario.yaml"),
                 TIMETABLE: load_scenario(DATA / "ferry-timetable-scenario.yaml")}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(run_scenario, stack, scenario, print, 420.0) for name, scenario in scenarios.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture(scope="module")
def evaluated(stack: Stack, outcomes: dict[str, Outcome], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    assert outcomes[FARES].state == "success", outcomes[FARES].problems
    report = tmp_path_factory.mktemp("reports") / "实施情况-2027-一季度.txt"
    report.write_text("一季度渡口客流十二万人次，票价调整平稳。", encoding="utf-8")
    reported = juece("implementation-report", FARES, "--file", str(report), "--unit", UNIT, "--summary", "一季度实施平稳")
    refused = juece("evaluate", FARES, "--reason", "复核", "--evaluator-unit", UNIT, "--no-trigger")
    started = juece("evaluate", FARES, "--reason", "县政府常务会议要求评估票价调整效果")
    assert started.returncode == 0, started.stdout + started.stderr
    run_id = re.search(r"run (\S+)", started.stdout.splitlines()[-1]).group(1)
    dag_id = evaluation_dag_id(FARES)
    answer_when_asked(stack, dag_id, run_id, "post_evaluation.evaluate", "evaluator", ["调整 Adjust"], ADJUST)
    state = wait_for_run(stack, dag_id, run_id)
    return {"report": report, "reported": reported, "refused": refused, "state": state, "run_id": run_id}


def test_an_approved_decision_is_published_and_its_evaluation_planned(outcomes: dict[str, Outcome]) -> None:
    fares = outcomes[FARES]
    assert fares.state == "success" and fares.verified, fares.problems
    entries = Ledger().entries(FARES)
    published = latest(entries, "published")["data"]
    assert "第一条 松花江渡口单程票价由三元调整为四元。" in published["announcement"]
    assert published["portal"] == f"/juece/public/decisions/{FARES}/announcement" and not published["overdue"]
    assert latest(entries, "deliberation_concluded")["data"]["consequence"] == "publish"
    assert latest(entries, "evaluation_scheduled")["data"]["due_at"]
    assert FARES in plans(Ledger())  # the plan the DAG file builds evaluation__<id> from, read from the record


def test_views_stated_in_the_room_are_recorded_by_the_secretary(outcomes: dict[str, Outcome]) -> None:
    entries = Ledger().entries(FARES)
    views = {e["data"]["member"]: e for e in all_of(entries, "member_view")}
    assert set(views) == {"member_1", "member_2", "member_3"}
    assert (views["member_3"]["actor"], views["member_3"]["data"]["recorded_by"]) == ("secretary", "secretary")
    assert "recorded_by" not in views["member_1"]["data"]  # in the member's own task
    minutes = latest(entries, "minutes_recorded")["data"]
    assert minutes["dissent"][0]["remarks"] == "票价上调后应同步延长末班船时间。"


def test_a_postponed_decision_is_recorded_and_not_published(outcomes: dict[str, Outcome]) -> None:
    timetable = outcomes[TIMETABLE]
    assert timetable.state == "success" and timetable.verified, timetable.problems
    entries = Ledger().entries(TIMETABLE)
    decision = latest(entries, "head_decision")["data"]
    assert (decision["outcome"], decision["differs_from_majority"]) == ("postpone", True) and decision["reason"]
    assert latest(entries, "deliberation_concluded")["data"]["consequence"] == "postponed"
    assert latest(entries, "not_published") and not latest(entries, "published")
    assert latest(entries, "evaluation_scheduled")["data"]["applies"] is False
    assert TIMETABLE not in plans(Ledger())


def test_the_implementation_report_is_recorded_with_its_hash(evaluated: dict[str, Any]) -> None:
    import hashlib

    assert evaluated["reported"].returncode == 0, evaluated["reported"].stderr
    report = latest(Ledger().entries(FARES), "implementation_reported")["data"]
    assert report["attachment"]["sha256"] == hashlib.sha256(evaluated["report"].read_bytes()).hexdigest()
    assert report["unit"] == UNIT


def test_the_sponsor_unit_cannot_evaluate_its_own_decision(evaluated: dict[str, Any]) -> None:
    refused = evaluated["refused"]
    assert refused.returncode == 2 and "[R-G4]" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


def test_an_adjustment_launches_the_linked_amendment_decision(stack: Stack, evaluated: dict[str, Any]) -> None:
    assert evaluated["state"] == "success"
    entries = Ledger().entries(FARES)
    concluded = latest(entries, "evaluation_concluded")["data"]
    assert (concluded["outcome"], concluded["amendment_id"], concluded["evaluator_unit"]) == (
        "adjust", f"{FARES}-amend-1", "延寿县发展和改革局")
    linked = latest(entries, "amendment_launched")["data"]
    amendment = Ledger().entries(linked["amendment"])
    spec = latest(amendment, "launched")["data"]["spec"]
    assert (spec["id"], spec["amends"], spec["draft"]["version"]) == (f"{FARES}-amend-1", FARES, 2)
    assert ADJUST["adjustment"] in spec["draft"]["explanation"]
    runs = stack.client.json("juece", "GET", f"/dags/decision__{FARES}-amend-1/dagRuns")["dag_runs"]
    assert [run["dag_run_id"] for run in runs] == [linked["run_id"]]


def test_the_archive_is_reissued_and_both_files_verify(stack: Stack, evaluated: dict[str, Any]) -> None:
    entries = Ledger().entries(FARES)
    built = all_of(entries, "archive_built")
    assert [b["data"]["file"] for b in built] == [f"{FARES}.pdf", f"{FARES}-v2.pdf"]
    assert built[1]["seq"] > latest(entries, "amendment_launched")["seq"]
    for entry in built:
        checked = juece("verify", str(stack.archive_dir / entry["data"]["file"]))
        assert checked.returncode == 0, checked.stderr
        assert f"OK: {stack.archive_dir / entry['data']['file']}" in checked.stdout


def test_a_closed_decisions_dag_goes_stale_with_its_history_kept_and_a_relaunch_finds_its_run(
        stack: Stack, outcomes: dict[str, Outcome]) -> None:
    import httpx

    from juece.services import decisions
    from juece.spec.loader import load_spec

    timetable = outcomes[TIMETABLE]
    assert timetable.state == "success", timetable.problems
    dag_id = f"decision__{TIMETABLE}"
    deadline = time.monotonic() + 300
    while not stack.client.json("juece", "GET", f"/dags/{dag_id}").get("is_stale"):
        assert time.monotonic() < deadline, f"{dag_id} was still built five minutes after its run ended"
        time.sleep(2)
    runs = stack.client.json("juece", "GET", f"/dags/{dag_id}/dagRuns")["dag_runs"]
    assert [run["state"] for run in runs] == ["success"]
    run_id = runs[0]["dag_run_id"]
    tasks = stack.client.task_instances("juece", dag_id, run_id)
    assert len(tasks) > 20 and {ti["state"] for ti in tasks} <= {"success", "skipped"}
    token = stack.client.token("juece")
    grid = httpx.get(f"{stack.url}/ui/grid/structure/{dag_id}", headers={"Authorization": f"Bearer {token}"},
                     timeout=30)
    assert grid.status_code == 200, grid.text[:300]
    assert {"public_participation", "legality_review", "collective_deliberation"} <= {
        node["id"] for node in grid.json()}
    started = time.monotonic()
    assert decisions.ensure_run(load_spec(DATA / "ferry-timetable.yaml")) == run_id
    assert time.monotonic() - started < 30  # the run is found, not waited for
