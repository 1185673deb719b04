"""Who is asking: the Airflow user of the request (bearer token or the UI's session cookie).
Plugin apps get no authentication by default, so every non-public route asks here."""

from __future__ import annotations

from fastapi import HTTPException, Request
from fastapi.security.utils import get_authorization_scheme_param

from juece.adapters.auth_users import SIMPLE, AuthUser, parse_users

COOKIE = "_token"


async def airflow_user(request: Request) -> str | None:
    """The user id, or None when the request carries no valid credential."""
    identity = await airflow_identity(request)
    return identity[0] if identity else None


async def airflow_identity(request: Request) -> tuple[str, str] | None:
    """(user id, role as Airflow's auth manager gives it, "unknown" when it gives none), or None
    when the request carries no valid credential."""
    from airflow.api_fastapi.core_api.security import resolve_user_from_token

    token = request_token(request)
    if not token:
        return None
    try:
        user = await resolve_user_from_token(token)
    except HTTPException:
        return None
    return user_name(user), role_of(user)


def user_name(user: object) -> str:
    """The name a person signs in with: the SimpleAuthManager's user id is that name; a FAB user's
    id is a number, its `username` the name (the LDAP uid, with LDAP sign-in)."""
    if username := getattr(user, "username", None):
        return str(username)
    user_id = user.get_id()  # type: ignore[attr-defined]
    return str(user_id) if user_id is not None else str(user.get_name())  # type: ignore[attr-defined]


def request_token(request: Request) -> str | None:
    """The Airflow token the request carries: its bearer token, else the UI's session cookie."""
    scheme, credentials = get_authorization_scheme_param(request.headers.get("authorization"))
    return (credentials if scheme.lower() == "bearer" else request.cookies.get(COOKIE)) or None


def role_of(user: object) -> str:
    """SimpleAuthManager's one role, or the names of a user's roles (FAB), else "unknown"."""
    if role := getattr(user, "role", None):
        return str(role)
    names = [str(getattr(one, "name", one)) for one in getattr(user, "roles", None) or []]
    return ",".join(names) or "unknown"


async def token_user(token: str) -> tuple[str, bool] | None:
    """(user id, whether an administrator) for a token, or None when it is not valid."""
    from airflow.api_fastapi.core_api.security import resolve_user_from_token

    try:
        user = await resolve_user_from_token(token)
    except HTTPException:
        return None
    return user_name(user), "ADMIN" in role_of(user).upper().split(",")


def configured_users() -> list[AuthUser] | None:
    """The auth manager's users in the order configured, or None when they cannot be listed here
    (another auth manager, or Airflow's configuration not readable)."""
    try:
        from airflow.configuration import conf

        if not conf.get("core", "auth_manager", fallback="").endswith(SIMPLE):
            return None
        entries = conf.getlist("core", "simple_auth_manager_users", delimiter=",")
    except Exception:  # noqa: BLE001 - no Airflow configuration: the directory alone is offered
        return None
    return parse_users(entries)
