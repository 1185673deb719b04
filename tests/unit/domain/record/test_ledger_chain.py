"""The hash chain of a decision's record (R-H1, R-H2): canonical JSON, genesis, verification."""

from __future__ import annotations

import copy
import hashlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juece.domain.record.ledger import (
    BODY_FIELDS,
    GENESIS,
    canonical_chunks,
    canonical_json,
    entry_hash,
    is_prefix,
    sha256_text,
    verify_chain,
)
from tests.unit.domain.record.sm3_chains import chain


@pytest.fixture
def entries(empty_chain):
    for n in range(1, 6):
        empty_chain.add("public_participation", "comment_received", "public", {"receipt": f"C-{n:06d}", "text": f"意见{n}"})
    return empty_chain.entries


def test_canonical_json_sorts_keys_drops_spaces_and_keeps_chinese_as_utf8() -> None:
    assert canonical_json({"b": [1, 2], "a": "决策"}) == '{"a":"决策","b":[1,2]}'.encode()


def test_canonical_json_is_the_same_whatever_the_key_order() -> None:
    assert canonical_json({"x": 1, "y": {"b": 2, "a": 1}}) == canonical_json({"y": {"a": 1, "b": 2}, "x": 1})


@pytest.mark.parametrize("value", [math.nan, math.inf], ids=["nan", "inf"])
def test_canonical_json_refuses_numbers_json_cannot_represent(value: float) -> None:
    with pytest.raises(ValueError):
        canonical_json({"v": value})


def test_sha256_text_hashes_the_utf8_bytes() -> None:
    assert sha256_text("意见") == hashlib.sha256("意见".encode()).hexdigest()


def test_genesis_is_sixty_four_zeros_and_the_first_entry_links_to_it(entries) -> None:
    assert GENESIS == "0" * 64
    assert entries[0]["prev_hash"] == GENESIS


def test_entry_hash_is_sha256_of_the_canonical_body_with_the_previous_hash(entries) -> None:
    entry = entries[1]
    payload = {name: entry[name] for name in BODY_FIELDS} | {"prev_hash": entry["prev_hash"]}
    assert entry_hash(entry["prev_hash"], entry) == hashlib.sha256(canonical_json(payload)).hexdigest()


def test_entry_hash_ignores_fields_outside_the_body(entries) -> None:
    entry = dict(entries[0], id=99, act_key="run/task/0/", hash="whatever")
    assert entry_hash(GENESIS, entry) == entries[0]["hash"]


@pytest.mark.parametrize("name", BODY_FIELDS, ids=BODY_FIELDS)
def test_entry_hash_changes_when_any_body_field_changes(entries, name: str) -> None:
    entry = copy.deepcopy(entries[0])
    entry[name] = {"changed": True} if name == "data" else (entry[name] * 2 if isinstance(entry[name], int) else entry[name] + "x")
    assert entry_hash(GENESIS, entry) != entries[0]["hash"]


def test_entry_hash_changes_with_the_previous_hash(entries) -> None:
    assert entry_hash("f" * 64, entries[0]) != entry_hash(GENESIS, entries[0])


def test_an_untouched_chain_is_intact_with_its_last_hash_as_head(entries) -> None:
    report = verify_chain(entries, entries[0]["decision_id"])
    assert report.intact and report.problems == []
    assert report.length == 5
    assert report.head == entries[-1]["hash"]


def test_an_empty_chain_is_intact_and_its_head_is_genesis() -> None:
    report = verify_chain([])
    assert report.intact and report.length == 0 and report.head == GENESIS


def test_changed_data_is_detected_at_the_changed_entry(entries) -> None:
    entries[2]["data"]["text"] = "篡改后的意见"
    report = verify_chain(entries)
    assert not report.intact
    assert report.problems == ["entry 3: hash does not match its content"]


def test_changed_data_with_a_recomputed_hash_breaks_the_next_link(entries) -> None:
    entries[2]["data"]["text"] = "篡改后的意见"
    entries[2]["hash"] = entry_hash(entries[2]["prev_hash"], entries[2])
    problems = verify_chain(entries).problems
    assert problems == ["entry 4: prev_hash does not link to the entry before it",
                        "entry 4: hash does not match its content"]


def test_reordered_entries_are_detected(entries) -> None:
    entries[1], entries[2] = entries[2], entries[1]
    problems = verify_chain(entries).problems
    assert "entry 2: seq is 3, expected 2" in problems
    assert "entry 3: seq is 2, expected 3" in problems
    assert any("prev_hash does not link" in p for p in problems)


