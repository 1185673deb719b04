"""Airflow's FAB auth manager (production sign-in, LDAP or OIDC), answering human tasks by user name.

juece assigns each human task to people by the name they sign in with (the spec's user ids, the
members of a group), as the SimpleAuthManager knows them. Airflow's default check compares those
names with the signed-in person's *id*, which under FAB is the row number of the person's account
(``"17"``): nobody could answer their own task, and an account whose number happened to equal an
assignee's name could. This auth manager compares the person's user name (the LDAP uid) instead,
and nothing else. Set it on every api-server:

    AIRFLOW__CORE__AUTH_MANAGER=juece.web.fab_auth.FabAuthManagerByName

The answer's recorded responder is that name too (`juece.orchestration.forms.responder`)."""

from __future__ import annotations

from typing import Any

from airflow.providers.fab.auth_manager.fab_auth_manager import FabAuthManager

CLASS_PATH = "juece.web.fab_auth.FabAuthManagerByName"


def sign_in_name(user: Any) -> str | None:
    """The name a FAB user signs in with; None for an account without one."""
    name = getattr(user, "username", None)
    return str(name) if name else None


class FabAuthManagerByName(FabAuthManager):
    """FAB, with a human task answerable by the people assigned it by user name, and only them."""

    def is_authorized_hitl_task(self, *, assigned_users: set[str], user: Any) -> bool:
        name = sign_in_name(user)
        return name is not None and name in assigned_users
