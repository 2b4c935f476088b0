"""The inspection workflow over the store: start, answer, finalize, amend, list drafts.

Write functions take a `Txn` (run them with `store.write(fn, ...)`); each call is one small
transaction, so the GUI can save every change as it happens. Read functions take a read
connection. Every inspection is pinned to the exact template version it was started with
(`checklist_template` table), so a finished inspection can always be shown and verified with
the questions it was answered against, whatever happens to `forms/` later.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
from typing import Any

from sqlite_utils import Database

from inspector_app.checklists.constants import RESULTS, UNSET
from inspector_app.checklists.engine import Answer, Evaluator, Issue, ItemState, Progress, Score
from inspector_app.checklists.loader import Catalog, catalog as shipped_catalog
from inspector_app.checklists.template import Template, TemplateInvalid, parse_template
from inspector_app.domain.errors import StateError, ValidationError
from inspector_app.domain.hashing import content_hash
from inspector_app.domain.states import RecordState, check_task_transition, ensure_editable
from inspector_app.i18n import tr
from inspector_app.store.reference import fetch, query
from inspector_app.store.txn import Txn

HEADER_FIELDS = ("place", "findings", "party_statement", "inspector_ids", "recorder_id", "gps", "ended_at",
                 "started_at", "hazard", "data", "number")


class FinalizeBlocked(ValidationError):
    """Finalization refused: `issues` lists every missing or invalid item, in order."""

    def __init__(self, issues: list[Issue], template: Template | None = None):
        def line(issue: Issue) -> str:
            if template is not None and issue.item_id and template.has_item(issue.item_id):
                return f"- {template.item(issue.item_id).label()} [{issue.item_id}]: {issue.message}"
            return f"- {issue}"

        lines = "\n".join(line(issue) for issue in issues)
        super().__init__("incomplete", tr("检查记录尚不完整，不能定稿：\n{l}", "The inspection is not complete and cannot be finalized:\n{l}", l=lines))
        self.issues = issues


# -- template pinning -------------------------------------------------------------------------
_pinned: dict[str, Template] = {}
_pinned_lock = threading.Lock()


def pin_template(txn: Txn, template: Template) -> None:
    """Keep this template version in the workspace (once); refuse a changed body under the same version."""
    row = txn.db.execute("SELECT sha256 FROM checklist_template WHERE id = ? AND version = ?", [template.id, template.version]).fetchone()
    if row is None:
        txn.db.execute(
            "INSERT INTO checklist_template(id, version, sha256, body, title, source, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [template.id, template.version, template.sha256, template.canonical.decode("utf-8"),
             template.titles.get("zh_CN", ""), template.source, txn.now],
        )
        txn.audit("pin_template", "checklist_template", f"{template.id}@{template.version}", {"sha256": template.sha256})
        with _pinned_lock:
            _pinned[template.sha256] = template
    elif row[0] != template.sha256:
        raise ValidationError("template_changed", tr(
            "模板 {id} 版本 {v} 的内容与本工作区已使用的同一版本不同。修改模板后必须提高版本号（version），否则已完成的检查无法核对。",
            "Template {id} version {v} differs from the same version already used in this workspace. "
            "Raise the template's version when you change it, or finished inspections could not be checked against it.",
            id=template.id, v=template.version))


def pinned_template(db: Database, template_id: str, version: str) -> Template:
    """The exact template version stored when an inspection started (parsed once per process)."""
    row = db.execute("SELECT sha256, body, source FROM checklist_template WHERE id = ? AND version = ?", [template_id, str(version)]).fetchone()
    if row is None:
        raise ValidationError("template_missing", tr(
            "本工作区没有保存检查表模板 {id} 版本 {v}。", "Checklist template {id} version {v} is not stored in this workspace.",
            id=template_id, v=version))
    sha, body, source = row
    template = _pinned.get(sha)
    if template is None:
        try:
            template = parse_template(json.loads(body), f"{source or template_id} (stored {template_id}@{version})")
        except TemplateInvalid as exc:
            raise ValidationError("template_unreadable", tr(
                "本工作区保存的检查表模板 {id} 版本 {v} 无法读取：{e}",
                "The stored checklist template {id} version {v} cannot be read: {e}", id=template_id, v=version, e=exc)) from exc
        with _pinned_lock:
            _pinned[sha] = template
    return template


# -- reading an inspection --------------------------------------------------------------------
def _inspection(db: Database, inspection_id: str) -> dict[str, Any]:
    row = fetch(db, "inspection", inspection_id)
    if row is None:
        raise ValidationError("not_found", tr("找不到检查记录 {id}。", "Inspection {id} not found.", id=inspection_id))
    return row


def _answers(db: Database, inspection_id: str) -> dict[str, Answer]:
    rows = db.execute("SELECT item_id, result, value, note FROM answer WHERE inspection_id = ?", [inspection_id]).fetchall()
    return {item_id: Answer(result, json.loads(value) if value else None, note or "") for item_id, result, value, note in rows}


def _photo_counts(db: Database, inspection_id: str) -> dict[str, int]:
    rows = db.execute(
        "SELECT item_id, count(*) FROM attachment WHERE owner_kind = 'inspection' AND owner_id = ? AND item_id IS NOT NULL"
        " AND removed_at IS NULL AND role = 'photo' GROUP BY item_id", [inspection_id]).fetchall()
    return dict(rows)


def _signature_counts(db: Database, inspection_id: str) -> dict[str, int]:
    rows = db.execute("SELECT signer_role, count(*) FROM signature WHERE owner_kind = 'inspection' AND owner_id = ? GROUP BY signer_role",
                      [inspection_id]).fetchall()
    return dict(rows)


def header_issues(row: dict[str, Any]) -> list[Issue]:
    issues = []
    if not row.get("started_at"):
        issues.append(Issue("started_at", field="started_at"))
    if len(set(row.get("inspector_ids") or [])) < 2:
        issues.append(Issue("inspectors", field="inspector_ids"))
    return issues


class InspectionSession:
    """One open inspection in memory: the GUI reads states from here and writes through `store.write`."""

    def __init__(self, row: dict[str, Any], template: Template, evaluator: Evaluator):
        self.row = row
        self.template = template
        self.evaluator = evaluator

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def editable(self) -> bool:
        return self.row["state"] == RecordState.DRAFT

    def answer(self, item_id: str) -> Answer:
        return self.evaluator.answers.get(item_id) or Answer()

    def apply(self, item_id: str, *, result: Any = UNSET, value: Any = UNSET, note: Any = UNSET) -> set[str]:
        """Change the in-memory answer (as `set_answer` will store it); returns items whose state changed."""
        current = self.answer(item_id)
        return self.evaluator.set_answer(
            item_id,
            current.result if result is UNSET else result,
            current.value if value is UNSET else value,
            current.note if note is UNSET else note,
        )

    def set_evidence(self, item_id: str, photos: int) -> set[str]:
        return self.evaluator.set_evidence(item_id, photos)

    def set_signatures(self, role: str, count: int) -> set[str]:
        return self.evaluator.set_signatures(role, count)

    def state(self, item_id: str) -> ItemState:
        return self.evaluator.state(item_id)

    def progress(self) -> Progress:
        return self.evaluator.progress()

    def visible_items(self) -> list:
        """The items shown (relevant), in template order — what a printed record lists."""
        return self.evaluator.visible_items()

    def score(self) -> Score:
        return self.evaluator.score()

    def validate(self) -> list[Issue]:
        """Header issues first, then every item issue in template order."""
        return header_issues(self.row) + self.evaluator.issues()

    def findings_text(self) -> str:
        """A first draft of the findings: every shown 不符合 item with its basis and the facts noted."""
        lines = []
        for n, item_id in enumerate(self.evaluator.score().nonconforming, 1):
            item = self.template.item(item_id)
            note = (self.answer(item_id).note or "").strip()
            basis = tr("（依据：{b}）", " (basis: {b})", b=item.basis()) if item.basis() else ""
            lines.append(f"{n}. {item.label()}{basis}" + (tr("：{f}", ": {f}", f=note) if note else ""))
        return "\n".join(lines)


def open_inspection(db: Database, inspection_id: str, today: dt.date | None = None) -> InspectionSession:
    row = _inspection(db, inspection_id)
    template = pinned_template(db, row["template_id"], row["template_version"])
    evaluator = Evaluator(template, _answers(db, inspection_id), _photo_counts(db, inspection_id),
                          _signature_counts(db, inspection_id), today=today)
    return InspectionSession(row, template, evaluator)


def list_drafts(db: Database) -> list[dict[str, Any]]:
    """Open drafts, most recently touched first (offered again when the application starts)."""
    rows = query(db, """
        SELECT i.id, i.task_id, i.template_id, i.template_version, i.started_at, i.amends_id, i.place,
               e.name AS enterprise_name, t.number AS task_number, t.type AS task_type,
               max(i.updated_at, coalesce((SELECT max(a.updated_at) FROM answer a WHERE a.inspection_id = i.id), '')) AS updated_at
        FROM inspection i
        JOIN enterprise e ON e.id = i.enterprise_id
        LEFT JOIN task t ON t.id = i.task_id
        WHERE i.state = 'draft'
        ORDER BY updated_at DESC, i.id DESC
    """)
    for row in rows:
        try:
            session = open_inspection(db, row["id"])
        except ValidationError as exc:
            row.update(template_title="", answered=0, total=0, problem=exc.message)
            continue
        progress = session.progress()
        row.update(template_title=session.template.title(), answered=progress.answered, total=progress.total)
    return rows


# -- canonical record -------------------------------------------------------------------------
RECORD_FIELDS = ("id", "task_id", "enterprise_id", "number", "template_id", "template_version", "started_at", "ended_at",
                 "place", "gps", "inspector_ids", "recorder_id", "findings", "party_statement", "data", "score",
                 "finalized_at", "amends_id", "hazard", "created_at", "author")


def _record(db: Database, row: dict[str, Any]) -> dict[str, Any]:
    inspection_id = row["id"]
    sha = db.execute("SELECT sha256 FROM checklist_template WHERE id = ? AND version = ?",
                     [row["template_id"], row["template_version"]]).fetchone()
    answers = [
        {"item_id": a, "result": r, "value": json.loads(v) if v else None, "note": n or ""}
        for a, r, v, n in db.execute("SELECT item_id, result, value, note FROM answer WHERE inspection_id = ? ORDER BY item_id", [inspection_id])
    ]
    evidence = [
        {"item_id": i, "role": r, "sha256": s, "caption": c}
        for i, r, s, c in db.execute(
            "SELECT coalesce(item_id, ''), role, blob_sha256, caption FROM attachment WHERE owner_kind = 'inspection' AND owner_id = ?"
            " AND removed_at IS NULL ORDER BY item_id, blob_sha256, role", [inspection_id])
    ]
    signatures = [
        dict(zip(("signer_name", "signer_role", "signer_id_no", "signed_at", "image_sha256", "strokes_sha256", "refused", "refusal_reason"), s))
        for s in db.execute(
            "SELECT signer_name, signer_role, signer_id_no, signed_at, image_sha256, strokes_sha256, refused, refusal_reason"
            " FROM signature WHERE owner_kind = 'inspection' AND owner_id = ? ORDER BY signed_at, signer_role, signer_name", [inspection_id])
    ]
    header = {k: row.get(k) for k in RECORD_FIELDS}
    header["template_sha256"] = sha[0] if sha else None
    return {"kind": "inspection", "inspection": header, "answers": answers, "evidence": evidence, "signatures": signatures}


def inspection_record(db: Database, inspection_id: str) -> dict[str, Any]:
    """The canonical content of an inspection, exactly what its content hash covers."""
    return _record(db, _inspection(db, inspection_id))


def verify_inspection(db: Database, inspection_id: str) -> bool:
    row = _inspection(db, inspection_id)
    return bool(row.get("content_hash")) and content_hash(_record(db, row)) == row["content_hash"]


# -- writes -----------------------------------------------------------------------------------
def start_inspection(txn: Txn, task_id: str, *, inspector_ids: list[str] | None = None, place: str = "",
                     started_at: str | None = None, template: Template | None = None,
                     templates: Catalog | None = None) -> str:
    """A new draft inspection for a task (or the task's open draft, so a double start is harmless)."""
    task = fetch(txn.db, "task", task_id)
    if task is None:
        raise ValidationError("not_found", tr("找不到任务 {id}。", "Task {id} not found.", id=task_id))
    existing = txn.db.execute("SELECT id FROM inspection WHERE task_id = ? AND state = 'draft' AND amends_id IS NULL ORDER BY id LIMIT 1",
                              [task_id]).fetchone()
    if existing:
        return existing[0]
    if task["state"] == "cancelled":
        raise StateError("task_cancelled", tr("任务已取消，不能开始检查。", "The task is cancelled; no inspection can be started."))
    template = template or (templates or shipped_catalog()).for_task(task)
    pin_template(txn, template)
    enterprise = fetch(txn.db, "enterprise", task["enterprise_id"]) or {}
    party = {k: enterprise.get(k, "") for k in ("name", "address", "postcode", "legal_rep", "contact", "phone", "uscc", "economic_type")}
    row = txn.insert("inspection", {
        "task_id": task_id,
        "enterprise_id": task["enterprise_id"],
        "template_id": template.id,
        "template_version": template.version,
        "started_at": started_at or txn.now,
        "place": place or enterprise.get("address", ""),
        "inspector_ids": list(inspector_ids if inspector_ids is not None else task.get("inspector_ids") or []),
        "data": {"party": party},
        "state": RecordState.DRAFT.value,
    })
    if task["state"] == "assigned":
        check_task_transition(task["state"], "in_progress")
        txn.update("task", task_id, {"state": "in_progress"})
    return row["id"]


def _draft(txn: Txn, inspection_id: str) -> dict[str, Any]:
    row = _inspection(txn.db, inspection_id)
    ensure_editable(row["state"])
    return row


def check_value(template: Template, item_id: str, result: Any, value: Any, note: Any) -> None:
    """Refuse an answer that does not fit the item (the message says what is expected)."""
    if not template.has_item(item_id):
        raise ValidationError("unknown_item", tr("检查表中没有项目 {i}。", "The checklist has no item {i}.", i=item_id))
    item = template.item(item_id)

    def bad(zh: str, en: str) -> ValidationError:
        return ValidationError("bad_value", f"{item.label()}: " + tr(zh, en))

    if result is not UNSET and result is not None:
        if item.type != "result":
            raise bad("该项目不填结论（符合/不符合/不适用）。", "This item takes no 符合/不符合/不适用 result.")
        if result not in RESULTS:
            raise bad("结论只能是 符合、不符合 或 不适用。", "The result must be 符合, 不符合 or 不适用.")
    if note is not UNSET and note is not None and not isinstance(note, str):
        raise bad("备注应为文字。", "The note must be text.")
    if value is UNSET or value is None:
        return
    kind = item.type
    if kind in ("result", "photo", "signature"):
        raise bad("该项目不填数值；请用结论、照片或签名。", "This item takes no value; use the result, photos or signatures.")
    if kind == "text" and not isinstance(value, str):
        raise bad("应填写文字。", "Text expected.")
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)):
        raise bad("应填写数字。", "A number is expected.")
    if kind == "date":
        if not _is_iso_date(value):
            raise bad("日期格式应为 YYYY-MM-DD。", "A date is written YYYY-MM-DD.")
    if kind == "single" and value not in item.option_values:
        raise bad("请从选项中选择。", "Choose one of the options.")
    if kind == "multiple" and (not isinstance(value, list) or len(set(value)) != len(value) or any(v not in item.option_values for v in value)):
        raise bad("请从选项中选择（可多选，不重复）。", "Choose from the options (several allowed, no repeats).")


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def set_answer(txn: Txn, inspection_id: str, item_id: str, *, result: Any = UNSET, value: Any = UNSET, note: Any = UNSET) -> dict[str, Any]:
    """Store one item's answer; only the given fields change. Returns the answer row."""
    row = _draft(txn, inspection_id)
    template = pinned_template(txn.db, row["template_id"], row["template_version"])
    check_value(template, item_id, result, value, note)
    changes: dict[str, Any] = {}
    if result is not UNSET:
        changes["result"] = result
    if value is not UNSET:
        changes["value"] = None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
    if note is not UNSET:
        changes["note"] = note or ""
    current = txn.db.execute("SELECT * FROM answer WHERE inspection_id = ? AND item_id = ?", [inspection_id, item_id])
    cols = [d[0] for d in current.description]
    found = current.fetchone()
    if found is None:
        return txn.insert("answer", {"inspection_id": inspection_id, "item_id": item_id, "result": None, "value": None, "note": "", **changes})
    existing = dict(zip(cols, found))
    changes = {k: v for k, v in changes.items() if existing.get(k) != v}
    if not changes:
        return existing
    return txn.update("answer", existing["id"], changes)


