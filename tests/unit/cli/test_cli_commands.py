"""The `juece` command in-process: exit codes, messages, what is recorded, and never a traceback."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.cli.main import main
from juece.demo.calendar import seed_assumed_calendar
from juece.demo.library import seed_library
from juece.domain import steps
from juece.domain.record.clock import china_time
from juece.services.record import now
from juece.spec import load_spec

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
TEMPLATE_FILES = sorted(TEMPLATES.glob("*.yaml"))
URBAN = TEMPLATES / "urban-planning.yaml"
DECISION = "yanshou-2027-urban-001"


@pytest.fixture
def home(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh JUECE_HOME with its own SQLite records DB (tests/conftest.py) and a real-time clock."""
    monkeypatch.delenv("JUECE_CLOCK_SCALE", raising=False)
    seed_library()  # the panel is drawn from the expert library at launch
    return juece_home


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def urban_with(tmp_path: Path, old: str, new: str, name: str = "spec.yaml") -> Path:
    text = URBAN.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return write(tmp_path, name, text.replace(old, new))


def entries(decision: str = DECISION) -> list[dict]:
    return Ledger().entries(decision)


# --- lint and schema -------------------------------------------------------------------------

def test_lint_exits_zero_on_every_template(run) -> None:
    code, out, err = run("lint", "--launch-date", "2027-01-04", *map(str, TEMPLATE_FILES))  # their year
    assert (code, err) == (0, "")
    for path in TEMPLATE_FILES:
        assert f"{path}: ok (decision__{load_spec(path).id})" in out


def test_lint_exits_two_on_a_malformed_spec_naming_file_line_and_rule(run, tmp_path: Path) -> None:
    bad = urban_with(tmp_path, "decision_body:", "decision_bdy:")
    code, out, err = run("lint", str(bad))
    assert code == 2
    assert f"{bad}:7:1: decision_bdy: [R-A1] unknown field" in err
    assert "did you mean `decision_body`?" in err
    assert "ok" not in out


def test_lint_exits_two_on_an_illegal_spec(run, tmp_path: Path) -> None:
    bad = urban_with(tmp_path, "review_working_days: 7", "review_working_days: 5")
    code, _, err = run("lint", str(bad))
    assert code == 2
    assert f"{bad}:40:5: stages.legality_review.review_working_days: [R-E3]" in err


@pytest.mark.parametrize("text", ["id: [unclosed\n", "- a\n- b\n"], ids=["invalid-yaml", "a-list"])
def test_lint_exits_two_on_text_that_is_no_spec(run, tmp_path: Path, text: str) -> None:
    code, _, err = run("lint", str(write(tmp_path, "x.yaml", text)))
    assert code == 2
    assert "x.yaml:" in err and "[R-" not in err  # the file's form: no rule is cited


def test_lint_checks_every_file_and_fails_if_any_fails(run, tmp_path: Path) -> None:
    bad = urban_with(tmp_path, "head: county_head", "head: mayor")
    code, out, err = run("lint", str(URBAN), str(bad))
    assert code == 2
    assert f"{URBAN}: ok" in out
    assert "[R-F2]" in err


