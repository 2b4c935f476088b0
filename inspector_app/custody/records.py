"""The sampling record (抽样单): drafts, validation at entry, finalization, amendments.

A draft is saved on every edit (the form autosaves; bad input is kept and flagged, never lost).
Finalizing needs every field valid and the signatures; it writes the signature rows, the
content hash and the opening events of the custody chain in one transaction. A finalized
record never changes; a correction is an amendment (a new record with `amends_id`) that both
the samplers and the party sign.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from inspector_app.custody import precheck
from inspector_app.custody.numbers import allocate
from inspector_app.custody.signatures import Signer, add_signature, hashable, signatures_of
from inspector_app.domain.errors import StateError, ValidationError
from inspector_app.domain.hashing import content_hash
from inspector_app.domain.identifiers import CERTIFICATE_TYPES, validate_licence, validate_uscc
from inspector_app.domain.ids import parse_utc, uuid7
from inspector_app.domain.states import ensure_editable
from inspector_app.i18n import tr
from inspector_app.store.reference import fetch, query
from inspector_app.store.txn import Txn

MODES = ("production", "retail", "online")
MODE_LABELS = {"production": ("生产现场抽样", "production site"), "retail": ("流通领域抽样", "retail"), "online": ("网购/买样", "online purchase")}
TASK_CATEGORIES = ("national", "provincial", "municipal", "special", "recheck")
CLOCK_TOLERANCE = dt.timedelta(minutes=10)  # laptop clocks drift; a little future is not an error
COLUMN_FIELDS = ("product_name", "brand", "model", "batch", "sampled_at", "mode", "number")


@dataclass
class Issue:
    """A problem with one field: `path` like "producer.uscc"; errors block finalizing."""

    path: str
    message: str
    severity: str = "error"  # error | warning


def mode_label(mode: str) -> str:
    from inspector_app.i18n import language

    zh, en = MODE_LABELS.get(mode, (mode, mode))
    return zh if language() == "zh_CN" else en


# -- creating and saving drafts ---------------------------------------------------------------
def new_sample(txn: Txn, task_id: str, mode: str = "production", *, data: dict[str, Any] | None = None,
               inspection_id: str | None = None, sample_id: str | None = None, number: str | None = None) -> dict[str, Any]:
    """A draft 抽样单 for a task, prefilled from the task, its enterprise and the inspector pair."""
    if mode not in MODES:
        raise ValidationError("sample_mode", tr("未知的抽样方式：{m}", "Unknown sampling mode: {m}", m=mode))
    task = fetch(txn.db, "task", task_id)
    if task is None:
        raise ValidationError("sample_task", tr("任务不存在：{t}", "No such task: {t}", t=task_id))
    enterprise = fetch(txn.db, "enterprise", task["enterprise_id"])
    party = _party(enterprise)
    product = (task.get("products") or [{}])[0]
    prefill: dict[str, Any] = {
        "task_source": task.get("source", ""),
        "task_category": task.get("category", ""),
        "sampled_party": party,
        "producer": {**(party if mode == "production" else {}), "labelled": mode != "production",
                     "confirmation": "n/a" if mode == "production" else "pending"},
        "certificate": _certificate(enterprise) if mode == "production" else {"type": "", "number": ""},
        "product": {"name": product.get("name", ""), "standard": product.get("standard", "")},
        "quantity": {"amount": product.get("quantity") or None, "unit": product.get("unit", "件")},
        "backup_quantity": {"amount": product.get("quantity") or None, "unit": product.get("unit", "件")},
        "lot_size": {"amount": None, "unit": product.get("unit", "件")},
        "seal": {"state": "", "seal_numbers": {"test": [], "backup": []}, "backup_location": ""},
        "samplers": _samplers(txn, task),
        "sampling_unit": _sampling_unit(txn),
        "place": enterprise.get("address", "") if enterprise else "",
        "export_product": False,
        "pre_check": {},
    }
    if mode == "online":
        prefill["online"] = {"platform": "", "shop": "", "url": "", "order_number": "", "price": None}
    merged = _deep_merge(prefill, data or {})
    row = {
        "id": sample_id or uuid7(),
        "task_id": task_id,
        "inspection_id": inspection_id,
        "enterprise_id": task["enterprise_id"],
        "number": number or allocate(txn, "sampling_record"),
        "mode": mode,
        "product_name": merged["product"].get("name", ""),
        "brand": merged["product"].get("brand", ""),
        "model": merged["product"].get("model", ""),
        "batch": merged["product"].get("batch", ""),
        "sampled_at": None,
        "data": merged,
        "custody_status": "drawn|drawn",
        "state": "draft",
    }
    stored = txn.insert("sample", row)
    _reserve_seals(txn, {**row, "data": merged}, validate(txn.db, {**row, "data": merged}))
    return stored


def save_draft(txn: Txn, sample_id: str, data: dict[str, Any], *, sampled_at: str | None | bool = False,
               producer_id: str | None | bool = False) -> list[Issue]:
    """Store the whole form as it is now (autosave) and return the issues to show beside fields.

    Everything typed is kept, valid or not; only seal numbers already used by another sample are
    not reserved (the issue says which sample holds them)."""
    row = fetch(txn.db, "sample", sample_id)
    if row is None:
        raise ValidationError("sample_missing", tr("抽样单不存在。", "No such sampling record."))
    ensure_editable(row["state"])
    product = data.get("product") or {}
    changes: dict[str, Any] = {
        "data": data,
        "product_name": product.get("name", ""),
        "brand": product.get("brand", ""),
        "model": product.get("model", ""),
        "batch": product.get("batch", ""),
    }
    if sampled_at is not False:
        changes["sampled_at"] = sampled_at
    if producer_id is not False:
        changes["producer_id"] = producer_id
    new = {**row, **changes}
    issues = validate(txn.db, new)
    _reserve_seals(txn, new, issues)
    if any(row.get(k) != v for k, v in changes.items()):
        txn.update("sample", sample_id, changes, audit_action="autosave")
    return issues


def _reserve_seals(txn: Txn, sample: dict[str, Any], issues: list[Issue]) -> None:
    """Keep the `seal` table in step with the draft: free seal numbers are reserved for it."""
    if sample.get("amends_id"):
        return  # an amendment keeps the original's physical seals
    clashing = {i.path.split(":", 1)[1] for i in issues if i.path.startswith("seal.taken:")}
    wanted: dict[str, str] = {}
    for part, numbers in _seal_numbers(sample["data"]).items():
        for number in numbers:
            if number and number not in clashing:
                wanted.setdefault(number, part)
    current = dict(txn.db.execute("SELECT seal_no, part FROM seal WHERE sample_id = ?", [sample["id"]]).fetchall())
    for number in set(current) - set(wanted):
        txn.db.execute("DELETE FROM seal WHERE seal_no = ? AND sample_id = ?", [number, sample["id"]])
    for number, part in wanted.items():
        if number not in current:
            txn.db.execute("INSERT INTO seal(seal_no, sample_id, part, created_at) VALUES (?, ?, ?, ?)",
                           [number, sample["id"], part, txn.now])
        elif current[number] != part:
            txn.db.execute("UPDATE seal SET part = ? WHERE seal_no = ?", [part, number])


# -- validation ------------------------------------------------------------------------------
def validate(db, sample: dict[str, Any], *, now: dt.datetime | None = None) -> list[Issue]:
    """Every rule of the 抽样单 that can be checked on the record itself."""
    data = sample.get("data") or {}
    mode = sample.get("mode", "production")
    issues: list[Issue] = []

    def err(path: str, zh: str, en: str, severity: str = "error", **p: Any) -> None:
        issues.append(Issue(path, tr(zh, en, **p), severity))

    if not str(data.get("task_source", "")).strip():
        err("task_source", "请填写任务来源。", "Enter the task source.")
    if data.get("task_category") not in TASK_CATEGORIES:
        err("task_category", "请选择任务类别。", "Choose the task category.")
    party = data.get("sampled_party") or {}
    if not str(party.get("name", "")).strip():
        err("sampled_party.name", "请填写受检单位名称。", "Enter the sampled party's name.")
    _check_uscc(issues, "sampled_party.uscc", party.get("uscc", ""), required=mode != "online")
    producer = data.get("producer") or {}
    if not str(producer.get("name", "")).strip():
        err("producer.name", "请填写生产单位（或标称生产者）名称。", "Enter the producer (or labelled producer).")
    _check_uscc(issues, "producer.uscc", producer.get("uscc", ""), required=mode == "production")
    if mode != "production" and producer.get("confirmation") not in ("pending", "confirmed", "denied"):
        err("producer.confirmation", "请选择标称生产者的确认状态。", "Choose the labelled producer's confirmation status.")
    cert = data.get("certificate") or {}
    if cert.get("type") not in CERTIFICATE_TYPES:
        err("certificate.type", "请选择证书类型（无证书选“无”）。", "Choose the certificate type (无 if none).")
    elif cert["type"] in ("生产许可证", "SC", "CCC"):
        number = str(cert.get("number", ""))
        if not number.strip():
            err("certificate.number", "请填写证书编号。", "Enter the certificate number.")
        else:
            result = validate_licence(cert["type"], number)
            for message in result.errors:
                issues.append(Issue("certificate.number", message))
    product = data.get("product") or {}
    if not str(product.get("name", "")).strip():
        err("product.name", "请填写产品名称。", "Enter the product name.")
    if not str(product.get("batch", "")).strip() and not str(product.get("production_date", "")).strip():
        err("product.batch", "请填写生产日期或批号。", "Enter the production date or batch number.")
    if not str(product.get("standard", "")).strip():
        err("product.standard", "请填写标注执行标准（无标注请写“未标注”）。", "Enter the declared standard (write 未标注 if none).", "warning")
    quantity = _amount(issues, "quantity", data.get("quantity"), minimum_exclusive=True)
    backup = _amount(issues, "backup_quantity", data.get("backup_quantity"), minimum_exclusive=False)
    lot = _amount(issues, "lot_size", data.get("lot_size"), minimum_exclusive=True)
    units = {str((data.get(k) or {}).get("unit", "")).strip() for k in ("quantity", "backup_quantity", "lot_size")}
    if quantity is not None and lot is not None and backup is not None and len(units - {""}) == 1 and lot < quantity + backup:
        err("lot_size", "抽样基数（{lot}）小于抽样数量与备样数量之和（{q}）。", "The lot size ({lot}) is below the sample plus backup quantity ({q}).",
            lot=_fmt(lot), q=_fmt(quantity + backup))
    elif len(units - {""}) > 1:
        err("backup_quantity", "抽样数量、备样数量和抽样基数的单位不一致。", "Sample, backup and lot size use different units.", "warning")
    for key in ("unit_price", "purchase_cost"):
        value = data.get(key)
        if value not in (None, "") and (not isinstance(value, (int, float)) or value < 0):
            err(key, "金额应为不小于0的数字。", "An amount must be a number of at least 0.")
    samplers = [s for s in data.get("samplers") or [] if str(s.get("name", "")).strip() or str(s.get("cert_no", "")).strip()]
    if len(samplers) < 2:
        err("samplers", "抽样人员不得少于2名（依法）。", "At least 2 samplers are required by law.")
    for index, sampler in enumerate(samplers):
        if not str(sampler.get("name", "")).strip():
            err(f"samplers.{index}.name", "请填写抽样人员姓名。", "Enter the sampler's name.")
        if not str(sampler.get("cert_no", "")).strip():
            err(f"samplers.{index}.cert_no", "请填写抽样人员 {n} 的执法证号。", "Enter the ID number of sampler {n}.", n=sampler.get("name") or index + 1)
    names = [str(s.get("name", "")).strip() for s in samplers]
    if len(set(names)) != len(names):
        err("samplers", "抽样人员重复。", "A sampler is listed twice.")
    _check_time(issues, sample.get("sampled_at"), now)
    if not str(data.get("place", "")).strip():
        err("place", "请填写抽样地点。", "Enter the sampling place.")
    unit = data.get("sampling_unit") or {}
    if not str(unit.get("name", "")).strip():
        err("sampling_unit.name", "请填写抽样单位。", "Enter the sampling unit.")
    deadline = data.get("ship_deadline")
    if deadline:
        try:
            dt.date.fromisoformat(str(deadline))
        except ValueError:
            err("ship_deadline", "寄送样截止日期格式应为 YYYY-MM-DD。", "The shipping deadline must be YYYY-MM-DD.")
    if mode == "online":
        online = data.get("online") or {}
        if not str(online.get("order_number", "")).strip():
            err("online.order_number", "请填写订单号。", "Enter the order number.")
        price = online.get("price")
        if not isinstance(price, (int, float)) or price < 0:
            err("online.price", "请填写购买价格。", "Enter the price paid.")
        if not _attachments(db, sample["id"], "receipt"):
            err("attachments.receipt", "请添加购物凭证（发票/收据截图）照片。", "Add a photo of the receipt or invoice.")
    _check_seals(db, sample, issues)
    outcome = precheck.evaluate(mode, data.get("pre_check") or {})
    if outcome.action != "proceed":
        issues.append(Issue("pre_check", outcome.message()))
    return issues


def _check_uscc(issues: list[Issue], path: str, value: str, *, required: bool) -> None:
    if not str(value or "").strip():
        if required:
            issues.append(Issue(path, tr("请填写统一社会信用代码。", "Enter the unified social credit code (USCC).")))
        return
    result = validate_uscc(value)
    issues.extend(Issue(path, m) for m in result.errors)
    issues.extend(Issue(path, m, "warning") for m in result.warnings)


def _amount(issues: list[Issue], path: str, value: Any, *, minimum_exclusive: bool) -> float | None:
    value = value or {}
    amount = value.get("amount")
    if amount in (None, ""):
        issues.append(Issue(path, tr("请填写数量。", "Enter the quantity.")))
        return None
    if isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount < 0 or (minimum_exclusive and amount == 0):
        issues.append(Issue(path, tr("数量应为大于0的数字。", "The quantity must be a number above 0.")))
        return None
    if not str(value.get("unit", "")).strip():
        issues.append(Issue(path, tr("请填写计量单位（如 件、kg、盒）。", "Enter the unit (e.g. 件, kg, 盒).")))
    return float(amount)


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def _check_time(issues: list[Issue], sampled_at: str | None, now: dt.datetime | None) -> None:
    if not sampled_at:
        issues.append(Issue("sampled_at", tr("请填写抽样日期和时间。", "Enter the sampling date and time.")))
        return
    try:
        moment = parse_utc(sampled_at)
    except ValueError:
        issues.append(Issue("sampled_at", tr("抽样时间格式无效。", "The sampling time is not a valid time.")))
        return
    now = now or dt.datetime.now(dt.timezone.utc)
    if moment > now + CLOCK_TOLERANCE:
        issues.append(Issue("sampled_at", tr("抽样时间不能晚于当前时间。请检查日期或电脑时钟。",
                                             "The sampling time cannot be in the future. Check the date or the computer clock.")))


def _seal_numbers(data: dict[str, Any]) -> dict[str, list[str]]:
    numbers = ((data.get("seal") or {}).get("seal_numbers")) or {}
    return {part: [normalize_seal(n) for n in numbers.get(part) or [] if normalize_seal(n)] for part in ("test", "backup")}


def normalize_seal(number: Any) -> str:
    """Seal numbers compare upper-case, half-width, without spaces (hyphens are kept)."""
    text = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in str(number or ""))
    return "".join(text.split()).upper()


def _check_seals(db, sample: dict[str, Any], issues: list[Issue]) -> None:
    data = sample.get("data") or {}
    seals = _seal_numbers(data)
    backup_amount = (data.get("backup_quantity") or {}).get("amount")
    if not seals["test"]:
        issues.append(Issue("seal.test", tr("请填写检验样的封条编号。", "Enter the seal number(s) of the test sample.")))
    if not seals["backup"] and backup_amount not in (None, 0, ""):
        issues.append(Issue("seal.backup", tr("请填写备用样的封条编号（备样应单独封存）。", "Enter the backup sample's seal number(s); it is sealed separately.")))
    all_numbers = seals["test"] + seals["backup"]
    seen: set[str] = set()
    for number in all_numbers:
        if number in seen:
            issues.append(Issue("seal", tr("封条编号 {n} 重复填写。", "Seal number {n} is entered twice.", n=number)))
        seen.add(number)
    own = {sample["id"]}
    parent = sample.get("amends_id")
    while parent:
        own.add(parent)
        row = db.execute("SELECT amends_id FROM sample WHERE id = ?", [parent]).fetchone()
        parent = row[0] if row else None
    for number in sorted(seen):
        row = db.execute("SELECT s.sample_id, p.number FROM seal s LEFT JOIN sample p ON p.id = s.sample_id WHERE s.seal_no = ?",
                         [number]).fetchone()
        if row is not None and row[0] not in own:
            issues.append(Issue(f"seal.taken:{number}", tr("封条编号 {n} 已用于抽样单 {s}。封条编号在工作区内必须唯一。",
                                                          "Seal number {n} is already used by sampling record {s}; seal numbers are unique.",
                                                          n=number, s=row[1] or row[0])))
    if sample.get("mode") == "online" and all_numbers and not _attachments(db, sample["id"], "unpacking"):
        issues.append(Issue("attachments.unpacking", tr("网购样品须先拍照记录拆包过程，再封样。",
                                                        "Record the unpacking with photos before sealing an online purchase.")))
    if all_numbers and not str((data.get("seal") or {}).get("state", "")).strip():
        issues.append(Issue("seal.state", tr("请填写封样状态（如“已封样”）。", "Enter the seal state (e.g. 已封样).")))
    if all_numbers and not str((data.get("seal") or {}).get("backup_location", "")).strip() and seals["backup"]:
        issues.append(Issue("seal.backup_location", tr("请填写备样封存地点。", "Enter where the backup sample is kept."), "warning"))


def _attachments(db, sample_id: str, role: str) -> list[str]:
    rows = db.execute("SELECT blob_sha256 FROM attachment WHERE owner_kind = 'sample' AND owner_id = ? AND role = ? AND removed_at IS NULL",
                      [sample_id, role]).fetchall()
    return [r[0] for r in rows]


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]


# -- finalizing ------------------------------------------------------------------------------
def record_hash_input(sample: dict[str, Any], signatures: list[dict[str, Any]]) -> dict[str, Any]:
    """What a sampling record's content hash covers: its fields and its signatures."""
    keys = ("id", "task_id", "inspection_id", "enterprise_id", "producer_id", "number", "mode", "product_name",
            "brand", "model", "batch", "sampled_at", "data", "amends_id")
    return {**{k: sample.get(k) for k in keys}, "signatures": hashable(signatures)}


