"""A small TCP proxy for fault tests: forwards loopback connections to the real server and,
on command, cuts the connection after N more bytes from the client, or answers a request
itself with an HTTP status (413, 500 …) instead of forwarding it.

    with TcpProxy(target_port) as proxy:
        proxy.cut_after(12_345)            # the next connection that carries 12,345 more bytes dies
        proxy.inject_status(500, path="/api/v1/push")   # the next matching request gets a 500
        proxy.url  -> "http://127.0.0.1:<port>"

Counters: `bytes_up` (client → server, forwarded), `cuts` (connections dropped on purpose).
The cut is a hard close of both sockets (RST where possible), like a network drop.
"""

from __future__ import annotations

import random
import select
import socket
import struct
import threading
from dataclasses import dataclass, field


@dataclass
class _Injection:
    status: int
    path: str | None
    remaining: int


@dataclass
class TcpProxy:
    target_port: int
    target_host: str = "127.0.0.1"
    port: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    cuts: int = 0
    injected: int = 0
    _cut_budget: list[int] = field(default_factory=list)
    _injections: list[_Injection] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", self.port))
        self._server.listen(64)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._open: set[socket.socket] = set()
        self._budget_left: int | None = None

    # -- control ------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut_after(self, *offsets: int) -> None:
        """Queue cuts: each value is the number of client bytes forwarded before the next drop."""
        with self._lock:
            self._cut_budget.extend(offsets)
            if self._budget_left is None and self._cut_budget:
                self._budget_left = self._cut_budget.pop(0)

    def random_cuts(self, count: int, low: int, high: int, seed: int = 1) -> list[int]:
        rng = random.Random(seed)
        offsets = [rng.randrange(low, high) for _ in range(count)]
        self.cut_after(*offsets)
        return offsets

    def pending_cuts(self) -> int:
        with self._lock:
            return len(self._cut_budget) + (1 if self._budget_left is not None else 0)

    def inject_status(self, status: int, path: str | None = None, times: int = 1) -> None:
        """The next `times` requests whose path starts with `path` are answered `status` by the proxy."""
        with self._lock:
            self._injections.append(_Injection(status, path, times))

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> "TcpProxy":
        t = threading.Thread(target=self._accept, name="tcp-proxy", daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def close(self) -> None:
        self._stop.set()
        try:
            self._server.close()
        except OSError:
            pass
        with self._lock:
            for s in list(self._open):
                _hard_close(s)
            self._open.clear()

    def __enter__(self) -> "TcpProxy":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- work ---------------------------------------------------------------------------------
    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            t = threading.Thread(target=self._serve, args=(client,), daemon=True)
            t.start()

    def _match_injection(self, head: bytes) -> _Injection | None:
        try:
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            method, target, _ = line.split(" ", 2)
        except ValueError:
            return None
        with self._lock:
            for inj in self._injections:
                if inj.remaining > 0 and (inj.path is None or target.startswith(inj.path)):
                    inj.remaining -= 1
                    if inj.remaining == 0:
                        self._injections.remove(inj)
                    self.injected += 1
                    return inj
        return None

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection((self.target_host, self.target_port))
        except OSError:
            _hard_close(client)
            return
        with self._lock:
            self._open.update((client, upstream))
        socks = [client, upstream]
        fresh_request = True
        try:
            while not self._stop.is_set():
                readable, _, _ = select.select(socks, [], [], 0.5)
                for s in readable:
                    data = s.recv(65536)
                    if not data:
                        return
                    if s is client:
                        if fresh_request and self._injections and data[:8].split(b" ")[0] in (
                                b"GET", b"POST", b"PATCH", b"HEAD", b"PUT", b"DELETE"):
                            inj = self._match_injection(data)
                            if inj is not None:
                                body = b'{"error":{"code":"injected","message":"\xe6\xb3\xa8\xe5\x85\xa5","message_en":"injected"}}'
                                client.sendall(b"HTTP/1.1 %d Injected\r\nContent-Type: application/json\r\n"
                                               b"X-Protocol-Version: 1\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                                               % (inj.status, len(body)) + body)
                                return
                        fresh_request = False
                        data, cut = self._forward_budget(data)
                        if data:
                            upstream.sendall(data)
                        if cut:
                            return  # drop both sides mid-stream
                        with self._lock:
                            self.bytes_up += len(data)
                    else:
                        client.sendall(data)
                        fresh_request = True  # the answer is coming: a new request may follow
                        with self._lock:
                            self.bytes_down += len(data)
        except OSError:
            return
        finally:
            with self._lock:
                self._open.discard(client)
                self._open.discard(upstream)
            _hard_close(client)
            _hard_close(upstream)

    def _forward_budget(self, data: bytes) -> tuple[bytes, bool]:
        """What may still be forwarded, and whether the connection dies after it."""
        with self._lock:
            if self._budget_left is None or len(data) < self._budget_left:
                if self._budget_left is not None:
                    self._budget_left -= len(data)
                return data, False
            part = data[: self._budget_left]
            self._budget_left = self._cut_budget.pop(0) if self._cut_budget else None
            self.cuts += 1
            self.bytes_up += len(part)
            return part, True


def _hard_close(s: socket.socket) -> None:
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST, like a dropped link
    except OSError:
        pass
    try:
        s.close()
    except OSError:
        pass
