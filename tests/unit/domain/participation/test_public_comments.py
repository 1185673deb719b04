"""Public comments (R-B1, R-B3): open only after the notice, no account, late ones kept and marked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from juece.domain import steps
from juece.domain.participation.comments import MAX_COMMENT_CHARS, clean_text, receive_comment
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.record.ledger import sha256_text
from juece.domain.stages import Stage

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday, 16:00 China time
CLOSES = datetime(2026, 4, 1, 16, 0, tzinfo=UTC)  # 24:00 China time of day 30, Wednesday 1 April


@pytest.fixture
def noticed(chain, spec):
    """The record once the notice is published at START (30-day period, real time)."""
    chain.extend(steps.publish_notice(spec, chain.entries, START))
    return chain


def test_a_comment_before_the_notice_is_refused_with_r_b1(chain) -> None:
    with pytest.raises(RuleViolation) as refused:
        receive_comment(chain.entries, "我有意见", START)
    assert refused.value.rule == "R-B1"


def test_a_comment_is_refused_when_public_participation_is_not_applicable(make_spec, empty_chain) -> None:
    spec = make_spec({"stages.public_participation.applicable": False,
                      "stages.public_participation.not_applicable_reason": "依法不予公开"})
    empty_chain.launched(spec)
    empty_chain.extend(steps.not_applicable(spec, Stage.PUBLIC_PARTICIPATION))
    with pytest.raises(RuleViolation) as refused:
        receive_comment(empty_chain.entries, "我有意见", START)
    assert refused.value.rule == "R-B1"
    assert "not open for public comment" in refused.value.en


def test_an_accepted_comment_is_recorded_for_the_public_in_public_participation(noticed) -> None:
    act = receive_comment(noticed.entries, "建议提高养老用房标准。", START + timedelta(days=1), paragraph=3, channel="portal")
    assert (act.stage, act.kind, act.actor) == (Stage.PUBLIC_PARTICIPATION, "comment_received", "public")
    data = act.data
    assert data["text"] == "建议提高养老用房标准。"
    assert data["text_sha256"] == sha256_text("建议提高养老用房标准。")
    assert (data["paragraph"], data["channel"], data["late"], data["rule"]) == (3, "portal", False, "R-B3")
    assert data["received_at"] == "2026-03-03T08:00:00.000000Z"


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x07\x1b"], ids=["empty", "whitespace", "only-control-chars"])
def test_an_empty_comment_is_refused_as_a_form_error(noticed, text: str) -> None:
    with pytest.raises(FormError) as refused:
        receive_comment(noticed.entries, text, START)
    assert (refused.value.rule, refused.value.field) == (None, "text")


def test_a_comment_of_exactly_the_maximum_length_is_accepted(noticed) -> None:
    act = receive_comment(noticed.entries, "意" * MAX_COMMENT_CHARS, START)
    assert len(act.data["text"]) == MAX_COMMENT_CHARS == 5000


def test_a_comment_over_five_thousand_characters_is_refused_as_an_input_bound_not_r_b3(noticed) -> None:
    with pytest.raises(FormError) as refused:
        receive_comment(noticed.entries, "意" * (MAX_COMMENT_CHARS + 1), START)
    assert refused.value.rule is None and "5000" in refused.value.en
    assert "5001" in refused.value.en


def test_the_length_limit_counts_the_text_after_stripping_surrounding_space(noticed) -> None:
    act = receive_comment(noticed.entries, "  " + "意" * MAX_COMMENT_CHARS + "\n\n", START)
    assert len(act.data["text"]) == MAX_COMMENT_CHARS


def test_control_characters_are_stripped_but_newlines_and_tabs_kept(noticed) -> None:
    act = receive_comment(noticed.entries, "第一\x00行\x1b[31m\n第二\t行\x7f", START)
    assert act.data["text"] == "第一行[31m\n第二\t行"


def test_markup_is_kept_verbatim(noticed) -> None:
    hostile = '<b>规划</b> & 期限 </para><img src="/etc/passwd"/> &amp; <script>alert(1)</script>'
    act = receive_comment(noticed.entries, hostile, START)
    assert act.data["text"] == hostile


def test_rare_characters_and_emoji_are_kept_but_lone_surrogates_are_dropped() -> None:
    assert clean_text("𠀀😀\ud800意见") == "𠀀😀意见"


def test_c1_control_characters_are_stripped_too() -> None:
    assert clean_text("意见\x9b31m\x85结束") == "意见31m结束"


@pytest.mark.parametrize(
    ("received", "late"),
    [(START + timedelta(days=29, hours=23), False), (CLOSES - timedelta(seconds=1), False), (CLOSES, True),
     (CLOSES + timedelta(seconds=1), True)],
    ids=["inside-the-period", "23:59:59-china-time-on-the-last-day", "24:00-on-the-last-day", "after-the-close"],
)
def test_a_comment_after_the_period_is_kept_and_marked_late(noticed, received: datetime, late: bool) -> None:
    act = receive_comment(noticed.entries, "意见", received)
    assert act.data["late"] is late


def test_with_an_accelerated_clock_the_period_closes_at_the_effective_end(spec, empty_chain) -> None:
    empty_chain.launched(spec, clock_scale=720)  # 30 days and 8 hours to 24:00 pass in 61 minutes
    empty_chain.extend(steps.publish_notice(spec, empty_chain.entries, START))
    assert receive_comment(empty_chain.entries, "意见", START + timedelta(minutes=59)).data["late"] is False
    assert receive_comment(empty_chain.entries, "意见", START + timedelta(minutes=61)).data["late"] is True
    assert timedelta(minutes=60, seconds=40) == (CLOSES - START) / 720


def test_receipts_are_numbered_in_order_counting_late_comments(noticed) -> None:
    receipts = []
    for days in (1, 2, 40, 3):
        act = receive_comment(noticed.entries, f"第{days}天的意见", START + timedelta(days=days))
        noticed.extend([act])
        receipts.append(act.data["receipt"])
    assert receipts == ["C-000001", "C-000002", "C-000003", "C-000004"]