def test_lint_of_a_missing_file_exits_two(run, tmp_path: Path) -> None:
    code, _, err = run("lint", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "cannot read the file" in err


def test_schema_prints_the_json_schema_of_a_spec(run) -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert {"id", "title", "stages", "legal_basis"} <= set(schema["properties"])
    assert "title" in schema["required"]


def test_an_unknown_command_is_an_argparse_error_with_exit_two(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["frobnicate"])
    assert stopped.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# --- launch ----------------------------------------------------------------------------------

def test_launch_without_trigger_records_launched_with_the_spec_and_its_text(run, home: Path) -> None:
    code, out, err = run("launch", "--no-trigger", str(URBAN))  # as the sponsor office (conftest)
    assert (code, err) == (0, "")
    launched, drawn = entries()
    assert (launched["seq"], launched["stage"], launched["kind"], launched["actor"]) == (1, "launch", "launched", "sponsor_office")
    assert (drawn["kind"], len(drawn["data"]["seats"]), len(drawn["data"]["pool"])) == ("panel_drawn", 7, 50)
    assert launched["data"]["source"] == "urban-planning.yaml"
    assert launched["data"]["clock_scale"] == 1.0
    assert launched["data"]["spec"]["id"] == DECISION
    assert launched["data"]["spec_text"] == URBAN.read_text(encoding="utf-8")
    assert f"launched {DECISION}: ledger entry 1 {launched['hash']}" in out
    assert not (home / "specs").exists()  # the record is the only copy the DAG is built from


def test_launch_fails_with_the_rule_when_the_library_cannot_give_a_panel(run, juece_home: Path) -> None:
    code, out, err = run("launch", "--no-trigger", str(URBAN))  # no expert library imported
    assert code == 2 and "R-C2" in err and "城市规划" in err
    assert entries() == []


def test_launch_records_the_clock_scale(run, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_CLOCK_SCALE", "720")
    assert run("launch", "--no-trigger", str(URBAN))[0] == 0
    assert entries()[0]["data"]["clock_scale"] == 720.0


@pytest.mark.parametrize("scale", ["fast", "0.5"])
def test_launch_with_a_bad_clock_scale_exits_one_and_records_nothing(run, home: Path, monkeypatch, scale: str) -> None:
    monkeypatch.setenv("JUECE_CLOCK_SCALE", scale)
    code, _, err = run("launch", "--no-trigger", str(URBAN))
    assert code == 1
    assert err.startswith("error: JUECE_CLOCK_SCALE")
    assert entries() == []


def test_launching_the_same_spec_again_records_nothing_and_says_so(run, home: Path) -> None:
    assert run("launch", "--no-trigger", str(URBAN))[0] == 0
    code, out, err = run("launch", str(URBAN))  # without --no-trigger: still no run is triggered
    assert (code, err) == (0, "")
    assert "already launched" in out and "no run triggered" in out
    assert china_time(entries()[0]["at"]) in out and entries()[0]["at"] not in out  # 北京时间 UTC+8
    assert len(entries()) == 2  # launched, panel_drawn


def test_a_different_spec_with_the_same_id_is_refused(run, home: Path, tmp_path: Path) -> None:
    assert run("launch", "--no-trigger", str(URBAN))[0] == 0
    other = urban_with(tmp_path, "comment_period_days: 30", "comment_period_days: 45")
    code, out, err = run("launch", "--no-trigger", str(other))
    assert code == 2
    assert "[R-G5]" in err and "already launched with another spec" in err
    assert len(entries()) == 2  # launched, panel_drawn


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [("decision_body:", "decision_bdy:", "R-A1"), ("comment_period_days: 30", "comment_period_days: 10", "R-B2"),
     ("  legality_review:\n", "  legality_review:\n    applicable: false\n", "R-A2")],
    ids=["malformed", "short-period", "legality-review-not-applicable"],
)
def test_launching_a_bad_spec_exits_two_and_records_nothing(run, home: Path, tmp_path: Path, old, new, rule) -> None:
    code, out, err = run("launch", "--no-trigger", str(urban_with(tmp_path, old, new)))
    assert code == 2
    assert f"[{rule}]" in err and "spec.yaml:" in err
    assert out == ""
    assert entries() == [] and Ledger().decisions() == []


def test_launching_a_missing_file_exits_two(run, home: Path, tmp_path: Path) -> None:
    code, _, err = run("launch", "--no-trigger", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "cannot read the file" in err


# --- comment ---------------------------------------------------------------------------------

@pytest.fixture
def launched(run, home: Path) -> Path:
    assert run("launch", "--no-trigger", str(URBAN))[0] == 0
    return home


def publish_notice(at) -> None:
    """The notice as the step records it; its period may end in a year whose official holiday
    schedule is not out yet: an assumed one, labelled so, is loaded as the demo does (R-E3)."""
    seed_assumed_calendar()
    spec = load_spec(URBAN)
    ledger = Ledger()
    ledger.append_many(DECISION, steps.publish_notice(spec, ledger.entries(DECISION), at))


def test_a_comment_before_the_notice_exits_two_with_r_b1_and_records_nothing(run, launched) -> None:
    code, out, err = run("comment", DECISION, "--text", "建议增加停车场。")
    assert code == 2
    assert err.startswith("refused [R-B1]")
    assert out == ""
    assert [e["kind"] for e in entries()] == ["launched", "panel_drawn"]


def test_a_comment_after_the_notice_gets_a_receipt_and_is_recorded(run, launched) -> None:
    publish_notice(now())
    code, out, _ = run("comment", DECISION, "--text", "<b>建议</b>增加停车场。", "--paragraph", "2")
    assert code == 0
    comment = entries()[-1]
    assert (comment["kind"], comment["actor"]) == ("comment_received", "public")
    assert (comment["data"]["receipt"], comment["data"]["text"], comment["data"]["paragraph"]) == (
        "C-000001", "<b>建议</b>增加停车场。", 2)
    assert comment["data"]["channel"] == "cli" and comment["data"]["late"] is False
    assert out == f"回执 receipt C-000001\nledger hash {comment['hash']}\n"


def test_a_comment_after_the_period_is_kept_and_marked_late(run, launched) -> None:
    publish_notice(now() - timedelta(days=60))  # well past 30 days, whatever rest days move the end (Art. 203)
    code, out, _ = run("comment", DECISION, "--text", "迟到的意见")
    assert code == 0
    assert "late" in out and "R-B3" in out
    assert entries()[-1]["data"]["late"] is True


def test_an_empty_comment_exits_two_as_a_form_error_and_records_nothing(run, launched) -> None:
    publish_notice(now())
    code, _, err = run("comment", DECISION, "--text", "  \x07 ")
    assert code == 2
    assert err.startswith("refused 意见内容不能为空 / a comment needs some text")  # no rule: a form error
    assert [e["kind"] for e in entries()] == ["launched", "panel_drawn", "notice_published"]


# --- record ----------------------------------------------------------------------------------

def test_record_prints_the_entries_and_says_the_chain_is_intact(run, launched) -> None:
    publish_notice(now())
    code, out, _ = run("record", DECISION)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 5 and "北京时间 UTC+8" in lines[0]
    assert lines[1].split()[:5] == ["1", *china_time(entries()[0]["at"], zone=False).split(), "launch", "决策启动"]
    assert "抽取论证专家" in lines[2] and "发布征求意见公告" in lines[3]
    head = entries()[-1]["hash"]
    assert lines[4] == f"chain head {head} (3 entries, intact)"


def test_record_as_json_prints_the_entries_with_their_hashes(run, launched) -> None:
    code, out, err = run("record", DECISION, "--json")
    assert code == 0
    assert json.loads(out) == entries()  # stdout is the JSON alone
    assert "intact" in err


def test_record_of_a_tampered_ledger_exits_one_naming_the_entry(run, launched) -> None:
    publish_notice(now())
    with sqlite3.connect(launched / "records.db") as db:
        db.execute("UPDATE juece_ledger SET data = ? WHERE seq = 2", (json.dumps({"period_days": 5}),))
    code, out, _ = run("record", DECISION)
    assert code == 1
    assert "BROKEN: entry 2: hash does not match its content" in out


@pytest.mark.parametrize(
    "argv",
    [("record", "no-such-decision"), ("record", "no-such-decision", "--json"),
     ("comment", "no-such-decision", "--text", "意见")],
    ids=["record", "record-json", "comment"],
)
def test_a_nonexistent_decision_exits_one_with_a_clear_message(run, home: Path, argv) -> None:
    code, out, err = run(*argv)
    assert code == 1
    assert err == "error: no decision 'no-such-decision' in the record\n"
    assert out == ""
