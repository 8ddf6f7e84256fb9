import pytest

from ingest.throttle import RateLimited, RateLimiter, now_ms


def test_single_call():
    RateLimiter(burst=1).acquire()


def test_burst_allows_n_calls():
    limiter = RateLimiter(burst=5)
    for _ in range(5):
        limiter.acquire()


def test_rejects_call_over_limit():
    limiter = RateLimiter(burst=2, window_ms=1000)
    t = now_ms()
    limiter.acquire(t)
    limiter.acquire(t + 10)
    with pytest.raises(RateLimited):
        limiter.acquire(t + 20)


def test_refills_after_window():
    limiter = RateLimiter(burst=1, window_ms=200)
    t = now_ms()
    limiter.acquire(t)
    limiter.acquire(t + 250)


def test_clock_going_backwards_is_rejected():
    limiter = RateLimiter(burst=3)
    t = now_ms()
    limiter.acquire(t)
    with pytest.raises(ValueError):
        limiter.acquire(t - 5000)


class TestWebhookSender:
    def test_two_quick_webhooks(self):
        limiter = RateLimiter(burst=10, window_ms=60_000)
        t = now_ms()
        limiter.acquire(t)
        limiter.acquire(t + 3)
