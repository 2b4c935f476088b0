"""Read-side SQL for the screens (plain data, no Qt): run on worker threads via `Ops.query`.

The task list is filtered, sorted and paged in SQL so 10,000 tasks cost one page of rows.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

OPEN_STATES = ("assigned", "in_progress")

# column key -> SQL expression used for ORDER BY
SORT_KEYS = {
    "number": "t.number",
    "type": "t.type",
    "enterprise": "e.name",
    "risk": "e.risk_class",
    "due": "t.due_date",
    "state": "t.state",
    "plan": "t.plan",
}


class TaskFilter(NamedTuple):
    """What the user asked the task list to show (a named tuple: `_replace` for changes)."""

    search: str = ""
    types: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    due: str = ""            # "" | overdue | today | week | month
    sort: str = "due"
    descending: bool = False
    today: str = ""          # ISO date "overdue" and "due within" count from; "": the current date

    def on_day(self) -> str:
        return self.today or date.today().isoformat()


def _needs_enterprise(f: TaskFilter) -> bool:
    """Whether filtering or sorting reads enterprise columns (else the join waits for the page)."""
    return bool(f.search.strip()) or bool(f.risks) or f.sort in ("enterprise", "risk")


def _where(f: TaskFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.search.strip():
        like = "%" + f.search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            "(e.name LIKE ? ESCAPE '\\' OR t.number LIKE ? ESCAPE '\\' OR t.plan LIKE ? ESCAPE '\\'"
            " OR e.uscc LIKE ? ESCAPE '\\' OR e.address LIKE ? ESCAPE '\\')"
        )
        params += [like] * 5
    for column, values in (("t.type", f.types), ("t.state", f.states), ("e.risk_class", f.risks)):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params += list(values)
    if f.due:
        day = f.on_day()
        today = date.fromisoformat(day)
        open_states = f"t.state IN ({', '.join('?' for _ in OPEN_STATES)})"
        if f.due == "overdue":
            clauses.append(f"t.due_date < ? AND {open_states}")
            params += [day, *OPEN_STATES]
        else:
            days = {"today": 0, "week": 7, "month": 30}[f.due]
            clauses.append("t.due_date >= ? AND t.due_date <= ?")
            params += [day, (today + timedelta(days=days)).isoformat()]
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


PAGE_COLUMNS = "t.id, t.number, t.type, t.plan, t.due_date, t.state, t.priority, t.template_id, t.enterprise_id"


def count_tasks(db: Any, f: TaskFilter) -> int:
    where, params = _where(f)
    join = "JOIN enterprise e ON e.id = t.enterprise_id" if _needs_enterprise(f) else ""
    return db.execute(f"SELECT count(*) FROM task t {join} {where}", params).fetchone()[0]


def task_page(db: Any, f: TaskFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    """One page of the task list: the page is chosen first, the enterprise and inspection
    columns are then looked up for its rows only."""
    where, params = _where(f)
    key = SORT_KEYS.get(f.sort, "t.due_date")
    direction = "DESC" if f.descending else "ASC"
    join = "JOIN enterprise e ON e.id = t.enterprise_id" if _needs_enterprise(f) else ""
    # empty values last when ascending, first when descending; spelled `(key IS NULL), key` rather
    # than NULLS LAST so that an index on those two (task_due_order) gives the page without a sort
    sql = (
        f"WITH page AS MATERIALIZED (SELECT {PAGE_COLUMNS} FROM task t {join} {where}"
        f" ORDER BY ({key} IS NULL) {direction}, {key} {direction}, t.rowid {direction} LIMIT ? OFFSET ?)"
        " SELECT page.*, e.name AS enterprise, e.risk_class AS risk,"
        " (SELECT i.state FROM inspection i WHERE i.task_id = page.id ORDER BY i.created_at DESC LIMIT 1) AS inspection_state"
        " FROM page JOIN enterprise e ON e.id = page.enterprise_id"
    )
    return _dicts(db.execute(sql, [*params, limit, offset]))


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    """Rows as dicts, for queries without JSON columns (no `reference` import: start-up path)."""
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, row)) for row in cursor.fetchall()]


def enterprise_profile(db: Any, enterprise_id: str) -> dict[str, Any] | None:
    """The enterprise with its inspection and sample history (newest first)."""
    from inspector_app.store import reference

    enterprise = reference.fetch(db, "enterprise", enterprise_id)
    if enterprise is None:
        return None
    enterprise["inspections"] = reference.query(
        db,
        "SELECT i.id, i.state, i.template_id, i.started_at, i.finalized_at, i.score, i.number, i.amends_id, i.created_at,"
        " t.type AS task_type, t.number AS task_number"
        " FROM inspection i JOIN task t ON t.id = i.task_id WHERE i.enterprise_id = ? ORDER BY i.created_at DESC LIMIT 200",
        [enterprise_id],
    )
    enterprise["samples"] = reference.query(
        db,
        "SELECT id, number, product_name, brand, batch, sampled_at, state, custody_status, created_at"
        " FROM sample WHERE enterprise_id = ? ORDER BY created_at DESC LIMIT 200",
        [enterprise_id],
    )
    enterprise["open_tasks"] = db.execute(
        "SELECT count(*) FROM task WHERE enterprise_id = ? AND state IN ('assigned','in_progress')", [enterprise_id]
    ).fetchone()[0]
    return enterprise


def status_counts(db: Any) -> dict[str, Any]:
    """Numbers for the status bar: pending outbox changes, open drafts."""
    import json

    settings = dict(db.execute("SELECT key, value FROM setting WHERE key IN ('inspector.name', 'inspector.cert_no')").fetchall())
    return {
        "pending": db.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0],
        "drafts": db.execute("SELECT count(*) FROM inspection WHERE state = 'draft'").fetchone()[0],
        "inspector_name": json.loads(settings.get("inspector.name", '""')),
        "inspector_cert_no": json.loads(settings.get("inspector.cert_no", '""')),
    }


def open_drafts(db: Any) -> list[dict[str, Any]]:
    """Draft inspections left open (offered again at start-up)."""
    return _dicts(db.execute(
        "SELECT i.id, i.task_id, i.updated_at, i.template_id, e.name AS enterprise, t.number AS task_number,"
        " (SELECT count(*) FROM answer a WHERE a.inspection_id = i.id AND (a.result IS NOT NULL OR a.value IS NOT NULL)) AS answered"
        " FROM inspection i JOIN task t ON t.id = i.task_id JOIN enterprise e ON e.id = i.enterprise_id"
        " WHERE i.state = 'draft' ORDER BY i.updated_at DESC"))
