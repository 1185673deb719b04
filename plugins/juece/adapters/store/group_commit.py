"""Group commit for the portal: concurrent comments share one transaction and one fsync.

A single writer thread per process takes whatever submissions are waiting (up to
``MAX_BATCH``), writes them per decision in one transaction, and only then answers each
request: a receipt always means the comment is durably in the chain. The answers of a
batch go back to each event loop in one wake-up, not one per comment."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections import defaultdict

from sqlalchemy.exc import OperationalError

from juece.adapters.store.comments import CommentStore, Receipt, Submission

MAX_BATCH = 256
log = logging.getLogger(__name__)
Waiter = tuple[Submission, "asyncio.Future[Receipt]"]
Outcome = tuple["asyncio.Future[Receipt]", Receipt | BaseException]


class GroupCommitter:
    def __init__(self, store: CommentStore) -> None:
        self.store = store
        self._queue: queue.SimpleQueue[Waiter] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    async def submit(self, submission: Submission) -> Receipt:
        future: asyncio.Future[Receipt] = asyncio.get_running_loop().create_future()
        if self._thread is None:  # cleared by the writer if it ever stops
            self._start()
        self._queue.put((submission, future))
        return await future

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="juece-group-commit", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        try:
            self._drain()
        finally:
            self._thread = None

    def _drain(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            # A request whose client has gone is not written (a cancel after this point arrives too late).
            batch = [item for item in batch if not item[1].cancelled()]
            try:
                outcomes = self._write(batch)
            except BaseException as error:  # noqa: BLE001 - the writer must outlive any batch
                outcomes = [(future, error) for _, future in batch]
            _answer(outcomes)

    def _write(self, batch: list[Waiter]) -> list[Outcome]:
        outcomes = commit_by_decision(self.store, [submission for submission, _ in batch])
        return [(future, outcome) for (_, future), outcome in zip(batch, outcomes, strict=True)]


def commit_by_decision(store: CommentStore, submissions: list[Submission]) -> list[Receipt | BaseException]:
    """One transaction per decision; each submission's receipt (TooFast when over the shared
    limit), or the error that kept it out of the record, in the order given."""
    by_decision: dict[str, list[int]] = defaultdict(list)
    for position, submission in enumerate(submissions):
        by_decision[submission.decision_id].append(position)
    outcomes: list[Receipt | BaseException] = [RuntimeError("not written")] * len(submissions)
    for decision_id, positions in by_decision.items():
        receipts = isolating(store, decision_id, [submissions[p] for p in positions])
        for position, outcome in zip(positions, receipts, strict=True):
            outcomes[position] = outcome
    return outcomes


def isolating(store: CommentStore, decision_id: str, subs: list[Submission]) -> list[Receipt | BaseException]:
    """The comments in one transaction; if a row fails there (the database refuses a value the
    checks let through), the batch is split and retried, so only the comment that fails gets the
    error: a few extra transactions for one bad comment, never another citizen's loss. A database
    that cannot be reached (OperationalError, after the ledger's own retries) fails them all."""
    try:
        return list(store.submit_many(decision_id, subs))
    except OperationalError as error:
        return [error] * len(subs)
    except Exception as error:  # noqa: BLE001 - rolled back: find the comment that fails
        if len(subs) == 1:
            log.warning("comment on %s not stored, the database refused it: %s: %s",
                        decision_id, type(error).__name__, str(error).splitlines()[0][:300])
            return [error]
    half = len(subs) // 2
    return isolating(store, decision_id, subs[:half]) + isolating(store, decision_id, subs[half:])


def _answer(outcomes: list[Outcome]) -> None:
    """Hand each event loop its answers with one thread-safe call."""
    by_loop: dict[asyncio.AbstractEventLoop, list[Outcome]] = defaultdict(list)
    for future, outcome in outcomes:
        by_loop[future.get_loop()].append((future, outcome))
    for loop, mine in by_loop.items():
        with contextlib.suppress(RuntimeError):  # that loop has closed: nobody is waiting any more
            loop.call_soon_threadsafe(_settle, mine)


def _settle(outcomes: list[Outcome]) -> None:
    for future, outcome in outcomes:
        if future.done():
            continue
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)
