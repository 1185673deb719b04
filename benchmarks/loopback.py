"""Loopback servers and a lean HTTP client for benchmarks/intake.py (no address but 127.0.0.1)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

BIN = Path(sys.executable).parent


def start_server(serve: str, workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = ([str(BIN / "airflow"), "api-server", "--workers", str(workers)] if serve == "airflow"
           else [str(BIN / "juece"), "portal", "--workers", str(workers)]) + [
        "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/juece/public/", timeout=5, trust_env=False).status_code == 200:
                return proc, base
        time.sleep(0.5)
    stop_server(proc)
    raise RuntimeError(f"{serve} did not answer:\n{log.read_text(errors='replace')[-3000:]}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """The server and its workers, by process group."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server and its workers."""
    proc, total = psutil.Process(pid), 0.0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += sum(p.cpu_times()[:2])
    return total


class RawHTTP:
    """A minimal keep-alive HTTP/1.1 client: about 0.05 ms of CPU a request."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, path: str, payload: dict[str, Any], extra: str = "") -> tuple[int, dict[str, Any]]:
        """``extra``: more header lines, each ending in CRLF."""
        if self.conn is None:
            self.conn = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.conn
        body = json.dumps(payload, ensure_ascii=False).encode()
        writer.write(f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json"
                     f"\r\nContent-Length: {len(body)}\r\n{extra}\r\n".encode() + body)
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
        data = await reader.readexactly(int(head.split("content-length:", 1)[1].split("\r\n", 1)[0]))
        if "connection: close" in head:
            writer.close()
            self.conn = None
        return int(head[9:12]), json.loads(data)

    async def aclose(self) -> None:
        if self.conn is not None:
            self.conn[1].close()