def record_hash(db, sample: dict[str, Any]) -> str:
    return content_hash(record_hash_input(sample, signatures_of(db, "sample", sample["id"])))


def check_signers(data: dict[str, Any], signers: list[Signer], *, amendment: bool = False) -> None:
    """≥ 2 samplers who are on the record; the party signs or refuses with reason and witness."""
    for signer in signers:
        signer.check()
    samplers = [s for s in signers if s.role == "sampler" and not s.refused]
    listed = {str(s.get("name", "")).strip() for s in data.get("samplers") or []}
    needed = 1 if amendment else 2
    if len(samplers) < needed:
        raise ValidationError("signature_samplers", tr("至少需要 {n} 名抽样人员签名。", "At least {n} samplers must sign.", n=needed))
    strangers = [s.name for s in samplers if s.name.strip() not in listed]
    if strangers:
        raise ValidationError("signature_samplers", tr("签名的抽样人员不在抽样单上：{n}", "Signing samplers not on the record: {n}", n="、".join(strangers)))
    party = [s for s in signers if s.role == "party"]
    if not party:
        raise ValidationError("signature_party", tr("需要受检单位签名，或记录其拒绝签字（理由和见证人）。",
                                                    "The sampled party must sign, or its refusal must be recorded (reason and witness)."))
    if amendment and any(s.refused for s in party):
        raise ValidationError("signature_party", tr("更正须经双方签字确认，受检单位不能拒签。", "An amendment must be countersigned by both parties; the party cannot refuse."))


