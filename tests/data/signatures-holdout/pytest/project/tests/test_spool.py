import json
import os

import pytest

from greenhouse.model import Reading
from greenhouse.spool import SpoolLocked


@pytest.mark.parametrize("sensor", ["gh-north", "gh-south", "seedling-bay"])
def test_write_batch(spool, sensor):
    readings = [Reading(sensor, 18.0 + i) for i in range(4)]
    path = spool.write_batch(sensor, readings)
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    assert [r["uuid"] for r in rows] == [r.uuid for r in readings]


def test_replay_returns_all(populated_spool):
    assert len(populated_spool.replay("gh-north")) == 4


def test_replay_sorted_by_ts(populated_spool):
    ts = [r["ts"] for r in populated_spool.replay("gh-north")]
    assert ts == sorted(ts)


def test_lock_blocks_second_writer(locked_spool):
    with pytest.raises(SpoolLocked):
        locked_spool.lock()


def test_lock_file_contains_pid(locked_spool):
    names = [n for n in os.listdir(locked_spool.root) if n.startswith(".lock-")]
    assert names == [f".lock-{os.getpid()}"]
