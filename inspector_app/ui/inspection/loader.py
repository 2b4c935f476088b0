"""Opening inspections off the UI thread: find or start the task's inspection, load its session."""

from __future__ import annotations

from typing import Any

from inspector_app import checklists


def find_inspection(db: Any, task_id: str) -> str | None:
    """The task's open draft, else its newest inspection (finalized ones open read-only)."""
    row = db.execute(
        "SELECT id FROM inspection WHERE task_id = ? ORDER BY (state = 'draft') DESC, created_at DESC LIMIT 1", [task_id]
    ).fetchone()
    return row[0] if row else None


def load_session(db: Any, inspection_id: str) -> tuple[Any, dict[str, Any]]:
    """The live session plus what the header shows (enterprise, task number)."""
    session = checklists.open_inspection(db, inspection_id)
    row = db.execute(
        "SELECT e.name, t.number, t.type FROM inspection i JOIN task t ON t.id = i.task_id JOIN enterprise e ON e.id = i.enterprise_id"
        " WHERE i.id = ?", [inspection_id]).fetchone()
    extra = {"enterprise_name": row[0], "task_number": row[1], "task_type": row[2]} if row else {}
    return session, extra
