"""The volume in order: cover, file list, the documents (each under its heading and bookmark), the
appendix (the process record) and the reference sheet. The file list, the bookmarks and the page
numbers come from the same documents and plan."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reportlab.platypus import PageBreak

from juece.adapters.reporting import sections
from juece.adapters.reporting.bulk import Progress
from juece.adapters.reporting.dossier import appendix, order, volume
from juece.adapters.reporting.dossier.base import Document
from juece.adapters.reporting.fastrows import FastTable
from juece.adapters.reporting.layout import para
from juece.domain.archive.archival import archival


def keys(record: dict[str, Any], documents: list[Document] | None = None) -> list[str]:
    """Every place the file list and the bookmarks point at, in order."""
    docs = order.documents(record) if documents is None else documents
    return [volume.FILE_LIST[0], *(doc.key for doc in docs),
            *(key for key, _, _ in appendix.plan(record)), volume.REFERENCE[0]]


def notices(record: dict[str, Any]) -> list[Any]:
    """What a reader must know before reading any page: an accelerated clock, an assumed calendar."""
    found = []
    scale = sections.clock_scale(record)
    if scale > 1:
        n = f"{int(scale)}" if scale == int(scale) else f"{scale:g}"
        found.append(para(f"演示时钟已加速 ×{n}：法定期限按原值记录，实际等待按比例缩短 / Demo clock accelerated ×{n}: "
                          "legal durations are recorded as specified, real waits were shortened", "notice"))
    if assumed := sections.assumed_calendar(record):
        found.append(para(f"工作日按假定的节假日安排计算（{assumed}，非国务院公布的安排，仅供演示）/ Working days were "
                          f"counted with an ASSUMED holiday schedule ({assumed}: not the State Council's, for "
                          "demonstration only)", "notice"))
    return found


def _told(flowables: Iterable[Any], progress: Progress | None) -> Iterator[Any]:
    """A document's flowables; `progress` is told the rows of each long table (the comment register)."""
    for flowable in flowables:
        yield flowable
        if progress is not None and isinstance(flowable, FastTable):
            progress(len(flowable.rows))


def story(record: dict[str, Any], progress: Progress | None = None,
          documents: list[Document] | None = None) -> Iterator[Any]:
    """Every flowable of the volume, made as the layout asks for it."""
    meta = archival(record)
    docs = order.documents(record) if documents is None else documents
    yield from volume.cover(meta, notices(record))
    after = [(key, title) for key, title, level in appendix.plan(record) if level == 0]
    yield from volume.file_list(docs, [*after, volume.REFERENCE])
    for number, doc in enumerate(docs, start=1):
        if number > 1:
            yield PageBreak()
        yield from volume.document_head(number, doc)
        yield from _told(doc.body(), progress)
    yield from appendix.story(record, progress)
    yield from volume.reference_sheet(meta, len(docs), len(record.get("entries") or []))
