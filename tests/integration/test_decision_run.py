"""Whole decisions in real Airflow (`airflow standalone`), people answering through the REST API."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from juece.adapters.airflow_client import AirflowClient
from juece.adapters.reporting.archive import render_pdfa1
from juece.adapters.reporting.editions import make_edition
from juece.adapters.store.ledger import Ledger
from juece.demo.answers import Situation, answer_for
from juece.demo.run import Beside, Outcome, run_scenario
from juece.demo.scenario import Scenario, load_scenario
from juece.demo.stack import Stack, free_port
from juece.domain.expert_review.opinion_check import signature_problems
from juece.domain.expert_review.panel import redraw_matches
from juece.domain.expert_review.panel_record import holder
from juece.domain.record.entries import all_of, latest
from juece.domain.record.ledger import verify_chain
from tests.conftest import REPO
from tests.unit.adapters.reporting.words_scan import page_texts, problems

pytestmark = pytest.mark.integration
DATA = Path(__file__).parent / "data"


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


def answer_seat_1(stack: Stack, dag_id: str, run_id: str, expert: str) -> None:
    """seat_1's expert answers as the scenario says, and the opinion reaches the record."""
    scenario = load_scenario(REPO / "templates/scenarios/urban-planning.yaml")
    chosen, params = answer_for(scenario, "expert_review.seat_1", 0, Situation([]))
    reply = stack.client.answer(expert, dag_id, run_id, "expert_review.seat_1", chosen, params)
    assert reply.status_code == 200, reply.text
    decision = dag_id.removeprefix("decision__")
    deadline = time.monotonic() + 120
    while not any(e["data"].get("seat") == "seat_1" for e in all_of(Ledger().entries(decision), "opinion_submitted")):
        assert time.monotonic() < deadline, "seat_1's opinion never reached the record"
        time.sleep(0.5)


def reads_by(client: AirflowClient, reader: str, author: str, dag_id: str, run_id: str) -> dict[str, int]:
    """R-C6: what one expert gets when trying to read another's task before the panel closes."""
    base = f"/dags/{dag_id}/dagRuns/{run_id}"
    task = "expert_review.seat_1"
    found = {
        "hitl": client.call(reader, "GET", f"{base}/taskInstances/{task}/-1/hitlDetails").status_code,
        "xcom": client.call(reader, "GET", f"{base}/taskInstances/{task}/xcomEntries/return_value").status_code,
        "logs": client.call(reader, "GET", f"{base}/taskInstances/{task}/logs/1").status_code,
        "audit": client.call(reader, "GET", "/eventLogs").status_code,
        "own": client.call(author, "GET", f"{base}/taskInstances/{task}/-1/hitlDetails").status_code,
    }
    page = f"{client.base_url}/juece/experts/decisions/{dag_id.removeprefix('decision__')}/seats/seat_1"
    for who, key in ((reader, "page"), (author, "own_page")):
        found[key] = httpx.get(page, headers={"Authorization": f"Bearer {client.token(who)}"}).status_code
    listed = client.json(reader, "GET", "/dags/~/dagRuns/~/hitlDetails")["hitl_details"]
    found["listed"] = sum(item["task_instance"]["task_id"] == task for item in listed)
    return found


def print_log_tail(log: Path, lines: int = 120) -> None:
    """What Airflow's components said last, so that a failed run can be read from CI's output."""
    text = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    print(f"--- last {lines} lines of {log.name} ---", *text[-lines:], sep="\n")


class MailSink:
    """An SMTP server on loopback that keeps every message it is given (aiosmtpd)."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture(scope="module", autouse=True)
def mail_sink() -> Iterator[MailSink]:
    """Before the module's stack starts: notices go to the log and by e-mail to this sink."""
    from aiosmtpd.controller import Controller

    sink, port = MailSink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {k: os.environ.get(k) for k in SMTP}
    os.environ.update({**SMTP, "JUECE_SMTP_PORT": str(port)})
    try:
        yield sink
    finally:
        controller.stop()
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)


SMTP = {"JUECE_NOTIFY_CHANNELS": "log,email", "JUECE_SMTP_HOST": "127.0.0.1", "JUECE_SMTP_PORT": "25",
        "JUECE_SMTP_TLS": "none", "JUECE_SMTP_FROM": "juece@yanshou.example.org"}


