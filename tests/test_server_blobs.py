"""Server blobs: which are missing, tus upload with resume after a cut, hash check, manifest."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
from urllib.parse import urlparse

import requests
from tusclient import client as tus

from tests.server_process import HEADERS, Api, any_server, change, inspection_row, server  # noqa: F401


def _attachment(inspection: dict, sha: str) -> dict:
    from inspector_app.domain.ids import uuid7

    return {"id": uuid7(), "blob_sha256": sha, "owner_kind": "inspection", "owner_id": inspection["id"], "item_id": "item-1",
            "role": "photo", "caption": "现场照片", "removed_at": None, "removed_reason": None,
            "created_at": inspection["created_at"], "updated_at": inspection["created_at"], "version": 1, "author": "张伟",
            "state": "active"}


def _meta(sha: str, name: str = "photo.jpg") -> str:
    def b64(s):
        return base64.b64encode(s.encode()).decode()
    return f"sha256 {b64(sha)},filename {b64(name)},filetype {b64('image/jpeg')}"


def test_missing_upload_manifest_complete(any_server, tmp_path):
    api = Api(any_server, "insp1")
    task = api.my_tasks()[0]
    photo = os.urandom(300_000)
    sha = hashlib.sha256(photo).hexdigest()
    insp = inspection_row(task)
    att = _attachment(insp, sha)
    results = api.push([change("inspection", insp, blobs=[sha]), change("attachment", att, blobs=[sha])])
    assert [r["status"] for r in results] == ["applied", "applied"]

    refs = [{"entity": "inspection", "id": insp["id"]}, {"entity": "attachment", "id": att["id"]},
            {"entity": "sample", "id": "never-pushed"}]
    status, body = api.post("/manifest", {"records": refs})
    assert status == 200
    assert body["records"][0] == {"entity": "inspection", "id": insp["id"], "present": True, "complete": False, "missing_blobs": [sha]}
    assert body["records"][2]["present"] is False and body["records"][2]["complete"] is False
    assert any_server.stats()["incomplete_manifests"] == 2
    assert api.post("/blobs/missing", {"hashes": [sha, sha]})[1] == {"missing": [sha]}

    path = tmp_path / "photo.jpg"
    path.write_bytes(photo)
    client = tus.TusClient(any_server.base_url + "/files/", headers=dict(api.session.headers))
    uploader = client.uploader(str(path), chunk_size=64 * 1024,
                               metadata={"sha256": sha, "filename": "photo.jpg", "filetype": "image/jpeg"})
    uploader.upload()

    assert api.post("/blobs/missing", {"hashes": [sha]})[1] == {"missing": []}
    status, body = api.post("/manifest", {"records": refs[:2]})
    assert all(r["complete"] and r["missing_blobs"] == [] for r in body["records"])
    stored = any_server.data_dir / "blobs" / sha[:2] / sha[2:4] / sha
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    stats = any_server.stats()
    assert stats["blobs"] == 1 and stats["incomplete_manifests"] == 0

    # another inspector cannot read this record's manifest
    any_server.cli("user", "add", "insp7", "--password", "other-pass-7", "--role", "inspector")
    stranger = Api(any_server, "insp7", password="other-pass-7")
    assert stranger.post("/manifest", {"records": refs[:1]})[1]["records"][0]["present"] is False


def _create(srv, api, size: int, sha: str) -> str:
    r = api.session.post(srv.base_url + "/files/", headers={"Tus-Resumable": "1.0.0", "Upload-Length": str(size),
                                                            "Upload-Metadata": _meta(sha)}, timeout=10)
    assert r.status_code == 201, r.text
    return r.headers["Location"]


def _offset(api, url: str) -> int:
    r = api.session.head(url, headers={"Tus-Resumable": "1.0.0"}, timeout=10)
    assert r.status_code == 200, r.status_code
    return int(r.headers["Upload-Offset"])


def _patch(api, url: str, offset: int, data: bytes) -> requests.Response:
    return api.session.patch(url, data=data, timeout=30, headers={
        "Tus-Resumable": "1.0.0", "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"})


def _cut_patch(api, url: str, offset: int, data: bytes, send: int) -> None:
    """Start a PATCH announcing all of `data` but drop the connection after `send` bytes of body."""
    u = urlparse(url)
    head = (f"PATCH {u.path} HTTP/1.1\r\nHost: {u.netloc}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: {offset}\r\n"
            f"Content-Type: application/offset+octet-stream\r\nContent-Length: {len(data)}\r\n"
            f"X-Protocol-Version: 1\r\nAuthorization: {api.session.headers['Authorization']}\r\n\r\n").encode()
    with socket.create_connection((u.hostname, u.port), timeout=10) as s:
        s.sendall(head + data[:send])
        s.shutdown(socket.SHUT_RDWR)


def test_upload_resumes_at_server_offset_after_cuts(any_server):
    import time

    api = Api(any_server, "insp1")
    data = os.urandom(1_000_000)
    sha = hashlib.sha256(data).hexdigest()
    url = _create(any_server, api, len(data), sha)
    assert _offset(api, url) == 0
    r = _patch(api, url, 0, data[:200_000])
    assert r.status_code == 204 and int(r.headers["Upload-Offset"]) == 200_000

    sent_after = []
    for cut_at in (150_000, 333_333):
        offset = _offset(api, url)
        _cut_patch(api, url, offset, data[offset:], cut_at)
        deadline = time.monotonic() + 10
        while _offset(api, url) < offset + cut_at and time.monotonic() < deadline:
            time.sleep(0.05)
        new_offset = _offset(api, url)
        assert offset < new_offset <= offset + cut_at  # bytes received before the cut are kept
        sent_after.append(new_offset)
    offset = _offset(api, url)
    r = _patch(api, url, offset, data[offset:])
    assert r.status_code == 204
    assert api.post("/blobs/missing", {"hashes": [sha]})[1] == {"missing": []}
    stored = any_server.data_dir / "blobs" / sha[:2] / sha[2:4] / sha
    assert stored.read_bytes() == data
    # a PATCH at a wrong offset is refused with the server's offset to resume from
    url2 = _create(any_server, api, 10, hashlib.sha256(b"0123456789").hexdigest())
    r = _patch(api, url2, 5, b"56789")
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"


def test_upload_with_wrong_hash_is_discarded(server):
    api = Api(server, "insp1")
    data = b"real bytes of a photo"
    claimed = hashlib.sha256(b"something else").hexdigest()
    url = _create(server, api, len(data), claimed)
    r = _patch(api, url, 0, data)
    assert r.status_code == 460 and r.json()["error"]["code"] == "hash_mismatch"
    assert api.post("/blobs/missing", {"hashes": [claimed, hashlib.sha256(data).hexdigest()]})[1]["missing"] == [
        claimed, hashlib.sha256(data).hexdigest()]
    assert not list((server.data_dir / "blobs").rglob("*" + claimed[-8:]))
    assert not [p for p in (server.data_dir / "uploads").iterdir() if p.is_file()]


def test_upload_needs_auth_and_sha256(server):
    r = requests.post(server.base_url + "/files/", timeout=5, headers=dict(HEADERS, **{
        "Tus-Resumable": "1.0.0", "Upload-Length": "10", "Upload-Metadata": _meta("a" * 64)}))
    assert r.status_code == 401 and r.json()["error"]["code"] == "auth_required"
    api = Api(server, "insp1")
    r = api.session.post(server.base_url + "/files/", timeout=5, headers={
        "Tus-Resumable": "1.0.0", "Upload-Length": "10", "Upload-Metadata": "filename " + base64.b64encode(b"x").decode()})
    assert r.status_code == 400 and "sha256" in r.json()["error"]["message_en"]
    status, body = api.post("/blobs/missing", {"hashes": ["xyz"]})
    assert status == 400 and body["error"]["code"] == "bad_request"


def test_whole_file_in_the_creation_request(any_server):
    """One request per photo: a creation-with-upload POST carrying every byte completes at once."""
    api = Api(any_server, "insp1")
    data = os.urandom(200_000)
    sha = hashlib.sha256(data).hexdigest()
    headers = {"Tus-Resumable": "1.0.0", "Upload-Length": str(len(data)), "Upload-Metadata": _meta(sha),
               "Content-Type": "application/offset+octet-stream"}
    r = api.session.post(any_server.base_url + "/files/", data=data, headers=headers, timeout=10)
    assert r.status_code == 201 and int(r.headers["Upload-Offset"]) == len(data)
    assert api.post("/blobs/missing", {"hashes": [sha]})[1] == {"missing": []}
    bad = os.urandom(1000)
    r = api.session.post(any_server.base_url + "/files/", data=bad, timeout=10,
                         headers=dict(headers, **{"Upload-Length": "1000", "Upload-Metadata": _meta("e" * 64)}))
    assert r.status_code == 460 and r.json()["error"]["code"] == "hash_mismatch"
    assert api.post("/blobs/missing", {"hashes": ["e" * 64]})[1] == {"missing": ["e" * 64]}


def test_download_blob_of_a_visible_record(server):
    owner = Api(server, "insp1")
    task = owner.my_tasks()[0]
    data = os.urandom(5000)
    sha = hashlib.sha256(data).hexdigest()
    insp = inspection_row(task)
    owner.push([change("inspection", insp, blobs=[sha])])
    partner = Api(server, "insp2", device_id="dev-2")
    r = partner.session.get(f"{server.base_url}/blobs/{sha}", timeout=10)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    headers = {"Tus-Resumable": "1.0.0", "Upload-Length": str(len(data)), "Upload-Metadata": _meta(sha),
               "Content-Type": "application/offset+octet-stream"}
    assert owner.session.post(server.base_url + "/files/", data=data, headers=headers, timeout=10).status_code == 201
    r = partner.session.get(f"{server.base_url}/blobs/{sha}", timeout=10)
    assert r.status_code == 200 and r.content == data and r.headers["X-Content-SHA256"] == sha
    server.cli("user", "add", "insp8", "--password", "other-pass-8", "--role", "inspector")
    stranger = Api(server, "insp8", password="other-pass-8")
    r = stranger.session.get(f"{server.base_url}/blobs/{sha}", timeout=10)
    assert r.status_code == 403
