"""Server push: idempotency, per-change refusal, immutability, ownership, conflicts (real process)."""

from __future__ import annotations

import json

from tests.server_process import (  # noqa: F401
    Api, any_server, change, inspection_row, sample_row, server,
)


def _answer(inspection: dict, item: str = "item-1", **extra) -> dict:
    from inspector_app.domain.ids import uuid7

    return {"id": uuid7(), "inspection_id": inspection["id"], "item_id": item, "result": "符合", "value": None, "note": "",
            "created_at": inspection["created_at"], "updated_at": inspection["created_at"], "version": 1, "author": "张伟",
            "state": "finalized", **extra}


def test_push_is_idempotent_by_change_id(any_server):
    api = Api(any_server, "insp1")
    task = api.my_tasks()[0]
    insp = inspection_row(task)
    batch = [change("inspection", insp), change("answer", _answer(insp)), change("sample", sample_row(task))]
    first = api.push(batch)
    assert [r["status"] for r in first] == ["applied"] * 3
    assert all(r["server_version"] == 1 for r in first)
    again = api.push(batch)
    assert [r["status"] for r in again] == ["duplicate"] * 3
    assert all(r["reason"] == "original:applied" and r["server_version"] == 1 for r in again)
    stats = any_server.stats()
    assert stats["inspections"] == 1 and stats["samples"] == 1 and stats["records"]["answer"] == 1


def test_bad_changes_are_refused_one_by_one(any_server):
    any_server.cli("user", "add", "insp3", "--password", "other-pass-3", "--role", "inspector")
    any_server.cli("user", "add", "insp4", "--password", "other-pass-4", "--role", "inspector")
    any_server.cli("task", "add", "--enterprise", "济南鲁泉食品有限公司", "--type", "routine", "--inspectors", "insp3,insp4")
    api = Api(any_server, "insp1")
    other = Api(any_server, "insp3", password="other-pass-3")
    other_task = other.my_tasks()[0]
    mine = api.my_tasks()
    assert other_task["id"] not in {t["id"] for t in mine}
    good1, good2 = inspection_row(mine[0]), sample_row(mine[1])
    no_task = inspection_row(mine[0])
    del no_task["task_id"]
    bad_blob = change("inspection", inspection_row(mine[0]), blobs=["not-a-hash"])
    results = api.push([
        change("inspection", good1),
        change("inspection", no_task),
        change("inspection", inspection_row(other_task)),
        bad_blob,
        change("widget", {"id": "w1"}),
        change("sample", good2),
    ])
    statuses = [(r["status"], r.get("code")) for r in results]
    assert statuses == [("applied", None), ("rejected", "missing_field"), ("rejected", "forbidden"),
                        ("rejected", "bad_blob_hash"), ("rejected", "bad_entity"), ("applied", None)]
    odd = [dict(inspection_row(mine[0]), state="approved"), dict(inspection_row(mine[0]), content_hash="abc"),
           dict(inspection_row(mine[0]), version="2"), dict(inspection_row(mine[0]), task_id=42)]
    refused = api.push([change("inspection", p) for p in odd])
    assert [r["code"] for r in refused] == ["bad_payload"] * 4
    assert "state=approved" in refused[0]["reason"] and "content_hash" in refused[1]["reason"]
    assert "task_id" in results[1]["reason"] and "缺少必填字段" in results[1]["reason"]
    assert results[2]["retry"] is False and "不是您的任务" in results[2]["reason"]
    stats = any_server.stats()
    assert stats["inspections"] == 1 and stats["samples"] == 1
    # the other pair does not see insp1's work, insp2 (the partner) does
    assert not [c for c in other.pull_all()[0] if c["entity"] == "inspection"]
    partner = Api(any_server, "insp2", device_id="dev-2")
    assert [c["entity_id"] for c in partner.pull_all()[0] if c["entity"] == "inspection"] == [good1["id"]]


