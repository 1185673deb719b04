"""PDF/A finishing of the laid-out archive (R-H3: long-term format, GB/T 23286 / ISO 19005).

ReportLab has no PDF/A output, so pikepdf completes the file: document info rebuilt from
the record, an XMP packet saying the same thing (PDF/A-1 requires Info and XMP to be
equivalent; one rdf:Description per schema), an sRGB output intent, annotations marked
printable, and a saved file with an /ID, a classic xref table and no object streams, so
that `sign` can append the signature as an incremental update.

Part 3 (PDF/A-3b) is the archive: the record is attached as record.json, relationship
/Source, listed in the catalog's /AF. Part 1 (PDF/A-1b) is the same content without the
attachment, which PDF/A-1 forbids: its only use is validation with Apache PDFBox
Preflight, which knows PDF/A-1b only. The same record gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pikepdf
from cryptography.hazmat.primitives import hashes

from juece.adapters.reporting import xmp_archival
from juece.adapters.reporting.attach import RECORD_NAME, SEAL_NAME
from juece.domain.record.ledger import canonical_chunks

# sRGB IEC 61966-2.1, ICC version 2 (PDF/A-1 accepts no later one), from Debian's
# Ghostscript colour profiles.
SRGB_PROFILE = Path("/usr/share/color/icc/ghostscript/srgb.icc")
SRGB_PACKAGE = "libgs-common"
SRGB_NAME = "sRGB IEC61966-2.1"
PRODUCER = "juece (ReportLab, pikepdf)"
PARTS = (1, 3)
# Annotation flags: Invisible, Hidden, NoView, ToggleNoView are forbidden; Print is needed.
_HIDING_FLAGS = 1 | 2 | 32 | 256
_PRINT_FLAG = 4
_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


class ProfileMissingError(RuntimeError):
    """The sRGB ICC profile of the output intent is not installed."""


def finish(pdf_bytes: bytes, record: dict[str, Any], info: dict[str, str],
           part: int = 3, seal: Callable[[str], bytes] | None = None) -> bytes:
    """ReportLab's PDF as PDF/A-3b (record attached) or PDF/A-1b (no attachment); ``seal``,
    given record.json's SM3 digest, makes the SM2 signature attached beside it (sm2_seal.py)."""
    if part not in PARTS:
        raise ValueError(f"PDF/A part {part} is not made here; parts: {PARTS}")
    values = {key: _xml_text(value) for key, value in {**info, "Producer": PRODUCER}.items()}
    values = {key: value for key, value in values.items() if value}
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        _set_info(pdf, values)
        if part == 3:
            _attach(pdf, record, values.get("ModDate"), seal)
            _drop_cid_sets(pdf)
        else:
            _drop_attachments(pdf)
        _add_output_intent(pdf)
        _tidy_pages(pdf)
        pdf.Root.Metadata = pdf.make_stream(
            xmp_packet(values, part, record.get("archival")), Type=pikepdf.Name.Metadata,
            Subtype=pikepdf.Name.XML)
        return _save(pdf, part)


def _xml_text(value: object) -> str:
    """The value without the characters XML 1.0 cannot carry, so that Info and XMP agree."""
    return "".join(char for char in str(value) if char in "\t\n\r" or (
        "\x20" <= char <= "\ud7ff" or "\ue000" <= char <= "\ufffd" or char >= "\U00010000"))


def _set_info(pdf: pikepdf.Pdf, values: dict[str, str]) -> None:
    """Exactly these entries: ReportLab's own Producer and /Trapped would differ from XMP."""
    entries = {"/" + key: pikepdf.String(value) for key, value in values.items()}
    pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(entries))


def _attach(pdf: pikepdf.Pdf, record: dict[str, Any], moment: str | None,
            seal: Callable[[str], bytes] | None = None) -> None:
    """record.json as PDF/A-3 wants it: /AFRelationship, MIME /Subtype, /Params /ModDate.
    The JSON is compressed as it is written, entry by entry, never held whole."""
    dates = {"creation_date": moment, "mod_date": moment} if moment else {}
    spec = pikepdf.AttachedFileSpec(
        pdf, b"", description="决策全过程记录 complete record of the decision",
        filename=RECORD_NAME, mime_type="application/json",
        relationship=pikepdf.Name.Source, **dates,
    )
    packer, digest, size, packed = zlib.compressobj(), hashlib.md5(), 0, []  # noqa: S324 (PDF's CheckSum is MD5)
    sm3 = hashes.Hash(hashes.SM3()) if seal else None
    for chunk in canonical_chunks(record):
        digest.update(chunk)
        if sm3 is not None:
            sm3.update(chunk)
        size += len(chunk)
        packed.append(packer.compress(chunk))
    packed.append(packer.flush())
    stream = spec.obj.EF.F
    stream.write(b"".join(packed), filter=pikepdf.Name.FlateDecode)
    stream.Params.Size, stream.Params.CheckSum = size, pikepdf.String(digest.digest())
    pdf.attachments[RECORD_NAME] = spec
    pdf.Root.AF = pikepdf.Array([pdf.attachments[RECORD_NAME].obj])
    if seal is not None and sm3 is not None:
        pdf.attachments[SEAL_NAME] = pikepdf.AttachedFileSpec(
            pdf, seal(sm3.finalize().hex()), description="决策机关 SM2 签名 the decision body's SM2 signature "
            "of record.json", filename=SEAL_NAME, mime_type="application/json",
            relationship=pikepdf.Name.Supplement, **dates)
        pdf.Root.AF = pikepdf.Array([pdf.attachments[name].obj for name in (RECORD_NAME, SEAL_NAME)])