def finalize(txn: Txn, sample_id: str, signers: list[Signer], *, at: dict[str, str] | None = None,
             event_ids: Callable[[], str] | None = None) -> dict[str, Any]:
    """Sign and finalize a draft: signatures, content hash, and the opening custody events.

    `at` may give device times for the opening events (`DRAWN`, `PURCHASED`, `UNPACKED`,
    `SEALED`); they default to the sampling time and now. `event_ids` makes the opening events'
    ids (the deterministic demo); by default they are new UUIDv7s."""
    sample = fetch(txn.db, "sample", sample_id)
    if sample is None:
        raise ValidationError("sample_missing", tr("抽样单不存在。", "No such sampling record."))
    ensure_editable(sample["state"])
    blocking = errors(validate(txn.db, sample))
    if blocking:
        first = blocking[0]
        raise ValidationError("sample_invalid", tr("抽样单还有 {n} 处需要更正，例如：{m}", "The sampling record has {n} problem(s), e.g.: {m}",
                                                   n=len(blocking), m=first.message))
    amendment = bool(sample.get("amends_id"))
    if amendment:
        seal_issues = check_amendment_seals(fetch(txn.db, "sample", sample["amends_id"]), sample)
        if seal_issues:
            raise ValidationError("amend_seals", seal_issues[0].message)
    check_signers(sample["data"], signers, amendment=amendment)
    for signer in signers:
        add_signature(txn, "sample", sample_id, signer)
    digest = record_hash(txn.db, sample)
    txn.update("sample", sample_id, {"state": "finalized", "content_hash": digest, "finalized_at": txn.now},
               op="finalize", audit_action="finalize")
    if amendment:
        txn.db.execute("UPDATE sample SET custody_status = 'amendment' WHERE id = ?", [sample_id])
        return fetch(txn.db, "sample", sample_id)
    _open_chain(txn, sample, signers, at or {}, event_ids or uuid7)
    return fetch(txn.db, "sample", sample_id)


