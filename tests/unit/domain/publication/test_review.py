"""The sponsor office reviews the announcement before it is published (R-G1): it gives the document
number, may change the wording; both texts are kept, the published one is the office's, headed by
its number; a bad number or answer is refused with the rule and nothing is recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from juece.domain import guards
from juece.domain.publication.announcement import publish
from juece.domain.publication.review import (
    PUBLISH_OPTIONS,
    generated,
    review_announcement,
    review_body,
    review_needed,
    wording,
)
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.record.forms import FORMS
from juece.domain.record.ledger import sha256_text
from tests.unit.domain.publication.test_publication import DECIDED, meeting, with_reports

PUBLISH = list(PUBLISH_OPTIONS)


def answer(number: str | None = "延政发〔2027〕9号", text: str | None = None, chosen: list[str] = PUBLISH) -> Answer:
    return Answer("sponsor_office", chosen, {"document_number": number, "text": text})


def decided(chain, outcome: str = "approve"):
    with_reports(chain)
    meeting(chain, outcome)
    return chain


def record(chain, outcome) -> None:
    for act in outcome.acts:
        chain.add(act.stage, act.kind, act.actor, act.data)


def test_only_an_approved_decision_is_reviewed_and_the_form_asks_nothing_otherwise(spec, chain) -> None:
    assert not review_needed(chain.entries)
    assert review_needed(decided(chain).entries)
    form = FORMS["publication_review"]
    assert form.asks is review_needed and form.handler is review_announcement


def test_the_office_reads_the_generated_text_as_typed_in_its_task(spec, chain) -> None:
    body = review_body(TaskContext(spec, decided(chain).entries))
    assert "发文字号" in body and "document number" in body
    assert spec.draft.text.strip().splitlines()[0] in body


def test_published_unchanged_the_text_is_the_generated_one_headed_by_the_number(spec, chain) -> None:
    decided(chain)
    outcome = review_announcement(TaskContext(spec, chain.entries), answer())
    act, = outcome.acts
    assert (act.kind, act.actor, act.data["rule"], act.data["edited"]) == ("announcement_reviewed", "sponsor_office", "R-G1", False)
    assert act.data["text"] == act.data["generated"]
    assert act.data["generated_sha256"] == sha256_text(act.data["generated"])
    record(chain, outcome)
    published, = publish(spec, chain.entries, DECIDED + timedelta(days=3))
    assert published.data["announcement"].startswith("延政发〔2027〕9号\n\n")
    assert published.data["document_number"] == "延政发〔2027〕9号" and published.data["edited"] is False
    assert published.data["reviewed_by"] == "sponsor_office"


def test_an_edited_wording_is_published_and_the_generated_text_is_kept_beside_it(spec, chain) -> None:
    decided(chain)
    wording = "关于城区规划的决定\n经县政府常务会议审议通过，现予公布。"
    outcome = review_announcement(TaskContext(spec, chain.entries), answer(text=wording))
    act, = outcome.acts
    assert act.data["edited"] is True and act.data["text"] == wording
    assert spec.draft.text.strip().splitlines()[0] in act.data["generated"]
    record(chain, outcome)
    published, = publish(spec, chain.entries, DECIDED + timedelta(days=3))
    assert published.data["announcement"] == f"延政发〔2027〕9号\n\n{wording}\n"
    assert published.data["edited"] is True
    assert published.data["review_entry"] == chain.entries[-1]["hash"]


@pytest.mark.parametrize("number", [None, "", "  ", "延政发2027年9号", "延政发〔27〕9号", "〔2027〕9号",
                                    "延政发〔2027〕9", "<script>〔2027〕9号" + "x" * 40, "延政发〔2027〕9号\n第二行"])
def test_a_document_number_that_is_not_code_year_number_is_refused_with_the_rule(spec, chain, number) -> None:
    decided(chain)
    with pytest.raises(RuleViolation) as refused:
        review_announcement(TaskContext(spec, chain.entries), answer(number))
    assert refused.value.rule == "R-G1" and refused.value.field == "document_number"
    assert refused.value.zh and refused.value.en


def test_an_answer_without_the_publish_option_is_refused(spec, chain) -> None:
    decided(chain)
    with pytest.raises(RuleViolation) as refused:
        review_announcement(TaskContext(spec, chain.entries), answer(chosen=[]))
    assert refused.value.rule == "R-G1"


def test_the_review_needs_what_publication_needs_a_concluded_meeting(spec, chain) -> None:
    assert guards.GUARDS["publication_review"] is guards.GUARDS["publication"] is guards.deliberation_concluded
    with pytest.raises(RuleViolation) as refused:
        guards.check("publication_review", decided(chain).entries)  # decided, but no gate passed on record
    assert refused.value.rule == "R-E1"


def test_a_decision_published_before_reviews_existed_is_published_as_generated(spec, chain) -> None:
    decided(chain)
    published, = publish(spec, chain.entries, DECIDED + timedelta(days=3))
    assert "document_number" not in published.data
    assert published.data["announcement"].startswith(generated(TaskContext(spec, chain.entries),
                                                               DECIDED + timedelta(days=3))[:40])


def test_an_emptied_wording_is_refused_where_the_text_is_shown_in_full_to_keep_or_change() -> None:
    with pytest.raises(RuleViolation) as refused:
        wording(" \n ", required=True)
    assert (refused.value.rule, refused.value.field) == ("R-G1", "text")
    assert wording(" \n ") == "" and wording(" 公告 \n") == "公告"
