"""`make demo`'s summary: a run that failed is reported with its failed task and rule, and a PDF
left by an earlier run is never verified in its place."""

from __future__ import annotations

from pathlib import Path

from juece.adapters.store.ledger import Ledger
from juece.demo.run import RULE_IN_LOG, _outcome
from juece.domain.record.acts import Act

DECISION = "yanshou-2027-urban-001"


def test_a_failed_run_does_not_verify_a_stale_pdf_of_an_earlier_run(juece_home, tmp_path: Path) -> None:
    Ledger().append(DECISION, Act("launch", "launched", "sponsor_office", {"spec": {}}))
    stale = tmp_path / "archives" / f"{DECISION}.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF-1.7 an earlier run's archive")
    failure = "legality_review.submission [R-E3] the 2027 schedule is not known"
    outcome = _outcome(DECISION, "failed", 0.0, [failure], ledger=Ledger())
    assert not outcome.verified and outcome.archived_head == ""
    assert outcome.problems[0] == failure
    assert "earlier run: not verified" in outcome.problems[-1]


def test_the_rule_a_failed_task_cites_is_found_in_its_log() -> None:
    log = 'INFO - x\nERROR - [R-E3] 2027-01-04 所在的2027年尚无 / the schedule for 2027 is not known here\n'
    found = RULE_IN_LOG.search(log)
    assert found and found.group(1) == "R-E3" and "2027" in found.group(2)
