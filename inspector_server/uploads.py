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
        sha = metadata.get("sha256", "")
        if not is_sha256(sha):
            raise ApiError(400, "bad_request", "上传必须在 Upload-Metadata 中提供 sha256（64位小写十六进制）。",
                           "An upload must declare sha256 (64 lowercase hex characters) in Upload-Metadata.")
        if not metadata.get("filename") or not metadata.get("filetype"):
            raise ApiError(400, "bad_request", "上传必须在 Upload-Metadata 中提供 filename 和 filetype。",
                           "An upload must declare filename and filetype in Upload-Metadata.")
        size = info.get("size")
        if size is not None and size > state.settings.max_upload:
            raise ApiError(413, "too_large", "文件超过服务器上限。", "The file exceeds the server's limit.",
                           limit=state.settings.max_upload)

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
    try:
        with state.engine.connect().execution_options(write=True) as conn, conn.begin():
            conn.execute(insert(t.blob).values(sha256=actual, size=size, filename=str(metadata.get("filename", ""))[:300],
                                               stored_at=utc_now(), user_id=None))
    except IntegrityError:
        pass  # the same bytes were uploaded before (or concurrently): already recorded
