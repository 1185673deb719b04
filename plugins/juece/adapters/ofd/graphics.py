"""What the translation of PDF pages to OFD keeps between operators: units, matrices, the
graphics state, colours, DeltaX lists, and pictures as PNG."""

from __future__ import annotations

import io
from typing import Any

import pikepdf

from juece.adapters.ofd.fonts import PdfFont

K = 25.4 / 72  # millimetres per point
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
two_places = ("{:.2f}".format)


def mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: m × n)."""
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


class State:
    """The graphics and text state that q/Q save and restore."""

    __slots__ = ("ctm", "fill", "stroke", "width", "font", "size", "tc", "tw", "th", "tl", "rise")

    def __init__(self) -> None:
        self.ctm, self.fill, self.stroke, self.width = IDENTITY, "0 0 0", "0 0 0", 1.0
        self.font: PdfFont | None = None
        self.size, self.tc, self.tw, self.th, self.tl, self.rise = 0.0, 0.0, 0.0, 1.0, 0.0, 0.0

    def copy(self) -> State:
        other = State.__new__(State)
        for name in State.__slots__:
            setattr(other, name, getattr(self, name))
        return other


def rgb(values: list[float]) -> str:
    return " ".join(str(round(min(max(v, 0.0), 1.0) * 255)) for v in values)


def cmyk(c: float, m: float, y: float, k: float) -> str:
    return rgb([(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)])


def delta_x(values: list[str]) -> str:
    """DeltaX with runs of one advance written as `g N value`."""
    out: list[str] = []
    last, count = None, 0
    for value in values:  # a plain loop: groupby's run iterators cost more than they save here
        if value == last:
            count += 1
            continue
        if count:
            out.append(last if count == 1 else f"g {count} {last}")  # type: ignore[arg-type]
        last, count = value, 1
    if count:
        out.append(last if count == 1 else f"g {count} {last}")  # type: ignore[arg-type]
    return " ".join(out)


def png_of(xobject: Any) -> bytes:
    """An image XObject as PNG (with its soft mask as alpha), the same bytes every time."""
    image = pikepdf.PdfImage(xobject).as_pil_image()
    if "/SMask" in xobject:
        mask = pikepdf.PdfImage(xobject.SMask).as_pil_image().convert("L")
        image = image.convert("RGBA")
        image.putalpha(mask.resize(image.size))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()
