"""Resumable blob upload (tus 1.0.0, tuspyserver) at /api/v1/files/.

Each upload declares the SHA-256 of its bytes in Upload-Metadata. When the last byte
arrives the server hashes the file: a match is moved into the blob store and recorded, a
mismatch is discarded and the final PATCH answers 460 `hash_mismatch`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Header, HTTPException, Request
from sqlalchemy import insert, select
from starlette.concurrency import run_in_threadpool
from tuspyserver import create_tus_router

from inspector_app.domain.ids import utc_now
from inspector_server import schema as t
from inspector_server.auth import authenticate
from inspector_server.blobstore import file_sha256, is_sha256
from inspector_server.errors import ApiError

if TYPE_CHECKING:
    from inspector_server.app import ServerState


def tus_router(state: "ServerState"):
    state.settings.upload_dir.mkdir(parents=True, exist_ok=True)

    def auth(request: Request, authorization: str | None = Header(None)) -> None:
        with state.engine.connect() as conn:
            request.state.user = authenticate(conn, authorization)

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

    def finish(path: str, metadata: dict) -> None:
        declared = metadata.get("sha256", "")
        actual, size = file_sha256(Path(path))
        info_path = Path(path + ".info")
        if actual != declared:
            Path(path).unlink(missing_ok=True)
            info_path.unlink(missing_ok=True)
            raise HTTPException(460, f"declared {declared}, received {actual}")
        state.blobs.put_file(actual, Path(path))
        info_path.unlink(missing_ok=True)
        with state.engine.connect().execution_options(write=True) as conn, conn.begin():
            if conn.execute(select(t.blob.c.sha256).where(t.blob.c.sha256 == actual)).first() is None:
                conn.execute(insert(t.blob).values(sha256=actual, size=size, filename=str(metadata.get("filename", ""))[:300],
                                                   stored_at=utc_now(), user_id=None))

    async def on_complete(path: str, metadata: dict) -> None:
        await run_in_threadpool(finish, path, metadata)

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


def register_existing(state: "ServerState", sha256: str, size: int, filename: str = "") -> None:
    """Record a blob already in the store (used by tests and imports)."""
    with state.engine.connect().execution_options(write=True) as conn, conn.begin():
        if conn.execute(select(t.blob.c.sha256).where(t.blob.c.sha256 == sha256)).first() is None:
            conn.execute(insert(t.blob).values(sha256=sha256, size=size, filename=filename, stored_at=utc_now(), user_id=None))


_ = os
