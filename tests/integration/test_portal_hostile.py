"""Real servers on 127.0.0.1 under malformed, hostile and concurrent comments: `juece portal` and the
app the Airflow plugin mounts (uvicorn, no Airflow), on SQLite and PostgreSQL. No 5xx, no
traceback, no good comment lost, the chain intact; every wait and every body bounded."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest

from juece.adapters.store.ledger import Ledger
from juece.domain.record.ledger import verify_chain
from tests.conftest import throwaway_postgres
from tests.integration.test_portal import DECISION, HOSTILE, launch_urban, publish

BIN = Path(sys.executable).parent


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    port: int
    prefix: str
    log: Path

    @property
    def comments(self) -> str:
        return f"{self.prefix}/public/decisions/{DECISION}/comments"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextlib.contextmanager
def serving(kind: str, tmp_path: Path, **env: str) -> Iterator[Server]:
    """``portal``: `juece portal` (its writer process, its timeouts); ``plugin``: the app the Airflow
    plugin mounts, on plain uvicorn (a writer thread)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    if kind == "portal":
        cmd, prefix = [str(BIN / "juece"), "portal", "--host", "127.0.0.1", "--port", str(port)], "/juece"
    else:
        cmd, prefix = [sys.executable, "-m", "uvicorn", "juece.web.app:app", "--host", "127.0.0.1", "--port", str(port),
                       "--log-level", "warning", "--no-access-log"], ""
    log = tmp_path / f"{kind}-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **env},
                                start_new_session=True)
    server = Server(proc, port, prefix, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}{prefix}/public/", timeout=5, trust_env=False).status_code == 200:
                    break
            assert proc.poll() is None and time.monotonic() < deadline, server.output()[-3000:]
            time.sleep(0.2)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def rss(server: Server) -> int:
    """Resident memory of the server and its workers and writer, in bytes."""
    proc = psutil.Process(server.proc.pid)
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total


def raw(port: int, data: bytes, *, then: bytes = b"", pause: float = 0.0, timeout: float = 15.0) -> bytes:
    """What the server answers on one connection, sending ``data``, waiting, then ``then``."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        if pause:
            time.sleep(pause)
        if then:
            with contextlib.suppress(OSError):
                sock.sendall(then)
        answer = b""
        with contextlib.suppress(OSError):
            while chunk := sock.recv(65536):
                answer += chunk
        return answer


def comment_texts(ledger: Ledger) -> dict[str, dict]:
    return {e["data"]["receipt"]: e for e in ledger.entries(DECISION) if e["kind"] == "comment_received"}


def open_decision(database: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for url in (throwaway_postgres() if database == "postgresql" else [None]):
        if url:
            monkeypatch.setenv("JUECE_RECORDS_URL", url)
        launch_urban()
        publish(Ledger())
        yield


async def hostile_run(server: Server) -> tuple[list[tuple[str, int, dict]], list[int]]:
    """40 citizens behind the trusted proxy send three comments each (two of them the same text
    under their own name), while others send every malformed body there is, at once. The good
    comments' (text, status, answer); the statuses of everything else."""
    base = f"http://127.0.0.1:{server.port}"
    limits = httpx.Limits(max_connections=64)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60, trust_env=False) as http:
        async def citizen(n: int) -> list[tuple[str, int, dict]]:
            sent = []
            for k, text in enumerate([f"市民{n}的第一条意见", "支持这个方案", f"市民{n}：建议增加绿地"]):
                body = {"text": text, "name": f"市民{n}", "paragraph": k + 1}
                reply = await http.post(server.comments, json=body, headers={"x-forwarded-for": f"198.51.100.{n}"})
                sent.append((text, reply.status_code, reply.json()))
            return sent

        async def attacker(n: int) -> list[int]:
            statuses = []
            for i, (content_type, body, _) in enumerate(HOSTILE):
                content = body if isinstance(body, bytes) else json.dumps(body).encode()
                for accept in ("application/json", "text/html"):  # an address each: past the rate limit
                    reply = await http.post(server.comments, content=content, headers={
                        "content-type": content_type, "accept": accept, "x-forwarded-for": f"10.{n}.{i}.{len(accept)}"})
                    statuses.append(reply.status_code)
            return statuses

        results = await asyncio.gather(*(citizen(n) for n in range(40)), *(attacker(n) for n in range(4)))
    good = [item for sent in results[:40] for item in sent]
    return good, [status for statuses in results[40:] for status in statuses]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
