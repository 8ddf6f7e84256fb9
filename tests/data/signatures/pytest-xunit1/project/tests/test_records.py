import json
import time
import uuid

import pytest

from ingest.records import parse_lines, parse_record


def line(**over):
    obj = {"id": str(uuid.uuid4()), "kind": "click", "ts_us": time.time_ns() // 1000}
    obj.update(over)
    return json.dumps(obj)


def test_parse_click():
    rec = parse_record(line(kind="click", page="/cart"))
    assert rec.data == {"page": "/cart"}


def test_parse_batch():
    recs = parse_lines("\n".join(line(kind=k) for k in ("view", "click", "buy")))
    assert [r.kind for r in recs] == ["view", "click", "buy"]


def test_parse_record_from_an_hour_ago():
    rec = parse_record(line(ts_us=(time.time_ns() // 1000) - 3_600_000_000))
    assert rec.kind == "click"


def test_rejects_zero_timestamp():
    with pytest.raises(ValueError, match="invalid timestamp"):
        parse_record(line(ts_us=0))


def test_missing_field():
    with pytest.raises(ValueError, match="missing field 'kind'"):
        parse_record(json.dumps({"id": "x", "ts_us": 1}))
