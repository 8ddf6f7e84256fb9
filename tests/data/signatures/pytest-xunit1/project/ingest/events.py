"""A synchronous publish/subscribe bus for pipeline events."""

import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Event:
    name: str
    payload: dict = field(default_factory=dict)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    ts_us: int = field(default_factory=lambda: time.time_ns() // 1000)


class EventBus:
    def __init__(self):
        self._subs = defaultdict(list)

    def subscribe(self, topic, handler):
        self._subs[topic].append(handler)

    def unsubscribe(self, topic, handler):
        self._subs[topic] = [h for h in self._subs[topic] if h is not handler]

    def subscribers(self, topic):
        return list(self._subs[topic])

    def publish(self, event):
        for handler in list(self._subs[event.name]):
            handler(event)
