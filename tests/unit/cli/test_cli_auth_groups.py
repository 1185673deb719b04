"""The command's sponsor-office check accepts any member of a group sponsor office, names the
group by its display name when it refuses, and refuses anyone else (exit 2, nothing done)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.cli.auth import require_sponsor
from juece.domain.record.errors import AccessError


@pytest.fixture(autouse=True)
def groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("groups:\n  sponsor-office: {name: 承办科室, name_en: sponsor office, members: [qian, chu]}\n",
                    encoding="utf-8")
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(path))


def test_a_member_of_the_sponsor_office_group_may_act_for_it() -> None:
    require_sponsor("qian", "group:sponsor-office", "启动本决策", "launches this decision")
    require_sponsor("chu", "group:sponsor-office", "启动本决策", "launches this decision")
    require_sponsor("sponsor_office", "sponsor_office", "启动本决策", "launches this decision")


def test_anyone_else_is_refused_naming_the_office_by_its_name() -> None:
    with pytest.raises(AccessError) as refused:
        require_sponsor("li_si", "group:sponsor-office", "启动本决策", "launches this decision")
    assert refused.value.zh == "只有承办单位（承办科室 sponsor office）可以启动本决策，li_si 不可以"
    assert "group:" not in str(refused.value)
