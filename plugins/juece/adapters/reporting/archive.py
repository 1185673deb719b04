"""Build the archive PDF of a decision (决策档案; R-H1 to R-H4, R-H6).

The record is laid out with ReportLab (A4, Chinese first, English beside it), finished
with pikepdf (record.json attached, document info) and signed (see `sign`). The same
record always gives the same bytes.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from reportlab.platypus.doctemplate import LayoutError

from juece.adapters.reporting import (
    attach,
    document,
    layout,
    pdfa,
    persons,
    sealing,
    sections,
    sm2_seal,
)
from juece.adapters.reporting.bulk import Progress
from juece.adapters.reporting.dossier import assemble, order
from juece.adapters.reporting.editions import chain_problems
from juece.adapters.reporting.sign import HEX64, sign_archive
from juece.adapters.reporting.text import one_line
from juece.domain.archive.archival import with_archival
from juece.domain.record.errors import RecordError

RECORD_FORMAT = "juece-record/1"


def _check(record: dict[str, Any]) -> str:
    """The record's chain head, once its chain is known to be intact."""
    if record.get("format") != RECORD_FORMAT:
        raise RecordError(f"not a {RECORD_FORMAT} record: format is {record.get('format')!r}")
    head = str(record.get("chain_head", ""))
    if not HEX64.fullmatch(head.encode("ascii", "replace")):
        raise RecordError("chain_head is not 64 lowercase hex digits")
    entries = record.get("entries")
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise RecordError("the record's entries are not a list of objects")
    problems = chain_problems(record)
    if problems:
        raise RecordError("the record's chain is broken: " + "; ".join(problems[:5]))
    return head


def _info(record: dict[str, Any]) -> dict[str, str]:
    spec = sections.launch_spec(record)
    title = " / ".join(one_line(part) for part in (spec.get("title"), spec.get("title_en"))
                       if part) or str(record.get("decision_id", ""))
    entries = record.get("entries", [])
    info = {
        "Title": title,
        "Author": one_line(spec.get("decision_body") or "juece"),
        "Subject": f"重大行政决策档案 Major administrative decision archive: "
                   f"{record.get('decision_id', '')}",
        "Keywords": f"juece; {record.get('decision_id', '')}; chain head {record['chain_head']}",
        "Creator": "juece",
    }
    moment = attach.pdf_date(entries[-1].get("at")) if entries else None
    if moment:
        info["CreationDate"] = info["ModDate"] = moment
    return info


def render(record: dict[str, Any], progress: Progress | None = None) -> bytes:
    """The signed archive PDF of a record, as bytes; `progress` is told of each table chunk."""
    record = with_archival(record)  # DA/T 46 metadata: in record.json, the XMP and on the cover
    laid_out, info = _laid_out(record, progress)
    finished = pdfa.finish(laid_out, record, info, part=3, seal=sm2_seal.sealer(record))
    del laid_out  # a long archive is large: one copy less while it is signed
    return sign_archive(finished, record)


def render_pdfa1(record: dict[str, Any]) -> bytes:
    """The same content as PDF/A-1b, unsigned and without record.json (PDF/A-1 forbids
    attachments): Apache PDFBox Preflight validates PDF/A-1b only, so this twin is what
    it checks."""
    record = with_archival(record)
    laid_out, info = _laid_out(record)
    return pdfa.finish(laid_out, record, info, part=1)


def _laid_out(record: dict[str, Any], progress: Progress | None = None) -> tuple[bytes, dict[str, str]]:
    """The record checked and laid out, with the document information to finish it with."""
    head = _check(record)
    layout.prepare()
    info = _info(record)
    marks = document.PageMarks(
        header=f"重大行政决策档案 Major administrative decision archive · "
               f"{one_line(record.get('decision_id', ''))[:64]} · "
               f"{one_line(record.get('edition', ''))[:16]}",
        chain_head=head,
    )
    # R-C6: the pages print an open panel's opinions as sealed; record.json stays the record
    return _lay_out(sealing.pages_view(record), marks, info["Title"], progress), info


def _lay_out(record: dict[str, Any], marks: document.PageMarks, title: str,
             progress: Progress | None = None) -> bytes:
    """The laid-out PDF; rows are split across pages only if a row is taller than a page."""
    try:
        return _build(record, marks, title, 0, progress)
    except LayoutError:
        return _build(record, marks, title, 1, progress)


def _build(record: dict[str, Any], marks: document.PageMarks, title: str,
           split_in_row: int, progress: Progress | None) -> bytes:
    token = layout.split_in_row.set(split_in_row)
    try:
        laid_out = io.BytesIO()
        marks.pages_of.clear()
        documents = order.documents(record)
        keys = assemble.keys(record, documents)
        with persons.naming(record):  # people by name and role on every page
            document.build_pdf(assemble.story(record, progress, documents), laid_out, marks, title, keys)
        return laid_out.getvalue()
    finally:
        layout.split_in_row.reset(token)


def _write_atomically(data: bytes, out_path: Path) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".archive-", suffix=".pdf", dir=out_path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # an archive is read by archivists, not only its writer
        os.replace(temporary, out_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_archive(record: dict[str, Any], out_path: Path,
                  progress: Progress | None = None) -> Path:
    """Write the signed archive PDF of a record to out_path and return the path."""
    out_path = Path(out_path)
    _write_atomically(render(record, progress), out_path)
    return out_path
