"""`juece trace`: every act by whom, when, in which role, with hashes (R-H5); overdue steps with
their holders; the table, --json, --full-hashes, and clear refusals (exit 2)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time
from juece.domain.stages import Stage
from juece.spec import load_spec

URBAN = Path(__file__).resolve().parents[3] / "templates" / "urban-planning.yaml"
DECISION = "yanshou-2027-urban-001"
PAST = format_time(datetime.now(UTC) - timedelta(days=3))


@pytest.fixture
def record(juece_home: Path) -> list[dict]:
    spec = load_spec(URBAN)
    ledger = Ledger()
    ledger.append_many(DECISION, [
        Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}),
        Act(Stage.PUBLIC_PARTICIPATION, "notice_published", "sponsor_office",
            {"closes_at": PAST, "effective_closes_at": PAST}),
        Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public", {"receipt": "C-0001"}),
        Act(Stage.EXPERT_REVIEW, "opinion_requested", "juece",
            {"seat": "seat_1", "expert": "expert_03", "due_at": PAST, "effective_due_at": PAST}),
        Act(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser", {}),
    ])
    return ledger.entries(DECISION)


def test_a_decision_trace_names_every_act_its_role_kind_and_short_hash(run, record: list[dict]) -> None:
    code, out, err = run("trace", DECISION)
    assert (code, err) == (0, "")
    assert "承办单位" in out and "社会公众" in out and "法律顾问" in out
    assert "收到公众意见" in out and "法律顾问意见" in out
    assert record[2]["hash"][:12] in out and record[2]["hash"] not in out
    assert "完整 intact" in out


def test_full_hashes_print_whole_hashes(run, record: list[dict]) -> None:
    code, out, _ = run("trace", DECISION, "--full-hashes")
    assert code == 0 and all(entry["hash"] in out for entry in record)


def test_overdue_steps_are_flagged_with_who_holds_them(run, record: list[dict]) -> None:
    code, out, _ = run("trace", DECISION)
    overdue = [step for step in out.replace("\n    ", "").splitlines() if "OVERDUE" in step]
    assert len(overdue) == 2
    assert any("sponsor_office" in line and "R-B2" in line for line in overdue)
    assert any("expert_03" in line and "R-C1" in line for line in overdue)


def test_json_gives_acts_with_labels_pending_steps_and_the_chain(run, record: list[dict]) -> None:
    code, out, _ = run("trace", DECISION, "--json")
    data = json.loads(out)
    assert code == 0 and data["chain"]["intact"] is True
    assert [a["role"] for a in data["acts"]] == ["sponsor_office", "sponsor_office", "public", "system",
                                                  "legal_adviser"]
    assert data["acts"][2]["kind_label"] == "收到公众意见 Comment received"
    assert data["acts"][2]["hash"] == record[2]["hash"]
    assert {tuple(p["holders"]) for p in data["pending"] if p["overdue"]} == {("sponsor_office",), ("expert_03",)}


def test_a_person_trace_lists_their_acts_and_the_overdue_task_they_hold(run, record: list[dict]) -> None:
    code, out, _ = run("trace", "--person", "expert_03", "--json")
    data = json.loads(out)
    assert code == 0 and [(a["kind"], a["relation"]) for a in data["acts"]] == [("opinion_requested", "named")]
    assert [p["rule"] for p in data["pending"]] == ["R-C1"]
    code, out, _ = run("trace", "--person", "legal_adviser")
    assert code == 0 and f"{DECISION}#5" in out and "法律顾问" in out


def test_overdue_lists_every_decision_past_a_deadline(run, record: list[dict]) -> None:
    code, out, _ = run("trace", "--overdue", "--json")
    data = json.loads(out)
    assert code == 1 and [d["decision_id"] for d in data["decisions"]] == [DECISION]
    early = (datetime.now(UTC) - timedelta(days=10)).date().isoformat()
    code, out, _ = run("trace", "--overdue", "--as-of", early)
    assert code == 0 and "：0" in out


def test_a_broken_chain_is_shown_and_exits_one(run, record: list[dict]) -> None:
    from sqlalchemy import update

    from juece.adapters.store.db import ledger_entries

    ledger = Ledger()
    with ledger.engine.begin() as conn:
        conn.execute(update(ledger_entries).where(ledger_entries.c.seq == 3).values(actor="someone_else"))
    code, out, _ = run("trace", DECISION)
    assert code == 1 and "BROKEN" in out and "entry 3" in out


@pytest.mark.parametrize("argv", [("trace",), ("trace", DECISION, "--overdue"), ("trace", "no-such-decision"),
                                  ("trace", DECISION, "--as-of", "yesterday")],
                         ids=["nothing", "two-at-once", "unknown-decision", "bad-date"])
def test_bad_input_is_refused_with_exit_two_and_no_traceback(run, record: list[dict], argv: tuple[str, ...]) -> None:
    code, out, err = run(*argv)
    assert code == 2 and err.strip() and out == ""


def test_overdue_exits_one_for_monitoring_when_something_is_overdue_and_zero_when_nothing_is(
        run, record: list[dict]) -> None:
    code, out, _ = run("trace", "--overdue")
    assert code == 1 and "逾期" in out and "R-C1" in out
    early = (datetime.now(UTC) - timedelta(days=10)).date().isoformat()
    assert run("trace", "--overdue", "--as-of", early)[0] == 0


def test_a_due_evaluation_is_called_overdue_not_undecided(run, juece_home: Path) -> None:
    Ledger().append_many(DECISION, [
        Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": load_spec(URBAN).model_dump(mode="json")}),
        Act(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "reject"}),
        Act(Stage.POST_EVALUATION, "evaluation_scheduled", "juece", {"due_at": PAST, "evaluator": "evaluator_01"}),
    ])
    code, out, _ = run("trace", "--overdue")
    assert code == 1 and "R-G3" in out and "逾期" in out and "久拖不决" not in out


def test_every_line_fits_120_columns_and_every_kind_is_named_in_chinese(run, record: list[dict]) -> None:
    from juece.cli.columns import width

    Ledger().append_many(DECISION, [
        Act(Stage.PUBLIC_PARTICIPATION, kind, "sponsor_office", {"expert": "expert_03"})
        for kind in ("hearing_held", "channel_recorded", "member_absent", "personal_data_erased")])
    for argv in (("trace", DECISION), ("trace", "--person", "expert_03"), ("trace", "--overdue")):
        _, out, _ = run(*argv)
        assert max(width(line) for line in out.splitlines()) <= 120, argv
    _, out, _ = run("trace", DECISION)
    assert "举行听证会" in out and "其他参与渠道" in out and "组成人员缺席" in out and "删除个人信息" in out
    assert "hearing_held" not in out and "channel_recorded" not in out


def test_times_are_china_time_with_the_zone_in_the_header(run, record: list[dict]) -> None:
    from juece.domain.record.clock import china_time

    _, out, _ = run("trace", DECISION)
    assert "北京时间 UTC+8" in out.splitlines()[1]
    assert china_time(record[0]["at"], zone=False)[:16] in out and record[0]["at"][:16] not in out


def test_a_person_trace_includes_the_panel_draw_that_seated_them(run, record: list[dict]) -> None:
    Ledger().append_many(DECISION, [Act(Stage.EXPERT_REVIEW, "panel_drawn", "juece", {
        "seats": [{"seat": "seat_1", "user": "expert_03"}, {"seat": "seat_2", "user": "expert_07"}]})])
    code, out, _ = run("trace", "--person", "expert_07", "--json")
    assert code == 0 and [(a["kind"], a["relation"]) for a in json.loads(out)["acts"]] == [("panel_drawn", "named")]
