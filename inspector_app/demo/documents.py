"""Demo records for the eight documents, and the builders tests use to make such records.

The demo step adds only what the workspace lacks (other areas' demo steps create samples,
inspections and custody chains the proper way; this fills the gaps so `render-all` always
finds a record for every document type). Everything is drawn from the seed.
"""

from __future__ import annotations

import io
import math
import random
from typing import TYPE_CHECKING, Any

from inspector_app.domain.hashing import content_hash

if TYPE_CHECKING:
    from inspector_app.store.db import Store
    from inspector_app.store.txn import Txn

DEMO_ISSUED_AT = "2026-11-21T02:30:00.000Z"


def signature_png(name: str, seed: int = 0, size: tuple[int, int] = (360, 120)) -> bytes:
    """A handwriting-like stroke on a transparent background (a stand-in for a captured signature)."""
    from PIL import Image, ImageDraw

    rng = random.Random(f"{name}:{seed}")
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    w, h = size
    for stroke in range(max(2, min(len(name), 4))):
        x0 = 20 + stroke * (w - 40) / max(2, min(len(name), 4))
        points = []
        for t in range(24):
            x = x0 + t * 3.2 + rng.uniform(-2, 2)
            y = h / 2 + math.sin(t / 2.5 + rng.uniform(0, 3)) * h * 0.28 + rng.uniform(-4, 4)
            points.append((x, y))
        draw.line(points, fill=(10, 20, 90, 255), width=5, joint="curve")
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def put_blob(txn: "Txn", data: bytes, kind: str, mime: str, name: str = "") -> str:
    from inspector_app.documents.issue import write_blob

    sha = write_blob(txn.store.paths, data)
    txn.db.execute(
        "INSERT OR IGNORE INTO blob(sha256, size, mime, kind, original_name, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        [sha, len(data), mime, kind, name, txn.now],
    )
    return sha


def add_signature(txn: "Txn", owner_kind: str, owner_id: str, role: str, name: str, *, signed_at: str,
                  id_no: str = "", refused: bool = False, reason: str = "", witness: str = "", seed: int = 0) -> dict:
    image = None if refused else put_blob(txn, signature_png(name, seed), "signature", "image/png", f"{name}.png")
    return txn.insert("signature", {
        "owner_kind": owner_kind, "owner_id": owner_id, "signer_name": name, "signer_role": role,
        "signer_id_no": id_no, "signed_at": signed_at, "image_sha256": image, "refused": int(refused),
        "refusal_reason": reason, "witness": {"name": witness} if witness else None, "state": "active",
    }, blobs=[image] if image else [])


def _party(ent: dict[str, Any]) -> dict[str, Any]:
    keys = ("name", "address", "postcode", "legal_rep", "contact", "phone", "uscc", "economic_type")
    return {k: ent.get(k) for k in keys if ent.get(k)}


def _inspectors(txn: "Txn") -> list[dict[str, str]]:
    rows = txn.db.execute("SELECT id, name, cert_no FROM inspector ORDER BY id LIMIT 2").fetchall()
    out = [{"id": r[0], "name": r[1], "cert_no": r[2]} for r in rows]
    defaults = [{"id": "", "name": "李明", "cert_no": "37010020001"}, {"id": "", "name": "王芳", "cert_no": "37010020002"}]
    return (out + defaults)[:2] if len(out) < 2 else out


