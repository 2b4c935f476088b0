"""Checking a printed/saved PDF against the workspace: number, content hash, bytes."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

from inspector_app.documents.issue import current_record_hash, document_row
from inspector_app.domain.hashing import content_hash
from inspector_app.i18n import tr
from inspector_app.store.db import Store


@dataclass
class Verification:
    ok: bool
    number: str = ""
    record_hash: str = ""
    doc_type: str = ""
    reasons: list[str] = field(default_factory=list)   # why it failed
    notes: list[str] = field(default_factory=list)     # worth knowing, not a failure


def read_identity(pdf: bytes) -> dict[str, str]:
    """Number, record hash and type from the PDF's Info dictionary ({} if absent or unreadable)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        info = PdfReader(io.BytesIO(pdf)).metadata or {}
    except (PdfReadError, ValueError, OSError):
        return {}
    out = {"number": info.get("/FIDocNumber"), "record_hash": info.get("/FIRecordHash"), "doc_type": info.get("/FIDocType")}
    return {k: str(v) for k, v in out.items() if v}


def verify_pdf(store: Store, pdf: bytes) -> Verification:
    ident = read_identity(pdf)
    if not ident.get("number") or not ident.get("record_hash"):
        return Verification(False, reasons=[tr("该文件不是本软件签发的文书（PDF 中没有文书编号和校验值）。",
                                               "This file is not a document issued by Field Inspector (no number and hash in the PDF).")])
    result = Verification(True, ident["number"], ident["record_hash"], ident.get("doc_type", ""))
    row: dict[str, Any] | None = document_row(store.read(), ident["number"])
    if row is None:
        result.ok = False
        result.reasons.append(tr("本工作区没有签发过编号为 {n} 的文书。", "No document numbered {n} was issued in this workspace.", n=ident["number"]))
        return result
    if row["record_hash"] != ident["record_hash"]:
        result.ok = False
        result.reasons.append(tr("PDF 中的校验值 {a} 与签发记录的校验值 {b} 不一致：文书内容与签发时的记录不符。",
                                 "The hash in the PDF ({a}) differs from the issued record's hash ({b}): the content does not match what was issued.",
                                 a=ident["record_hash"][:16], b=row["record_hash"][:16]))
    if content_hash((row.get("data") or {}).get("record")) != row["record_hash"]:
        result.ok = False
        result.reasons.append(tr("工作区中存档的文书数据已被改动。", "The archived render inputs of this document were altered in the workspace."))
    if row.get("pdf_sha256") and hashlib.sha256(pdf).hexdigest() != row["pdf_sha256"]:
        result.ok = False
        result.reasons.append(tr("文件内容与签发时的 PDF 不一致（签发后被修改过）。",
                                 "The file's bytes differ from the PDF as issued (it was changed after issue)."))
    if result.ok:
        now = current_record_hash(store.read(), row)
        if now is None:
            result.notes.append(tr("原始记录已不在本工作区中。", "The source record is no longer in this workspace."))
        elif now != row["record_hash"]:
            result.notes.append(tr("原始记录在签发后有变化（如补充了流转事件）；本文书反映签发时的内容。",
                                   "The source record changed after issue (e.g. new custody events); this document shows it as issued."))
    return result
