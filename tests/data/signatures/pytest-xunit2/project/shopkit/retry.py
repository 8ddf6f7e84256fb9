"""A tiny line-protocol client for the stock service, with retries.

The stock service answers one request line with one response line:
``OK <payload>``, ``ERR <reason>`` or ``ERR busy retry-after=<ms>``.
"""

import secrets
import socket
import time


class RetryExhausted(ConnectionError):
    pass


class Stats:
    def __init__(self):
        self.attempts = 0
        self.slept_ms = 0.0


class RetryClient:
    def __init__(self, host, port, max_attempts=3, backoff_ms=10, timeout=2.0):
        self.host = host
        self.port = port
        self.max_attempts = max_attempts
        self.backoff_ms = backoff_ms
        self.timeout = timeout
        self.pool_id = "pool-" + secrets.token_hex(2)
        self.stats = Stats()

    def _once(self, line):
        with socket.create_connection((self.host, self.port), timeout=self.timeout) as s:
            s.sendall(line.encode() + b"\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        return data.decode().strip()

    @staticmethod
    def _retry_after(reply):
        for word in reply.split():
            if word.startswith("retry-after="):
                return float(word.split("=", 1)[1])
        return None

    def _sleep(self, seconds):
        self.stats.slept_ms += seconds * 1000
        time.sleep(seconds)

    def request(self, line):
        last = None
        for attempt in range(1, self.max_attempts):
            self.stats.attempts += 1
            reply = self._once(line)
            if reply.startswith("OK"):
                return reply[3:]
            last = reply
            hint = self._retry_after(reply)
            if hint is not None:
                # the server tells us how long to back off
                self._sleep(hint)
            else:
                self._sleep(self.backoff_ms * attempt / 1000)
        raise RetryExhausted(
            f"gave up on {self.host}:{self.port} after {self.stats.attempts} attempts "
            f"[{self.pool_id}]: last reply {last!r}"
        )
