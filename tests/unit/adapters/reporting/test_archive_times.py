"""What a reader finds in the archive: every time in China Standard Time, the zone stated in each
header (the record it attaches keeps UTC), and comments cited by article in a draft of articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pikepdf
import pypdf


def joined_text(path: Path) -> str:
    return "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def test_the_event_log_and_the_cover_show_china_time_with_the_zone_in_the_header(
        archive: Path, record: dict[str, Any]) -> None:
    text = joined_text(archive)
    first = record["entries"][0]["at"]
    assert first.startswith("2027-03-01T01:00:07")  # 09:00:07 in Beijing
    assert "2027-03-0109:00:07" in text and "2027-03-0101:00:07" not in text
    assert "北京时间UTC+8" in text and "(UTC)" not in text and "UTC时" not in text


def test_the_attached_record_keeps_its_utc_times(archive: Path, record: dict[str, Any]) -> None:
    with pikepdf.open(archive) as pdf:
        attached = json.loads(next(iter(pdf.attachments.values())).get_file().read_bytes())
    assert [e["at"] for e in attached["entries"]] == [e["at"] for e in record["entries"]]


def test_the_comment_register_cites_a_draft_in_articles_by_article(archive: Path) -> None:
    text = joined_text(archive)
    assert "第一条Article1" in text and "第二条Article2" in text  # comments on paragraphs 1 and 2
    assert "第1段" not in text and "第2段" not in text
