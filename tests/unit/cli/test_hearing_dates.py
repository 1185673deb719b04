"""`juece lint` and `juece launch` refuse a hearing the run could not announce in time (R-B6):
the check the run makes when it announces the hearing, made for the day of launch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from juece.adapters.store.ledger import Ledger

PRICE = Path(__file__).resolve().parents[3] / "templates" / "price-hearing.yaml"
HEARING_TIME = 'time: "2027-03-15T09:00:00+08:00"'


def price_with_hearing_in(tmp_path: Path, days: int) -> Path:
    text = PRICE.read_text(encoding="utf-8")
    assert text.count(HEARING_TIME) == 1
    moment = (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)
    path = tmp_path / f"price-{days}.yaml"
    path.write_text(text.replace(HEARING_TIME, f'time: "{moment.isoformat()}"'), encoding="utf-8")
    return path


def test_lint_refuses_a_hearing_too_close_to_today_for_its_notice(run, tmp_path: Path) -> None:
    close, far = price_with_hearing_in(tmp_path, 10), price_with_hearing_in(tmp_path, 40)
    code, out, err = run("lint", str(close), str(far))
    assert code == 2
    assert f"{close}:24:7: stages.public_participation.hearing.time: [R-B6]" in err and "30" in err
    assert f"{far}: ok" in out and str(close) not in out


def test_lint_checks_the_hearing_for_the_day_of_launch_given(run, tmp_path: Path) -> None:
    close = price_with_hearing_in(tmp_path, 10)
    today = datetime.now(UTC).date()
    assert run("lint", "--launch-date", (today - timedelta(days=30)).isoformat(), str(close))[0] == 0
    assert run("lint", "--launch-date", today.isoformat(), str(close))[0] == 2


def test_launch_refuses_a_hearing_too_close_and_records_nothing(run, juece_home: Path, tmp_path: Path) -> None:
    code, out, err = run("launch", "--no-trigger", str(price_with_hearing_in(tmp_path, 10)))
    assert code == 2 and "[R-B6]" in err and out == ""
    assert Ledger().decisions() == []
