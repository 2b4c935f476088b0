"""Pure ASGI middleware: protocol version (426), body size limits (413), test fault injection.

Pure ASGI (not BaseHTTPMiddleware) so that streaming tus uploads are not buffered.
"""

from __future__ import annotations

import json
import threading

from inspector_server import PROTOCOL_VERSION
from inspector_server.errors import error_body

API = "/api/v1"


class BodyTooLarge(Exception):
    pass


async def _send_json(send, status: int, body: dict, headers: list | None = None) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    hdrs = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
            (b"x-protocol-version", str(PROTOCOL_VERSION).encode())] + (headers or [])
    await send({"type": "http.response.start", "status": status, "headers": hdrs})
    await send({"type": "http.response.body", "body": data})


class GuardMiddleware:
    def __init__(self, app, *, max_body: int, max_chunk: int, faults: list[str] = ()):
        self.app, self.max_body, self.max_chunk = app, max_body, max_chunk
        self.faults: dict[str, tuple[int, bool]] = {}
        for spec in faults:
            parts = spec.split(":")
            self.faults["/" + parts[0].strip("/")] = (int(parts[1]), len(parts) > 2 and parts[2] == "after")
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path: str = scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        is_api = path.startswith(API)
        public = path in (f"{API}/openapi.json", f"{API}/docs", f"{API}/docs/oauth2-redirect", f"{API}/documents/verify")
        if is_api and not public and scope["method"] != "OPTIONS":
            sent = headers.get("x-protocol-version")
            if sent != str(PROTOCOL_VERSION) and not (sent is None and path == f"{API}/health"):
                return await _send_json(send, 426, error_body(
                    "protocol_mismatch",
                    f"应用版本与服务器不兼容（服务器协议版本 {PROTOCOL_VERSION}），请更新应用。",
                    f"The application does not match the server (server protocol {PROTOCOL_VERSION}); update the application.",
                    server_protocol=PROTOCOL_VERSION, client_protocol=sent))
        limit = self.max_chunk if path.startswith(f"{API}/files") else self.max_body
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            return await _too_large(send, limit)

        fail_before = fail_after = False
        rel = path[len(API):] if is_api else path
        if rel in self.faults:
            n, after = self.faults[rel]
            with self.lock:
                self.counts[rel] = self.counts.get(rel, 0) + 1
                hit = self.counts[rel] == n
            fail_before, fail_after = hit and not after, hit and after
        if fail_before:
            return await _send_json(send, 500, error_body("server_error", "服务器内部错误，请稍后重试。",
                                                          "Internal server error; try again later.", injected=True))

        if length is None and scope["method"] in ("POST", "PUT", "PATCH") and not path.startswith(f"{API}/files"):
            # Chunked body without Content-Length: read it here, within the limit, then replay it.
            chunks, total = [], 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunks.append(message.get("body", b""))
                total += len(chunks[-1])
                if total > limit:
                    return await _too_large(send, limit)
                if not message.get("more_body"):
                    break
            body = b"".join(chunks)
            replayed = False

            async def receive():  # noqa: F811 - the replayed body
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return {"type": "http.disconnect"}

        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        started = False

        async def send_wrapper(message):
            nonlocal started
            if fail_after:
                return  # swallow the real answer; a 500 is sent once the work is done
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + [(b"x-protocol-version", str(PROTOCOL_VERSION).encode())]
            await send(message)

        try:
            await self.app(scope, limited_receive, send_wrapper)
        except BodyTooLarge:
            if not started:
                return await _too_large(send, limit)
            raise
        if fail_after:
            await _send_json(send, 500, error_body("server_error", "服务器内部错误，请稍后重试。",
                                                   "Internal server error; try again later.", injected=True))


def too_large_body(limit: int) -> dict:
    return error_body(
        "too_large", f"请求内容超过服务器上限（{limit} 字节），请分批发送。",
        f"The request exceeds the server's limit of {limit} bytes; send smaller batches.", limit=limit)


async def _too_large(send, limit: int) -> None:
    await _send_json(send, 413, error_body(
        "too_large", f"请求内容超过服务器上限（{limit} 字节），请分批发送。",
        f"The request exceeds the server's limit of {limit} bytes; send smaller batches.", limit=limit))
