"""Faults survived, nothing lost: a burst of comments on a real `juece portal` (127.0.0.1), and in
the middle of it one of two faults, each after the writer process has stopped dead (SIGSTOP) for
a moment with comments waiting on it. ``portal``: the web process stops dead too, the writer goes
on and commits what was waiting (the answers never leave), and the whole process group is killed
(SIGKILL) and the portal started again on the same port. ``writer``: the writer is killed
(SIGKILL); the portal starts another. Clients send again whatever got no answer. Every receipt
handed out names a stored comment with exactly its text, no comment is stored twice, all of them
are stored once, a comment stored whose answer was lost gets its first receipt when sent again,
and the chain verifies; on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
import pytest
from sqlalchemy import Engine, func, select

from juece.adapters.store.db import comments, reading
from juece.adapters.store.ledger import Ledger
from juece.domain.record.ledger import verify_chain
from tests.conftest import throwaway_postgres
from tests.integration.test_portal import DECISION, launch_urban, publish
from tests.integration.test_portal_hostile import comment_texts

CLIENTS, EACH = 40, 8  # 320 comments, 40 at a time
KILL_AFTER = 80  # receipts back before the fault
FREEZE = 0.3
BURST_TIMEOUT = 45.0
WRITER = "juece.adapters.store.commit_process"
PATH = f"/juece/public/decisions/{DECISION}/comments"


class Portal:
    """`juece portal` in a process group of its own, on one port for its whole life."""

    def __init__(self, home: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.log = home / f"portal-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        argv = [str(Path(sys.executable).with_name("juece")), "portal", "--host", "127.0.0.1", "--port",
                str(self.port)]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not self._ready():
            assert self.proc.poll() is None, self.output()[-3000:]
            assert time.monotonic() < deadline, "the portal did not answer in time"
            time.sleep(0.1)

    def _ready(self) -> bool:
        with contextlib.suppress(httpx.HTTPError):
            return httpx.get(f"{self.url}/juece/public/", timeout=2, trust_env=False).status_code == 200
        return False

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def writer_pid(self) -> int:
        found = [p.pid for p in psutil.Process(self.pid).children() if WRITER in " ".join(p.cmdline())]
        assert len(found) == 1, found
        return found[0]

    def crash(self) -> None:
        """SIGKILL to the whole group, web process and writer, as a machine that dies."""
        os.killpg(self.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)  # type: ignore[union-attr]

    def stop(self) -> None:
        """Its group stopped (a stopped member woken to hear it): SIGTERM, then SIGKILL if it has
        not gone within 10 s."""
        if self.proc is None:
            return
        for sig in (signal.SIGTERM, signal.SIGCONT):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@dataclass
class Comment:
    client: int
    text: str
    name: str | None
    answers: list[tuple[int, dict]] = field(default_factory=list)
    unanswered: int = 0  # attempts that got no receipt (connection lost, refused, 503)

    def body(self) -> dict[str, str]:
        return {"text": self.text, **({"name": self.name} if self.name else {})}

    @property
    def headers(self) -> dict[str, str]:
        return {"x-forwarded-for": f"198.51.100.{self.client + 1}"}  # a citizen of its own behind the "proxy"


@dataclass
class Burst:
    """What the clients saw, and when the fault came."""

    portal: Portal
    fault: str
    receipts: int = 0
    in_flight: int = 0
    at_kill: tuple[int, int, int] | None = None  # receipts back, requests in flight, comments stored
    killed_at: float = 0.0
    back_after: float | None = None  # seconds from the kill to the portal's answer again
    first_receipt_after: float | None = None  # ... to the first receipt for a request sent after it
    over: bool = False

    def answered(self, began: float) -> None:
        """A receipt came back for a request sent at ``began``."""
        self.receipts += 1
        if self.at_kill is not None and began > self.killed_at and self.first_receipt_after is None:
            self.first_receipt_after = time.monotonic() - self.killed_at

    def kill(self, engine: Engine) -> None:
        """The writer stops dead (SIGSTOP) for FREEZE seconds while comments pile up on it. Then
        ``writer``: it is killed. ``portal``: the web process stops dead, the writer goes on and
        commits what was waiting (answers that never leave), and the whole group is killed."""
        writer = self.portal.writer_pid()
        os.kill(writer, signal.SIGSTOP)
        time.sleep(FREEZE)
        if self.fault == "portal":
            os.kill(self.portal.pid, signal.SIGSTOP)
            os.kill(writer, signal.SIGCONT)
            settled(engine)
        self.at_kill, self.killed_at = (self.receipts, self.in_flight, count_stored(engine)), time.monotonic()
        if self.fault == "writer":
            os.kill(writer, signal.SIGKILL)
            return
        self.portal.crash()
        self.portal.start()
        self.back_after = time.monotonic() - self.killed_at


def settled(engine: Engine, timeout: float = 5.0) -> None:
    """Until the number of stored comments has not changed for 0.2 s."""
    deadline, last, same = time.monotonic() + timeout, -1, 0
    while same < 4 and time.monotonic() < deadline:
        now = count_stored(engine)
        same, last = (same + 1, now) if now == last else (0, now)
        time.sleep(0.05)


def watch(burst: Burst) -> None:
    """The fault once KILL_AFTER receipts are back."""
    engine = Ledger().engine
    deadline = time.monotonic() + BURST_TIMEOUT
    while burst.receipts < KILL_AFTER:
        if burst.over or time.monotonic() > deadline:
            return
        time.sleep(0.002)
    burst.kill(engine)


def count_stored(engine: Engine) -> int:
    with reading(engine) as conn:
        return conn.execute(select(func.count()).select_from(comments).where(comments.c.decision_id == DECISION)
                            ).scalar_one()


async def send(http: httpx.AsyncClient, burst: Burst, comment: Comment) -> None:
    """Until it gets a receipt: a lost connection, a refused one or a 503 is sent again."""
    while True:
        burst.in_flight, began = burst.in_flight + 1, time.monotonic()
        try:
            reply = await http.post(PATH, json=comment.body(), headers=comment.headers)
        except httpx.TransportError:
            reply = None
        finally:
            burst.in_flight -= 1
        if reply is not None and reply.status_code in (200, 201):
            comment.answers.append((reply.status_code, reply.json()))
            burst.answered(began)
            return
        assert reply is None or reply.status_code == 503, (reply.status_code, reply.text)
        comment.unanswered += 1
        await asyncio.sleep(0.1)


async def run_burst(burst: Burst, sent: list[Comment]) -> None:
    async def citizen(n: int) -> None:
        for comment in sent[n * EACH:(n + 1) * EACH]:
            await send(http, burst, comment)

    limits = httpx.Limits(max_connections=CLIENTS)
    watcher = asyncio.create_task(asyncio.to_thread(watch, burst))
    async with httpx.AsyncClient(base_url=burst.portal.url, limits=limits, timeout=10, trust_env=False) as http:
        try:
            await asyncio.wait_for(asyncio.gather(*(citizen(n) for n in range(CLIENTS))), BURST_TIMEOUT)
        finally:
            burst.over = True
            await asyncio.wait_for(watcher, 40)
        again = [c for c in sent if c.unanswered][:20] + sent[:5]  # the same comment once more
        await asyncio.wait_for(asyncio.gather(*(send(http, burst, c) for c in again)), 30)


def citizens_comments() -> list[Comment]:
    """Distinct texts; every other citizen gives a name (a resubmission must give it again)."""
    return [Comment(n, f"市民{n}的第{k + 1}条意见：建议在第{k + 1}号路口增设过街信号灯",
                    f"市民{n}" if n % 2 else None) for n in range(CLIENTS) for k in range(EACH)]


@pytest.fixture(params=["sqlite", "postgresql"])
def records(request: pytest.FixtureRequest, juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A decision open for comment in a records DB of the kind asked for (the portal reads the
    same environment)."""
    monkeypatch.setenv("JUECE_TRUSTED_PROXIES", "127.0.0.1")
    monkeypatch.setenv("JUECE_RATE_LIMIT_PER_MINUTE", "0")  # a burst, not a flood: no 429 here
    for url in (throwaway_postgres() if request.param == "postgresql" else [""]):
        if url:
            monkeypatch.setenv("JUECE_RECORDS_URL", url)
        launch_urban()
        publish(Ledger())
        yield request.param


