"""The risk matrix (R-D3): likelihood x impact -> low / medium / high, per decision type.

A matrix is 5 rows (likelihood 1..5) of 5 cells (impact 1..5). The decision type sets a
default; a spec may give its own, which must name a level in every cell and never rate a
point lower when its likelihood or impact grows (monotone).
"""

from __future__ import annotations

from typing import Literal

from pydantic_core import PydanticCustomError

Level = Literal["low", "medium", "high"]
LEVELS: tuple[str, ...] = ("low", "medium", "high")
SIZE = 5
Matrix = tuple[tuple[str, ...], ...]


def threshold_matrix(high_from: int, medium_from: int) -> Matrix:
    """Score = likelihood x impact: high from ``high_from``, medium from ``medium_from``."""
    def level(score: int) -> str:
        return "high" if score >= high_from else "medium" if score >= medium_from else "low"

    return tuple(tuple(level(row * col) for col in range(1, SIZE + 1)) for row in range(1, SIZE + 1))


DEFAULT_MATRIX = threshold_matrix(15, 6)
# A major public construction project or a resources policy is rated high sooner.
MATRIX_BY_CATEGORY: dict[str, Matrix] = {
    "major_public_construction": threshold_matrix(12, 5),
    "resources_policy": threshold_matrix(12, 6),
}


def default_matrix(category: str) -> Matrix:
    return MATRIX_BY_CATEGORY.get(category, DEFAULT_MATRIX)


def _error(zh: str, en: str) -> PydanticCustomError:
    context = {"rule": "R-D3", "zh": zh, "en": en, "field": ""}
    return PydanticCustomError("rule_violation", "[{rule}] {zh} / {en}", context)


def check_matrix(rows: list[list[str]]) -> Matrix:
    """The matrix as a tuple of tuples, or a rule violation naming the first bad row or cell."""
    if len(rows) != SIZE or any(len(row) != SIZE for row in rows):
        raise _error("风险矩阵须为5行（可能性1至5）×5列（影响1至5）",
                     "the risk matrix needs 5 rows (likelihood 1-5) of 5 cells (impact 1-5)")
    for r, row in enumerate(rows, 1):
        for c, cell in enumerate(row, 1):
            if cell not in LEVELS:
                raise _error(f"可能性{r}、影响{c}处须为 low/medium/high",
                             f"cell likelihood {r}, impact {c} must be one of low, medium, high")
            rank = LEVELS.index(cell)
            if (c > 1 and rank < LEVELS.index(row[c - 2])) or (r > 1 and rank < LEVELS.index(rows[r - 2][c - 1])):
                raise _error(f"可能性{r}、影响{c}处的等级低于可能性或影响更小的格子，矩阵须单调",
                             f"cell likelihood {r}, impact {c} is rated lower than a cell with a smaller "
                             "likelihood or impact: the matrix must be monotone")
    return tuple(tuple(row) for row in rows)
