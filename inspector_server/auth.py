"""Passwords (argon2), bearer tokens (only their SHA-256 is stored), login rate limiting."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, insert, select, update

from inspector_app.domain.ids import format_utc, utc_now
from inspector_server import schema as t
from inspector_server.errors import ApiError

ROLES = ("inspector", "lab", "supervisor", "admin")
_hasher = PasswordHasher()
# A fixed hash to verify against for unknown users, so timing does not reveal which names exist.
_DUMMY_HASH = _hasher.hash("not-a-user")


@dataclass(frozen=True)
class User:
    id: str
    username: str
    name: str
    role: str
    cert_no: str
    device_id: str = ""

    @property
    def sees_everything(self) -> bool:
        return self.role in ("lab", "supervisor", "admin")

    def public(self) -> dict:
        return {"id": self.id, "username": self.username, "name": self.name, "role": self.role, "cert_no": self.cert_no}


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def issue_token(conn: Connection, user_id: str, device_id: str, ttl: int) -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    now = dt.datetime.now(dt.timezone.utc)
    expires = format_utc(now + dt.timedelta(seconds=ttl))
    conn.execute(insert(t.token).values(token_hash=token_digest(token), user_id=user_id, device_id=device_id,
                                        created_at=format_utc(now), expires_at=expires, revoked_at=None))
    return token, expires


# Valid tokens seen in the last few seconds (digest -> (user, expires_at, checked at)): a photo
# upload is several tus requests and each would otherwise cost a database round trip. Logout
# drops the entry at once; the database stays the authority.
_CACHE: dict[str, tuple["User", str, float]] = {}
_CACHE_SECONDS = 5.0
_cache_lock = threading.Lock()


def cached_user(authorization: str | None) -> User | None:
    """The user of a recently verified token, without touching the database (None: ask it)."""
    if not authorization or not authorization.lower().startswith("bearer "):
        return None
    cached = _CACHE.get(token_digest(authorization[7:].strip()))
    if cached is not None and time.monotonic() - cached[2] < _CACHE_SECONDS and cached[1] > utc_now():
        return cached[0]
    return None


def authenticate(engine: Engine, authorization: str | None) -> User:
    """The user behind a bearer token, or an ApiError 401 saying what to do."""
    if not authorization or not authorization.lower().startswith("bearer "):
        raise ApiError(401, "auth_required", "请先登录。", "Please log in first.", headers={"WWW-Authenticate": "Bearer"})
    digest = token_digest(authorization[7:].strip())
    cached = _CACHE.get(digest)
    if cached is not None and time.monotonic() - cached[2] < _CACHE_SECONDS and cached[1] > utc_now():
        return cached[0]
    with engine.connect() as conn:
        user, expires_at = _authenticate_db(conn, digest)
    with _cache_lock:
        if len(_CACHE) > 10000:
            _CACHE.clear()
        _CACHE[digest] = (user, expires_at, time.monotonic())
    return user


def _authenticate_db(conn: Connection, digest: str) -> tuple[User, str]:
    row = conn.execute(
        select(t.token.c.expires_at, t.token.c.revoked_at, t.token.c.device_id, t.user)
        .join(t.user, t.user.c.id == t.token.c.user_id)
        .where(t.token.c.token_hash == digest)
    ).mappings().first()
    if row is None or row["revoked_at"] is not None or not row["active"]:
        raise ApiError(401, "token_invalid", "登录已失效，请重新登录。", "Your login is no longer valid; please log in again.",
                       headers={"WWW-Authenticate": "Bearer"})
    if row["expires_at"] <= utc_now():
        raise ApiError(401, "token_expired", "登录已过期，请重新登录。", "Your login has expired; please log in again.",
                       headers={"WWW-Authenticate": "Bearer"})
    return User(row["id"], row["username"], row["name"], row["role"], row["cert_no"], row["device_id"]), row["expires_at"]


def revoke(conn: Connection, authorization: str) -> None:
    with _cache_lock:
        _CACHE.pop(token_digest(authorization[7:].strip()), None)
    conn.execute(update(t.token).where(t.token.c.token_hash == token_digest(authorization[7:].strip()))
                 .values(revoked_at=utc_now()))


class LoginLimiter:
    """Failed logins per user name and per client address in a sliding window (in memory)."""

    def __init__(self, per_user: int, per_ip: int, window: int):
        self.per_user, self.per_ip, self.window = per_user, per_ip, window
        self._failures: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque:
        q = self._failures[key]
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def check(self, username: str, ip: str) -> None:
        now = time.monotonic()
        with self._lock:
            waits = []
            for key, limit in ((f"u:{username.lower()}", self.per_user), (f"ip:{ip}", self.per_ip)):
                q = self._prune(key, now)
                if len(q) >= limit:
                    waits.append(q[0] + self.window - now)
        if waits:
            retry = max(1, int(max(waits) + 0.999))
            raise ApiError(
                429, "rate_limited",
                "登录失败次数过多，请在{n}秒后重试。".format(n=retry),
                f"Too many failed logins; try again in {retry} seconds.",
                headers={"Retry-After": str(retry)}, retry_after=retry,
            )

    def failed(self, username: str, ip: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._failures[f"u:{username.lower()}"].append(now)
            self._failures[f"ip:{ip}"].append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(f"u:{username.lower()}", None)
