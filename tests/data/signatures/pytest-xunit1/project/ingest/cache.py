"""A JSON-file cache: one file per key under a root directory."""

import json
import os
import re

MISSING = type("Missing", (), {"__repr__": lambda self: "<MISSING>"})()

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def _safe(key):
    return _UNSAFE.sub("_", key)


class FileCache:
    def __init__(self, root):
        self.root = str(root)
        os.makedirs(self.root, exist_ok=True)

    def _path(self, key):
        return os.path.join(self.root, _safe(key) + ".json")

    def set(self, key, value):
        tmp = self._path(key) + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(value, fh)
        os.replace(tmp, self._path(key))

    def get(self, key, default=None):
        try:
            with open(os.path.join(self.root, key.lower() + ".json"), encoding="utf-8") as fh:
                return json.load(fh)
        except FileNotFoundError:
            return default

    def keys(self):
        return sorted(n[:-5] for n in os.listdir(self.root) if n.endswith(".json"))
