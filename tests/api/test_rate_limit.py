"""Rate limits count over their own window, in process and in Redis."""

from __future__ import annotations

import secrets
from types import SimpleNamespace

from api import rate_limit
from api.rate_limit import RateLimiter, RedisRateLimiter
from tests.services import REDIS_URL, ensure_redis


def frozen_clock(monkeypatch, start: float) -> list[float]:
    now = [start]
    clock = SimpleNamespace(monotonic=lambda: now[0], time=lambda: now[0])
    monkeypatch.setattr(rate_limit, "time", clock)
    return now


def test_a_ten_minute_limit_does_not_start_again_after_a_minute(monkeypatch):
    now = frozen_clock(monkeypatch, 1000.0)
    limiter = RateLimiter(2, window_seconds=600)
    assert limiter.allow("203.0.113.5") and limiter.allow("203.0.113.5")
    now[0] += 120
    assert not limiter.allow("203.0.113.5")
    assert limiter.allow("198.51.100.7")
    now[0] += 481
    assert limiter.allow("203.0.113.5")


def test_the_redis_limit_counts_over_its_own_window_too(monkeypatch):
    ensure_redis()
    now = frozen_clock(monkeypatch, 600 * 3_000_000)  # the start of a ten-minute window
    limiter = RedisRateLimiter(REDIS_URL, 2, f"test-{secrets.token_hex(4)}", window_seconds=600)
    assert limiter.allow("203.0.113.5") and limiter.allow("203.0.113.5")
    now[0] += 120
    assert not limiter.allow("203.0.113.5")
    assert limiter.allow("198.51.100.7")
    now[0] += 480
    assert limiter.allow("203.0.113.5")
