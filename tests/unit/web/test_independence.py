"""R-C6 independence in front of Airflow's API, whatever Airflow's `base_url`: the route a path
names (root, `/airflow/` sub-path, encoded, doubled or trailing slashes, any case), which reads
can carry an answer (from Airflow 3.3.2's own routes), who may read them, and the middleware run
in front of a small app mounted at the root and at a sub-path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.web import airflow_routes, independence
from juece.web.independence import (
    AUDIT_REFUSED,
    FILTER,
    RESULTS_REFUSED,
    TASK_REFUSED,
    WILDCARD_REFUSED,
    IndependenceGuard,
    Read,
    classify,
    reads_of,
    routes,
    task_verdict,
    verdict,
)

DAG = "decision__water-2027"
RUN = "manual__2027-03-01T00:00:00+00:00"
SEAT = "expert_review.seat_1"
TI = f"/api/v2/dags/{DAG}/dagRuns/{RUN}/taskInstances/{SEAT}"


def scope(path: str, root_path: str = "", query: bytes = b"", method: str = "GET") -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path, "root_path": root_path, "query_string": query}


def reads(path: str, root_path: str = "", base: str = "", query: bytes = b"") -> set[Read]:
    return {read for route in routes(scope(path, root_path, query), base) if (read := classify(route, query))}


SEALED_READ = Read("task", DAG, SEAT)


# --- the route a path names, whatever its prefix -------------------------------------------------

@pytest.mark.parametrize(("path", "root_path", "base"), [
    (f"{TI}/xcomEntries/return_value", "", ""),  # base_url at the root
    (f"/airflow{TI}/xcomEntries/return_value", "/airflow", "/airflow"),  # at a sub-path
    (f"/airflow{TI}/xcomEntries/return_value", "", "/airflow"),  # only the configuration knows
    (f"/airflow{TI}/xcomEntries/return_value", "/airflow", ""),  # only the ASGI root_path knows
    (f"{TI}/xcomEntries/return_value", "/airflow", "/airflow"),  # a proxy stripped the prefix
    (f"/gateway/x/airflow{TI}/xcomEntries/return_value", "", ""),  # a prefix nobody told us of
    (f"/airflow//api/v2//dags/{DAG}/dagRuns/{RUN}//taskInstances/{SEAT}/xcomEntries/return_value/", "/airflow", ""),
    (f"/AIRFLOW/API/V2/DAGS/{DAG.upper()}/DAGRUNS/{RUN}/TASKINSTANCES/{SEAT.upper()}/XCOMENTRIES/return_value",
     "/airflow", ""),
    (f"/airflow%2Fapi%2Fv2%2Fdags%2F{DAG}%2FdagRuns%2F{RUN}%2FtaskInstances%2F{SEAT}%2FxcomEntries", "", "/airflow"),
    (f"/airflow{TI}/xcomEntries%252Freturn_value", "/airflow", ""),  # encoded twice
    (f"/airflow/api/v2/dags/{DAG}/dagRuns/{RUN}/taskInstances/expert_review%2Eseat_1/logs/1", "/airflow", ""),
], ids=["root", "sub-path", "configured-only", "root_path-only", "proxy-stripped", "unknown-prefix",
        "double-and-trailing-slashes", "upper-case", "encoded-slashes", "double-encoded", "encoded-dot"])
def test_a_sealed_task_read_is_recognised_whatever_the_prefix_and_spelling(path: str, root_path: str,
                                                                          base: str) -> None:
    assert SEALED_READ in reads(path, root_path, base)


def test_the_route_is_what_airflow_routes_after_its_prefix() -> None:
    assert routes(scope("/airflow/api/v2/eventLogs", "/airflow"), "/airflow") >= {"/api/v2/eventlogs"}
    assert routes(scope("/api/v2/eventLogs/", "/airflow"), "/airflow") >= {"/api/v2/eventlogs"}
    assert routes(scope("/airflow/ui/dags", "/airflow"), "") == {"/ui/dags"}
    assert routes(scope("/airflow/juece/experts/seats", "/airflow"), "/airflow") == set()
    assert routes(scope("/airflowx/api/v2/version", "/airflow"), "") == {"/api/v2/version"}


# --- which reads can carry an answer (Airflow 3.3.2's routes) -------------------------------------

@pytest.mark.parametrize("rest", [
    "/-1/hitlDetails", "/0/hitlDetails", "/-1/hitlDetails/tries/2", "/logs/1", "/logs/1?full_content=true",
    "/externalLogUrl/1", "/xcomEntries", "/xcomEntries/return_value", "/xcomEntries/a/b/c", "/state-store",
    "/state-store/progress", "/links", "/aFutureRoute", "/-1/aFutureRoute",
])
def test_every_route_under_a_seat_task_carries_its_answer_but_its_metadata(rest: str) -> None:
    path, _, query = rest.partition("?")
    assert reads(TI + path, query=query.encode()) == {SEALED_READ}


@pytest.mark.parametrize("rest", ["", "/-1", "/3", "/tries", "/tries/2", "/-1/tries", "/-1/tries/2",
                                  "/dependencies", "/-1/dependencies", "/listMapped"])
def test_a_task_instances_own_metadata_is_not_sealed(rest: str) -> None:
    assert reads(TI + rest) == set()


def test_wildcards_lists_results_and_the_audit_log() -> None:
    assert reads("/api/v2/dags/~/dagRuns/~/taskInstances/~/xcomEntries") == {Read("task", "~", "~")}
    assert reads(f"/api/v2/dags/{DAG}/dagRuns/~/taskInstances/~/xcomEntries/return_value") == {Read("task", DAG, "~")}
    assert reads(f"/api/v2/dags/~/dagRuns/~/taskInstances/{SEAT}/logs/1") == {Read("task", "~", SEAT)}
    assert reads("/api/v2/dags/~/dagRuns/~/hitlDetails/") == {Read("hitl_list", "~")}
    assert reads(f"/api/v2/dags/{DAG}/dagRuns/{RUN}/wait", query=b"interval=1&result=x") == {Read("results", DAG)}
    assert reads(f"/api/v2/dags/{DAG}/dagRuns/{RUN}/wait", query=b"res%75lt=x") == {Read("results", DAG)}
    assert reads(f"/api/v2/dags/{DAG}/dagRuns/{RUN}/wait", query=b"interval=1") == set()
    assert reads("/api/v2/eventLogs") == reads("/api/v2/eventLogs/7") == {Read("audit")}
    assert reads(f"/api/v2/dags/{DAG}/dagRuns/{RUN}/taskInstances") == set()
    assert reads_of(scope(TI + "/logs/1", method="POST")) == []
    assert reads_of(scope(TI + "/logs/1", method="HEAD")) != []


# --- who may read ---------------------------------------------------------------------------------

@dataclass
class FakePanels:
    open_: dict[str, dict[str, str]] = field(default_factory=dict)  # decision -> seat -> holder
    asked: list[str] = field(default_factory=list)

    def is_open(self, decision: str) -> bool:
        self.asked.append(decision)
        return decision in self.open_

    def holder(self, decision: str, seat: str) -> str | None:
        return self.open_.get(decision, {}).get(seat)

    def any_open(self) -> bool:
        self.asked.append("*")
        return bool(self.open_)


OPEN = {"water-2027": {"seat_1": "expert_01", "seat_2": "expert_02", "reserve_1": "expert_09"}}


@pytest.mark.parametrize(("user", "task", "expected"), [
    ("expert_01", SEAT, None),
    ("expert_01", "expert_review.sign_seat_1", None),
    ("expert_02", SEAT, TASK_REFUSED),
    ("expert_02", "EXPERT_REVIEW.SEAT_1", TASK_REFUSED),
    ("expert_02", "expert_review.sign_seat_1", TASK_REFUSED),
    ("expert_09", "expert_review.await_reserve_1", None),
    ("expert_01", "expert_review.await_reserve_1", TASK_REFUSED),
    ("expert_01", "expert_review.close_panel", TASK_REFUSED),
    ("expert_01", "~", WILDCARD_REFUSED),
])
def test_while_the_panel_is_open_only_the_seats_expert_reads_it(user: str, task: str, expected: str | None) -> None:
    assert task_verdict(user, DAG, task, FakePanels(OPEN)) == expected
    assert task_verdict(user, DAG.upper(), task, FakePanels(OPEN)) == expected


def test_once_the_panel_closes_anyone_may_read() -> None:
    assert task_verdict("expert_02", DAG, SEAT, FakePanels({})) is None
    assert task_verdict("expert_02", "~", "~", FakePanels({})) is None


def test_a_wildcard_dag_is_refused_while_any_panel_is_open() -> None:
    assert task_verdict("expert_01", "~", "~", FakePanels(OPEN)) == WILDCARD_REFUSED
    assert task_verdict("expert_01", "~", SEAT, FakePanels(OPEN)) == WILDCARD_REFUSED
    assert task_verdict("expert_01", "~", "announce_hearing", FakePanels(OPEN)) is None


def test_reads_that_name_no_decision_task_ask_no_database() -> None:
    panels = FakePanels(OPEN)
    assert task_verdict("expert_02", "etl_daily", SEAT, panels) is None
    assert task_verdict("expert_02", DAG, "public_participation.notice", panels) is None
    assert verdict(Read("hitl_list", "etl_daily"), "expert_02", panels) == FILTER  # their own tasks only
    assert verdict(Read("results", "etl_daily"), "expert_02", panels) is None
    assert panels.asked == []


def test_verdicts_of_lists_results_and_the_audit_log() -> None:
    assert verdict(Read("audit"), "expert_01", FakePanels({})) == AUDIT_REFUSED
    assert verdict(Read("hitl_list", "~"), "expert_01", FakePanels(OPEN)) == FILTER
    assert verdict(Read("results", DAG), "expert_01", FakePanels(OPEN)) == RESULTS_REFUSED
    assert verdict(Read("results", DAG), "expert_01", FakePanels({})) is None


# --- the middleware in front of an app, at the root and at a sub-path -----------------------------

def hitl_item(dag: str, task: str) -> dict[str, Any]:
    return {"task_instance": {"dag_id": dag, "task_id": task}, "params_input": {"opinion": f"{task} says"}}


def airflow_like(root_path: str) -> FastAPI:
    """Answers every read as Airflow would if let through; HITL lists hold every seat."""
    app = FastAPI(root_path=root_path)
    app.add_middleware(IndependenceGuard)

    @app.get("/api/v2/dags/{dag}/dagRuns/{run}/hitlDetails")
    def hitl_list(dag: str, run: str) -> dict[str, Any]:
        items = [hitl_item(DAG, SEAT), hitl_item(DAG, "expert_review.seat_2"), hitl_item("etl", "approve"),
                 {**hitl_item(DAG, "risk_assessment.assess"), "assigned_users": [{"id": "risk_assessor"}]},
                 {**hitl_item("etl", "sign_off"), "assigned_users": [{"id": "expert_02"}, {"id": "x"}]}]
        return {"hitl_details": items, "total_entries": 5}

    @app.get("/api/v2/{rest:path}")
    def anything(rest: str, request: Request) -> dict[str, Any]:
        return {"served": rest}

    return app


@pytest.fixture
def records(juece_home: Path) -> Iterator[None]:
    seats = [{"seat": "seat_1", "user": "expert_01"}, {"seat": "seat_2", "user": "expert_02"}]
    Ledger().append(DAG.removeprefix("decision__"),
                    Act(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office", {"seats": seats}))
    yield


@pytest.fixture
def users(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user of a request from its X-User header (admin if it is 'admin'): Airflow's tokens
    stood in for."""
    async def who(scope: dict[str, Any]) -> tuple[str, bool] | None:
        name = dict(scope["headers"]).get(b"x-user", b"").decode()
        return (name, name == "admin") if name else None

    monkeypatch.setattr(independence, "scope_user", who)


