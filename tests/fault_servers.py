"""Stand-ins for a service that fails: a port that accepts and never answers, and a proxy whose
fault can be switched on and off while the site runs."""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlsplit


def closed_port() -> int:
    """A port nothing listens on: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FaultyProxy:
    """Listens on a port of its own. `mode`: "forward" passes connections on to `upstream`;
    "hang" accepts and never answers (a hung service); "reset" accepts and closes at once.
    A change of mode also ends the connections already open, as a restart of the service would.
    """

    def __init__(self, upstream: str = "", *, mode: str = "hang"):
        parts = urlsplit(upstream) if upstream else None
        self.upstream = (parts.hostname, parts.port) if parts else None
        self._mode = mode
        self.accepted = 0  # connections so far: how often the service was asked
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", 0), backlog=64)
        self._server.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.getsockname()[1]}"

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, mode: str) -> None:
        self._mode = mode
        self._close_open()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._close_open()
        self._server.close()

    def _close_open(self) -> None:
        with self._lock:
            connections, self._open = self._open, []
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    def _keep(self, *connections: socket.socket) -> None:
        with self._lock:
            self._open.extend(connections)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._server.accept()
            except OSError:
                continue
            self.accepted += 1
            if self._mode == "reset":
                connection.close()
            elif self._mode == "forward":
                self._forward(connection)
            else:
                self._keep(connection)

    def _forward(self, connection: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            connection.close()
            return
        upstream.settimeout(None)
        self._keep(connection, upstream)
        for source, target in ((connection, upstream), (upstream, connection)):
            threading.Thread(target=_pump, args=(source, target), daemon=True).start()


def _pump(source: socket.socket, target: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            target.sendall(data)
    with contextlib.suppress(OSError):
        target.shutdown(socket.SHUT_WR)
