"""R-C6 independence: while a panel is open, no one but the seat's own expert (and Airflow's
administrators) reads what is in an expert's task through Airflow's API or UI, and nobody but
administrators reads the audit log, which keeps request bodies.

A root middleware of the juece plugin, so it holds whatever auth manager Airflow runs with
(`airflow standalone` always runs SimpleAuthManager). It sees every request before Airflow
routes it, and matches the route Airflow will see whatever prefix the path comes with (`route`).

What can carry an expert's answer, from Airflow 3.3.2's own routes (api_fastapi/core_api/routes):

- under a task instance, `/api/v2/dags/{dag}/dagRuns/{run}/taskInstances/{task}/…`: its HITL
  detail (`{map_index}/hitlDetails`, `…/tries/{n}`; the answer itself), logs (`logs/{try}`,
  `externalLogUrl/{try}`), XCom (`xcomEntries`, `xcomEntries/{key:path}`; the response lands in
  `return_value`), the task state store (`state-store`, `state-store/{key:path}`) and extra links
  (`links`, read from XCom). Deny by default: every route under a task instance is taken as one
  of these except the task instance's own metadata (itself, `/{map_index}`, `tries[/{n}]`,
  `/{map_index}/tries[/{n}]`, `[/{map_index}]/dependencies`, `listMapped`: state, times and the
  rendered subject and body, which hold no answer), so a route a later Airflow adds is sealed too.
- `~` as the DAG or the task (a wildcard listing) could include any seat: refused while a panel
  it could include is open (for `~` as the DAG: any panel at all).
- HITL lists, `/dags/{dag}/dagRuns/{run}/hitlDetails` (`~` for all; Airflow's Required-actions
  page): each person sees their own tasks (assigned to them, or to nobody in particular); other
  people's tasks, and the other experts' sealed seats, are left out of what Airflow answers.
- `/dags/{dag}/dagRuns/{run}/wait?result=…` streams the tasks' XCom results: refused while that
  decision's panel is open.
- `/eventLogs`: the audit log keeps request bodies (the answers): administrators only, always.
- `/ui/…`: no UI route of 3.3.2 returns a HITL response, an XCom value or a log (the UI reads
  them through `/api/v2`; its pending actions hold no response), so none is refused here.

A sealed seat task is a task of the `expert_review` group of a `decision__<id>` DAG whose panel
is open (a `panel_drawn` with no `panel_closed` after it): the seat's own tasks (`seat_N`,
`sign_seat_N`, `await_reserve_N`) are read by the seat's expert only, any other task of the
group by administrators only. Requests that name no such task, or another DAG, pass without a
database query.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import parse_qsl

from juece.domain.expert_review.panel_record import holder
from juece.domain.expert_review.panel_seal import panel_open
from juece.spec.models import DECISION_DAG_PREFIX
from juece.web.airflow_routes import routes

if TYPE_CHECKING:
    from juece.adapters.store.ledger import Ledger

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]

RULE = "R-C6"
READS = {"GET", "HEAD"}
WILDCARD = "~"
REVIEW_GROUP = "expert_review."
SEAT_TASK = re.compile(r"^expert_review\.(?:sign_|await_)?(?P<seat>(?:seat|reserve)_\d+)$")
# Matched on a lowercased route: Airflow's own matching is case-sensitive, but a database
# collation may not be, and a refusal costs nothing where Airflow would answer 404.
TASK_READ = re.compile(r"^/api/v2/dags/(?P<dag>[^/]+)/dagruns/[^/]+/taskinstances/(?P<task>[^/]+)(?P<rest>/.*)?$")
TASK_METADATA = re.compile(r"^(?:/-?\d+)?(?:/tries(?:/\d+)?|/dependencies)?$|^/listmapped$")
HITL_LIST = re.compile(r"^/api/v2/dags/(?P<dag>[^/]+)/dagruns/[^/]+/hitldetails$")
RESULT_WAIT = re.compile(r"^/api/v2/dags/(?P<dag>[^/]+)/dagruns/[^/]+/wait$")
AUDIT = re.compile(r"^/api/v2/eventlogs(?:/|$)")

AUDIT_REFUSED = "审计日志含作答内容，仅管理员可查阅 / the audit log holds answers: administrators only"
TASK_REFUSED = ("专家论证结束前，不得查阅其他专家的任务内容（R-C6） / before the panel closes, an expert's "
                "task can be read by that expert only (R-C6)")
WILDCARD_REFUSED = ("专家论证结束前，不得成批查阅可能包含专家任务的内容，请指明任务（R-C6） / while a panel is open, "
                    "a listing that could include an expert's task is refused: name the task (R-C6)")
RESULTS_REFUSED = "专家论证结束前不得读取任务结果（R-C6） / task results are sealed until the panel closes (R-C6)"
FILTER = "filter"  # a verdict: let Airflow answer, then leave the sealed seats out


@dataclass(frozen=True)
class Read:
    """A read that can carry an answer: `audit`, `task` (one task's contents, or `~`), `results`
    (a run's task results) or `hitl_list`; DAG and task lowercased."""

    kind: str
    dag: str = ""
    task: str = WILDCARD


class Panels(Protocol):
    """What the guard asks of the record."""

    def is_open(self, decision: str) -> bool: ...

    def holder(self, decision: str, seat: str) -> str | None: ...

    def any_open(self) -> bool: ...


def _asks_results(query_string: bytes) -> bool:
    try:
        pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    except ValueError:
        return True
    return any(key.strip().lower() == "result" for key, _ in pairs)


def classify(route: str, query_string: bytes = b"") -> Read | None:
    """The read a (lowercased) route is, when it can carry an answer; None otherwise."""
    if AUDIT.match(route):
        return Read("audit")
    if task := TASK_READ.match(route):
        if TASK_METADATA.match(task.group("rest") or ""):
            return None
        return Read("task", task.group("dag"), task.group("task"))
    if hitl := HITL_LIST.match(route):
        return Read("hitl_list", hitl.group("dag"))
    if (wait := RESULT_WAIT.match(route)) and _asks_results(query_string):
        return Read("results", wait.group("dag"))
    return None


# --- who may read it ------------------------------------------------------------------------------

def decision_of(dag_id: str) -> str | None:
    dag_id = dag_id.lower()
    return dag_id.removeprefix(DECISION_DAG_PREFIX) if dag_id.startswith(DECISION_DAG_PREFIX) else None


def may_hold_answers(dag_id: str, task_id: str) -> bool:
    """Whether the DAG and task named could be an expert's sealed task (no database asked)."""
    dag_id, task_id = dag_id.lower(), task_id.lower()
    dag_ok = dag_id == WILDCARD or decision_of(dag_id) is not None
    return dag_ok and (task_id == WILDCARD or task_id.startswith(REVIEW_GROUP))


def task_verdict(user: str, dag_id: str, task_id: str, panels: Panels) -> str | None:
    """None when the user may read the task's contents; the refusal otherwise."""
    dag_id, task_id = dag_id.lower(), task_id.lower()
    if not may_hold_answers(dag_id, task_id):
        return None
    if dag_id == WILDCARD:
        return WILDCARD_REFUSED if panels.any_open() else None
    decision = str(decision_of(dag_id))
    if not panels.is_open(decision):
        return None
    if task_id == WILDCARD:
        return WILDCARD_REFUSED
    seat = SEAT_TASK.match(task_id)
    if seat is not None and user == panels.holder(decision, seat.group("seat")):
        return None
    return TASK_REFUSED


def verdict(read: Read, user: str, panels: Panels) -> str | None:
    """For a user who is not an administrator: None (Airflow answers), FILTER (Airflow answers,
    the sealed seats left out) or the refusal."""
    if read.kind == "audit":
        return AUDIT_REFUSED
    if read.kind == "hitl_list":
        return FILTER  # each person's list of required actions holds their own tasks only
    if read.kind == "results":
        return RESULTS_REFUSED if task_verdict(user, read.dag, WILDCARD, panels) else None
    return task_verdict(user, read.dag, read.task, panels)


class LedgerPanels:
    """The panels as the records DB tells them, from the draws, closings and replacements only
    (a decision's thousands of comments are not read), each asked once per request."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._panel: dict[str, list[dict[str, Any]]] = {}

    def _of(self, decision: str) -> list[dict[str, Any]]:
        """The decision's last draw and closing and its replacements, in the order written."""
        if decision not in self._panel:
            last = [self.ledger.latest(decision, kind) for kind in ("panel_drawn", "panel_closed")]
            found = [e for e in last if e] + self.ledger.of_kind("expert_replaced", [decision])
            self._panel[decision] = sorted(found, key=lambda entry: entry["seq"])
        return self._panel[decision]

    def is_open(self, decision: str) -> bool:
        return panel_open(self._of(decision))

    def holder(self, decision: str, seat: str) -> str | None:
        return holder(self._of(decision), seat)

    def any_open(self) -> bool:
        last = self.ledger.last_seqs(["panel_drawn", "panel_closed"])
        return any(kind == "panel_drawn" and seq > last.get((decision, "panel_closed"), 0)
                   for (decision, kind), seq in last.items())


def assigned_to(user: str, item: dict[str, Any]) -> bool:
    """Whether a HITL task is the user's to answer: assigned to them, or to nobody in particular
    (then Airflow lets anyone who may edit the DAG answer it)."""
    assigned = item.get("assigned_users") or []
    return not assigned or any(str(person.get("id")) == user for person in assigned if isinstance(person, dict))


def readable_items(user: str, body: dict[str, Any], panels: Panels) -> dict[str, Any]:
    """A HITL list with the user's own tasks alone: other people's tasks left out (an expert's list
    of required actions showed the risk assessor's task), the sealed seats of other experts too."""
    items = body.get("hitl_details") or []
    kept = [item for item in items if assigned_to(user, item)
            and task_verdict(user, item["task_instance"]["dag_id"], item["task_instance"]["task_id"], panels) is None]
    return {**body, "hitl_details": kept, "total_entries": body.get("total_entries", len(items)) - len(items) + len(kept)}


# --- the middleware ------------------------------------------------------------------------------

def reads_of(scope: Scope) -> list[Read]:
    """The answer-carrying reads a request is, in any form its path may take (no database)."""
    if scope.get("type") != "http" or scope.get("method") not in READS:
        return []
    query = scope.get("query_string") or b""
    return [read for route in sorted(routes(scope)) if (read := classify(route, query)) is not None]


class IndependenceGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._ledger: Ledger | None = None

    def ledger(self) -> Ledger:
        """The records DB's ledger, made on the first read it guards (other reads need no database)."""
        if self._ledger is None:
            from juece.adapters.store.ledger import Ledger

            self._ledger = Ledger()
        return self._ledger

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        reads = reads_of(scope)
        if not reads or not any(r.kind in ("audit", "hitl_list") or may_hold_answers(r.dag, r.task) for r in reads):
            await self.app(scope, receive, send)
            return
        user = await scope_user(scope)
        if user is None or user[1]:
            await self.app(scope, receive, send)  # Airflow itself refuses the unauthenticated
            return
        panels = LedgerPanels(self.ledger())
        verdicts = [verdict(read, user[0], panels) for read in reads]
        refusal = next((v for v in verdicts if v not in (None, FILTER)), None)
        if refusal:
            await forbidden(send, refusal)
        elif FILTER in verdicts:
            await _filtered(self.app, scope, receive, send, user[0], panels)
        else:
            await self.app(scope, receive, send)


async def scope_user(scope: Scope) -> tuple[str, bool] | None:
    """(user id, is administrator), or None without a valid credential."""
    from starlette.requests import Request

    from juece.web.auth import COOKIE, token_user

    request = Request(scope)
    scheme, _, credentials = (request.headers.get("authorization") or "").partition(" ")
    token = credentials if scheme.lower() == "bearer" else request.cookies.get(COOKIE)
    return await token_user(token) if token else None


async def forbidden(send: Any, message: str, rule: str = RULE) -> None:
    body = json.dumps({"detail": message, "rule": rule}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _filtered(app: ASGIApp, scope: Scope, receive: Any, send: Any, user: str, panels: Panels) -> None:
    """Run the list endpoint, then drop the items this user may not read."""
    start: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def capture(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        else:
            chunks.append(message.get("body", b""))

    plain = {**scope, "headers": [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]}
    await app(plain, receive, capture)
    body = b"".join(chunks)
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-length", b"content-encoding")]
    if start.get("status") == 200:
        try:
            body = json.dumps(readable_items(user, json.loads(body), panels)).encode()
        except (ValueError, KeyError, TypeError):
            body = b'{"hitl_details": [], "total_entries": 0}'
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": start.get("status", 500), "headers": headers})
    await send({"type": "http.response.body", "body": body})
