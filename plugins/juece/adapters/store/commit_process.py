"""Group commit with the writer in a process of its own (what `juece portal` uses).

The web process checks and prepares each comment on its event loop, then sends it over a
socket pair to a writer process it started (JSON frames, everything submitted in one turn of
the event loop in one frame). The writer commits whatever has arrived, one transaction per
decision (``CommentStore.submit_many``), and answers each comment only after the commit, so a
receipt still means the comment is durably in the chain. The web process's GIL then carries
HTTP alone, and the database work runs on another core.

The writer ignores SIGINT and SIGTERM and stops when the web process closes the socket (it
exits, or dies): comments in flight during a graceful shutdown are still answered."""

from __future__ import annotations

import asyncio
import itertools
import json
import signal
import socket
import struct
import subprocess
import sys
from typing import Any

from juece.adapters.store.comments import CommentStore, Receipt, Submission
from juece.adapters.store.group_commit import MAX_BATCH, commit_by_decision
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.rate_window import TooFast
from juece.domain.record.acts import Act
from juece.domain.record.errors import RecordError

HEADER = struct.Struct("!I")


def frame(payload: Any) -> bytes:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return HEADER.pack(len(body)) + body


def unframe(buffer: bytearray) -> list[Any]:
    """The complete frames at the start of ``buffer``, removed from it."""
    found, start = [], 0
    while len(buffer) - start >= HEADER.size:
        (size,) = HEADER.unpack_from(buffer, start)
        if len(buffer) - start - HEADER.size < size:
            break
        found.append(json.loads(bytes(buffer[start + HEADER.size: start + HEADER.size + size])))
        start += HEADER.size + size
    del buffer[:start]
    return found


def submission_out(sub: Submission) -> list[Any]:
    act = sub.act
    return [sub.decision_id, str(act.stage), act.kind, act.actor, act.data, sub.name, sub.contact, sub.client]


def submission_in(row: list[Any]) -> Submission:
    decision_id, stage, kind, actor, data, name, contact, client = row
    return Submission(decision_id, Act(stage, kind, actor, data), name, contact, client)


def outcome_out(outcome: Receipt | BaseException) -> list[Any]:
    if isinstance(outcome, Receipt):
        return [True, [outcome.receipt, outcome.hash, outcome.seq, outcome.late, outcome.received_at,
                       outcome.cluster, outcome.duplicate]]
    if isinstance(outcome, TooFast):
        return [False, ["TooFast", str(outcome.retry_after)]]
    message = (str(outcome).splitlines() or [""])[0][:300]  # the first line: a failed statement's is its error
    return [False, [type(outcome).__name__, message.encode("utf-8", "replace").decode("utf-8")]]


def outcome_in(ok: bool, payload: list[Any]) -> Receipt | Exception:
    if ok:
        return Receipt(*payload)
    kind, message = payload
    if kind == "TooFast":
        return TooFast(int(message))
    return RecordError(message) if kind == "RecordError" else RuntimeError(f"comment writer: {kind}: {message}")


class ProcessCommitter:
    """``await submit(submission)`` gives the receipt once the writer process has committed it."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._transport: asyncio.Transport | None = None
        self._protocol: _Replies | None = None
        self._socket: socket.socket | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starting = asyncio.Lock()
        self._pending: dict[int, asyncio.Future[Receipt]] = {}
        self._outbox: list[tuple[int, Submission]] = []
        self._ids = itertools.count()

    async def submit(self, submission: Submission) -> Receipt:
        loop = asyncio.get_running_loop()
        if self._transport is None or self._loop is not loop:
            await self._start(loop)
        ident, future = next(self._ids), loop.create_future()
        self._pending[ident] = future
        if not self._outbox:
            loop.call_soon(self._flush)
        self._outbox.append((ident, submission))
        return await future

    async def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        """A writer for this event loop (a test client may run each request in a loop of its own)."""
        if self._loop is not loop:
            self._stop()
            self._loop, self._starting = loop, asyncio.Lock()
        async with self._starting:
            if self._transport is not None:
                return
            ours, theirs = socket.socketpair()
            self._socket = ours
            with theirs:
                self._proc = subprocess.Popen([sys.executable, "-m", "juece.adapters.store.commit_process", str(theirs.fileno())],
                                              pass_fds=[theirs.fileno()])
            self._transport, self._protocol = await loop.create_unix_connection(lambda: _Replies(self), sock=ours)

    def _flush(self) -> None:
        outbox, self._outbox = self._outbox, []
        rows = [[ident, submission_out(sub)] for ident, sub in outbox if not self._pending[ident].cancelled()]
        for ident, _ in outbox:  # a request whose client has gone is not sent
            if self._pending[ident].cancelled():
                del self._pending[ident]
        if rows and self._transport is not None:
            self._transport.write(frame(rows))
        elif rows:
            self._lost(RuntimeError("the comment writer stopped"))

    def _answered(self, replies: list[list[Any]]) -> None:
        for ident, ok, payload in replies:
            future = self._pending.pop(ident, None)
            if future is None or future.done():
                continue
            outcome = outcome_in(ok, payload)
            if isinstance(outcome, Receipt):
                future.set_result(outcome)
            else:
                future.set_exception(outcome)

    def _lost(self, error: BaseException) -> None:
        """The writer went away: every waiting request is told, the next one starts a new writer."""
        self._transport, self._protocol = None, None
        pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(error)
        self._stop()

    def _stop(self) -> None:
        """Close our end: the writer finishes what it has and exits."""
        self._protocol = None
        if self._transport is not None:
            try:
                self._transport.abort()
            except RuntimeError:  # its event loop has closed: close the socket ourselves
                if self._socket is not None:
                    self._socket.close()
            self._transport = None
        if self._proc is not None:
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None


class _Replies(asyncio.Protocol):
    def __init__(self, committer: ProcessCommitter) -> None:
        self.committer, self.buffer = committer, bytearray()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        for replies in unframe(self.buffer):
            self.committer._answered(replies)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.committer._protocol is self:  # not a writer already replaced
            self.committer._lost(exc or RuntimeError("the comment writer stopped"))


def serve(sock: socket.socket, store: CommentStore) -> None:
    """The writer's loop: read whatever has arrived (up to MAX_BATCH comments), commit, answer;
    until the web process closes its end."""
    buffer, queued, reading = bytearray(), [], True
    while reading or queued:
        if reading:
            try:
                chunk = sock.recv(1 << 20, socket.MSG_DONTWAIT if queued else 0)
            except BlockingIOError:
                chunk = None  # nothing more yet: commit what there is
            else:
                reading = bool(chunk)
            if chunk:
                buffer += chunk
                for rows in unframe(buffer):
                    queued += rows
                if len(queued) < MAX_BATCH:
                    continue
        batch, queued = queued[:MAX_BATCH], queued[MAX_BATCH:]
        outcomes = commit_by_decision(store, [submission_in(row) for _, row in batch])
        try:
            sock.sendall(frame([[ident, *outcome_out(o)] for (ident, _), o in zip(batch, outcomes, strict=True)]))
        except OSError:
            return  # the web process has gone


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    with socket.socket(fileno=int(sys.argv[1])) as sock:
        serve(sock, CommentStore(Ledger()))


if __name__ == "__main__":
    main()
