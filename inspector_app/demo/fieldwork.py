"""Demo field work for the workspace's tasks: finalized inspections with answers and photos,
finalized samples with a hash-chained custody trail, an occasional refusal record.

Used by `inspector-app demo-fieldwork`, the sync tests and `bench/bench_sync.py`, so it writes
exactly what the real screens write: rows through `txn.insert/append` (outbox + audit in the
same transaction), photos as real JPEGs in the content-addressed blob store, each record's
outbox row listing the blobs it references (its manifest). Deterministic for a given seed.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from inspector_app.custody.records import record_hash_input
from inspector_app.custody.service import append_event
from inspector_app.domain.hashing import content_hash
from inspector_app.domain.ids import uuid7
from inspector_app.store.db import Store
from inspector_app.store.reference import query
from inspector_app.store.txn import Txn
from inspector_app.sync.clock import client_now

HAZARD_PRIORITY = 60  # above refusals: a serious quality-safety hazard goes first

CUSTODY_UNHASHED = ("hash", "server_at")


@dataclass
class FieldworkOptions:
    inspections: int = 5
    photos_per: int = 3
    photo_bytes: int = 120_000   # approximate JPEG size
    refusals: int = 0
    seed: int = 7
    items_per: int = 5


def custody_hash(event: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of every field but the hash itself and the server's receipt time."""
    return content_hash({k: v for k, v in event.items() if k not in CUSTODY_UNHASHED})