def add_sample(txn: "Txn", task_id: str, enterprise: dict[str, Any], *, number: str = "", sampled_at: str = "2026-11-20T01:30:00.000Z",
               product: str = "电热水壶", tested: str | None = "不合格", remarks: str = "", seed: int = 0) -> str:
    """A finalized 抽样单 with seals, signatures and a custody chain up to the lab's result."""
    samplers = _inspectors(txn)
    seals = {"test": [f"FT{seed:03d}01", f"FT{seed:03d}02"], "backup": [f"FB{seed:03d}01"]}
    data = {
        "task_source": "山东省市场监督管理局", "task_category": "provincial",
        "sampled_party": _party(enterprise),
        "producer": {**_party(enterprise), "labelled": False, "confirmation": "n/a"},
        "certificate": {"type": "CCC", "number": "2024010701234567"},
        "product": {"name": product, "brand": "泉城", "model": "SWK-1720（1.7L 1800W）", "batch": "20261015A",
                    "production_date": "2026-10-15", "grade": "合格品", "standard": "GB 4706.1-2005、GB 4706.19-2008"},
        "quantity": {"amount": 6, "unit": "台"}, "backup_quantity": {"amount": 3, "unit": "台"},
        "lot_size": {"amount": 200, "unit": "台"}, "unit_price": 89.0, "purchase_cost": 0,
        "seal": {"state": "已封样", "seal_numbers": seals, "backup_location": "受检单位成品仓库"},
        "ship_to": "山东省产品质量检验研究院", "ship_deadline": "2026-11-25", "export_product": False,
        "place": "成品仓库", "gps": {"lat": 36.6512, "lon": 117.1201},
        "sampling_unit": {"name": "济南市历下区市场监督管理局", "address": "济南市历下区经十路 1 号", "contact": samplers[0]["name"], "phone": "0531-12345678"},
        "samplers": [{"name": s["name"], "cert_no": s["cert_no"]} for s in samplers],
        "remarks": remarks,
    }
    row = txn.insert("sample", {
        "task_id": task_id, "enterprise_id": enterprise["id"], "producer_id": enterprise["id"], "number": number,
        "mode": "production", "product_name": product, "brand": "泉城", "model": data["product"]["model"],
        "batch": "20261015A", "sampled_at": sampled_at, "data": data, "state": "draft",
    })
    sid = row["id"]
    for part, nos in seals.items():
        for no in nos:
            txn.db["seal"].insert({"seal_no": no, "sample_id": sid, "part": part, "created_at": txn.now})
    for i, s in enumerate(samplers):
        add_signature(txn, "sample", sid, "sampler", s["name"], id_no=s["cert_no"], signed_at=sampled_at, seed=seed + i)
    add_signature(txn, "sample", sid, "party", enterprise.get("contact") or enterprise.get("legal_rep") or "受检单位代表", signed_at=sampled_at, seed=seed + 7)
    digest = content_hash({"data": data, "number": number, "id": sid})
    txn.update("sample", sid, {"state": "finalized", "content_hash": digest, "finalized_at": txn.now}, op="finalize")
    events = [
        ("DRAWN", "both", {"quantities": {"test": data["quantity"], "backup": data["backup_quantity"]}, "lot_size": data["lot_size"]}),
        ("SEALED", "both", {"seals": seals}),
        ("BACKUP_STORED", "backup", {"location": "受检单位成品仓库", "keeper": enterprise.get("contact", "")}),
        ("SHIPPED", "test", {"method": "by_hand", "courier": "", "tracking_no": "", "destination": "山东省产品质量检验研究院"}),
        ("LAB_RECEIVED", "test", {"seal_intact": True, "packaging_intact": True, "quantity_sufficient": True, "state_normal": True,
                                  "documents_ok": True, "accepted": True, "reason": "", "lab": "山东省产品质量检验研究院"}),
    ]
    if tested:
        events.append(("TESTED", "test", {"report_no": f"SDQI-2026-{seed:05d}", "conclusion": tested,
                                          "failing_items": ["泄漏电流和电气强度", "对触及带电部件的防护"] if tested == "不合格" else [],
                                          "lab": "山东省产品质量检验研究院"}))
    append_events(txn, sid, digest, events, sampled_at, actors=[{"name": s["name"], "role": "sampler"} for s in samplers])
    return sid


