"""Applying a pushed batch: validation, authorization, immutability, conflicts, custody chain.

One batch is one database transaction. Decisions are made in Python against a per-batch cache
of server state (so a batch of 500 costs a handful of queries), and the resulting writes are
flushed together. If that bulk flush fails (a constraint the checks did not foresee, a
concurrent writer), the batch is redone change by change, each in its own savepoint, so one
bad change never blocks the good ones.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, select, tuple_, update

from inspector_app.custody import machine
from inspector_app.custody.events import EVENT_LABELS, validate_event
from inspector_app.domain.errors import DomainError, ValidationError
from inspector_app.domain.hashing import canonical_json, json_value
from inspector_app.domain.ids import utc_now, uuid7
from inspector_app.i18n import in_language
from inspector_server import schema as t
from inspector_server.auth import User
from inspector_server.blobstore import is_sha256
from inspector_server.texts import reason as reason_text

SHARED = ("enterprise", "task")
FINALIZABLE = ("inspection", "sample", "site_record")
ENTITIES = ("enterprise", "task", "inspection", "answer", "sample", "site_record", "custody_event",
            "attachment", "signature", "document", "conflict")
OPS = ("insert", "update", "finalize", "append", "delete", "upsert")
REQUIRED = {
    "enterprise": ("name",),
    "task": ("type", "enterprise_id"),
    "inspection": ("task_id", "enterprise_id"),
    "answer": ("inspection_id", "item_id"),
    "sample": ("task_id", "enterprise_id"),
    "site_record": ("task_id", "enterprise_id", "kind"),
    "custody_event": ("sample_id", "seq", "type", "part", "at", "device_id", "prev_hash", "hash"),
    "attachment": ("blob_sha256", "owner_kind", "owner_id"),
    "signature": ("owner_kind", "owner_id", "signer_name"),
    "document": ("number", "record_kind", "record_id"),
    "conflict": (),
}
CUSTODY_JSON = ("actors", "gps", "seal_ids", "evidence", "data")
VOLATILE = ("version", "server_version", "updated_at")


class Refused(Exception):
    def __init__(self, code: str, retry: bool = False, **params: Any):
        super().__init__(code)
        self.code, self.retry, self.params = code, retry, params


def _canon(payload: dict) -> bytes:
    return canonical_json(payload)


def custody_hash_ok(payload: dict) -> bool:
    """The event's `hash` over every other field (minus server_at), JSON columns decoded or raw."""
    body = {k: v for k, v in payload.items() if k not in ("hash", "server_at")}
    decoded = {k: (json_value(v) if k in CUSTODY_JSON else v) for k, v in body.items()}
    expected = payload.get("hash")
    return expected in (hashlib.sha256(canonical_json(decoded)).hexdigest(), hashlib.sha256(canonical_json(body)).hexdigest())


def derived_blobs(entity: str, p: dict) -> set[str]:
    found: set[str] = set()
    if entity == "attachment":
        found.add(p.get("blob_sha256"))
    elif entity == "signature":
        found.update((p.get("image_sha256"), p.get("strokes_sha256")))
    elif entity == "document":
        found.add(p.get("pdf_sha256"))
    elif entity == "custody_event":
        ev = json_value(p.get("evidence"))
        if isinstance(ev, list):
            found.update(x for x in ev if isinstance(x, str))
    return {x for x in found if x}


@dataclass
class Rec:
    entity: str
    id: str
    version: int
    _payload: dict | None
    task_id: str | None
    created_by: str
    finalized: bool
    content_hash: str | None
    deleted: bool
    device_id: str
    server_at: str
    exists: bool = True          # in the database before this batch
    dirty: bool = False
    text: str | None = None      # payload as stored JSON text, once encoded

    @property
    def payload(self) -> dict:
        """Decoded only when a rule needs it (duplicates and new records never do)."""
        if self._payload is None:
            self._payload = json.loads(self.text) if self.text else {}
        return self._payload

    @payload.setter
    def payload(self, value: dict) -> None:
        self._payload = value


@dataclass
class Work:
    """Writes collected while deciding; flushed at once."""

    changes: list[dict] = field(default_factory=list)
    feed: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    conflict_updates: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    tips: dict[str, dict] = field(default_factory=dict)
    blobs: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    assignees: dict[str, tuple[str, set[str]]] = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)


