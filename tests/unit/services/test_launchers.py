"""R-A1: whoever launches a decision is its sponsor office, so only people who may be one launch."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.services.launchers import launch_refusal

PEOPLE = """\
groups:
  sponsor-office:
    name: 承办科室
    members: [sponsor_office, office_clerk_1]
people: []
"""


@pytest.mark.parametrize("role", ["viewer", "Viewer", "Public", "Viewer,Public"])
def test_viewers_never_launch(role: str) -> None:
    refusal = launch_refusal("archivist", role)
    assert refusal is not None and refusal.rule == "R-A1" and "只能查阅" in refusal.zh and "only read" in refusal.en


@pytest.mark.parametrize("role", ["user", "User", "op", "unknown", ""])
def test_without_launchers_named_anyone_else_signed_in_launches(role: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUECE_LAUNCHERS", raising=False)
    assert launch_refusal("someone", role) is None


def test_named_launchers_users_and_group_members_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    people = tmp_path / "people.yaml"
    people.write_text(PEOPLE, encoding="utf-8")
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(people))
    monkeypatch.setenv("JUECE_LAUNCHERS", "group:sponsor-office, planning_office")
    for user in ("sponsor_office", "office_clerk_1", "planning_office"):
        assert launch_refusal(user, "user") is None, user
    refused = launch_refusal("expert_01", "user")
    assert refused is not None and refused.rule == "R-A1" and "承办单位" in refused.zh
    assert launch_refusal("expert_01", "admin") is None  # administrators always may
    assert launch_refusal("expert_01", "User,Admin") is None
