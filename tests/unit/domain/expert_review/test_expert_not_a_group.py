"""An expert reviews and signs in person (R-C1): a library row naming a group is refused under R-C1
at its field, every other value of the row valid."""

from __future__ import annotations

from tests.unit.domain.expert_review.test_experts import ROW, refusal


def test_a_library_seat_is_never_a_group() -> None:
    refused = refusal([{**ROW, "user": "group:planners"}], rule="R-C1")
    assert refused.field == "user" and "本人" in refused.zh and "one person" in refused.en
