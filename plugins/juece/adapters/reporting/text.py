"""User text made safe for a ReportLab Paragraph.

Text in a Paragraph is markup: `<b>`, `</para>`, `<img src=...>` or `&amp;` typed by a
commenter would be obeyed or would crash the build. Every string from the record passes
through `markup`, which prints it literally: control characters and unpaired surrogates
are dropped, the rest is escaped, newlines become line breaks, and each run of characters
the chosen font lacks is set in a fallback font. A character no embedded font has is
shown as [U+XXXX]; the original text is kept unchanged in the attached record.json.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from juece.adapters.reporting import fonts

DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
KEPT_CONTROLS = frozenset("\n\t")
PLACEHOLDER_COLOR = "#6b6b6b"


def clean(value: object) -> str:
    """The printable text of a value: no control characters, no lone surrogates."""
    text = value if isinstance(value, str) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.replace("\n", "").isprintable():  # no Cc, Cf or Cs character: nothing to drop
        return text
    kept = (
        char
        for char in text
        if char in KEPT_CONTROLS or unicodedata.category(char) not in DROPPED_CATEGORIES
    )
    return "".join(kept).replace("\t", "    ")


def one_line(value: object) -> str:
    """Clean text on a single line, for drawing straight onto the canvas."""
    return " ".join(clean(value).split())


def _runs(text: str, font: str) -> list[tuple[str | None, str]]:
    """Split text into (font, run) pairs; None marks characters no font has."""
    runs: list[tuple[str | None, str]] = []
    current: str | None = font
    buffer: list[str] = []
    for char in text:
        if char.isspace():
            chosen = current if current is not None else font
        else:
            chosen = fonts.font_for(char, font)
        if chosen != current or chosen is None:
            if buffer:
                runs.append((current, "".join(buffer)))
            buffer = []
            current = chosen
        buffer.append(char)
    if buffer:
        runs.append((current, "".join(buffer)))
    return runs


def _placeholder(run: str) -> str:
    codes = " ".join(f"[U+{ord(char):04X}]" for char in run)
    return f'<font color="{PLACEHOLDER_COLOR}">{codes}</font>'


def _escaped(run: str) -> str:
    return escape(run).replace("\n", "<br/>")


def markup(value: object, font: str = fonts.BODY) -> str:
    """Paragraph markup that prints the value literally, with per-run font fallback."""
    parts: list[str] = []
    for run_font, run in _runs(clean(value), font):
        if run_font is None:
            parts.append(_placeholder(run))
        elif run_font == font:
            parts.append(_escaped(run))
        else:
            parts.append(f'<font name="{run_font}">{_escaped(run)}</font>')
    return "".join(parts)


def missing_characters(value: object) -> set[str]:
    """The characters of a value that no embedded font can show."""
    return {char for char in set(clean(value)) if not char.isspace() and fonts.font_for(
        char, fonts.BODY) is None}
