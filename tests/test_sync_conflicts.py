"""Pull-side rules on a real workspace: both values kept on conflict, a person resolves it,
finalized records and custody events are never overwritten, pulled rows are not echoed."""

from __future__ import annotations

import json

import pytest

from inspector_app.demo.fieldwork import FieldworkOptions, fill_fieldwork
from inspector_app.domain.errors import ValidationError
from inspector_app.store import reference
from inspector_app.sync.conflicts import differences, list_conflicts, resolve_conflict
from inspector_app.sync.pull import PullStats, apply_change


def _apply(store, changes):
    stats = PullStats()
    cache = {}

    def fn(txn):
        for change in changes:
            apply_change(txn, change, stats, cache)

    store.write_sync(fn)
    return stats


def _outbox(store, entity_id):
    return store.read().execute("SELECT op, status FROM outbox WHERE entity_id = ? ORDER BY seq", [entity_id]).fetchall()


def _enterprise(store):
    return reference.query(store.read(), "SELECT * FROM enterprise ORDER BY id LIMIT 1", table="enterprise")[0]


def test_pulled_rows_are_not_echoed_to_the_outbox(demo_store):
    ent = _enterprise(demo_store)
    before = demo_store.read().execute("SELECT count(*) FROM outbox").fetchone()[0]
    server_row = {**ent, "phone": "0531-99999999", "version": 5, "server_version": 5}
    stats = _apply(demo_store, [{"entity": "enterprise", "entity_id": ent["id"], "op": "upsert", "payload": server_row}])
    assert stats.applied == 1 and stats.conflicts == 0
    assert reference.fetch(demo_store.read(), "enterprise", ent["id"])["phone"] == "0531-99999999"
    assert demo_store.read().execute("SELECT count(*) FROM outbox").fetchone()[0] == before


def test_local_edit_not_yet_acknowledged_keeps_both_values_and_resolution_is_queued(demo_store):
    ent = _enterprise(demo_store)
    demo_store.write_sync(lambda txn: reference.update_enterprise(txn, ent["id"], {"contact": "本机联系人"}))
    server_row = {**ent, "contact": "服务器联系人", "version": 7, "server_version": 7}
    stats = _apply(demo_store, [{"entity": "enterprise", "entity_id": ent["id"], "op": "upsert", "payload": server_row}])
    assert stats.conflicts == 1
    # nothing overwritten: the local value stays, the server's is kept in the conflict
    assert reference.fetch(demo_store.read(), "enterprise", ent["id"])["contact"] == "本机联系人"
    [conflict] = list_conflicts(demo_store)
    assert conflict["local_value"]["contact"] == "本机联系人"
    assert conflict["server_value"]["contact"] == "服务器联系人"
    assert ("contact", "本机联系人", "服务器联系人") in differences(conflict)

    resolved = resolve_conflict(demo_store, conflict["id"], "server", by="张伟")
    assert resolved["resolution"] == "server"
    row = reference.fetch(demo_store.read(), "enterprise", ent["id"])
    assert row["contact"] == "服务器联系人" and row["server_version"] == 7
    assert list_conflicts(demo_store) == []
    # the decision travels to the server
    [(op, status)] = [r for r in _outbox(demo_store, conflict["id"])]
    assert (op, status) == ("update", "pending")
    with pytest.raises(ValidationError):
        resolve_conflict(demo_store, conflict["id"], "local")


def test_keep_local_pushes_the_local_value_on_the_server_version(demo_store):
    ent = _enterprise(demo_store)
    demo_store.write_sync(lambda txn: reference.update_enterprise(txn, ent["id"], {"contact": "本机"}))
    _apply(demo_store, [{"entity": "enterprise", "entity_id": ent["id"], "op": "upsert",
                         "payload": {**ent, "contact": "服务器", "version": 9, "server_version": 9}}])
    [conflict] = list_conflicts(demo_store)
    resolve_conflict(demo_store, conflict["id"], "local")
    last = demo_store.read().execute(
        "SELECT payload, base_version FROM outbox WHERE entity = 'enterprise' AND entity_id = ? ORDER BY seq DESC LIMIT 1",
        [ent["id"]]).fetchone()
    payload = json.loads(last[0])
    assert payload["contact"] == "本机" and payload["server_version"] == 9 and last[1] == 9


