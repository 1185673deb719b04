"""An act to be written to a decision's record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Act:
    """One fact of a decision: who did what, in which stage.

    ``act_key`` makes a write idempotent: an act whose key is already in the decision's
    record is not written again (a retried task cannot record the same fact twice).
    """

    stage: str
    kind: str
    actor: str
    data: dict[str, Any] = field(default_factory=dict)
    act_key: str | None = None
