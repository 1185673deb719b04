"""Pictures in the archive: the risk matrix of each assessment round (R-D3), drawn with
matplotlib in the archive's own embedded fonts.

The picture is drawn from the recorded round alone (its matrix and points), at a fixed size
and resolution, without metadata and without transparency, so that the same record always
gives the same bytes (and the PDF stays byte-identical).
"""

from __future__ import annotations

import io
from typing import Any

from juece.adapters.reporting import fonts
from juece.spec.risk_matrix import DEFAULT_MATRIX, LEVELS

DPI = 150
SIZE_INCHES = (3.6, 3.3)
WIDTH_POINTS = 230
COLOURS = {"low": "#cfe8cf", "medium": "#fce8a6", "high": "#f3b0a9"}
LEVEL_TEXT = {"low": "低 low", "medium": "中 medium", "high": "高 high"}
OFFSETS = ((0.0, 0.0), (0.27, 0.0), (-0.27, 0.0), (0.0, 0.25), (0.0, -0.25), (0.27, 0.25), (-0.27, -0.25))


def risk_matrix_png(data: dict[str, Any]) -> bytes:
    """The round's matrix as a PNG: cells coloured by level, each point at (impact, likelihood)."""
    import matplotlib

    matrix = _matrix(data.get("matrix"))
    with matplotlib.rc_context(style()):
        figure = _draw(matrix, [p for p in data.get("points") or [] if isinstance(p, dict)])
        return figure_png(figure)


def figure_png(figure: Any) -> bytes:
    """A figure as PNG bytes without metadata or transparency: the same figure, the same bytes."""
    from PIL import Image as PILImage

    raw = io.BytesIO()
    figure.savefig(raw, format="png", dpi=DPI, metadata={"Software": None})

    flat = io.BytesIO()
    PILImage.open(raw).convert("RGB").save(flat, format="PNG", optimize=False)
    return flat.getvalue()


def _matrix(value: Any) -> tuple[tuple[str, ...], ...]:
    ok = (isinstance(value, list) and len(value) == 5
          and all(isinstance(row, list) and len(row) == 5 and all(c in LEVELS for c in row) for row in value))
    return tuple(tuple(row) for row in value) if ok else DEFAULT_MATRIX


def style() -> dict[str, Any]:
    from matplotlib import font_manager

    fonts.register_fonts()
    path = next(f.path for f in fonts.FONT_FILES if f.name == fonts.HEADING)
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    return {"font.family": name, "font.weight": 500, "axes.labelweight": 500, "font.size": 7, "svg.hashsalt": "juece", "path.simplify": False,
            "axes.unicode_minus": False}


def _draw(matrix: tuple[tuple[str, ...], ...], points: list[dict[str, Any]]) -> Any:
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    figure = Figure(figsize=SIZE_INCHES, facecolor="white")
    axes = figure.add_axes((0.14, 0.13, 0.82, 0.8))
    for row in range(5):
        for col in range(5):
            level = matrix[row][col]
            axes.add_patch(Rectangle((col + 0.5, row + 0.5), 1, 1, facecolor=COLOURS[level],
                                     edgecolor="#888888", linewidth=0.6))
            axes.text(col + 0.95, row + 0.58, LEVEL_TEXT[level].split()[0], ha="right", va="bottom",
                      fontsize=5.5, color="#666666")
    _plot_points(axes, points)
    axes.set(xlim=(0.5, 5.5), ylim=(0.5, 5.5), xticks=range(1, 6), yticks=range(1, 6))
    axes.set_xlabel("影响 Impact")
    axes.set_ylabel("可能性 Likelihood")
    axes.tick_params(length=0)
    return figure


def _plot_points(axes: Any, points: list[dict[str, Any]]) -> None:
    taken: dict[tuple[int, int], int] = {}
    for point in points:
        impact, likelihood = point.get("impact"), point.get("likelihood")
        if not (isinstance(impact, int) and isinstance(likelihood, int)):
            continue
        n = taken.get((impact, likelihood), 0)
        taken[(impact, likelihood)] = n + 1
        dx, dy = OFFSETS[n % len(OFFSETS)]
        uncontrolled = point.get("level") == "high" and not point.get("mitigation_accepted")
        colour = "#b3261e" if uncontrolled else "#333333"
        axes.plot(impact + dx, likelihood + dy, marker="o", markersize=11, color=colour, markerfacecolor="white",
                  markeredgewidth=1.2)
        axes.text(impact + dx, likelihood + dy, str(point.get("id", ""))[:4], ha="center", va="center",
                  fontsize=5.5, color=colour)
