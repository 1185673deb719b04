"""Pictures of the public comments: how they were disposed of, and when they came in.

Drawn with matplotlib in the archive's embedded heading font, from the record alone, so the
same record gives the same bytes.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from reportlab.platypus import Image, KeepTogether, Table

from juece.adapters.reporting import bulk
from juece.adapters.reporting.charts import figure_png, style
from juece.adapters.reporting.layout import FRAME_WIDTH, para
from juece.domain.record.clock import china_time

SIZE_INCHES = (3.4, 2.3)
ORDER = ("adopted", "partly_adopted", "not_adopted", "noted")
NAMES = {"adopted": "采纳\nadopted", "partly_adopted": "部分采纳\npartly", "not_adopted": "不予采纳\nnot adopted",
         "noted": "已阅知\nnoted", "": "未处理\nnone"}
COLOURS = {"adopted": "#3b7d4f", "partly_adopted": "#8fbf7a", "not_adopted": "#b0413e", "noted": "#8a8a8a",
           "": "#d0d0d0"}


def _adoption(record: dict[str, Any]) -> Any:
    from matplotlib.figure import Figure

    disposed = bulk.dispositions(record)
    counts = Counter(str(d.get("disposition", "")) for d in disposed.values())
    counts[""] = max(0, sum(1 for e in record.get("entries", []) if e.get("kind") == bulk.RECEIVED) - len(disposed))
    keys = [k for k in (*ORDER, *sorted(set(counts) - set(ORDER))) if counts.get(k)]
    figure = Figure(figsize=SIZE_INCHES, facecolor="white")
    axes = figure.add_axes((0.14, 0.25, 0.82, 0.64))
    axes.bar(range(len(keys)), [counts[k] for k in keys], color=[COLOURS.get(k, "#5b6f8f") for k in keys])
    axes.set_xticks(range(len(keys)), [NAMES.get(k, k) for k in keys])
    axes.set_title("意见处理结果 Dispositions")
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    return figure


def _over_time(record: dict[str, Any]) -> Any:
    from matplotlib.figure import Figure

    days = Counter(china_time(str((e.get("data") or {}).get("received_at") or e.get("at")), zone=False)[:10]
                   for e in record.get("entries", []) if e.get("kind") == bulk.RECEIVED)
    ordered = sorted(days)
    figure = Figure(figsize=SIZE_INCHES, facecolor="white")
    axes = figure.add_axes((0.14, 0.25, 0.82, 0.64))
    axes.bar(range(len(ordered)), [days[d] for d in ordered], color="#5b6f8f", width=0.8)
    step = max(1, len(ordered) // 5)
    axes.set_xticks(range(0, len(ordered), step), [ordered[i][5:] for i in range(0, len(ordered), step)])
    axes.set_title("每日收到意见 Comments per day (北京时间 UTC+8)")
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    return figure


def comment_figures(record: dict[str, Any]) -> list[Any]:
    """The two pictures side by side, with a caption."""
    import matplotlib

    if not bulk.comment_count(record):
        return []
    with matplotlib.rc_context(style()):
        pictures = [figure_png(_adoption(record)), figure_png(_over_time(record))]
    width = FRAME_WIDTH / 2 - 6
    height = width * SIZE_INCHES[1] / SIZE_INCHES[0]
    row = [Image(io.BytesIO(png), width, height) for png in pictures]
    return [KeepTogether([Table([row], colWidths=[FRAME_WIDTH / 2] * 2),
                          para("左：各类处理结果的意见数；右：按收到日期统计的意见数。/ Left: comments by "
                               "disposition; right: comments by day received.", "note")])]