def test_an_entry_removed_from_the_middle_is_detected(entries) -> None:
    del entries[2]
    problems = verify_chain(entries).problems
    assert problems[0] == "entry 3: seq is 4, expected 3"
    assert "entry 3: prev_hash does not link to the entry before it" in problems


def test_a_truncated_chain_is_still_a_chain_but_its_head_differs(entries) -> None:
    whole = verify_chain(entries)
    cut = verify_chain(entries[:-1])
    assert cut.intact
    assert (cut.length, cut.head) != (whole.length, whole.head)


def test_a_wrong_prev_hash_is_detected(entries) -> None:
    entries[3]["prev_hash"] = "1" * 64
    problems = verify_chain(entries).problems
    assert problems[0] == "entry 4: prev_hash does not link to the entry before it"


def test_an_entry_of_another_decision_is_named_when_the_decision_is_given(entries) -> None:
    entries[1]["decision_id"] = "another-decision"
    problems = verify_chain(entries, entries[0]["decision_id"]).problems
    assert "entry 2: belongs to 'another-decision'" in problems


def test_a_whole_chain_of_another_decision_is_refused_when_the_decision_is_given(entries) -> None:
    report = verify_chain(entries, "yanshou-2027-other")
    assert len([p for p in report.problems if "belongs to" in p]) == 5


def test_an_entry_that_cannot_be_hashed_is_reported_not_raised(entries) -> None:
    del entries[1]["actor"]
    problems = verify_chain(entries).problems
    assert problems[-1].startswith("entry 2: cannot be hashed")


@pytest.mark.parametrize(
    ("archived", "ledger", "expected"),
    [(0, 5, True), (3, 5, True), (5, 5, True), (5, 4, False)],
    ids=["empty-archive", "beginning", "whole-ledger", "longer-than-ledger"],
)
def test_is_prefix_accepts_only_the_beginning_of_the_ledger(entries, archived: int, ledger: int, expected: bool) -> None:
    assert is_prefix(entries[:archived], entries[:ledger]) is expected


def test_is_prefix_refuses_an_archive_that_diverges_from_the_ledger(entries) -> None:
    archive = copy.deepcopy(entries[:3])
    archive[1]["hash"] = "a" * 64
    assert is_prefix(archive, entries) is False


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_json)
def test_canonical_chunks_join_to_the_canonical_json(value) -> None:
    for depth in (0, 1, 2, 3):
        assert b"".join(canonical_chunks(value, depth)) == canonical_json(value)


def test_canonical_chunks_open_a_record_entry_by_entry(entries) -> None:
    record = {"format": "juece-record/1", "entries": entries, "chain_head": "0" * 64, "empty": {}}
    chunks = list(canonical_chunks(record))
    assert b"".join(chunks) == canonical_json(record)
    assert len(chunks) > len(entries)


def test_canonical_chunks_open_two_levels_by_default_and_keep_deeper_values_whole() -> None:
    value = {"b": [1, {"c": [2]}], "a": {}}
    assert list(canonical_chunks(value)) == [
        b"{", b'"a":', b"{", b"}", b',"b":', b"[", b"", b"1", b",", b'{"c":[2]}', b"]", b"}"]
    assert list(canonical_chunks(value, 1)) == [b"{", b'"a":', b"{}", b',"b":', b'[1,{"c":[2]}]', b"}"]
    assert list(canonical_chunks(value, 0)) == [canonical_json(value)]


def test_a_chain_declaring_an_unknown_algorithm_is_refused_whole(entries) -> None:
    entries[0]["data"]["hash_algorithm"] = "md5"
    report = verify_chain(entries)
    assert report.problems == ["[R-H2] 链声明的哈希算法 'md5' 未知 / the chain declares an unknown hash "
                               "algorithm 'md5': sha256 or sm3 only"]
    assert (report.length, report.head) == (5, GENESIS)


@pytest.mark.parametrize("algorithm", ["sha256", "sm3"])
@pytest.mark.parametrize("position", [1, 3, 5])
def test_an_entry_without_its_hash_is_named_and_the_next_links_to_its_recomputed_hash(
        algorithm: str, position: int) -> None:
    entries = chain(algorithm, comments=4)
    expected_head = entries[-1]["hash"]
    entries[position - 1]["hash"] = ""
    report = verify_chain(entries)
    assert report.problems == [f"entry {position}: hash does not match its content"]
    assert report.head == expected_head
