"""Builders shared by the custody tests: a task with its enterprise, real JPEGs, signed samples."""

from __future__ import annotations

import datetime as dt
import io

from inspector_app.custody import records, service
from inspector_app.custody.photos import add_photo
from inspector_app.custody.signatures import Signer
from inspector_app.domain.identifiers import make_uscc
from inspector_app.domain.ids import format_utc, uuid7
from inspector_app.store.reference import add_enterprise, bulk_upsert_tasks, upsert_inspector

PARTY_USCC = make_uscc("91370102MA3C4E5F6")
PRODUCER_USCC = make_uscc("91320505MA1N2P3Q4")
INSPECTORS = [("0190f1c0-0000-7000-8000-0000000000a1", "张伟", "37010220230117"),
              ("0190f1c0-0000-7000-8000-0000000000a2", "李娜", "37010220230208")]


def jpeg(color=(200, 40, 40), size=(64, 48)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def make_task(store, *, enterprise_name="济南华宇电缆有限公司") -> str:
    def write(txn):
        txn.set_setting("inspector.name", "张伟")
        txn.set_setting("bureau", {"name": "济南市历下区市场监督管理局", "phone": "0531-12345678", "address": "经十路 1 号"})
        for iid, name, cert in INSPECTORS:
            upsert_inspector(txn, {"id": iid, "name": name, "cert_no": cert})
        existing = txn.db.execute("SELECT id FROM enterprise WHERE name = ?", [enterprise_name]).fetchone()
        count = txn.db.execute("SELECT count(*) FROM enterprise").fetchone()[0]
        uscc = PARTY_USCC if count == 0 else make_uscc(f"9137010{count:02d}A3C4E5F6")
        ent = {"id": existing[0]} if existing else add_enterprise(txn, {"name": enterprise_name, "uscc": uscc, "address": "济南市历下区工业南路 8 号",
                                   "legal_rep": "王强", "phone": "0531-88886666",
                                   "licences": [{"kind": "生产许可证", "number": "鲁XK06-001-00123"}]})
        task_id = f"task-{uuid7()}"
        bulk_upsert_tasks(txn, [{"id": task_id, "number": "JN-2026-00001", "type": "spot_check", "source": "山东省市场监督管理局",
                                 "category": "provincial", "enterprise_id": ent["id"], "inspector_ids": [i[0] for i in INSPECTORS],
                                 "products": [{"name": "聚氯乙烯绝缘电缆", "standard": "GB/T 5023", "quantity": 2, "unit": "卷"}]}],
                          source="test")
        return task_id

    return store.write_sync(write)


PASSING_PRECHECK = {"two_samplers": True, "credentials_shown": True, "notice_matches": True, "no_fee": True,
                    "product_matches": True, "for_sale": True, "not_contract_only": True, "not_export_only": True,
                    "not_trial": True, "lot_size_ok": True, "party_cooperates": True}


def complete_data(mode: str, seals=("FT-0001", "FT-0002")) -> dict:
    data = {
        "product": {"name": "聚氯乙烯绝缘电缆", "brand": "华宇", "model": "BV 2.5mm²", "batch": "20260301", "standard": "GB/T 5023"},
        "quantity": {"amount": 2, "unit": "卷"}, "backup_quantity": {"amount": 2, "unit": "卷"}, "lot_size": {"amount": 200, "unit": "卷"},
        "seal": {"state": "已封样", "seal_numbers": {"test": [seals[0]], "backup": [seals[1]]}, "backup_location": "企业成品库"},
        "pre_check": dict(PASSING_PRECHECK),
        "place": "济南市历下区工业南路 8 号",
    }
    if mode != "production":
        data["producer"] = {"name": "苏州远东电缆有限公司", "uscc": PRODUCER_USCC, "labelled": True, "confirmation": "pending"}
        data["certificate"] = {"type": "无", "number": ""}
    if mode == "online":
        data["online"] = {"platform": "某电商平台", "shop": "远东电缆旗舰店", "order_number": "TB2026030112345", "price": 89.5}
    return data


def signers(refuse=False) -> list[Signer]:
    out = [Signer("张伟", "sampler", "37010220230117"), Signer("李娜", "sampler", "37010220230208")]
    if refuse:
        out.append(Signer("王强", "party", refused=True, refusal_reason="不认可抽样", witness={"name": "赵敏", "id_no": "370102199001011234"}))
    else:
        out.append(Signer("王强", "party", "370102198001011234"))
    return out


def signed_sample(store, mode="production", seals=("FT-0001", "FT-0002"), task_id=None, refuse=False) -> dict:
    task_id = task_id or make_task(store)
    sampled_at = format_utc(dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1))

    def write(txn):
        row = records.new_sample(txn, task_id, mode, data=complete_data(mode, seals))
        if mode == "online":
            add_photo(txn, "sample", row["id"], "receipt", jpeg((10, 120, 10)))
            add_photo(txn, "sample", row["id"], "unpacking", jpeg((10, 10, 120)))
        data = records.fetch(txn.db, "sample", row["id"])["data"]
        issues = records.save_draft(txn, row["id"], data, sampled_at=sampled_at)
        assert not records.errors(issues), [i.message for i in records.errors(issues)]
        return records.finalize(txn, row["id"], signers(refuse))

    return store.write_sync(write)


def lab_receiver():
    return [{"name": "陈静", "role": "lab_receiver", "id_no": "LAB-0042"}]


def courier_ship(store, sample_id, part="both"):
    return store.write_sync(lambda t: service.append_event(
        t, sample_id, "SHIPPED", part, actors=[{"name": "张伟", "role": "sampler", "id_no": "37010220230117"}],
        data={"method": "by_hand", "destination": "山东省产品质量检验研究院"}))


def receive(store, sample_id, part="both", accepted=True):
    data = {"seal_intact": True, "packaging_intact": True, "quantity_sufficient": True, "state_normal": True,
            "documents_ok": True, "accepted": accepted, "reason": "" if accepted else "封条破损", "lab": "山东省产品质量检验研究院"}
    if not accepted:
        data["seal_intact"] = False
    return store.write_sync(lambda t: service.append_event(t, sample_id, "LAB_RECEIVED", part, actors=lab_receiver(), data=data))