def update_header(txn: Txn, inspection_id: str, **fields: Any) -> dict[str, Any]:
    """Change header fields of a draft; `data` is merged key by key into `inspection.data`."""
    row = _draft(txn, inspection_id)
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise ValidationError("unknown_field", tr("未知字段：{f}", "Unknown field(s): {f}", f=", ".join(sorted(unknown))))
    changes = dict(fields)
    if "data" in changes:
        changes["data"] = {**(row.get("data") or {}), **changes["data"]}
    if "hazard" in changes:
        changes["hazard"] = int(bool(changes["hazard"]))
    changes = {k: v for k, v in changes.items() if row.get(k) != v}
    if not changes:
        return row
    priority = 100 if changes.get("hazard") else None  # 重大质量安全隐患 travel first
    return txn.update("inspection", inspection_id, changes, priority=priority)


def finalize(txn: Txn, inspection_id: str, *, ended_at: str | None = None) -> dict[str, Any]:
    """Validate, score, hash and lock the inspection. Raises FinalizeBlocked listing what is missing."""
    row = _draft(txn, inspection_id)
    template = pinned_template(txn.db, row["template_id"], row["template_version"])
    evaluator = Evaluator(template, _answers(txn.db, inspection_id), _photo_counts(txn.db, inspection_id),
                          _signature_counts(txn.db, inspection_id))
    issues = header_issues(row) + evaluator.issues()
    if issues:
        raise FinalizeBlocked(issues, template)
    score = evaluator.score()
    changes = {
        "ended_at": ended_at or row.get("ended_at") or txn.now,
        "score": score.percent,
        "finalized_at": txn.now,
        "state": RecordState.FINALIZED.value,
    }
    if score.key_failures or score.nonconforming:
        changes["data"] = {**(row.get("data") or {}), "result_summary": {
            "nonconforming": score.nonconforming, "key_failures": score.key_failures}}
    record = _record(txn.db, {**row, **changes})
    changes["content_hash"] = content_hash(record)
    txn.db.execute("UPDATE answer SET state = 'finalized' WHERE inspection_id = ?", [inspection_id])
    blobs = [e["sha256"] for e in record["evidence"]] + [s[k] for s in record["signatures"] for k in ("image_sha256", "strokes_sha256") if s[k]]
    return txn.update("inspection", inspection_id, changes, op="finalize", blobs=blobs,
                      priority=100 if row.get("hazard") else None, audit_action="finalize")


