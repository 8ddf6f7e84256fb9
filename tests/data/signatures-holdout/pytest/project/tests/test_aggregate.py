from greenhouse.aggregate import hourly_buckets, hourly_mean
from greenhouse.model import Reading

H = 1_718_002_800  # an exact hour boundary


def rs(*offsets_values):
    return [Reading("gh-north", v, ts=H + off) for off, v in offsets_values]


def test_single_hour():
    b = hourly_buckets(rs((60, 20.0), (120, 21.0)))
    assert list(b) == [H]


def test_bucket_counts():
    b = hourly_buckets(rs((-120, 19.0), (-60, 19.5), (0, 20.0), (1800, 21.0), (3599, 22.0)))
    counts = {h: len(v) for h, v in b.items()}
    assert counts[H - 3600] == 2
    assert counts[H] == 3


def test_boundary_reading_in_new_hour():
    b = hourly_buckets(rs((0, 20.0)))
    assert H in b, f"reading at {H} filed under {sorted(b)}"


def test_hourly_mean():
    m = hourly_mean(rs((-60, 18.0), (0, 20.0), (600, 22.0)))
    assert m[H] == 21.0