class PushBatch:
    def __init__(self, conn: Connection, user: User, device_id: str):
        self.conn, self.user, self.device_id = conn, user, device_id
        self.now = utc_now()
        self._reset()

    def _reset(self) -> None:
        self.records: dict[tuple[str, str], Rec | None] = {}
        self.tips: dict[str, dict | None] = {}
        self.links: dict[str, dict | None] = {}
        # custody state machine, folded per branch: (sample id, hash of the branch's last event or
        # the sample's content hash) -> state; kept for the batch so a chain is read at most once
        self.folds: dict[tuple[str, str], machine.ChainState] = {}
        self.chains: dict[str, dict[str, tuple[str, str]]] = {}  # sample id -> stored hash -> (prev_hash, event JSON)
        self.pending_versions: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self.doc_numbers: dict[str, str | None] = {}
        self.seen_changes: dict[str, dict] = {}
        self.my_tasks: set[str] | None = None
        self.my_enterprises: set[str] | None = None
        self.work = Work()

    # -- state lookups (cached) --------------------------------------------------------------
    def prefetch(self, changes: list[dict]) -> None:
        ids = [c.get("change_id") for c in changes if isinstance(c.get("change_id"), str)]
        for chunk in _chunks(ids, 500):
            for row in self.conn.execute(select(t.change).where(t.change.c.change_id.in_(chunk))).mappings():
                self.seen_changes[row["change_id"]] = dict(row)
        by_entity: dict[str, set[str]] = {}
        for c in changes:
            if c.get("change_id") in self.seen_changes:
                continue
            if isinstance(c.get("entity"), str) and isinstance(c.get("entity_id"), str):
                by_entity.setdefault(c["entity"], set()).add(c["entity_id"])
        for entity, id_set in by_entity.items():
            for chunk in _chunks(sorted(id_set), 500):
                for key in ((entity, i) for i in chunk):
                    self.records[key] = None
                rows = self.conn.execute(select(t.record).where(t.record.c.entity == entity, t.record.c.id.in_(chunk))).mappings()
                for row in rows:
                    self.records[(entity, row["id"])] = _rec(row)
        custody = [c["payload"] for c in changes if c.get("entity") == "custody_event" and c.get("change_id") not in self.seen_changes
                   and isinstance(c.get("payload"), dict) and isinstance(c["payload"].get("sample_id"), str)]
        if custody:
            self.prefetch_custody(custody)

    def prefetch_custody(self, events: list[dict]) -> None:
        """What a batch of custody events needs, in a few queries for the whole batch: their
        samples, the samples' chain tips and stored chains (every branch, with the events)."""
        sample_ids = sorted({e["sample_id"] for e in events})
        unread = [i for i in sample_ids if ("sample", i) not in self.records]
        for chunk in _chunks(unread, 500):
            for i in chunk:
                self.records[("sample", i)] = None
            for row in self.conn.execute(select(t.record).where(t.record.c.entity == "sample", t.record.c.id.in_(chunk))).mappings():
                self.records[("sample", row["id"])] = _rec(row)
        for chunk in _chunks(sample_ids, 500):
            for i in chunk:
                self.tips[i] = None
            for row in self.conn.execute(select(t.custody_tip).where(t.custody_tip.c.sample_id.in_(chunk))).mappings():
                self.tips[row["sample_id"]] = dict(row)
        self.load_chains(sample_ids)
        for e in events:  # a hash covers the sample id: one not in its sample's chain is stored nowhere
            if isinstance(e.get("hash"), str):
                self.links.setdefault(e["hash"], None)

    def load_chains(self, sample_ids: list[str]) -> None:
        """Stored links and events of these samples' custody chains (also into `self.links`)."""
        for chunk in _chunks(sample_ids, 500):
            for i in chunk:
                self.chains[i] = {}
            rows = self.conn.execute(
                select(t.custody_link, t.record.c.payload)
                .join(t.record, and_(t.record.c.entity == "custody_event", t.record.c.id == t.custody_link.c.event_id))
                .where(t.custody_link.c.sample_id.in_(chunk))).mappings()
            for row in rows:
                link = {k: row[k] for k in ("hash", "sample_id", "event_id", "prev_hash", "forked")}
                self.links.setdefault(link["hash"], link)
                self.chains[link["sample_id"]][link["hash"]] = (link["prev_hash"], row["payload"])

    def record(self, entity: str, rid: str) -> Rec | None:
        key = (entity, rid)
        if key not in self.records:
            row = self.conn.execute(select(t.record).where(t.record.c.entity == entity, t.record.c.id == rid)).mappings().first()
            self.records[key] = _rec(row) if row else None
        rec = self.records[key]
        return None if rec is None or rec.deleted else rec

    def tip(self, sample_id: str) -> dict | None:
        if sample_id not in self.tips:
            row = self.conn.execute(select(t.custody_tip).where(t.custody_tip.c.sample_id == sample_id)).mappings().first()
            self.tips[sample_id] = dict(row) if row else None
        return self.tips[sample_id]

    def link(self, h: str) -> dict | None:
        if h not in self.links:
            row = self.conn.execute(select(t.custody_link).where(t.custody_link.c.hash == h)).mappings().first()
            self.links[h] = dict(row) if row else None
        return self.links[h]

    def tasks_of_user(self) -> set[str]:
        if self.my_tasks is None:
            rows = self.conn.execute(select(t.task_inspector.c.task_id, t.task_inspector.c.enterprise_id)
                                     .where(t.task_inspector.c.user_id == self.user.id)).all()
            self.my_tasks = {r[0] for r in rows}
            self.my_enterprises = {r[1] for r in rows}
        return self.my_tasks

    # -- the batch ---------------------------------------------------------------------------
    def run(self, changes: list[dict]) -> list[dict]:
        self.prefetch(changes)
        results = [self.decide(c) for c in changes]
        sp = self.conn.begin_nested()
        try:
            self.flush()
            sp.commit()
            return results
        except Exception:
            sp.rollback()
        # Slow path: one savepoint per change.
        self._reset()
        self.prefetch(changes)
        results = []
        for c in changes:
            sp = self.conn.begin_nested()
            try:
                result = self.decide(c)
                self.flush()
                sp.commit()
            except Exception:
                sp.rollback()
                self._reset()
                zh, en = reason_text("store_error")
                result = {"change_id": c.get("change_id"), "status": "rejected", "code": "store_error", "retry": True,
                          "reason": f"store_error: {zh} / {en}", "server_version": None}
            self.work = Work()
            results.append(result)
        return results

    def decide(self, c: dict) -> dict:
        change_id = c.get("change_id")
        if not isinstance(change_id, str) or not change_id:
            return self._result(c, "rejected", None, Refused("bad_payload", detail="change_id"), log=False)
        seen = self.seen_changes.get(change_id)
        if seen is not None:
            original = seen["status"] + (f": {seen['reason']}" if seen.get("reason") else "")
            return {"change_id": change_id, "status": "duplicate", "reason": f"original:{original}",
                    "server_version": seen["server_version"], "code": seen.get("code"), "retry": False}
        self.current = c
        try:
            status, version, extra = self.apply(c)
            return self._result(c, status, version, None, extra=extra)
        except Refused as refusal:
            return self._result(c, "rejected", None, refusal, log=not refusal.retry)

    def _result(self, c: dict, status: str, version: int | None, refusal: Refused | None, *, log: bool = True,
                extra: dict | None = None) -> dict:
        result = {"change_id": c.get("change_id"), "status": status, "reason": None, "server_version": version, "retry": False}
        if refusal is not None:
            zh, en = reason_text(refusal.code, **refusal.params)
            result.update(code=refusal.code, retry=refusal.retry, reason=f"{refusal.code}: {zh} / {en}")
        if extra:
            result.update(extra)
        if log and isinstance(c.get("change_id"), str):
            row = {"change_id": c["change_id"], "user_id": self.user.id, "device_id": self.device_id,
                   "entity": str(c.get("entity"))[:30], "entity_id": str(c.get("entity_id"))[:100], "op": str(c.get("op"))[:20],
                   "status": status, "code": result.get("code"), "reason": result["reason"], "server_version": version,
                   "received_at": self.now}
            self.work.changes.append(row)
            self.seen_changes[c["change_id"]] = row
        return result

    # -- rules -------------------------------------------------------------------------------
    def apply(self, c: dict) -> tuple[str, int | None, dict | None]:
        entity, rid, op, payload = c.get("entity"), c.get("entity_id"), c.get("op"), c.get("payload")
        if entity not in ENTITIES:
            raise Refused("bad_entity", entity=entity)
        if op not in OPS:
            raise Refused("bad_op", op=op)
        if not isinstance(payload, dict):
            raise Refused("bad_payload", detail="payload")
        if not isinstance(rid, str) or not rid or len(rid) > 100:
            raise Refused("bad_payload", detail="entity_id")
        if payload.get("id", rid) != rid:
            raise Refused("id_mismatch")
        for name in REQUIRED[entity]:
            if payload.get(name) in (None, ""):
                raise Refused("missing_field", field=name)
        self.check_types(entity, payload)
        blobs = c.get("blobs") or []
        if not isinstance(blobs, list):
            raise Refused("bad_payload", detail="blobs")
        blob_set = set(blobs) | derived_blobs(entity, payload)
        for h in blob_set:
            if not is_sha256(h):
                raise Refused("bad_blob_hash", value=str(h)[:80])
        if entity == "conflict":
            return self.apply_conflict_resolution(rid, payload)
        if entity == "custody_event":
            return self.apply_custody(rid, payload, blob_set)
        task_id = self.owner_task(entity, payload)
        self.authorize(entity, rid, payload, task_id)
        if entity in SHARED:
            return self.apply_shared(entity, rid, op, payload, c.get("base_version"), task_id, blob_set, c)
        return self.apply_owned(entity, rid, op, payload, task_id, blob_set, c)

    @staticmethod
    def check_types(entity: str, p: dict) -> None:
        """Shape checks beyond presence: states, versions, hashes, reference ids."""
        if "version" in p and p["version"] is not None and (not isinstance(p["version"], int) or isinstance(p["version"], bool)):
            raise Refused("bad_payload", detail="version")
        for name in ("task_id", "enterprise_id", "inspection_id", "sample_id", "owner_id", "record_id"):
            if name in p and p[name] is not None and not isinstance(p[name], str):
                raise Refused("bad_payload", detail=name)
        if entity in FINALIZABLE:
            state = p.get("state", "draft")
            if state not in ("draft", "finalized", "synced"):
                raise Refused("bad_payload", detail=f"state={str(state)[:20]}")
            if state != "draft" and not is_sha256(p.get("content_hash")):
                raise Refused("bad_payload", detail="content_hash")
        if entity == "custody_event":
            if not isinstance(p.get("seq"), int) or isinstance(p.get("seq"), bool) or p["seq"] < 1:
                raise Refused("bad_payload", detail="seq")
            for name in ("hash", "prev_hash"):
                if not is_sha256(p.get(name)):
                    raise Refused("bad_payload", detail=name)
            for name in ("type", "part"):
                if not isinstance(p[name], str):
                    raise Refused("bad_payload", detail=name)
        if entity == "site_record" and p.get("kind") not in ("refusal", "no_sample"):
            raise Refused("bad_payload", detail="kind")

    def owner_task(self, entity: str, p: dict) -> str | None:
        if entity == "enterprise":
            return None
        if entity == "task":
            return p.get("id")
        if entity in FINALIZABLE:
            return p["task_id"]
        if entity == "answer":
            parent_kind, parent_id = "inspection", p["inspection_id"]
        elif entity in ("attachment", "signature"):
            parent_kind, parent_id = p["owner_kind"], p["owner_id"]
        elif entity == "document":
            parent_kind, parent_id = p["record_kind"], p["record_id"]
        else:
            return None
        parent = self.record(str(parent_kind), str(parent_id))
        if parent is None:
            raise Refused("owner_unknown", retry=True)
        return parent.task_id

    def parent_finalized(self, entity: str, p: dict) -> bool:
        key = {"answer": ("inspection", p.get("inspection_id")),
               "attachment": (p.get("owner_kind"), p.get("owner_id")),
               "signature": (p.get("owner_kind"), p.get("owner_id"))}.get(entity)
        if key is None:
            return False
        parent = self.record(str(key[0]), str(key[1]))
        return bool(parent and parent.finalized)

    def authorize(self, entity: str, rid: str, p: dict, task_id: str | None) -> None:
        role = self.user.role
        if role in ("admin", "supervisor"):
            return
        if role == "lab":
            if entity in ("attachment", "signature") and p.get("owner_kind") in ("custody_event", "sample"):
                return
            raise Refused("forbidden")
        mine = self.tasks_of_user()
        if entity == "enterprise":
            existing = self.record("enterprise", rid)
            if existing is None or existing.created_by == self.user.id or rid in (self.my_enterprises or set()):
                return
            raise Refused("forbidden")
        if entity == "task":
            existing = self.record("task", rid)
            if existing is None:
                raise Refused("forbidden")
            if rid not in mine:
                raise Refused("forbidden")
            for name in ("inspector_ids", "enterprise_id"):
                if json_value(p.get(name)) != json_value(existing.payload.get(name)):
                    raise Refused("forbidden_field", field=name)
            return
        if task_id is None:
            raise Refused("task_unknown")
        if task_id not in mine:
            raise Refused("forbidden")

    def apply_shared(self, entity, rid, op, p, base_version, task_id, blob_set, c):
        existing = self.record(entity, rid)
        if existing is None:
            self.store(entity, rid, p, task_id, blob_set, op=op)
            return "applied", self.records[(entity, rid)].version, None
        base = base_version if isinstance(base_version, int) else 0
        if base != existing.version and not self.fast_forward(entity, rid, base):
            if _strip(p) == _strip(existing.payload):
                return "duplicate", existing.version, None
            kept = dict(existing.payload, version=existing.version, server_version=existing.version)
            self.add_conflict("version", entity, rid, base, p, kept, existing.task_id, c)
            return "conflict", existing.version, None
        self.store(entity, rid, p, task_id, blob_set, op=op)
        return "applied", self.records[(entity, rid)].version, None

    def fast_forward(self, entity: str, rid: str, base: int) -> bool:
        """True when every version after `base` came from this same device (its own edits)."""
        rows = self.conn.execute(
            select(t.change.c.server_version, t.change.c.device_id).where(
                t.change.c.entity == entity, t.change.c.entity_id == rid, t.change.c.status == "applied",
                t.change.c.server_version > base)
        ).all()
        history = [(v, d) for v, d in rows] + [(v, d) for v, d in self.pending_versions.get((entity, rid), []) if v > base]
        if not history:
            return False
        versions = {v for v, _ in history}
        current = self.records[(entity, rid)].version
        return all(d == self.device_id for _, d in history) and versions >= set(range(base + 1, current + 1))

    def apply_owned(self, entity, rid, op, p, task_id, blob_set, c):
        existing = self.record(entity, rid)
        incoming_final = entity in FINALIZABLE and p.get("state") in ("finalized", "synced")
        if existing is not None:
            if existing.finalized or (entity not in FINALIZABLE and self.parent_finalized(entity, p)):
                if entity in FINALIZABLE and p.get("content_hash") and p.get("content_hash") == existing.content_hash:
                    return "duplicate", existing.version, None
                if _strip(p) == _strip(existing.payload):
                    return "duplicate", existing.version, None
                raise Refused("finalized_immutable")
            if op == "delete":
                self.store(entity, rid, p, task_id, blob_set, op="delete")
                return "applied", self.records[(entity, rid)].version, None
            incoming_v, stored_v = _int(p.get("version")), _int(existing.payload.get("version"))
            if _strip(p) == _strip(existing.payload) and incoming_v <= stored_v:
                return "duplicate", existing.version, None
            if incoming_v <= stored_v:
                self.add_conflict("version", entity, rid, c.get("base_version"), p, existing.payload, task_id, c)
                return "conflict", existing.version, None
        if entity == "document":
            number = str(p["number"])
            if number not in self.doc_numbers:
                row = self.conn.execute(select(t.document_index.c.document_id).where(t.document_index.c.number == number)).first()
                self.doc_numbers[number] = row[0] if row else None
            holder = self.doc_numbers[number]
            if holder is not None and holder != rid:
                raise Refused("number_taken", number=number)
            if holder is None:
                self.doc_numbers[number] = rid
                self.work.documents.append({"number": number, "document_id": rid, "record_hash": p.get("record_hash"),
                                            "pdf_sha256": p.get("pdf_sha256")})
        self.store(entity, rid, p, task_id, blob_set, op=op, finalized=incoming_final)
        return "applied", self.records[(entity, rid)].version, None

    def apply_custody(self, rid: str, p: dict, blob_set: set[str]):
        sample = self.record("sample", str(p["sample_id"]))
        if sample is None:
            raise Refused("sample_unknown", retry=True)
        if self.user.role == "inspector":
            if sample.task_id not in self.tasks_of_user():
                raise Refused("forbidden")
        elif self.user.role not in ("lab", "supervisor", "admin"):
            raise Refused("forbidden")
        if not custody_hash_ok(p):
            raise Refused("hash_mismatch")
        existing = self.record("custody_event", rid)
        if existing is not None:
            if existing.payload.get("hash") == p["hash"]:
                return "duplicate", existing.version, {"server_at": existing.payload.get("server_at")}
            raise Refused("custody_immutable")
        if not sample.finalized or not sample.content_hash:
            raise Refused("sample_not_finalized", retry=True)
        known = self.link(p["hash"])
        if known is not None:  # same content under another id cannot happen (id is hashed); be safe
            return "duplicate", 1, None
        tip = self.tip(sample.id)
        expected = tip["tip_hash"] if tip else sample.content_hash
        prev = p["prev_hash"]
        if prev != expected and prev != sample.content_hash:
            prev_link = self.link(prev)
            if prev_link is None or prev_link["sample_id"] != sample.id:
                raise Refused("chain_gap", retry=True)
        self.check_order(sample, p)
        stored = dict(p, server_at=self.now)
        if prev == expected:
            self.tips[sample.id] = {"sample_id": sample.id, "tip_hash": p["hash"], "length": (tip["length"] if tip else 0) + 1}
            self.work.tips[sample.id] = self.tips[sample.id]
            self._link(p, sample.id, forked=False)
            self.store("custody_event", rid, stored, sample.task_id, blob_set, op="append")
            return "applied", 1, {"server_at": self.now}
        # A second device extended the chain at an earlier point: keep it, flag it.
        self._link(p, sample.id, forked=True)
        self.store("custody_event", rid, stored, sample.task_id, blob_set, op="append")
        rival_id = next((l["event_id"] for l in self.links.values()
                         if l and l["prev_hash"] == prev and not l["forked"] and l["event_id"] != rid), None)
        if rival_id is None:
            row = self.conn.execute(select(t.custody_link.c.event_id).where(
                t.custody_link.c.prev_hash == prev, t.custody_link.c.forked.is_(False))).first()
            rival_id = row[0] if row else None
        rival_rec = self.record("custody_event", rival_id) if rival_id else None
        self.add_conflict("custody_fork", "custody_event", rid, None, stored,
                          rival_rec.payload if rival_rec else {"tip_hash": expected}, sample.task_id, self.current)
        return "conflict", 1, {"server_at": self.now}

    def check_order(self, sample: Rec, p: dict) -> None:
        """The client's own rules (inspector_app.custody.events and .machine) for this event after
        the events of its branch: from the sample record up to `prev_hash`. The state after it is
        kept under its hash, so the next event of the same batch is checked without a query."""
        data, actors = json_value(p.get("data")), json_value(p.get("actors"))
        data = {} if data is None else data
        actors = [] if actors is None else actors
        if not isinstance(data, dict):
            raise Refused("bad_payload", detail="data")
        if not isinstance(actors, list) or not all(isinstance(a, dict) for a in actors):
            raise Refused("bad_payload", detail="actors")
        event = {"type": p["type"], "part": p["part"], "at": p.get("at"), "data": data}
        state = self.branch_state(sample, p["prev_hash"])

        def follow() -> machine.ChainState:
            etype, epart = validate_event(event["type"], event["part"], data, actors)
            machine.check(state, etype, epart, data)
            after = state.copy()
            after.apply(event)
            return after

        try:
            with in_language("zh_CN"):
                self.folds[(sample.id, p["hash"])] = follow()
        except DomainError as error:
            with in_language("en"):
                try:
                    follow()
                except DomainError as english:
                    why_en = english.message
                else:  # the rules do not depend on the language; never reached
                    why_en = error.message
            zh, en = EVENT_LABELS.get(event["type"], (event["type"], event["type"]))
            code = "custody_invalid" if isinstance(error, ValidationError) else "custody_order"
            raise Refused(code, event_zh=zh, event_en=en, why_zh=error.message, why_en=why_en) from None
        except (ValueError, TypeError) as error:  # data the rules cannot read, e.g. a malformed date
            raise Refused("bad_payload", detail=f"data ({str(error)[:80]})") from None

    def branch_state(self, sample: Rec, prev: str) -> machine.ChainState:
        """State folded from the events between the sample record and the event `prev`."""
        key = (sample.id, prev)
        if key not in self.folds:
            mode = str(sample.payload.get("mode") or "production")
            events = [] if prev == sample.content_hash else self.stored_branch(sample, prev)
            try:
                self.folds[key] = machine.fold(events, mode)
            except (ValueError, TypeError, KeyError):  # stored before the server checked the order
                raise Refused("custody_history") from None
        return self.folds[key]

    def stored_branch(self, sample: Rec, prev: str) -> list[dict]:
        """The stored events from the sample record to `prev`, oldest first (events of this batch
        are already folded in `self.folds`)."""
        if sample.id not in self.chains:
            self.load_chains([sample.id])
        chain = self.chains[sample.id]
        events: list[dict] = []
        h = prev
        while h != sample.content_hash:
            if h not in chain or len(events) > len(chain):
                raise Refused("chain_gap", retry=True)
            h, text = chain[h]
            event = json.loads(text)
            events.append({k: (json_value(v) if k in CUSTODY_JSON else v) for k, v in event.items()})
        events.reverse()
        return events

    def _link(self, p: dict, sample_id: str, forked: bool) -> None:
        row = {"hash": p["hash"], "sample_id": sample_id, "event_id": p["id"], "prev_hash": p["prev_hash"], "forked": forked}
        self.links[p["hash"]] = row
        self.work.links.append(row)

    def apply_conflict_resolution(self, rid: str, p: dict):
        row = self.conn.execute(select(t.conflict).where(t.conflict.c.id == rid)).mappings().first()
        if row is None:
            raise Refused("conflict_unknown")
        if row["user_id"] != self.user.id and self.user.role not in ("supervisor", "admin"):
            raise Refused("forbidden")
        values = {"resolved_at": p.get("resolved_at") or self.now, "resolution": p.get("resolution"),
                  "resolved_value": _text(p.get("resolved_value")), "resolved_by": str(p.get("resolved_by") or self.user.name)}
        self.work.conflict_updates.append({"cid": rid, **values})
        self.work.feed.append(self._feed("conflict", rid, "upsert", 1, conflict_payload({**dict(row), **values}),
                                         row["task_id"], user_id=row["user_id"], device_id=None))
        return "applied", 1, None

    def add_conflict(self, kind, entity, rid, base, incoming, server_value, task_id, c) -> None:
        row = {"id": uuid7(), "kind": kind, "entity": entity, "entity_id": rid, "base_version": base if isinstance(base, int) else None,
               "incoming_value": _text(incoming), "server_value": _text(server_value), "task_id": task_id,
               "user_id": self.user.id, "device_id": self.device_id, "change_id": c.get("change_id") or "",
               "detected_at": self.now, "resolved_at": None, "resolution": None, "resolved_value": None, "resolved_by": None}
        self.work.conflicts.append(row)
        self.work.feed.append(self._feed("conflict", row["id"], "upsert", 1, conflict_payload(row), task_id,
                                         user_id=self.user.id, device_id=None))

    # -- writes ------------------------------------------------------------------------------
    def store(self, entity, rid, p, task_id, blob_set, *, op, finalized=False) -> None:
        key = (entity, rid)
        rec = self.records.get(key)
        deleted = op == "delete"
        finalized = finalized or (rec.finalized if rec else False)
        content_hash = p.get("content_hash") if isinstance(p.get("content_hash"), str) else None
        if rec is None:
            rec = Rec(entity, rid, 0, p, task_id, self.user.id, finalized, content_hash, deleted, self.device_id, self.now, exists=False)
            self.records[key] = rec
        rec.version += 1
        rec.payload, rec.task_id, rec.finalized, rec.content_hash = p, task_id, finalized, content_hash
        rec.deleted, rec.device_id, rec.server_at, rec.dirty = deleted, self.device_id, self.now, True
        self.pending_versions.setdefault(key, []).append((rec.version, self.device_id))
        self.work.blobs[key] = blob_set
        rec.text = _dumps(p)
        if entity in SHARED:
            out_text = _dumps(dict(p, version=rec.version, server_version=rec.version))
        else:
            out_text = rec.text
        self.work.feed.append(self._feed(entity, rid, "delete" if deleted else "upsert", rec.version, out_text, task_id,
                                         user_id=rec.created_by if entity == "enterprise" else None, device_id=self.device_id))
        if entity == "task":
            ids = json_value(p.get("inspector_ids"))
            assignees = {str(x) for x in ids} if isinstance(ids, list) else set()
            enterprise_id = str(p.get("enterprise_id"))
            self.work.assignees[rid] = (enterprise_id, assignees)
            ent = self.record("enterprise", enterprise_id)
            if ent is not None:  # newly assigned inspectors must receive the enterprise too
                ent_out = dict(ent.payload, version=ent.version, server_version=ent.version)
                self.work.feed.append(self._feed("enterprise", enterprise_id, "upsert", ent.version, ent_out, None,
                                                 user_id=ent.created_by, device_id=None))

    def _feed(self, entity, rid, op, version, payload, task_id, *, user_id, device_id) -> dict:
        return {"entity": entity, "entity_id": rid, "op": op, "version": version,
                "payload": payload if isinstance(payload, str) else _dumps(payload),
                "task_id": task_id, "user_id": user_id, "device_id": device_id, "created_at": self.now}

    def flush(self) -> None:
        conn, w = self.conn, self.work
        new = [r for r in self.records.values() if r is not None and r.dirty and not r.exists]
        old = [r for r in self.records.values() if r is not None and r.dirty and r.exists]
        if new:
            _insert_many(conn, t.record, [_row(r) for r in new])
        if old:
            cols = ("version", "payload", "task_id", "finalized", "content_hash", "deleted", "device_id", "server_at")
            conn.execute(
                update(t.record).where(and_(t.record.c.entity == bindparam("k_entity"), t.record.c.id == bindparam("k_id")))
                .values({c: bindparam("b_" + c) for c in cols}),
                [{**{"b_" + k: v for k, v in _row(r).items() if k in cols}, "k_entity": r.entity, "k_id": r.id} for r in old],
            )
            keys = [(r.entity, r.id) for r in old if (r.entity, r.id) in w.blobs]
            for chunk in _chunks(keys, 400):
                conn.execute(delete(t.record_blob).where(tuple_(t.record_blob.c.entity, t.record_blob.c.id).in_(chunk)))
        blob_rows = [{"entity": e, "id": i, "sha256": h} for (e, i), hs in w.blobs.items() for h in sorted(hs)]
        if blob_rows:
            _insert_many(conn, t.record_blob, blob_rows)
        if w.assignees:
            conn.execute(delete(t.task_inspector).where(t.task_inspector.c.task_id.in_(list(w.assignees))))
            rows = [{"task_id": tid, "user_id": u, "enterprise_id": ent} for tid, (ent, us) in w.assignees.items() for u in us]
            if rows:
                _insert_many(conn, t.task_inspector, rows)
        if w.links:
            _insert_many(conn, t.custody_link, w.links)
        if w.tips:
            conn.execute(delete(t.custody_tip).where(t.custody_tip.c.sample_id.in_(list(w.tips))))
            _insert_many(conn, t.custody_tip, list(w.tips.values()))
        if w.conflicts:
            _insert_many(conn, t.conflict, w.conflicts)
        for u in w.conflict_updates:
            cid = u.pop("cid")
            conn.execute(update(t.conflict).where(t.conflict.c.id == cid).values(**u))
        if w.documents:
            _insert_many(conn, t.document_index, w.documents)
        if w.changes:
            _insert_many(conn, t.change, w.changes)
        if w.feed:
            _insert_many(conn, t.feed, w.feed)
        for r in new + old:
            r.exists, r.dirty = True, False
        self.work = Work()


