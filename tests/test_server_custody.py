"""Server custody chain: extend only, verify hashes, keep and flag forks, lab events flow back."""

from __future__ import annotations

from tests.server_process import Api, any_server, change, custody_event, sample_row, server  # noqa: F401


def test_custody_chain_accepts_extensions_only(any_server):
    a = Api(any_server, "insp1", device_id="laptop-a")
    task = a.my_tasks()[0]
    sample = sample_row(task)
    e1 = custody_event(sample, sample["content_hash"], 1, event_type="DRAWN", device_id="laptop-a")
    early = a.push([change("custody_event", e1, op="append")])[0]
    assert early["status"] == "rejected" and early["code"] == "sample_unknown" and early["retry"] is True

    e2 = custody_event(sample, e1["hash"], 2, event_type="SEALED", device_id="laptop-a")
    results = a.push([change("sample", sample), change("custody_event", e1, op="append"), change("custody_event", e2, op="append")])
    assert [r["status"] for r in results] == ["applied"] * 3
    assert results[1]["server_at"] and results[1]["server_at"].endswith("Z")

    # resent: duplicate, with the original server_at
    again = a.push([change("custody_event", e2, op="append")])[0]
    assert again["status"] == "duplicate" and again["server_at"] == results[2]["server_at"]

    # a gap (predecessor never seen) is refused for now, a tampered event for good
    ghost = custody_event(sample, "f" * 64, 4, device_id="laptop-a")
    r = a.push([change("custody_event", ghost, op="append")])[0]
    assert r["status"] == "rejected" and r["code"] == "chain_gap" and r["retry"] is True
    tampered = custody_event(sample, e2["hash"], 3, event_type="SHIPPED", device_id="laptop-a")
    tampered["note"] = "改过"
    r = a.push([change("custody_event", tampered, op="append")])[0]
    assert r["status"] == "rejected" and r["code"] == "hash_mismatch" and r["retry"] is False
    altered_e2 = dict(e2, note="x")
    from inspector_app.domain.hashing import content_hash

    altered_e2["hash"] = content_hash({k: v for k, v in altered_e2.items() if k != "hash"})
    r = a.push([change("custody_event", altered_e2, op="append")])[0]
    assert r["status"] == "rejected" and r["code"] == "custody_immutable"

    # the partner's laptop extends the chain at e1 as well: kept, flagged as a conflict
    b = Api(any_server, "insp2", device_id="laptop-b")
    fork = custody_event(sample, e1["hash"], 2, event_type="SEALED", device_id="laptop-b")
    r = b.push([change("custody_event", fork, op="append")])[0]
    assert r["status"] == "conflict"
    feed_b, _ = b.pull_all(device_id="laptop-b")
    conflict = [c["payload"] for c in feed_b if c["entity"] == "conflict"]
    assert len(conflict) == 1 and conflict[0]["kind"] == "custody_fork" and conflict[0]["entity_id"] == fork["id"]
    assert e2["id"] in conflict[0]["server_value"]

    # the lab receives the sample: its event extends the main chain and flows back to the pair
    lab = Api(any_server, "lab1", device_id="lab-pc")
    e3 = custody_event(sample, e2["hash"], 3, event_type="LAB_RECEIVED", device_id="lab-pc")
    assert lab.push([change("custody_event", e3, op="append")])[0]["status"] == "applied"
    feed_a, _ = a.pull_all(device_id="laptop-a")
    events = [c["payload"] for c in feed_a if c["entity"] == "custody_event"]
    assert [e["id"] for e in events] == [fork["id"], e3["id"]]  # own events are not echoed back
    assert events[1]["server_at"] and events[1]["type"] == "LAB_RECEIVED"
    stats = any_server.stats()
    assert stats["custody_events"] == 4 and stats["conflicts"] == 1


def test_custody_needs_a_finalized_sample_of_own_task(server):
    a = Api(server, "insp1")
    task = a.my_tasks()[0]
    draft = dict(sample_row(task), state="draft", content_hash=None, finalized_at=None)
    assert a.push([change("sample", draft)])[0]["status"] == "applied"
    e1 = custody_event(draft, "0" * 64, 1)
    r = a.push([change("custody_event", e1, op="append")])[0]
    assert r["status"] == "rejected" and r["code"] == "sample_not_finalized"
    server.cli("user", "add", "insp9", "--password", "other-pass-9", "--role", "inspector")
    stranger = Api(server, "insp9", password="other-pass-9")
    sample = sample_row(task)
    assert a.push([change("sample", sample)])[0]["status"] == "applied"
    r = stranger.push([change("custody_event", custody_event(sample, sample["content_hash"], 1), op="append")])[0]
    assert r["status"] == "rejected" and r["code"] == "forbidden"


def test_custody_hash_over_json_text_columns_is_accepted(server):
    """A client may hash the row with its JSON columns as stored text; the server accepts both forms."""
    import json

    from inspector_app.domain.hashing import content_hash

    a = Api(server, "insp1")
    task = a.my_tasks()[0]
    sample = sample_row(task)
    e1 = custody_event(sample, sample["content_hash"], 1)
    for col in ("actors", "seal_ids", "evidence", "data"):
        e1[col] = json.dumps(e1[col], ensure_ascii=False)
    e1["hash"] = content_hash({k: v for k, v in e1.items() if k != "hash"})
    results = a.push([change("sample", sample), change("custody_event", e1, op="append")])
    assert [r["status"] for r in results] == ["applied", "applied"]
