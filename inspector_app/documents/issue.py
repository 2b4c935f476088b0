"""Issuing a document: number, PDF blob and `document` row in one write transaction.

A 文书编号 is taken from the device's number block and the `document` row that uses it is
inserted in the same transaction, so a number is never used twice: a render that fails rolls
the allocation back, and a process killed after the commit leaves a block whose `next` is
already past the number. Re-printing renders again from the stored inputs (`document.data`)
and gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from inspector_app.documents import module_for
from inspector_app.documents.layout import CN_TZ
from inspector_app.documents.render import blob_loader, record_hash, render
from inspector_app.domain.errors import DomainError, ValidationError
from inspector_app.domain.hashing import content_hash
from inspector_app.domain.numbering import BureauConfig
from inspector_app.i18n import tr
from inspector_app.store.db import Store
from inspector_app.store.numbers import NoNumbersLeft, allocate_number, bureau_config  # noqa: F401 - re-exported
from inspector_app.store.paths import WorkspacePaths
from inspector_app.store.reference import fetch, query
from inspector_app.store.txn import Txn


@dataclass
class Issued:
    document_id: str
    doc_type: str
    number: str
    record_hash: str
    pdf_sha256: str
    pdf: bytes
    reprint: bool


def bureau_inputs(config: BureauConfig) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(config).items() if k not in ("code_words", "template")}


def gather_inputs(db: Database, doc_type: str, record_id: str, issued_at: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the document shows, read from the store: {"record", "bureau", "extra"}."""
    module = module_for(doc_type)
    record = module.gather(db, record_id)
    if record is None:
        raise ValidationError(
            "record",
            tr("没有找到可生成{t}的记录 {id}（类型 {k}）。请检查记录编号。",
               "No record {id} of kind {k} to render as {t}. Check the record id.",
               t=doc_type, id=record_id, k=module.RECORD_KIND),
        )
    bureau = bureau_inputs(bureau_config(db))
    defaults = module.default_extra(record, bureau, issued_at) if hasattr(module, "default_extra") else {}
    merged = {**defaults, **(extra or {})}
    return {"record": record, "bureau": bureau, "extra": merged}


def issue_year(issued_at: str) -> int:
    moment = dt.datetime.fromisoformat(issued_at.replace("Z", "+00:00"))
    return moment.astimezone(CN_TZ).year


def find_issued(db: Database, doc_type: str, record_id: str) -> dict[str, Any] | None:
    rows = query(
        db,
        "SELECT * FROM document WHERE type = ? AND record_id = ? AND state = 'issued' ORDER BY issued_at, id LIMIT 1",
        [doc_type, record_id],
        table="document",
    )
    return rows[0] if rows else None


def write_blob(paths: WorkspacePaths, data: bytes) -> str:
    """Store bytes content-addressed (temp file + fsync + rename) in the evidence blob store; returns the SHA-256."""
    from inspector_app.evidence.blobstore import BlobStore

    return BlobStore(paths).put_bytes(data)[0]


def _record_number(db: Database, doc_type: str, record: dict[str, Any]) -> str:
    """A number the record already carries (e.g. a sample numbered when it was drawn), if unused."""
    if doc_type not in ("sampling_record", "inspection_record", "refusal_record", "no_sample_record"):
        return ""
    number = record.get("number") or ""
    if number.startswith("临"):  # a provisional number (no block was left): the document gets a real one
        return ""
    if number and not db.execute("SELECT 1 FROM document WHERE number = ?", [number]).fetchone():
        return number
    return ""


