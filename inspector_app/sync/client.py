"""HTTP client of the sync protocol (docs/SYNC_PROTOCOL.md), one method per endpoint.

Every request carries `X-Protocol-Version: 1` and the bearer token, verifies TLS against the
configured CA bundle, has a timeout, and turns every failure into a `SyncError` (errors.py).
Holds no database handle: it is plain data in, plain data out, safe for worker threads
(one `SyncClient` per thread; `requests.Session` is not shared across threads).
"""

from __future__ import annotations

import json
import platform
import threading
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

import requests

from inspector_app import __version__
from inspector_app.sync import errors
from inspector_app.sync.clock import server_offset
from inspector_app.sync.errors import SyncError

PROTOCOL_VERSION = "1"


def normalise_url(url: str) -> str:
    """`host:port`, `http://host/`, `…/api/v1` → the API base `scheme://host[:port]/api/v1`."""
    url = (url or "").strip()
    if not url:
        raise errors.bad_url(url)
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise errors.bad_url(url)
    path = parts.path.rstrip("/")
    if not path.endswith("/api/v1"):
        path = path + "/api/v1"
    return f"{parts.scheme}://{parts.netloc}{path}"


@dataclass
class Connection:
    """What a client needs to talk to the server: plain data, handed to worker threads."""

    base_url: str
    token: str = ""
    ca_bundle: str = ""
    timeout: float = 30.0
    device_id: str = ""

    @property
    def verify(self) -> bool | str:
        return self.ca_bundle or True


class SyncClient:
    def __init__(self, conn: Connection, session: requests.Session | None = None):
        self.conn = conn
        self.session = session or requests.Session()
        self.session.headers.update({
            "X-Protocol-Version": PROTOCOL_VERSION,
            "User-Agent": f"FieldInspector/{__version__} ({platform.system()})",
        })
        self.last_server_offset: float | None = None
        self._lock = threading.Lock()

    # -- plumbing -----------------------------------------------------------------------------
    def headers(self) -> dict[str, str]:
        out = {"X-Protocol-Version": PROTOCOL_VERSION}
        if self.conn.token:
            out["Authorization"] = f"Bearer {self.conn.token}"
        return out

    def url(self, path: str) -> str:
        return self.conn.base_url + path

    def request(self, method: str, path: str, *, json_body: Any = None, data: bytes | None = None,
                params: dict | None = None, auth: bool = True, ok: tuple[int, ...] = (200,)) -> requests.Response:
        url = self.url(path)
        headers = self.headers() if auth else {"X-Protocol-Version": PROTOCOL_VERSION}
        if data is not None:
            headers["Content-Type"] = "application/json"
        try:
            resp = self.session.request(method, url, json=json_body, data=data, params=params, headers=headers,
                                        timeout=self.conn.timeout, verify=self.conn.verify)
        except (requests.exceptions.RequestException, OSError) as exc:
            raise errors.from_exception(exc, url) from exc
        offset = server_offset(resp.headers.get("Date"))
        if offset is not None:
            self.last_server_offset = offset
        if resp.status_code not in ok:
            raise errors.from_response(resp)
        server_protocol = resp.headers.get("X-Protocol-Version")
        if server_protocol and server_protocol != PROTOCOL_VERSION:
            raise SyncError("protocol", errors.from_response(_Fake(426, resp.headers)).message,
                            detail=f"server protocol {server_protocol}")
        return resp

    def json(self, method: str, path: str, **kw: Any) -> dict:
        resp = self.request(method, path, **kw)
        try:
            body = resp.json()
        except ValueError as exc:
            raise errors.bad_response(resp.url, "not JSON") from exc
        if not isinstance(body, dict):
            raise errors.bad_response(resp.url, "not an object")
        return body

    # -- endpoints ----------------------------------------------------------------------------
    def health(self) -> dict:
        return self.json("GET", "/health", auth=False)

    def login(self, username: str, password: str, device_name: str = "") -> dict:
        body = {"username": username, "password": password, "device_id": self.conn.device_id,
                "device_name": device_name or platform.node()}
        out = self.json("POST", "/auth/login", json_body=body, auth=False)
        if not out.get("token"):
            raise errors.bad_response(self.conn.base_url, "login without token")
        self.conn.token = out["token"]
        return out

    def logout(self) -> None:
        self.json("POST", "/auth/logout")

    def push_raw(self, body: bytes) -> dict:
        """POST /push with a pre-serialised body (the outbox payloads are already JSON text)."""
        out = self.json("POST", "/push", data=body)
        if not isinstance(out.get("results"), list):
            raise errors.bad_response(self.conn.base_url, "push answer without results")
        return out

    def missing_blobs(self, hashes: list[str]) -> list[str]:
        missing: list[str] = []
        for start in range(0, len(hashes), 10_000):
            out = self.json("POST", "/blobs/missing", json_body={"hashes": hashes[start:start + 10_000]})
            missing.extend(out.get("missing", []))
        return missing

    def manifest(self, records: list[dict[str, str]]) -> list[dict]:
        answers: list[dict] = []
        for start in range(0, len(records), 5_000):
            out = self.json("POST", "/manifest", json_body={"records": records[start:start + 5_000]})
            answers.extend(out.get("records", []))
        return answers

    def pull(self, cursor: int, limit: int) -> dict:
        return self.json("GET", "/pull", params={"cursor": cursor, "limit": limit, "device_id": self.conn.device_id})

    def number_block(self, doc_type: str, year: int, count: int, request_id: str) -> dict:
        return self.json("POST", "/number-blocks", json_body={"device_id": self.conn.device_id, "doc_type": doc_type,
                                                              "year": year, "count": count, "request_id": request_id})

    def close(self) -> None:
        self.session.close()


class _Fake:
    """Just enough of a response for errors.from_response to word a protocol mismatch."""

    def __init__(self, status: int, headers: Any):
        self.status_code = status
        self.headers = headers
        self.text = ""

    def json(self) -> dict:
        return {"error": {"code": "protocol_mismatch"}}


ProgressFn = Callable[[dict], None]


def dumps_compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
