import time
import uuid
from dataclasses import dataclass, field


@dataclass(eq=False)
class Reading:
    sensor_id: str
    value: float
    unit: str = "C"
    ts: int = field(default_factory=lambda: int(time.time()))
    uuid: str = field(default_factory=lambda: str(uuid.uuid4()))

    def short_id(self) -> str:
        return self.uuid[:8]

    def __repr__(self) -> str:
        return f"<Reading {self.sensor_id} {self.short_id()} ts={self.ts} at {hex(id(self))}>"

    def to_dict(self) -> dict:
        return {"sensor": self.sensor_id, "value": self.value, "unit": self.unit,
                "ts": self.ts, "uuid": self.uuid}
