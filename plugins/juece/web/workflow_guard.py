"""Only administrators change how the decisions run in Airflow (R-H1, R-H5): pausing or
triggering a DAG, clearing, marking or deleting runs and task instances, backfills, XCom, assets.
Everyone else changes nothing through Airflow's API but their own answer to a human task (which
Airflow checks against its assignees, and juece records); lists asked by POST and a DAG's
favourite mark are not changes.

Airflow's own roles let any "user" (SimpleAuthManager's USER, FAB's User) pause, trigger and clear
every DAG: an expert could clear the legality gate or pause a decision whose deadlines run on. A
root middleware of the juece plugin, beside the independence guard, whatever auth manager Airflow
runs with. Deny by default: a write route a later Airflow adds is refused too."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from juece.web.airflow_routes import API, routes
from juece.web.independence import forbidden, scope_user

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]

RULE = "R-H5"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# what a person who is not an administrator may still send (lowercased routes)
PERSONAL = (
    ("PATCH", re.compile(r"^/api/v2/dags/[^/]+/dagruns/[^/]+/taskinstances/[^/]+/-?\d+/hitldetails$")),
    ("POST", re.compile(r"^/api/v2/dags/[^/]+/dagruns/list$")),
    ("POST", re.compile(r"^/api/v2/dags/[^/]+/dagruns/[^/]+/taskinstances/list$")),
    ("POST", re.compile(r"^/api/v2/dags/[^/]+/(?:un)?favorite$")),
)
REFUSED = ("只有管理员可以在 Airflow 中更改决策流程的运行（暂停、触发、清除、标记、删除）；各人通过自己的待办办理（R-H5） / "
           "only administrators change how decisions run in Airflow (pause, trigger, clear, mark, delete); "
           "everyone acts through their own tasks (R-H5)")


def is_change(method: str, found: set[str]) -> bool:
    """Whether a request changes something in Airflow through its REST API that a person who is
    not an administrator may not change (no database, no user asked)."""
    if method not in WRITES:
        return False
    api = [route for route in found if route.startswith(API)]
    return bool(api) and not all(any(m == method and p.match(r) for m, p in PERSONAL) for r in api)


class WorkflowGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or not is_change(str(scope.get("method")), routes(scope)):
            await self.app(scope, receive, send)
            return
        user = await scope_user(scope)
        if user is None or user[1]:  # Airflow refuses the unauthenticated itself; administrators pass
            await self.app(scope, receive, send)
            return
        await forbidden(send, REFUSED, RULE)