@pytest.mark.parametrize(("root_path", "prefix", "configured"), [
    ("", "", ""), ("/airflow", "/airflow", "/airflow"), ("/airflow", "", "/airflow"), ("/airflow", "/airflow", ""),
], ids=["root", "sub-path", "sub-path-proxy-stripped", "sub-path-root_path-only"])
def test_the_guard_holds_at_the_root_and_at_a_sub_path(records: None, users: None, monkeypatch: pytest.MonkeyPatch,
                                                       root_path: str, prefix: str, configured: str) -> None:
    monkeypatch.setattr(airflow_routes, "configured_base_path", lambda: configured)
    client = TestClient(airflow_like(root_path))
    run = f"{prefix}/api/v2/dags/{DAG}/dagRuns/{RUN}"

    def get(user: str, path: str) -> Any:
        return client.get(path, headers={"X-User": user})

    for path in (f"{run}/taskInstances/{SEAT}/xcomEntries/return_value", f"{run}/taskInstances/{SEAT}/-1/hitlDetails",
                 f"{run}/taskInstances/{SEAT}/logs/1", f"{run}/taskInstances/{SEAT}/state-store",
                 f"{prefix}/api/v2/dags/~/dagRuns/~/taskInstances/~/xcomEntries",
                 f"{prefix}/api/v2/eventLogs", f"{run}/wait?result={SEAT}"):
        refused = get("expert_02", path)
        assert (refused.status_code, refused.json()["rule"]) == (403, "R-C6"), path
        assert " / " in refused.json()["detail"]
    assert get("expert_01", f"{run}/taskInstances/{SEAT}/xcomEntries/return_value").status_code == 200
    assert get("admin", f"{prefix}/api/v2/eventLogs").status_code == 200
    assert get("expert_02", f"{run}/taskInstances/{SEAT}").status_code == 200
    listed = get("expert_02", f"{prefix}/api/v2/dags/~/dagRuns/~/hitlDetails").json()
    assert [i["task_instance"]["task_id"] for i in listed["hitl_details"]] == ["expert_review.seat_2", "approve",
                                                                             "sign_off"]
    assert listed["total_entries"] == 3  # not the assessor's task: an expert's list holds their own
    assessor = get("risk_assessor", f"{prefix}/api/v2/dags/etl/dagRuns/~/hitlDetails").json()["hitl_details"]
    assert "risk_assessment.assess" in [i["task_instance"]["task_id"] for i in assessor]
    assert len(get("admin", f"{prefix}/api/v2/dags/~/dagRuns/~/hitlDetails").json()["hitl_details"]) == 5
    Ledger().append("water-2027", Act(Stage.EXPERT_REVIEW, "panel_closed", "juece", {}))
    assert get("expert_02", f"{run}/taskInstances/{SEAT}/xcomEntries/return_value").status_code == 200


