from ingest.events import Event, EventBus


class AuditHandler:
    def __init__(self):
        self.received = []

    def on_event(self, event):
        self.received.append(event)


def test_publish_reaches_subscriber():
    bus, handler = EventBus(), AuditHandler()
    bus.subscribe("order.paid", handler.on_event)
    bus.publish(Event("order.paid", {"order": 17}))
    assert len(handler.received) == 1


def test_unsubscribe_plain_function():
    bus, seen = EventBus(), []

    def on_event(e):
        seen.append(e)

    bus.subscribe("order.paid", on_event)
    bus.unsubscribe("order.paid", on_event)
    bus.publish(Event("order.paid"))
    assert seen == []


def test_unsubscribe_stops_delivery():
    bus, handler = EventBus(), AuditHandler()
    bus.subscribe("order.paid", handler.on_event)
    bus.unsubscribe("order.paid", handler.on_event)
    bus.publish(Event("order.paid", {"order": 18}))
    assert handler.received == []


def test_unsubscribe_removes_subscriber():
    bus, handler = EventBus(), AuditHandler()
    bus.subscribe("order.refunded", handler.on_event)
    bus.unsubscribe("order.refunded", handler.on_event)
    assert handler.on_event not in bus.subscribers("order.refunded")


def test_resubscribe_delivers_once():
    bus, handler = EventBus(), AuditHandler()
    bus.subscribe("order.paid", handler.on_event)
    bus.unsubscribe("order.paid", handler.on_event)
    bus.subscribe("order.paid", handler.on_event)
    bus.publish(Event("order.paid", {"order": 19}))
    assert len(handler.received) == 1
