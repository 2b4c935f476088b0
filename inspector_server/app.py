"""The FastAPI application: routes of protocol v1 (docs/SYNC_PROTOCOL.md)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine, and_, func, insert, literal, or_, select, text, update

from inspector_app.domain.ids import utc_now, uuid7
from inspector_server import PROTOCOL_VERSION, __version__, errors
from inspector_server import schema as t
from inspector_server.auth import LoginLimiter, User, authenticate, issue_token, revoke, verify_password
from inspector_server.blobstore import LocalBlobStore, is_sha256
from inspector_server.config import Settings
from inspector_server.db import make_engine, migrate
from inspector_server.errors import ApiError
from inspector_server.middleware import API, BodyTooLarge, GuardMiddleware, too_large_body
from inspector_server.push import PushBatch


@dataclass
class ServerState:
    settings: Settings
    engine: Engine
    blobs: LocalBlobStore
    limiter: LoginLimiter


def lock_writes(conn) -> None:
    """Serialize feed-writing transactions on PostgreSQL so feed cursors commit in order."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(7007)"))


# -- request / answer models (documentation and validation) ------------------------------------
class LoginIn(BaseModel):
    username: str = Field(max_length=100)
    password: str = Field(max_length=1000)
    device_id: str = Field(min_length=1, max_length=100)
    device_name: str = Field("", max_length=200)


class ChangeIn(BaseModel):
    change_id: str
    entity: str
    entity_id: str
    op: str
    base_version: int | None = None
    payload: dict[str, Any]
    blobs: list[str] = []
    created_at: str | None = None


class PushIn(BaseModel):
    device_id: str = Field(min_length=1, max_length=100)
    changes: list[ChangeIn] = Field(max_length=5000)


class HashesIn(BaseModel):
    hashes: list[str] = Field(max_length=10000)


class RecordRef(BaseModel):
    entity: str
    id: str


class ManifestIn(BaseModel):
    records: list[RecordRef] = Field(max_length=5000)


class NumberBlockIn(BaseModel):
    device_id: str = Field(min_length=1, max_length=100)
    doc_type: str = Field(min_length=1, max_length=50)
    year: int = Field(ge=2000, le=2200)
    count: int = Field(ge=1, le=1000)
    request_id: str | None = Field(None, max_length=100)


# -- dependencies ------------------------------------------------------------------------------
def get_state(request: Request) -> ServerState:
    return request.app.state.server


def current_user(request: Request, authorization: str | None = Header(None)) -> User:
    return authenticate(request.app.state.server.engine, authorization)


def _forbidden() -> ApiError:
    return ApiError(403, "forbidden", "无权访问此内容。", "You are not allowed to access this.")


def create_app(settings: Settings) -> FastAPI:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    migrate(engine)
    state = ServerState(settings, engine, LocalBlobStore(settings.blob_dir),
                        LoginLimiter(settings.login_max_failures, settings.login_max_failures_ip, settings.login_window))
    app = FastAPI(title="Field Inspector server", version=__version__,
                  openapi_url=f"{API}/openapi.json", docs_url=f"{API}/docs", redoc_url=None,
                  description="Central server of Field Inspector. Sync protocol v1: docs/SYNC_PROTOCOL.md.")
    app.state.server = state
    errors.install(app)

    @app.exception_handler(BodyTooLarge)
    async def _too_large(_request, exc: BodyTooLarge):
        return JSONResponse(too_large_body(exc.args[0]), status_code=413)

    router = APIRouter(prefix=API)
    _routes(router)
    app.include_router(router)
    from inspector_server.uploads import tus_router

    app.include_router(tus_router(state), prefix=API)
    from inspector_server.uploads import CompleteOnCreate

    inner = CompleteOnCreate(app, state, f"{API}/files")
    return GuardMiddleware(inner, max_body=settings.max_body, max_chunk=settings.max_chunk, faults=settings.faults)  # type: ignore[return-value]