def make_jpeg(rng: random.Random, target_bytes: int) -> bytes:
    """A real JPEG of roughly `target_bytes` (noise over a gradient, so it does not compress away)."""
    side = max(16, int((target_bytes / 0.66) ** 0.5))  # this blend at q=90 costs ~0.66 bytes per pixel
    noise = Image.frombytes("L", (side, side), rng.randbytes(side * side)).convert("RGB")
    base = Image.new("RGB", (side, side), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    image = Image.blend(base, noise, 0.6)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def store_blob(txn: Txn, data: bytes, *, mime: str = "image/jpeg", kind: str = "photo", name: str = "") -> str:
    """Put bytes in the content-addressed store (temp file + rename) and register the blob row."""
    sha = hashlib.sha256(data).hexdigest()
    paths = txn.store.paths
    target = paths.blob_path(sha)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = paths.tmp / f"{sha}.{os.getpid()}.part"
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    txn.db.execute(
        "INSERT OR IGNORE INTO blob(sha256, size, mime, kind, original_name, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        [sha, len(data), mime, kind, name, txn.now],
    )
    return sha


def _inspectors(txn: Txn, task: dict) -> list[dict]:
    ids = task.get("inspector_ids") or []
    rows = []
    for inspector_id in ids:
        row = txn.db.execute("SELECT id, name, cert_no FROM inspector WHERE id = ?", [inspector_id]).fetchone()
        rows.append({"id": inspector_id, "name": row[1] if row else "", "cert_no": row[2] if row else ""})
    if len(rows) < 2:
        rows += [{"id": f"demo-{i}", "name": n, "cert_no": c}
                 for i, (n, c) in enumerate([("张伟", "37010220230117"), ("李娜", "37010220230208")])][len(rows):]
    return rows


def _one_inspection(txn: Txn, task: dict, enterprise: dict, n: int, opts: FieldworkOptions, rng: random.Random) -> dict:
    now = client_now()
    stamp = {"created_at": now, "updated_at": now}
    inspectors = _inspectors(txn, task)
    hazard = 1 if rng.random() < 0.05 else 0
    inspection_id = uuid7()
    photos = [store_blob(txn, make_jpeg(rng, opts.photo_bytes), name=f"IMG_{n:04d}_{i}.jpg")
              for i in range(opts.photos_per)]
    answers = []
    for i in range(opts.items_per):
        result = "不符合" if rng.random() < 0.15 else "符合"
        answers.append({"id": uuid7(), "inspection_id": inspection_id, "item_id": f"item-{i + 1}", "result": result,
                        "note": "现场发现标识不全" if result == "不符合" else "", "state": "finalized", **stamp})
    body = {
        "id": inspection_id, "task_id": task["id"], "enterprise_id": task["enterprise_id"],
        "template_id": task.get("template_id") or "demo_template", "template_version": "1",
        "started_at": now, "ended_at": now, "place": enterprise.get("address") or "现场",
        "inspector_ids": [i["id"] for i in inspectors], "findings": "按检查表逐项检查，详见检查项目。",
        "data": {"party": {"name": enterprise.get("name", ""), "uscc": enterprise.get("uscc") or ""},
                 "notified_how": "现场告知", "credentials_shown": {"asked": True, "answer": "已出示"},
                 "recusal": {"asked": True, "answer": "不申请回避"}, "read_back_confirmed": True,
                 "recorder": inspectors[0]["name"], "hazard_note": "发现重大质量安全隐患" if hazard else ""},
        "hazard": hazard,
    }
    body["content_hash"] = content_hash({"inspection": body, "answers": [
        {k: a[k] for k in ("item_id", "result", "note")} for a in answers], "photos": photos})
    content = body.pop("content_hash")
    priority = HAZARD_PRIORITY if hazard else None
    # as the inspection screen does: a draft with its answers and photos, then finalized
    row = txn.insert("inspection", {**body, "state": "draft", **stamp}, blobs=photos, priority=priority)
    for a in answers:
        txn.insert("answer", {**a, "state": "draft"})
    for i, sha in enumerate(photos):
        txn.insert("attachment", {"blob_sha256": sha, "owner_kind": "inspection", "owner_id": inspection_id,
                                  "item_id": f"item-{i % opts.items_per + 1}", "role": "photo",
                                  "caption": f"现场照片 {i + 1}", **stamp}, blobs=[sha])
    txn.update("inspection", inspection_id, {"state": "finalized", "content_hash": content, "finalized_at": now},
               op="finalize", blobs=photos, priority=priority, audit_action="finalize")
    sample = _one_sample(txn, task, enterprise, inspection_id, inspectors, n, rng)
    return {"inspection": row["id"], "sample": sample, "photos": len(photos), "hazard": hazard}


def _one_sample(txn: Txn, task: dict, enterprise: dict, inspection_id: str, inspectors: list[dict], n: int,
                rng: random.Random) -> str:
    now = client_now()
    products = task.get("products") or [{"name": "示例产品", "standard": "GB/T 0000"}]
    product = products[n % len(products)]
    seal_test, seal_backup = f"F{n:05d}A-{rng.randrange(10**6):06d}", f"F{n:05d}B-{rng.randrange(10**6):06d}"
    data = {
        "task_source": task.get("source") or "市场监管总局", "task_category": task.get("category") or "national",
        "sampled_party": {"name": enterprise.get("name", ""), "uscc": enterprise.get("uscc") or "",
                          "address": enterprise.get("address", "")},
        "product": {"name": product.get("name", ""), "standard": product.get("standard", ""), "batch": f"B{n:04d}"},
        "quantity": {"amount": 6, "unit": "件"}, "backup_quantity": {"amount": 3, "unit": "件"},
        "lot_size": {"amount": 500, "unit": "件"},
        "seal": {"state": "已封样", "seal_numbers": {"test": [seal_test], "backup": [seal_backup]},
                 "backup_location": "受检单位仓库"},
        "samplers": [{"name": i["name"], "cert_no": i["cert_no"]} for i in inspectors[:2]],
    }
    sample_id = uuid7()
    record = {"id": sample_id, "task_id": task["id"], "inspection_id": inspection_id,
              "enterprise_id": task["enterprise_id"], "producer_id": None, "number": "", "mode": "production",
              "product_name": product.get("name", ""), "brand": "", "model": "", "batch": f"B{n:04d}",
              "sampled_at": now, "data": data, "amends_id": None}
    # the content hash the custody area verifies chains against (fields + signatures; none here)
    record["content_hash"] = content_hash(record_hash_input(record, []))
    txn.insert("sample", {**record, "state": "finalized", "finalized_at": now, "custody_status": "",
                          "created_at": now, "updated_at": now})
    txn.db.conn.executemany("INSERT INTO seal(seal_no, sample_id, part, created_at) VALUES (?, ?, ?, ?)",
                            [(seal_test, sample_id, "test", now), (seal_backup, sample_id, "backup", now)])
    actors = [{"name": i["name"], "role": "sampler", "id_no": i["cert_no"]} for i in inspectors[:2]]
    place = record["data"]["sampled_party"]["address"]
    # the custody area's own service: state machine, hash chain, chain head in the audit log
    append_event(txn, sample_id, "DRAWN", "both", at=client_now(), actors=actors, place=place,
                 data={"quantities": {"test": {"amount": 6, "unit": "件"}, "backup": {"amount": 3, "unit": "件"}},
                       "lot_size": {"amount": 500, "unit": "件"}})
    append_event(txn, sample_id, "SEALED", "both", at=client_now(), actors=actors, place=place,
                 seal_ids=[seal_test, seal_backup], data={"seals": {"test": [seal_test], "backup": [seal_backup]}})
    append_event(txn, sample_id, "SIGNED", "both", at=client_now(), place=place,
                 actors=actors + [{"name": "企业代表", "role": "enterprise_rep", "id_no": ""}],
                 data={"signers": [{"name": a["name"], "role": "sampler", "id_no": a["id_no"], "refused": False}
                                   for a in actors]})
    return sample_id


def _one_refusal(txn: Txn, task: dict, enterprise: dict) -> str:
    now = client_now()
    data = {"enterprise": {"name": enterprise.get("name", "")}, "what_happened": "企业拒绝接受抽样检验",
            "occurred_at": now, "samplers": []}
    record = {"id": uuid7(), "task_id": task["id"], "enterprise_id": task["enterprise_id"], "kind": "refusal",
              "data": data, "urgent": 1}
    record["content_hash"] = content_hash(record)
    txn.insert("site_record", {**record, "state": "finalized", "finalized_at": now, "created_at": now, "updated_at": now})
    return record["id"]


def fill_fieldwork(store: Store, options: FieldworkOptions | None = None, *, per_transaction: int = 10) -> dict:
    """Create `options.inspections` finalized inspections (round-robin over the workspace's tasks)."""
    opts = options or FieldworkOptions()
    rng = random.Random(f"fieldwork:{opts.seed}:{store.device_id}")
    db = store.read()
    tasks = query(db, "SELECT * FROM task WHERE state != 'cancelled' ORDER BY id", table="task")
    if not tasks:
        from inspector_app.i18n import tr

        raise LookupError(tr("工作区中没有任务。请先同步（inspector-app sync）或生成演示数据。",
                             "The workspace has no tasks. Sync first (inspector-app sync) or create demo data."))
    enterprises = {r["id"]: r for r in query(db, "SELECT id, name, uscc, address FROM enterprise")}
    done = {"inspections": 0, "samples": 0, "custody_events": 0, "photos": 0, "refusals": 0, "hazards": 0}
    start = db.execute("SELECT count(*) FROM inspection").fetchone()[0]

    def batch(txn: Txn, first: int, count: int) -> None:
        for n in range(first, first + count):
            task = tasks[n % len(tasks)]
            out = _one_inspection(txn, task, enterprises.get(task["enterprise_id"], {}), start + n, opts, rng)
            done["inspections"] += 1
            done["samples"] += 1
            done["custody_events"] += 3
            done["photos"] += out["photos"]
            done["hazards"] += out["hazard"]

    for first in range(0, opts.inspections, per_transaction):
        store.write_sync(batch, first, min(per_transaction, opts.inspections - first))
    if opts.refusals:
        def refusals(txn: Txn) -> None:
            for n in range(opts.refusals):
                task = tasks[n % len(tasks)]
                _one_refusal(txn, task, enterprises.get(task["enterprise_id"], {}))
                done["refusals"] += 1
        store.write_sync(refusals)
    return done


def blob_file(store: Store, sha: str) -> Path:
    return store.paths.blob_path(sha)
