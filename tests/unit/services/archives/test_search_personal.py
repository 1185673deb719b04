"""Archive search snippets carry no personal data (R-H6): neither a number typed in a text nor
the name a commenter of that decision gave."""

from __future__ import annotations

from pathlib import Path

from juece.adapters.store import search
from juece.adapters.store.db import comments, ensure_tables, get_engine
from juece.domain.archive.search_query import Query
from tests.unit.services.archives.search_docs import ROWS, fill


def test_a_search_hit_shows_no_commenter_name_or_phone(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'records.db'}")
    road = next(row for row in ROWS if row["id"] == "road-widening")
    road_copy = {**road, "opinion": "专家采纳王小明（电话 0451-5712 3456）关于交通疏导的意见。"}
    ROWS[ROWS.index(road)] = road_copy
    try:
        fill(engine)
    finally:
        ROWS[ROWS.index(road_copy)] = road
    with ensure_tables(engine, comments).begin() as conn:
        conn.execute(comments.insert().values(
            decision_id="road-widening", receipt="C-000001", ledger_seq=2, ledger_hash="0" * 64,
            text_sha256="1" * 64, cluster="c1", paragraph=1, channel="portal", client="", name="王小明",
            contact=None, received_at="2027-03-02T01:00:00.000000Z", late=False))
    hit = search.search(Query("交通疏导"), engine).hits[0]
    assert hit.decision_id == "road-widening" and "<mark>交通疏导</mark>" in hit.snippet
    assert "王小明" not in hit.snippet and "3456" not in hit.snippet
