"""Chinese line breaking for ReportLab paragraphs set with wordWrap='CJK'.

ReportLab knows only Japanese kinsoku rules and hangs a single stop in the margin. Here a
line never starts with closing punctuation (，。、；：？！）》」』”’ ...) and never ends
with opening punctuation (（《「『“‘ ...): the characters before the break move down to
the next line instead. Latin words are kept whole when a space or a Chinese character
before them allows a break.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _paragraph
from reportlab.rl_config import _FUZZ

CANNOT_START = frozenset(
    "，。、；：？！）》」』”’〉】〕〗〙〛］｝｠．％‰・·ー〜～"
    ",.;:?!)]}%"
)
CANNOT_END = frozenset("（《「『“‘〈【〔〖〘〚［｛｟([{")
MAX_PUSH = 4  # at most this many characters move down to keep punctuation rules

Line = tuple[int, int, float, bool]  # start, end (exclusive), width used, ends in <br/>


def _is_word_char(char: str) -> bool:
    return (char.isalnum() or char == "_") and ord(char) < 0x2E80


def _may_break_after(char: str) -> bool:
    return char.isspace() or ord(char) >= 0x2E80 or char in "-/_"


def _keep_word(chars: Sequence[str], start: int, end: int) -> int:
    """Move a break that would cut a Latin word back to the space before it."""
    if not (_is_word_char(chars[end]) and _is_word_char(chars[end - 1])):
        return end
    for j in range(end - 1, start, -1):
        if _may_break_after(chars[j]):
            return j + 1
    return end


def _kinsoku(chars: Sequence[str], start: int, end: int) -> int:
    """Move a break so the next line starts and this line ends on allowed characters."""
    limit = max(start + 1, end - MAX_PUSH)
    moved = end
    while moved > limit and (chars[moved] in CANNOT_START or chars[moved - 1] in CANNOT_END):
        moved -= 1
    if chars[moved] in CANNOT_START or chars[moved - 1] in CANNOT_END:
        return end
    return moved


def break_index(chars: Sequence[str], start: int, overflow: int) -> int:
    """Where a line starting at `start` ends when character `overflow` does not fit."""
    end = _kinsoku(chars, start, _keep_word(chars, start, overflow))
    while end < len(chars) and chars[end].isspace():
        end += 1  # spaces at a break stay at the end of the line, unseen
    return end


def _width(widths: Sequence[float], start: int, end: int, chars: Sequence[str]) -> float:
    while end > start and chars[end - 1].isspace():
        end -= 1
    return float(sum(widths[start:end]))


def plan_lines(
    chars: Sequence[str],
    widths: Sequence[float],
    max_widths: Sequence[float],
    is_hard_break: Callable[[int], bool],
) -> list[Line]:
    """Greedy line filling with the rules above."""
    lines: list[Line] = []
    start = i = 0
    used = 0.0
    while i < len(chars):
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        if is_hard_break(i):
            lines.append((start, i + 1, used, True))
            start = i = i + 1
            used = 0.0
            continue
        if used + widths[i] > limit + _FUZZ and i > start:
            end = break_index(chars, start, i)
            lines.append((start, end, _width(widths, start, end, chars), False))
            start, i = end, max(i, end)
            used = float(sum(widths[start:i]))
            continue
        used += widths[i]
        i += 1
    if start < len(chars):
        lines.append((start, len(chars), _width(widths, start, len(chars), chars), False))
    return lines


def _unit_width(unit: Any, max_width: float) -> float:
    width = unit.width
    if hasattr(width, "normalizedValue"):
        width._normalizer = max_width
        width = width.normalizedValue(max_width)
    return float(width)


def frag_split(frags: list[Any], maxWidths: list[float], calcBounds: bool,  # noqa: N803
               encoding: str = "utf8") -> Any:
    """Replacement for ReportLab's cjkFragSplit (paragraphs with several fragments)."""
    units: list[Any] = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        if text:
            units.extend(_paragraph.cjkU(char, frag, encoding) for char in text)
        else:
            units.append(_paragraph.cjkU(text, frag, encoding))
    widths = [_unit_width(unit, maxWidths[0]) for unit in units]
    chars = [str(unit) or "\ufffc" for unit in units]
    plan = plan_lines(chars, widths, maxWidths,
                      lambda i: hasattr(units[i].frag, "lineBreak"))
    lines = []
    for number, (start, end, used, hard) in enumerate(plan):
        limit = maxWidths[min(number, len(maxWidths) - 1)]
        lines.append(_paragraph.makeCJKParaLine(
            units[start:end], limit, used, limit - used, hard, calcBounds))
    return _paragraph.ParaLines(kind=1, lines=lines)


def word_split(word: str, maxWidths: Any, fontName: str, fontSize: float,  # noqa: N803
               encoding: str = "utf8") -> list[list[Any]]:
    """Replacement for ReportLab's wordSplit (paragraphs with a single fragment)."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    limits = maxWidths if isinstance(maxWidths, list | tuple) else [maxWidths]
    widths = [stringWidth(char, fontName, fontSize) for char in text]
    plan = plan_lines(text, widths, limits, lambda _i: False)
    result = []
    for number, (start, end, used, _hard) in enumerate(plan):
        limit = limits[min(number, len(limits) - 1)]
        result.append([limit - used, text[start:end].strip()])
    return result


def install() -> None:
    """Use these rules in every CJK-wrapped ReportLab paragraph (idempotent)."""
    _paragraph.cjkFragSplit = frag_split
    _paragraph.wordSplit = word_split
    _paragraph.ALL_CANNOT_START = "".join(sorted(CANNOT_START))
