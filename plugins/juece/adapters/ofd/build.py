"""Build the archive's OFD edition (GB/T 33190): the dossier laid out once, as for the PDF, its
pages translated to OFD, the TrueType faces embedded as subsets, the outline, record.json as an
attachment, the document information, and the decision body's SM2 signature. The same record
always gives the same bytes."""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pikepdf

from juece.adapters.ofd import package as parts
from juece.adapters.ofd import pages
from juece.adapters.ofd.fonts import subset_face
from juece.adapters.ofd.graphics import K, png_of
from juece.adapters.ofd.sign import sign_package
from juece.adapters.reporting import archive, body_sm2, sections
from juece.adapters.reporting.bulk import Progress
from juece.domain.record import sm2
from juece.domain.record.digests import sm3_hex
from juece.domain.record.errors import RecordError
from juece.domain.record.ledger import canonical_chunks

CHINA = timezone(timedelta(hours=8))


class NoSM2Key(RecordError):
    """The decision body has no SM2 key: the OFD edition cannot be signed."""


def _moment(record: dict[str, Any]) -> datetime:
    entries = record.get("entries") or []
    try:
        moment = datetime.fromisoformat(str(entries[-1].get("at")).replace("Z", "+00:00"))
    except (IndexError, ValueError, AttributeError):
        moment = datetime(2000, 1, 1, tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _body_key(record: dict[str, Any]) -> tuple[str, str]:
    body = str(sections.launch_spec(record).get("decision_body") or "").strip()
    key = body_sm2.body_sm2_key(body) if body else None
    if key is None:
        raise NoSM2Key(f"决策机关“{body}”没有 SM2 密钥，无法签署 OFD 版：请先执行 juece body-key init \"{body}\" "
                       f"--algorithm sm2 / the decision body {body!r} has no SM2 key, so the OFD edition cannot "
                       "be signed: run `juece body-key init BODY --algorithm sm2` first")
    return body, key


def render_ofd(record: dict[str, Any], progress: Progress | None = None) -> bytes:
    """The signed OFD edition of a record, as bytes."""
    body, key = _body_key(record)
    laid_out, info = archive._laid_out(record, progress)  # noqa: SLF001 (the one layout of the dossier)
    moment = _moment(record)
    out = io.BytesIO()
    package = parts.Package(out, moment.astimezone(CHINA).timetuple()[:6])
    package.add("OFD.xml", parts.ofd_xml(_doc_info(record, info, moment, key)))
    with pikepdf.open(io.BytesIO(laid_out)) as pdf:
        del laid_out
        _write_document(pdf, record, package, moment)
    sign_package(package, key, moment.astimezone(UTC).strftime("%Y%m%d%H%M%SZ"), body)
    package.close()
    return out.getvalue()


def _doc_info(record: dict[str, Any], info: dict[str, str], moment: datetime, key: str) -> str:
    public = sm2.public_der(sm2.key_pair(key)[1])
    custom = {"decision_id": str(record.get("decision_id", "")), "edition": str(record.get("edition", "")),
              "chain_head": str(record.get("chain_head", "")),
              "hash_algorithm": str(record.get("hash_algorithm", "sha256")),
              "record_format": str(record.get("format", "")),
              "signer_sm2_public_key": base64.b64encode(public).decode("ascii")}
    if record.get("archive_no"):
        custom["archive_no"] = str(record["archive_no"])
    doc_id = sm3_hex(f"{record.get('decision_id')}|{record.get('edition')}|{record.get('chain_head')}"
                     .encode())[:32]
    return parts.doc_info(doc_id, info, moment.astimezone(CHINA).date().isoformat(), custom)


def _write_document(pdf: pikepdf.Pdf, record: dict[str, Any], package: parts.Package,
                    moment: datetime) -> None:
    listed_pages = list(pdf.pages)
    found = pages.plan(listed_pages)
    for xobject in found.pictures:
        package.add(f"{parts.DOC}/Res/image_{found.images[xobject.objgen]}.png", png_of(xobject))
    listed: list[tuple[int, str]] = []
    where: dict[tuple[int, int], tuple[int, float]] = {}
    box = (210.0, 297.0)
    for number, (xml, width, height) in enumerate(pages.translated(listed_pages, found)):
        box = box if number else (width, height)
        package.add(f"{parts.DOC}/Pages/Page_{number}/Content.xml", xml, level=1)
        listed.append((found.page_ids[number], f"Pages/Page_{number}/Content.xml"))
        where[listed_pages[number].obj.objgen] = (found.page_ids[number], height)
    faces, fonts = found.faces, []
    for name, font_id in faces.ids.items():
        if faces.chars[name]:  # a face named in the resources but never shown is not embedded
            package.add(f"{parts.DOC}/Res/font_{font_id}.ttf", subset_face(faces.faces[name], faces.chars[name]))
            fonts.append((font_id, name, faces.faces[name].path.stem, f"font_{font_id}.ttf"))
    package.add(f"{parts.DOC}/PublicRes.xml", parts.public_res(fonts))
    package.add(f"{parts.DOC}/DocumentRes.xml", parts.document_res(sorted(found.images.values())))
    size = package.add_chunks(parts.RECORD_PATH, canonical_chunks(record))
    package.add(f"{parts.DOC}/Attachs/Attachments.xml",
                parts.attachments_xml(size, moment.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M:%S")))
    package.add(f"{parts.DOC}/Document.xml", parts.document_xml(found.last_id, box, listed, _outlines(pdf, where)))


def _outlines(pdf: pikepdf.Pdf, where: dict[tuple[int, int], tuple[int, float]]) -> str:
    def dest(target: Any) -> str:
        if not isinstance(target, pikepdf.Array) or len(target) < 2:
            return ""
        found = where.get(target[0].objgen) if isinstance(target[0], pikepdf.Dictionary) else None
        if found is None:
            return ""
        page_id, height = found
        left = float(target[2]) * K if len(target) > 2 and target[2] is not None else 0.0
        top = height - float(target[3]) * K if len(target) > 3 and target[3] is not None else 0.0
        return f'<ofd:Dest Type="XYZ" PageID="{page_id}" Left="{left:.2f}" Top="{max(top, 0.0):.2f}"/>'

    with pdf.open_outline() as outline:
        return parts.outline_xml(outline.root, dest)


def build_ofd_archive(record: dict[str, Any], out_path: Path, progress: Progress | None = None) -> Path:
    """Write the signed OFD edition of a record to out_path and return the path."""
    out_path = Path(out_path)
    archive._write_atomically(render_ofd(record, progress), out_path)  # noqa: SLF001
    return out_path
