"""SM3 (GB/T 32905) as the chain uses it: the standard's two examples, and the same digests from
two implementations juece does not hash with (gmssl-fast's GmSSL and the pure-Python gmssl)."""

from __future__ import annotations

import hashlib

import gmssl_fast
import pytest
from gmssl import func
from gmssl import sm3 as pure_sm3
from hypothesis import given, settings
from hypothesis import strategies as st

from juece.domain.record.digests import (
    HASH_ALGORITHMS,
    checked,
    declared,
    digest,
    hex_digest,
    sm3_hex,
)

# GB/T 32905-2016, Appendix A: example 1 ("abc") and example 2 ("abcd" sixteen times, 512 bits)
EXAMPLES = [
    (b"abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
    (b"abcd" * 16, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"),
]


@pytest.mark.parametrize(("message", "expected"), EXAMPLES, ids=["abc", "abcd*16"])
def test_sm3_gives_the_standards_examples(message: bytes, expected: str) -> None:
    assert sm3_hex(message) == expected
    assert gmssl_fast.sm3_hex(message) == expected
    assert pure_sm3.sm3_hash(func.bytes_to_list(message)) == expected


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_sm3_agrees_with_two_independent_implementations(message: bytes) -> None:
    ours = sm3_hex(message)
    assert ours == gmssl_fast.sm3_hex(message) == pure_sm3.sm3_hash(func.bytes_to_list(message))


def test_sha256_is_hashlibs() -> None:
    assert hex_digest("sha256", "意见".encode()) == hashlib.sha256("意见".encode()).hexdigest()
    assert len(digest("sm3", b"")) == 32


def test_an_unknown_algorithm_is_refused_naming_the_choices() -> None:
    with pytest.raises(ValueError, match="sha256 or sm3"):
        digest("md5", b"x")
    with pytest.raises(ValueError, match="sha256 或 sm3"):
        checked("sha1")
    assert [checked(name) for name in HASH_ALGORITHMS] == ["sha256", "sm3"]


def test_a_chain_declares_its_algorithm_in_its_first_entry_and_is_sha256_without_one() -> None:
    assert declared([]) == "sha256"
    assert declared([{"data": {"spec": {}}}]) == "sha256"
    assert declared([{"data": {"hash_algorithm": "sm3"}}, {"data": {"hash_algorithm": "sha256"}}]) == "sm3"


@pytest.mark.parametrize("data", [None, "sm3", ["sm3"], 3], ids=["none", "text", "list", "number"])
def test_a_first_entry_whose_data_is_not_a_mapping_declares_sha256(data: object) -> None:
    assert declared([{"data": data}]) == "sha256"
    assert declared([{"kind": "launched"}]) == "sha256"


def test_an_unknown_algorithm_is_refused_in_both_languages_naming_it() -> None:
    with pytest.raises(ValueError) as refused:
        checked("sha1")
    assert str(refused.value) == "哈希算法只能是 sha256 或 sm3 / the hash algorithm must be sha256 or sm3, not 'sha1'"
