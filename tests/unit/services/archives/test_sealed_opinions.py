"""R-C6 in juece's own outputs: an archive issued while the expert panel is open holds the open
opinions back in both editions' pages and in the public record.json, the full record stays
checkable, the archive search does not find them; once the panel closes the next issue does."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest

from juece.adapters.reporting.attach import attached_record
from juece.adapters.reporting.editions import chain_problems
from juece.adapters.reporting.verify import verify_archive
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.search import search
from juece.demo.library import seed_library, sign_as
from juece.domain.archive.search_query import Query
from juece.domain.expert_review.panel_record import holder, reserve_names
from juece.domain.expert_review.panel_seal import SEALED
from juece.domain.expert_review.seat_answers import Seat, seat_opinion
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer
from juece.domain.stages import Stage
from juece.services import archives
from juece.services import decisions as services

URBAN = Path(__file__).resolve().parents[4] / "templates" / "urban-planning.yaml"
CANARY = "canary7q3x"  # a word of the opinion found nowhere else
OPINION = {"no_conflict": True, "necessity": "确有必要。", "feasibility": "基本可行。", "soundness": "论证充分。",
           "opinion": f"同意，意见编号 {CANARY}：建议补充排水管网扩容测算。"}


def pages(content: bytes) -> str:
    return "".join("".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def record_of(content: bytes) -> tuple[bytes, dict[str, Any]]:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        raw = attached_record(pdf)
    assert raw is not None
    return raw, json.loads(raw)


def submit_and_sign(decision: str, seat: str) -> None:
    ledger = Ledger()
    expert = holder(ledger.entries(decision), seat)
    acts = seat_opinion(ledger.entries(decision), Seat(decision, seat, expert, reserve_names(2), 5),
                        Answer(expert, ["支持 Support"], dict(OPINION))).acts
    submitted = ledger.append_many(decision, acts)[-1]
    digest = submitted["data"]["digest"]
    ledger.append(decision, Act(Stage.EXPERT_REVIEW, "opinion_signed", expert, {
        "seat": seat, "expert": expert, "digest": digest, "signature": sign_as(expert, digest),
        "public_key": next(m["public_key"] for e in ledger.entries(decision) if e["kind"] == "panel_drawn"
                           for m in e["data"]["pool"] if m["user"] == expert),
        "algorithm": "Ed25519", "rule": "R-C1"}))


@pytest.fixture
def open_panel_issue(juece_home: Path, body_keys: Path, tmp_path: Path,
                     monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[archives.Issued]]]:
    monkeypatch.setenv("JUECE_ARCHIVE_STORE", (tmp_path / "store").as_uri())
    seed_library()
    decision = services.launch(URBAN, actor="sponsor_office", ledger=Ledger()).spec.id
    submit_and_sign(decision, "seat_1")
    yield decision, archives.issue(decision, ledger=Ledger())


def test_an_archive_issued_while_the_panel_is_open_holds_the_opinions_back(
        open_panel_issue: tuple[str, list[archives.Issued]], tmp_path: Path) -> None:
    decision, (full, public) = open_panel_issue
    marker = "".join(SEALED.split())
    for issued in (full, public):
        text = pages(issued.content)
        assert CANARY not in text and "排水管网扩容" not in text, issued.issue.edition
        assert marker in text, issued.issue.edition

    raw, record = record_of(public.content)
    assert CANARY.encode() not in raw and "排水管网扩容".encode() not in raw
    sealed = next(e for e in record["entries"] if e["kind"] == "opinion_submitted")
    assert sealed["data"]["opinion"] == sealed["data"]["conclusion"] == SEALED
    assert sealed["data"]["digest"] and "data.opinion" in sealed["sealed"]
    assert [(s["seq"], s["rule"]) for s in record["sealed"]] == [(sealed["seq"], "R-C6")]
    assert chain_problems(record) == []

    raw, record = record_of(full.content)  # the full record keeps every entry, whole and checkable
    assert CANARY.encode() in raw and chain_problems(record) == [] and record["sealed"]

    for issued in (full, public):
        path = tmp_path / f"{issued.issue.edition}.pdf"
        path.write_bytes(issued.content)
        report = verify_archive(path, Ledger().entries(decision))
        assert report.problems == [] and report.signatures == 1, (issued.issue.edition, report.problems)


def test_the_search_index_does_not_hold_an_open_opinion(open_panel_issue: tuple[str, list[archives.Issued]]) -> None:
    decision, (full, _) = open_panel_issue
    assert search(Query(CANARY)).total == 0 and search(Query("排水管网扩容")).total == 0
    assert [hit.decision_id for hit in search(Query(full.issue.title)).hits] == [decision]
    archives.reindex(Ledger())
    assert search(Query(CANARY)).total == 0


def test_once_the_panel_closes_the_next_issue_carries_the_opinions(
        open_panel_issue: tuple[str, list[archives.Issued]]) -> None:
    decision, _ = open_panel_issue
    Ledger().append(decision, Act(Stage.EXPERT_REVIEW, "panel_closed", "juece", {}))
    full, public = archives.issue(decision, ledger=Ledger())
    assert public.issue.version == 2
    raw, record = record_of(public.content)
    assert CANARY.encode() in raw and "sealed" not in record
    assert CANARY in pages(public.content)
    assert [hit.decision_id for hit in search(Query(CANARY)).hits] == [decision]