def test_finalized_records_and_custody_events_are_never_overwritten(demo_store):
    fill_fieldwork(demo_store, FieldworkOptions(inspections=1, photos_per=1, photo_bytes=5000))
    db = demo_store.read()
    insp = reference.query(db, "SELECT * FROM inspection WHERE findings LIKE '按检查表%'", table="inspection")[0]
    event = reference.query(db, "SELECT * FROM custody_event WHERE sample_id = (SELECT id FROM sample WHERE inspection_id = ?)"
                                " ORDER BY seq LIMIT 1", [insp["id"]], table="custody_event")[0]
    tampered = {**insp, "findings": "被改过的结论", "data": json.dumps({"x": 1})}
    stats = _apply(demo_store, [
        {"entity": "inspection", "entity_id": insp["id"], "op": "upsert", "payload": tampered},
        {"entity": "custody_event", "entity_id": event["id"], "op": "upsert",
         "payload": {**event, "note": "改", "server_at": "2026-11-21T10:00:00.000Z"}},
    ])
    assert stats.conflicts == 0
    after = reference.fetch(demo_store.read(), "inspection", insp["id"])
    assert after["findings"] == insp["findings"] and after["content_hash"] == insp["content_hash"]
    ev = reference.fetch(demo_store.read(), "custody_event", event["id"])
    assert ev["note"] == event["note"] and ev["hash"] == event["hash"]
    assert ev["server_at"] == "2026-11-21T10:00:00.000Z"  # only the receipt time is taken
    assert list_conflicts(demo_store) == []


def test_server_conflicts_arrive_through_the_feed_and_stay_resolved_locally(demo_store):
    ent = _enterprise(demo_store)
    conflict = {"id": "c-1", "entity": "enterprise", "entity_id": ent["id"], "base_version": 1,
                "local_value": json.dumps({**ent, "phone": "1"}), "server_value": json.dumps({**ent, "phone": "2", "version": 3}),
                "detected_at": "2026-11-21T10:00:00.000Z", "resolved_at": None, "resolution": None,
                "resolved_value": None, "resolved_by": None}
    _apply(demo_store, [{"entity": "conflict", "entity_id": "c-1", "op": "upsert", "payload": conflict}])
    assert [c["id"] for c in list_conflicts(demo_store)] == ["c-1"]
    resolve_conflict(demo_store, "c-1", "merged", {"phone": "3"})
    assert reference.fetch(demo_store.read(), "enterprise", ent["id"])["phone"] == "3"
    _apply(demo_store, [{"entity": "conflict", "entity_id": "c-1", "op": "upsert", "payload": conflict}])
    assert list_conflicts(demo_store) == []


def test_answers_arriving_after_their_finalized_inspection_are_stored(demo_store):
    """A hazard inspection travels ahead of its answers; the pulled answers still belong to it."""
    task = reference.query(demo_store.read(), "SELECT * FROM task LIMIT 1", table="task")[0]
    now = "2026-11-21T08:00:00.000Z"
    inspection = {"id": "insp-remote-1", "task_id": task["id"], "enterprise_id": task["enterprise_id"],
                  "template_id": "t", "template_version": "1", "state": "finalized", "content_hash": "h" * 64,
                  "finalized_at": now, "created_at": now, "updated_at": now, "version": 2, "author": "李娜",
                  "data": "{}", "inspector_ids": "[]", "hazard": 1}
    answer = {"id": "ans-remote-1", "inspection_id": "insp-remote-1", "item_id": "item-1", "result": "不符合",
              "note": "隐患", "created_at": now, "updated_at": now, "version": 1, "author": "李娜", "state": "draft"}
    stats = _apply(demo_store, [{"entity": "inspection", "entity_id": "insp-remote-1", "op": "upsert", "payload": inspection},
                                {"entity": "answer", "entity_id": "ans-remote-1", "op": "upsert", "payload": answer}])
    assert stats.applied == 2
    assert reference.fetch(demo_store.read(), "answer", "ans-remote-1")["note"] == "隐患"
    # the guard is back: nothing else can be added to the finalized inspection
    with pytest.raises(Exception, match="immutable"):
        demo_store.write_sync(lambda txn: txn.insert("answer", {**answer, "id": "ans-local-2", "item_id": "item-2"}))
