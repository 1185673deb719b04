"""The DA/T 46 archival metadata of a decision's archive, read from the record alone: every
element for a catalogued record, and what stands in for each when the record lacks it."""

from __future__ import annotations

from typing import Any

from juece.domain.archive.archival import archival, with_archival

SPEC = {"title": "东大街改造", "title_en": "East Street renewal", "decision_body": "延寿县人民政府",
        "sponsor_unit": "县住建局", "draft": {"text": "第一条"}}


def entry(kind: str, at: str, data: Any = None) -> dict[str, Any]:
    return {"kind": kind, "at": at, "data": {} if data is None else data}


def record(**fields: Any) -> dict[str, Any]:
    entries = [entry("launched", "2027-03-01T16:30:00.000000Z", {"spec": SPEC}),
               entry("comment_received", "2027-04-02T01:00:00.000000Z"),
               entry("archive_issued", "2027-12-31T16:00:00.000000Z")]
    return {"decision_id": "yanshou-2027-01", "entries": entries, "archive_no": "J001-2027-Y-0003",
            "edition": "full", "chain_head": "ab12", **fields}


def test_a_catalogued_full_edition_has_every_element_from_its_record() -> None:
    assert archival(record()) == {
        "format": "juece-archival/1", "fonds": "J001", "archive_no": "J001-2027-Y-0003", "year": "2027",
        "title": "东大街改造", "title_en": "East Street renewal", "responsible": "延寿县人民政府",
        "sponsor": "县住建局", "decision_id": "yanshou-2027-01",
        "date_start": "2027-03-02", "date_end": "2028-01-01",
        "retention": "permanent", "retention_words": "永久 permanent",
        "openness": "restricted", "openness_words": "限制利用 restricted (holds personal data)",
        "classification": "非涉密 unclassified", "edition": "full", "chain_head": "ab12"}


def test_the_public_edition_is_open() -> None:
    meta = archival(record(edition="public"))
    assert (meta["openness"], meta["openness_words"], meta["edition"]) == (
        "open", "开放 open (personal data removed)", "public")


def test_an_unknown_or_missing_edition_has_no_openness() -> None:
    for edition in ("draft", None):
        meta = archival(record(edition=edition))
        assert (meta["openness"], meta["openness_words"], meta["edition"]) == ("", "", edition or "")


def test_the_retention_is_read_from_the_archive_numbers_code() -> None:
    shown = {code: archival(record(archive_no=f"K2-2026-{code}-0001")) for code in "DCZ"}
    assert [(m["retention"], m["retention_words"]) for m in shown.values()] == [
        ("30 years", "定期30年 30 years"), ("10 years", "定期10年 10 years"), ("Z", "Z")]
    assert {(m["fonds"], m["year"]) for m in shown.values()} == {("K2", "2026")}


def test_an_uncatalogued_record_is_permanent_with_no_fonds_and_the_year_of_its_first_day_in_china() -> None:
    meta = archival(record(archive_no=None))
    assert (meta["fonds"], meta["archive_no"], meta["year"]) == ("", "", "2027")
    assert (meta["retention"], meta["retention_words"]) == ("permanent", "永久 permanent")
    late = record(archive_no="")
    late["entries"][0]["at"] = "2026-12-31T15:59:59.000000Z"
    assert archival(late)["year"] == "2026"
    late["entries"][0]["at"] = "2026-12-31T16:00:00.000000Z"
    assert archival(late)["year"] == "2027"


def test_a_malformed_archive_number_is_kept_as_given_but_yields_no_fonds() -> None:
    meta = archival(record(archive_no="J001-2027-Y-3"))
    assert (meta["fonds"], meta["archive_no"], meta["year"], meta["retention"]) == (
        "", "J001-2027-Y-3", "2027", "permanent")


def test_the_archive_numbers_year_wins_over_the_records_first_day() -> None:
    assert archival(record(archive_no="J001-2031-Y-0001"))["year"] == "2031"


def test_a_record_without_entries_has_no_dates_and_its_id_as_title() -> None:
    meta = archival({"decision_id": "d-1", "entries": None})
    assert (meta["title"], meta["year"], meta["date_start"], meta["date_end"]) == ("d-1", "", "", "")
    assert (meta["title_en"], meta["responsible"], meta["sponsor"], meta["chain_head"]) == ("", "", "", "")
    assert archival({})["title"] == "" and archival({})["decision_id"] == ""


def test_the_spec_is_the_first_launched_entry_with_data() -> None:
    other = {**SPEC, "title": "别的"}
    rec = record()
    rec["entries"] = [entry("draft_revised", "2027-03-01T00:00:00.000000Z", {"spec": other}),
                      {"kind": "launched", "at": "2027-03-01T00:00:00.000000Z", "data": "lost"},
                      entry("launched", "2027-03-02T00:00:00.000000Z", {"spec": SPEC}),
                      entry("launched", "2027-03-03T00:00:00.000000Z", {"spec": other})]
    assert archival(rec)["title"] == "东大街改造"


def test_a_launch_whose_spec_is_not_an_object_gives_no_spec() -> None:
    rec = record()
    rec["entries"] = [entry("launched", "2027-03-01T00:00:00.000000Z", {"spec": "东大街"}),
                      entry("launched", "2027-03-02T00:00:00.000000Z", {"spec": SPEC})]
    meta = archival(rec)
    assert (meta["title"], meta["responsible"]) == ("yanshou-2027-01", "")


def test_an_empty_title_falls_back_to_the_decision_id() -> None:
    rec = record()
    rec["entries"][0]["data"]["spec"] = {**SPEC, "title": ""}
    assert archival(rec)["title"] == "yanshou-2027-01"


def test_an_entry_without_a_time_or_with_unreadable_time_shows_what_it_has() -> None:
    rec = record()
    rec["entries"][0] = {"kind": "launched", "data": {"spec": SPEC}}
    rec["entries"][-1] = entry("x", "sometime in 2027")
    meta = archival(rec)
    assert (meta["date_start"], meta["date_end"]) == ("", "sometime i")


def test_a_last_entry_that_is_not_an_object_has_no_date() -> None:
    rec = record()
    rec["entries"].append(["damaged"])
    assert (archival(rec)["date_start"], archival(rec)["date_end"]) == ("2027-03-02", "")


def test_a_record_entry_that_is_not_an_object_is_passed_over_not_fatal() -> None:
    rec = record(archive_no="")
    rec["entries"] = ["damaged", *rec["entries"], 7]
    meta = archival(rec)
    assert (meta["title"], meta["date_start"], meta["date_end"], meta["year"]) == ("东大街改造", "", "", "")


def test_the_record_gains_its_metadata_as_archival_and_is_not_changed() -> None:
    rec = record()
    kept = dict(rec)
    out = with_archival(rec)
    assert rec == kept and "archival" not in rec
    assert out == {**rec, "archival": archival(rec)}
