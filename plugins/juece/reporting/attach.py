"""Finishing the laid-out PDF with pikepdf: the record attached, document info set.

The record is attached as `record.json` (canonical JSON, relationship /Source, listed in
the catalog's /AF array, as PDF/A-3 asks). The file is written with a classic xref table
and no object streams, so that `seal` can append an incremental update by hand.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import pikepdf

from juece.domain.ledger import canonical_json

RECORD_NAME = "record.json"


def pdf_date(iso: str | None) -> str | None:
    """An ISO-8601 time as a PDF date string in UTC; None if it cannot be read."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def _attach(pdf: pikepdf.Pdf, record: dict[str, Any]) -> None:
    spec = pikepdf.AttachedFileSpec(
        pdf, canonical_json(record), description="决策全过程记录 complete record of the decision",
        filename=RECORD_NAME, mime_type="application/json",
        relationship=pikepdf.Name.Source,
    )
    pdf.attachments[RECORD_NAME] = spec
    pdf.Root.AF = pikepdf.Array([pdf.attachments[RECORD_NAME].obj])


def finish(pdf_bytes: bytes, record: dict[str, Any], info: dict[str, str]) -> bytes:
    """The PDF with the record attached and document info set; deterministic bytes."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        _attach(pdf, record)
        for key, value in info.items():
            pdf.docinfo[pikepdf.Name("/" + key)] = value
        out = io.BytesIO()
        pdf.save(
            out, deterministic_id=True, linearize=False, qdf=False,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            compress_streams=True, fix_metadata_version=False, min_version="1.7",
        )
    return out.getvalue()


def attached_record(pdf: pikepdf.Pdf) -> bytes | None:
    """The bytes of the attached record.json, or None when there is none."""
    spec = pdf.attachments.get(RECORD_NAME)
    if spec is None:
        return None
    return spec.get_file().read_bytes()


def listed_in_af(pdf: pikepdf.Pdf) -> bool:
    """Whether the catalog's /AF array lists the record's file specification."""
    spec = pdf.attachments.get(RECORD_NAME)
    af = pdf.Root.get("/AF")
    if spec is None or not isinstance(af, pikepdf.Array):
        return False
    return any(item.is_indirect and item.objgen == spec.obj.objgen for item in af)
