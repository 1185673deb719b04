"""juece's FAB auth manager answers a human task by the user name it was assigned to: never by
FAB's account number, which may equal someone else's name."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from juece.adapters.airflow_client import name_in
from juece.web.fab_auth import FabAuthManagerByName, sign_in_name


def check(assigned: set[str], username: str | None, number: int = 17) -> bool:
    manager = FabAuthManagerByName.__new__(FabAuthManagerByName)  # the check reads nothing of FAB's app
    user = SimpleNamespace(username=username, get_id=lambda: str(number))
    return manager.is_authorized_hitl_task(assigned_users=assigned, user=user)


def test_the_person_assigned_by_user_name_may_answer() -> None:
    assert check({"legality_reviewer", "wei_dong"}, "wei_dong")


def test_someone_else_may_not() -> None:
    assert not check({"legality_reviewer"}, "legality_reviewer_2")


def test_an_account_number_equal_to_an_assigned_name_is_not_enough() -> None:
    assert not check({"17"}, "someone_else", number=17)


@pytest.mark.parametrize("username", [None, ""])
def test_an_account_without_a_user_name_answers_nothing(username: str | None) -> None:
    assert not check({"", "17"}, username)
    assert sign_in_name(SimpleNamespace(username=username)) is None


def test_who_airflow_says_signed_in_is_named_by_user_name() -> None:
    assert name_in({"id": "17", "username": "wei_dong"}) == "wei_dong"  # FAB
    assert name_in({"id": "wei_dong", "username": "wei_dong"}) == "wei_dong"  # SimpleAuthManager
