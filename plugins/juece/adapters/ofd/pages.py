"""The laid-out PDF's pages translated to OFD pages, in two processes when the archive is long.

Every id is fixed before any page is translated: the pages' ids first, then the faces' and the
pictures' in order of first appearance, then for each page a range of ids for its objects, as
long as its content could need (an object takes at least two bytes of a content stream; a form
drawn takes its own range each time). A page therefore reads the same whichever process
translates it, and the same record gives the same bytes on any machine. Ids are left unused
between pages: OFD asks only that they be unique.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import pikepdf

from juece import config
from juece.adapters.ofd.fonts import FaceUse, face_of
from juece.adapters.ofd.translate import Translator

WORKERS = 2
PARALLEL_FROM = 300  # pages: below this, a second process costs more than it saves
CHUNK = 200  # pages handed to a process at a time (the results come back in order)
Translated = tuple[str, float, float]  # Content.xml, width mm, height mm


@dataclass
class Plan:
    """The ids given before translating: pages, faces, pictures, and each page's first object id."""

    page_ids: list[int] = field(default_factory=list)
    bases: list[int] = field(default_factory=list)
    faces: FaceUse = field(default_factory=FaceUse)
    images: dict[tuple[int, int], int] = field(default_factory=dict)
    pictures: list[Any] = field(default_factory=list)  # the image XObjects, in order of their ids
    last_id: int = 0


def plan(pages: list[pikepdf.Page]) -> Plan:
    """The ids of the pages (the PDF's pages, listed once: pikepdf lists them all at each index)."""
    ids = count(1)
    found = Plan(page_ids=[next(ids) for _ in pages])
    forms: dict[tuple[int, int], int] = {}
    bounds = []
    for page in pages:
        resources = page.obj.get("/Resources")
        _scan(resources, found, ids, set())
        bounds.append(_bound(_content(page.obj), resources, forms))
    base = next(ids)
    for bound in bounds:
        found.bases.append(base)
        base += bound
    found.last_id = base - 1
    found.faces.frozen = True
    return found


def _content(obj: Any) -> bytes:
    contents = obj.get("/Contents") if "/Contents" in obj else obj
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes() if isinstance(contents, pikepdf.Stream) else b""


def _bound(content: bytes, resources: Any, forms: dict[tuple[int, int], int], depth: int = 0) -> int:
    """How many ids a content stream could need: its layer, one per two bytes, and each form it
    draws, once per drawing."""
    drawn = content.count(b"Do")
    if not drawn or depth > 4:
        return 2 + len(content) // 2
    widest = 0
    for xobject in _xobjects(resources):
        if str(xobject.get("/Subtype")) == "/Form":
            if xobject.objgen not in forms or xobject.objgen == (0, 0):
                forms[xobject.objgen] = _bound(xobject.read_bytes(), xobject.get("/Resources", resources),
                                               forms, depth + 1)
            widest = max(widest, forms[xobject.objgen])
    return 2 + len(content) // 2 + drawn * widest


def _xobjects(resources: Any) -> Iterator[Any]:
    try:
        table = resources.XObject
    except (AttributeError, KeyError):
        return
    for name in sorted(table.keys()):
        yield table[name]


def _scan(resources: Any, found: Plan, ids: Iterator[int], seen: set[tuple[int, int]]) -> None:
    """Give ids to the faces and pictures these resources (and their forms') name, as first met."""
    try:
        fonts = resources.Font
    except (AttributeError, KeyError):
        fonts = {}
    for name in sorted(fonts.keys()):
        font = fonts[name]
        base = font.DescendantFonts[0].BaseFont if "/DescendantFonts" in font else font.get("/BaseFont")
        face = face_of(str(base)) if base is not None else None
        if face is not None and face.name not in found.faces.ids:
            found.faces.font_id(face, ids.__next__)
    for xobject in _xobjects(resources):
        kind = str(xobject.get("/Subtype"))
        if kind == "/Image" and xobject.objgen not in found.images:
            found.images[xobject.objgen] = next(ids)
            found.pictures.append(xobject)
        elif kind == "/Form" and xobject.objgen not in seen:
            if xobject.objgen != (0, 0):
                seen.add(xobject.objgen)
            _scan(xobject.get("/Resources", resources), found, ids, seen)


_job: dict[str, Any] = {}  # what a forked process translates from: the open PDF's pages and the plan


def _translate(span: tuple[int, int]) -> tuple[list[Translated], dict[str, set[str]]]:
    pages, found = _job["pages"], _job["plan"]
    faces = FaceUse(dict(found.faces.ids), {name: set() for name in found.faces.ids},
                    dict(found.faces.faces), frozen=True)
    translator = Translator(lambda: 0, faces, lambda xobject: found.images[xobject.objgen])
    out = []
    for number in range(*span):
        translator.next_id = count(found.bases[number]).__next__
        out.append(translator.page(pages[number]))
    return out, faces.chars


def translated(pages: list[pikepdf.Page], found: Plan) -> Iterator[Translated]:
    """Each page's (Content.xml, width, height), in order; the characters each face shows are
    added to ``found.faces.chars`` as the pages come back."""
    total = len(pages)
    spans = [(start, min(start + CHUNK, total)) for start in range(0, total, CHUNK)]
    _job.update(pages=pages, plan=found)
    try:
        for pages, chars in _results(spans, total):
            for name, used in chars.items():
                found.faces.chars[name] |= used
            yield from pages
    finally:
        _job.clear()


def _results(spans: list[tuple[int, int]], total: int) -> Iterator[tuple[list[Translated], dict[str, set[str]]]]:
    if total < PARALLEL_FROM or _processes() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_translate, spans)
        return
    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        yield from pool.imap(_translate, spans)


def _processes() -> int:
    """Two where the machine has two cores for this process; JUECE_OFD_PROCESSES=1 keeps one."""
    wanted = config.integer("JUECE_OFD_PROCESSES")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(WORKERS, cores, wanted))

