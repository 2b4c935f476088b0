"""Demo samples at every stage of custody, plus refusals and no-sample records.

Every stage a screen or document can show has at least one real record: just drawn (draft),
sealed, backup stored, shipped, at the lab, rejected by the lab, tested pass and fail, result
served (objection window open), objection filed, re-tested, disposed; an online purchase and
retail samples (producer confirmation pending / confirmed). Ids, numbers, times and photos
come from the seed; times are relative to the demo's today.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import TYPE_CHECKING, Any

from inspector_app.custody import records, service, site_records
from inspector_app.custody.photos import add_photo
from inspector_app.custody.signatures import Signer
from inspector_app.demo.reference import DEMO_INSPECTORS, INDUSTRIES, DemoIds, demo_today, person_name
from inspector_app.domain.ids import format_utc
from inspector_app.store.reference import fetch

if TYPE_CHECKING:
    from inspector_app.demo import DemoOptions
    from inspector_app.store.db import Store

CST = dt.timezone(dt.timedelta(hours=8))
LABS = ["山东省产品质量检验研究院", "国家电线电缆产品质量检验检测中心（江苏）", "济南市产品质量检验院"]
STANDARDS = {product: standard for *_, products, _w in INDUSTRIES for product, standard in products}

# (stage, mode, days ago the sample was drawn, steps after signing)
PLAN: list[tuple[str, str, int, list[str]]] = [
    ("drawn", "production", 0, []),
    ("sealed", "production", 1, []),
    ("stored", "production", 2, ["BACKUP_STORED"]),
    ("shipped", "production", 3, ["BACKUP_STORED", "SHIPPED_TEST"]),
    ("at_lab", "production", 6, ["SHIPPED", "RECEIVED", "BLIND"]),
    ("rejected", "production", 7, ["BACKUP_STORED", "SHIPPED_TEST", "REJECTED"]),
    ("tested_pass", "production", 30, ["SHIPPED", "RECEIVED", "BLIND", "TESTED_PASS"]),
    ("tested_fail", "production", 32, ["SHIPPED", "RECEIVED", "BLIND", "TESTED_FAIL"]),
    ("result_served", "production", 40, ["SHIPPED", "RECEIVED", "BLIND", "TESTED_FAIL", "SERVED_RECENT"]),
    ("objection", "production", 60, ["SHIPPED", "RECEIVED", "TESTED_FAIL", "SERVED_OLD", "OBJECTION", "RETEST_CONFIRMED"]),
    ("retested_fail", "production", 80, ["SHIPPED", "RECEIVED", "TESTED_FAIL", "SERVED_OLD", "OBJECTION", "RETEST_CONFIRMED", "RETESTED_FAIL"]),
    ("retested_pass", "production", 90, ["SHIPPED", "RECEIVED", "TESTED_FAIL", "SERVED_OLD", "OBJECTION", "RETEST_CONFIRMED", "RETESTED_PASS"]),
    ("disposed", "production", 150, ["SHIPPED", "RECEIVED", "TESTED_PASS", "SERVED_OLD", "DISPOSED"]),
    ("online_at_lab", "online", 9, ["SHIPPED", "RECEIVED", "BLIND"]),
    ("online_served", "online", 35, ["SHIPPED", "RECEIVED", "TESTED_FAIL", "SERVED_RECENT"]),
    ("retail_pending", "retail", 4, ["CONFIRM_SENT", "BACKUP_STORED", "SHIPPED_TEST"]),
    ("retail_confirmed", "retail", 20, ["CONFIRM_SENT", "CONFIRMED", "SHIPPED", "RECEIVED", "TESTED_PASS"]),
]


def demo_photo(rng: random.Random, label: str) -> bytes:
    """A small real JPEG with a coloured band and a label (deterministic)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), (rng.randrange(150, 230), rng.randrange(150, 230), rng.randrange(150, 230)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 180, 320, 240), fill=(rng.randrange(0, 90), rng.randrange(0, 90), rng.randrange(60, 140)))
    draw.text((12, 196), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


class Clock:
    """Event times: from the sampling moment forward, never after the start of the demo's today
    (so the same seed on the same day gives the same times, and nothing lies in the future)."""

    def __init__(self, start: dt.datetime, limit: dt.datetime):
        self.moment = start
        self.limit = limit

    def after(self, hours: float) -> str:
        self.moment = min(self.moment + dt.timedelta(hours=hours), self.limit)
        return format_utc(self.moment)

    def day(self) -> str:
        return self.moment.astimezone(CST).date().isoformat()


def add_samples(store: "Store", rng: random.Random, options: "DemoOptions") -> dict:
    db = store.read()
    tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY id").fetchall()]
    enterprises = [r[0] for r in db.execute("SELECT id FROM enterprise ORDER BY id").fetchall()]
    if not tasks:
        return {"samples": 0}
    ids = DemoIds(rng, offset_ms=20_000_000)
    today = demo_today()
    me, partner = DEMO_INSPECTORS
    samplers = [Signer(me["name"], "sampler", me["cert_no"]), Signer(partner["name"], "sampler", partner["cert_no"])]
    picks = rng.sample(tasks, k=min(len(tasks), len(PLAN) + 4))
    counts = {"samples": 0, "custody_events": 0, "refusals": 0, "no_sample_records": 0}
    for index, (stage, mode, days_ago, steps) in enumerate(PLAN):
        task_id = picks[index % len(picks)]
        producer_id = enterprises[rng.randrange(len(enterprises))]
        n_events = store.write_sync(_one_sample, rng, ids, task_id, producer_id, stage, mode, days_ago, steps, today, samplers)
        counts["samples"] += 1
        counts["custody_events"] += n_events
    for offset, kind in enumerate(("refusal", "refusal", "no_sample", "no_sample")):
        task_id = picks[(len(PLAN) + offset) % len(picks)]
        store.write_sync(_site_record, rng, ids, task_id, kind, finalize=offset % 2 == 0, samplers=samplers, today=today)
        counts["refusals" if kind == "refusal" else "no_sample_records"] += 1
    return counts


def _one_sample(txn, rng, ids, task_id, producer_id, stage, mode, days_ago, steps, today, samplers) -> int:
    task = fetch(txn.db, "task", task_id)
    enterprise = fetch(txn.db, "enterprise", task["enterprise_id"])
    product = (task.get("products") or [{}])[0]
    start = dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(9 + rng.randrange(0, 6), rng.randrange(0, 60)), CST)
    limit = dt.datetime.combine(today, dt.time(0, 0), CST)
    start = min(start, limit - dt.timedelta(hours=2))
    clock = Clock(start.astimezone(dt.timezone.utc), limit.astimezone(dt.timezone.utc) - dt.timedelta(minutes=1))
    unit = product.get("unit") or "件"
    amount = product.get("quantity") or 2
    seal_base = f"FT{today.year % 100:02d}{rng.randrange(100000, 999999)}"
    licence = next((l for l in enterprise.get("licences") or [] if l.get("kind") in ("生产许可证", "CCC", "SC")), None)
    data: dict[str, Any] = {
        "product": {"name": product.get("name", "产品"), "brand": enterprise["name"][2:4], "model": rng.choice(["BV 2.5mm²", "A型", "标准型", "QX-200", "500ml"]),
                    "batch": (start - dt.timedelta(days=rng.randrange(10, 90))).strftime("%Y%m%d"),
                    "production_date": (start - dt.timedelta(days=rng.randrange(10, 90))).date().isoformat(),
                    "grade": rng.choice(["合格品", "一等品", "优等品"]), "standard": STANDARDS.get(product.get("name", ""), "未标注")},
        "quantity": {"amount": amount, "unit": unit}, "backup_quantity": {"amount": amount, "unit": unit},
        "lot_size": {"amount": rng.randrange(50, 800), "unit": unit},
        "unit_price": round(rng.uniform(10, 300), 2),
        "ship_to": rng.choice(LABS), "ship_deadline": (start.date() + dt.timedelta(days=5)).isoformat(),
        "pre_check": {c: True for c in ("two_samplers", "credentials_shown", "notice_matches", "no_fee", "product_matches", "for_sale",
                                        "not_contract_only", "not_export_only", "not_trial", "lot_size_ok", "party_cooperates")},
        "remarks": "",
    }
    data["purchase_cost"] = round(data["unit_price"] * amount * 2, 2)
    if mode == "production":
        data["certificate"] = {"type": licence["kind"], "number": licence["number"]} if licence else {"type": "无", "number": ""}
    else:
        producer = fetch(txn.db, "enterprise", producer_id)
        data["producer"] = {**{k: producer.get(k) or "" for k in ("name", "address", "postcode", "legal_rep", "contact", "phone", "uscc", "economic_type")},
                            "labelled": True, "confirmation": "confirmed" if "CONFIRMED" in steps else "pending"}
        plic = next((l for l in producer.get("licences") or [] if l.get("kind") in ("生产许可证", "CCC", "SC")), None)
        data["certificate"] = {"type": plic["kind"], "number": plic["number"]} if plic else {"type": "无", "number": ""}
    if mode == "online":
        data["online"] = {"platform": rng.choice(["某东商城", "某宝网"]), "shop": f"{enterprise['name'][:4]}官方旗舰店",
                          "url": f"https://shop.example.cn/item/{rng.randrange(10**8, 10**9)}",
                          "order_number": f"{start:%Y%m%d}{rng.randrange(10**9, 10**10)}", "price": round(rng.uniform(30, 400), 2)}
        data["place"] = "网络购买（收货地址：济南市历下区经十路 1 号）"
    if stage != "drawn":
        data["seal"] = {"state": "已封样", "seal_numbers": {"test": [f"{seal_base}-1"], "backup": [f"{seal_base}-2"]},
                        "backup_location": "企业成品库（加贴封条）" if mode == "production" else "本局样品室"}
    row = records.new_sample(txn, task_id, mode, data=data, sample_id=ids())
    sid = row["id"]
    photo = lambda role, label: add_photo(txn, "sample", sid, role, demo_photo(rng, label), name=f"{label}.jpg")  # noqa: E731
    if mode == "online":
        photo("receipt", "receipt")
        photo("unpacking", "unpacking-1")
        photo("unpacking", "unpacking-2")
    photo("photo", "product")
    if stage == "drawn":
        records.save_draft(txn, sid, fetch(txn.db, "sample", sid)["data"], sampled_at=format_utc(start))
        return 0
    photo("seal", "seal-test")
    photo("seal", "seal-backup")
    sampled_at = clock.after(0)
    records.save_draft(txn, sid, fetch(txn.db, "sample", sid)["data"], sampled_at=sampled_at)
    party_name = enterprise.get("legal_rep") or person_name(rng)
    at = {"PURCHASED": format_utc(start - dt.timedelta(days=3)), "UNPACKED": clock.after(0.1), "DRAWN": clock.after(0.1),
          "SEALED": clock.after(0.2)}
    signers = [Signer(s.name, s.role, s.id_no, signed_at=clock.after(0.05), id=ids()) for s in samplers]
    if stage == "rejected":
        signers.append(Signer(party_name, "party", refused=True, refusal_reason="认为抽样数量过多，拒绝签字", signed_at=clock.after(0.1),
                              witness={"name": person_name(rng), "id_no": "370102199001010011"}, id=ids()))
    else:
        signers.append(Signer(party_name, "party", f"3701{rng.randrange(10**13, 10**14)}", signed_at=clock.after(0.1), id=ids()))
    at["SIGNED"] = clock.after(0.01)
    records.finalize(txn, sid, signers, at=at, event_ids=ids)
    lab = data["ship_to"]
    me = {"name": samplers[0].name, "role": "sampler", "id_no": samplers[0].id_no}
    receiver = {"name": person_name(rng), "role": "lab_receiver", "id_no": f"LAB-{rng.randrange(1000, 9999)}"}
    n = len(service.events_of(txn.db, sid))

    def add(etype, part, hours, **kw):
        nonlocal n
        service.append_event(txn, sid, etype, part, at=clock.after(hours), event_id=ids(), place=kw.pop("place", ""), **kw)
        n += 1

    checks = {"seal_intact": True, "packaging_intact": True, "quantity_sufficient": True, "state_normal": True, "documents_ok": True}
    for step in steps:
        if step == "BACKUP_STORED":
            add("BACKUP_STORED", "backup", 1, actors=[me], data={"location": data["seal"]["backup_location"], "keeper": enterprise.get("contact") or party_name})
        elif step in ("SHIPPED", "SHIPPED_TEST"):
            part = "both" if step == "SHIPPED" else "test"
            if rng.random() < 0.5:
                add("SHIPPED", part, 20, actors=[me, {"name": "顺丰速运", "role": "courier"}],
                    data={"method": "courier", "courier": "顺丰速运", "tracking_no": f"SF{rng.randrange(10**11, 10**12)}", "destination": lab})
            else:
                add("SHIPPED", part, 20, actors=[me], data={"method": "by_hand", "destination": lab})
        elif step == "RECEIVED":
            add("LAB_RECEIVED", "both", 24, place=lab, signers=[Signer(receiver["name"], "lab_receiver", receiver["id_no"], signed_at=clock.after(0), id=ids())],
                data={**checks, "accepted": True, "reason": "", "lab": lab})
        elif step == "REJECTED":
            add("LAB_RECEIVED", "test", 24, place=lab, signers=[Signer(receiver["name"], "lab_receiver", receiver["id_no"], signed_at=clock.after(0), id=ids())],
                data={**checks, "seal_intact": False, "accepted": False, "reason": "检验样封条断裂，无法确认样品未被调换", "lab": lab})
        elif step == "BLIND":
            add("BLIND_CODED", "test", 2, data={"blind_code": f"BM{today.year}-{rng.randrange(1000, 9999)}"})
        elif step in ("TESTED_PASS", "TESTED_FAIL"):
            fail = step == "TESTED_FAIL"
            add("TESTED", "test", 24 * 10, data={"report_no": f"JY{today.year}{rng.randrange(10000, 99999)}", "conclusion": "不合格" if fail else "合格",
                                                   "failing_items": rng.sample(["导体电阻", "绝缘厚度", "标志", "燃烧性能", "甲醛含量"], 2) if fail else [], "lab": lab})
        elif step in ("SERVED_RECENT", "SERVED_OLD"):
            if step == "SERVED_RECENT":
                clock.moment = max(clock.moment, clock.limit - dt.timedelta(days=5))
            clock.after(24)
            add("RESULT_SERVED", "both", 0, data={"to": party_name, "method": rng.choice(["in_person", "post"]), "served_on": clock.day(),
                                                  "receipt": "送达回证已签收"})
        elif step == "OBJECTION":
            clock.after(24 * 5)
            add("OBJECTION_FILED", "both", 0, data={"filed_on": clock.day(), "by": party_name})
        elif step == "RETEST_CONFIRMED":
            add("RETEST_SAMPLE_CONFIRMED", "backup", 24 * 2, actors=[me, {"name": party_name, "role": "enterprise_rep"}], data={"seals_checked": True})
        elif step in ("RETESTED_PASS", "RETESTED_FAIL"):
            add("RETESTED", "backup", 24 * 10, data={"report_no": f"FJ{today.year}{rng.randrange(10000, 99999)}",
                                                     "conclusion": "合格" if step == "RETESTED_PASS" else "不合格"})
        elif step == "DISPOSED":
            add("DISPOSED", "both", 24 * 30, data={"how": rng.choice(["returned", "destroyed"])})
        elif step == "CONFIRM_SENT":
            add("PRODUCER_CONFIRMATION", "both", 3, data={"status": "sent", "to": data["producer"]["name"]})
        elif step == "CONFIRMED":
            add("PRODUCER_CONFIRMATION", "both", 24 * 3, data={"status": "confirmed"})
    return n


