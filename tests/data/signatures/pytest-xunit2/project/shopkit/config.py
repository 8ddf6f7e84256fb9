"""Layered configuration: built-in defaults overlaid with a JSON file."""

import copy
import json
import os

DEFAULTS = {
    "http": {"host": "127.0.0.1", "port": 8080, "timeout": 5.0},
    "db": {"host": "localhost", "port": 5432, "pool_size": 4, "name": "shop"},
    "checkout": {"currency": "EUR", "max_items": 50},
}


class Config:
    def __init__(self, data, source=None):
        self._data = data
        self.source = source

    def get(self, dotted):
        node = self._data
        for part in dotted.split("."):
            node = node[part]
        return node

    def section(self, name):
        return dict(self._data[name])


def _merge(base, override):
    merged = copy.deepcopy(base)
    merged.update(override)
    return merged


def load(path=None, env=os.environ):
    data = {}
    if path is not None:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    merged = _merge(DEFAULTS, data)
    if "SHOP_DB_HOST" in env:
        merged.setdefault("db", {})["host"] = env["SHOP_DB_HOST"]
    return Config(merged, source=str(path) if path else None)
