"""Resumable blob upload (tus 1.0.0, tuspyserver) at /api/v1/files/.

Each upload declares the SHA-256 of its bytes in Upload-Metadata. When the last byte
arrives the server hashes the file: a match is moved into the blob store and recorded, a
mismatch is discarded and the final PATCH answers 460 `hash_mismatch`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Header, HTTPException, Request
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from tuspyserver import create_tus_router

from inspector_app.domain.ids import utc_now
from inspector_server import schema as t
from inspector_server.auth import authenticate, cached_user
from inspector_server.blobstore import file_sha256, is_sha256
from inspector_server.errors import ApiError

if TYPE_CHECKING:
    from inspector_server.app import ServerState


def tus_router(state: "ServerState"):
    state.settings.upload_dir.mkdir(parents=True, exist_ok=True)

    async def auth(request: Request, authorization: str | None = Header(None)) -> None:
        cached = cached_user(authorization)
        request.state.user = cached or await run_in_threadpool(authenticate, state.engine, authorization)

    def pre_create(metadata: dict, info: dict) -> None:
        check_metadata(state, metadata, info.get("size"))

    async def on_complete(path: str, metadata: dict) -> None:
        await run_in_threadpool(finish_upload, state, path, metadata)

    return create_tus_router(
        prefix="files",
        files_dir=str(state.settings.upload_dir),
        max_size=state.settings.max_upload,
        auth=auth,
        days_to_keep=7,
        on_upload_complete=on_complete,
        pre_create_hook=pre_create,
        tags=["Blobs (tus)"],
    )


class CompleteOnCreate:
    """ASGI wrapper: a creation-with-upload POST that carries the whole file completes at once.

    tuspyserver stores the POST body but only runs the completion hook on PATCH; a photo sent
    whole with its POST (one request instead of two) is verified and stored here before the
    201 answer leaves, or refused with 460 like a PATCH.
    """

    def __init__(self, app, state: "ServerState", path_prefix: str):
        self.app, self.state, self.prefix = app, state, path_prefix.rstrip("/")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") != self.prefix:
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length", "")
        if (length.isdigit() and int(length) > 0 and headers.get("upload-length") == length
                and headers.get("tus-resumable") == "1.0.0" and "upload-concat" not in headers):
            return await self._whole(scope, receive, send, headers, int(length))

        replaced = False

        async def send_wrapper(message):
            nonlocal replaced
            if replaced:
                return
            if message["type"] == "http.response.start" and message["status"] == 201:
                headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in message.get("headers", [])}
                uid = headers.get("location", "").rstrip("/").rsplit("/", 1)[-1]
                if uid and "upload-offset" in headers:
                    error = await run_in_threadpool(self._complete_if_whole, uid)
                    if error is not None:
                        from inspector_server.errors import status_error

                        replaced = True
                        return await status_error(460, error)(scope, receive, send)
            await send(message)

        await self.app(scope, receive, send_wrapper)

    async def _whole(self, scope, receive, send, headers: dict, length: int) -> None:
        """The whole file in the creation request: verified and stored off the event loop.

        Nothing half-written is kept: the bytes are hashed in memory, then written once
        (temp file, fsync, rename) into the blob store. The answer's Location names a finished
        upload; a client that lost the answer asks /blobs/missing.
        """
        from inspector_server.errors import status_error

        try:
            user = cached_user(headers.get("authorization")) or await run_in_threadpool(
                authenticate, self.state.engine, headers.get("authorization"))
        except ApiError as exc:
            return await exc.response()(scope, receive, send)
        metadata = parse_metadata(headers.get("upload-metadata", ""))
        try:
            check_metadata(self.state, metadata, length)
        except ApiError as exc:
            return await exc.response()(scope, receive, send)
        chunks, total = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # client went away: nothing was stored
            chunks.append(message.get("body", b""))
            total += len(chunks[-1])
            if not message.get("more_body"):
                break
        if total != length:
            return await status_error(400, "body length differs from Upload-Length")(scope, receive, send)
        error = await run_in_threadpool(store_bytes, self.state, b"".join(chunks), metadata, user.id)
        if error is not None:
            return await status_error(460, error)(scope, receive, send)
        scheme = headers.get("x-forwarded-proto") or scope.get("scheme", "http")
        host = headers.get("x-forwarded-host") or headers.get("host", "")
        location = f"{scheme}://{host}{scope['path'].rstrip('/')}/{metadata['sha256']}"
        await send({"type": "http.response.start", "status": 201, "headers": [
            (b"location", location.encode("latin-1")), (b"tus-resumable", b"1.0.0"),
            (b"upload-offset", str(length).encode()), (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    def _complete_if_whole(self, uid: str) -> str | None:
        import json

        info_path = self.state.settings.upload_dir / f"{uid}.info"
        try:
            info = json.loads(info_path.read_text())
        except (OSError, ValueError):
            return None
        if not info.get("size") or info.get("offset") != info.get("size"):
            return None
        try:
            finish_upload(self.state, str(self.state.settings.upload_dir / uid), info.get("metadata") or {})
        except HTTPException as exc:
            return str(exc.detail)
        return None


def parse_metadata(header: str) -> dict:
    """tus Upload-Metadata: `key base64value, key2 base64value2`."""
    import base64
    import binascii

    out = {}
    for part in header.split(","):
        bits = part.strip().split(" ", 1)
        if not bits[0]:
            continue
        try:
            out[bits[0]] = base64.b64decode(bits[1].strip()).decode("utf-8") if len(bits) == 2 else ""
        except (binascii.Error, UnicodeDecodeError):
            continue
    return out


def check_metadata(state: "ServerState", metadata: dict, size: int | None) -> None:
    if not is_sha256(metadata.get("sha256", "")):
        raise ApiError(400, "bad_request", "上传必须在 Upload-Metadata 中提供 sha256（64位小写十六进制）。",
                       "An upload must declare sha256 (64 lowercase hex characters) in Upload-Metadata.")
    if not metadata.get("filename") or not metadata.get("filetype"):
        raise ApiError(400, "bad_request", "上传必须在 Upload-Metadata 中提供 filename 和 filetype。",
                       "An upload must declare filename and filetype in Upload-Metadata.")
    if size is not None and size > state.settings.max_upload:
        raise ApiError(413, "too_large", "文件超过服务器上限。", "The file exceeds the server's limit.",
                       limit=state.settings.max_upload)


def store_bytes(state: "ServerState", data: bytes, metadata: dict, user_id: str | None) -> str | None:
    """Verify and store a whole file received in memory; an error text when the hash differs."""
    import hashlib
    import uuid

    actual = hashlib.sha256(data).hexdigest()
    if actual != metadata.get("sha256"):
        return f"declared {metadata.get('sha256')}, received {actual}"
    if not state.blobs.has(actual):
        tmp = state.settings.upload_dir / f"whole-{uuid.uuid4().hex}"
        tmp.write_bytes(data)
        state.blobs.put_file(actual, tmp)  # fsyncs before the final rename
    _record_blob(state, actual, len(data), metadata, user_id)
    return None


def _record_blob(state: "ServerState", sha256: str, size: int, metadata: dict, user_id: str | None) -> None:
    try:
        with state.engine.connect().execution_options(write=True) as conn, conn.begin():
            conn.execute(insert(t.blob).values(sha256=sha256, size=size, filename=str(metadata.get("filename", ""))[:300],
                                               stored_at=utc_now(), user_id=user_id))
    except IntegrityError:
        pass  # the same bytes were uploaded before (or concurrently): already recorded


def finish_upload(state: "ServerState", path: str, metadata: dict) -> None:
    """Verify the SHA-256 of a complete upload; store it content-addressed or discard it."""
    declared = metadata.get("sha256", "")
    actual, size = file_sha256(Path(path))
    info_path = Path(path + ".info")
    if actual != declared:
        Path(path).unlink(missing_ok=True)
        info_path.unlink(missing_ok=True)
        raise HTTPException(460, f"declared {declared}, received {actual}")
    state.blobs.put_file(actual, Path(path))
    info_path.unlink(missing_ok=True)
    _record_blob(state, actual, size, metadata, None)
