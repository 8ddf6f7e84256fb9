"""Token-bucket rate limiting for outbound webhook calls."""

import time


class RateLimited(Exception):
    pass


def now_ms():
    return time.time_ns() // 1_000_000


class RateLimiter:
    def __init__(self, burst=5, window_ms=1000):
        self.burst = burst
        self.window_ms = window_ms
        self._tokens = burst
        self._last_ms = 0
        self._next_refill_ms = 0

    def _refill(self, now):
        if now < self._last_ms:
            raise ValueError(f"invalid timestamp: {now}")
        if now >= self._next_refill_ms:
            self._tokens = self.burst
        self._last_ms = now + self.window_ms
        if now >= self._next_refill_ms:
            self._next_refill_ms = now + self.window_ms

    def acquire(self, now=None):
        now = now_ms() if now is None else now
        self._refill(now)
        if self._tokens <= 0:
            raise RateLimited(f"rate limited until {self._next_refill_ms}")
        self._tokens -= 1
