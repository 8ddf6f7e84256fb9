"""On-disk spool: incoming/ for new batches, done/ for processed ones."""

import os
import time


class Spool:
    def __init__(self, root):
        self.root = str(root)
        os.makedirs(self.root)
        for sub in ("incoming", "done"):
            os.makedirs(os.path.join(self.root, sub), exist_ok=True)

    def put(self, name, data):
        path = os.path.join(self.root, "incoming", f"{int(time.time() * 1000)}-{name}")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(data)
        return path

    def pending(self):
        return sorted(os.listdir(os.path.join(self.root, "incoming")))

    def mark_done(self, fname):
        os.replace(os.path.join(self.root, "incoming", fname), os.path.join(self.root, "done", fname))
