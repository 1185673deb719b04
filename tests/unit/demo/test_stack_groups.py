"""Every member of a group in the demo people directory has an Airflow account in the demo stack,
so a demo user who is a group member can sign in; a home made before a user was added gets a
password for them and keeps everyone else's."""

from __future__ import annotations

import json
from pathlib import Path

from juece.adapters.notify.groups import load_groups
from juece.demo.stack import REPO, ROLE_USERS, SYSTEM_USER, Stack

PEOPLE = REPO / "templates" / "libraries" / "people.yaml"


def accounts(stack: Stack) -> dict[str, str]:
    users = stack.env()["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS"].split(",")
    return dict(user.split(":", 1) for user in users)


def test_every_member_of_a_demo_group_can_sign_in(tmp_path: Path) -> None:
    groups = load_groups(PEOPLE)
    assert {"sponsor-office", "legality-office"} <= set(groups)
    members = {member for group in groups.values() for member in group.members}
    signed = accounts(Stack(home=tmp_path / "home"))
    assert members <= set(signed)
    assert {signed[member] for member in members} == {"user"}
    assert members <= set(Stack(home=tmp_path / "home").prepare())


def test_a_home_from_before_keeps_its_passwords_and_gets_the_new_users(tmp_path: Path) -> None:
    stack = Stack(home=tmp_path / "home")
    stack.home.mkdir()
    stack.passwords_file.write_text(json.dumps({SYSTEM_USER: "kept", "sponsor_office": "kept too"}), encoding="utf-8")
    passwords = stack.prepare()
    assert passwords[SYSTEM_USER] == "kept" and passwords["sponsor_office"] == "kept too"
    assert set(passwords) == {SYSTEM_USER} | {user for users in ROLE_USERS.values() for user in users}
    assert json.loads(stack.passwords_file.read_text(encoding="utf-8")) == passwords
    assert stack.prepare() == passwords  # again: nothing changed
