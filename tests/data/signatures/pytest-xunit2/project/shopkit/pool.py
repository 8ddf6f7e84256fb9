"""A fixed-size pool of (fake) database connections."""

import secrets
import time
import uuid


class PoolError(RuntimeError):
    pass


class PoolExhausted(PoolError):
    pass


class Connection:
    def __init__(self, pool_id):
        self.id = "conn-" + uuid.uuid4().hex[:8]
        self.pool_id = pool_id
        self.broken = False

    def execute(self, sql):
        if self.broken:
            raise PoolError(f"{self.id} is broken")
        return [(1,)]

    def __repr__(self):
        return f"<Connection {self.id} of {self.pool_id}>"


class ConnectionPool:
    def __init__(self, size=4, acquire_timeout=0.05):
        self.id = "pool-" + secrets.token_hex(2)
        self.size = size
        self.acquire_timeout = acquire_timeout
        self._idle = []
        self._leased = set()
        self.closed = False

    def acquire(self):
        started = time.perf_counter()
        while True:
            if self._idle:
                conn = self._idle.pop()
                self._leased.add(conn)
                return conn
            if len(self._leased) < self.size:
                conn = Connection(self.id)
                self._leased.add(conn)
                return conn
            waited = (time.perf_counter() - started) * 1000
            if waited > self.acquire_timeout * 1000:
                raise PoolExhausted(
                    f"pool [{self.id}] exhausted ({len(self._leased)}/{self.size} leased) "
                    f"after {waited:.1f} ms"
                )
            time.sleep(0.005)

    def release(self, conn):
        if conn.broken:
            self._leased.discard(conn)
            return
        self._idle.append(conn)

    def stats(self):
        return {"idle": len(self._idle), "leased": len(self._leased), "size": self.size}

    def close(self):
        if self._leased:
            ids = ", ".join(sorted(c.id for c in self._leased))
            raise PoolError(
                f"pool [{self.id}] closed with {len(self._leased)} leased connection(s): {ids}"
            )
        self._idle.clear()
        self.closed = True