def _open_chain(txn: Txn, sample: dict[str, Any], signers: list[Signer], at: dict[str, str], new_id: Callable[[], str]) -> None:
    from inspector_app.custody.service import append_event

    data = sample["data"]
    samplers = [{"name": s.get("name"), "role": "sampler", "id_no": s.get("cert_no", "")} for s in data.get("samplers") or []
                if str(s.get("name", "")).strip()]
    place = data.get("place", "")
    gps = data.get("gps")
    seals = _seal_numbers(data)
    drawn_at = sample.get("sampled_at") or txn.now
    photos = {role: _attachments(txn.db, sample["id"], role) for role in ("photo", "receipt", "unpacking", "seal")}
    if sample["mode"] == "online":
        online = data.get("online") or {}
        append_event(txn, sample["id"], "PURCHASED", "both", event_id=new_id(), at=at.get("PURCHASED", drawn_at), place=place, evidence=photos["receipt"],
                     data={"order_number": online.get("order_number"), "price": online.get("price"), "platform": online.get("platform", ""),
                           "shop": online.get("shop", "")})
        append_event(txn, sample["id"], "UNPACKED", "both", event_id=new_id(), at=at.get("UNPACKED", drawn_at), place=place, actors=samplers,
                     evidence=photos["unpacking"], data={})
    append_event(txn, sample["id"], "DRAWN", "both", event_id=new_id(), at=at.get("DRAWN", drawn_at), place=place, gps=gps, actors=samplers,
                 evidence=photos["photo"],
                 data={"quantities": {"test": data.get("quantity"), "backup": data.get("backup_quantity")}, "lot_size": data.get("lot_size")})
    append_event(txn, sample["id"], "SEALED", "both", event_id=new_id(), at=at.get("SEALED", txn.now), place=place, gps=gps, actors=samplers,
                 seal_ids=seals["test"] + seals["backup"], evidence=photos["seal"], data={"seals": seals})
    party = next(s for s in signers if s.role == "party")
    sig_rows = signatures_of(txn.db, "sample", sample["id"])
    images = [s["image_sha256"] for s in sig_rows if s.get("image_sha256")]
    signed_people = [{"name": s["signer_name"], "role": s["signer_role"], "id_no": s["signer_id_no"], "refused": bool(s["refused"])}
                     for s in sig_rows]
    actors = samplers + [{"name": party.name, "role": "enterprise_rep", "id_no": party.id_no}]
    if party.refused:
        witness = party.witness or {}
        actors.append({"name": witness.get("name", ""), "role": "witness", "id_no": witness.get("id_no", "")})
        append_event(txn, sample["id"], "SIGN_REFUSED", "both", event_id=new_id(), at=at.get("SIGNED", txn.now), place=place, actors=actors, evidence=images,
                     data={"reason": party.refusal_reason, "witness": witness, "signers": signed_people,
                           "signature_ids": [s["id"] for s in sig_rows]})
    else:
        append_event(txn, sample["id"], "SIGNED", "both", event_id=new_id(), at=at.get("SIGNED", txn.now), place=place, actors=actors, evidence=images,
                     data={"signers": signed_people, "signature_ids": [s["id"] for s in sig_rows]})


