"""Limits per key (session or address) over a window of time: in process, or through Redis.

Each use has its own limiter (`api.main`): chat and feedback, new conversations, urgent
flags, officer sign-in.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class RateLimiter:
    """At most `limit` requests per key in any `window_seconds`."""

    def __init__(self, limit: int, window_seconds: int = 60):
        self.limit = limit
        self.window = window_seconds
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count a request for `key`; False when it is over the limit for the last window."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits[key]
            while hits and now - hits[0] > self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            if len(self._hits) > 100_000:  # forget keys that have gone quiet
                for quiet in [
                    k for k, v in self._hits.items() if not v or now - v[-1] > self.window
                ]:
                    del self._hits[quiet]
            return True


class RedisRateLimiter:
    """The same limit counted across every api replica: a fixed window in Redis."""

    def __init__(
        self, url: str, limit: int, name: str, window_seconds: int = 60, prefix: str = "lo"
    ):
        import redis

        self.limit = limit
        self.window = window_seconds
        self._redis = redis.Redis.from_url(url, socket_timeout=2)
        self._prefix = f"{prefix}:rate:{name}:"

    def allow(self, key: str) -> bool:
        window = self._prefix + f"{key}:{int(time.time() // self.window)}"
        with self._redis.pipeline() as pipe:
            count, _ = pipe.incr(window).expire(window, self.window + 1).execute()
        return count <= self.limit
