import pytest

from ingest.spool import Spool


@pytest.fixture
def spool(tmp_path):
    return Spool(tmp_path)


def test_new_spool_in_fresh_directory(tmp_path):
    s = Spool(tmp_path / "fresh")
    assert s.pending() == []


def test_put_lands_in_incoming(spool):
    spool.put("batch-a.ndjson", "{}\n")
    assert len(spool.pending()) == 1


def test_mark_done(spool):
    spool.put("batch-b.ndjson", "{}\n")
    (name,) = spool.pending()
    spool.mark_done(name)
    assert spool.pending() == []


def test_pending_is_sorted(spool):
    spool.put("z.ndjson", "")
    spool.put("a.ndjson", "")
    assert spool.pending() == sorted(spool.pending())
