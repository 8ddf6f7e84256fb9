import pytest

from shopkit.pool import ConnectionPool, PoolExhausted


def test_query_through_pool(pool):
    conn = pool.acquire()
    assert conn.execute("SELECT 1") == [(1,)]
    pool.release(conn)


def test_connection_reused(pool):
    first = pool.acquire()
    pool.release(first)
    assert pool.acquire() is first
    pool.release(first)


def test_two_parallel_leases(pool):
    a, b = pool.acquire(), pool.acquire()
    assert a.id != b.id
    pool.release(a)
    pool.release(b)


def test_stats_after_release():
    p = ConnectionPool(size=2)
    conns = [p.acquire(), p.acquire()]
    for c in conns:
        p.release(c)
    assert p.stats()["leased"] == 0


def test_exhaustion():
    p = ConnectionPool(size=1, acquire_timeout=0.01)
    p.acquire()
    with pytest.raises(PoolExhausted):
        p.acquire()


def test_broken_connection_is_dropped(pool):
    conn = pool.acquire()
    conn.broken = True
    pool.release(conn)
    assert pool.stats()["leased"] == 0
