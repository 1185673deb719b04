"""R-C6 in juece's own outputs: while the panel is open the opinions given so far are sealed,
only what says that they exist stays readable, and the sealed text can be checked once published."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from juece.domain.expert_review.panel_seal import (
    SEALED,
    panel_open,
    seal_data,
    sealed_fields,
    sealed_seqs,
)


def entry(seq: int, kind: str, data: Any = None, **extra: Any) -> dict[str, Any]:
    return {"seq": seq, "kind": kind, "data": {} if data is None else data, **extra}


def drawn(seq: int) -> dict[str, Any]:
    return entry(seq, "panel_drawn")


def closed(seq: int) -> dict[str, Any]:
    return entry(seq, "panel_closed")


def opinion(seq: int, **extra: Any) -> dict[str, Any]:
    return entry(seq, "opinion_submitted", {"seat": "seat_1", "opinion": "同意。"}, **extra)


class TestPanelOpen:
    @pytest.mark.parametrize("kinds", [[], ["launched"], ["launched", "opinion_submitted"]],
                             ids=["empty", "launched", "no-draw"])
    def test_a_record_without_a_draw_has_no_open_panel(self, kinds: list[str]) -> None:
        assert panel_open([entry(n, kind) for n, kind in enumerate(kinds, start=1)]) is False

    def test_a_panel_is_open_from_its_draw(self) -> None:
        assert panel_open([drawn(1)]) is True
        assert panel_open([entry(1, "launched"), drawn(2), opinion(3), entry(4, "opinion_signed")]) is True

    def test_a_closed_panel_is_no_longer_open(self) -> None:
        assert panel_open([drawn(1), opinion(2), closed(3)]) is False
        assert panel_open([drawn(1), closed(2), entry(3, "launched")]) is False

    def test_a_panel_drawn_again_after_the_close_is_open(self) -> None:
        assert panel_open([drawn(1), closed(2), drawn(3)]) is True

    def test_a_close_without_a_draw_opens_nothing(self) -> None:
        assert panel_open([closed(1)]) is False
        assert panel_open([closed(1), entry(2, "launched")]) is False


class TestSealedSeqs:
    def test_while_the_panel_is_open_every_opinion_since_the_last_close_is_sealed(self) -> None:
        entries = [drawn(1), opinion(2), closed(3), opinion(4), drawn(5), opinion(6),
                   entry(7, "opinion_signed", {"seat": "seat_1"}), opinion(8)]
        assert sealed_seqs(entries) == frozenset({4, 6, 8})

    def test_with_no_close_yet_every_opinion_is_sealed_from_the_first_entry(self) -> None:
        assert sealed_seqs([opinion(1), opinion(2), drawn(3), opinion(4)]) == frozenset({1, 2, 4})

    def test_nothing_is_sealed_once_the_panel_closes(self) -> None:
        assert sealed_seqs([drawn(1), opinion(2), opinion(3), closed(4)]) == frozenset()

    def test_nothing_is_sealed_before_a_panel_is_drawn(self) -> None:
        assert sealed_seqs([entry(1, "launched"), opinion(2)]) == frozenset()

    def test_an_opinion_already_sealed_is_not_counted_again(self) -> None:
        entries = [drawn(1), opinion(2, sealed=["data.opinion"]), opinion(3)]
        assert sealed_seqs(entries) == frozenset({3})

    @pytest.mark.parametrize("data", ["同意。", ["同意。"], 7], ids=["text", "list", "number"])
    def test_an_opinion_whose_data_is_not_an_object_is_not_sealed(self, data: Any) -> None:
        entries = [drawn(1), entry(2, "opinion_submitted", data), opinion(3)]
        assert sealed_seqs(entries) == frozenset({3})

    def test_an_opinion_without_data_is_not_sealed(self) -> None:
        entries = [drawn(1), {"seq": 2, "kind": "opinion_submitted"}, opinion(3)]
        assert sealed_seqs(entries) == frozenset({3})

    def test_only_opinions_are_sealed(self) -> None:
        entries = [drawn(1), entry(2, "opinion_signed", {"opinion": "x"}), entry(3, "comment_submitted",
                                                                                 {"text": "x"})]
        assert sealed_seqs(entries) == frozenset()


OPINION = {"decision": "d-1", "seat": "seat_1", "expert": "e01", "digest": "ab" * 32, "no_conflict": True,
           "rule": "R-C1", "conclusion": "support", "opinion": "同意。", "conditions": ["补充测算"],
           "necessity": "必要", "later_field": {"x": 1}}
SEALED_NAMES = ["conclusion", "conditions", "later_field", "necessity", "opinion"]


def sha256_of_json(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class TestSealData:
    def test_the_sealed_mark_names_the_rule_in_both_languages(self) -> None:
        assert SEALED == "〔专家论证结束前封存 sealed until the panel closes, R-C6〕"

    def test_every_field_but_the_kept_ones_is_sealed_in_name_order_new_ones_included(self) -> None:
        assert sealed_fields(OPINION) == SEALED_NAMES

    def test_an_opinion_with_only_kept_fields_has_nothing_sealed(self) -> None:
        kept = {"decision": "d-1", "seat": "seat_1", "expert": "e01", "digest": "x", "no_conflict": True,
                "rule": "R-C1"}
        assert sealed_fields(kept) == []
        data, fields, digest = seal_data(kept)
        assert (data, fields, digest) == (kept, [], hashlib.sha256(b"{}").hexdigest())

    def test_the_sealed_fields_are_replaced_by_the_mark_and_the_kept_ones_stay(self) -> None:
        data, fields, _ = seal_data(OPINION)
        assert data == {"decision": "d-1", "seat": "seat_1", "expert": "e01", "digest": "ab" * 32,
                        "no_conflict": True, "rule": "R-C1", "conclusion": SEALED, "opinion": SEALED,
                        "conditions": SEALED, "necessity": SEALED, "later_field": SEALED}
        assert fields == SEALED_NAMES
        assert list(data) == list(OPINION)

    def test_the_digest_is_of_the_sealed_values_as_they_were_so_the_published_text_can_be_checked(self) -> None:
        _, _, digest = seal_data(OPINION)
        assert digest == sha256_of_json({name: OPINION[name] for name in SEALED_NAMES})
        assert digest != seal_data({**OPINION, "opinion": "反对。"})[2]
        assert digest == seal_data({**OPINION, "seat": "seat_2"})[2]

    def test_sealing_leaves_the_recorded_opinion_unchanged(self) -> None:
        before = json.dumps(OPINION, ensure_ascii=False)
        seal_data(OPINION)
        assert json.dumps(OPINION, ensure_ascii=False) == before
