"""The documents of one task, issued and still missing, as plain rows for lists.

A task's records are its inspections, samples and site records (each carries `task_id`); a
document points at its record through `document.record_kind` / `record_id`. Which document
types a record calls for is decided by each document module's `candidates(db)`, the same rule
`render-all` uses, so the list and the renderer never disagree about what applies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from inspector_app.documents import DOC_TYPES, module_for

RECORD_KINDS = ("inspection", "sample", "site_record")

_RECORDS_SQL = """
SELECT 'inspection' AS kind, id, number, state, amends_id, started_at AS at, '' AS detail, '' AS site_kind
  FROM inspection WHERE task_id = :task
UNION ALL
SELECT 'sample', id, number, state, amends_id, sampled_at, product_name, ''
  FROM sample WHERE task_id = :task
UNION ALL
SELECT 'site_record', id, number, state, amends_id, created_at, '', kind
  FROM site_record WHERE task_id = :task
"""


def task_records(db: Database, task_id: str) -> list[dict[str, Any]]:
    """The task's inspections, samples and site records, oldest first (records without a time
    last); `at_local` is the record's time in China Standard Time."""
    cursor = db.execute(_RECORDS_SQL, {"task": task_id})
    cols = [d[0] for d in cursor.description]
    rows = [dict(zip(cols, r)) for r in cursor.fetchall()]
    rows.sort(key=lambda r: (r["at"] or "9999", RECORD_KINDS.index(r["kind"]), r["id"]))
    for row in rows:
        row["at_local"] = local_time(row["at"] or "")
    return rows


def local_time(iso_utc: str) -> str:
    """`2026-11-20T01:30:00.000Z` → `2026-11-20 09:30`, China Standard Time as printed on the documents."""
    from inspector_app.documents.layout import CN_TZ

    if not iso_utc:
        return ""
    moment = dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(CN_TZ).strftime("%Y-%m-%d %H:%M")


def _issued(db: Database, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for kind in RECORD_KINDS:
        ids = [r["id"] for r in records if r["kind"] == kind]
        if not ids:
            continue
        marks = ",".join("?" * len(ids))
        cursor = db.execute(
            f"SELECT id, type, number, record_id, issued_at, state FROM document"
            f" WHERE record_kind = ? AND record_id IN ({marks}) ORDER BY issued_at, id",
            [kind, *ids],
        )
        out += [dict(zip(("id", "type", "number", "record_id", "issued_at", "state"), row)) for row in cursor.fetchall()]
    return out


def applicable(db: Database) -> dict[str, frozenset[str]]:
    """doc_type → ids of the records that call for it (each module's `candidates`).

    The rules scan the whole workspace, so the sets are kept on this reader connection until
    another connection commits (`PRAGMA data_version` changes): browsing tasks costs the scan
    once, not once per task.
    """
    version = db.execute("PRAGMA data_version").fetchone()[0]
    cached = getattr(db, "_fi_applicable", None)
    if cached is not None and cached[0] == version:
        return cached[1]
    sets = {doc_type: frozenset(module_for(doc_type).candidates(db)) for doc_type in DOC_TYPES}
    db._fi_applicable = (version, sets)  # type: ignore[attr-defined] - one reader connection per thread
    return sets


def task_documents(db: Database, task_id: str) -> list[dict[str, Any]]:
    """One row per issued document of the task's records and one per document that applies to
    a record but was not issued yet (`issued` False); no rows when the task has no records.

    Rows are grouped by record (oldest first), document types in `DOC_TYPES` order. Each row:
    doc_type, number, document_id, issued, issued_at (UTC), issued_local (CST), state,
    record (kind, id, number, state, amends_id, at, at_local, detail, site_kind).
    """
    records = task_records(db, task_id)
    by_id = {r["id"]: r for r in records}
    issued = _issued(db, records)
    have = {(d["type"], d["record_id"]) for d in issued}
    pending: list[tuple[str, str]] = []
    if records:
        for doc_type, record_ids in applicable(db).items():
            pending += [(doc_type, r["id"]) for r in records if r["id"] in record_ids and (doc_type, r["id"]) not in have]

    rows = [{"doc_type": d["type"], "number": d["number"], "document_id": d["id"], "issued": True,
             "issued_at": d["issued_at"], "issued_local": local_time(d["issued_at"]), "state": d["state"],
             "record": by_id[d["record_id"]]} for d in issued]
    rows += [{"doc_type": t, "number": "", "document_id": "", "issued": False, "issued_at": "", "issued_local": "",
              "state": "", "record": by_id[rid]} for t, rid in pending]
    order = {r["id"]: i for i, r in enumerate(records)}
    type_order = {t: i for i, t in enumerate(DOC_TYPES)}
    rows.sort(key=lambda row: (order[row["record"]["id"]], type_order.get(row["doc_type"], len(DOC_TYPES)),
                               not row["issued"], row["issued_at"]))
    return rows
