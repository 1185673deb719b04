"""Abuse without loss: a per-client rate limit (token bucket) that answers 429 clearly."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field


@dataclass
class RateLimiter:
    """``rate`` requests per minute per client, with bursts up to ``burst``. Per process."""

    rate: float = field(default_factory=lambda: float(os.environ.get("JUECE_RATE_LIMIT_PER_MINUTE", "30")))
    burst: float = field(default_factory=lambda: float(os.environ.get("JUECE_RATE_LIMIT_BURST", "10")))
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
