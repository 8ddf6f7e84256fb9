"""On-disk spool of reading batches, one directory per sensor."""
import json
import os
import time


class SpoolLocked(RuntimeError):
    pass


class Spool:
    def __init__(self, root):
        self.root = str(root)
        os.makedirs(self.root, exist_ok=True)

    def _sensor_dir(self, sensor_id):
        return os.path.join(self.root, sensor_id)

    def write_batch(self, sensor_id, readings):
        path = os.path.join(self._sensor_dir(sensor_id), f"batch-{int(time.time())}.jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            for r in readings:
                fh.write(json.dumps(r.to_dict()) + "\n")
        return path

    def replay(self, sensor_id):
        out = []
        d = self._sensor_dir(sensor_id)
        for name in sorted(os.listdir(d)):
            with open(os.path.join(d, name), encoding="utf-8") as fh:
                out.extend(json.loads(line) for line in fh if line.strip())
        return sorted(out, key=lambda r: r["ts"])

    # --- single-writer lock -------------------------------------------------
    def _lock_path(self):
        return os.path.join(self.root, f".lock-{os.getpid()}")

    def lock(self):
        for name in os.listdir(self.root):
            if name.startswith(".lock-"):
                raise SpoolLocked(f"spool {self.root} already locked by {name[6:]}")
        with open(self._lock_path(), "w") as fh:
            fh.write(str(os.getpid()))

    def unlock(self):
        os.remove(os.path.join(self.root, ".lock"))
