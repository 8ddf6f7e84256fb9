import gzip
import uuid

import pytest

from ingest.export import Exporter


def make_rows(n):
    return [(str(uuid.uuid4()), i, f"{i * 0.37:.2f}") for i in range(n)]


def test_export_without_limit(tmp_path):
    dest = Exporter().export(make_rows(50), tmp_path / "orders-unlimited.csv.gz")
    assert gzip.decompress(dest.read_bytes()).count(b"\n") == 50


@pytest.mark.parametrize("rows", [200, 2000, 8000])
def test_export_within_limit(tmp_path, rows):
    dest = tmp_path / f"orders-{rows}.csv.gz"
    Exporter(max_kb=512).export(make_rows(rows), dest)
    assert gzip.decompress(dest.read_bytes()).count(b"\n") == rows
