"""A damaged record is a finding for `juece verify`, never a crash: entries without their data, a
pool that is not a list, a member that is not a mapping."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.expert_review.opinion_check import draw_problems, signature_problems

DAMAGED_DATA: list[Any] = [None, "text", 7, ["a", "list"]]


@pytest.mark.parametrize("data", DAMAGED_DATA)
def test_a_signed_opinion_entry_without_data_is_reported_as_signed_without_an_opinion(data: Any) -> None:
    entries = [{"kind": "opinion_signed", "seq": 1, "data": data}, {"kind": "opinion_submitted", "seq": 2}]
    assert signature_problems(entries) == [
        "opinion of None (None): the signed digest is not the digest of the recorded opinion"]


def test_an_entry_missing_its_data_key_is_read_as_empty() -> None:
    assert signature_problems([{"kind": "opinion_signed", "seq": 1}]) == [
        "opinion of None (None): signed, but no opinion of theirs is in the record"]


@pytest.mark.parametrize("pool", ["not a list", 7, {"user": "e1"}, [None, 3, "x"], [{"public_key": "k"}]])
def test_a_damaged_pool_gives_no_key_and_no_crash(pool: Any) -> None:
    drawn = {"kind": "panel_drawn", "seq": 1, "data": {"pool": pool}}
    signed = {"kind": "opinion_signed", "seq": 2, "data": {"seat": "s1", "expert": "e1"}}
    assert signature_problems([drawn, signed]) == ["opinion of e1 (s1): signed, but no opinion of theirs is in the record"]


def test_a_panel_draw_entry_without_data_is_a_finding() -> None:
    found = draw_problems([{"kind": "panel_drawn", "seq": 4}])
    assert len(found) == 1 and found[0].startswith("the panel draw (entry 4)")
