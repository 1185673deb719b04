"""The laid-out PDF's pages read back as OFD pages (GB/T 33190 Content.xml): each text show an
OFD TextObject (its Unicode from the font's ToUnicode CMap, its DeltaX from the glyph widths),
each painted path a PathObject, each picture an ImageObject. PDF points become millimetres
and the y axis turns downwards. Strings are built directly: a long archive has thousands of
pages."""

from __future__ import annotations

from collections.abc import Callable
from math import sqrt
from typing import Any

import pikepdf

from juece.adapters.ofd.fonts import FaceUse, PdfFont, read_font, xml_text
from juece.adapters.ofd.graphics import (
    IDENTITY,
    K,
    Matrix,
    State,
    cmyk,
    delta_x,
    mul,
    rgb,
    two_places,
)


class Translator:
    """Turns pages into Content.xml texts; fonts and images go to the resources it is given."""

    def __init__(self, next_id: Callable[[], int], faces: FaceUse,
                 image_id: Callable[[Any], int]) -> None:
        self.next_id, self.faces, self.image_id = next_id, faces, image_id
        self._fonts: dict[object, tuple[PdfFont, int]] = {}
        self._advances: dict[tuple[int, float, float], dict[int, str]] = {}
        # a long archive shows the same strings again and again (labels, dates, names): each
        # (font, bytes, size) is decoded and measured once, its TextCode written once per size
        self._shown: dict[tuple[int, bytes, float], tuple[list[int], list[str], str, list[float], float]] = {}
        self._codes: dict[tuple[int, bytes, float, float], str] = {}

    def page(self, page: pikepdf.Page) -> tuple[str, float, float]:
        """(Content.xml, width mm, height mm) of one PDF page."""
        box = [float(v) for v in page.mediabox]
        self.height = box[3] - box[1]
        self.out: list[str] = []
        self.path: list[tuple[str, int]] = []
        self.points: list[tuple[float, float]] = []
        self.width = (box[2] - box[0]) * K
        self._walk(page.obj, page.obj.get("/Resources"), State())
        width, height = self.width, self.height * K
        head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">'
                f'<ofd:Area><ofd:PhysicalBox>0 0 {width:.2f} {height:.2f}</ofd:PhysicalBox></ofd:Area>'
                f'<ofd:Content><ofd:Layer ID="{self.next_id()}">')
        return head + "".join(self.out) + "</ofd:Layer></ofd:Content></ofd:Page>", width, height

    def _walk(self, stream: Any, resources: Any, st: State) -> None:
        stack: list[State] = []
        tm = tlm = IDENTITY
        for instruction in pikepdf.parse_content_stream(stream):
            # attribute access: unpacking an instruction as a pair costs several times more
            operands, op = instruction.operands, str(instruction.operator)
            if op in ("Tj", "'", '"'):
                if op != "Tj":
                    tm = tlm = mul((1, 0, 0, 1, 0, -st.tl), tlm)
                    if op == '"':
                        st.tw, st.tc = float(operands[0]), float(operands[1])
                tm = self._show(bytes(operands[-1]), tm, st)
            elif op == "T*":
                tm = tlm = mul((1, 0, 0, 1, 0, -st.tl), tlm)
            elif op == "Tm":
                tm = tlm = tuple(map(float, operands))  # type: ignore[assignment]
            elif op in ("Td", "TD"):
                if op == "TD":
                    st.tl = -float(operands[1])
                tm = tlm = mul((1, 0, 0, 1, float(operands[0]), float(operands[1])), tlm)
            elif op == "BT":
                tm = tlm = IDENTITY
            elif op == "TJ":
                tm = self._show_array(operands[0], tm, st)
            elif op == "q":
                stack.append(st.copy())
            elif op == "Q":
                if stack:
                    st = stack.pop()
            else:
                self._other(op, operands, resources, st)

    def _other(self, op: str, operands: Any, resources: Any, st: State) -> None:
        if op in _PATH:
            self._path_op(op, list(map(float, operands)), st)
        elif op in _PAINT:
            self._paint(op, st)
        elif op == "cm":
            st.ctm = mul(tuple(map(float, operands)), st.ctm)  # type: ignore[arg-type]
        elif op == "Tf":
            st.font, st.size = self._font(resources, operands[0]), float(operands[1])
        elif op in _SETTERS:
            setattr(st, _SETTERS[op], float(operands[0]))
        elif op == "Tz":
            st.th = float(operands[0]) / 100
        elif op in ("rg", "RG", "g", "G", "k", "K"):
            values = [float(v) for v in operands]
            color = rgb(values * 3 if len(values) == 1 else values) if len(values) != 4 else cmyk(*values)
            if op.islower():
                st.fill = color
            else:
                st.stroke = color
        elif op == "Do":
            self._do(resources, operands[0], st)

    def _font(self, resources: Any, name: Any) -> PdfFont | None:
        try:
            font = resources.Font[name]
        except (AttributeError, KeyError):
            return None
        key: object = font.objgen
        if key == (0, 0):  # a direct font dictionary: known by its subset's unique name
            key = str(font.get("/BaseFont"))
        if key not in self._fonts:
            read = read_font(font)
            face_id = self.faces.font_id(read.face, self.next_id) if read.face else 0
            self._fonts[key] = (read, face_id)
        return self._fonts[key][0]

    def _show_array(self, items: Any, tm: Matrix, st: State) -> Matrix:
        for item in items:
            if isinstance(item, pikepdf.String):
                tm = self._show(bytes(item), tm, st)
            else:
                shift = -float(item) / 1000 * st.size * st.th
                tm = (tm[0], tm[1], tm[2], tm[3], tm[4] + shift * tm[0], tm[5] + shift * tm[1])
        return tm

    def _show(self, raw: bytes, tm: Matrix, st: State) -> Matrix:
        font = st.font
        if font is None or not raw:
            return tm
        spacing = st.tc != 0 or st.tw != 0 or st.th != 1
        key = (id(font), raw, st.size)
        known = None if spacing else self._shown.get(key)
        if known is None:
            known = self._measure(font, raw, st, spacing)
            if font.face and known[2].strip():  # the characters the embedded subset must hold
                self.faces.chars[_face_name(font)].update(known[2])
            if not spacing:
                self._shown[key] = known
        codes, parts, text, advances, total = known
        if text.strip():
            self._emit_text(font, key if not spacing else None, codes, parts, text, advances, tm, st)
        return (tm[0], tm[1], tm[2], tm[3], tm[4] + total * tm[0], tm[5] + total * tm[1])

    @staticmethod
    def _measure(font: PdfFont, raw: bytes, st: State,
                 spacing: bool) -> tuple[list[int], list[str], str, list[float], float]:
        """The codes of a string, each code's text, the whole text, each advance and their sum."""
        codes = font.decode(raw)
        width_of, default = font.widths.get, font.default_width
        em = st.size / 1000
        advances = [width_of(c, default) * em for c in codes]
        if spacing:
            advances = [(a + st.tc + (st.tw if c == 32 and not font.two_byte else 0.0)) * st.th
                        for a, c in zip(advances, codes, strict=True)]
        text_of = font.text.get
        parts = [text_of(c, "\ufffd") for c in codes]
        return codes, parts, "".join(parts), advances, sum(advances)

    def _emit_text(self, font: PdfFont, key: tuple[int, bytes, float] | None, codes: list[int],
                   parts: list[str], text: str, advances: list[float], tm: Matrix, st: State) -> None:
        m = mul(tm, st.ctm)
        face_id = self._fonts_id(font)
        upright = abs(m[1]) < 1e-9 and abs(m[2]) < 1e-9 and m[0] > 0 and abs(m[0] - m[3]) < 1e-6
        scale = m[0] if upright else sqrt(abs(m[0] * m[3] - m[1] * m[2]))
        size = st.size * scale * K
        width = sum(advances) * scale * K
        fill = "" if st.fill == "0 0 0" else f'<ofd:FillColor Value="{st.fill}"/>'
        rise = st.rise * scale
        written = (*key, scale) if key else None  # exact values: a page reads the same whoever translates it
        code = self._codes.get(written) if written else None
        if code is None:
            code = self._text_code(font, codes, parts, text, advances, (st.size, scale), key is None)
            if written:
                self._codes[written] = code
        if upright:
            x, baseline = m[4] * K, (self.height - m[5] - rise) * K
            self.out.append(
                f'<ofd:TextObject ID="{self.next_id()}" Boundary="{x:.2f} {baseline - size * 1.2:.2f} '
                f'{max(width, 0.01):.2f} {size * 1.5:.2f}" Font="{face_id}" Size="{size:.3f}">{fill}'
                f'<ofd:TextCode X="0" Y="{size * 1.2:.3f}" ' + code)
            return
        a, b, c, d = (v / scale for v in m[:4])
        self.out.append(
            f'<ofd:TextObject ID="{self.next_id()}" Boundary="0 0 {self.width:.2f} '
            f'{self.height * K:.2f}" CTM="{a:.5f} {-b:.5f} {-c:.5f} {d:.5f} {m[4] * K:.3f} '
            f'{(self.height - m[5]) * K:.3f}" Font="{face_id}" Size="{size:.3f}">{fill}'
            f'<ofd:TextCode X="0" Y="{-rise * K:.3f}" ' + code)

    def _text_code(self, font: PdfFont, codes: list[int], parts: list[str], text: str,
                   advances: list[float], sized: tuple[float, float], spacing: bool) -> str:
        """The TextCode's DeltaX and text, up to the end of the TextObject."""
        scale = sized[1]
        if not spacing and len(text) == len(codes):
            table = self._advances.setdefault((id(font), *sized), {})
            try:
                deltas = [table[c] for c in codes]
            except KeyError:
                step = scale * K
                for c, a in zip(codes, advances, strict=True):
                    table.setdefault(c, two_places(a * step))
                deltas = [table[c] for c in codes]
        else:
            deltas = []
            for part, advance in zip(parts, advances, strict=True):
                deltas += ["0"] * (len(part) - 1) + [two_places(advance * scale * K)]
        return f'DeltaX="{delta_x(deltas[:-1])}">{xml_text(text)}</ofd:TextCode></ofd:TextObject>'

    def _fonts_id(self, font: PdfFont) -> int:
        return self.faces.ids.get(font.face.name, 0) if font.face else 0

    def _xy(self, x: float, y: float, ctm: Matrix) -> tuple[float, float]:
        return ((x * ctm[0] + y * ctm[2] + ctm[4]) * K,
                (self.height - (x * ctm[1] + y * ctm[3] + ctm[5])) * K)

    def _path_op(self, op: str, v: list[float], st: State) -> None:
        if op == "h":
            self.path.append(("C", 0))
            return
        if op == "re":
            x, y, w, h = v
            pairs = [self._xy(px, py, st.ctm) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
            start = len(self.points)
            self.points += pairs
            self.path += [("M", start), ("L", start + 1), ("L", start + 2), ("L", start + 3), ("C", 0)]
            return
        pairs = [self._xy(v[i], v[i + 1], st.ctm) for i in range(0, len(v), 2)]
        if op == "v":
            pairs.insert(0, self.points[-1] if self.points else pairs[0])
        elif op == "y":
            pairs.append(pairs[-1])
        start = len(self.points)
        self.points += pairs
        for i in range(len(pairs)) if op in ("m", "l") else (0,):
            self.path.append(({"m": "M", "l": "L"}.get(op, "B"), start + i))

    def _paint(self, op: str, st: State) -> None:
        path, points = self.path, self.points
        self.path, self.points = [], []
        if op == "n" or not points:
            return
        stroke, fill = op in ("S", "s", "B", "B*", "b", "b*"), op not in ("S", "s")
        scale = sqrt(abs(st.ctm[0] * st.ctm[3] - st.ctm[1] * st.ctm[2]))
        line = st.width * scale * K
        pad = line / 2 + 0.01
        x0, y0 = min(p[0] for p in points) - pad, min(p[1] for p in points) - pad
        x1, y1 = max(p[0] for p in points) + pad, max(p[1] for p in points) + pad
        where = [f"{x - x0:.3f} {y - y0:.3f}" for x, y in points]
        steps = [letter if letter == "C" else
                 f"{letter} {where[i]} {where[i + 1]} {where[i + 2]}" if letter == "B" else f"{letter} {where[i]}"
                 for letter, i in path]
        data = " ".join(steps) + (" C" if op in ("s", "b", "b*") else "")
        rule = ' Rule="Even-Odd"' if op.endswith("*") else ""
        flags = ("" if stroke else ' Stroke="false"') + (' Fill="true"' if fill else "") + rule
        self.out.append(
            f'<ofd:PathObject ID="{self.next_id()}" Boundary="{x0:.3f} {y0:.3f} {x1 - x0:.3f} {y1 - y0:.3f}" '
            f'LineWidth="{line:.3f}"{flags}>' + (f'<ofd:StrokeColor Value="{st.stroke}"/>' if stroke else "")
            + (f'<ofd:FillColor Value="{st.fill}"/>' if fill else "")
            + f"<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>")

    def _do(self, resources: Any, name: Any, st: State) -> None:
        try:
            xobject = resources.XObject[name]
        except (AttributeError, KeyError):
            return
        if str(xobject.get("/Subtype")) == "/Form":
            inner = st.copy()
            matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
            inner.ctm = mul(matrix, st.ctm)  # type: ignore[arg-type]
            saved = self.path, self.points
            self.path, self.points = [], []
            self._walk(xobject, xobject.get("/Resources", resources), inner)
            self.path, self.points = saved
            return
        if str(xobject.get("/Subtype")) != "/Image":
            return
        corners = [self._xy(x, y, st.ctm) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        x0, y0 = min(p[0] for p in corners), min(p[1] for p in corners)
        w, h = max(p[0] for p in corners) - x0, max(p[1] for p in corners) - y0
        self.out.append(f'<ofd:ImageObject ID="{self.next_id()}" Boundary="{x0:.3f} {y0:.3f} {w:.3f} {h:.3f}" '
                        f'CTM="{w:.3f} 0 0 {h:.3f} 0 0" ResourceID="{self.image_id(xobject)}"/>')


def _face_name(font: PdfFont) -> str:
    return font.face.name if font.face else ""


_PATH = frozenset(("m", "l", "c", "v", "y", "h", "re"))
_PAINT = frozenset(("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"))
_SETTERS = {"w": "width", "Tc": "tc", "Tw": "tw", "TL": "tl", "Ts": "rise"}
