"""Public sign-up for a hearing (公开报名, R-B6): a spec may open some of a hearing's seats to anyone
who signs up on the public hearing page before a deadline; once it passes, the seats are filled from
the sign-ups by a recorded method (domain/participation/seats.py). Off unless the hearing block
gives ``public_signup``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field, field_validator

from juece.spec.base import Strict, aware

MAX_PUBLIC_SEATS = 100
SelectionMethod = Literal["lottery", "order"]


class PublicSignup(Strict):
    """Seats filled from the public's sign-ups: by a seeded lottery (``lottery``, the seed taken from
    the record so anyone can re-run it) or by order of sign-up (``order``)."""

    closes_at: datetime
    seats: int = Field(ge=1, le=MAX_PUBLIC_SEATS)
    method: SelectionMethod = "lottery"

    @field_validator("closes_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return aware(value)