def test_reads_of_other_dags_pass_without_a_user_or_a_database(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_: Any) -> Any:
        raise AssertionError("asked")

    monkeypatch.setattr(independence, "scope_user", never)
    monkeypatch.setattr(independence, "LedgerPanels", never)
    monkeypatch.setattr(airflow_routes, "configured_base_path", lambda: "/airflow")
    client = TestClient(airflow_like("/airflow"))
    for path in ("/airflow/api/v2/dags/etl/dagRuns/r/taskInstances/load/logs/1", "/airflow/api/v2/version",
                 f"/airflow/api/v2/dags/{DAG}/dagRuns/{RUN}/taskInstances/publication.publish/xcomEntries",
                 f"/airflow/api/v2/dags/{DAG}/dagRuns/{RUN}/taskInstances/{SEAT}/tries"):
        assert client.get(path).status_code == 200, path


def test_the_record_tells_which_panels_are_open_and_who_holds_a_replaced_seat(juece_home: Path) -> None:
    ledger = Ledger()
    seats = {"seats": [{"seat": "seat_1", "user": "expert_01"}]}
    for decision in ("open-one", "closed-one"):
        ledger.append(decision, Act(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office", seats))
    ledger.append("open-one", Act(Stage.EXPERT_REVIEW, "expert_replaced", "juece",
                                  {"seat": "reserve_1", "expert": "expert_09", "replaces": "expert_01"}))
    ledger.append("closed-one", Act(Stage.EXPERT_REVIEW, "panel_closed", "juece", {}))
    panels = independence.LedgerPanels(ledger)
    assert (panels.is_open("open-one"), panels.is_open("closed-one"), panels.is_open("none")) == (True, False, False)
    assert (panels.holder("open-one", "reserve_1"), panels.holder("open-one", "seat_1")) == ("expert_09", "expert_01")
    assert panels.any_open()
    ledger.append("open-one", Act(Stage.EXPERT_REVIEW, "panel_closed", "juece", {}))
    assert not independence.LedgerPanels(ledger).any_open()
    ledger.append("closed-one", Act(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office", seats))  # drawn again
    assert independence.LedgerPanels(ledger).any_open()
