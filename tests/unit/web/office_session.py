"""The sponsor office signed in to Airflow's UI for the office-page tests: its session cookie is what
identifies it (Airflow's own token check is covered by the real-Airflow tests), with a decision
whose notice is out and one comment received."""

from __future__ import annotations

import pytest

from juece.adapters.store.ledger import Ledger
from tests.unit.adapters.store.test_personal import commented, noticed

SESSION = {"_token": "session-of-the-office"}


def office_with_a_comment(monkeypatch: pytest.MonkeyPatch) -> tuple[Ledger, str]:
    """The office's session recognised; the ledger and the decision it disposes of."""
    async def session_user(request):  # type: ignore[no-untyped-def]
        return "sponsor_office" if request.cookies.get("_token") == SESSION["_token"] else None

    monkeypatch.setattr("juece.web.office.airflow_user", session_user)
    ledger = Ledger()
    decision = noticed(ledger)
    commented(ledger, decision, 1)
    return ledger, decision
