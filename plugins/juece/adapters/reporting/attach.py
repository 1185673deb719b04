"""The attached record of an archive PDF: its name, reading it back, and PDF dates.

`pdfa.finish` attaches the record as `record.json` (canonical JSON, relationship /Source,
listed in the catalog's /AF array, as PDF/A-3 asks); these helpers read it back for the
verifier and give the PDF date strings that the document info and the attachment share.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pikepdf

RECORD_NAME = "record.json"
SEAL_NAME = "record.sm2.json"  # the SM2 signature over record.json, when the body has an SM2 key


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


def attached_record(pdf: pikepdf.Pdf, name: str = RECORD_NAME) -> bytes | None:
    """The bytes of the attached record.json (or another attachment), or None when there is none."""
    spec = pdf.attachments.get(name)
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
