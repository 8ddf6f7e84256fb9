"""Exports of ingested rows as gzip-compressed CSV.

Compression runs in a separate gzip process so that a size limit
(RLIMIT_FSIZE) can cap how much one export may write.
"""

import csv
import io
import resource
import signal
import subprocess


class ExportError(RuntimeError):
    pass


class Exporter:
    def __init__(self, max_kb=None):
        self.max_kb = max_kb

    def _limit(self):
        if self.max_kb is not None:
            limit = self.max_kb
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    def export(self, rows, dest):
        buf = io.StringIO()
        csv.writer(buf).writerows(rows)
        with open(dest, "wb") as out:
            proc = subprocess.Popen(
                ["gzip", "-c", "-6"], stdin=subprocess.PIPE, stdout=out,
                stderr=subprocess.PIPE, preexec_fn=self._limit,
            )
            _, err = proc.communicate(buf.getvalue().encode())
        if proc.returncode < 0:
            sig = signal.Signals(-proc.returncode).name
            raise ExportError(f"gzip (pid {proc.pid}) was killed by {sig} while writing {dest}")
        if proc.returncode != 0:
            raise ExportError(f"gzip exited {proc.returncode}: {err.decode().strip()}")
        return dest
