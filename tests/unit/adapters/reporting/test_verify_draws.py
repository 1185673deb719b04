"""`juece verify` re-runs each archived panel draw with the algorithm it records (R-C2..R-C5): an
archive drawn before the draw code changed still verifies after it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from juece.adapters.reporting.archive import build_archive
from juece.adapters.reporting.verify import verify_archive
from juece.domain.expert_review import panel
from juece.domain.expert_review.experts import Expert
from juece.domain.expert_review.panel import DRAW_V1, PanelRules, draw_panel
from tests.unit.adapters.reporting.reporting_records import DECISION, EVENTS, make_entries

POOL = [Expert(f"e{i}", f"专家{i}", (("法律", "经济", "水利")[i % 3],), "某大学") for i in range(9)]
RULES = PanelRules(5, ("法律", "水利"))


def archive_with(tmp_path: Path, draw: dict[str, Any]) -> Path:
    entries = make_entries([*EVENTS[:2], ("expert_review", "panel_drawn", "sponsor_office", draw), *EVENTS[2:]])
    record = {"format": "juece-record/1", "decision_id": DECISION, "edition": "full",
              "chain_head": entries[-1]["hash"], "entries": entries}
    return build_archive(record, tmp_path / "drawn.pdf")


def rotated_v1(experts: Sequence[Expert], rules: PanelRules, seed: str) -> tuple[list[Expert], dict[str, str]]:
    """The draw as it may be changed one day: version 1 over the pool rotated by one."""
    experts = list(experts)
    return panel.ALGORITHMS[DRAW_V1]([*experts[1:], experts[0]], rules, seed)


def change_the_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(panel.ALGORITHMS, "juece-draw/2", rotated_v1)
    monkeypatch.setattr(panel, "CURRENT_DRAW", "juece-draw/2")


def test_an_archive_drawn_before_a_change_to_the_draw_code_still_verifies_after_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = draw_panel(POOL, RULES, "archived-2026").as_dict()
    del recorded["algorithm"]  # drawn before the algorithm was recorded
    path = archive_with(tmp_path, recorded)
    change_the_draw(monkeypatch)
    assert draw_panel(POOL, RULES, "archived-2026").as_dict()["seats"] != recorded["seats"]
    report = verify_archive(path)
    assert report.ok, report.problems
    assert report.draws == 1


def test_an_archived_draw_naming_an_algorithm_this_juece_lacks_is_a_problem(tmp_path: Path) -> None:
    recorded = {**draw_panel(POOL, RULES, "archived-2026").as_dict(), "algorithm": "juece-draw/99"}
    report = verify_archive(archive_with(tmp_path, recorded))
    assert report.problems == ["the panel draw (entry 3) names the algorithm juece-draw/99, which this juece "
                               "cannot run"]
