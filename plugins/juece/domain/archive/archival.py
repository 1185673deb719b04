"""The archival metadata of a decision's archive (DA/T 46 文书类电子文件元数据: the elements that
apply to a decision dossier), computed from the record alone, so that the same record always gives
the same metadata: the volume cover prints it, the XMP carries it and record.json holds it as its
top-level ``archival`` object.

Where each element comes from:
- fonds (全宗号), archive number (档号), retention (保管期限): the archive number the catalogue gave
  the issue (``archive_no``, ``J001-2027-Y-0003``; the fonds code is the setting JUECE_FONDS, `J001`
  by default; Y = 永久 permanent, R-H4). A file built before it is catalogued has no archive
  number and no fonds yet; its retention is permanent all the same (R-H4).
- title (题名), responsible body (责任者): the launched spec's title and decision body.
- dates (起止日期): the China dates of the record's first and last entries.
- openness (开放状态): the edition: the full edition is restricted (it holds personal data), the
  public edition is open (R-H6). Security classification (密级): juece holds no classified matter.
"""

from __future__ import annotations

from typing import Any

from juece.domain.archive.number import ARCHIVE_NO, PERMANENT
from juece.domain.record.clock import china_time

FORMAT = "juece-archival/1"
RETENTION_CODES = {PERMANENT: ("permanent", "永久 permanent"), "D": ("30 years", "定期30年 30 years"),
                   "C": ("10 years", "定期10年 10 years")}
OPENNESS = {"full": ("restricted", "限制利用 restricted (holds personal data)"),
            "public": ("open", "开放 open (personal data removed)")}
CLASSIFICATION = "非涉密 unclassified"


def _spec(record: dict[str, Any]) -> dict[str, Any]:
    for entry in record.get("entries") or []:
        data = entry.get("data") if isinstance(entry, dict) else None
        if isinstance(data, dict) and entry.get("kind") == "launched":
            spec = data.get("spec")
            return spec if isinstance(spec, dict) else {}
    return {}


def _day(entry: Any) -> str:
    at = entry.get("at") if isinstance(entry, dict) else None
    return china_time(str(at), zone=False)[:10] if at else ""


def archival(record: dict[str, Any]) -> dict[str, Any]:
    """The archival metadata of the record's archive, every value a string (empty when unknown)."""
    spec = _spec(record)
    number = str(record.get("archive_no") or "")
    match = ARCHIVE_NO.fullmatch(number) if number else None
    code = match["retention"] if match else PERMANENT
    retention, retention_words = RETENTION_CODES.get(code, (code, code))
    edition = str(record.get("edition") or "")
    openness, openness_words = OPENNESS.get(edition, ("", ""))
    entries = record.get("entries") or []
    title = str(spec.get("title") or record.get("decision_id") or "")
    return {
        "format": FORMAT,
        "fonds": match["fonds"] if match else "",
        "archive_no": number,
        "year": match["year"] if match else (_day(entries[0])[:4] if entries else ""),
        "title": title,
        "title_en": str(spec.get("title_en") or ""),
        "responsible": str(spec.get("decision_body") or ""),
        "sponsor": str(spec.get("sponsor_unit") or ""),
        "decision_id": str(record.get("decision_id") or ""),
        "date_start": _day(entries[0]) if entries else "",
        "date_end": _day(entries[-1]) if entries else "",
        "retention": retention,
        "retention_words": retention_words,
        "openness": openness,
        "openness_words": openness_words,
        "classification": CLASSIFICATION,
        "edition": edition,
        "chain_head": str(record.get("chain_head") or ""),
    }


def with_archival(record: dict[str, Any]) -> dict[str, Any]:
    """The record with its archival metadata as the top-level ``archival`` object (a shallow copy)."""
    return {**record, "archival": archival(record)}
