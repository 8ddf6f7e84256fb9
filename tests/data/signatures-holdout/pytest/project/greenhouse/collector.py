"""TCP collector: length-prefixed JSON readings in, 'ACK <uuid>' lines out."""
import json
import socket
import struct
import threading


class CollectorTimeout(TimeoutError):
    pass


class Collector:
    def __init__(self, flush_every: int = 3, sink=None):
        self.flush_every = flush_every
        self.sink = sink if sink is not None else []
        self._buffer = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sock = None
        self.port = None

    # --- server side ----------------------------------------------------------
    def start(self):
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        t = threading.Thread(target=self._serve, name=f"collector-{self.port}", daemon=True)
        t.start()
        return self

    def stop(self):
        self._stop.set()
        if self._sock is not None:
            self._sock.close()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        with conn:
            while True:
                head = conn.recv(4)
                if len(head) < 4:
                    return
                (n,) = struct.unpack(">I", head)
                body = b""
                while len(body) < n:
                    chunk = conn.recv(n - len(body))
                    if not chunk:
                        return
                    body += chunk
                msg = json.loads(body)
                self._ingest(msg)
                conn.sendall(f"ACK {msg['uuid']}\n".encode())

    def _ingest(self, msg):
        with self._lock:
            self._buffer.append(msg)
            if len(self._buffer) >= self.flush_every:
                self.flush()

    def _drain(self):
        with self._lock:
            self.sink.extend(self._buffer)
            self._buffer.clear()

    def flush(self):
        with self._lock:
            self._drain()

    def buffered(self):
        return len(self._buffer)


class CollectorClient:
    def __init__(self, port, timeout=0.5):
        self.addr = ("127.0.0.1", port)
        self.timeout = timeout
        self._sock = socket.create_connection(self.addr, timeout=timeout)
        self._rfile = self._sock.makefile("rb")

    def send(self, reading):
        body = json.dumps(reading.to_dict()).encode()
        self._sock.sendall(struct.pack(">I", len(body)) + body)
        try:
            line = self._rfile.readline()
        except socket.timeout:
            raise CollectorTimeout(
                f"no ACK from {self.addr[0]}:{self.addr[1]} for reading "
                f"{reading.short_id()} after {self.timeout}s") from None
        if not line:
            raise ConnectionError(f"collector {self.addr[0]}:{self.addr[1]} closed connection")
        return line.decode().split()[1]

    def close(self):
        self._rfile.close()
        self._sock.close()
