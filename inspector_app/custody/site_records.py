"""拒检认定 (refusal) and 未抽到样品 (no sample obtained) records.

Both come out of the pre-sampling check instead of a sample. A refusal is reported to the
organising bureau at once: the row is `urgent` and its outbox changes carry the highest
priority, so it is pushed first when the connection returns. Once signed, a record is
finalized (content hash) and immutable.
"""

from __future__ import annotations

from typing import Any

from inspector_app.custody.numbers import allocate
from inspector_app.custody.signatures import Signer, add_signature, hashable, signatures_of
from inspector_app.domain.errors import ValidationError
from inspector_app.domain.hashing import content_hash
from inspector_app.domain.ids import uuid7
from inspector_app.domain.states import ensure_editable
from inspector_app.i18n import tr
from inspector_app.store.reference import fetch
from inspector_app.store.txn import Txn

URGENT_PRIORITY = 100  # above every other entity (hazards use 90 or less)
KIND_LABELS = {"refusal": ("拒检认定书", "refusal record"), "no_sample": ("未抽到样品确认书", "no-sample record")}
DOC_TYPES = {"refusal": "refusal_record", "no_sample": "no_sample_record"}


def _priority(kind: str) -> int | None:
    return URGENT_PRIORITY if kind == "refusal" else None


def new_site_record(txn: Txn, task_id: str, kind: str, data: dict[str, Any] | None = None, *,
                    record_id: str | None = None) -> dict[str, Any]:
    """A draft refusal / no-sample record for a task, prefilled from the task and enterprise."""
    if kind not in KIND_LABELS:
        raise ValidationError("site_record_kind", tr("未知的记录类型：{k}", "Unknown record kind: {k}", k=kind))
    task = fetch(txn.db, "task", task_id)
    if task is None:
        raise ValidationError("site_record_task", tr("任务不存在：{t}", "No such task: {t}", t=task_id))
    enterprise = fetch(txn.db, "enterprise", task["enterprise_id"]) or {}
    party = {k: enterprise.get(k) or "" for k in ("name", "address", "legal_rep", "contact", "phone", "uscc")}
    bureau = txn.setting("bureau") or {}
    product = (task.get("products") or [{}])[0].get("name", "")
    samplers = []
    for inspector_id in task.get("inspector_ids") or []:
        row = txn.db.execute("SELECT name, cert_no FROM inspector WHERE id = ?", [inspector_id]).fetchone()
        if row:
            samplers.append({"name": row[0], "cert_no": row[1]})
    base: dict[str, Any] = {"task_source": task.get("source", ""), "enterprise": party, "samplers": samplers,
                            "what_happened": "", "bureau_opinion": "", "local_bureau": ""}
    if kind == "refusal":
        base.update({"product": product, "sampling_unit": {"name": bureau.get("name", ""), "phone": bureau.get("phone", "")},
                     "evidence_note": "", "occurred_at": txn.now})
    else:
        licences = enterprise.get("licences") or []
        base.update({"task_category": task.get("category", ""), "product_category": product,
                     "licence_number": licences[0].get("number", "") if licences else "", "sales_past_year": None,
                     "product_destination": "", "reason": ""})
    base.update(data or {})
    row = {
        "id": record_id or uuid7(),
        "task_id": task_id,
        "enterprise_id": task["enterprise_id"],
        "kind": kind,
        "number": allocate(txn, DOC_TYPES[kind]),
        "data": base,
        "urgent": int(kind == "refusal"),
        "state": "draft",
    }
    return txn.insert("site_record", row, priority=_priority(kind))


def validate(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, message) for every missing or wrong field."""
    data, kind = record.get("data") or {}, record["kind"]
    issues: list[tuple[str, str]] = []

    def need(key: str, zh: str, en: str) -> None:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            issues.append((key, tr(zh, en)))

    need("task_source", "请填写任务来源。", "Enter the task source.")
    if not str((data.get("enterprise") or {}).get("name", "")).strip():
        issues.append(("enterprise.name", tr("请填写企业名称。", "Enter the enterprise name.")))
    need("what_happened", "请记录现场经过。", "Describe what happened.")
    need("bureau_opinion", "请填写当地市场监管部门意见。", "Enter the local bureau's opinion.")
    if len([s for s in data.get("samplers") or [] if str(s.get("name", "")).strip()]) < 2:
        issues.append(("samplers", tr("抽样人员不得少于2名。", "At least 2 samplers are required.")))
    if kind == "refusal":
        need("product", "请填写产品名称。", "Enter the product.")
        need("evidence_note", "请说明取得的证据（照片、录像、证人）。", "Describe the evidence (photos, video, witnesses).")
    else:
        need("reason", "请填写未抽到样品的原因。", "Enter why no sample was obtained.")
        need("product_destination", "请填写产品去向。", "Enter where the product goes.")
        if not isinstance(data.get("sales_past_year"), bool):
            issues.append(("sales_past_year", tr("请回答近一年是否有销售。", "Answer whether there were sales in the past year.")))
    return issues


def save_draft(txn: Txn, record_id: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    record = fetch(txn.db, "site_record", record_id)
    ensure_editable(record["state"])
    if record["data"] != data:
        txn.update("site_record", record_id, {"data": data}, audit_action="autosave", priority=_priority(record["kind"]))
    return validate({**record, "data": data})


def record_hash(db, record: dict[str, Any]) -> str:
    keys = ("id", "task_id", "enterprise_id", "kind", "number", "data", "amends_id")
    return content_hash({**{k: record.get(k) for k in keys}, "signatures": hashable(signatures_of(db, "site_record", record["id"]))})


def finalize(txn: Txn, record_id: str, signers: list[Signer]) -> dict[str, Any]:
    """Samplers sign; the enterprise signs or its refusal is witnessed; the local bureau may sign."""
    record = fetch(txn.db, "site_record", record_id)
    ensure_editable(record["state"])
    problems = validate(record)
    if problems:
        raise ValidationError("site_record_invalid", tr("还有 {n} 处需要填写，例如：{m}", "{n} field(s) still need attention, e.g.: {m}",
                                                        n=len(problems), m=problems[0][1]))
    for signer in signers:
        signer.check()
    if len([s for s in signers if s.role == "sampler"]) < 2:
        raise ValidationError("signature_samplers", tr("至少需要 2 名抽样人员签名。", "At least 2 samplers must sign."))
    if not any(s.role == "party" for s in signers):
        raise ValidationError("signature_party", tr("需要企业签名，或记录其拒绝签字（理由和见证人）。",
                                                    "The enterprise must sign, or its refusal must be recorded (reason and witness)."))
    for signer in signers:
        add_signature(txn, "site_record", record_id, signer)
    digest = record_hash(txn.db, record)
    return txn.update("site_record", record_id, {"state": "finalized", "content_hash": digest, "finalized_at": txn.now},
                      op="finalize", audit_action="finalize", priority=_priority(record["kind"]))


def kind_label(kind: str) -> str:
    from inspector_app.i18n import language

    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return zh if language() == "zh_CN" else en
