"""The spool worker shares one spool for the whole module, as in production."""

import tempfile

from ingest.spool import Spool

SPOOL = Spool(tempfile.mkdtemp(prefix="spool-"))


def test_worker_sees_new_batch():
    SPOOL.put("batch-c.ndjson", "{}\n")
    assert SPOOL.pending()
