"""Abuse without loss: a per-client rate limit (token bucket) that answers 429 clearly, and who
the client is behind a trusted proxy (JUECE_TRUSTED_PROXIES)."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from juece import config

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MAX_ADDRESS_CHARS = 64


@dataclass
class RateLimiter:
    """``rate`` requests per minute per client, with bursts up to ``burst``. Per process."""

    rate: float = field(default_factory=config.rate_limit_per_minute)
    burst: float = field(default_factory=config.rate_limit_burst)
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, client: str) -> tuple[bool, float]:
        """Whether the client may go on now; if not, in how many seconds it may."""
        if self.rate <= 0:
            return True, 0.0
        per_second = self.rate / 60.0
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * per_second)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return True, 0.0
            self._buckets[client] = (tokens, now)
            if len(self._buckets) > 100_000:
                self._buckets.clear()
            return False, (1 - tokens) / per_second


@lru_cache(maxsize=8)
def trusted_proxies(setting: str) -> tuple[Network, ...]:
    """JUECE_TRUSTED_PROXIES: comma-separated addresses or CIDR blocks of the proxies in front of
    the portal. A bad entry is an error at once, not a proxy silently distrusted."""
    found = []
    for item in setting.split(","):
        if item.strip():
            try:
                found.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError as error:
                raise ValueError(f"JUECE_TRUSTED_PROXIES: {item.strip()!r} is not an address or CIDR block") from error
    return tuple(found)


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def proxies_from_environment() -> tuple[Network, ...]:
    """The trusted proxies JUECE_TRUSTED_PROXIES names (read when an app is made)."""
    return trusted_proxies(config.trusted_proxies())


def client_address(peer: str, forwarded_for: Iterable[bytes], proxies: tuple[Network, ...]) -> str:
    """The address a comment is counted under (rate limit, resubmissions): the direct peer; when
    that peer is one of the trusted ``proxies``, the right-most hop of X-Forwarded-For that is
    not a trusted proxy (the hops to its left are whatever the client claimed)."""
    if not proxies or not _trusted(peer, proxies):
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.decode("latin-1").split(",")]
    hops = [hop for hop in hops if hop]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop[:MAX_ADDRESS_CHARS]
    return hops[0][:MAX_ADDRESS_CHARS] if hops else peer
