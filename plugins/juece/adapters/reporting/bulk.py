"""The long parts of the archive, made as they are laid out: the comment register and the
event log. Each yields tables of CHUNK rows, so memory does not grow with the comments."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from juece.adapters.reporting import labels, persons
from juece.adapters.reporting.fastrows import Column, FastTable, header_row, lay_row
from juece.adapters.reporting.layout import FRAME_WIDTH, MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT
from juece.domain.participation.citation import citation
from juece.domain.participation.draft import paragraphs
from juece.domain.record.clock import ZONE_NAME, china_time
from juece.domain.stages import stage_label

CHUNK = 150
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 12  # the frame's own padding
Progress = Callable[[int], None]
RECEIVED, DISPOSED = "comment_received", "comment_disposed"
RUN_MIN = 3  # this many consecutive comment entries of one actor make one line of the event log


def _time(at: Any) -> str:
    """'2027-03-01\n17:00:00' in China time (the column header states the zone; the conversion is
    cached, cheap for 100,000 rows); the raw value when it cannot be read."""
    text = str(at)
    shown = china_time(text, zone=False)
    return text[:40] if shown is text else shown.replace(" ", "\n", 1)


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


def comment_columns(full: bool) -> tuple[list[Column], list[str]]:
    first = 76.0 if full else 62.0
    rest = FRAME_WIDTH - first - 52
    columns = [Column(first), Column(rest * 0.68), Column(52), Column(rest * 0.32)]
    names = [f"回执 Receipt · 收到时间 received ({ZONE_NAME}) · 条款 article or ¶" + (" · 姓名 联系方式 name, contact" if full else ""),
             "意见 Comment", "处理 Disposition", "理由 Reason"]
    return columns, names


def _comment_values(data: dict[str, Any], entry: dict[str, Any], disposed: dict[str, dict[str, Any]],
                    people: dict[str, Any], draft: list[str]) -> list[Any]:
    receipt = str(data.get("receipt", ""))
    about = [receipt, _time(data.get("received_at") or entry.get("at"))]
    if isinstance(data.get("paragraph"), int):
        about.append(citation(draft, data["paragraph"]))
    if data.get("late"):
        about.append("逾期 late")
    person = people.get(receipt)
    if isinstance(person, dict):
        about += [str(value) for value in (person.get("name"), person.get("contact")) if value]
    disposal = disposed.get(receipt) or {}
    kind = disposal.get("disposition")
    shown = labels.value_text(kind).replace(" ", "\n", 1) if kind else "—"  # a late one after the report
    return ["\n".join(about), data.get("text", ""), shown, disposal.get("reason", "")]


def register_rows(record: dict[str, Any]) -> Iterator[list[Any]]:
    """The cells of the comment register, one row per comment, in order of receipt."""
    full = record.get("edition") == "full"
    people = (record.get("personal") or {}).get("commenters") or {} if full else {}
    disposed = dispositions(record)
    draft = published_draft(record)
    return (_comment_values(entry.get("data") or {}, entry, disposed, people, draft)
            for entry in record.get("entries", []) if entry.get("kind") == RECEIVED)


def published_draft(record: dict[str, Any]) -> list[str]:
    """The paragraphs of the draft published for comment (the launched text), as numbered then."""
    for entry in record.get("entries", []):
        data = entry.get("data")
        if entry.get("kind") == "launched" and isinstance(data, dict) and isinstance(data.get("spec"), dict):
            draft = data["spec"].get("draft")
            return paragraphs(str(draft.get("text", ""))) if isinstance(draft, dict) else []
    return []


def comment_tables(record: dict[str, Any], progress: Progress | None = None) -> Iterator[FastTable]:
    """Every public comment with its disposition and reason (R-B4), one row each."""
    columns, names = comment_columns(record.get("edition") == "full")
    yield from _tables(columns, names, register_rows(record), progress)


LOG_COLUMNS = [Column(40), Column(54), Column(74), Column(86), Column(138),
               Column(FRAME_WIDTH - 392, size=7, leading=10)]
LOG_NAMES = ["序号 #", f"时间 Time ({ZONE_NAME})", "操作人 Actor", "环节 Stage", "事项 Event", "哈希 Hash"]


def _log_row(entry: dict[str, Any]) -> list[Any]:
    return [str(entry.get("seq", "")), _time(entry.get("at")), persons.actor(entry)[:80],
            stage_label(str(entry.get("stage", ""))[:40]),
            labels.kind_label(str(entry.get("kind", ""))[:60]), str(entry.get("hash", ""))[:16]]


def _run_row(run: list[dict[str, Any]]) -> list[Any]:
    """Consecutive comment entries of one actor as one line: each is itemised in the register."""
    first, last = run[0], run[-1]
    row = _log_row(first)
    row[0] = f"{first.get('seq', '')}–\n{last.get('seq', '')}"
    row[1] = f"{_time(first.get('at'))}\n— {_time(last.get('at'))}"
    row[4] += f"\n× {len(run):,}（逐条见公众意见登记 itemised in the register）"
    row[5] = f"{str(first.get('hash', ''))[:16]}\n… {str(last.get('hash', ''))[:16]}"
    return row


def log_rows(entries: list[dict[str, Any]]) -> Iterator[list[Any]]:
    run: list[dict[str, Any]] = []
    for entry in entries:
        key = (entry.get("kind"), entry.get("actor"), entry.get("stage"))
        if run and entry.get("kind") in (RECEIVED, DISPOSED) and key == (
                run[0].get("kind"), run[0].get("actor"), run[0].get("stage")):
            run.append(entry)
            continue
        yield from _flush(run)
        run = [entry]
    yield from _flush(run)


def _flush(run: list[dict[str, Any]]) -> Iterator[list[Any]]:
    if len(run) >= RUN_MIN:
        yield _run_row(run)
    else:
        yield from (_log_row(entry) for entry in run)


def event_log_tables(record: dict[str, Any], progress: Progress | None = None) -> Iterator[FastTable]:
    """Every entry in order: when, who, which stage and act, and its hash (R-H5). A run of
    comment entries of one actor is one line; the register lists each of them."""
    yield from _tables(LOG_COLUMNS, LOG_NAMES, log_rows(record.get("entries", [])), progress)