def conflict_payload(row: dict) -> dict:
    """A server conflict in the shape of the client's `conflict` table."""
    return {"id": row["id"], "entity": row["entity"], "entity_id": row["entity_id"], "base_version": row["base_version"],
            "local_value": row["incoming_value"], "server_value": row["server_value"], "detected_at": row["detected_at"],
            "resolved_at": row.get("resolved_at"), "resolution": row.get("resolution"),
            "resolved_value": row.get("resolved_value"), "resolved_by": row.get("resolved_by"), "kind": row.get("kind")}


def _rec(row) -> Rec:
    return Rec(row["entity"], row["id"], row["version"], None, row["task_id"], row["created_by"], bool(row["finalized"]),
               row["content_hash"], bool(row["deleted"]), row["device_id"], row["server_at"], text=row["payload"])


def _row(r: Rec) -> dict:
    return {"entity": r.entity, "id": r.id, "version": r.version,
            "payload": r.text if r.text is not None else _dumps(r.payload), "task_id": r.task_id,
            "created_by": r.created_by, "finalized": r.finalized, "content_hash": r.content_hash, "deleted": r.deleted,
            "device_id": r.device_id, "server_at": r.server_at}


def _insert_many(conn: Connection, table, rows: list[dict]) -> None:
    """Bulk insert: COPY on PostgreSQL (row-by-row statements dominate a 500-change batch
    there), executemany on SQLite."""
    if not rows:
        return
    if conn.dialect.name != "postgresql" or len(rows) < 20:
        conn.execute(insert(table), rows)
        return
    cols = list(rows[0])
    if any(len(r) != len(cols) for r in rows):
        conn.execute(insert(table), rows)
        return
    sql = 'COPY "{}" ({}) FROM STDIN'.format(table.name, ", ".join(f'"{c}"' for c in cols))
    with conn.connection.driver_connection.cursor() as cur, cur.copy(sql) as copy:
        for r in rows:
            copy.write_row([r[c] for c in cols])


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _strip(p: dict) -> bytes:
    """Content for "same change?" comparisons: bookkeeping fields left out; `synced` counts as
    `finalized` (a client marks its own copy synced without changing the record)."""
    out = {k: v for k, v in p.items() if k not in VOLATILE}
    if out.get("state") == "synced":
        out["state"] = "finalized"
    return _canon(out)


def _int(v: Any) -> int:
    return v if isinstance(v, int) else 0


def _text(v: Any) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i:i + n]
