"""Field Inspector central server: FastAPI + SQLAlchemy Core, protocol in docs/SYNC_PROTOCOL.md."""

__version__ = "0.1.0"
PROTOCOL_VERSION = 1
