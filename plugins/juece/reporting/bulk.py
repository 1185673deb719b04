"""The long parts of the archive, made as they are laid out: the comment register and the
event log. Each yields tables of CHUNK rows, so memory does not grow with the comments."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from juece.domain.stages import stage_label
from juece.reporting import labels
from juece.reporting.fastrows import Column, FastTable, header_row, lay_row
from juece.reporting.layout import FRAME_WIDTH, MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT

CHUNK = 150
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 12  # the frame's own padding
Progress = Callable[[int], None]
RECEIVED, DISPOSED = "comment_received", "comment_disposed"


def _time(at: Any) -> str:
    """'2027-03-01\n09:00:00' in UTC; the raw value when it cannot be read."""
    text = str(at)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text[:40]
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d\n%H:%M:%S")


def _tables(columns: list[Column], labels_: list[str], rows: Iterator[list[Any]],
            progress: Progress | None) -> Iterator[FastTable]:
    header = header_row(labels_, columns)
    chunk: list[Any] = []
    for values in rows:
        chunk.append(lay_row(values, columns))
        if len(chunk) == CHUNK:
            yield FastTable(columns, header, chunk, FRAME_HEIGHT)
            if progress:
                progress(len(chunk))
            chunk = []
    if chunk:
        yield FastTable(columns, header, chunk, FRAME_HEIGHT)
        if progress:
            progress(len(chunk))


def comment_count(record: dict[str, Any]) -> int:
    return sum(entry.get("kind") == RECEIVED for entry in record.get("entries", []))


def dispositions(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The latest disposition of each comment, by receipt."""
    return {str(e["data"].get("ref")): e["data"] for e in record.get("entries", [])
            if e.get("kind") == DISPOSED and isinstance(e.get("data"), dict)}


def _comment_columns(full: bool) -> tuple[list[Column], list[str]]:
    first = 70.0 if full else 52.0
    rest = FRAME_WIDTH - first - 50 - 20 - 52
    columns = [Column(first), Column(50), Column(20), Column(rest * 0.64), Column(52),
               Column(rest * 0.36)]
    names = ["回执 Receipt" + (" / 姓名 联系方式 name, contact" if full else ""),
             "收到 Received (UTC)", "段 ¶", "意见 Comment", "处理 Disposition", "理由 Reason"]
    return columns, names


def _comment_values(data: dict[str, Any], entry: dict[str, Any],
                    disposed: dict[str, dict[str, Any]], people: dict[str, Any]) -> list[Any]:
    receipt = str(data.get("receipt", ""))
    who = receipt
    person = people.get(receipt)
    if isinstance(person, dict):
        who += "".join(f"\n{value}" for value in (person.get("name"), person.get("contact")) if value)
    if data.get("late"):
        who += "\n逾期 late"
    disposal = disposed.get(receipt) or {}
    kind = disposal.get("disposition")
    shown = labels.value_text(kind).replace(" ", "\n", 1) if kind else (
        "无需处理 none needed" if data.get("late") else "—")
    paragraph = data.get("paragraph")
    return [who, _time(data.get("received_at") or entry.get("at")),
            "" if paragraph is None else str(paragraph), data.get("text", ""), shown,
            disposal.get("reason", "")]


def comment_tables(record: dict[str, Any], progress: Progress | None = None) -> Iterator[FastTable]:
    """Every public comment with its disposition and reason (R-B4), one row each."""
    full = record.get("edition") == "full"
    people = (record.get("personal") or {}).get("commenters") or {} if full else {}
    disposed = dispositions(record)
    columns, names = _comment_columns(full)
    rows = (_comment_values(entry.get("data") or {}, entry, disposed, people)
            for entry in record.get("entries", []) if entry.get("kind") == RECEIVED)
    yield from _tables(columns, names, rows, progress)


def event_log_tables(record: dict[str, Any], progress: Progress | None = None) -> Iterator[FastTable]:
    """Every entry in order: when, who, which stage and act, and its hash (R-H5)."""
    columns = [Column(34), Column(50), Column(78), Column(88), Column(120),
               Column(FRAME_WIDTH - 370, size=7, leading=10)]
    names = ["序号 #", "时间 Time (UTC)", "操作人 Actor", "环节 Stage", "事项 Event", "哈希 Hash"]
    rows = ([str(entry.get("seq", "")), _time(entry.get("at")), str(entry.get("actor", ""))[:80],
             stage_label(str(entry.get("stage", ""))[:40]),
             labels.kind_label(str(entry.get("kind", ""))[:60]), str(entry.get("hash", ""))[:16]]
            for entry in record.get("entries", []))
    yield from _tables(columns, names, rows, progress)