def test_finalized_records_are_immutable(server):
    api = Api(server, "insp1")
    task = api.my_tasks()[0]
    insp = inspection_row(task)
    assert api.push([change("inspection", insp)])[0]["status"] == "applied"
    same = dict(insp, state="synced", version=2)
    assert api.push([change("inspection", same, op="update")])[0]["status"] == "duplicate"
    altered = dict(insp, findings="改过的结论", content_hash="0" * 64, version=3)
    r = api.push([change("inspection", altered, op="update")])[0]
    assert r["status"] == "rejected" and r["code"] == "finalized_immutable" and r["retry"] is False
    # an answer of the finalized inspection cannot be changed either, a new one can be added
    ans = _answer(insp)
    assert api.push([change("answer", ans)])[0]["status"] == "applied"
    r = api.push([change("answer", dict(ans, result="不符合", version=2), op="update")])[0]
    assert r["status"] == "rejected" and r["code"] == "finalized_immutable"
    status, body = api.get("/pull")
    stored = [c["payload"] for c in body["changes"] if c["entity"] == "inspection"]
    assert stored == [insp]


def test_child_before_parent_is_retryable(server):
    api = Api(server, "insp1")
    task = api.my_tasks()[0]
    insp = inspection_row(task)
    ans = change("answer", _answer(insp))
    r = api.push([ans])[0]
    assert r["status"] == "rejected" and r["code"] == "owner_unknown" and r["retry"] is True
    # a retryable refusal is not remembered: the same change is accepted once its parent is there
    results = api.push([change("inspection", insp), ans])
    assert [x["status"] for x in results] == ["applied", "applied"]


def test_draft_versions_and_conflict(server):
    api = Api(server, "insp1")
    task = api.my_tasks()[0]
    draft = inspection_row(task, state="draft")
    assert api.push([change("inspection", draft)])[0]["status"] == "applied"
    v2 = dict(draft, findings="第二稿", version=2)
    r = api.push([change("inspection", v2, op="update", base_version=1)])[0]
    assert r["status"] == "applied" and r["server_version"] == 2
    other_device = Api(server, "insp2", device_id="dev-2")
    stale = dict(draft, findings="另一台电脑的第二稿", version=2)
    r = other_device.push([change("inspection", stale, op="update", base_version=1)])[0]
    assert r["status"] == "conflict" and r["server_version"] == 2
    same_again = other_device.push([change("inspection", v2, op="update", base_version=1)])[0]
    assert same_again["status"] == "duplicate"  # identical content is not a conflict
    final = dict(v2, version=3, state="finalized", content_hash="a" * 64)
    assert api.push([change("inspection", final, op="finalize", base_version=2)])[0]["status"] == "applied"
    assert server.stats()["conflicts"] == 1


def test_shared_records_conflict_keeps_both_values(any_server):
    a = Api(any_server, "insp1", device_id="laptop-a")
    b = Api(any_server, "insp2", device_id="laptop-b")
    changes, _ = a.pull_all()
    ent = next(c for c in changes if c["entity"] == "enterprise")["payload"]
    base = ent["server_version"]
    ra = a.push([change("enterprise", dict(ent, phone="0531-11111111"), op="update", base_version=base)])[0]
    assert ra["status"] == "applied" and ra["server_version"] == base + 1
    # the same device edits again offline on the same base: its own history fast-forwards
    ra2 = a.push([change("enterprise", dict(ent, phone="0531-11111111", contact="赵经理"), op="update", base_version=base)])[0]
    assert ra2["status"] == "applied" and ra2["server_version"] == base + 2
    rb = b.push([change("enterprise", dict(ent, phone="0531-22222222"), op="update", base_version=base)])[0]
    assert rb["status"] == "conflict" and rb["server_version"] == base + 2
    # nothing overwritten: the server still has A's value; B gets the conflict with both values
    feed_b, cursor_b = b.pull_all()
    latest = [c for c in feed_b if c["entity"] == "enterprise" and c["entity_id"] == ent["id"]][-1]["payload"]
    assert latest["phone"] == "0531-11111111" and latest["server_version"] == base + 2
    conflicts = [c["payload"] for c in feed_b if c["entity"] == "conflict"]
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert json.loads(conflict["local_value"])["phone"] == "0531-22222222"
    kept = json.loads(conflict["server_value"])
    assert kept["phone"] == "0531-11111111" and kept["server_version"] == kept["version"] == base + 2
    assert conflict["entity"] == "enterprise" and conflict["resolved_at"] is None
    assert not [c for c in a.pull_all()[0] if c["entity"] == "conflict"]  # A's user has no conflict
    # B resolves it: the chosen value as a normal update on the current version, and the conflict marked
    resolved = b.push([
        change("enterprise", dict(latest, phone="0531-22222222"), op="update", base_version=base + 2),
        change("conflict", {"id": conflict["id"], "resolved_at": "2026-11-21T10:00:00.000Z", "resolution": "local",
                            "resolved_value": json.dumps({"phone": "0531-22222222"}), "resolved_by": "李娜"}, op="update"),
    ])
    assert [r["status"] for r in resolved] == ["applied", "applied"]
    later, _ = b.pull_all(cursor=cursor_b)
    assert [c["payload"]["resolution"] for c in later if c["entity"] == "conflict"] == ["local"]
    stats = any_server.stats()
    assert stats["conflicts"] == 1 and stats["open_conflicts"] == 0


