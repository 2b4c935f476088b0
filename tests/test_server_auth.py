"""Server: health, protocol version, login/logout, tokens, rate limiting, body limit, roles (real process)."""

from __future__ import annotations

import time

import requests

from tests.server_process import HEADERS, Api, any_server, running_server, server  # noqa: F401


def test_health_and_openapi(any_server):
    r = requests.get(any_server.base_url + "/health", headers=HEADERS, timeout=5)
    body = r.json()
    assert r.status_code == 200 and body["status"] == "ok" and body["protocol"] == 1 and body["server_time"].endswith("Z")
    assert r.headers["X-Protocol-Version"] == "1"
    spec = requests.get(any_server.base_url + "/openapi.json", timeout=5).json()
    for path in ("/api/v1/push", "/api/v1/pull", "/api/v1/manifest", "/api/v1/blobs/missing", "/api/v1/number-blocks",
                 "/api/v1/documents/verify", "/api/v1/auth/login"):
        assert path in spec["paths"]


def test_protocol_mismatch_is_426_with_json_error(server):
    r = requests.post(server.base_url + "/auth/login", headers={"X-Protocol-Version": "2"}, timeout=5,
                      json={"username": "insp1", "password": "demo-pass-1", "device_id": "d"})
    assert r.status_code == 426
    err = r.json()["error"]
    assert err["code"] == "protocol_mismatch" and err["server_protocol"] == 1
    assert "更新" in err["message"] and "update" in err["message_en"]
    assert requests.get(server.base_url + "/pull", timeout=5).status_code == 426  # header missing


def test_login_logout_and_token_errors(any_server):
    r = requests.post(any_server.base_url + "/auth/login", headers=HEADERS, timeout=5,
                      json={"username": "insp1", "password": "demo-pass-1", "device_id": "laptop-1", "device_name": "笔记本"})
    assert r.status_code == 200
    body = r.json()
    assert body["user"]["username"] == "insp1" and body["user"]["role"] == "inspector" and body["user"]["cert_no"]
    assert body["expires_at"] > time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    auth = dict(HEADERS, Authorization="Bearer " + body["token"])
    assert requests.get(any_server.base_url + "/pull", headers=auth, timeout=5).status_code == 200

    bad = requests.post(any_server.base_url + "/auth/login", headers=HEADERS, timeout=5,
                        json={"username": "insp1", "password": "wrong-password", "device_id": "laptop-1"})
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "login_failed"
    assert bad.json()["error"]["message"] == "用户名或密码错误。"

    none = requests.get(any_server.base_url + "/pull", headers=HEADERS, timeout=5)
    assert none.status_code == 401 and none.json()["error"]["code"] == "auth_required"
    forged = requests.get(any_server.base_url + "/pull", headers=dict(HEADERS, Authorization="Bearer nope"), timeout=5)
    assert forged.status_code == 401 and forged.json()["error"]["code"] == "token_invalid"

    assert requests.post(any_server.base_url + "/auth/logout", headers=auth, timeout=5).status_code == 200
    revoked = requests.get(any_server.base_url + "/pull", headers=auth, timeout=5)
    assert revoked.status_code == 401 and revoked.json()["error"]["code"] == "token_invalid"
    # the password hash is argon2, never the password
    assert any_server.cli("stats", "--json").returncode == 0


def test_token_expires(tmp_path):
    with running_server(tmp_path, extra_args=("--token-ttl", "1"), demo_password="demo-pass-1") as srv:
        api = Api(srv, "insp1")
        assert api.get("/pull")[0] == 200
        time.sleep(1.5)
        status, body = api.get("/pull")
        assert status == 401 and body["error"]["code"] == "token_expired"
        assert "重新登录" in body["error"]["message"]


def test_login_rate_limited_with_retry_after(tmp_path):
    with running_server(tmp_path, extra_args=("--login-max-failures", "3", "--login-window", "2"), demo_password="demo-pass-1") as srv:
        url = srv.base_url + "/auth/login"
        for _ in range(3):
            r = requests.post(url, headers=HEADERS, json={"username": "insp2", "password": "guess", "device_id": "d"}, timeout=5)
            assert r.status_code == 401
        r = requests.post(url, headers=HEADERS, json={"username": "insp2", "password": "demo-pass-1", "device_id": "d"}, timeout=5)
        assert r.status_code == 429
        assert 1 <= int(r.headers["Retry-After"]) <= 2
        assert r.json()["error"]["code"] == "rate_limited" and r.json()["error"]["retry_after"] >= 1
        # another user is not affected; after the window the right password works again
        ok = requests.post(url, headers=HEADERS, json={"username": "insp1", "password": "demo-pass-1", "device_id": "d"}, timeout=5)
        assert ok.status_code == 200
        time.sleep(int(r.headers["Retry-After"]) + 0.2)
        again = requests.post(url, headers=HEADERS, json={"username": "insp2", "password": "demo-pass-1", "device_id": "d"}, timeout=5)
        assert again.status_code == 200


def test_body_size_limit_is_413(tmp_path):
    with running_server(tmp_path, extra_args=("--max-body", "20000"), demo_password="demo-pass-1") as srv:
        api = Api(srv, "insp1")
        big = {"device_id": "d", "changes": [{"change_id": "x", "entity": "enterprise", "entity_id": "e", "op": "update",
                                               "payload": {"id": "e", "name": "字" * 30000}}]}
        status, body = api.post("/push", big)
        assert status == 413 and body["error"]["code"] == "too_large" and body["error"]["limit"] == 20000
        # chunked upload without Content-Length is cut off as well
        def gen():
            yield b'{"device_id":"d","changes":['
            for _ in range(100):
                yield b'{"change_id":"' + b"x" * 400 + b'"},'
            yield b"{}]}"
        r = api.session.post(srv.base_url + "/push", data=gen(), headers={"Content-Type": "application/json"}, timeout=10)
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
        assert api.get("/pull")[0] == 200  # the server is fine afterwards


def test_roles_forbidden(server):
    lab = Api(server, "lab1")
    status, body = lab.post("/number-blocks", {"device_id": "d", "doc_type": "sampling_record", "year": 2026, "count": 10})
    assert status == 403 and body["error"]["code"] == "forbidden" and body["error"]["message"]


def test_cli_user_add_and_bad_role(tmp_path):
    with running_server(tmp_path) as srv:
        out = srv.cli("user", "add", "zhao", "--password", "s3cret-pass", "--role", "inspector", "--cert-no", "鲁执001")
        assert '"role": "inspector"' in out.stdout
        assert srv.cli("user", "add", "zhao", "--password", "s3cret-pass", "--role", "inspector", check=False).returncode == 1
        assert srv.cli("user", "add", "qian", "--password", "short", "--role", "lab", check=False).returncode == 1
        Api(srv, "zhao", password="s3cret-pass")
