import pytest

from greenhouse.collector import CollectorClient
from greenhouse.model import Reading


def send_all(collector, readings):
    cl = CollectorClient(collector.port)
    try:
        return [cl.send(r) for r in readings]
    finally:
        cl.close()


def test_single_reading_acked(collector):
    r = Reading("gh-north", 20.5)
    assert send_all(collector, [r]) == [r.uuid]


def test_two_readings_buffered(collector):
    send_all(collector, [Reading("gh-north", 20.5), Reading("gh-north", 20.7)])
    assert collector.buffered() == 2


def test_burst_flushes_to_sink(collector):
    rs = [Reading("gh-north", 20.0 + i / 10) for i in range(3)]
    send_all(collector, rs)
    assert [m["uuid"] for m in collector.sink] == [r.uuid for r in rs]


def test_burst_acks_in_order(collector):
    rs = [Reading("gh-south", 19.0 + i / 10) for i in range(5)]
    assert send_all(collector, rs) == [r.uuid for r in rs]


def test_mixed_sensors_burst(collector):
    rs = [Reading(s, 22.0) for s in ("gh-north", "gh-south", "seedling-bay", "gh-north")]
    send_all(collector, rs)
    assert {m["sensor"] for m in collector.sink} == {"gh-north", "gh-south", "seedling-bay"}


@pytest.mark.timeout(1.5)
def test_manual_flush(collector):
    send_all(collector, [Reading("gh-north", 20.5)])
    collector.flush()
    assert len(collector.sink) == 1


@pytest.mark.timeout(1.5)
def test_flush_empty(collector):
    collector.flush()
    assert collector.sink == []
