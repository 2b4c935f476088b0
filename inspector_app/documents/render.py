"""Render inputs → PDF bytes. Pure and headless: workers and the CLI call it with plain data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector_app.documents import module_for
from inspector_app.documents.base import PREVIEW_NUMBER, DocContext
from inspector_app.documents.layout import BlobLoader, render_pdf
from inspector_app.domain.hashing import content_hash


def blob_loader(blobs_dir: Path | str) -> BlobLoader:
    """Read blobs (signature PNGs) from a workspace's content-addressed folder."""
    root = Path(blobs_dir)

    def load(sha256: str) -> bytes | None:
        path = root / sha256[:2] / sha256
        try:
            return path.read_bytes()
        except OSError:
            return None

    return load


def record_hash(inputs: dict[str, Any]) -> str:
    """The content hash printed in the QR: SHA-256 of the rendered record's canonical JSON."""
    return content_hash(inputs["record"])


def render(doc_type: str, inputs: dict[str, Any], number: str, issued_at: str, load_blob: BlobLoader, *, preview: bool = False) -> bytes:
    """The PDF of `doc_type` for `inputs` ({"record", "bureau", "extra"}), numbered and dated."""
    module = module_for(doc_type)
    ctx = DocContext(
        doc_type=doc_type,
        number=PREVIEW_NUMBER if preview else number,
        issued_at=issued_at,
        record=inputs["record"],
        bureau=inputs.get("bureau") or {},
        extra=inputs.get("extra") or {},
        record_hash=record_hash(inputs),
        load_blob=load_blob,
        preview=preview,
    )
    spec, story = module.build(ctx)
    return render_pdf(spec, story)
