"""Every transport failure becomes a SyncError with words an inspector understands.

Real sockets only: a closed port (refused), an unresolvable host (DNS), a listener that never
answers (timeout), a TLS server with a certificate nobody trusts, and a small HTTP server
answering the statuses the protocol defines.
"""

from __future__ import annotations

import http.server
import json
import socket
import ssl
import subprocess
import threading

import pytest

from inspector_app.i18n import set_language
from inspector_app.sync.client import Connection, SyncClient, normalise_url
from inspector_app.sync.errors import SyncError


@pytest.fixture(autouse=True)
def _chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _StatusHandler(http.server.BaseHTTPRequestHandler):
    answers: dict[str, tuple[int, dict, dict]] = {}

    def _answer(self) -> None:
        status, body, headers = self.answers.get(self.path.split("?")[0], (404, {"error": {"code": "not_found"}}, {}))
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(raw)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def status_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _StatusHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _client(url: str, **kw) -> SyncClient:
    return SyncClient(Connection(base_url=normalise_url(url), token="t", timeout=kw.pop("timeout", 3.0), **kw))


def _error(fn) -> SyncError:
    with pytest.raises(SyncError) as info:
        fn()
    return info.value


def test_refused_connection_is_explained():
    err = _error(lambda: _client(f"http://127.0.0.1:{_free_port()}").health())
    assert err.kind == "refused" and err.retryable
    assert "拒绝连接" in err.message and "重试" in err.message
    assert "Errno" not in err.message and "HTTPConnectionPool" not in err.message


def test_unknown_host_is_explained():
    err = _error(lambda: _client("http://no-such-host.invalid:8080").health())
    assert err.kind == "dns"
    assert "找不到服务器" in err.message and "no-such-host.invalid" in err.message


def test_silent_server_times_out_with_words():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        err = _error(lambda: _client(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=0.5).health())
    finally:
        listener.close()
    assert err.kind == "timeout" and err.retryable
    assert "超时" in err.message


def test_untrusted_certificate_is_refused_and_ca_bundle_fixes_it(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    _StatusHandler.answers = {"/api/v1/health": (200, {"status": "ok", "protocol": 1}, {"X-Protocol-Version": "1"})}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _StatusHandler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(cert), str(key))
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"https://127.0.0.1:{server.server_address[1]}"
    try:
        err = _error(lambda: _client(url).health())
        assert err.kind == "tls"
        assert "证书" in err.message and "CA" in err.message
        assert _client(url, ca_bundle=str(cert)).health()["status"] == "ok"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "status,code,kind,words",
    [
        (401, "token_expired", "unauthorized", "重新登录"),
        (401, "login_failed", "login_failed", "用户名或密码不正确"),
        (403, "forbidden", "forbidden", "无权"),
        (413, "too_large", "too_large", "超过"),
        (429, "rate_limited", "rate_limited", "秒后"),
        (500, "server_error", "server", "自动重试"),
        (503, "unavailable", "server", "自动重试"),
        (426, "protocol_mismatch", "protocol", "升级"),
    ],
)
def test_http_statuses_become_inspector_words(status_server, status, code, kind, words):
    headers = {"Retry-After": "42"} if status == 429 else {}
    _StatusHandler.answers = {"/api/v1/push": (status, {"error": {"code": code, "message": "x"}}, headers)}
    client = _client(f"http://127.0.0.1:{status_server.server_address[1]}")
    err = _error(lambda: client.push_raw(b'{"device_id":"d","changes":[]}'))
    assert err.kind == kind
    assert words in err.message
    assert str(status) not in err.message or kind == "server"  # no raw HTTP codes, except "fault (500)" as a reference
    if status == 429:
        assert err.retry_after == 42 and "42" in err.message


def test_english_messages_follow_the_language(status_server):
    set_language("en")
    _StatusHandler.answers = {"/api/v1/push": (401, {"error": {"code": "token_expired"}}, {})}
    err = _error(lambda: _client(f"http://127.0.0.1:{status_server.server_address[1]}").push_raw(b"{}"))
    assert "log in again" in err.message.lower()


def test_every_request_carries_protocol_version_and_token(status_server):
    seen = {}

    class Recorder(_StatusHandler):
        def _answer(self):
            seen.update({k.lower(): v for k, v in self.headers.items()})
            super()._answer()

        do_GET = do_POST = _answer

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Recorder.answers = {"/api/v1/blobs/missing": (200, {"missing": []}, {})}
    try:
        _client(f"http://127.0.0.1:{server.server_address[1]}").missing_blobs(["a" * 64])
    finally:
        server.shutdown()
        server.server_close()
    assert seen["x-protocol-version"] == "1"
    assert seen["authorization"] == "Bearer t"


def test_bad_server_address_is_explained():
    err = _error(lambda: normalise_url("ftp://example"))
    assert err.kind == "bad_url" and "地址" in err.message
    assert normalise_url("127.0.0.1:8000") == "https://127.0.0.1:8000/api/v1"
    assert normalise_url("http://h:1/api/v1/") == "http://h:1/api/v1"