def append_events(txn: "Txn", sample_id: str, first_prev: str, events: list[tuple[str, str, dict]], start_at: str, actors: list[dict]) -> None:
    """Hash-chained custody events (same hashing rule as the custody area: all fields but hash/server_at)."""
    from inspector_app.domain.ids import format_utc, parse_utc, uuid7
    import datetime as dt

    prev = first_prev
    at = parse_utc(start_at)
    seq0 = txn.db.execute("SELECT coalesce(max(seq), 0) FROM custody_event WHERE sample_id = ?", [sample_id]).fetchone()[0]
    for i, (etype, part, data) in enumerate(events, start=1):
        at = at + dt.timedelta(hours=6 * i)
        who = [{"name": "周敏", "role": "lab"}] if etype in ("LAB_RECEIVED", "TESTED") else actors
        event = {"id": uuid7(), "sample_id": sample_id, "seq": seq0 + i, "part": part, "type": etype, "at": format_utc(at),
                 "actors": who, "place": "", "gps": None, "seal_ids": [], "evidence": [], "data": data, "note": "",
                 "device_id": txn.device_id, "prev_hash": prev, "created_at": txn.now, "author": txn.actor}
        event["hash"] = content_hash({k: v for k, v in event.items() if k not in ("hash", "server_at")})
        txn.append("custody_event", event)
        prev = event["hash"]


def add_inspection(txn: "Txn", task_id: str, enterprise: dict[str, Any], *, findings: str = "", statement: str = "",
                   answers: list[tuple[str, str, str]] | None = None, seed: int = 0) -> str:
    people = _inspectors(txn)
    data = {
        "party": {**_party(enterprise), "licence_name": enterprise.get("name", ""), "id_no": "370102198001011234"},
        "notified_how": "电话通知，当事人法定代表人到场",
        "credentials_shown": {"asked": True, "answer": "看清楚了"},
        "recusal": {"asked": True, "answer": "不申请回避"},
        "read_back_confirmed": True,
        "recorder": people[1]["name"],
    }
    row = txn.insert("inspection", {
        "task_id": task_id, "enterprise_id": enterprise["id"], "template_id": "routine_inspection", "template_version": "2026.1",
        "started_at": "2026-11-20T01:00:00.000Z", "ended_at": "2026-11-20T03:10:00.000Z", "place": enterprise.get("address", ""),
        "inspector_ids": [p["id"] for p in people if p["id"]], "recorder_id": people[1]["id"] or None,
        "findings": findings or "检查中发现该企业成品仓库内存放的电热水壶铭牌标识不全，部分产品未标注生产日期；出厂检验记录缺少 2026 年 10 月的耐压试验数据。",
        "party_statement": statement or "对检查结果无异议，将于一个月内完成整改。", "data": data, "state": "draft",
    })
    iid = row["id"]
    for item_id, result, note in answers or [
        ("business_licence", "符合", ""), ("quality_assured", "不符合", "缺少 2026 年 10 月耐压试验原始记录，出厂检验不完整。"),
        ("marking_complete", "不符合", "部分产品未标注生产日期，不符合 GB 4706.1 第 7 章标志要求。"), ("warnings", "符合", ""),
        ("incoming_inspection", "不适用", ""),
    ]:
        txn.insert("answer", {"inspection_id": iid, "item_id": item_id, "result": result, "note": note, "state": "draft"})
    for i, p in enumerate(people):
        add_signature(txn, "inspection", iid, "inspector", p["name"], id_no=p["cert_no"], signed_at="2026-11-20T03:10:00.000Z", seed=seed + i)
    add_signature(txn, "inspection", iid, "party", enterprise.get("legal_rep") or "当事人", signed_at="2026-11-20T03:10:00.000Z", seed=seed + 5)
    return iid


