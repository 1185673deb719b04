"""`juece portal` on uvicorn with every wait bounded: a client has JUECE_PORTAL_HEADER_TIMEOUT
seconds to send a request's headers (from connecting, or from its first byte on a kept-alive
connection), at most MAX_HEADER_BYTES of them, and JUECE_PORTAL_BODY_TIMEOUT seconds for the
whole body; a late one gets 408, an oversized one 431, and the connection is closed. An idle
kept-alive connection is closed after KEEP_ALIVE seconds, and beyond JUECE_PORTAL_MAX_CONNECTIONS
connections a request is answered 503 at once (uvicorn's ``limit_concurrency``)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from juece import config

MAX_HEADER_BYTES = 64 * 1024
KEEP_ALIVE = 5


@dataclass(frozen=True)
class PortalLimits:
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    max_connections: int = 1000


@lru_cache(maxsize=1)
def portal_limits() -> PortalLimits:
    """The limits from the environment (read once per process: the workers inherit it)."""
    return PortalLimits(config.portal_header_timeout(), config.portal_body_timeout(),
                        config.portal_max_connections())


def uvicorn_options() -> dict[str, Any]:
    """What `juece portal` gives uvicorn: this protocol, the connection limit, the keep-alive,
    and no proxy headers of uvicorn's own (JUECE_TRUSTED_PROXIES decides whom to believe)."""
    return {"http": BoundedHttpTools, "limit_concurrency": portal_limits().max_connections,
            "timeout_keep_alive": KEEP_ALIVE, "proxy_headers": False}


def _plain(status: str, zh: str, en: str) -> bytes:
    body = f"{zh}\n{en}\n".encode()
    return (f"HTTP/1.1 {status}\r\ncontent-type: text/plain; charset=utf-8\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n").encode("latin-1") + body


TIMED_OUT = _plain("408 Request Timeout", "请求发送超时，连接已关闭，未保存任何内容",
                   "the request was not sent in time: the connection is closed and nothing was stored")
HEADERS_TOO_LARGE = _plain("431 Request Header Fields Too Large", "请求头过大，连接已关闭",
                           "the request headers are too large: the connection is closed")


class HeadersTooLarge(Exception):
    pass


SWEEP_SECONDS = 0.25
_sweepers: dict[asyncio.AbstractEventLoop, set[Any]] = {}


class BoundedHttpTools(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline on headers and on the body, and a bound on
    the headers' size. A deadline is a time kept on the connection (no timer a request: that
    would cost the comment path); one sweep a quarter-second, per event loop, closes the late."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limits = portal_limits()
        self._deadline: float | None = None
        self._in_headers = False
        self._header_bytes = 0
        self._too_large = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._in_headers, self._deadline = True, self.loop.time() + self._limits.header_timeout
        if self.loop not in _sweepers:
            _sweepers[self.loop] = self.connections
            self.loop.call_later(SWEEP_SECONDS, _sweep, self.loop)

    def connection_lost(self, exc: Exception | None) -> None:
        self._deadline = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._in_headers:  # headers still coming in after this chunk
            self._header_bytes += len(data)
            if self._header_bytes > MAX_HEADER_BYTES:
                self._refuse(HEADERS_TOO_LARGE)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_bytes = 0
        if not self._in_headers:  # the next request on a kept-alive connection
            self._in_headers, self._deadline = True, self.loop.time() + self._limits.header_timeout

    def on_headers_complete(self) -> None:
        if len(self.url) + sum(len(name) + len(value) for name, value in self.headers) > MAX_HEADER_BYTES:
            self._too_large = True  # arrived in one piece: the parser stops, uvicorn's 400 becomes our 431
            raise HeadersTooLarge
        self._in_headers = False
        super().on_headers_complete()
        self._deadline = self.loop.time() + self._limits.body_timeout  # until the whole message is in

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._deadline = None

    def send_400_response(self, msg: str) -> None:
        if self._too_large:
            self._refuse(HEADERS_TOO_LARGE)
        else:
            super().send_400_response(msg)

    def _refuse(self, answer: bytes) -> None:
        """Answer (unless a response is already under way) and close: an app still reading the
        body is told the client went away."""
        self._deadline = None
        if self.transport is None or self.transport.is_closing():
            return
        if self.cycle is None or not self.cycle.response_started:
            self.transport.write(answer)
        self.transport.close()


def _sweep(loop: asyncio.AbstractEventLoop) -> None:
    """Every connection past its deadline answered 408 and closed; again in a quarter-second."""
    now = loop.time()
    for connection in list(_sweepers.get(loop, ())):
        deadline = getattr(connection, "_deadline", None)
        if deadline is not None and deadline <= now:
            connection._refuse(TIMED_OUT)
    if not loop.is_closed():
        loop.call_later(SWEEP_SECONDS, _sweep, loop)
