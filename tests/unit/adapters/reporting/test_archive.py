"""The archive PDF: what it shows, what it attaches, and that it is reproducible."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest

from juece.adapters.reporting.archive import build_archive
from juece.adapters.reporting.verify import verify_archive
from juece.domain.archive.archival import with_archival
from juece.domain.record.errors import RecordError
from juece.domain.record.ledger import canonical_json
from tests.unit.adapters.reporting.reporting_records import COMMENT, EVENTS, make_record


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def test_an_untouched_archive_verifies(archive: Path, record: dict[str, Any]) -> None:
    report = verify_archive(archive)
    assert report.problems == []
    assert report.ok
    assert report.decision_id == record["decision_id"]
    assert report.chain_head == record["chain_head"]
    assert report.entries == len(record["entries"])
    assert report.pages >= 3


def test_two_builds_of_the_same_record_are_byte_identical(
    archive: Path, record: dict[str, Any], tmp_path: Path
) -> None:
    again = build_archive(json.loads(json.dumps(record)), tmp_path / "again.pdf")
    assert again.read_bytes() == archive.read_bytes()


def test_pypdf_extracts_the_chinese_comment_and_the_head_on_every_page(
    archive: Path, record: dict[str, Any]
) -> None:
    texts = page_texts(archive)
    joined = "".join("".join(text.split()) for text in texts)
    assert COMMENT in joined
    for number, text in enumerate(texts, start=1):
        assert f"chain head: {record['chain_head']}" in text
        assert re.search(rf"第 {number} 页 共\s*{len(texts)} 页", text)


def test_hostile_markup_is_printed_literally(archive: Path) -> None:
    joined = "".join("".join(text.split()) for text in page_texts(archive))
    assert '<b>加粗</b></para><imgsrc="/etc/hostname"/>&amp;' in joined
    assert "<fontsize=40>大</font>" in joined


def test_emoji_extracts_and_a_character_no_font_has_is_marked(archive: Path) -> None:
    joined = "".join(page_texts(archive))
    assert "😀" in joined
    assert "𠀀" in joined
    assert "[U+31350]" in joined
    assert "\x07" not in joined


def test_the_cover_names_the_decision_its_outcome_and_the_accelerated_clock(
    archive: Path,
) -> None:
    texts = page_texts(archive)  # the volume's cover, then the record's summary in the appendix
    summary = next(text for text in texts if "记录概要 Summary of the record" in text)
    cover = "".join((texts[0] + summary).split())
    for expected in ("延寿县人民医院新院区建设项目", "延寿县人民政府", "延寿县卫生健康局",
                     "重大公共建设项目", "通过approve", "永久permanent", "2027-03-01",
                     "演示时钟已加速×86400", "Democlockaccelerated×86400"):
        assert expected in cover


def test_a_stage_without_entries_says_so_and_an_undecided_decision_is_undecided(
    tmp_path: Path,
) -> None:
    path = build_archive(make_record(EVENTS[:4]), tmp_path / "short.pdf")
    texts = page_texts(path)
    assert "未决 / undecided" in next(text for text in texts if "记录概要 Summary of the record" in text)
    assert "无记录 / no entries" in "".join(texts)
    assert verify_archive(path).ok


def test_pathological_data_still_fits_on_pages(tmp_path: Path) -> None:
    odd = {
        "k" * 5000: "\n" * 800 + "尾",
        "numbers": list(range(400)),
        "nested": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": "深"}}}}}}}},
        "wide": "W" * 6000,
    }
    events = [*EVENTS[:2], ("public_participation\n" * 50, "kind\n" * 500, "actor\n" * 500, odd)]
    path = build_archive(make_record(events), tmp_path / "odd.pdf")
    assert verify_archive(path).ok


def test_the_record_is_attached_as_canonical_json_with_a_source_relationship(
    archive: Path, record: dict[str, Any]
) -> None:
    with pikepdf.open(archive) as pdf:
        spec = pdf.attachments["record.json"]
        assert spec.get_file().read_bytes() == canonical_json(with_archival(record))
        assert spec.relationship == pikepdf.Name.Source
        assert spec.obj.objgen == pdf.Root.AF[0].objgen
        assert str(pdf.docinfo["/Title"]).startswith("延寿县人民医院新院区建设项目")


def test_every_font_is_embedded_and_none_is_helvetica(archive: Path) -> None:
    with pikepdf.open(archive) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                assert "Helvetica" not in str(font.BaseFont)
                if font.Subtype == "/Type0":  # the bulk tables' whole-document CID fonts
                    assert font.Encoding == "/Identity-H" and "/ToUnicode" in font
                    font = font.DescendantFonts[0]
                    assert "/CIDToGIDMap" in font
                assert "/FontFile2" in font.FontDescriptor


def test_the_file_is_written_with_a_classic_xref_table_and_no_object_streams(
    archive: Path,
) -> None:
    data = archive.read_bytes()
    assert b"/ObjStm" not in data
    assert b"/XRef" not in data
    assert data.count(b"\nxref\n") == 2


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_poppler_reads_the_sealed_file(archive: Path, record: dict[str, Any]) -> None:
    result = subprocess.run(["pdftotext", "-q", str(archive), "-"], capture_output=True,
                            check=True, text=True)
    assert record["chain_head"] in result.stdout


def test_a_record_with_a_broken_chain_is_refused(tmp_path: Path) -> None:
    broken = make_record(EVENTS[:3])
    broken["entries"][1]["actor"] = "someone_else"
    with pytest.raises(RecordError, match="chain is broken"):
        build_archive(broken, tmp_path / "broken.pdf")
    assert not (tmp_path / "broken.pdf").exists()


def test_the_docinfo_dates_are_those_of_the_last_entry(archive: Path) -> None:
    with pikepdf.open(io.BytesIO(archive.read_bytes())) as pdf:
        assert str(pdf.docinfo["/ModDate"]) == "D:20270301010159Z"
