"""Parsing of newline-delimited JSON records.

Schema: {"id": str, "kind": str, "ts_us": int (microseconds since the epoch), ...}
"""

import json
import time
from dataclasses import dataclass

MAX_CLOCK_SKEW_MS = 5 * 60 * 1000


@dataclass
class Record:
    id: str
    kind: str
    ts_us: int
    data: dict


def _check_ts(ts):
    now = time.time() * 1000
    if not 0 < ts <= now + MAX_CLOCK_SKEW_MS:
        raise ValueError(f"invalid timestamp: {ts}")


def parse_record(line):
    obj = json.loads(line)
    for key in ("id", "kind", "ts_us"):
        if key not in obj:
            raise ValueError(f"missing field {key!r}")
    _check_ts(obj["ts_us"])
    data = {k: v for k, v in obj.items() if k not in ("id", "kind", "ts_us")}
    return Record(obj["id"], obj["kind"], obj["ts_us"], data)


def parse_lines(text):
    return [parse_record(l) for l in text.splitlines() if l.strip()]
