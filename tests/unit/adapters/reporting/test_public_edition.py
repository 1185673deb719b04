"""The public edition of a record rich in personal data (R-H6): no personal value of anyone who
does not act publicly is in its record.json or on any of its pages; the seated panel is listed
and the candidate pool kept as its hash; it verifies (the draw re-run when the ledger is at hand,
said plainly when it is not), is the same bytes every time, and matches the ledger."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest

from juece.adapters.reporting.archive import build_archive, render
from juece.adapters.reporting.editions import REMOVED, make_edition, matches_ledger
from juece.adapters.reporting.verify import verify_archive
from juece.cli import main as cli
from juece.domain.expert_review.panel_public import pool_digest
from juece.domain.record.ledger import canonical_json
from tests.unit.adapters.reporting.personal_records import (
    COMMENTERS,
    DIGEST,
    SPOUSE,
    draw,
    entries,
    events,
    personal_values,
)
from tests.unit.adapters.reporting.reporting_records import DECISION, make_entries

HEX64 = re.compile(r"[0-9a-f]{64}")


@pytest.fixture(scope="module")
def ledger() -> list[dict[str, Any]]:
    return entries()


@pytest.fixture(scope="module")
def built(ledger: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory,
          body_keys_source: Path) -> dict[str, tuple[dict[str, Any], Path]]:
    folder = tmp_path_factory.mktemp("public-edition")
    editions = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(body_keys_source))
        for edition in ("full", "public"):
            record = make_edition(DECISION, ledger, edition, COMMENTERS)
            editions[edition] = (record, build_archive(record, folder / f"{edition}.pdf"))
    return editions


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def attached(path: Path) -> dict[str, Any]:
    with pikepdf.open(io.BytesIO(path.read_bytes())) as pdf:
        return json.loads(pdf.attachments["record.json"].get_file().read_bytes().decode("utf-8"))


def pages(path: Path) -> list[str]:
    """The text of every page, without white space (a value may be broken across lines)."""
    return ["".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(path).pages]


def squeezed(value: str) -> str:
    return "".join(value.split())


def test_the_full_edition_holds_every_personal_value(built: Any) -> None:
    """The scan below is not vacuous: the full edition has all of it, in its record and pages."""
    record, path = built["full"]
    values = personal_values(record)
    assert len(values) > 40
    in_record = list(strings(attached(path)))
    assert not [v for v in values if not any(v in s for s in in_record)]
    text = "".join(pages(path))
    assert all(squeezed(person["name"]) in text for person in COMMENTERS.values())


def test_no_personal_value_is_in_the_public_record_or_on_any_of_its_pages(built: Any) -> None:
    full, _ = built["full"]
    _, path = built["public"]
    values = personal_values(full)
    record = attached(path)
    in_record = sorted({v for v in values for s in strings(record) if v in s})
    on_pages = sorted({(number, v) for number, text in enumerate(pages(path), start=1)
                       for v in values if squeezed(v) in text})
    assert in_record == [] and on_pages == []


def test_the_public_panel_lists_who_sat_and_keeps_the_pool_as_its_hash(built: Any) -> None:
    full, _ = built["full"]
    public, path = built["public"]
    drawn = next(e for e in public["entries"] if e["kind"] == "panel_drawn")
    data = drawn["data"]
    pool = next(e for e in full["entries"] if e["kind"] == "panel_drawn")["data"]["pool"]
    replaced = next(e for e in full["entries"] if e["kind"] == "expert_replaced")["data"]["expert"]
    assert "pool" not in data and "excluded" not in data
    assert data["pool_sha256"] == pool_digest(pool) and data["pool_size"] == len(pool) == 12
    assert data["excluded_count"] == {"R-C3": 1, "R-C4": 2}
    assert [m["user"] for m in data["panel"]] == sorted({s.user for s in draw().seats} | {replaced})
    assert all(set(m) == {"user", "name", "specialties", "affiliation", "official_of", "public_key"}
               for m in data["panel"])
    assert data["seats"] == [s.as_dict() for s in draw().seats] and data["seed"] == draw().seed
    assert {"data.pool", "data.excluded", "data.rules.interested[0]"} <= set(drawn["redacted"])
    text = "".join(pages(path))
    assert all(squeezed(m["name"]) in text and squeezed(m["affiliation"]) in text for m in data["panel"])


def test_a_declared_conflict_stays_without_its_details(built: Any) -> None:
    public, _ = built["public"]
    declared = next(e for e in public["entries"] if e["kind"] == "conflict_declared")
    assert declared["data"]["statement"] == REMOVED and declared["redacted"] == ["data.statement"]
    assert declared["data"]["rule"] == "R-C3" and declared["data"]["expert"] == declared["actor"]
    assert SPOUSE not in json.dumps(public, ensure_ascii=False)


def test_hashes_keys_and_record_numbers_survive_the_public_edition(built: Any) -> None:
    full, _ = built["full"]
    public, path = built["public"]
    withheld = {"pool", "excluded"}
    kept = [{**e, "data": {k: v for k, v in e["data"].items() if k not in withheld}} for e in full["entries"]]
    hashes = {s for s in strings(kept) if HEX64.fullmatch(s)}
    assert DIGEST in hashes and len(hashes) > len(full["entries"])
    in_public = set(strings(public))
    assert hashes <= in_public
    comment = next(e for e in public["entries"] if e["data"].get("receipt") == "C-000003")["data"]["text"]
    for kept in (DIGEST, "J001-2027-Y-0003", "C-000001", "2027-03-05T09:30:00+08:00", "第 42 条"):
        assert kept in comment
    signed = next(e for e in public["entries"] if e["kind"] == "opinion_signed")
    assert "redacted" not in signed  # keys and signatures are nobody's personal data
    logged = {(item["kind"], item["path"]) for item in public["redactions"]}
    assert not [item for item in logged if item[0] in ("archive_built", "opinion_signed")]
    assert DIGEST in "".join(pages(path))


def test_the_public_edition_verifies_and_says_its_draw_was_not_re_run(built: Any) -> None:
    report = verify_archive(built["public"][1])
    assert report.ok, report.problems
    assert (report.draws, report.draws_withheld, report.signatures) == (0, 1, 1)
    assert report.warnings == [] and len(report.notes) == 1
    assert "not re-run" in report.notes[0] and built["public"][0]["entries"][1]["data"]["pool_sha256"] \
        in report.notes[0]


def test_the_full_edition_re_runs_its_draw(built: Any) -> None:
    report = verify_archive(built["full"][1])
    assert report.ok, report.problems
    assert (report.draws, report.draws_withheld, report.notes) == (1, 0, [])


def test_with_the_ledger_the_public_draw_is_re_run_and_its_pool_hash_checked(
        built: Any, ledger: list[dict[str, Any]]) -> None:
    report = verify_archive(built["public"][1], ledger)
    assert report.ok, report.problems
    assert (report.draws, report.draws_withheld, report.notes) == (1, 0, [])


def test_a_public_pool_hash_that_is_not_the_ledgers_is_a_problem(
        built: Any, ledger: list[dict[str, Any]], tmp_path: Path) -> None:
    record = json.loads(json.dumps(built["public"][0]))
    record["entries"][1]["data"]["pool_sha256"] = "f" * 64
    path = build_archive(record, tmp_path / "other-pool.pdf")
    assert verify_archive(path).ok  # offline only the body's signature vouches for it
    report = verify_archive(path, ledger)
    assert report.problems == ["the panel draw (entry 2): the candidate pool's SHA-256 is not that of "
                               "the pool the ledger recorded"]


def test_a_public_panel_that_does_not_hold_its_seats_is_a_problem(built: Any, tmp_path: Path) -> None:
    record = json.loads(json.dumps(built["public"][0]))
    data = record["entries"][1]["data"]
    gone = data["seats"][0]["user"]
    data["panel"] = [m for m in data["panel"] if m["user"] != gone]
    report = verify_archive(build_archive(record, tmp_path / "short-panel.pdf"))
    assert any(f"is held by {gone}, who is not in the listed panel" in p for p in report.problems)


def test_verify_prints_the_note(built: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["verify", "--offline", str(built["public"][1])]) == 0
    out = capsys.readouterr().out
    assert "OK:" in out and "NOTE: the panel draw (entry 2) was not re-run" in out


def test_the_public_edition_is_the_same_every_time(built: Any, ledger: list[dict[str, Any]]) -> None:
    record, path = built["public"]
    shuffled = dict(reversed(list(COMMENTERS.items())))
    again = make_edition(DECISION, json.loads(json.dumps(ledger)), "public", shuffled)
    assert canonical_json(again) == canonical_json(record)
    assert render(again) == path.read_bytes()


def test_matches_ledger_holds_for_both_editions_and_catches_a_changed_redacted_entry(
        built: Any, ledger: list[dict[str, Any]]) -> None:
    grown = make_entries([*events(), ("archive", "archive_built", "juece", {"sha256": "0" * 64})])
    for edition in ("full", "public"):
        record = built[edition][0]
        assert matches_ledger(record, ledger, COMMENTERS) and matches_ledger(record, grown, COMMENTERS)
    record = json.loads(json.dumps(built["public"][0]))
    record["entries"][1]["data"]["panel"][0]["name"] = "冒名顶替"
    assert not matches_ledger(record, ledger, COMMENTERS)
