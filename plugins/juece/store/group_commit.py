"""Group commit for the portal: concurrent comments share one transaction and one fsync.

A single writer thread per process takes whatever submissions are waiting (up to
``MAX_BATCH``), writes them per decision in one transaction, and only then answers each
request: a receipt always means the comment is durably in the chain."""

from __future__ import annotations

import asyncio
import queue
import threading
from collections import defaultdict
from concurrent.futures import Future

from juece.store.comments import CommentStore, Receipt, Submission

MAX_BATCH = 256


class GroupCommitter:
    def __init__(self, store: CommentStore) -> None:
        self.store = store
        self._queue: queue.SimpleQueue[tuple[Submission, Future[Receipt]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    async def submit(self, submission: Submission) -> Receipt:
        future: Future[Receipt] = Future()
        self._ensure_thread()
        self._queue.put((submission, future))
        return await asyncio.wrap_future(future)

    def _ensure_thread(self) -> None:
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
            # A request whose client has gone is not written; the rest can no longer be cancelled.
            batch = [item for item in batch if item[1].set_running_or_notify_cancel()]
            if batch:
                try:
                    self._write(batch)
                except BaseException as error:  # noqa: BLE001 - the writer must outlive any batch
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(error)

    def _write(self, batch: list[tuple[Submission, Future[Receipt]]]) -> None:
        by_decision: dict[str, list[tuple[Submission, Future[Receipt]]]] = defaultdict(list)
        for item in batch:
            by_decision[item[0].decision_id].append(item)
        for decision_id, items in by_decision.items():
            try:
                receipts = self.store.submit_many(decision_id, [submission for submission, _ in items])
            except Exception as error:  # noqa: BLE001 - the transaction rolled back: tell every waiter
                for _, future in items:
                    future.set_exception(error)
                continue
            for (_, future), receipt in zip(items, receipts, strict=True):
                future.set_result(receipt)
