"""Server-side administration used by the command line: users, enterprises, tasks, demo, stats.

Reference records (enterprise, task) go through the same PushBatch as devices' changes, as a
server-side admin, so the feed, assignments and versions stay consistent.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from inspector_app.domain.identifiers import make_uscc, normalize_code, validate_uscc
from inspector_app.domain.ids import utc_now, uuid7
from inspector_server import schema as t
from inspector_server.auth import ROLES, User, hash_password
from inspector_server.push import PushBatch

SERVER = User("server", "server", "服务器", "admin", "", "server")
TASK_TYPES = ("spot_check", "post_licence", "post_ccc", "routine", "special", "recheck", "responsibility")


class AdminError(Exception):
    pass


def _dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _write(engine: Engine):
    conn = engine.connect().execution_options(write=True)
    return conn


def push_records(engine: Engine, changes: list[tuple[str, dict]]) -> list[dict]:
    """Store reference records as the server (insert or new version), returning push results."""
    from inspector_server.app import lock_writes

    batch = []
    with _write(engine) as conn, conn.begin():
        lock_writes(conn)
        for entity, payload in changes:
            row = conn.execute(select(t.record.c.version).where(t.record.c.entity == entity, t.record.c.id == payload["id"])).first()
            batch.append({"change_id": uuid7(), "entity": entity, "entity_id": payload["id"], "op": "upsert",
                          "base_version": row[0] if row else 0, "payload": payload, "blobs": []})
        results = PushBatch(conn, SERVER, "server").run(batch)
    bad = [r for r in results if r["status"] not in ("applied", "duplicate")]
    if bad:
        raise AdminError("; ".join(str(r["reason"]) for r in bad))
    return results


def add_user(engine: Engine, username: str, password: str, role: str, *, name: str = "", cert_no: str = "",
             unit: str = "", phone: str = "", replace: bool = False) -> dict:
    if role not in ROLES:
        raise AdminError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise AdminError("password must have at least 8 characters")
    from inspector_server.app import lock_writes

    now = utc_now()
    with _write(engine) as conn, conn.begin():
        lock_writes(conn)
        existing = conn.execute(select(t.user).where(t.user.c.username == username)).mappings().first()
        if existing and not replace:
            raise AdminError(f"user {username!r} already exists")
        values = {"name": name or username, "role": role, "cert_no": cert_no, "unit": unit, "phone": phone,
                  "password_hash": hash_password(password), "active": True}
        if existing:
            uid = existing["id"]
            conn.execute(update(t.user).where(t.user.c.id == uid).values(**values))
        else:
            uid = uuid7()
            conn.execute(insert(t.user).values(id=uid, username=username, created_at=now, **values))
        if role != "admin":
            version = (conn.execute(select(func.count()).select_from(t.feed).where(t.feed.c.entity == "inspector",
                                                                                     t.feed.c.entity_id == uid)).scalar() or 0) + 1
            payload = {"id": uid, "name": values["name"], "cert_no": cert_no, "unit": unit, "role": role, "phone": phone,
                       "created_at": existing["created_at"] if existing else now, "updated_at": now, "version": version,
                       "author": "server", "state": "active"}
            conn.execute(insert(t.feed).values(entity="inspector", entity_id=uid, op="upsert", version=version,
                                               payload=_dumps(payload), task_id=None, user_id=None, device_id=None, created_at=now))
    return {"id": uid, "username": username, "role": role}


def enterprise_payload(fields: dict, *, eid: str | None = None) -> dict:
    now = utc_now()
    products = fields.get("products") or []
    if isinstance(products, str):
        products = [p.strip() for p in products.replace("；", ";").split(";") if p.strip()]
    return {
        "id": eid or uuid7(), "name": fields["name"].strip(), "former_names": _dumps(fields.get("former_names") or []),
        "uscc": normalize_code(fields.get("uscc") or "") or None,
        **{k: (fields.get(k) or "").strip() for k in ("address", "province", "city", "district", "postcode", "legal_rep",
                                                       "contact", "phone", "economic_type", "industry")},
        "products": _dumps(products), "licences": _dumps(fields.get("licences") or []),
        "risk_class": (fields.get("risk_class") or "B").strip().upper() or "B", "server_version": 0,
        "created_at": now, "updated_at": now, "version": 1, "author": "server", "state": "active",
    }


def _enterprises_by_uscc(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(select(t.record.c.id, t.record.c.payload).where(t.record.c.entity == "enterprise")).all()
    return {p["uscc"]: rid for rid, p in ((r[0], json.loads(r[1])) for r in rows) if p.get("uscc")}


def import_enterprises(engine: Engine, path: Path) -> dict:
    """Import a CSV (UTF-8, header: name,uscc,address,…,products separated by ';'). Bad rows are reported."""
    known = _enterprises_by_uscc(engine)
    errors, records, skipped = [], [], 0
    with open(path, encoding="utf-8-sig", newline="") as f:
        for line_no, row in enumerate(csv.DictReader(f), start=2):
            row = {(k or "").strip(): (v or "") for k, v in row.items()}
            if not row.get("name", "").strip():
                errors.append({"line": line_no, "error": "缺少企业名称 / name missing"})
                continue
            if row.get("risk_class", "B").strip().upper() not in ("", "A", "B", "C", "D"):
                errors.append({"line": line_no, "error": "风险等级应为 A–D / risk_class must be A–D"})
                continue
            uscc = row.get("uscc", "").strip()
            if uscc:
                check = validate_uscc(uscc)
                if not check.ok:
                    errors.append({"line": line_no, "error": " ".join(check.errors)})
                    continue
                if check.value in known:
                    skipped += 1
                    continue
                known[check.value] = "new"
            records.append(("enterprise", enterprise_payload(row)))
    for i in range(0, len(records), 500):
        push_records(engine, records[i:i + 500])
    return {"imported": len(records), "skipped_existing": skipped, "errors": errors}


def find_enterprise(engine: Engine, ref: str) -> str:
    with engine.connect() as conn:
        if conn.execute(select(t.record.c.id).where(t.record.c.entity == "enterprise", t.record.c.id == ref)).first():
            return ref
    by_uscc = _enterprises_by_uscc(engine)
    code = normalize_code(ref)
    if code in by_uscc:
        return by_uscc[code]
    with engine.connect() as conn:
        for rid, payload in conn.execute(select(t.record.c.id, t.record.c.payload).where(t.record.c.entity == "enterprise")):
            if json.loads(payload).get("name") == ref:
                return rid
    raise AdminError(f"no enterprise with id, USCC or name {ref!r}")


def user_ids(engine: Engine, usernames: list[str]) -> list[str]:
    with engine.connect() as conn:
        rows = dict(conn.execute(select(t.user.c.username, t.user.c.id).where(t.user.c.username.in_(usernames))).all())
    missing = [u for u in usernames if u not in rows]
    if missing:
        raise AdminError(f"unknown users: {', '.join(missing)}")
    return [rows[u] for u in usernames]


def add_task(engine: Engine, *, enterprise: str, task_type: str, inspectors: list[str], due_date: str | None = None,
             plan: str = "", number: str = "", products: list[str] = (), template_id: str = "", priority: int = 0,
             source: str = "", category: str = "") -> dict:
    if task_type not in TASK_TYPES:
        raise AdminError(f"task type must be one of {', '.join(TASK_TYPES)}")
    if len(inspectors) < 2:
        raise AdminError("a task needs at least two inspectors (执法人员不少于两人)")
    if due_date:
        dt.date.fromisoformat(due_date)
    now = utc_now()
    tid = uuid7()
    payload = {
        "id": tid, "number": number or f"RW-{now[:10].replace('-', '')}-{tid[-6:].upper()}", "type": task_type, "plan": plan,
        "source": source, "category": category, "enterprise_id": find_enterprise(engine, enterprise),
        "inspector_ids": _dumps(user_ids(engine, inspectors)),
        "products": _dumps([{"name": p, "standard": "", "quantity": None, "unit": ""} for p in products]),
        "template_id": template_id, "due_date": due_date, "priority": priority, "data": "{}", "server_version": 0,
        "created_at": now, "updated_at": now, "version": 1, "author": "server", "state": "assigned",
    }
    push_records(engine, [("task", payload)])
    return payload


DEMO_USERS = [
    ("insp1", "inspector", "张伟", "鲁执0370101"),
    ("insp2", "inspector", "李娜", "鲁执0370102"),
    ("lab1", "lab", "王芳（检验所）", ""),
    ("super1", "supervisor", "刘强", "鲁执0370001"),
]
DEMO_ENTERPRISES = [
    ("济南鲁泉食品有限公司", "91370102MA3C", "济南市历下区工业南路 58 号", "张建国", ["饼干", "糕点"], "B"),
    ("山东齐鲁电器制造有限公司", "91370112MA3D", "济南市历城区港兴三路 12 号", "王海", ["电热水壶", "电吹风"], "C"),
    ("济南泉城塑料制品厂", "91370105MA3E", "济南市天桥区北园大街 300 号", "李明", ["塑料购物袋"], "A"),
]


def demo(engine: Engine, password: str | None = None) -> list[dict]:
    """Users for a demo inspector pair, a lab user and a supervisor; enterprises and tasks for the pair."""
    logins = []
    for username, role, name, cert in DEMO_USERS:
        pw = password or secrets.token_urlsafe(9)
        add_user(engine, username, pw, role, name=name, cert_no=cert, unit="济南市历下区市场监督管理局", replace=True)
        logins.append({"user": username, "password": pw, "role": role})
    known = _enterprises_by_uscc(engine)
    records = []
    for i, (name, prefix, address, rep, products, risk) in enumerate(DEMO_ENTERPRISES):
        first17 = (prefix + f"{i + 1:05d}")[:17]
        uscc = make_uscc(first17)
        if uscc in known:
            continue
        records.append(("enterprise", enterprise_payload({"name": name, "uscc": uscc, "address": address, "legal_rep": rep,
                                                          "province": "山东省", "city": "济南市", "products": products,
                                                          "risk_class": risk})))
    if records:
        push_records(engine, records)
    by_uscc = _enterprises_by_uscc(engine)
    with engine.connect() as conn:
        has_tasks = conn.execute(select(func.count()).select_from(t.task_inspector)
                                 .where(t.task_inspector.c.user_id.in_(user_ids(engine, ["insp1"])))).scalar()
    if not has_tasks:
        today = dt.date.today()
        kinds = ["spot_check", "post_licence", "routine"]
        for i, (name, prefix, *_rest) in enumerate(DEMO_ENTERPRISES):
            uscc = make_uscc((prefix + f"{i + 1:05d}")[:17])
            add_task(engine, enterprise=by_uscc[uscc], task_type=kinds[i], inspectors=["insp1", "insp2"],
                     due_date=(today + dt.timedelta(days=14 + 7 * i)).isoformat(), plan="2026年济南市产品质量监督抽查",
                     products=DEMO_ENTERPRISES[i][4][:1], source="济南市市场监督管理局", category="municipal")
    return logins


def stats(engine: Engine) -> dict:
    with engine.connect() as conn:
        counts = dict(conn.execute(select(t.record.c.entity, func.count()).where(t.record.c.deleted.is_(False))
                                   .group_by(t.record.c.entity)).all())
        blobs = conn.execute(select(func.count()).select_from(t.blob)).scalar()
        blob_bytes = conn.execute(select(func.coalesce(func.sum(t.blob.c.size), 0))).scalar()
        missing = (select(t.record_blob.c.entity, t.record_blob.c.id)
                   .where(t.record_blob.c.sha256.notin_(select(t.blob.c.sha256))).distinct().subquery())
        incomplete = conn.execute(select(func.count()).select_from(missing)).scalar()
        conflicts = conn.execute(select(func.count()).select_from(t.conflict)).scalar()
        open_conflicts = conn.execute(select(func.count()).select_from(t.conflict).where(t.conflict.c.resolved_at.is_(None))).scalar()
        users = conn.execute(select(func.count()).select_from(t.user)).scalar()
        changes = conn.execute(select(func.count()).select_from(t.change)).scalar()
    return {
        "inspections": counts.get("inspection", 0), "samples": counts.get("sample", 0),
        "custody_events": counts.get("custody_event", 0), "blobs": blobs, "blob_bytes": int(blob_bytes or 0),
        "incomplete_manifests": incomplete, "conflicts": conflicts, "open_conflicts": open_conflicts,
        "records": {k: v for k, v in sorted(counts.items())}, "users": users, "changes": changes,
    }


