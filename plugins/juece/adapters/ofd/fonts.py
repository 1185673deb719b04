"""The fonts of the OFD edition: each PDF font of the laid-out pages read back to Unicode and
widths (its ToUnicode CMap, its /Widths or /W), and each TrueType face the pages use embedded
once, subset with fontTools to the characters used, its cmap kept so that readers map the
text's Unicode to glyphs. Subsets are deterministic: no timestamp is recomputed."""

from __future__ import annotations

import io
import re
import sys
from array import array
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont

from juece.adapters.reporting.fonts import FONT_FILES, FontFile

_HEX = rb"<([0-9A-Fa-f]+)>"
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_PAIR = re.compile(_HEX + rb"\s*" + _HEX)
_RANGE = re.compile(_HEX + rb"\s*" + _HEX + rb"\s*(?:" + _HEX + rb"|\[([^\]]*)\])")
# what XML 1.0 cannot hold or must escape in a text node
_XML = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
        **{code: None for code in range(32) if code not in (9, 10, 13)}, 0xFFFE: None, 0xFFFF: None}


def xml_text(text: str) -> str:
    return text.translate(_XML)


def _utf16(hexdigits: bytes) -> str:
    return bytes.fromhex(hexdigits.decode("ascii")).decode("utf-16-be", "replace")


def to_unicode(cmap: bytes) -> dict[int, str]:
    """Code -> text of a ToUnicode CMap (bfchar and bfrange)."""
    found: dict[int, str] = {}
    for block in _BFCHAR.findall(cmap):
        for code, text in _PAIR.findall(block):
            found[int(code, 16)] = _utf16(text)
    for block in _BFRANGE.findall(cmap):
        for low, high, start, listed in _RANGE.findall(block):
            first, last = int(low, 16), int(high, 16)
            if listed:
                for offset, text in enumerate(re.findall(_HEX, listed)):
                    found[first + offset] = _utf16(text)
                continue
            base = _utf16(start)
            for offset in range(last - first + 1):
                found[first + offset] = base[:-1] + chr(ord(base[-1]) + offset)
    return {code: text for code, text in found.items() if text and text != "\x00"}


@dataclass
class PdfFont:
    """One PDF font resource: how its codes read as text, and their widths (1/1000 em)."""

    face: FontFile | None
    two_byte: bool
    text: dict[int, str]
    widths: dict[int, float]
    default_width: float = 0.0
    _table: dict[int, str] | None = None

    def decode(self, raw: bytes) -> list[int]:
        if self.two_byte:
            codes = array("H", raw[: len(raw) // 2 * 2])
            if sys.byteorder == "little":
                codes.byteswap()
            return codes.tolist()
        return list(raw)

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default_width)


def face_of(base_font: str) -> FontFile | None:
    """The archive's face a PDF font's BaseFont names (None if it is none of them)."""
    name = base_font.lstrip("/").split("+", 1)[-1].removesuffix("-0")
    return _known_faces().get(name)


_faces: dict[str, FontFile] = {}


def _known_faces() -> dict[str, FontFile]:
    """The archive's faces by PostScript name, as the PDF's BaseFont names them."""
    if not _faces:
        for font in FONT_FILES:
            if font.path.is_file():
                names = TTFont(str(font.path), fontNumber=font.subfont, lazy=True)["name"]
                _faces[str(names.getDebugName(6))] = font
    return _faces


def read_font(font: Any) -> PdfFont:
    """A PDF font dictionary (simple TrueType or Type0 Identity-H) read back."""
    text = to_unicode(font.ToUnicode.read_bytes()) if "/ToUnicode" in font else {}
    if str(font.get("/Subtype")) == "/Type0":
        cid = font.DescendantFonts[0]
        widths: dict[int, float] = {}
        w = list(cid.get("/W", []))
        i = 0
        while i < len(w):
            first = int(w[i])
            if isinstance(w[i + 1], pikepdf.Array):
                for offset, value in enumerate(w[i + 1]):
                    widths[first + offset] = float(value)
                i += 2
            else:
                for code in range(first, int(w[i + 1]) + 1):
                    widths[code] = float(w[i + 2])
                i += 3
        return PdfFont(face_of(str(cid.BaseFont)), True, text, widths, float(cid.get("/DW", 1000)))
    first = int(font.get("/FirstChar", 0))
    widths = {first + i: float(value) for i, value in enumerate(font.get("/Widths", []))}
    return PdfFont(face_of(str(font.BaseFont)), False, text, widths)


@dataclass
class FaceUse:
    """The faces the pages use, their OFD resource ids and the characters each shows."""

    ids: dict[str, int] = field(default_factory=dict)
    chars: dict[str, set[str]] = field(default_factory=dict)
    faces: dict[str, FontFile] = field(default_factory=dict)

    frozen: bool = False  # the ids were all given before the pages are translated

    def font_id(self, face: FontFile, next_id: Any) -> int:
        if face.name not in self.ids:
            if self.frozen:
                raise KeyError(f"no OFD font id was given to {face.name} before translating")
            self.ids[face.name] = next_id()
            self.chars[face.name] = set()
            self.faces[face.name] = face
        return self.ids[face.name]


def subset_face(face: FontFile, chars: set[str]) -> bytes:
    """The face subset to `chars`, as TrueType bytes (same characters, same bytes)."""
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables += ["EBDT", "EBLC", "EBSC", "DSIG", "GSUB", "GPOS", "GDEF", "BDF", "FFTM"]
    font = TTFont(str(face.path), fontNumber=face.subfont, recalcTimestamp=False, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for text in chars for c in text}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()
