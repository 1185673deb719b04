"""What the day of launch decides (R-B6: the hearing's notice and its materials), word for word in
both languages with China's calendar days whatever the server's zone, and who the spec gives a task."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from juece.spec import SpecError, load_spec, load_spec_text
from juece.spec.base import CHINA
from tests.unit.spec.test_spec_lint import FILE, line_of, variant

PRICE = (Path(__file__).resolve().parents[3] / "templates" / "price-hearing.yaml").read_text(encoding="utf-8")
LAUNCH = datetime(2027, 2, 20, 9, 0, tzinfo=CHINA)  # 23 days before the template's hearing on 15 March
HEARING_TIME = 'time: "2027-03-15T09:00:00+08:00"'
NOT_APPLICABLE = "    applicable: false\n    not_applicable_reason: 依法不公开\n"


def test_load_spec_checks_the_launch_day_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / "price.yaml"
    path.write_text(PRICE, encoding="utf-8")
    assert load_spec(path).id == "yanshou-2027-water-price"
    with pytest.raises(SpecError) as caught:
        load_spec(path, launch_at=LAUNCH)
    issue, = caught.value.issues
    assert (issue.file, issue.line, issue.column, issue.rule, issue.field) == (
        str(path), line_of(PRICE, HEARING_TIME), 7, "R-B6", "stages.public_participation.hearing.time")
    assert issue.source_line == "      " + HEARING_TIME


def test_a_hearing_of_an_inapplicable_participation_is_not_judged_at_launch() -> None:
    text = variant(("  public_participation:\n", "  public_participation:\n" + NOT_APPLICABLE), text=PRICE)
    assert load_spec_text(text, FILE, launch_at=LAUNCH).stages.public_participation.applicable is False


def test_a_notice_too_late_says_the_hearings_day_and_the_days_lacking_in_both_languages_r_b6(
        server_in_utc: None) -> None:
    # 07:00 in China is the evening before in UTC: the days said are China's
    text = variant((HEARING_TIME, 'time: "2027-03-15T07:00:00+08:00"'), text=PRICE)
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, FILE, launch_at=datetime(2027, 3, 1, 7, 0, tzinfo=CHINA))
    issue, = caught.value.issues
    assert issue.message == ("听证会（2027-03-15）须至少提前30日公告，2027-03-01公告已不足30日 / a hearing must be "
                             "announced at least 30 days ahead; announced on 2027-03-01, 2027-03-15 is too close")


def test_materials_too_late_say_their_last_day_in_both_languages_r_b6() -> None:
    spec = load_spec_text(PRICE, FILE)
    hearing = spec.stages.public_participation.hearing
    assert hearing is not None
    assert hearing.materials_too_late(datetime(2027, 3, 5, 23, 59, tzinfo=CHINA)) is None
    assert hearing.materials_too_late(datetime(2027, 3, 6, 0, 0, tzinfo=CHINA)) == (
        "听证材料最迟应于2027-03-05送达，已逾期", "materials were due by the end of 2027-03-05: too late")


def test_a_spec_written_on_one_line_is_refused_at_launch_showing_that_line() -> None:
    one_line = json.dumps(yaml.safe_load(PRICE), ensure_ascii=False)
    with pytest.raises(SpecError) as caught:
        load_spec_text(one_line, FILE, launch_at=LAUNCH)
    issue, = caught.value.issues
    assert (issue.line, issue.rule, issue.source_line) == (1, "R-B6", one_line)


def test_the_people_of_a_spec_with_a_hearing_are_its_participants_too() -> None:
    people = load_spec_text(PRICE).people()
    assert {f"hearing_{n:02}" for n in range(1, 16)} <= people


def test_the_people_of_a_spec_leave_out_the_hearing_of_an_inapplicable_participation() -> None:
    text = variant(("  public_participation:\n", "  public_participation:\n" + NOT_APPLICABLE), text=PRICE)
    assert not any(person.startswith("hearing_") for person in load_spec_text(text).people())
