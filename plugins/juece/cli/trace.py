"""`juece trace`: who did what, when, in which role, with the ledger's hashes (R-H5); and the
steps left undone past their deadlines (逾期) with who holds each of them. The table fits a
terminal of 120 columns; times are China time, the zone in the header."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from juece.adapters.reporting.labels import kind_chinese, kind_label
from juece.adapters.store.ledger import Ledger
from juece.cli.columns import GAP, align, clip, sizes, wrap
from juece.cli.exits import EXIT_FAILED, EXIT_INVALID, Invalid
from juece.domain.archive.overdue import Pending, parse_at, pending_steps
from juece.domain.archive.trace import TraceRow, person_trace, trace
from juece.domain.record.clock import ZONE_NAME, china_time
from juece.domain.record.entries import Entries
from juece.domain.record.ledger import verify_chain
from juece.services.annual import load_records

SHORT = 12
COLUMNS = 120
HEADERS = ("序号 seq", ZONE_NAME, "操作人 who", "角色 role", "环节 stage", "事项 act", "哈希 hash")
CLIPPED = (2, 5)  # the columns shortened (with …) when a table would be wider than COLUMNS: who, act


def as_of(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    try:
        return parse_at(value)
    except ValueError:
        raise Invalid(f"--as-of 须为 ISO 日期或时间 / must be an ISO date or time, not {value!r}") from None


def until(entries: Entries, moment: datetime) -> Entries:
    """The record as it stood at ``moment`` (entries are appended in time order)."""
    return [e for e in entries if parse_at(e["at"]) <= moment]


def fit(rows: list[list[str]], headers: tuple[str, ...]) -> list[list[str]]:
    """The rows with the widest clippable column shortened until the table fits COLUMNS."""
    fitted = sizes([headers, *rows])
    while sum(fitted) + len(GAP) * (len(fitted) - 1) > COLUMNS and max(fitted[i] for i in CLIPPED) > 8:
        widest = max(CLIPPED, key=lambda i: fitted[i])
        fitted[widest] -= 1
    return [[clip(cell, fitted[i]) if i in CLIPPED else cell for i, cell in enumerate(row)] for row in rows]


def table(rows: list[list[str]], headers: tuple[str, ...] = HEADERS) -> str:
    cells = [headers, *fit(rows, headers)]
    lines = align(cells)
    lines.insert(1, GAP.join("-" * size for size in sizes(cells)))
    return "\n".join(lines)


def row_cells(row: TraceRow, full: bool, with_decision: bool = False) -> list[str]:
    seq = f"{row.decision_id}#{row.seq}" if with_decision else str(row.seq)
    actor = row.actor if row.relation == "actor" else f"{row.actor}（涉及）"
    return [seq, china_time(row.at, zone=False)[:16], actor, row.role_label.split(" ")[0],
            row.stage_label.split(" ")[0], kind_chinese(row.kind), row.hash if full else row.hash[:SHORT]]


def row_json(row: TraceRow) -> dict[str, Any]:
    return {**row.as_dict(), "kind_label": kind_label(row.kind)}


def pending_line(step: Pending, full: bool) -> str:
    flag = "【逾期 OVERDUE】" if step.overdue else "【待办 pending】"
    due = "期限未知 unknown" if step.due == "unknown" else china_time(step.due) if "T" in step.due else step.due
    holders = "、".join(step.holders) or "—"
    opened = step.opened_hash if full else step.opened_hash[:SHORT]
    note = f"；{step.note}" if step.note else ""
    return wrap(f"{flag} {step.decision_id} {step.stage_label}：{step.step_label}，期限 due {due}，"
                f"承办人 held by {holders}（{step.rule}；始于 opened at #{step.opened_seq} {opened}）{note}", COLUMNS)


def cmd_trace(args: argparse.Namespace) -> int:
    chosen = [name for name in ("decision_id", "person", "overdue") if getattr(args, name)]
    if len(chosen) != 1:
        print("请给出决策编号、--person 或 --overdue 之一 / give one of: a decision id, --person USER, --overdue",
              file=sys.stderr)
        return EXIT_INVALID
    show: Callable[[argparse.Namespace, datetime], int] = {
        "decision_id": _decision, "person": _person, "overdue": _overdue}[chosen[0]]
    return show(args, as_of(args.as_of))


def _decision(args: argparse.Namespace, moment: datetime) -> int:
    entries = until(Ledger().entries(args.decision_id), moment)
    if not entries:
        raise Invalid(f"记录中没有决策 / no decision {args.decision_id!r} in the record")
    rows, steps = trace(entries), pending_steps(entries, moment)
    chain = verify_chain(entries, args.decision_id)
    if args.json:
        print(json.dumps({"decision_id": args.decision_id, "as_of": moment.isoformat(),
                          "acts": [row_json(r) for r in rows], "pending": [s.as_dict() for s in steps],
                          "chain": {"intact": chain.intact, "head": chain.head, "problems": chain.problems}},
                         ensure_ascii=False, indent=2))
    else:
        print(f"责任追溯 accountability trace (R-H5)：{args.decision_id}，截至 as of {china_time(moment)}")
        print(table([row_cells(r, args.full_hashes) for r in rows]))
        state = "完整 intact" if chain.intact else "已损坏 BROKEN: " + "; ".join(chain.problems)
        print(f"哈希链 chain head {chain.head if args.full_hashes else chain.head[:SHORT]}（{len(entries)}条 entries，{state}）")
        for step in steps:
            print(pending_line(step, args.full_hashes))
    return 0 if chain.intact else EXIT_FAILED


def _person(args: argparse.Namespace, moment: datetime) -> int:
    records = {d: until(e, moment) for d, e in load_records(Ledger()).items()}
    rows = person_trace(records, args.person)
    held = [s for entries in records.values() for s in pending_steps(entries, moment) if args.person in s.holders]
    if args.json:
        print(json.dumps({"person": args.person, "as_of": moment.isoformat(), "acts": [row_json(r) for r in rows],
                          "pending": [s.as_dict() for s in held]}, ensure_ascii=False, indent=2))
        return 0
    print(f"责任追溯 accountability trace (R-H5)：{args.person}，截至 as of {china_time(moment)}")
    if not rows and not held:
        print("记录中没有此人的操作 / no act by or naming this person in the record")
    elif any(r.relation == "named" for r in rows):
        print("（涉及）：该条由所列操作人记载，其中涉及此人 / done by the actor shown, naming this person")
    if rows:
        print(table([row_cells(r, args.full_hashes, with_decision=True) for r in rows]))
    for step in held:
        print(pending_line(step, args.full_hashes))
    return 0


def _overdue(args: argparse.Namespace, moment: datetime) -> int:
    found: dict[str, list[Pending]] = {}
    for decision_id, entries in load_records(Ledger()).items():
        steps = [s for s in pending_steps(until(entries, moment), moment) if s.overdue]
        if steps:
            found[decision_id] = steps
    if args.json:
        print(json.dumps({"as_of": moment.isoformat(), "decisions": [
            {"decision_id": d, "overdue": [s.as_dict() for s in steps]} for d, steps in found.items()]},
            ensure_ascii=False, indent=2))
        return EXIT_FAILED if found else 0
    print(f"逾期事项 decisions with a step past its deadline (R-H5)，截至 as of {china_time(moment)}：{len(found)}")
    for steps in found.values():
        for step in steps:
            print(pending_line(step, args.full_hashes))
    return EXIT_FAILED if found else 0  # for monitoring: something is overdue


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("trace", help="责任追溯 who did what, when, in which role (R-H5); 逾期 overdue steps")
    parser.add_argument("decision_id", nargs="?", help="one decision's every act")
    parser.add_argument("--person", help="every act by (or naming) this user, in every decision")
    parser.add_argument("--overdue", action="store_true", help="every decision with a step past its deadline (exit 1 if there is one)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--full-hashes", action="store_true", help="print whole SHA-256 hashes")
    parser.add_argument("--as-of", help="the record and its deadlines as they stood then (ISO date or time)")
    parser.set_defaults(run=cmd_trace)
