"""Helpers for checklist tests: a small real workspace, real photos, a generic checklist filler."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from inspector_app import checklists as cl
from inspector_app.store import open_store
from inspector_app.store.reference import add_enterprise, bulk_upsert_tasks, upsert_inspector

TEXT = "现场检查情况已记录，见照片。"


def make_workspace(root: Path):
    """A workspace with two inspectors, one enterprise and one task of every type."""
    store = open_store(root)

    def setup(txn):
        txn.set_setting("inspector.name", "王明")
        a = upsert_inspector(txn, {"name": "王明", "cert_no": "37010001"})
        b = upsert_inspector(txn, {"name": "李华", "cert_no": "37010002"})
        enterprise = add_enterprise(txn, {"name": "济南示例电器有限公司", "address": "济南市历下区工业南路 8 号", **_valid_uscc()})
        tasks = [{"id": f"task-{kind}", "number": f"T-{n:03d}", "type": kind, "enterprise_id": enterprise["id"],
                  "inspector_ids": [a["id"], b["id"]], "template_id": ""}
                 for n, kind in enumerate(["spot_check", "post_licence", "post_ccc", "routine", "special", "recheck", "responsibility"])]
        tasks.append({"id": "task-routine-2", "number": "T-100", "type": "routine", "enterprise_id": enterprise["id"],
                      "inspector_ids": [a["id"], b["id"]]})
        bulk_upsert_tasks(txn, tasks, source="test")
        return a["id"], b["id"]

    store.inspector_ids = store.write_sync(setup)
    return store


def _valid_uscc() -> dict:
    from inspector_app.domain.identifiers import make_uscc

    return {"uscc": make_uscc("91370102MA3C5Y0X1")}


@pytest.fixture
def ws(tmp_path):
    store = make_workspace(tmp_path / "ws")
    yield store
    store.close()


def jpeg_bytes(seed: int) -> bytes:
    image = Image.new("RGB", (64, 48), ((seed * 40) % 256, 120, 200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def add_photo(store, inspection_id: str, item_id: str, seed: int = 0) -> str:
    """What the evidence pipeline does, reduced to the rows the checklist counts."""
    data = jpeg_bytes(seed)
    sha = hashlib.sha256(data).hexdigest()
    path = store.paths.blob_path(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)

    def write(txn):
        txn.db.execute("INSERT OR IGNORE INTO blob(sha256, size, mime, kind, created_at) VALUES (?, ?, 'image/jpeg', 'photo', ?)",
                       [sha, len(data), txn.now])
        return txn.insert("attachment", {"blob_sha256": sha, "owner_kind": "inspection", "owner_id": inspection_id,
                                         "item_id": item_id, "role": "photo"}, blobs=[sha])["id"]

    return store.write_sync(write)


def add_signature(store, inspection_id: str, role: str = "party", name: str = "张三") -> str:
    def write(txn):
        return txn.insert("signature", {"owner_kind": "inspection", "owner_id": inspection_id, "signer_name": name,
                                        "signer_role": role, "signed_at": txn.now})["id"]

    return store.write_sync(write)


def _candidates(item):
    if item.type == "result":
        return [("result", "符合")]
    if item.type == "single":
        return [("value", v) for v in item.option_values]
    if item.type == "multiple":
        return [("value", [v]) for v in item.option_values]
    if item.type == "number":
        return [("value", v) for v in (2, 5, 1, 10, 100)]
    if item.type == "date":
        return [("value", v) for v in ("2026-11-01", "2027-06-30")]
    if item.type == "text":
        return [("value", "鲁XK06-001-00123" if "licence" in item.id else "1234567890123456" if "cert" in item.id else TEXT)]
    return []


def fill_all(store, inspection_id: str, passes: int = 4) -> cl.InspectionSession:
    """Answer every visible item acceptably (first candidate that passes), through the store."""
    seed = 0
    for _ in range(passes):
        session = cl.open_inspection(store.read(), inspection_id)
        for item in session.template.items:
            state = session.state(item.id)
            if not state.relevant or (state.answered and not state.issues):
                continue
            if item.type == "photo":
                for _ in range(item.min_photos):
                    seed += 1
                    add_photo(store, inspection_id, item.id, seed)
                session.set_evidence(item.id, item.min_photos)
                continue
            if item.type == "signature":
                add_signature(store, inspection_id, item.signer_role)
                session.set_signatures(item.signer_role, 1)
                continue
            for field, value in _candidates(item):
                session.apply(item.id, **{field: value})
                if not session.state(item.id).issues:
                    break
            answer = session.answer(item.id)
            store.write_sync(cl.set_answer, inspection_id, item.id, result=answer.result, value=answer.value)
    session = cl.open_inspection(store.read(), inspection_id)
    assert session.evaluator.issues() == [], [str(i) for i in session.evaluator.issues()]
    return session


def outbox_count(store) -> int:
    return store.read().execute("SELECT count(*) FROM outbox").fetchone()[0]


def write_template(folder: Path, doc: dict, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{doc['id']}.json")
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path
