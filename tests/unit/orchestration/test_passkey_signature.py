"""The seat's signature task takes a passkey's assertion (R-C1): the handler reads the passkeys
registered to the seat's expert, records the signature act whole and keeps the authenticator's
counter beside the registration; an assertion over another digest or by a credential not
registered to the expert is refused with R-C1 and the expert asked again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.unit.domain.expert_review.soft_authenticator import SoftAuthenticator
from tests.unit.web.test_expert_pages import URBAN, submit


class Asked(Exception):
    """The operator handed the task to Airflow to wait for the expert's answer (again)."""


def context() -> dict[str, Any]:
    return {"ti": SimpleNamespace(run_id="manual__test", task_id="expert_review.sign_seat_1", map_index=-1,
                                  try_number=1)}


@pytest.fixture
def waiting(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, SoftAuthenticator]:
    """The urban plan launched; seat 1's opinion submitted; a passkey registered to its expert."""
    from airflow.providers.standard.operators.hitl import HITLOperator

    from juece.adapters.store.ledger import Ledger
    from juece.adapters.store.passkeys import PasskeyStore
    from juece.demo.library import seed_library
    from juece.services import decisions as services

    def ask(self: HITLOperator, _context: Any) -> None:
        raise Asked([user["id"] for user in self.assigned_users])

    monkeypatch.setattr(HITLOperator, "execute", ask)
    seed_library()
    decision = services.launch(URBAN, actor="sponsor_office", ledger=Ledger()).spec.id
    expert = submit(decision, "seat_1")
    mine = SoftAuthenticator(expert)
    key = mine.passkey()
    PasskeyStore().register({"credential_id": key.credential_id, "user": expert, "public_key_cose": "AA",
                             "public_key": key.public_key, "algorithm": -7, "rp_id": key.rp_id,
                             "origin": key.origin, "aaguid": "", "registered_at": "2027-03-01T08:00:00Z"})
    return decision, expert, mine


def sign(decision: str, expert: str, assertion: dict[str, Any]) -> Any:
    from juece.orchestration.stages.expert_review import SignOpinionOperator

    task = SignOpinionOperator(task_id="sign_seat_1", decision_id=decision, seat="seat_1", reserves=[], quorum=5)
    event = {"chosen_options": ["签名确认 Sign"], "params_input": {"signature": None, "webauthn": assertion},
             "responded_by_user": {"id": expert, "name": expert}, "responded_at": datetime.now(UTC).isoformat()}
    return task.execute_complete(context(), event)


def digest_of(decision: str) -> str:
    from juece.adapters.store.ledger import Ledger
    from juece.domain.expert_review.panel_record import seat_state

    return str(seat_state(Ledger().entries(decision), "seat_1").digest)


def test_a_passkeys_signature_is_recorded_and_its_use_logged(waiting) -> None:
    from juece.adapters.store.ledger import Ledger
    from juece.adapters.store.passkeys import PasskeyStore
    from juece.domain.expert_review.opinion_check import signature_problems
    from juece.domain.expert_review.passkey import challenge_of

    decision, expert, mine = waiting
    assert "recorded" in sign(decision, expert, mine.assertion(challenge_of(digest_of(decision))))
    entries = Ledger().entries(decision)
    signed = [e for e in entries if e["kind"] == "opinion_signed"]
    assert len(signed) == 1 and signed[0]["data"]["method"] == "passkey" and signature_problems(entries) == []
    assert [row["event"] for row in PasskeyStore().log(expert)] == ["registered", "signed"]
    assert PasskeyStore().of_user(expert)[0].sign_count == mine.count


def test_another_digest_or_an_unregistered_credential_is_refused_and_the_expert_asked_again(waiting) -> None:
    from juece.adapters.store.ledger import Ledger
    from juece.domain.expert_review.passkey import challenge_of

    decision, expert, mine = waiting
    with pytest.raises(Asked) as again:
        sign(decision, expert, mine.assertion(challenge_of("ab" * 32)))
    assert again.value.args[0] == [expert]
    stranger = SoftAuthenticator(expert)
    with pytest.raises(Asked):
        sign(decision, expert, stranger.assertion(challenge_of(digest_of(decision))))
    refused = [e for e in Ledger().entries(decision) if e["kind"] == "answer_refused"]
    assert [e["data"]["rule"] for e in refused] == ["R-C1", "R-C1"]
    assert not [e for e in Ledger().entries(decision) if e["kind"] == "opinion_signed"]