def issue(store: Store, doc_type: str, record_id: str, *, extra: dict[str, Any] | None = None,
          now: str | None = None, _fail_after_allocation: bool = False) -> Issued:
    """Issue (or re-print, if already issued) the document of `doc_type` for `record_id`."""
    module_for(doc_type)
    existing = find_issued(store.read(), doc_type, record_id)
    if existing:
        return reprint(store, existing["id"])
    paths = store.paths
    load = blob_loader(paths.blobs)

    def run(txn: Txn) -> Issued:
        again = find_issued(txn.db, doc_type, record_id)
        if again:  # issued meanwhile by another caller: hand back that one
            pdf = render(again["type"], again["data"], again["number"], again["issued_at"], load)
            return Issued(again["id"], doc_type, again["number"], again["record_hash"], again["pdf_sha256"], pdf, True)
        issued_at = now or txn.now
        inputs = gather_inputs(txn.db, doc_type, record_id, issued_at, extra)
        config = bureau_config(txn.db)
        number = _record_number(txn.db, doc_type, inputs["record"]) or allocate_number(txn, doc_type, issue_year(issued_at), config)
        if _fail_after_allocation:
            raise RuntimeError("simulated render failure after number allocation")
        pdf = render(doc_type, inputs, number, issued_at, load)
        sha = write_blob(paths, pdf)
        txn.db.execute(
            "INSERT OR IGNORE INTO blob(sha256, size, mime, kind, original_name, created_at) VALUES (?, ?, ?, 'pdf', ?, ?)",
            [sha, len(pdf), "application/pdf", f"{doc_type}-{number}.pdf", txn.now],
        )
        rhash = record_hash(inputs)
        row = txn.insert(
            "document",
            {"type": doc_type, "number": number, "record_kind": inputs["record"].get("kind") or module_for(doc_type).RECORD_KIND, "record_id": record_id,
             "record_hash": rhash, "pdf_sha256": sha, "issued_at": issued_at, "data": inputs, "state": "issued"},
            blobs=[sha],
            audit_action="issue",
        )
        return Issued(row["id"], doc_type, number, rhash, sha, pdf, False)

    return store.write_sync(run)


def document_row(db: Database, id_or_number: str) -> dict[str, Any] | None:
    row = fetch(db, "document", id_or_number)
    if row is None:
        rows = query(db, "SELECT * FROM document WHERE number = ?", [id_or_number], table="document")
        row = rows[0] if rows else None
    return row


def reprint(store: Store, id_or_number: str) -> Issued:
    """The issued document's bytes: the archived PDF when it is intact, else a re-render from the
    stored inputs, accepted only if it is byte-identical to what was issued."""
    row = document_row(store.read(), id_or_number)
    if row is None:
        raise ValidationError("document", tr("没有找到文书 {n}。", "No document {n}.", n=id_or_number))
    archived = archived_pdf(store, row)
    if archived is not None and hashlib.sha256(archived).hexdigest() == row["pdf_sha256"]:
        return Issued(row["id"], row["type"], row["number"], row["record_hash"], row["pdf_sha256"], archived, True)
    pdf = render(row["type"], row["data"], row["number"], row["issued_at"], blob_loader(store.paths.blobs))
    sha = hashlib.sha256(pdf).hexdigest()
    if row.get("pdf_sha256") and sha != row["pdf_sha256"]:
        raise DomainError(
            "reprint_mismatch",
            tr("重印的文书 {n} 与签发时的文件不一致（签名图片缺失或软件版本不同）。请使用已存档的 PDF。",
               "The re-print of {n} differs from the issued file (a signature image is missing or the software "
               "version differs). Use the archived PDF.", n=row["number"]),
        )
    return Issued(row["id"], row["type"], row["number"], row["record_hash"], sha, pdf, True)


def archived_pdf(store: Store, row: dict[str, Any]) -> bytes | None:
    sha = row.get("pdf_sha256")
    if not sha:
        return None
    path = store.paths.blob_path(sha)
    return path.read_bytes() if path.exists() else None


def current_record_hash(db: Database, row: dict[str, Any]) -> str | None:
    """The hash of the record as it is now in the store (None if it is gone)."""
    module = module_for(row["type"])
    record = module.gather(db, row["record_id"])
    return content_hash(record) if record is not None else None