def amend(txn: Txn, inspection_id: str, *, reason: str) -> str:
    """A draft correction of a finalized inspection (`amends_id`), answers and photo links copied."""
    original = _inspection(txn.db, inspection_id)
    if original["state"] == RecordState.DRAFT:
        raise StateError("not_finalized", tr("草稿可以直接修改，不需要更正记录。", "A draft can be edited directly; no amendment is needed."))
    if not (reason or "").strip():
        raise ValidationError("reason", tr("请写明更正原因。", "Write the reason for the correction."))
    existing = txn.db.execute("SELECT id FROM inspection WHERE amends_id = ? AND state = 'draft' ORDER BY id LIMIT 1", [inspection_id]).fetchone()
    if existing:
        return existing[0]
    copy = {k: original[k] for k in ("task_id", "enterprise_id", "template_id", "template_version", "started_at", "ended_at",
                                     "place", "gps", "inspector_ids", "recorder_id", "findings", "party_statement", "hazard")}
    data = dict(original.get("data") or {})
    data.pop("result_summary", None)
    data["amendment"] = {"reason": reason.strip(), "amends_id": inspection_id, "amends_hash": original["content_hash"],
                         "amends_number": original.get("number", "")}
    new = txn.insert("inspection", {**copy, "data": data, "amends_id": inspection_id, "state": RecordState.DRAFT.value},
                     audit_action="amend")
    for item_id, result, value, note in txn.db.execute(
            "SELECT item_id, result, value, note FROM answer WHERE inspection_id = ? ORDER BY item_id", [inspection_id]).fetchall():
        txn.insert("answer", {"inspection_id": new["id"], "item_id": item_id, "result": result, "value": value, "note": note})
    for att in query(txn.db, "SELECT * FROM attachment WHERE owner_kind = 'inspection' AND owner_id = ? AND removed_at IS NULL ORDER BY id",
                     [inspection_id]):
        txn.insert("attachment", {"blob_sha256": att["blob_sha256"], "owner_kind": "inspection", "owner_id": new["id"],
                                  "item_id": att["item_id"], "role": att["role"], "caption": att["caption"], "state": att["state"]},
                   blobs=[att["blob_sha256"]])
    return new["id"]

