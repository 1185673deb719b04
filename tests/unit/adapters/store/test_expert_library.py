"""The expert library in the records DB (R-C4), on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from juece.adapters.store.db import get_engine
from juece.adapters.store.experts import ExpertLibrary
from juece.domain.expert_review.experts import Expert
from juece.domain.expert_review.signatures import new_key_pair
from juece.domain.record.errors import RuleViolation
from tests.conftest import throwaway_postgres

WANG = Expert("expert_01", "王建国", ("城市规划", "交通工程"), "哈尔滨工业大学", integrity="无不良记录")
LI = Expert("expert_02", "李秀英", ("法律",), "延寿县自然资源局", official_of="延寿县自然资源局")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def library(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ExpertLibrary]:
    if request.param == "sqlite":
        yield ExpertLibrary(get_engine(f"sqlite:///{tmp_path / 'records.db'}"))
    else:
        yield from (ExpertLibrary(get_engine(url)) for url in throwaway_postgres())


def test_experts_are_added_then_updated_and_read_back_sorted(library: ExpertLibrary) -> None:
    assert library.upsert([LI, WANG]) == (2, 0)
    assert library.all() == [WANG, LI]
    assert library.upsert([WANG, LI]) == (0, 0)
    changed = Expert(**{**WANG.as_dict(), "specialties": ("经济",), "integrity": "2026年度考评优秀"})
    assert library.upsert([changed, LI]) == (0, 1)
    assert library.get("expert_01") == changed and library.get("nobody") is None


def test_an_update_keeps_the_public_key_unless_it_brings_one(library: ExpertLibrary) -> None:
    library.upsert([WANG])
    key = new_key_pair()[1]
    library.set_public_key("expert_01", key)
    library.upsert([Expert(**{**WANG.as_dict(), "specialties": WANG.specialties, "name": "王建國"})])
    assert library.get("expert_01").public_key == key
    other = new_key_pair()[1]
    library.upsert([Expert(**{**WANG.as_dict(), "specialties": WANG.specialties, "public_key": other})])
    assert library.get("expert_01").public_key == other


def test_removal_flags_the_expert_with_reason_and_date_and_never_deletes(library: ExpertLibrary) -> None:
    library.upsert([WANG, LI])
    removed = library.remove("expert_02", "论证中隐瞒利害关系", date(2026, 5, 4))
    assert removed.removed and removed.removed_on == "2026-05-04" and removed.removed_reason == "论证中隐瞒利害关系"
    assert library.get("expert_02") == removed
    assert library.all(include_removed=False) == [WANG] and len(library.all()) == 2


def test_an_import_never_lifts_a_removal(library: ExpertLibrary) -> None:
    library.upsert([WANG])
    library.remove("expert_01", "失信", date(2026, 1, 2))
    assert library.upsert([WANG]) == (0, 0)
    assert library.get("expert_01").removed


@pytest.mark.parametrize(("user", "reason", "rule"), [("nobody", "x", None), ("expert_01", " ", "R-C4")],
                         ids=["unknown", "no-reason"])
def test_removing_without_a_reason_breaks_r_c4_and_an_unknown_expert_is_a_form_error(
        library: ExpertLibrary, user: str, reason: str, rule: str | None) -> None:
    library.upsert([WANG])
    with pytest.raises(RuleViolation) as refused:
        library.remove(user, reason)
    assert refused.value.rule == rule


def test_removing_twice_is_refused_keeping_the_first_record(library: ExpertLibrary) -> None:
    library.upsert([WANG])
    library.remove("expert_01", "失信", date(2026, 1, 2))
    with pytest.raises(RuleViolation, match="2026-01-02"):
        library.remove("expert_01", "again")


def test_a_key_for_an_unknown_expert_or_a_malformed_key_is_refused(library: ExpertLibrary) -> None:
    with pytest.raises(RuleViolation, match="nobody"):
        library.set_public_key("nobody", new_key_pair()[1])
    with pytest.raises(RuleViolation) as refused:
        library.set_public_key("expert_01", "short")
    assert (refused.value.rule, refused.value.field) == (None, "public_key")  # a form error