# -- amendments ------------------------------------------------------------------------------
def create_amendment(txn: Txn, original_id: str) -> dict[str, Any]:
    """A draft correction of a finalized record: same content to edit, countersigned when done."""
    original = fetch(txn.db, "sample", original_id)
    if original is None or original["state"] == "draft":
        raise StateError("amend_draft", tr("草稿可以直接修改，不需要更正记录。", "A draft can be edited directly; no amendment is needed."))
    root = original
    while root.get("amends_id"):
        root = fetch(txn.db, "sample", root["amends_id"])
    count = txn.db.execute("SELECT count(*) FROM sample WHERE amends_id IS NOT NULL AND number LIKE ?", [f"{root['number']}-更%"]).fetchone()[0]
    row = {k: original[k] for k in ("task_id", "inspection_id", "enterprise_id", "producer_id", "mode", "product_name", "brand",
                                     "model", "batch", "sampled_at")}
    row.update({"id": uuid7(), "number": f"{root['number']}-更{count + 1}", "data": copy.deepcopy(original["data"]),
                "amends_id": original_id, "custody_status": "amendment", "state": "draft"})
    return txn.insert("sample", row, audit_action="amend")


def amendments_of(db, sample_id: str) -> list[dict[str, Any]]:
    return query(db, "SELECT * FROM sample WHERE amends_id = ? ORDER BY created_at", [sample_id], table="sample")


