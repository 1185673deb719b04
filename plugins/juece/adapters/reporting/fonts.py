"""Embedded TrueType fonts for the archive (R-H3: fonts embedded, no substitution).

Body text is set in AR PL UMing CN (Song/Ming), headings in WenQuanYi Zen Hei, which is
also the fallback for the ideographs UMing lacks. The optional faces follow, each skipped
when its package is not installed: Symbola for emoji (monochrome) and symbols, HanaMinA
and HanaMinB for rare ideographs (CJK Ext. A, Ext. B and beyond; Symbola has no
ideographs), DejaVu Sans last. ReportLab's
default Helvetica is never embedded, so this module
points ReportLab's base font at the body font on import, before any platypus module is
loaded, and loads the font files lazily in `register_fonts`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.fonts import addMapping

BODY = "JueceSong"
HEADING = "JueceHei"
SYMBOLS = "JueceSans"
EMOJI = "JueceEmoji"
RARE_A = "JueceRareA"
RARE_B = "JueceRareB"
HANAZONO = Path("/usr/share/fonts/truetype/hanazono")


@dataclass(frozen=True)
class FontFile:
    """One TrueType face and the Debian package that installs it."""

    name: str
    path: Path
    subfont: int
    package: str
    required: bool


FONT_FILES: tuple[FontFile, ...] = (
    FontFile(BODY, Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0,
             "fonts-arphic-uming", True),
    FontFile(HEADING, Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0,
             "fonts-wqy-zenhei", True),
    FontFile(EMOJI, Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"), 0,
             "fonts-symbola", False),
    FontFile(RARE_A, HANAZONO / "HanaMinA.ttf", 0, "fonts-hanazono", False),
    FontFile(RARE_B, HANAZONO / "HanaMinB.ttf", 0, "fonts-hanazono", False),
    FontFile(SYMBOLS, Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 0,
             "fonts-dejavu-core", False),
)


class FontMissingError(RuntimeError):
    """A font the archive needs is not installed."""


# Before reportlab.lib.styles and platypus are imported: the base font is ours.
rl_config.canvas_basefontname = BODY
for _face in (font.name for font in FONT_FILES):
    addMapping(_face, 0, 0, _face)
    addMapping(_face, 0, 1, _face)
    addMapping(_face, 1, 0, HEADING)
    addMapping(_face, 1, 1, HEADING)

_loaded: dict[str, object] = {}
_chosen: dict[tuple[str, str], str | None] = {}


def utf16_hex(code: int) -> str:
    """UTF-16BE hex of one code point: a surrogate pair above U+FFFF."""
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with UTF-16 surrogate pairs for U+10000 and above."""
    head = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    body = [f"<{index:02X}> <{utf16_hex(code)}>" for index, code in enumerate(subset)]
    tail = ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop",
            "end", "end"]
    return "\n".join(head + body + tail)


def _true_advances(face: object) -> None:
    """Give the glyphs past hhea.numberOfHMetrics their advance in font units again.

    ReportLab reuses the last advance for those glyphs after scaling it to 1000 units, so a
    subset of a font with 1024 or 2048 units per em would carry a wrong hmtx (HanaMinB
    lists only 99 full metrics). The PDF's /Widths, computed before the scaling, are right;
    PDF/A validators compare them with the embedded hmtx. Layout is not affected.
    """
    metrics: list[tuple[float, int]] = face.hmetrics  # type: ignore[attr-defined]
    hhea: bytes = face.get_table("hhea")  # type: ignore[attr-defined]
    (count,) = struct.unpack(">H", hhea[34:36])
    if 0 < count < len(metrics):
        advance = metrics[count - 1][0]
        metrics[count:] = [(advance, lsb) for _, lsb in metrics[count:]]


def _load(font: FontFile) -> object | None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not font.path.is_file():
        if font.required:
            raise FontMissingError(
                f"font file {font.path} is missing: install the Debian package "
                f"{font.package} (apt-get install {font.package})"
            )
        return None
    face = TTFont(font.name, str(font.path), subfontIndex=font.subfont, asciiReadable=1)
    _true_advances(face.face)
    pdfmetrics.registerFont(face)
    return face


_optional_tried = False


def register_fonts(optional: bool = False) -> tuple[str, ...]:
    """Load and register the fonts once; the fallback chain, body font first. The optional
    fallbacks (large files) are loaded only once a character needs them, or when asked."""
    global _optional_tried
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    rl_config.canvas_basefontname = BODY
    _optional_tried = _optional_tried or optional
    for font in FONT_FILES:
        if font.name not in _loaded and (font.required or optional):
            face = _load(font)
            if face is not None:
                _loaded[font.name] = face
                _chosen.clear()
    return fallback_chain()


def fallback_chain() -> tuple[str, ...]:
    """The registered fonts in the order a missing character is looked for."""
    return tuple(font.name for font in FONT_FILES if font.name in _loaded)


def covers(font_name: str, char: str) -> bool:
    """Whether the registered font has a glyph for the character."""
    face = _loaded.get(font_name)
    return face is not None and ord(char) in face.face.charToGlyph  # type: ignore[attr-defined]


def font_for(char: str, preferred: str) -> str | None:
    """The first font, preferred one first, that has the character; None if none has."""
    key = (char, preferred)
    if key in _chosen:
        return _chosen[key]
    if not _loaded:
        register_fonts()
    chain = (preferred, *(name for name in fallback_chain() if name != preferred))
    found = next((name for name in chain if covers(name, char)), None)
    if found is None and not _optional_tried and not char.isspace():
        register_fonts(optional=True)
        return font_for(char, preferred)
    _chosen[key] = found
    return found
