"""Archive numbers are reserved atomically: decisions numbered at the same moment never share one."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine

from juece.adapters.store import catalogue
from juece.domain.archive.facts import ArchiveFacts


def facts(decision_id: str) -> ArchiveFacts:
    return ArchiveFacts(decision_id=decision_id, title="标题", title_en="", decision_body="县政府",
                        sponsor="县局", category="public_policy", catalogue_year=None,
                        catalogue_number=None, launch_year=2027, launched_on="2027-03-01", decided_on=None,
                        outcome="approve")


def test_concurrent_first_issues_get_distinct_numbers_and_keep_them(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'records.db'}", connect_args={"timeout": 30})
    ids = [f"d-{n}" for n in range(12)]
    with ThreadPoolExecutor(6) as pool:
        numbered = list(pool.map(lambda d: catalogue.number_for(facts(d), engine), ids))
    assert len({n.archive_no for n in numbered}) == len(ids)
    assert sorted(n.item_number for n in numbered) == list(range(1, 13))
    again = catalogue.number_for(facts("d-3"), engine)
    assert again.archive_no == numbered[3].archive_no and again.version == 1
