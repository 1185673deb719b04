"""Other participation channels (R-B7) recorded with their evidence."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.cli.main import main
from juece.demo.library import seed_library
from juece.domain.participation.channels import channel_act
from juece.domain.record.errors import RuleViolation
from juece.services import attachments

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"

DECISION = "yanshou-2027-urban-001"


def test_a_symposium_is_recorded_with_its_attachment_hash(juece_home: Path, tmp_path: Path, capsys) -> None:
    seed_library()
    assert main(["launch", "--no-trigger", str(TEMPLATES / "urban-planning.yaml")]) == 0
    minutes = tmp_path / "座谈会纪要.txt"
    minutes.write_text("居民代表十二人参加，主要意见：增加停车位。", encoding="utf-8")
    code = main(["channel", DECISION, "--kind", "symposium", "--title", "东部新区居民座谈会", "--date", "2027-01-12",
                 "--summary", "居民关注停车和学校", "--participants", "12", "--attach", str(minutes)])
    assert code == 0 and "座谈会" in capsys.readouterr().out
    data = Ledger().latest(DECISION, "channel_recorded")["data"]
    digest = hashlib.sha256(minutes.read_bytes()).hexdigest()
    assert data["attachments"] == [{"name": minutes.name, "sha256": digest, "bytes": minutes.stat().st_size}]
    assert attachments.read(DECISION, data["attachments"][0]) == minutes.read_bytes()  # from the records DB
    assert not (juece_home / "attachments").exists()


@pytest.mark.parametrize(("kind", "day", "summary", "rule"), [
    ("party", "2027-01-12", "x", "R-B7"), ("poll", "12/01/2027", "x", None), ("poll", "2027-01-12", " ", "R-B7")],
    ids=["kind", "date", "summary"])
def test_a_channel_without_what_r_b7_asks_is_refused_and_a_bad_date_is_a_form_error(
        kind: str, day: str, summary: str, rule: str | None) -> None:
    with pytest.raises(RuleViolation) as refused:
        channel_act(kind, "民意调查", day, summary, [], "sponsor_office")
    assert refused.value.rule == rule


def test_recording_a_channel_for_an_unknown_decision_fails_cleanly(juece_home: Path, capsys) -> None:
    assert main(["channel", "nope", "--kind", "poll", "--title", "t", "--date", "2027-01-01", "--summary", "s"]) == 1
    assert "Traceback" not in capsys.readouterr().err
