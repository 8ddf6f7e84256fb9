import pytest

from ingest.pipeline import Pipeline
from ingest.records import Record


def records(n, kind="view", start=0):
    return [
        Record(f"ord-{i:05d}", kind, 1_700_000_000_000_000 + i, {"n": i})
        for i in range(start, start + n)
    ]


def test_transform_uppercases_kind():
    out = Pipeline(workers=2).run(records(4))
    assert {o["kind"] for o in out} == {"VIEW"}


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_run_keeps_every_record(workers):
    out = Pipeline(workers=workers).run(records(40, kind="buy", start=7 * workers))
    assert len(out) == 40


def test_run_preserves_order():
    out = Pipeline(workers=3).run(records(12))
    assert [o["id"] for o in out] == [f"ord-{i:05d}" for i in range(12)]