@pytest.fixture(scope="module")
def outcomes(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    forbidden: list[int] = []
    sealed: dict[str, int] = {}

    def wrong_users_try(dag_id: str, run_id: str) -> None:
        """Others try to answer seat_1; once its expert has answered, another expert tries to read it."""
        task = "expert_review.seat_1"
        wait_awaiting(stack.client, dag_id, run_id, task)
        time.sleep(2)
        entries = Ledger().entries(dag_id.removeprefix("decision__"))
        first, other = holder(entries, "seat_1"), holder(entries, "seat_4")
        for user in (other, "archivist"):
            reply = stack.client.answer(user, dag_id, run_id, task, ["支持 Support"], {"opinion": "冒名"})
            forbidden.append(reply.status_code)
        answer_seat_1(stack, dag_id, run_id, first)
        sealed.update(reads_by(stack.client, other, first, dag_id, run_id))

    scenarios = {
        "urban": (load_scenario(REPO / "templates/scenarios/urban-planning.yaml"),
                  Beside(wrong_users_try, frozenset({"expert_review.seat_1"}))),
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
    results["sealed"] = sealed  # type: ignore[assignment]
    return results


def test_only_the_assigned_user_may_answer_a_task(outcomes: dict) -> None:
    assert outcomes["forbidden"] == [403, 403]


def test_no_expert_reads_another_experts_opinion_before_the_panel_closes(outcomes: dict) -> None:
    sealed = outcomes["sealed"]
    reads = ("hitl", "xcom", "logs", "audit", "page")
    assert {k: sealed[k] for k in reads} == dict.fromkeys(reads, 403)
    assert sealed["own"] == sealed["own_page"] == 200 and sealed["listed"] == 0


def test_the_panel_is_drawn_reproducibly_and_every_opinion_is_signed(outcomes: dict) -> None:
    entries = Ledger().entries(outcomes["urban"].decision_id)
    draw = latest(entries, "panel_drawn")["data"]
    assert len(draw["seats"]) == 7 and len(draw["pool"]) == 50 and redraw_matches(draw)
    replaced = latest(entries, "expert_replaced")["data"]
    assert (replaced["vacated_seat"], replaced["seat"], replaced["reason"]) == ("seat_2", "reserve_1", "conflict")
    assert latest(entries, "conflict_declared")["data"]["seat"] == "seat_2"
    missed = latest(entries, "expert_non_responding")["data"]
    assert missed["seat"] == "seat_6" and latest(entries, "reminder_sent")["data"]["seat"] == "seat_6"
    signed = all_of(entries, "opinion_signed")
    assert sorted(s["data"]["seat"] for s in signed) == ["reserve_1", "seat_1", "seat_3", "seat_4", "seat_5", "seat_7"]
    assert any(e["data"]["rule"] == "R-C1" and e["data"]["task"] == "expert_review.sign_seat_3"
               for e in all_of(entries, "answer_refused"))
    closed = latest(entries, "panel_closed")
    assert closed["data"]["quorum_met"] and closed["seq"] > max(s["seq"] for s in signed)
    assert signature_problems(entries) == []


def test_a_missed_deadline_below_quorum_draws_a_recorded_replacement(outcomes: dict) -> None:
    entries = Ledger().entries(outcomes["price"].decision_id)
    missed = latest(entries, "expert_non_responding")["data"]
    replaced = latest(entries, "expert_replaced")["data"]
    assert missed["seat"] == "seat_4" and replaced["vacated_seat"] == "seat_4"
    assert replaced["reason"] == "non_responding" and replaced["expert"] != missed["expert"]
    assert len(all_of(entries, "opinion_signed")) == 5


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
    assert kinds.count("opinion_submitted") == 6
    opinion = latest(entries, "opinion_signed")
    assert opinion["actor"] == opinion["data"]["expert"]


def test_no_page_of_a_real_runs_archive_shows_a_key_or_a_code(outcomes: dict) -> None:
    """Issue 18 item 3: every page in words; people by name (the launch recorded the directory's)."""
    for outcome in (found for found in outcomes.values() if isinstance(found, Outcome)):
        if outcome.pdf and Path(outcome.pdf).exists():
            assert problems(page_texts(Path(outcome.pdf))) == [], outcome.decision_id
        public = make_edition(outcome.decision_id, Ledger().entries(outcome.decision_id), "public")
        assert problems(page_texts(render_pdfa1(public))) == [], f"{outcome.decision_id} public"
    launched = latest(Ledger().entries(outcomes["urban"].decision_id), "launched")
    assert launched["data"]["people"]["risk_assessor"]  # named in the demo's people directory


def test_rule_breaking_answers_are_refused_with_the_rule_and_asked_again(outcomes: dict) -> None:
    entries = Ledger().entries(outcomes["urban"].decision_id)
    refused = {e["data"]["rule"]: e for e in all_of(entries, "answer_refused")}
    assert set(refused) == {"R-B4", "R-C1", "R-F4"}
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


def wait_state(client: AirflowClient, dag_id: str, run_id: str, task_id: str, wanted: set[str],
               timeout: float = 300) -> str:
    """The task's state once it is one of ``wanted``; on a timeout, what Airflow said of the task,
    the run, the DAG and the import errors (a loaded machine may be slow to parse or schedule)."""
    deadline, state = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        state = {ti["task_id"]: ti["state"] for ti in client.task_instances("juece", dag_id, run_id)}.get(task_id)
        if state in wanted:
            return state
        time.sleep(0.5)
    run = client.json("juece", "GET", f"/dags/{dag_id}/dagRuns/{run_id}")
    dag = client.json("juece", "GET", f"/dags/{dag_id}")
    errors = client.json("juece", "GET", "/importErrors").get("import_errors", [])
    raise TimeoutError(f"{task_id} never reached {wanted}: it is {state}, the run is {run.get('state')}, "
                       f"the DAG paused={dag.get('is_paused')} stale={dag.get('is_stale')}, import errors {errors}")


def test_an_administrator_clearing_or_marking_deliberation_after_the_gate_closed_publishes_nothing(
        stack: Stack, outcomes: dict) -> None:
    """R-E1 in depth: the UI's "mark success" and "clear" run the meeting's convening and the
    publication after a closed gate; each step re-checks the record, refuses, and the refusal is
    recorded with the rule."""
    school: Outcome = outcomes["school"]
    decision = school.decision_id
    dag_id = f"decision__{decision}"
    run_id = latest(Ledger().entries(decision), "workflow_started")["data"]["run_id"]
    client = stack.client

    def clear(task_id: str) -> None:
        reply = client.call("juece", "POST", f"/dags/{dag_id}/clearTaskInstances", json={
            "dry_run": False, "task_ids": [task_id], "dag_run_id": run_id, "only_failed": False,
            "include_downstream": False, "reset_dag_runs": True})
        assert reply.status_code == 200, reply.text

    def mark_success(task_id: str) -> None:
        """Marked done; then wait for the run to settle: marking re-queues the run, and a clear made
        while the scheduler still finishes it would be overwritten by the run's final state."""
        reply = client.call("juece", "PATCH", f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}",
                            json={"new_state": "success"})
        assert reply.status_code == 200, reply.text
        deadline = time.monotonic() + 120
        while client.json("juece", "GET", f"/dags/{dag_id}/dagRuns/{run_id}")["state"] not in ("success", "failed"):
            assert time.monotonic() < deadline, "the run never settled after a task was marked done"
            time.sleep(0.5)

    # the pack marked done (Airflow re-skips a cleared branch target itself), then the convening re-run
    mark_success("collective_deliberation.materials")
    clear("collective_deliberation.convene")
    assert wait_state(client, dag_id, run_id, "collective_deliberation.convene", {"failed", "success"}) == "failed"
    mark_success("collective_deliberation.outcome")
    clear("publication.review_announcement")  # the office asked to review what was never decided
    assert wait_state(client, dag_id, run_id, "publication.review_announcement", {"failed", "success"}) == "failed"
    mark_success("publication.review_announcement")
    clear("publication.announce")
    assert wait_state(client, dag_id, run_id, "publication.announce", {"failed", "success"}) == "failed"
    entries = Ledger().entries(decision)
    refusals = [(e["data"]["task"], e["data"]["rule"]) for e in all_of(entries, "step_refused")]
    assert refusals == [("collective_deliberation.convene", "R-E1"), ("publication.review_announcement", "R-E1"),
                        ("publication.announce", "R-E1")]
    kinds = {e["kind"] for e in entries}
    assert not kinds & {"materials_issued", "published", "deliberation_concluded", "head_decision",
                        "announcement_reviewed"}
    assert verify_chain(entries, decision).intact


def test_launching_a_decided_and_archived_decision_again_changes_nothing(stack: Stack, outcomes: dict) -> None:
    """The same spec: its state is told, exit 0; no run is triggered and nothing is recorded."""
    from juece.adapters.airflow_client import load_passwords

    urban: Outcome = outcomes["urban"]
    dag_id = f"decision__{urban.decision_id}"
    before = (Ledger().entries(urban.decision_id), stack.client.json("juece", "GET", f"/dags/{dag_id}/dagRuns"))
    password = load_passwords(os.environ["JUECE_AIRFLOW_PASSWORDS_FILE"])["sponsor_office"]
    again = subprocess.run([sys.executable, "-m", "juece.cli.main", "launch", str(REPO / "templates/urban-planning.yaml")],
                           capture_output=True, text=True, check=False,
                           env={**os.environ, "JUECE_USER": "sponsor_office", "JUECE_PASSWORD": password})
    assert again.returncode == 0, again.stderr
    assert "already launched" in again.stdout and "no run triggered" in again.stdout
    after = (Ledger().entries(urban.decision_id), stack.client.json("juece", "GET", f"/dags/{dag_id}/dagRuns"))
    assert after[0] == before[0]
    assert after[1]["total_entries"] == before[1]["total_entries"] == 1


def test_verify_fails_when_one_byte_of_the_archive_changes(outcomes: dict, tmp_path: Path) -> None:
    original = outcomes["urban"].pdf.read_bytes()
    tampered = tmp_path / "tampered.pdf"
    middle = len(original) // 2
    tampered.write_bytes(original[:middle] + bytes([original[middle] ^ 0x01]) + original[middle + 1:])
    command = [sys.executable, "-m", "juece.cli.main", "verify"]
    good = subprocess.run([*command, str(outcomes["urban"].pdf)], capture_output=True, text=True, check=False)
    bad = subprocess.run([*command, str(tampered)], capture_output=True, text=True, check=False)
    assert good.returncode == 0, good.stderr
    assert "6 expert signatures verified, 1 panel draw(s) re-run" in good.stdout
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


def test_every_assignee_is_emailed_when_their_task_opens_and_the_record_says_so(
        outcomes: dict, mail_sink: MailSink) -> None:
    """Each human task told its assignee by e-mail (the sink got the real message, in Chinese, with
    the task's link), and each notice is in the record as delivered: the archive proves who was told."""
    from juece.adapters.notify.people import load_people

    people = load_people(REPO / "templates/libraries/people.yaml")
    urban = Ledger().entries(outcomes["urban"].decision_id)
    told = [e["data"] for e in all_of(urban, "notice_sent") if e["data"]["channel"] == "email"]
    opened = [d for d in told if d["notice"] == "opened"]
    assert opened and all(d["outcome"] == "delivered" for d in told), told
    spec = latest(urban, "launched")["data"]["spec"]
    assignees = {spec["sponsor_office"], spec["stages"]["legality_review"]["reviewer"],
                 spec["stages"]["collective_deliberation"]["head"], spec["stages"]["collective_deliberation"]["secretary"]}
    assert assignees <= {d["recipient"] for d in opened}
    received = {(str(m["To"]), str(m["Subject"])) for m in mail_sink.messages}
    for notice in opened:
        person = people[notice["recipient"]]
        assert any(person.email in to and notice["subject"] == subject for to, subject in received), notice
    head = next(m for m in mail_sink.messages if people["county_head"].email in str(m["To"]))
    body = head.get_body(preferencelist=("plain",)).get_content()
    # the head decides on juece's own page for it (the meeting's decision), which the notice links to
    page = f"/juece/tasks/decisions/{outcomes['urban'].decision_id}/meeting/decision"
    assert "张伟" in body and page in body and "延寿县城区控制性详细规划" in body