@pytest.mark.parametrize("kind", ["portal", "plugin"])
def test_a_hostile_concurrent_run_gives_no_5xx_no_traceback_and_loses_no_good_comment(
        juece_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, database: str) -> None:
    monkeypatch.setenv("JUECE_TRUSTED_PROXIES", "127.0.0.1")  # the run comes through a "proxy" on loopback
    monkeypatch.setenv("JUECE_RATE_LIMIT_BURST", "10")
    monkeypatch.setenv("JUECE_RATE_LIMIT_PER_MINUTE", "30")
    for _ in open_decision(database, monkeypatch):
        with serving(kind, tmp_path) as server:
            good, hostile = asyncio.run(hostile_run(server))
            log = server.output()
        assert all(400 <= status < 500 for status in hostile) and 429 not in hostile, sorted(set(hostile))
        assert {status for _, status, _ in good} == {201}, [(t, s, a) for t, s, a in good if s != 201][:5]
        assert "Traceback" not in log and "Exception" not in log, log[-3000:]
        ledger = Ledger()
        assert verify_chain(ledger.entries(DECISION), DECISION).intact
        stored = comment_texts(ledger)
        assert {answer["receipt"] for _, _, answer in good} == set(stored) and len(stored) == 120
        assert all(stored[a["receipt"]]["hash"] == a["ledger_hash"] for _, _, a in good)


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_nineteen_good_comments_and_a_poison_three_rounds_all_good_ones_stored(
        juece_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: str) -> None:
    monkeypatch.setenv("JUECE_RATE_LIMIT_PER_MINUTE", "0")  # all from one address here
    for _ in open_decision(database, monkeypatch):
        with serving("portal", tmp_path) as server:
            async def rounds() -> list[list[httpx.Response]]:
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}", timeout=60,
                                             trust_env=False) as http:
                    done = []
                    for r in range(3):
                        bodies = [{"text": f"第{r}轮第{n}条", "paragraph": n % 5 + 1} for n in range(19)]
                        bodies.insert(r * 5, {"text": f"第{r}轮有毒", "paragraph": 10**30})
                        done.append(await asyncio.gather(*(http.post(server.comments, json=b) for b in bodies)))
                    return done

            results = asyncio.run(rounds())
            log = server.output()
        statuses = [[reply.status_code for reply in replies] for replies in results]
        assert [s.count(201) for s in statuses] == [19, 19, 19] and [s.count(422) for s in statuses] == [1, 1, 1]
        assert "Traceback" not in log
        stored = comment_texts(Ledger())
        assert len(stored) == 57 and verify_chain(Ledger().entries(DECISION), DECISION).intact
        assert {r.json()["receipt"] for replies in results for r in replies if r.status_code == 201} == set(stored)


BOUNDED = {"JUECE_PORTAL_HEADER_TIMEOUT": "1", "JUECE_PORTAL_BODY_TIMEOUT": "1", "JUECE_PORTAL_MAX_CONNECTIONS": "6"}


def test_juece_portal_bounds_every_wait_and_every_body(juece_home: Path, tmp_path: Path) -> None:
    launch_urban()
    publish(Ledger())
    with serving("portal", tmp_path, **BOUNDED) as server:
        port, path = server.port, server.comments.encode()
        head = b"POST " + path + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        started = time.monotonic()
        assert raw(port, b"GET /juece/public/ HTTP/1.1\r\nHost: x\r\n").startswith(b"HTTP/1.1 408")  # headers never end
        assert time.monotonic() - started < 5
        assert raw(port, b"").startswith(b"HTTP/1.1 408")  # connected, never a byte
        slow_body = raw(port, head + b"Content-Length: 100\r\n\r\ntext=", then=b"x" * 95, pause=2.5)
        assert slow_body.startswith(b"HTTP/1.1 408"), slow_body[:200]
        flood = raw(port, b"GET /juece/public/ HTTP/1.1\r\nHost: x\r\n" + b"X-A: " + b"a" * 100_000 + b"\r\n\r\n")
        assert flood.startswith(b"HTTP/1.1 431"), flood[:200]

        before = rss(server)
        declared = raw(port, head + b"Content-Length: 209715200\r\n\r\n" + b"text=" + b"x" * 60_000)
        assert declared.startswith(b"HTTP/1.1 413") and b"connection: close" in declared.lower()

        def chunked_flood() -> bytes:  # 200 MB in 1 MB chunks, as fast as loopback takes them
            with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                sock.sendall(head + b"Transfer-Encoding: chunked\r\n\r\n")
                chunk = b"100000\r\n" + b"x" * 0x100000 + b"\r\n"
                with contextlib.suppress(OSError):
                    for _ in range(200):
                        sock.sendall(chunk)
                answer = b""
                with contextlib.suppress(OSError):
                    while data := sock.recv(65536):
                        answer += data
                return answer

        with ThreadPoolExecutor(max_workers=10) as pool:  # ten at once, from one address, within the burst
            answers = list(pool.map(lambda _: chunked_flood(), range(10)))
        assert {a[:12] for a in answers} <= {b"HTTP/1.1 413", b"HTTP/1.1 429"}, {a[:12] for a in answers}
        assert sum(a.startswith(b"HTTP/1.1 413") for a in answers) >= 5  # the rest past the burst: 429, unread too
        assert rss(server) - before < 60 * 1024 * 1024, (before, rss(server))

        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(6)]
        try:
            busy = raw(port, b"GET /juece/public/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert busy.startswith(b"HTTP/1.1 503"), busy[:200]
        finally:
            for sock in idle:
                sock.close()
        time.sleep(0.5)
        ok = raw(port, b"GET /juece/public/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert ok.startswith(b"HTTP/1.1 200")
        log = server.output()
    assert "Traceback" not in log, log[-3000:]
    assert not comment_texts(Ledger())
