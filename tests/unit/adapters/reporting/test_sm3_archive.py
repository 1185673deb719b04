"""An archive built from an SM3-chained record (no Airflow: straight from the entries) states its
algorithm in record.json, and `juece verify` accepts it; a changed entry, or a record.json that
names another algorithm than its launch, is refused."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from juece.adapters.reporting.archive import build_archive
from juece.adapters.reporting.editions import chain_problems, make_edition
from juece.adapters.reporting.verify import verify_archive
from juece.cli.main import main
from tests.unit.adapters.reporting.reporting_records import DECISION, EVENTS
from tests.unit.domain.record import sm3_chains


def sm3_record() -> dict[str, Any]:
    events = copy.deepcopy(EVENTS)
    events[0][3]["hash_algorithm"] = "sm3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sm3_chains, "DECISION", DECISION)
        entries = sm3_chains.link(events, ["sm3"] * len(events))
    return make_edition(DECISION, entries, "full")


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    return sm3_record()


def test_the_record_names_its_algorithm_and_its_chain_holds(record: dict[str, Any]) -> None:
    assert record["hash_algorithm"] == "sm3" and record["format"] == "juece-record/1"
    assert chain_problems(record) == []


def test_a_record_naming_another_algorithm_than_its_launch_is_refused(record: dict[str, Any]) -> None:
    other = {key: value for key, value in record.items() if key != "hash_algorithm"}
    problems = chain_problems(other)
    assert problems and problems[0].startswith("[R-H2]") and "declares sm3" in problems[0]


def test_verify_accepts_an_archive_of_an_sm3_chain_and_refuses_a_changed_entry(
        record: dict[str, Any], tmp_path: Path) -> None:
    pdf = build_archive(record, tmp_path / "sm3.pdf")
    report = verify_archive(pdf)
    assert report.ok, report.problems
    assert main(["verify", str(pdf)]) == 0
    with pikepdf.open(pdf) as opened:
        stream = opened.attachments["record.json"].get_file().obj
        raw = stream.read_bytes()
        edited = raw.replace("儿科急诊".encode(), "儿科门诊".encode(), 1)
        assert edited != raw
        stream.write(edited)
        opened.save(tmp_path / "changed.pdf")
    refused = verify_archive(tmp_path / "changed.pdf")
    assert not refused.ok
    assert any("record chain broken" in p and "hash does not match its content" in p for p in refused.problems)
    assert main(["verify", str(tmp_path / "changed.pdf")]) == 1
