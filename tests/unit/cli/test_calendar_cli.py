"""`juece calendar`: an administrator loads a year's official schedule; `show` says where each year
comes from and which decisions wait for one (R-E3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.adapters.store.calendar import CalendarStore
from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act

SCHEDULE = "2027:\n  holidays: [2027-01-01, 2027-02-08]\n  workdays: [2027-02-20]\n"


@pytest.fixture(autouse=True)
def administrator(signed_in, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_ADMIN_USERS", "administrator")
    signed_in.sign_in("administrator")


def schedule_file(tmp_path: Path, text: str = SCHEDULE) -> Path:
    path = tmp_path / "2027.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_loads_the_year_with_its_notice_and_who_loaded_it(run, juece_home, tmp_path, signed_in) -> None:
    code, out, err = run("calendar", "import", str(schedule_file(tmp_path)), "--notice", "国办发明电〔2026〕1号")
    assert (code, err) == (0, "")
    assert "2027: 官方安排 official — 国办发明电〔2026〕1号" in out and "administrator" in out
    (stored,) = CalendarStore().schedules()
    assert (stored.year, stored.source, stored.loaded_by) == (2027, "国办发明电〔2026〕1号", "administrator")
    code, out, _ = run("calendar", "show")
    assert code == 0 and "2027: 官方 official — 国办发明电〔2026〕1号" in out
    assert "working days can be counted for 2001-2027" in out


def test_a_wrong_schedule_file_exits_two_with_the_rule_and_loads_nothing(run, juece_home, tmp_path) -> None:
    code, out, err = run("calendar", "import", str(schedule_file(tmp_path, SCHEDULE.replace("02-20", "02-22"))))
    assert code == 2 and "[R-E3]" in err and "not a weekend day" in err
    assert CalendarStore().schedules() == []


def test_import_names_the_decisions_waiting_for_that_year(run, juece_home, tmp_path) -> None:
    Ledger().append("yanshou-2027-urban-001", Act("legality_review", "calendar_awaited", "juece",
                                                  {"year": 2027, "task": "legality_review.submission"}))
    code, out, _ = run("calendar", "import", str(schedule_file(tmp_path)))
    assert code == 0 and "yanshou-2027-urban-001 (legality_review.submission, 2027)" in out


def test_an_assumed_schedule_is_shown_as_assumed(run, juece_home, tmp_path) -> None:
    assert run("calendar", "import", "--assumed", str(schedule_file(tmp_path)))[0] == 0
    assert "2027: 假定 ASSUMED" in run("calendar", "show")[1]


def test_only_an_administrator_loads_a_schedule(run, juece_home, tmp_path, signed_in) -> None:
    signed_in.sign_in("sponsor_office")
    code, _, err = run("calendar", "import", str(schedule_file(tmp_path)))
    assert code == 2 and "[R-" not in err and "only an administrator" in err
    assert CalendarStore().schedules() == []
