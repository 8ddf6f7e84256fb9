"""Drop readings re-sent by flaky probes within a time window."""


class Deduper:
    def __init__(self, window_s: int = 300):
        self.window_s = window_s
        self._seen = {}

    def accept(self, reading) -> bool:
        key = id(reading)
        last = self._seen.get(key)
        if last is not None and reading.ts - last < self.window_s:
            return False
        self._seen[key] = reading.ts
        return True

    def filter(self, readings):
        return [r for r in readings if self.accept(r)]