def effective(db, sample_id: str) -> dict[str, Any]:
    """The record as it stands after its finalized amendments (for documents and screens)."""
    current = fetch(db, "sample", sample_id)
    while True:
        newer = [a for a in amendments_of(db, current["id"]) if a["state"] != "draft"]
        if not newer:
            return current
        current = newer[-1]


def check_amendment_seals(original: dict[str, Any], amendment: dict[str, Any]) -> list[Issue]:
    if _seal_numbers(original["data"]) != _seal_numbers(amendment["data"]):
        return [Issue("seal", tr("更正不能改变封条编号：封条是实物，其变化记录在流转链中。",
                                 "An amendment cannot change seal numbers: seals are physical and tracked in the custody chain."))]
    return []


# -- helpers ---------------------------------------------------------------------------------
def _party(enterprise: dict[str, Any] | None) -> dict[str, Any]:
    if not enterprise:
        return {}
    keys = ("name", "address", "postcode", "legal_rep", "contact", "phone", "uscc", "economic_type")
    return {k: enterprise.get(k) or "" for k in keys}


def _certificate(enterprise: dict[str, Any] | None) -> dict[str, Any]:
    for licence in (enterprise or {}).get("licences") or []:
        if licence.get("kind") in ("生产许可证", "SC", "CCC"):
            return {"type": licence["kind"], "number": licence.get("number", "")}
    return {"type": "", "number": ""}


def _samplers(txn: Txn, task: dict[str, Any]) -> list[dict[str, str]]:
    people = []
    for inspector_id in task.get("inspector_ids") or []:
        row = txn.db.execute("SELECT name, cert_no FROM inspector WHERE id = ?", [inspector_id]).fetchone()
        if row:
            people.append({"name": row[0], "cert_no": row[1]})
    while len(people) < 2:
        people.append({"name": "", "cert_no": ""})
    return people


def _sampling_unit(txn: Txn) -> dict[str, str]:
    bureau = txn.setting("bureau") or {}
    return {"name": bureau.get("name", ""), "address": bureau.get("address", ""), "contact": txn.actor, "phone": bureau.get("phone", "")}


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out