def _drop_attachments(pdf: pikepdf.Pdf) -> None:
    """PDF/A-1 forbids embedded files and knows no /AF."""
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/EmbeddedFiles" in names:
        del names["/EmbeddedFiles"]
    if "/AF" in pdf.Root:
        del pdf.Root["/AF"]


def srgb_profile() -> bytes:
    """The sRGB ICC profile; a clear message naming the package when it is missing."""
    if not SRGB_PROFILE.is_file():
        raise ProfileMissingError(
            f"ICC profile {SRGB_PROFILE} is missing: install the Debian package "
            f"{SRGB_PACKAGE} (apt-get install {SRGB_PACKAGE})")
    return SRGB_PROFILE.read_bytes()


def _add_output_intent(pdf: pikepdf.Pdf) -> None:
    """The device-independent meaning of ReportLab's DeviceRGB colours: sRGB."""
    profile = pdf.make_stream(srgb_profile(), N=3, Alternate=pikepdf.Name.DeviceRGB)
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(SRGB_NAME), Info=pikepdf.String(SRGB_NAME),
        RegistryName=pikepdf.String("http://www.color.org"), DestOutputProfile=profile,
    )
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])


def _drop_cid_sets(pdf: pikepdf.Pdf) -> None:
    """PDF/A-1 requires a CIDSet in a subset CID font's descriptor; later parts do not, and
    validators cannot check one there, so PDF/A-3 goes without (see `cidfont`). ReportLab gives
    every page the same font dictionary."""
    fonts = pdf.pages[0].obj.get("/Resources", {}).get("/Font", {}) if len(pdf.pages) else {}
    for font in fonts.values():
        if font.get("/Subtype") == "/Type0":
            descriptor = font.DescendantFonts[0].FontDescriptor
            if "/CIDSet" in descriptor:
                del descriptor["/CIDSet"]


def _tidy_pages(pdf: pikepdf.Pdf) -> None:
    """Every annotation printed and visible, as PDF/A asks; ReportLab's empty page
    transition dictionaries removed (they do nothing, and validators flag them)."""
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", pikepdf.Array()):
            flags = int(annotation.get("/F", 0))
            annotation.F = (flags & ~_HIDING_FLAGS) | _PRINT_FLAG
        transition = page.obj.get("/Trans")
        if isinstance(transition, pikepdf.Dictionary) and not transition.keys():
            del page.obj["/Trans"]


def xmp_date(pdf_date: str) -> str:
    """A PDF date in UTC (D:YYYYMMDDHHmmSSZ) as an XMP date."""
    digits = pdf_date.removeprefix("D:").rstrip("Z")
    if len(digits) != 14 or not digits.isdigit():
        raise ValueError(f"not a UTC PDF date: {pdf_date!r}")
    return (f"{digits[0:4]}-{digits[4:6]}-{digits[6:8]}T"
            f"{digits[8:10]}:{digits[10:12]}:{digits[12:14]}Z")


def _alt(value: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'


def _seq(value: str) -> str:
    return f"<rdf:Seq><rdf:li>{escape(value)}</rdf:li></rdf:Seq>"


# Document info key: (schema prefix, XMP property, value as XML), the pairs PDF/A-1 names.
_XMP_OF_INFO: dict[str, tuple[str, str, Callable[[str], str]]] = {
    "Title": ("dc", "title", _alt),
    "Author": ("dc", "creator", _seq),
    "Subject": ("dc", "description", _alt),
    "Keywords": ("pdf", "Keywords", escape),
    "Producer": ("pdf", "Producer", escape),
    "Creator": ("xmp", "CreatorTool", escape),
    "CreationDate": ("xmp", "CreateDate", xmp_date),
    "ModDate": ("xmp", "ModifyDate", xmp_date),
}


def _schemas(values: dict[str, str], part: int) -> dict[str, list[str]]:
    """The XMP properties per schema prefix, each as an XML element."""
    schemas: dict[str, list[str]] = {prefix: [] for prefix in _NAMESPACES}
    for key, (prefix, name, render) in _XMP_OF_INFO.items():
        if values.get(key):
            schemas[prefix].append(f"<{prefix}:{name}>{render(values[key])}</{prefix}:{name}>")
    schemas["pdfaid"] += [f"<pdfaid:part>{part}</pdfaid:part>",
                          "<pdfaid:conformance>B</pdfaid:conformance>"]
    return schemas


def xmp_packet(values: dict[str, str], part: int, archival: dict[str, Any] | None = None) -> bytes:
    """The XMP metadata equivalent to the document info, the PDF/A identification, and the
    archival metadata (DA/T 46) in the juece extension schema (`xmp_archival`)."""
    descriptions = [
        f'<rdf:Description rdf:about="" xmlns:{prefix}="{_NAMESPACES[prefix]}">\n  '
        + "\n  ".join(properties) + "\n</rdf:Description>"
        for prefix, properties in _schemas(values, part).items() if properties
    ]
    packet = "\n".join([
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        *descriptions,
        *xmp_archival.descriptions(archival),
        "</rdf:RDF>",
        "</x:xmpmeta>",
        '<?xpacket end="w"?>',
    ])
    return packet.encode("utf-8")


def _save(pdf: pikepdf.Pdf, part: int) -> bytes:
    """Deterministic bytes: content-derived /ID, classic xref table, no object streams."""
    out = io.BytesIO()
    version = {"force_version": "1.4"} if part == 1 else {"min_version": "1.7"}
    pdf.save(
        out, deterministic_id=True, linearize=False, qdf=False,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
        compress_streams=True, fix_metadata_version=False, **version,
    )
    return out.getvalue()