@pytest.fixture
def portal(records: str, tmp_path: Path) -> Iterator[Portal]:
    started = Portal(tmp_path)
    try:
        started.start()
        yield started
    finally:
        started.stop()


def stored_rows() -> list[tuple[str, str]]:
    ledger = Ledger()
    with reading(ledger.engine) as conn:
        rows = conn.execute(select(comments.c.receipt, comments.c.ledger_hash).where(comments.c.decision_id == DECISION))
        return [(row.receipt, row.ledger_hash) for row in rows]


def check_nothing_lost(sent: list[Comment]) -> None:
    entries = Ledger().entries(DECISION)
    assert verify_chain(entries, DECISION).intact
    stored = comment_texts(Ledger())
    for comment in sent:
        assert comment.answers, f"no receipt for {comment.text}"
        assert len({answer["receipt"] for _, answer in comment.answers}) == 1, comment.answers
        for _, answer in comment.answers:  # every receipt names a stored comment with exactly this text
            entry = stored[answer["receipt"]]
            assert (entry["data"]["text"], entry["hash"]) == (comment.text, answer["ledger_hash"])
    texts = Counter(entry["data"]["text"] for entry in stored.values())
    assert set(texts) == {c.text for c in sent} and set(texts.values()) == {1}  # each once, none twice
    rows = stored_rows()
    assert len(rows) == len(set(rows)) == len(stored) and dict(rows) == {r: e["hash"] for r, e in stored.items()}


@pytest.mark.parametrize("fault", ["portal", "writer"])
def test_a_burst_survives_the_portal_or_its_writer_killed_and_loses_nothing(portal: Portal, records: str,
                                                                            fault: str) -> None:
    sent = citizens_comments()
    burst = Burst(portal, fault)
    started = time.monotonic()
    asyncio.run(run_burst(burst, sent))
    took = time.monotonic() - started
    assert burst.at_kill is not None and KILL_AFTER <= burst.at_kill[0] < len(sent)  # in the middle of it
    assert burst.first_receipt_after is not None
    check_nothing_lost(sent)
    retried = [c for c in sent if c.unanswered]
    first_receipt_again = sum(1 for c in retried if c.answers[0][0] == 200)  # stored, its answer lost
    assert first_receipt_again == burst.at_kill[2] - burst.at_kill[0]
    assert first_receipt_again > 0 if fault == "portal" else len(retried) > 0
    assert all(status == 200 and answer["duplicate"] for c in sent for status, answer in c.answers[1:])
    assert "Traceback" not in portal.output(), portal.output()[-3000:]
    print(f"{records} {fault}: {len(sent)} comments, {burst.at_kill[0]} receipts before the kill, "
          f"{burst.at_kill[1]} requests in flight, {burst.at_kill[2]} stored, {len(retried)} sent again "
          f"({first_receipt_again} answered with the receipt they had been given unseen), "
          f"portal back after {burst.back_after or 0:.2f} s, first receipt after the kill "
          f"{burst.first_receipt_after:.2f} s, burst {took:.1f} s")
