"""The record in words of the expert panel's shortfall, signatures, close and dispositions: the
exact sentence in Chinese and English, seats and quorum in words, experts by name and seat."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_experts as said
from juece.domain.archive.timeline_words import People

PEOPLE = People(names={"expert_01": "赵文静", "expert_02": "Li Lei"}, seats={"expert_01": "seat_1"})


def words(phrase: Any, data: dict[str, Any]) -> tuple[str, str]:
    return phrase(data, {"actor": "juece"}, PEOPLE)  # type: ignore[no-any-return]


def test_a_shortfall_names_the_vacant_seat_why_and_whether_the_quorum_still_holds() -> None:
    data = {"vacated_seat": "seat_4", "active": 4, "quorum": 5, "quorum_met": False, "zh": "后备席位已用尽。",
            "en": "no reserve seat is left"}
    assert words(said.panel_shortfall, data) == (
        "第4席空缺，无法递补专家；说明：后备席位已用尽；在任专家4名，法定人数5名（未达到）",
        "Seat 4 fell vacant and no expert could be drawn to replace: no reserve seat is left; 4 experts remain, "
        "quorum 5 (not met)")
    data = {"vacated_seat": "reserve_2", "active": 5, "quorum": 5, "quorum_met": True}
    assert words(said.panel_shortfall, data) == (
        "后备第2席空缺，无法递补专家；在任专家5名，法定人数5名（已达到）",
        "Reserve seat 2 fell vacant and no expert could be drawn to replace; 5 experts remain, quorum 5 (met)")


def test_a_shortfall_without_its_seat_or_its_numbers_says_a_seat_fell_vacant() -> None:
    for data in ({}, {"active": 5}, {"quorum": 5, "quorum_met": True}):
        assert words(said.panel_shortfall, data) == (
            "席位空缺，无法递补专家", "A seat fell vacant and no expert could be drawn to replace")


def test_a_shortfalls_reasons_are_cut_at_a_hundred_and_twenty_characters() -> None:
    zh, en = words(said.panel_shortfall, {"zh": "尽" * 130, "en": "n" * 130})
    assert zh == f"席位空缺，无法递补专家；说明：{'尽' * 119}…"
    assert en == f"A seat fell vacant and no expert could be drawn to replace: {'n' * 119}…"


def test_a_signature_names_its_algorithm_and_its_key_fingerprint() -> None:
    data = {"expert": "expert_01", "algorithm": "Ed25519", "key_fingerprint": "95a0d5dc8be76fa2"}
    assert words(said.opinion_signed, data) == (
        "专家 赵文静（第1席）对论证意见签名确认（Ed25519 公钥指纹 95a0d5dc8be76fa2）",
        "Expert 赵文静 (seat 1) signed the opinion (Ed25519 key 95a0d5dc8be76fa2)")
    assert words(said.opinion_signed, {"expert": "expert_02", "algorithm": "SM2"}) == (
        "专家 Li Lei 对论证意见签名确认（SM2）", "Expert Li Lei signed the opinion (SM2)")
    assert words(said.opinion_signed, {"expert": "expert_02", "key_fingerprint": "ab"}) == (
        "专家 Li Lei 对论证意见签名确认（公钥指纹 ab）", "Expert Li Lei signed the opinion (key ab)")
    assert words(said.opinion_signed, {"expert": "expert_02"}) == (
        "专家 Li Lei 对论证意见签名确认", "Expert Li Lei signed the opinion")


def test_a_signatures_algorithm_is_cut_at_twelve_characters_and_its_fingerprint_at_twenty() -> None:
    data = {"expert": "expert_02", "algorithm": "A" * 15, "key_fingerprint": "f" * 25}
    assert words(said.opinion_signed, data) == (
        f"专家 Li Lei 对论证意见签名确认（{'A' * 11}… 公钥指纹 {'f' * 19}…）",
        f"Expert Li Lei signed the opinion ({'A' * 11}… key {'f' * 19}…)")


def test_the_panels_close_counts_the_signed_opinions_the_quorum_and_who_withdrew_or_did_not_respond() -> None:
    data = {"signed": [1, 2, 3, 4, 5], "quorum": 5, "quorum_met": True, "withdrawn": ["expert_02", "expert_01"],
            "non_responding": ["expert_04"]}
    assert words(said.panel_closed, data) == (
        "专家论证结束：签名意见5份，法定人数5份（已达到）；回避2名（Li Lei、赵文静）；逾期未答复1名（expert 04）",
        "The expert review closed: 5 signed opinions, quorum 5 (met); 2 withdrew (Li Lei, 赵文静); "
        "1 did not respond (expert 04)")
    assert words(said.panel_closed, {"signed": 1, "quorum": 3}) == (
        "专家论证结束：签名意见1份，法定人数3份（未达到）", "The expert review closed: 1 signed opinion, quorum 3 (not met)")
    assert words(said.panel_closed, {"non_responding": ["expert_02"]}) == (
        "专家论证结束；逾期未答复1名（Li Lei）", "The expert review closed; 1 did not respond (Li Lei)")
    assert words(said.panel_closed, {}) == ("专家论证结束", "The expert review closed")


def test_a_disposition_names_the_expert_from_the_reference_with_the_seat_the_result_and_the_reason() -> None:
    assert words(said.opinion_disposed, {"ref": "expert_01", "expert": "expert_02", "disposition": "adopted",
                                         "reason": "有据。"}) == (
        "专家 赵文静（第1席）的论证意见处理结果：采纳；理由：有据", "Opinion of expert 赵文静 (seat 1) disposed of: adopted; reason: 有据")
    assert words(said.opinion_disposed, {"expert": "expert_02", "seat": "seat_2", "disposition": "partly_adopted"}) == (
        "专家 Li Lei（第2席）的论证意见处理结果：部分采纳", "Opinion of expert Li Lei (seat 2) disposed of: partly adopted")
    assert words(said.opinion_disposed, {}) == ("专家 —的论证意见处理结果：未载明", "Opinion of expert — disposed of: not stated")
