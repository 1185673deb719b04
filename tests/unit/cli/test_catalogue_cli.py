"""`juece catalogue --year Y`: the year's decisions (决策事项目录, R-A3) and the rule-of-law report
as XLSX (two sheets) and CSV (UTF-8 with BOM), headers Chinese first with English."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from juece.adapters.store import catalogue
from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time
from juece.domain.stages import Stage
from juece.services.annual import CATALOGUE_COLUMNS, REPORT_COLUMNS, SHEETS
from juece.spec import DecisionSpec, load_spec

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
URBAN = "yanshou-2027-urban-001"
YEAR = datetime.now(UTC).year


def launch(ledger: Ledger, template: str, acts: list[Act], **changes: object) -> str:
    data = {**load_spec(TEMPLATES / template).model_dump(mode="json"), **changes}
    spec = DecisionSpec.model_validate(data)
    ledger.append_many(spec.id, [Act(Stage.LAUNCH, "launched", "sponsor_office",
                                     {"spec": spec.model_dump(mode="json")}), *acts])
    return spec.id


def comments(dispositions: list[str]) -> list[Act]:
    acts = [Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public", {"receipt": f"C-{n}"})
            for n, _ in enumerate(dispositions, start=1)]
    return acts + [Act(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office",
                       {"ref": f"C-{n}", "disposition": d}) for n, d in enumerate(dispositions, start=1)]


@pytest.fixture
def year_record(juece_home: Path) -> Ledger:
    """The urban plan (catalogue 2019-01) decided and archived; a price decision launched this year
    without a catalogue entry and overdue; another decision catalogued for another year."""
    ledger = Ledger()
    launch(ledger, "urban-planning.yaml", [
        *comments(["adopted", "not_adopted"]),
        Act(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"}),
        Act(Stage.PUBLICATION, "published", "sponsor_office", {}),
    ], catalogue={"year": 2019, "number": "2019-01"})
    past = format_time(datetime.now(UTC) - timedelta(days=2))
    launch(ledger, "price-hearing.yaml", [
        *comments(["partly_adopted"]),
        Act(Stage.EXPERT_REVIEW, "opinion_requested", "juece",
            {"seat": "seat_1", "expert": "expert_05", "due_at": past, "effective_due_at": past}),
    ], catalogue=None)
    launch(ledger, "public-construction.yaml", [], catalogue={"year": 2031, "number": "2031-07"})
    catalogue.register(catalogue.ArchiveIssue(
        archive_no="J001-2019-0001", decision_id=URBAN, version=2, edition="full", title="t", title_en="",
        decision_body="b", sponsor="s", category="important_plan", catalogue_year=2019, catalogue_number="2019-01",
        archive_year=2019, item_number=1, outcome="approve", sha256="0" * 64, chain_head="0" * 64,
        location="file:///nowhere.pdf", size=1, issued_at="2027-05-01T00:00:00.000000Z"))
    return ledger


def test_the_year_is_exported_as_xlsx_with_two_sheets_and_chinese_first_headers(
        run, year_record: Ledger, tmp_path: Path) -> None:
    code, out, err = run("catalogue", "--year", "2019", "-o", str(tmp_path))
    assert (code, err) == (0, "") and "1 项 decision(s)" in out
    sheets = pd.read_excel(tmp_path / "juece-catalogue-2019.xlsx", sheet_name=None)
    assert list(sheets) == list(SHEETS)
    table = sheets[SHEETS[0]]
    assert list(table.columns) == list(CATALOGUE_COLUMNS.values())
    (row,) = table.to_dict("records")
    assert row["决策编号 decision id"] == URBAN and row["目录编号 catalogue number"] == "2019-01"
    assert row["状态 status"] == "已完成 done" and row["决定结果 outcome"] == "通过 approve"
    assert row["类别 category"].startswith("重要规划") and row["档号 archive number"] == "J001-2019-0001"
    assert row["档案版本 archive version"] == 2
    report = sheets[SHEETS[1]]
    assert list(report.columns) == list(REPORT_COLUMNS.values())
    assert report["意见采纳率 comment adoption rate"].tolist() == [0.5, 0.5]
    assert report["类别 category"].tolist()[-1] == "合计 total"


def test_the_launch_year_counts_when_the_spec_has_no_catalogue_year_and_overdue_is_flagged(
        run, year_record: Ledger, tmp_path: Path) -> None:
    code, _, _ = run("catalogue", "--year", str(YEAR), "-o", str(tmp_path))
    table = pd.read_excel(tmp_path / f"juece-catalogue-{YEAR}.xlsx", sheet_name=SHEETS[0])
    (row,) = table.to_dict("records")
    assert code == 0 and row["决策编号 decision id"] == "yanshou-2027-water-price"
    assert row["状态 status"] == "久拖不决 undecided past a deadline"
    assert row["所处环节 current stage"] == "专家论证 Expert review" and row["逾期事项 overdue items"] == 1
    assert pd.isna(row["档号 archive number"])


def test_the_csv_files_are_utf8_with_a_bom_for_excel(run, year_record: Ledger, tmp_path: Path) -> None:
    run("catalogue", "--year", "2019", "-o", str(tmp_path))
    for name in ("catalogue", "rule-of-law-report"):
        raw = (tmp_path / f"juece-{name}-2019.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
    header = (tmp_path / "juece-catalogue-2019.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("决策编号 decision id,目录编号 catalogue number")
    frame = pd.read_csv(tmp_path / "juece-rule-of-law-report-2019.csv", encoding="utf-8-sig")
    assert frame["公众意见数 comments"].tolist() == [2, 2]


def test_a_year_without_decisions_gives_empty_tables_with_headers(run, juece_home: Path, tmp_path: Path) -> None:
    code, out, _ = run("catalogue", "--year", "2030", "-o", str(tmp_path))
    assert code == 0 and "0 项" in out
    assert pd.read_excel(tmp_path / "juece-catalogue-2030.xlsx", sheet_name=SHEETS[1]).empty


def test_a_bad_year_or_output_is_refused_with_exit_two(run, juece_home: Path, tmp_path: Path) -> None:
    code, out, err = run("catalogue", "--year", "27")
    assert code == 2 and "2000" in err and out == ""
    afile = tmp_path / "a-file"
    afile.write_text("x", encoding="utf-8")
    code, _, err = run("catalogue", "--year", "2019", "-o", str(afile))
    assert code == 2 and "不是目录" in err


def test_the_workbook_reads_like_a_catalogue_styled_frozen_filterable_with_dates_and_percentages(
        run, year_record: Ledger, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    run("catalogue", "--year", "2019", "-o", str(tmp_path))
    book = load_workbook(tmp_path / "juece-catalogue-2019.xlsx")
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
        assert all(cell.font.bold and cell.fill.fgColor.rgb.endswith("DDE6F0") for cell in sheet[1])
        assert all(sheet.column_dimensions[c.column_letter].width >= 10 for c in sheet[1])
    catalogue_sheet, report_sheet = book.worksheets
    launched = catalogue_sheet.cell(2, list(CATALOGUE_COLUMNS).index("launched_on") + 1)
    assert launched.is_date and launched.number_format == "yyyy-mm-dd"
    rate = report_sheet.cell(2, list(REPORT_COLUMNS).index("comment_adoption_rate") + 1)
    assert rate.value == 0.5 and rate.number_format == "0.0%"


def test_files_already_there_are_not_overwritten_without_force(run, year_record: Ledger, tmp_path: Path) -> None:
    assert run("catalogue", "--year", "2019", "-o", str(tmp_path))[0] == 0
    (tmp_path / "juece-catalogue-2019.csv").write_text("kept", encoding="utf-8")
    code, out, err = run("catalogue", "--year", "2019", "-o", str(tmp_path))
    assert code == 2 and out == "" and "--force" in err and "juece-catalogue-2019.csv" in err
    assert (tmp_path / "juece-catalogue-2019.csv").read_text(encoding="utf-8") == "kept"
    code, _, _ = run("catalogue", "--year", "2019", "-o", str(tmp_path), "--force")
    assert code == 0 and (tmp_path / "juece-catalogue-2019.csv").read_text(encoding="utf-8-sig") != "kept"


def test_without_year_the_catalogue_is_this_years_as_the_help_says(
        run, year_record: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("catalogue", "-o", str(tmp_path))
    this_year = datetime.now(timezone(timedelta(hours=8))).year
    assert code == 0 and (tmp_path / f"juece-catalogue-{this_year}.xlsx").exists()
    with pytest.raises(SystemExit):
        run("catalogue", "--help")
    assert "catalogue.year" in capsys.readouterr().out