def test_inspector_cannot_reassign_or_create_tasks(server):
    api = Api(server, "insp1")
    task = api.my_tasks()[0]
    r = api.push([change("task", dict(task, inspector_ids=json.dumps(["someone"])), op="update",
                         base_version=task["server_version"])])[0]
    assert r["status"] == "rejected" and r["code"] == "forbidden_field"
    r = api.push([change("task", dict(task, state="in_progress"), op="update", base_version=task["server_version"])])[0]
    assert r["status"] == "applied" and r["server_version"] == task["server_version"] + 1
    from inspector_app.domain.ids import uuid7

    r = api.push([change("task", dict(task, id=uuid7()))])[0]
    assert r["status"] == "rejected" and r["code"] == "forbidden"


def test_documents_verify(any_server):
    api = Api(any_server, "insp1")
    task = api.my_tasks()[0]
    insp = inspection_row(task)
    from inspector_app.domain.ids import uuid7

    doc = {"id": uuid7(), "type": "inspection_record", "number": "济历市监检记〔2026〕7号", "record_kind": "inspection",
           "record_id": insp["id"], "record_hash": insp["content_hash"], "pdf_sha256": "b" * 64,
           "issued_at": insp["created_at"], "data": "{}", "created_at": insp["created_at"], "updated_at": insp["created_at"],
           "version": 1, "author": "张伟", "state": "issued"}
    results = api.push([change("inspection", insp), change("document", doc, blobs=["b" * 64])])
    assert [r["status"] for r in results] == ["applied", "applied"]
    import requests

    def verify(number, h):
        r = requests.get(any_server.base_url + "/documents/verify", params={"number": number, "hash": h}, timeout=5)
        assert r.status_code == 200
        return r.json()

    assert verify(doc["number"], "b" * 64) == {"valid": True, "reason": "ok"}
    assert verify(doc["number"], insp["content_hash"]) == {"valid": True, "reason": "ok"}
    assert verify(doc["number"], "c" * 64) == {"valid": False, "reason": "hash_mismatch"}
    assert verify("济历市监检记〔2026〕999号", "b" * 64) == {"valid": False, "reason": "unknown_number"}
    dup = dict(doc, id=uuid7())
    r = api.push([change("document", dup)])[0]
    assert r["status"] == "rejected" and r["code"] == "number_taken"


def test_task_state_changed_on_two_laptops_is_a_conflict(server):
    a = Api(server, "insp1", device_id="laptop-a")
    b = Api(server, "insp2", device_id="laptop-b")
    task = a.my_tasks()[0]
    base = task["server_version"]
    ra = a.push([change("task", dict(task, state="in_progress"), op="update", base_version=base)])[0]
    rb = b.push([change("task", dict(task, state="cancelled"), op="update", base_version=base)])[0]
    assert (ra["status"], rb["status"]) == ("applied", "conflict")
    same = b.push([change("task", dict(task, state="in_progress", author="李娜"), op="update", base_version=base)])[0]
    assert same["status"] == "conflict"  # the author differs: kept for a person, never dropped
    latest = [c["payload"] for c in b.pull_all()[0] if c["entity"] == "task" and c["entity_id"] == task["id"]][-1]
    assert latest["state"] == "in_progress"
