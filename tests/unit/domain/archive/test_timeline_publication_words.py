"""The record in words of the publication: the exact sentence in Chinese and English for a
decision published, its announcement reviewed, a decision not published and a late publication."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_decision as said
from juece.domain.archive.timeline_words import People


def words(phrase: Any, data: dict[str, Any]) -> tuple[str, str]:
    return phrase(data, {"actor": "sponsor_office"}, People())  # type: ignore[no-any-return]


def test_a_publication_names_its_document_its_working_day_its_limit_and_its_lateness() -> None:
    data = {"working_days": 4, "within_working_days": 20, "document_number": "延政发〔2027〕9号", "overdue": True}
    assert words(said.published, data) == (
        "决策向社会公布，发文字号 延政发〔2027〕9号（作出决定后第4个工作日，时限20个工作日），已逾期",
        "The decision was published as 延政发〔2027〕9号 (working day 4 after the decision; the limit is 20), late")


def test_a_publication_without_its_working_days_gives_only_its_limit() -> None:
    assert words(said.published, {"within_working_days": 20}) == (
        "决策向社会公布（时限20个工作日）", "The decision was published (within 20 working days)")
    assert words(said.published, {"working_days": 4}) == ("决策向社会公布", "The decision was published")
    assert words(said.published, {}) == ("决策向社会公布", "The decision was published")


def test_a_document_number_is_cut_to_thirty_characters() -> None:
    assert words(said.published, {"document_number": "号" * 40}) == (
        f"决策向社会公布，发文字号 {'号' * 29}…", f"The decision was published as {'号' * 29}…")
    assert words(said.announcement_reviewed, {"document_number": "号" * 40}) == (
        f"承办单位审定决定公告，发文字号 {'号' * 29}…",
        f"The sponsor office reviewed the announcement, document number {'号' * 29}…")


def test_a_reviewed_announcement_says_whether_the_generated_wording_was_changed() -> None:
    assert words(said.announcement_reviewed, {"document_number": "X号", "edited": True}) == (
        "承办单位审定决定公告，发文字号 X号，修改了生成的公告文字",
        "The sponsor office reviewed the announcement, document number X号; it changed the generated wording")
    assert words(said.announcement_reviewed, {"edited": False}) == (
        "承办单位审定决定公告，按生成的公告文字公布", "The sponsor office reviewed the announcement; published as generated")


def test_a_reviewed_announcement_with_an_odd_edited_flag_claims_neither() -> None:
    for odd in ("yes", 1, 0, None):
        assert words(said.announcement_reviewed, {"edited": odd}) == (
            "承办单位审定决定公告", "The sponsor office reviewed the announcement")


def test_a_decision_not_published_says_it_was_never_deliberated_or_gives_the_meetings_outcome() -> None:
    assert words(said.not_published, {"outcome": "not_deliberated"}) == (
        "决策不予公布：未经集体讨论决定", "The decision is not published: it was never deliberated")
    assert words(said.not_published, {"outcome": "reject"}) == (
        "决策不予公布：会议决定为“不予通过”", "The decision is not published: the meeting's outcome was reject")
    assert words(said.not_published, {}) == ("决策不予公布", "The decision is not published")


def test_a_late_publication_gives_its_days_in_china_time_and_how_far_over_the_limit() -> None:
    data = {"decided_on": "2027-04-20", "published_on": "2027-05-31T17:00:00Z", "working_days": 28,
            "within_working_days": 20, "days_over": 8}
    assert words(said.publication_overdue, data) == (
        "逾期公布：2027-04-20作出决定，2027-06-01公布，用时28个工作日，超过20个工作日的时限8日",
        "Published after the deadline: decided on 2027-04-20, published on 2027-06-01, "
        "28 working days against a limit of 20 (8 over)")


def test_a_late_publication_missing_a_day_or_its_excess_says_what_it_has() -> None:
    data = {"decided_on": "2027-04-20", "working_days": 28, "within_working_days": 20}
    assert words(said.publication_overdue, data) == (
        "逾期公布，用时28个工作日，超过20个工作日的时限", "Published after the deadline, 28 working days against a limit of 20")
    assert words(said.publication_overdue, {"published_on": "2027-06-01", "working_days": 28}) == (
        "逾期公布", "Published after the deadline")
    assert words(said.publication_overdue, {"within_working_days": 20, "days_over": 8}) == (
        "逾期公布", "Published after the deadline")
