import pytest

from ingest.cache import MISSING, FileCache

VALUES = {
    "catalog": {"skus": 1200, "source": "erp"},
    "Catalog": {"skus": 1187, "source": "erp", "stale": True},
    "UserPrefs": {"theme": "dark", "lang": "de"},
    "SKU-42": {"price": 1999, "currency": "EUR"},
    "price:EUR": [19.99, 24.5, 7.0],
    "Warehouse.B": {"bins": 88},
    "ÖffnungsZeiten": {"mo": "08-18", "sa": "09-13"},
}


@pytest.mark.parametrize("key", list(VALUES))
def test_cache_roundtrip(tmp_path, key):
    cache = FileCache(tmp_path / "cache")
    cache.set(key, VALUES[key])
    assert cache.get(key, default=MISSING) == VALUES[key], f"{key!r} not found under {cache.root}"


def test_missing_key_returns_default(tmp_path):
    assert FileCache(tmp_path).get("nope", default=0) == 0


def test_keys_are_listed(tmp_path):
    cache = FileCache(tmp_path)
    cache.set("b", 1)
    cache.set("a", 2)
    assert cache.keys() == ["a", "b"]
