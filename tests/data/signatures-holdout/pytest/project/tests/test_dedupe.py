from greenhouse.dedupe import Deduper
from greenhouse.model import Reading


def resend(r, delay=0):
    """What a flaky probe does: a new frame carrying the same reading id."""
    return Reading(r.sensor_id, r.value, r.unit, ts=r.ts + delay, uuid=r.uuid)


def test_duplicate_rejected():
    dd = Deduper()
    first = Reading("gh-north", 21.0)
    dup = resend(first, 5)
    assert dd.accept(first)
    assert not dd.accept(dup), f"duplicate {dup!r} accepted twice"


def test_dedupe_counts():
    a, b = Reading("gh-north", 21.0), Reading("gh-north", 21.4)
    accepted = Deduper().filter([a, b, resend(a, 10)])
    assert len(accepted) == 2


def test_distinct_readings_all_accepted():
    rs = [Reading("gh-south", 20.0 + i) for i in range(5)]
    assert Deduper().filter(rs) == rs


def test_duplicate_across_batches():
    dd = Deduper(window_s=600)
    batch1 = [Reading("seedling-bay", 23.0 + i) for i in range(3)]
    batch2 = [resend(r, 120) for r in batch1]
    dd.filter(batch1)
    kept = dd.filter(batch2)
    assert kept == [], f"re-sent readings kept: {kept}"
