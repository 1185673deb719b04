"""Reading an entry of a decision's record: its data, even from a damaged record."""

from __future__ import annotations

import pytest

from juece.domain.record.entries import data_of


@pytest.mark.parametrize("entry", [{}, {"data": None}, {"data": ["a"]}, {"data": "text"}, None, ["data"], "data"],
                         ids=["no-data", "none", "a-list", "a-text", "no-entry", "a-list-entry", "a-text-entry"])
def test_a_damaged_entrys_data_reads_as_empty(entry: object) -> None:
    assert data_of(entry) == {}


def test_an_entrys_data_is_itself() -> None:
    data = {"outcome": "approve"}
    assert data_of({"data": data}) is data
