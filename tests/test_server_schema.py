"""The Alembic migrations and the query-side table definitions (inspector_server/schema.py) agree."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from inspector_server import schema
from inspector_server.db import make_engine, migrate
from tests.server_process import drop_postgres_schema, fresh_postgres_url


def _diff(url: str) -> list:
    engine = make_engine(url)
    try:
        migrate(engine)
        assert migrate(engine) == "0001"  # idempotent
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), schema.metadata)
    finally:
        engine.dispose()
    # indexes live only in the migrations (schema.py is for queries)
    return [d for d in diffs if not (isinstance(d, tuple) and d[0] in ("add_index", "remove_index"))]


def test_sqlite_schema_matches(tmp_path):
    assert _diff(f"sqlite:///{tmp_path / 's.sqlite3'}") == []


@pytest.mark.postgres
def test_postgres_schema_matches():
    url, name = fresh_postgres_url()
    try:
        assert _diff(url) == []
    finally:
        drop_postgres_schema(name)
