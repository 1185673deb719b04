"""Group commit for the portal: concurrent comments share one transaction and one fsync.

A single writer thread per process takes whatever submissions are waiting (up to
``MAX_BATCH``), writes them per decision in one transaction, and only then answers each
request: a receipt always means the comment is durably in the chain. The answers of a
batch go back to each event loop in one wake-up, not one per comment."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections import defaultdict

from juece.store.comments import CommentStore, Receipt, Submission

MAX_BATCH = 256
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
        if self._thread is None or not self._thread.is_alive():
            self._start()
        self._queue.put((submission, future))
        return await future

    def _start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="juece-group-commit", daemon=True)
                self._thread.start()

    def _run(self) -> None:
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
        by_decision: dict[str, list[Waiter]] = defaultdict(list)
        for item in batch:
            by_decision[item[0].decision_id].append(item)
        outcomes: list[Outcome] = []
        for decision_id, items in by_decision.items():
            try:
                receipts: list[Receipt | BaseException] = list(
                    self.store.submit_many(decision_id, [submission for submission, _ in items]))
            except Exception as error:  # noqa: BLE001 - the transaction rolled back: tell every waiter
                receipts = [error] * len(items)
            outcomes += [(future, receipt) for (_, future), receipt in zip(items, receipts, strict=True)]
        return outcomes


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
