"""The risk assessment report (社会稳定风险评估报告, R-D1..R-D4): per round the register of risk
points, the departments heard, the response plan and the matrix; then the conclusion."""

from __future__ import annotations

import io
from typing import Any

from reportlab.platypus import Image, KeepTogether

from juece.adapters.reporting.charts import SIZE_INCHES, risk_matrix_png
from juece.adapters.reporting.dossier.base import Document
from juece.adapters.reporting.dossier.doc_parts import (
    NONE,
    Entry,
    People,
    Record,
    date_of,
    entries_of,
    form,
    grid,
    heading,
    last_of,
    note,
    sign_off,
    spec_of,
    stage_spec,
    time_of,
    words,
    zone_note,
)

STAGE = "risk_assessment"
MATRIX_WIDTH = 200
LEVEL_RED = "high"


def _controllable(value: Any) -> str:
    if value is None:
        return NONE
    return "风险可控 controllable" if value else "风险不可控 not controllable"


def _point_row(point: dict[str, Any], number: int) -> list[Any]:
    description = point.get("description") or point.get("point") or NONE
    measure = point.get("measure") or point.get("mitigation") or point.get("measures") or NONE
    accepted = point.get("mitigation_accepted")
    if accepted is not None:
        measure = f"{words(measure)}\n（{'措施已接受 accepted' if accepted else '措施未被接受 not accepted'}）"
    return [str(point.get("id") or number), description, words(point.get("dimension")),
            words(point.get("likelihood")), words(point.get("impact")), words(point.get("level")), measure]


def _matrix(data: dict[str, Any]) -> list[Any]:
    png = risk_matrix_png(data)
    height = MATRIX_WIDTH * SIZE_INCHES[1] / SIZE_INCHES[0]
    return [KeepTogether([heading("风险矩阵", "Risk matrix"), Image(io.BytesIO(png), MATRIX_WIDTH, height),
                          note("横轴为影响程度，纵轴为可能性，圈内为风险点编号；红圈为无可接受防控措施的高风险点 / "
                               "impact across, likelihood up; red: a high risk without an accepted mitigation")])]


def _round(record: Record, entry: Entry, people: People) -> list[Any]:
    data = entry["data"]
    points = [p for p in data.get("points") or [] if isinstance(p, dict)]
    number = data.get("round") or 1
    story: list[Any] = [heading(f"第 {number} 轮评估（第 {data.get('draft_version') or 1} 版草案）",
                                f"Round {number}, draft version {data.get('draft_version') or 1}")]
    story += form([
        ("评估时间", "Assessed at", time_of(entry)),
        ("评估人", "Assessor", people.called(entry.get("actor"))),
        ("第三方评估机构", "Third-party assessor", data.get("third_party") or NONE),
        ("听取意见的部门", "Departments heard", words(data.get("departments_heard"))),
        ("处置预案", "Response plan", data.get("response_plan") or NONE),
        ("本轮结论", "Finding of the round", _controllable(data.get("controllable"))),
        ("不可控风险点", "Points not controlled", words(data.get("uncontrolled_points")) if
         data.get("uncontrolled_points") else "无 none"),
    ])
    story += [heading("风险登记表", "Register of risk points"), *grid(
        [("编号", "No."), ("风险点", "Risk point"), ("维度", "Dimension"), ("可能性", "Likelihood"),
         ("影响", "Impact"), ("等级", "Level"), ("防范措施", "Measures")],
        [_point_row(point, n) for n, point in enumerate(points, 1)] or [[NONE] * 7],
        (28, 130, 58, 42, 36, 40, 0))]
    if data.get("matrix") or points:
        story += _matrix(data)
    return story


def _revision(entry: Entry, people: People) -> list[Any]:
    data = entry["data"]
    return [heading("评估后调整草案", "Draft revised after the assessment"), *form([
        ("修改时间", "Revised at", time_of(entry)),
        ("修改人", "Revised by", people.called(entry.get("actor"))),
        ("版本", "Version", f"第 {words(data.get('previous_version'))} 版 → 第 {words(data.get('version'))} 版 / "
                          f"version {words(data.get('previous_version'))} → {words(data.get('version'))}"),
        ("修改说明", "Changes", data.get("changes") or data.get("explanation") or NONE),
    ])]


def _conclusion(record: Record) -> list[Any]:
    entry = last_of(record, "risk_concluded")
    if entry is None:
        return [heading("评估结论", "Conclusion"), note("评估尚未形成结论 / no conclusion yet")]
    data = entry["data"]
    rounds = data.get("rounds")
    return [heading("评估结论", "Conclusion"), *form([
        ("结论", "Conclusion", _controllable(data.get("controllable"))),
        ("评估轮数", "Rounds", f"{rounds} 轮（至多 {data.get('max_rounds', NONE)} 轮）/ {rounds} of at most "
                              f"{data.get('max_rounds', NONE)} rounds" if rounds else NONE),
        ("轮次是否用尽", "Rounds exhausted", words(data.get("rounds_exhausted"))),
        ("所评草案版本", "Draft version assessed", f"第 {data.get('draft_version', NONE)} 版 version "
                                               f"{data.get('draft_version', NONE)}"),
        ("结论时间", "Concluded at", time_of(entry)),
        ("最近一轮评估记录", "Latest round (entry hash)", data.get("latest_assessment") or NONE),
    ])]


def _body(record: Record) -> list[Any]:
    people = People(record)
    story: list[Any] = []
    for entry in entries_of(record, "risk_assessed", "draft_revised"):  # in the order they happened
        if entry["kind"] == "risk_assessed":
            story += _round(record, entry, people)
        elif entry.get("stage") == STAGE:
            story += _revision(entry, people)
    last = last_of(record, "risk_concluded") or entries_of(record, "risk_assessed")[-1]
    return [*story, *sign_off(_responsible(record), date_of(last), _conclusion(record)), note(zone_note())]


def _responsible(record: Record) -> str:
    """The third-party assessor where there is one, else the assessor by name and role."""
    rounds = entries_of(record, "risk_assessed")
    unit = stage_spec(record, STAGE).get("third_party") or rounds[-1]["data"].get("third_party")
    return str(unit or People(record).called(rounds[-1].get("actor")) or spec_of(record).get("sponsor_unit") or NONE)


def documents(record: Record) -> list[Document]:
    """The risk assessment report ([] when the record holds no assessment)."""
    rounds = entries_of(record, "risk_assessed")
    if not rounds:
        return []
    responsible = _responsible(record)
    last = last_of(record, "risk_concluded") or rounds[-1]
    remarks = f"共 {len(rounds)} 轮评估 {len(rounds)} rounds" if len(rounds) > 1 else ""
    return [Document("risk-report", "社会稳定风险评估报告 Risk assessment report", str(responsible), date_of(last),
                     lambda: _body(record), remarks=remarks)]
