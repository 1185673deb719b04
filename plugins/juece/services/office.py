"""The sponsor office's work on public comments: compile them (pandas), dispose of them one
by one, by cluster, or by a CSV round trip (R-B4), late ones too. Every disposition goes to the
ledger, in the same transaction that finds the comments' adoption report not yet recorded: once it
is, the dispositions are final (domain/participation/dispositions.py) and any later one is refused."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
from sqlalchemy import Connection

from juece.adapters.store.ledger import Appender, Ledger
from juece.domain.participation import sheet
from juece.domain.participation.dispositions import CLOSES_STAGE, acts_for, check_items, check_open
from juece.domain.record.cells import formula_safe, from_export
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage

COLUMNS = ["receipt", "cluster", "cluster_size", "paragraph", "channel", "late", "received_at", "text",
           "disposition", "reason"]
CSV_COLUMNS = ["receipt", "cluster", "cluster_size", "paragraph", "late", "text", "disposition", "reason"]
RULE, KIND = "R-B4", Kind.COMMENT_DISPOSED


def compile_comments(ledger: Ledger, decision_id: str) -> pd.DataFrame:
    """One row per comment with its current disposition; no personal data (R-H6)."""
    comments, disposed = [], {}
    for entry in ledger.entries(decision_id):
        if entry["kind"] == Kind.COMMENT_RECEIVED:
            data = entry["data"]
            comments.append({name: data.get(name) for name in
                             ("receipt", "cluster", "paragraph", "channel", "late", "received_at", "text")})
        elif entry["kind"] == KIND:
            disposed[entry["data"]["ref"]] = entry["data"]
    frame = pd.DataFrame(comments, columns=COLUMNS[:2] + COLUMNS[3:8])
    frame["cluster_size"] = frame.groupby("cluster")["receipt"].transform("count").astype("int64")
    frame["disposition"] = frame["receipt"].map(lambda r: disposed.get(r, {}).get("disposition", ""))
    frame["reason"] = frame["receipt"].map(lambda r: disposed.get(r, {}).get("reason", ""))
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    return frame[COLUMNS]


def summaries(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Counts by paragraph, channel and cluster, with how many are still undisposed."""
    frame = frame.assign(open=frame["disposition"].eq(""), paragraph=frame["paragraph"].fillna(0))
    by = {name: frame.groupby(name).agg(comments=("receipt", "count"), undisposed=("open", "sum")).reset_index()
          for name in ("paragraph", "channel")}
    clusters = frame.groupby("cluster").agg(comments=("receipt", "count"), undisposed=("open", "sum"),
                                            sample=("text", "first")).reset_index()
    by["cluster"] = clusters.sort_values("comments", ascending=False)
    return by


def dispose(ledger: Ledger, decision_id: str, items: list[dict[str, Any]], actor: str,
            extra: dict[str, Any] | None = None, frame: pd.DataFrame | None = None) -> int:
    """Record dispositions (all or none); returns how many were recorded."""
    frame = compile_comments(ledger, decision_id) if frame is None else frame
    given = check_items(items, frame["receipt"], RULE)
    if not given:
        return 0
    acts = acts_for(given, Stage.PUBLIC_PARTICIPATION, KIND, RULE, actor, extra)

    def unless_closed(conn: Connection, append: Appender) -> int:
        check_open(ledger.latest_in(conn, decision_id, CLOSES_STAGE, Stage.PUBLIC_PARTICIPATION), RULE)
        return len(append(acts))

    return ledger.write(decision_id, unless_closed)


def dispose_cluster(ledger: Ledger, decision_id: str, cluster: str, disposition: str, reason: str,
                    actor: str) -> int:
    """One disposition for every comment of a mass campaign."""
    frame = compile_comments(ledger, decision_id)
    members = frame.loc[frame["cluster"] == cluster, "receipt"].tolist()
    if not members:
        raise FormError(f"没有编号为 {cluster} 的意见类", f"there is no comment cluster {cluster!r}", field="cluster")
    items = [{"ref": ref, "disposition": disposition, "reason": reason} for ref in members]
    return dispose(ledger, decision_id, items, actor, {"cluster": cluster})


def export_csv(frame: pd.DataFrame) -> str:
    """The clerk's sheet (domain/participation/sheet.py): Chinese headers with English, dispositions in words, the
    cluster as a number with its size; UTF-8 with a byte-order mark so spreadsheet programs read the
    Chinese; a text that would start a formula is written as text (domain/record/cells.py)."""
    numbers = sheet.cluster_numbers(frame["cluster"].tolist())
    out = frame[CSV_COLUMNS].assign(
        cluster=frame["cluster"].map(numbers), late=frame["late"].map(lambda v: sheet.YES_NO[bool(v)]),
        disposition=frame["disposition"].map(sheet.disposition_word))
    csv: str = out.map(formula_safe).rename(columns=sheet.HEADERS).to_csv(index=False)
    return "\ufeff" + csv


def import_csv(ledger: Ledger, decision_id: str, text: str, actor: str) -> int:
    """Rows with a disposition filled in are recorded; a bad row refuses the whole file,
    naming its line (nothing half-recorded)."""
    try:
        frame = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError) as exc:
        raise FormError(f"无法读取 CSV：{exc}", f"the CSV cannot be read: {exc}") from None
    frame = frame.rename(columns=lambda header: sheet.column_key(str(header)) or header)
    if missing := {"receipt", "disposition", "reason"} - set(frame.columns):
        raise FormError(f"CSV 缺少列：{', '.join(sorted(missing))}",
                        f"the CSV lacks the columns: {', '.join(sorted(missing))}")
    frame = frame.map(lambda value: from_export(value.strip()) if isinstance(value, str) else value)
    frame["disposition"] = frame["disposition"].map(sheet.disposition_code)
    filled = frame[frame["disposition"] != ""].assign(line=lambda f: f.index + 2)
    current = compile_comments(ledger, decision_id)
    merged = filled[["receipt", "disposition", "reason", "line"]].merge(
        current[["receipt", "disposition", "reason"]], on="receipt", how="left", suffixes=("", "_now"))
    changed = merged[(merged["disposition"] != merged["disposition_now"].fillna(""))
                     | (merged["reason"] != merged["reason_now"].fillna(""))]
    items = [(int(row.line), {"ref": row.receipt, "disposition": row.disposition, "reason": row.reason})
             for row in changed.itertuples(index=False)]
    try:
        return dispose(ledger, decision_id, [item for _, item in items], actor, {"channel": "csv"}, current)
    except RuleViolation as violation:
        line = next((n for n, item in items if item["ref"] in violation.en), None)
        where = (f"第{line}行：", f"line {line}: ") if line else ("", "")
        raise violation.prefixed(*where) from None  # the same refusal (rule or form error), with its line