def _routes(router: APIRouter) -> None:
    @router.get("/health")
    def health():
        return {"status": "ok", "version": __version__, "protocol": PROTOCOL_VERSION, "server_time": utc_now()}

    @router.post("/auth/login")
    def login(body: LoginIn, request: Request, state: ServerState = Depends(get_state)):
        ip = request.client.host if request.client else "?"
        state.limiter.check(body.username, ip)
        with state.engine.connect() as conn:
            row = conn.execute(select(t.user).where(t.user.c.username == body.username)).mappings().first()
        ok = verify_password(row["password_hash"] if row and row["active"] else None, body.password)
        if not ok:
            state.limiter.failed(body.username, ip)
            raise ApiError(401, "login_failed", "用户名或密码错误。", "Wrong user name or password.")
        state.limiter.succeeded(body.username)
        now = utc_now()
        with state.engine.connect().execution_options(write=True) as conn, conn.begin():
            dev = conn.execute(select(t.device.c.id).where(t.device.c.id == body.device_id, t.device.c.user_id == row["id"])).first()
            if dev is None:
                conn.execute(insert(t.device).values(id=body.device_id, user_id=row["id"], name=body.device_name,
                                                     first_seen=now, last_seen=now))
            else:
                conn.execute(update(t.device).where(t.device.c.id == body.device_id, t.device.c.user_id == row["id"])
                             .values(last_seen=now, name=body.device_name or t.device.c.name))
            token, expires = issue_token(conn, row["id"], body.device_id, state.settings.token_ttl)
        user = User(row["id"], row["username"], row["name"], row["role"], row["cert_no"])
        return {"token": token, "expires_at": expires, "user": user.public()}

    @router.post("/auth/logout")
    def logout(state: ServerState = Depends(get_state), user: User = Depends(current_user),
               authorization: str = Header(...)):
        with state.engine.connect().execution_options(write=True) as conn, conn.begin():
            revoke(conn, authorization)
        return {"ok": True}

    @router.post("/push")
    def push(body: PushIn, state: ServerState = Depends(get_state), user: User = Depends(current_user)):
        started = time.perf_counter()
        changes = [c.model_dump() for c in body.changes]
        with state.engine.connect().execution_options(write=True) as conn, conn.begin():
            lock_writes(conn)
            results = PushBatch(conn, user, body.device_id).run(changes)
        response = _json({"results": results, "server_time": utc_now()})
        response.headers["Server-Timing"] = f"push;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    @router.post("/blobs/missing")
    def blobs_missing(body: HashesIn, state: ServerState = Depends(get_state), user: User = Depends(current_user)):
        wanted = [h for h in body.hashes]
        for h in wanted:
            if not is_sha256(h):
                raise ApiError(400, "bad_request", f"哈希格式错误：{h[:80]}", f"Malformed SHA-256: {h[:80]}")
        have: set[str] = set()
        with state.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                have.update(r[0] for r in conn.execute(select(t.blob.c.sha256).where(t.blob.c.sha256.in_(wanted[i:i + 500]))))
        return {"missing": [h for h in dict.fromkeys(wanted) if h not in have]}

    @router.get("/blobs/{sha256}", responses={200: {"content": {"application/octet-stream": {}}}})
    def get_blob(sha256: str, state: ServerState = Depends(get_state), user: User = Depends(current_user)):
        """The bytes of a stored blob, for users who may read a record that references it."""
        if not is_sha256(sha256):
            raise ApiError(400, "bad_request", "哈希格式错误。", "Malformed SHA-256.")
        with state.engine.connect() as conn:
            if not user.sees_everything:
                rb, rec = t.record_blob, t.record
                mine = select(t.task_inspector.c.task_id).where(t.task_inspector.c.user_id == user.id)
                allowed = conn.execute(
                    select(rb.c.sha256).join(rec, and_(rec.c.entity == rb.c.entity, rec.c.id == rb.c.id))
                    .where(rb.c.sha256 == sha256, or_(rec.c.task_id.in_(mine), rec.c.created_by == user.id)).limit(1)
                ).first()
                if allowed is None:
                    raise _forbidden()
            stored = conn.execute(select(t.blob.c.sha256).where(t.blob.c.sha256 == sha256)).first()
        if stored is None or not state.blobs.has(sha256):
            raise ApiError(404, "not_found", "服务器上还没有这个文件。", "The server does not have this file yet.")
        return FileResponse(state.blobs.path(sha256), media_type="application/octet-stream",
                            headers={"X-Content-SHA256": sha256, "Cache-Control": "private, max-age=31536000, immutable"})

    @router.post("/manifest")
    def manifest(body: ManifestIn, state: ServerState = Depends(get_state), user: User = Depends(current_user)):
        out = []
        with state.engine.connect() as conn:
            mine = None if user.sees_everything else _my_tasks(conn, user.id)
            by_entity: dict[str, list[str]] = {}
            for ref in body.records:
                by_entity.setdefault(ref.entity, []).append(ref.id)
            found: dict[tuple[str, str], Any] = {}
            listed: dict[tuple[str, str], set[str]] = {}
            for entity, ids in by_entity.items():
                for i in range(0, len(ids), 500):
                    chunk = ids[i:i + 500]
                    for r in conn.execute(select(t.record.c.id, t.record.c.task_id, t.record.c.created_by, t.record.c.deleted)
                                          .where(t.record.c.entity == entity, t.record.c.id.in_(chunk))):
                        found[(entity, r.id)] = r
                    for r in conn.execute(select(t.record_blob.c.id, t.record_blob.c.sha256)
                                          .where(t.record_blob.c.entity == entity, t.record_blob.c.id.in_(chunk))):
                        listed.setdefault((entity, r.id), set()).add(r.sha256)
            hashes = sorted({h for hs in listed.values() for h in hs})
            stored: set[str] = set()
            for i in range(0, len(hashes), 500):
                stored.update(r[0] for r in conn.execute(select(t.blob.c.sha256).where(t.blob.c.sha256.in_(hashes[i:i + 500]))))
        for ref in body.records:
            rec = found.get((ref.entity, ref.id))
            visible = rec is not None and (mine is None or rec.task_id in mine or rec.created_by == user.id)
            missing = sorted(listed.get((ref.entity, ref.id), set()) - stored) if visible else []
            out.append({"entity": ref.entity, "id": ref.id, "present": visible, "complete": visible and not missing,
                        "missing_blobs": missing})
        return _json({"records": out})

    @router.get("/pull")
    def pull(cursor: int = Query(0, ge=0), limit: int = Query(500, ge=1, le=1000), device_id: str | None = None,
             state: ServerState = Depends(get_state), user: User = Depends(current_user)):
        f = t.feed
        cond = [f.c.cursor > cursor]
        if not user.sees_everything:
            my_tasks = select(t.task_inspector.c.task_id).where(t.task_inspector.c.user_id == user.id)
            my_ents = select(t.task_inspector.c.enterprise_id).where(t.task_inspector.c.user_id == user.id)
            cond.append(or_(
                f.c.entity == "inspector",
                and_(f.c.entity == "conflict", f.c.user_id == user.id),
                and_(f.c.entity == "enterprise", or_(f.c.entity_id.in_(my_ents), f.c.user_id == user.id)),
                and_(f.c.entity.notin_(("conflict", "enterprise", "inspector")), f.c.task_id.in_(my_tasks)),
            ))
        elif user.role != "admin":
            cond.append(or_(f.c.entity != "conflict", f.c.user_id == user.id, literal(user.role == "supervisor")))
        if device_id:
            cond.append(or_(f.c.device_id.is_(None), f.c.device_id != device_id))
        with state.engine.connect() as conn:
            rows = conn.execute(select(f).where(*cond).order_by(f.c.cursor).limit(limit + 1)).mappings().all()
            top = conn.execute(select(func.max(f.c.cursor))).scalar() or 0
        has_more = len(rows) > limit
        rows = rows[:limit]
        changes = [{"cursor": r["cursor"], "entity": r["entity"], "entity_id": r["entity_id"], "op": r["op"],
                    "version": r["version"], "payload": json.loads(r["payload"])} for r in rows]
        next_cursor = rows[-1]["cursor"] if has_more else max(top, cursor)
        return _json({"changes": changes, "next_cursor": next_cursor, "has_more": has_more})

    @router.post("/number-blocks")
    def number_blocks(body: NumberBlockIn, state: ServerState = Depends(get_state), user: User = Depends(current_user)):
        if user.role not in ("inspector", "supervisor", "admin"):
            raise _forbidden()
        with state.engine.connect().execution_options(write=True) as conn, conn.begin():
            lock_writes(conn)
            if body.request_id:
                prior = conn.execute(select(t.number_block).where(t.number_block.c.user_id == user.id,
                                                                  t.number_block.c.request_id == body.request_id)).mappings().first()
                if prior:
                    return {"doc_type": prior["doc_type"], "year": prior["year"], "start": prior["start"], "end": prior["end"]}
            key = and_(t.number_counter.c.doc_type == body.doc_type, t.number_counter.c.year == body.year)
            if conn.execute(select(t.number_counter.c.next).where(key)).first() is None:
                conn.execute(insert(t.number_counter).values(doc_type=body.doc_type, year=body.year, next=1))
            start = conn.execute(update(t.number_counter).where(key).values(next=t.number_counter.c.next + body.count)
                                 .returning(t.number_counter.c.next)).scalar_one() - body.count
            end = start + body.count - 1
            conn.execute(insert(t.number_block).values(id=uuid7(), doc_type=body.doc_type, year=body.year, start=start, end=end,
                                                       device_id=body.device_id, user_id=user.id, request_id=body.request_id,
                                                       created_at=utc_now()))
        return {"doc_type": body.doc_type, "year": body.year, "start": start, "end": end}

    @router.get("/documents/verify")
    def verify_document(number: str = Query(..., max_length=200), hash: str = Query(..., max_length=64),
                        state: ServerState = Depends(get_state)):
        with state.engine.connect() as conn:
            row = conn.execute(select(t.document_index).where(t.document_index.c.number == number)).mappings().first()
        if row is None:
            return {"valid": False, "reason": "unknown_number"}
        if hash.lower() in (row["pdf_sha256"], row["record_hash"]):
            return {"valid": True, "reason": "ok"}
        return {"valid": False, "reason": "hash_mismatch"}


def _json(body: dict) -> Response:
    """Serialize plain JSON data directly (skips FastAPI's slow generic encoder on big answers)."""
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                    media_type="application/json")


def _my_tasks(conn, user_id: str) -> set[str]:
    return {r[0] for r in conn.execute(select(t.task_inspector.c.task_id).where(t.task_inspector.c.user_id == user_id))}


def app_from_env() -> Any:
    """uvicorn factory for `inspector-server run` (settings travel through the environment)."""
    return create_app(Settings.from_env())
