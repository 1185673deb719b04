"""Whole-document CID fonts for the bulk tables: each face embedded once, Identity-H.

ReportLab embeds a TrueType face as subsets of 256 characters, so a line of Chinese text
switches font every few characters and every switch is a font operator in the page. For
the fast tables (`fastrows`) each face is instead embedded as one Type0 font over a
CIDFontType2 font: a character's code is two bytes, its CID, handed out in order of first
use (so the same record gives the same bytes). When the document is saved, ReportLab's own
subsetter makes the font program; CIDToGIDMap maps each CID to its glyph there, W gives the
widths, CIDSet the CIDs present (PDF/A-1) and ToUnicode the text, so it can be extracted.
"""

from __future__ import annotations

import hashlib
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC

from juece.adapters.reporting.fonts import utf16_hex

BLOCK = 30000  # CIDs per embedded font: the subset's cmap (format 6) counts in 16 bits
CMAP_RUN = 100  # entries per beginbfchar section (the CMap format's limit)


def _stream(doc: Any, name: str, content: bytes | str, **entries: Any) -> Any:
    stream = pdfdoc.PDFStream(content=content, filters=[pdfdoc.PDFZCompress])
    for key, value in entries.items():
        stream.dictionary[key] = value
    return doc.Reference(stream, name)


class CidFont:
    """One face (or one block of BLOCK characters of it) embedded as a Type0 font."""

    def __init__(self, font_name: str, name: str) -> None:
        self.face = getFont(font_name).face
        self.name = name  # the resource name pages select it by
        self.chars: list[int] = []  # code points; CID = index + 1 (CID 0 is .notdef)

    def add(self, char: str) -> str:
        """The hex code of a new character."""
        self.chars.append(ord(char))
        return f"{len(self.chars):04X}"

    def full(self) -> bool:
        return len(self.chars) >= BLOCK

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (ReportLab calls it when saving)
        face, chars = self.face, self.chars
        digest = hashlib.sha256(face.name + repr(chars).encode()).digest()
        tag = "".join(chr(65 + byte % 26) for byte in digest[:6])
        base = f"{tag}+{(face.name + face.subfontNameX).decode('latin-1')}"
        key = f"cidfont:{self.name}"
        program = face.makeSubset(chars)
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor", "FontName": pdfdoc.PDFName(base),
            "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(face.bbox), "ItalicAngle": face.italicAngle,
            "Ascent": face.ascent, "Descent": face.descent, "CapHeight": face.capHeight,
            "StemV": face.stemV, "MissingWidth": face.defaultWidth,
            "FontFile2": _stream(doc, f"{key}:file", program, Length1=len(program)),
            "CIDSet": _stream(doc, f"{key}:cidset", _cid_set(len(chars))),
        })
        descendant = pdfdoc.PDFDictionary({
            "Type": "/Font", "Subtype": "/CIDFontType2", "BaseFont": pdfdoc.PDFName(base),
            "CIDSystemInfo": pdfdoc.PDFDictionary({
                "Registry": pdfdoc.PDFString("Adobe"), "Ordering": pdfdoc.PDFString("Identity"),
                "Supplement": 0}),
            "FontDescriptor": doc.Reference(descriptor, f"{key}:descriptor"),
            "DW": face.defaultWidth,
            "W": pdfdoc.PDFArray([1, pdfdoc.PDFArray([face.getCharWidth(c) for c in chars])]),
            "CIDToGIDMap": _stream(doc, f"{key}:gids", _gid_map(face, chars)),
        })
        font = pdfdoc.PDFDictionary({
            "Type": "/Font", "Subtype": "/Type0", "BaseFont": pdfdoc.PDFName(base),
            "Encoding": "/Identity-H",
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(descendant, f"{key}:cid")]),
            "ToUnicode": _stream(doc, f"{key}:unicode", _to_unicode(chars)),
        })
        doc.Reference(font, self.name)
        doc.idToObject["BasicFonts"].dict[self.name] = font


def _gid_map(face: Any, chars: list[int]) -> bytes:
    """CID -> glyph of the subset, numbered as ReportLab's subsetter numbers them."""
    new = {0: 0}
    gids = [0]
    for char in chars:
        glyph = face.charToGlyph.get(char, 0)
        gids.append(new.setdefault(glyph, len(new)))
    return b"".join(gid.to_bytes(2, "big") for gid in gids)


def _cid_set(count: int) -> bytes:
    """Bits for CIDs 0..count, all present."""
    bits = count + 1
    return b"\xff" * (bits // 8) + (bytes([(0xFF << (8 - bits % 8)) & 0xFF]) if bits % 8 else b"")


def _to_unicode(chars: list[int]) -> str:
    head = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    body: list[str] = []
    for start in range(0, len(chars), CMAP_RUN):
        run = chars[start:start + CMAP_RUN]
        body.append(f"{len(run)} beginbfchar")
        body += [f"<{start + i + 1:04X}> <{utf16_hex(code)}>" for i, code in enumerate(run)]
        body.append("endbfchar")
    tail = ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(head + body + tail)


class CidFonts:
    """The CID fonts of one document: per face, the font and hex code of each character."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.blocks: dict[str, list[CidFont]] = {}  # per face; new characters go to the last
        self.fonts: dict[str, dict[str, str]] = {}  # per face: character -> its font's name
        self.codes: dict[str, dict[str, str]] = {}  # per face: character -> its hex code

    def learn(self, font_name: str, text: str) -> None:
        """Give every new character of the text a code, in order of use (the same record,
        the same codes)."""
        fonts = self.fonts.setdefault(font_name, {})
        codes = self.codes.setdefault(font_name, {})
        for char in dict.fromkeys(text):
            if char not in codes:
                block = self._block(font_name)
                fonts[char], codes[char] = block.name, block.add(char)

    def single(self, font_name: str) -> str | None:
        """The face's one font, while all its characters fit in one."""
        blocks = self.blocks.get(font_name, [])
        return blocks[0].name if len(blocks) == 1 else None

    def _block(self, font_name: str) -> CidFont:
        blocks = self.blocks.setdefault(font_name, [])
        if not blocks or blocks[-1].full():
            taken = sum(isinstance(font, CidFont) for font in self.doc.delayedFonts)
            blocks.append(CidFont(font_name, f"JC{taken + 1}"))
            self.doc.delayedFonts.append(blocks[-1])
        return blocks[-1]
