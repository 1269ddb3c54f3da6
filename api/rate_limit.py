"""One-minute limits per key (session or address): in process, or shared through Redis.

Each use has its own limiter (`api.main`): chat and feedback, urgent flags, officer sign-in.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class RateLimiter:
    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count a request for `key`; False when it is over the limit for the last minute."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits[key]
            while hits and now - hits[0] > 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return False
            hits.append(now)
            if len(self._hits) > 100_000:  # forget keys that have gone quiet
                for quiet in [k for k, v in self._hits.items() if not v or now - v[-1] > 60]:
                    del self._hits[quiet]
            return True


class RedisRateLimiter:
    """The same limit counted across every api replica: a fixed window per minute in Redis."""

    def __init__(self, url: str, per_minute: int, name: str, prefix: str = "lo"):
        import redis

        self.per_minute = per_minute
        self._redis = redis.Redis.from_url(url, socket_timeout=2)
        self._prefix = f"{prefix}:rate:{name}:"

    def allow(self, key: str) -> bool:
        window = self._prefix + f"{key}:{int(time.time() // 60)}"
        with self._redis.pipeline() as pipe:
            count, _ = pipe.incr(window).expire(window, 61).execute()
        return count <= self.per_minute
