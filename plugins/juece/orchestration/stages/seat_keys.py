"""The keys an expert's signature of their opinion is checked with (R-C1): the Ed25519 key recorded
with the draw (or registered later in the library), and the passkeys registered to the expert,
read only for an answer signed with one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from juece.domain.record.answers import Answer
    from juece.services.record import Record


def public_key_of(record: Record, expert: str) -> str | None:
    """The key recorded with the draw; a key registered later in the library if none was."""
    from juece.domain.expert_review.panel_record import recorded_draw

    for member in recorded_draw(record.entries).pool:
        if member["user"] == expert and member.get("public_key"):
            return member["public_key"]
    from juece.adapters.store.experts import ExpertLibrary

    found = ExpertLibrary().get(expert)
    return found.public_key if found else None


def passkeys_for(expert: str, answer: Answer) -> list[Any]:
    """The passkeys registered to the expert, read only when the answer is a passkey's."""
    if answer.params.get("webauthn") is None:
        return []
    from juece.adapters.store.passkeys import PasskeyStore

    return PasskeyStore().of_user(expert)