def add_site_record(txn: "Txn", task_id: str, enterprise: dict[str, Any], kind: str, *, seed: int = 0, refused_signature: bool = True) -> str:
    people = _inspectors(txn)
    common = {"enterprise": _party(enterprise), "task_source": "山东省市场监督管理局", "bureau_opinion": "情况属实。",
              "local_bureau": "济南市历下区市场监督管理局", "samplers": [{"name": p["name"], "cert_no": p["cert_no"]} for p in people]}
    if kind == "refusal":
        data = {**common, "product": "电热水壶", "sampling_unit": {"name": "山东省产品质量检验研究院", "phone": "0531-87654321"},
                "what_happened": "抽样人员出示监督抽查通知书和执法证件后，企业负责人以“产品已全部预订”为由拒绝抽样。抽样人员告知拒绝监督抽查的法律后果后，企业仍拒绝。",
                "evidence_note": "现场照片 3 张，执法记录仪视频 1 段。", "occurred_at": "2026-11-20T02:00:00.000Z"}
    else:
        data = {**common, "task_category": "provincial", "product_category": "家用电器", "licence_number": "2024010701234567",
                "sales_past_year": False, "product_destination": "全部出口", "reason": "近一年无内销产品，成品仓库无待销产品",
                "what_happened": "抽样人员于现场核查成品仓库及销售台账，未发现符合抽样条件的产品。"}
    row = txn.insert("site_record", {"task_id": task_id, "enterprise_id": enterprise["id"], "kind": kind, "data": data, "state": "draft"})
    rid = row["id"]
    for i, p in enumerate(people):
        add_signature(txn, "site_record", rid, "sampler", p["name"], id_no=p["cert_no"], signed_at="2026-11-20T02:30:00.000Z", seed=seed + i)
    if kind == "refusal" and refused_signature:
        add_signature(txn, "site_record", rid, "party", enterprise.get("legal_rep") or "企业负责人", signed_at="2026-11-20T02:30:00.000Z",
                      refused=True, reason="拒绝在认定书上签字", witness="赵强（社区工作人员）")
    else:
        add_signature(txn, "site_record", rid, "party", enterprise.get("legal_rep") or "企业负责人", signed_at="2026-11-20T02:30:00.000Z", seed=seed + 9)
    add_signature(txn, "site_record", rid, "bureau", "孙伟", signed_at="2026-11-20T02:40:00.000Z", seed=seed + 11)
    return rid


def _pick_task(txn: "Txn", offset: int) -> tuple[str, dict[str, Any]]:
    from inspector_app.store.reference import fetch

    row = txn.db.execute("SELECT id, enterprise_id FROM task ORDER BY id LIMIT 1 OFFSET ?", [offset]).fetchone()
    if row is None:
        row = txn.db.execute("SELECT id, enterprise_id FROM task ORDER BY id LIMIT 1").fetchone()
    return row[0], fetch(txn.db, "enterprise", row[1])


def add_documents_demo(store: "Store", rng: random.Random, options: Any) -> dict:
    """Make sure every document type has a record to render (adds only what is missing)."""
    def write(txn: "Txn") -> dict:
        if txn.db.execute("SELECT count(*) FROM task").fetchone()[0] == 0:
            return {}
        added = {}
        has_tested = txn.db.execute(
            "SELECT count(*) FROM custody_event e JOIN custody_event r ON r.sample_id = e.sample_id"
            " WHERE e.type = 'TESTED' AND json_extract(e.data, '$.conclusion') = '不合格' AND r.type = 'LAB_RECEIVED'"
        ).fetchone()[0]
        if not has_tested:
            task_id, ent = _pick_task(txn, rng.randrange(5))
            added["doc_samples"] = 1
            add_sample(txn, task_id, ent, number="", seed=rng.randrange(1000))
        if not txn.db.execute("SELECT count(*) FROM inspection").fetchone()[0]:
            task_id, ent = _pick_task(txn, 5 + rng.randrange(5))
            add_inspection(txn, task_id, ent, seed=rng.randrange(1000))
            added["doc_inspections"] = 1
        for i, kind in enumerate(("refusal", "no_sample")):
            if not txn.db.execute("SELECT count(*) FROM site_record WHERE kind = ?", [kind]).fetchone()[0]:
                task_id, ent = _pick_task(txn, 10 + i * 3 + rng.randrange(3))
                add_site_record(txn, task_id, ent, kind, seed=rng.randrange(1000))
                added[f"doc_{kind}"] = 1
        return added

    return store.write_sync(write)
