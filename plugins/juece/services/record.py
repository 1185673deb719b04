"""What a running task needs: the launched spec and the record, from the records DB."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from juece.adapters.store.calendar import CalendarStore
from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.entries import Entries, latest
from juece.domain.record.errors import RecordError
from juece.domain.record.kinds import Kind

if TYPE_CHECKING:  # the spec's models are imported when a record is opened, not with the operators
    from juece.spec.models import DecisionSpec

FINAL = "/final"


@dataclass
class Record:
    ledger: Ledger
    decision_id: str
    spec: DecisionSpec
    entries: Entries

    def append(self, acts: list[Act], key: str, final: bool = False) -> Entries:
        """Append all acts in one transaction; ``key`` makes a retried task write nothing twice.
        ``final`` marks the acts that complete a task, so a retry of it knows it is done."""
        mark = FINAL if final else ""
        keyed = [Act(a.stage, a.kind, a.actor, a.data, f"{key}#{n}{mark}") for n, a in enumerate(acts)]
        written = self.ledger.append_many(self.decision_id, keyed)
        self.entries = self.ledger.entries(self.decision_id)
        return written


    def completed(self, context: Any) -> bool:
        """Whether this task instance already recorded the acts that complete it (a retry
        after Airflow lost the task's final state must not ask the person again)."""
        return self.ledger.has_key(self.decision_id, f"{act_key(context)}%{FINAL}")


def open_record(decision_id: str, ledger: Ledger) -> Record:
    CalendarStore(ledger.engine).install()  # the official holiday schedules loaded (R-E3)
    entries = ledger.entries(decision_id)
    launched = latest(entries, Kind.LAUNCHED)
    if launched is None:
        raise RecordError(f"decision {decision_id} has no `launched` entry: launch it with `juece launch`")
    from juece.spec.models import DecisionSpec

    spec = DecisionSpec.model_validate(launched["data"]["spec"])
    return Record(ledger, decision_id, spec, entries)


def plain(entries: Entries) -> list[dict[str, Any]]:
    """The entries as the archive renderer and verifier take them: plain dicts (they read archived
    records too, where an entry may hold anything)."""
    return cast(list[dict[str, Any]], entries)


def act_key(context: Any, suffix: str = "") -> str:
    """Acts of one task instance share this key prefix, whatever the try or the answer."""
    ti = context["ti"]
    return f"{ti.run_id}/{ti.task_id}/{ti.map_index}/{suffix}"


def now() -> datetime:
    return datetime.now(UTC)
