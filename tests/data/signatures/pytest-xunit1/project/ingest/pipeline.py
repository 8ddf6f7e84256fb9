"""Parallel transformation of records with de-duplication."""

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor


class DuplicateRecord(Exception):
    pass


_lock = threading.Lock()


def _dedupe(record, seen={}):
    """Reject a record id that this run has already processed."""
    me = threading.current_thread().name
    with _lock:
        if record.id in seen:
            by, at_us = seen[record.id]
            raise DuplicateRecord(
                f"record {record.id} already processed by {by} at {at_us} "
                f"(now on {me}, pid {os.getpid()})"
            )
        seen[record.id] = (me, time.time_ns() // 1000)
    return record


def _transform(record):
    _dedupe(record)
    out = dict(record.data)
    out["id"] = record.id
    out["kind"] = record.kind.upper()
    return out


class Pipeline:
    def __init__(self, workers=2):
        self.workers = workers

    def run(self, records):
        with ThreadPoolExecutor(self.workers, thread_name_prefix="ingest-w") as ex:
            return list(ex.map(_transform, records))
