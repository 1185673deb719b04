"""The archive catalogue: numbers kept per decision, versions never overwritten."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from juece.adapters.store import catalogue
from juece.adapters.store.catalogue import ArchiveIssue
from juece.domain.archive.facts import ArchiveFacts
from juece.domain.record.errors import RecordError


def facts(decision_id: str, catalogue_year: int | None = None, number: str | None = None) -> ArchiveFacts:
    return ArchiveFacts(decision_id=decision_id, title="延寿县城区道路拓宽工程", title_en="Road widening",
                        decision_body="延寿县人民政府", sponsor="延寿县住房和城乡建设局",
                        category="major_public_construction", catalogue_year=catalogue_year,
                        catalogue_number=number, launch_year=2027, launched_on="2027-03-01",
                        decided_on="2027-05-01", outcome="approve")


def issue_for(f: ArchiveFacts, edition: str = "full") -> ArchiveIssue:
    numbered = catalogue.number_for(f)
    return ArchiveIssue(
        archive_no=numbered.archive_no, decision_id=f.decision_id, version=numbered.version, edition=edition,
        title=f.title, title_en=f.title_en, decision_body=f.decision_body, sponsor=f.sponsor, category=f.category,
        catalogue_year=f.catalogue_year, catalogue_number=f.catalogue_number, archive_year=numbered.archive_year,
        item_number=numbered.item_number, outcome=f.outcome, sha256="a" * 64, chain_head="b" * 64,
        location=f"file:///x/{f.decision_id}/v{numbered.version}/{edition}.pdf", size=10,
        issued_at="2027-06-01T00:00:00Z", stage_dates={"launch": {"first": "2027-03-01", "last": "2027-03-01"}})


def test_without_catalogue_entry_the_launch_year_and_next_free_item(juece_home: Path) -> None:
    catalogue.register(issue_for(facts("road-a")))
    catalogue.register(issue_for(facts("road-b")))
    assert [i.archive_no for i in catalogue.issues()] == ["J001-2027-Y-0001", "J001-2027-Y-0002"]


def test_spec_catalogue_number_and_configured_fonds_give_the_number(juece_home: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_FONDS", "H023")
    issued = catalogue.register(issue_for(facts("road-c", 2028, "2028-07")))
    assert issued.archive_no == "H023-2028-Y-0007"
    assert catalogue.issues(year=2028)[0].stage_dates == {"launch": {"first": "2027-03-01", "last": "2027-03-01"}}


def test_a_reissue_is_the_next_version_under_the_same_number(juece_home: Path) -> None:
    first = catalogue.register(issue_for(facts("road-a")))
    catalogue.register(replace(first, edition="public"))
    second = catalogue.register(issue_for(facts("road-a")))
    assert (second.archive_no, second.version) == (first.archive_no, 2)
    assert catalogue.latest("road-a", "full").version == 2
    assert catalogue.latest("road-a", "public").version == 1
    assert [(i.version, i.edition) for i in catalogue.issues("road-a")] == [(1, "full"), (1, "public"), (2, "full")]


def test_an_issue_is_never_overwritten(juece_home: Path) -> None:
    first = catalogue.register(issue_for(facts("road-a")))
    with pytest.raises(RecordError, match="never overwritten"):
        catalogue.register(replace(first, sha256="c" * 64))
    assert catalogue.latest("road-a", "full").sha256 == "a" * 64


def test_a_catalogue_number_taken_by_another_decision_is_refused(juece_home: Path) -> None:
    catalogue.register(issue_for(facts("road-a", 2027, "2027-01")))
    with pytest.raises(RecordError, match="already belongs to decision road-a"):
        catalogue.number_for(facts("road-b", 2027, "2027-01"))


def test_unknown_edition_is_refused(juece_home: Path) -> None:
    with pytest.raises(RecordError, match="edition"):
        catalogue.register(issue_for(facts("road-a"), "draft"))
