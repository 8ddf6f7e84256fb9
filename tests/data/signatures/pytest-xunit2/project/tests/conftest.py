import json
import socket
import threading

import pytest

from shopkit import config
from shopkit.pool import ConnectionPool


class StockServer:
    """A real TCP server on 127.0.0.1:<ephemeral> that replays scripted replies."""

    def __init__(self, replies, default="OK 42"):
        self.replies = list(replies)
        self.default = default
        self.hits = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.host, self.port = self.sock.getsockname()
        self._stop = False
        self._thread = threading.Thread(target=self._serve, name=f"stock-{self.port}", daemon=True)
        self._thread.start()

    @property
    def address(self):
        return f"{self.host}:{self.port}"

    def _serve(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                buf = b""
                while not buf.endswith(b"\n"):
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    buf += chunk
                self.hits += 1
                reply = self.replies.pop(0) if self.replies else self.default
                conn.sendall(reply.encode() + b"\n")

    def close(self):
        self._stop = True
        self.sock.close()


@pytest.fixture
def stock_server(request):
    marker = request.node.get_closest_marker("replies")
    replies = marker.args[0] if marker else []
    default = marker.kwargs.get("default", "OK 42") if marker else "OK 42"
    server = StockServer(replies, default=default)
    yield server
    server.close()


@pytest.fixture
def pool():
    p = ConnectionPool(size=3)
    yield p
    p.close()


@pytest.fixture
def app_config(tmp_path):
    path = tmp_path / "shop.json"
    path.write_text(json.dumps({"http": {"port": 0}, "db": {"host": "db.internal"}}))
    cfg = config.load(path, env={})
    # the checkout service refuses to start without a bounded HTTP timeout
    assert cfg.get("http.timeout") > 0
    return cfg


def pytest_configure(config):
    config.addinivalue_line("markers", "replies(list, default=...): scripted stock-server replies")
