"""The announcement's details (R-G1, R-B5, R-C6): each explanation line as printed when a reason,
a known disposition or a recorded opinion is missing, which stage a summary reads, China's calendar
day whatever the server's zone, and the working-day deadline on and one past its bound."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from juece.domain.publication.announcement import (
    announcement,
    deadline,
    publish,
    working_days_between,
)
from juece.domain.publication.review import review_announcement
from juece.domain.record.acts import Act
from juece.domain.record.answers import TaskContext
from juece.domain.record.ledger import sha256_text
from juece.domain.stages import Stage
from tests.unit.domain.conftest import Chain
from tests.unit.domain.publication.test_publication import DECIDED, meeting
from tests.unit.domain.publication.test_review import answer, decided

UNKNOWN_YEAR = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)  # beyond the official holiday schedule


def comment(chain: Chain, disposition: str, reason: str | None = None, paragraph: int | None = 1) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
              {"receipt": "R-0001", "paragraph": paragraph, "text": "建议提高标准。"})
    data = {"ref": "R-0001", "disposition": disposition, **({"reason": reason} if reason is not None else {})}
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office", data)


def opinion(chain: Chain, disposition: str, reason: str | None, conclusion: str | None = "support") -> None:
    if conclusion is not None:
        chain.add(Stage.EXPERT_REVIEW, "opinion_submitted", "expert_07",
                  {"expert": "expert_07", "seat": "seat_2", "conclusion": conclusion, "opinion": "…"})
    data = {"ref": "expert_07", "disposition": disposition, **({"reason": reason} if reason is not None else {})}
    chain.add(Stage.EXPERT_REVIEW, "opinion_disposed", "sponsor_office", data)


def text(spec, chain: Chain, now: datetime = DECIDED) -> str:
    return announcement(spec, chain.entries, now)


# --- the explanation lines ------------------------------------------------------------------------

def test_a_comment_adopted_without_a_reason_is_printed_without_one(spec, chain) -> None:
    comment(chain, "adopted")
    assert "（1）回执 R-0001，涉及第一条：采纳 adopted。\n" in text(spec, chain)


def test_a_comment_with_a_disposition_outside_the_three_is_printed_without_a_word_for_it(spec, chain) -> None:
    comment(chain, "withdrawn", "撤回。")
    assert "（1）回执 R-0001，涉及第一条：。理由：撤回。\n" in text(spec, chain)


def test_a_comment_not_tied_to_a_paragraph_names_no_place(spec, chain) -> None:
    comment(chain, "not_adopted", "已有规定。", paragraph=None)
    assert "（1）回执 R-0001：不予采纳 not adopted。理由：已有规定。\n" in text(spec, chain)


def test_without_a_launch_entry_a_comment_is_cited_by_its_paragraph_number(spec) -> None:
    records = Chain(spec.id)
    comment(records, "adopted", paragraph=2)
    assert "（1）回执 R-0001，涉及第2段：采纳 adopted。\n" in text(spec, records)


def test_an_expert_opinion_adopted_without_a_reason_is_printed_without_one(spec, chain) -> None:
    opinion(chain, "adopted", None)
    assert "（1）第2席专家的论证意见，结论为支持 Support：采纳 adopted。\n" in text(spec, chain)


def test_an_expert_disposition_outside_the_three_is_printed_without_a_word_for_it(spec, chain) -> None:
    opinion(chain, "withdrawn", "专家回避。")
    assert "（1）第2席专家的论证意见，结论为支持 Support：。理由：专家回避。\n" in text(spec, chain)


def test_a_disposed_opinion_whose_opinion_is_not_on_record_has_a_dash_for_its_conclusion(spec, chain) -> None:
    opinion(chain, "partly_adopted", "分两期实施。", conclusion=None)
    assert "（1）专家的论证意见，结论为—：部分采纳 partly adopted。理由：分两期实施。\n" in text(spec, chain)


@pytest.mark.parametrize(("conclusion", "printed"), [("", "—"), ("abstain", "abstain"), ("oppose", "反对 Oppose")],
                         ids=["empty", "unknown-code-as-recorded", "known-code-in-words"])
def test_an_opinions_conclusion_is_printed_in_words_as_recorded_or_as_a_dash(
        spec, chain, conclusion: str, printed: str) -> None:
    opinion(chain, "not_adopted", "理由充分。", conclusion=conclusion)
    assert f"（1）第2席专家的论证意见，结论为{printed}：不予采纳 not adopted。理由：理由充分。\n" in text(spec, chain)


def test_each_summary_reads_its_own_stage_not_another_stages_not_applicable(spec, chain) -> None:
    chain.add(Stage.EXPERT_REVIEW, "not_applicable", "sponsor_office", {"reason": "不涉及专业技术问题。"})
    printed = text(spec, chain)
    assert "公众意见采纳情况：尚无采纳情况说明 / no adoption report yet\n" in printed
    assert "专家论证意见采纳情况：本环节不适用 / not applicable\n" in printed


# --- China's calendar day -----------------------------------------------------------------------------

def test_the_announcement_is_dated_by_chinas_calendar_on_a_server_in_utc(spec, chain, server_in_utc) -> None:
    assert text(spec, chain, datetime(2027, 3, 1, 17, 0, tzinfo=UTC)).endswith("\n2027年03月02日\n")


def test_the_deadline_counts_chinas_calendar_days_on_a_server_in_utc(spec, chain, server_in_utc) -> None:
    decided_at = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # Tuesday 3 March, 01:00 in China
    timing = deadline(spec, chain.entries, decided_at, datetime(2026, 3, 13, 17, 0, tzinfo=UTC))
    assert (timing["decided_on"], timing["published_on"], timing["working_days"]) == ("2026-03-03", "2026-03-14", 8)


# --- the deadline ------------------------------------------------------------------------------------

def test_publication_past_the_deadline_records_the_overdue_entry_by_the_system(make_spec, chain) -> None:
    spec = make_spec({"stages.publication.within_working_days": 5})
    meeting(chain)
    published, overdue = publish(spec, chain.entries, datetime(2026, 3, 13, 2, 0, tzinfo=UTC))
    assert published.data["on_time"] is False
    assert overdue == Act(Stage.PUBLICATION, "publication_overdue", "juece", {
        "decided_on": "2026-03-02", "published_on": "2026-03-13", "working_days": 9, "within_working_days": 5,
        "days_over": 4, "rule": "R-G1"})


def test_publication_on_the_last_working_day_allowed_is_on_time(make_spec, chain) -> None:
    spec = make_spec({"stages.publication.within_working_days": 9})
    meeting(chain)
    acts = publish(spec, chain.entries, datetime(2026, 3, 13, 2, 0, tzinfo=UTC))
    assert len(acts) == 1
    assert (acts[0].data["working_days"], acts[0].data["overdue"], acts[0].data["on_time"]) == (9, False, True)


@pytest.mark.parametrize(("days", "on_time"), [(20, True), (21, None)], ids=["on-the-bound", "one-past"])
def test_beyond_the_schedule_as_many_calendar_days_as_working_days_allowed_is_on_time(
        spec, chain, days: int, on_time: bool | None) -> None:
    assert spec.stages.publication.within_working_days == 20
    timing = deadline(spec, chain.entries, UNKNOWN_YEAR, UNKNOWN_YEAR + timedelta(days=days))
    assert (timing["working_days"], timing["calendar_known"], timing["on_time"]) == (None, False, on_time)


@pytest.mark.parametrize(("start", "end"), [(date(2026, 12, 28), date(2027, 1, 5)), (date(2000, 12, 28), date(2001, 1, 5))],
                         ids=["ends-beyond-the-schedule", "starts-before-it"])
def test_working_days_are_unknown_when_either_end_lies_outside_the_known_years(start: date, end: date) -> None:
    assert working_days_between(start, end) is None


def test_the_published_entry_keeps_what_the_office_reviewed_and_the_hash_of_the_generated_text(spec, chain) -> None:
    decided(chain)
    reviewed, = review_announcement(TaskContext(spec, chain.entries), answer(text="经审议通过，现予公布。")).acts
    entry = chain.add(reviewed.stage, reviewed.kind, reviewed.actor, reviewed.data)
    published, = publish(spec, chain.entries, DECIDED + timedelta(days=3))
    kept = {key: published.data[key] for key in ("document_number", "reviewed_by", "review_entry", "generated_sha256",
                                                 "edited")}
    assert kept == {"document_number": "延政发〔2027〕9号", "reviewed_by": "sponsor_office", "review_entry": entry["hash"],
                    "generated_sha256": sha256_text(reviewed.data["generated"]), "edited": True}
    assert published.data["announcement"] == "延政发〔2027〕9号\n\n经审议通过，现予公布。\n"
