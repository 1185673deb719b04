"""The risk matrix picture in the archive (R-D3): drawn from the recorded round, in the archive's
fonts, the same bytes for the same record, placed in the risk section."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdf
from PIL import Image

from juece.adapters.reporting.archive import render
from juece.adapters.reporting.charts import DPI, SIZE_INCHES, risk_matrix_png
from juece.spec.risk_matrix import threshold_matrix
from tests.unit.adapters.reporting.reporting_records import make_record

ROUND = {"round": 1, "draft_version": 1, "controllable": False, "uncontrolled_points": ["R1"],
         "matrix": [list(row) for row in threshold_matrix(15, 6)],
         "points": [{"id": "R1", "dimension": "social_stability", "description": "征地涉及四百户",
                     "likelihood": 4, "impact": 4, "level": "high", "measure": "安置方案",
                     "mitigation_accepted": False},
                    {"id": "R2", "dimension": "public_finance", "description": "投资三亿元",
                     "likelihood": 2, "impact": 3, "level": "medium", "measure": "分期建设",
                     "mitigation_accepted": True}]}


def events() -> list[tuple[str, str, str, dict[str, Any]]]:
    second = {**ROUND, "round": 2, "draft_version": 2, "controllable": True, "uncontrolled_points": [],
              "points": [{**ROUND["points"][0], "likelihood": 3, "level": "medium"}]}
    return [("launch", "launched", "sponsor_office",
             {"spec": {"title": "风险矩阵测试", "decision_body": "延寿县人民政府", "draft": {"text": "第一条"}}}),
            ("risk_assessment", "risk_assessed", "risk_assessor", ROUND),
            ("risk_assessment", "draft_revised", "sponsor_office", {"version": 2, "text": "第一条 修改", "changes": "改"}),
            ("risk_assessment", "risk_assessed", "risk_assessor", second)]


def test_the_same_round_gives_the_same_png_bytes_in_rgb_without_transparency() -> None:
    first, second = risk_matrix_png(ROUND), risk_matrix_png(dict(ROUND))
    assert first == second
    picture = Image.open(io.BytesIO(first))
    assert picture.mode == "RGB"
    assert picture.size == (round(SIZE_INCHES[0] * DPI), round(SIZE_INCHES[1] * DPI))
    assert not set(picture.info) - {"dpi"}  # no software, no time stamp


def test_the_picture_follows_the_recorded_matrix_and_points() -> None:
    strict = {**ROUND, "matrix": [["high"] * 5] * 5}
    moved = {**ROUND, "points": [{**ROUND["points"][0], "likelihood": 1}]}
    assert len({risk_matrix_png(ROUND), risk_matrix_png(strict), risk_matrix_png(moved)}) == 3


def test_the_archive_shows_the_matrix_in_the_risk_section_and_stays_byte_identical(tmp_path: Path) -> None:
    record = make_record(events())
    first, second = render(record), render(record)
    assert first == second
    reader = pypdf.PdfReader(io.BytesIO(first))
    pages = [page for page in reader.pages if "impact across, likelihood up" in page.extract_text()]
    assert sum(len(page.images) for page in pages) == 2  # one matrix per round, in the risk report only
    (tmp_path / "risk.pdf").write_bytes(first)
