"""The OFD container (GB/T 33190): a ZIP whose entries are written in a fixed order with a fixed
time, each one's SM3 digest kept for the signature; and the XML of the document's parts
(OFD.xml, Document.xml, resources, attachments, outlines)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from typing import IO, Any

from cryptography.hazmat.primitives import hashes

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
DOC = "Doc_0"
SIGNS = f"{DOC}/Signs"
RECORD_PATH = f"{DOC}/Attachs/record.json"
_ATTR = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;",
         **{code: " " for code in range(32)}}


def attr(value: object) -> str:
    return str(value).translate(_ATTR)


def text(value: object) -> str:
    return str(value).translate({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
                                 **{code: None for code in range(32) if code not in (9, 10, 13)}})


class Package:
    """Writes the entries; `digests` holds each entry's SM3 digest, in the order written."""

    def __init__(self, stream: IO[bytes], moment: tuple[int, int, int, int, int, int]) -> None:
        self.zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)
        self.moment = moment
        self.digests: dict[str, bytes] = {}

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, self.moment)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = 0o644 << 16
        return info

    def add(self, name: str, data: bytes | str, level: int = 6) -> None:
        """One entry; ``level`` 1 for the pages (thousands of them: twice as fast to pack, a sixth larger)."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        digest = hashes.Hash(hashes.SM3())
        digest.update(raw)
        self.digests[name] = digest.finalize()
        self.zip.writestr(self._info(name), raw, compresslevel=level)

    def add_chunks(self, name: str, chunks: Iterable[bytes]) -> int:
        """An entry written piece by piece (a long record.json); its size."""
        digest, size = hashes.Hash(hashes.SM3()), 0
        info = self._info(name)
        info._compresslevel = 6  # type: ignore[attr-defined]  # same bytes as `add`
        with self.zip.open(info, "w", force_zip64=True) as out:
            for block in _blocks(chunks):  # a megabyte at a time: each write costs the same
                digest.update(block)
                out.write(block)
                size += len(block)
        self.digests[name] = digest.finalize()
        return size

    def close(self) -> None:
        self.zip.close()


def _blocks(chunks: Iterable[bytes], size: int = 1 << 20) -> Iterable[bytes]:
    """The chunks joined into blocks of about ``size`` bytes."""
    pending: list[bytes] = []
    held = 0
    for chunk in chunks:
        pending.append(chunk)
        held += len(chunk)
        if held >= size:
            yield b"".join(pending)
            pending, held = [], 0
    if pending:
        yield b"".join(pending)


def ofd_xml(doc_info: str) -> str:
    return (f"{HEAD}<ofd:OFD {NS} Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody>{doc_info}"
            f"<ofd:DocRoot>{DOC}/Document.xml</ofd:DocRoot><ofd:Signatures>{SIGNS}/Signatures.xml"
            "</ofd:Signatures></ofd:DocBody></ofd:OFD>")


def doc_info(doc_id: str, info: dict[str, str], date: str, custom: dict[str, str]) -> str:
    keywords = "".join(f"<ofd:Keyword>{text(word.strip())}</ofd:Keyword>"
                       for word in info.get("Keywords", "").split(";") if word.strip())
    customs = "".join(f'<ofd:CustomData Name="{attr(name)}">{text(value)}</ofd:CustomData>'
                      for name, value in custom.items())
    dates = f"<ofd:CreationDate>{date}</ofd:CreationDate><ofd:ModDate>{date}</ofd:ModDate>" if date else ""
    return (f"<ofd:DocInfo><ofd:DocID>{doc_id}</ofd:DocID><ofd:Title>{text(info.get('Title', ''))}</ofd:Title>"
            f"<ofd:Author>{text(info.get('Author', ''))}</ofd:Author><ofd:Subject>{text(info.get('Subject', ''))}"
            f"</ofd:Subject><ofd:Keywords>{keywords}</ofd:Keywords><ofd:Creator>juece</ofd:Creator>{dates}"
            f"<ofd:CustomDatas>{customs}</ofd:CustomDatas></ofd:DocInfo>")


def document_xml(max_id: int, box: tuple[float, float], pages: list[tuple[int, str]],
                 outlines: str) -> str:
    listed = "".join(f'<ofd:Page ID="{page_id}" BaseLoc="{loc}"/>' for page_id, loc in pages)
    return (f"{HEAD}<ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>"
            f"<ofd:PageArea><ofd:PhysicalBox>0 0 {box[0]:.2f} {box[1]:.2f}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
            f"</ofd:CommonData><ofd:Pages>{listed}</ofd:Pages>"
            f"{f'<ofd:Outlines>{outlines}</ofd:Outlines>' if outlines else ''}"
            "<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments></ofd:Document>")


def public_res(fonts: list[tuple[int, str, str, str]]) -> str:
    """The fonts: (id, font name, family name, file name in Res/)."""
    listed = "".join(f'<ofd:Font ID="{font_id}" FontName="{attr(name)}" FamilyName="{attr(family)}">'
                     f"<ofd:FontFile>{file}</ofd:FontFile></ofd:Font>" for font_id, name, family, file in fonts)
    return f'{HEAD}<ofd:Res {NS} BaseLoc="Res"><ofd:Fonts>{listed}</ofd:Fonts></ofd:Res>'


def document_res(images: list[int]) -> str:
    listed = "".join(f'<ofd:MultiMedia ID="{image}" Type="Image" Format="PNG"><ofd:MediaFile>image_{image}.png'
                     "</ofd:MediaFile></ofd:MultiMedia>" for image in images)
    return f'{HEAD}<ofd:Res {NS} BaseLoc="Res"><ofd:MultiMedias>{listed}</ofd:MultiMedias></ofd:Res>'


def attachments_xml(size: int, moment: str) -> str:
    return (f'{HEAD}<ofd:Attachments {NS}><ofd:Attachment ID="record" Name="record.json" Format="json" '
            f'CreationDate="{moment}" ModDate="{moment}" Size="{size / 1024:.3f}" Visible="true" Usage="Source">'
            "<ofd:FileLoc>record.json</ofd:FileLoc></ofd:Attachment></ofd:Attachments>")


def outline_xml(items: Iterable[Any], dest: Any) -> str:
    """Outline entries (title, destination, children), each a CLICK Goto to its place."""
    out = []
    for item in items:
        target = dest(item.destination)
        action = (f'<ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto>{target}</ofd:Goto></ofd:Action>'
                  "</ofd:Actions>") if target else ""
        out.append(f'<ofd:OutlineElem Title="{attr(item.title)}">{action}'
                   f"{outline_xml(item.children, dest)}</ofd:OutlineElem>")
    return "".join(out)
