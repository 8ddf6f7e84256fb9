"""Hourly roll-ups of readings."""
from collections import defaultdict


def hour_of(ts: int) -> int:
    return (ts - 1) // 3600 * 3600


def hourly_buckets(readings):
    buckets = defaultdict(list)
    for r in readings:
        buckets[hour_of(r.ts)].append(r)
    return dict(buckets)


def hourly_mean(readings):
    return {h: round(sum(r.value for r in rs) / len(rs), 2)
            for h, rs in hourly_buckets(readings).items()}
