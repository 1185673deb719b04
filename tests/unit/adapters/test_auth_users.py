"""The users Airflow's auth manager knows: the SimpleAuthManager's from its setting, each once with
its role; another auth manager (FAB) is not listed here."""

from __future__ import annotations

import pytest

from juece.adapters.auth_users import AuthUser, parse_users
from juece.web.auth import configured_users

SIMPLE = "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"


def test_the_setting_is_read_as_users_and_roles() -> None:
    users = parse_users(["admin:admin", " clerk_li:user ", "clerk_li:viewer", "", ":op", "team_a:op:t1|t2"])
    assert users == [AuthUser("admin", "admin"), AuthUser("clerk_li", "user"), AuthUser("team_a", "op")]


def test_the_simple_auth_managers_users_come_from_airflows_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIRFLOW__CORE__AUTH_MANAGER", SIMPLE)
    monkeypatch.setenv("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", "sponsor_office:user,county_head:viewer")
    assert configured_users() == [AuthUser("sponsor_office", "user"), AuthUser("county_head", "viewer")]


def test_another_auth_manager_lists_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIRFLOW__CORE__AUTH_MANAGER",
                       "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager")
    assert configured_users() is None
