"""Server settings, declared once: command-line options and environment variables map here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MIB = 1024 * 1024


def default_data_dir() -> Path:
    env = os.environ.get("INSPECTOR_SERVER_DATA")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("inspector-server", appauthor=False))


@dataclass
class Settings:
    data_dir: Path
    db_url: str | None = None            # None: SQLite file in data_dir
    token_ttl: int = 12 * 3600           # seconds a login stays valid
    max_body: int = 16 * MIB             # JSON request bodies
    max_chunk: int = 64 * MIB            # one tus PATCH
    max_upload: int = 2048 * MIB         # one blob
    login_max_failures: int = 5          # per user name within login_window
    login_max_failures_ip: int = 20      # per client address within login_window
    login_window: int = 300
    faults: list[str] = field(default_factory=list)   # "ENDPOINT:N[:after]" test fault injection

    @property
    def database_url(self) -> str:
        if self.db_url:
            url = self.db_url
            if url.startswith("postgresql://") or url.startswith("postgres://"):
                url = "postgresql+psycopg://" + url.split("://", 1)[1]
            return url
        return f"sqlite:///{self.data_dir / 'server.sqlite3'}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def upload_dir(self) -> Path:
        return self.data_dir / "uploads"

    @classmethod
    def from_env(cls) -> "Settings":
        """Settings of a server process started by `inspector-server run` (passed via env)."""
        s = cls(data_dir=default_data_dir(), db_url=os.environ.get("INSPECTOR_SERVER_DB") or None)
        for name, attr in (("TOKEN_TTL", "token_ttl"), ("MAX_BODY", "max_body"), ("MAX_CHUNK", "max_chunk"),
                           ("MAX_UPLOAD", "max_upload"), ("LOGIN_MAX_FAILURES", "login_max_failures"),
                           ("LOGIN_WINDOW", "login_window")):
            value = os.environ.get(f"INSPECTOR_SERVER_{name}")
            if value:
                setattr(s, attr, int(value))
        faults = os.environ.get("INSPECTOR_SERVER_FAULTS")
        if faults:
            s.faults = [f for f in faults.split(",") if f]
        return s