def _site_record(txn, rng, ids, task_id, kind, *, finalize, samplers, today) -> None:
    occurred = format_utc(dt.datetime.combine(today - dt.timedelta(days=rng.randrange(1, 20)), dt.time(10, 30), CST))
    if kind == "refusal":
        data = {"what_happened": "执法人员出示抽样通知书和执法证件后，企业负责人以“生产繁忙”为由拒绝抽样，经告知拒检的法律后果后仍拒绝。",
                "evidence_note": "执法记录仪视频 1 段（约 6 分钟）；现场照片 2 张。", "bureau_opinion": "认定企业拒绝接受监督抽查。",
                "local_bureau": "济南市历下区市场监督管理局", "occurred_at": occurred}
    else:
        data = {"reason": rng.choice(["产品专供出口", "抽样基数低于抽样方案要求", "企业近一年未生产该产品"]), "sales_past_year": rng.random() < 0.5,
                "product_destination": "均销往境外客户" if rng.random() < 0.5 else "无库存，按订单生产",
                "what_happened": "现场核查成品库和销售台账，未发现符合抽样条件的产品。", "bureau_opinion": "情况属实。",
                "local_bureau": "济南市历下区市场监督管理局"}
    if not finalize:
        data["bureau_opinion"] = ""
    record = site_records.new_site_record(txn, task_id, kind, data, record_id=ids())
    if kind == "refusal":
        add_photo(txn, "site_record", record["id"], "photo", demo_photo(rng, "refusal"), name="refusal.jpg")
    if finalize:
        party = Signer(person_name(rng), "party", refused=True, refusal_reason="拒绝签字", witness={"name": person_name(rng), "id_no": ""},
                       signed_at=occurred, id=ids())
        people = [Signer(s.name, s.role, s.id_no, signed_at=occurred, id=ids()) for s in samplers]
        site_records.finalize(txn, record["id"], people + [party, Signer("历下区市场监管局", "bureau", signed_at=occurred, id=ids())])
