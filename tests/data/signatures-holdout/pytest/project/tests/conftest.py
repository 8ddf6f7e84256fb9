import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from greenhouse.collector import Collector  # noqa: E402
from greenhouse.model import Reading  # noqa: E402
from greenhouse.spool import Spool  # noqa: E402


@pytest.fixture
def collector():
    c = Collector(flush_every=3).start()
    yield c
    c.stop()


@pytest.fixture
def spool(tmp_path):
    return Spool(tmp_path / "spool")


@pytest.fixture
def populated_spool(spool):
    base = 1_718_000_000
    spool.write_batch("gh-north", [Reading("gh-north", 20.0 + i, ts=base + 60 * i) for i in range(3)])
    spool.write_batch("gh-north", [Reading("gh-north", 19.5, ts=base - 60)])
    return spool


@pytest.fixture
def locked_spool(spool):
    spool.lock()
    yield spool
    spool.unlock()
