"""Server custody chain: extend only, verify hashes, the client's state machine per branch, keep
and flag forks, lab events flow back."""

from __future__ import annotations

import json

from tests.server_process import (  # noqa: F401
    Api, any_server, change, custody_chain, custody_event, inspection_row, sample_row, server,
)


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

    # signed and shipped; the lab receives the sample: its event extends the main chain and flows back
    e3, e4 = custody_chain(sample, ("SIGNED", "SHIPPED"), prev_hash=e2["hash"], seq=3, device_id="laptop-a")
    assert [r["status"] for r in a.push([change("custody_event", e, op="append") for e in (e3, e4)])] == ["applied"] * 2
    lab = Api(any_server, "lab1", device_id="lab-pc")
    e5 = custody_event(sample, e4["hash"], 5, event_type="LAB_RECEIVED", device_id="lab-pc")
    assert lab.push([change("custody_event", e5, op="append")])[0]["status"] == "applied"
    feed_a, _ = a.pull_all(device_id="laptop-a")
    events = [c["payload"] for c in feed_a if c["entity"] == "custody_event"]
    assert [e["id"] for e in events] == [fork["id"], e5["id"]]  # own events are not echoed back
    assert events[1]["server_at"] and events[1]["type"] == "LAB_RECEIVED"
    stats = any_server.stats()
    assert stats["custody_events"] == 6 and stats["conflicts"] == 1


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


def test_custody_order_is_refused_with_the_missing_step(any_server):
    """Events with a correct hash chain but an impossible history are refused one by one, with the
    client's wording; nothing of them is stored and the good changes of the batch are applied."""
    a = Api(any_server, "insp1", device_id="laptop-a")
    task = a.my_tasks()[0]
    sample, other = sample_row(task), sample_row(task)
    e1, e2 = custody_chain(sample, ("DRAWN", "SEALED"), device_id="laptop-a")
    early = custody_event(sample, e2["hash"], 3, event_type="LAB_RECEIVED", device_id="laptop-a")  # not signed, not shipped
    after_early = custody_event(sample, early["hash"], 4, event_type="BLIND_CODED", device_id="laptop-a")
    inspection = inspection_row(task)
    good_other = custody_chain(other, ("DRAWN", "SEALED", "SIGNED", "BACKUP_STORED"), device_id="laptop-a")
    batch = [change("sample", sample), change("custody_event", e1, op="append"), change("custody_event", e2, op="append"),
             change("custody_event", early, op="append"), change("custody_event", after_early, op="append"),
             change("inspection", inspection), change("sample", other)] + [change("custody_event", e, op="append") for e in good_other]
    results = a.push(batch)
    assert [r["status"] for r in results] == ["applied"] * 3 + ["rejected", "rejected"] + ["applied"] * 6
    refused = results[3]
    assert refused["code"] == "custody_order" and refused["retry"] is False
    assert refused["reason"] == ("custody_order: 保管事件“承检机构接收”不能记录：顺序不允许：检验样缺少前一步“签署抽样单”。 / "
                                 "Custody event 'received by the lab' refused: Not allowed in this order: "
                                 "the test sample is missing the step 'sampling record signed'.")
    assert results[4]["code"] == "chain_gap"  # its successor has nothing stored to follow

    # nothing of the refused event is stored: not in the feed, not the chain's tip, not counted
    feed_b, _ = Api(any_server, "insp2", device_id="laptop-b").pull_all(device_id="laptop-b")
    fed = {c["entity_id"] for c in feed_b if c["entity"] == "custody_event"}
    assert fed == {e1["id"], e2["id"]} | {e["id"] for e in good_other}
    assert any_server.stats()["custody_events"] == 6
    signed = custody_event(sample, e2["hash"], 3, event_type="SIGNED", device_id="laptop-a")
    assert a.push([change("custody_event", signed, op="append")])[0]["status"] == "applied"

    # resending the batch: every change answers duplicate, the refusal with its original reason
    again = a.push(batch)
    assert [r["status"] for r in again] == ["duplicate"] * 3 + ["duplicate", "rejected"] + ["duplicate"] * 6
    assert again[3]["reason"] == "original:" + "rejected: " + refused["reason"]
    assert again[4]["code"] == "chain_gap" and again[4]["retry"] is True  # a retryable refusal is decided again

    # more impossible steps, each checked against the chain as the server holds it
    def push_one(prev: dict, seq: int, event_type: str, **kw) -> dict:
        event = custody_event(sample, prev["hash"], seq, event_type=event_type, device_id="laptop-a", **kw)
        return a.push([change("custody_event", event, op="append")])[0]

    second_seal = push_one(signed, 4, "SEALED")
    assert second_seal["code"] == "custody_order" and "已记录过“封样”" in second_seal["reason"] \
        and "already has a 'sealed' event" in second_seal["reason"]
    wrong_part = push_one(signed, 4, "TESTED", part="backup")
    assert wrong_part["code"] == "custody_invalid" and wrong_part["retry"] is False and "does not apply" in wrong_part["reason"]
    no_part = push_one(signed, 4, "SHIPPED", part="lid")
    assert no_part["code"] == "custody_invalid" and "Unknown sample part: lid" in no_part["reason"]
    no_data = push_one(signed, 4, "SHIPPED", data={})
    assert no_data["code"] == "custody_invalid" and "Required detail missing: method" in no_data["reason"]
    tested = custody_chain(sample, ("SHIPPED", "LAB_RECEIVED", "TESTED"), prev_hash=signed["hash"], seq=4, device_id="laptop-a")
    assert [r["status"] for r in a.push([change("custody_event", e, op="append") for e in tested])] == ["applied"] * 3
    bad_date = push_one(tested[-1], 7, "RESULT_SERVED", data={"to": "王芳", "method": "post", "served_on": "soon"})
    assert bad_date["code"] == "bad_payload" and bad_date["retry"] is False and "soon" in bad_date["reason"]
    rest = custody_chain(sample, ("RESULT_SERVED", "DISPOSED"), prev_hash=tested[-1]["hash"], seq=7, device_id="laptop-a")
    assert [r["status"] for r in a.push([change("custody_event", e, op="append") for e in rest])] == ["applied"] * 2
    after_disposal = push_one(rest[-1], 9, "SHIPPED")
    assert after_disposal["code"] == "custody_order" and "has been disposed of; nothing can follow" in after_disposal["reason"]
    assert any_server.stats()["custody_events"] == 12


def test_custody_fork_is_checked_against_its_own_branch(any_server):
    """A second laptop's event after an earlier point is judged by the events up to that point: a
    possible step there is kept as a conflict, an impossible one is refused."""
    a = Api(any_server, "insp1", device_id="laptop-a")
    b = Api(any_server, "insp2", device_id="laptop-b")
    task = a.my_tasks()[0]
    sample = sample_row(task)
    main = custody_chain(sample, ("DRAWN", "SEALED", "SIGNED", "BACKUP_STORED"), device_id="laptop-a")
    assert [r["status"] for r in a.push([change("sample", sample)] + [change("custody_event", e, op="append") for e in main])] \
        == ["applied"] * 5
    # after SIGNED, laptop B ships the test sample while A stored the backup: allowed on B's branch
    shipped_b = custody_event(sample, main[2]["hash"], 4, event_type="SHIPPED", part="test", device_id="laptop-b")
    # after SEALED, B stores the backup before signing: not allowed on B's branch
    stored_b = custody_event(sample, main[1]["hash"], 3, event_type="BACKUP_STORED", device_id="laptop-b")
    # B's branch continues in the same batch: received by the lab after B's own SHIPPED
    received_b = custody_event(sample, shipped_b["hash"], 5, event_type="LAB_RECEIVED", part="test", device_id="laptop-b")
    results = b.push([change("custody_event", e, op="append") for e in (shipped_b, stored_b, received_b)])
    assert [r["status"] for r in results] == ["conflict", "rejected", "conflict"]
    assert results[1]["code"] == "custody_order" and "签署抽样单" in results[1]["reason"]
    # A's main chain is judged on its own: the test sample was not shipped there
    early = custody_event(sample, main[3]["hash"], 5, event_type="LAB_RECEIVED", part="test", device_id="laptop-a")
    r = a.push([change("custody_event", early, op="append")])[0]
    assert r["code"] == "custody_order" and "寄送/送样" in r["reason"]
    again = b.push([change("custody_event", shipped_b, op="append")])[0]
    assert again["status"] == "duplicate"
    stats = any_server.stats()
    assert stats["custody_events"] == 6 and stats["conflicts"] == 2


def test_demo_custody_histories_are_accepted(any_server, demo_store):
    """Every history of the demo workspace (all stages, production / retail / online samples),
    pushed as the client's outbox holds it, passes the server's order check."""
    db = demo_store.read()
    rows = db.execute("SELECT change_id, entity, entity_id, op, payload, blobs FROM outbox"
                      " WHERE entity IN ('sample', 'custody_event') ORDER BY seq").fetchall()
    changes = [{"change_id": cid, "entity": entity, "entity_id": eid, "op": op, "base_version": None,
                "payload": json.loads(payload), "blobs": json.loads(blobs)} for cid, entity, eid, op, payload, blobs in rows]
    modes = {c["payload"]["mode"] for c in changes if c["entity"] == "sample"}
    assert modes == {"production", "retail", "online"}
    events = [c for c in changes if c["entity"] == "custody_event"]
    assert len(events) > 60 and {"DISPOSED", "RETESTED", "PRODUCER_CONFIRMATION", "UNPACKED"} <= {e["payload"]["type"] for e in events}
    supervisor = Api(any_server, "super1", device_id="demo-laptop")
    results = []
    for i in range(0, len(changes), 100):
        results += supervisor.push(changes[i:i + 100])
    refused = [(c["payload"].get("type"), r["reason"]) for c, r in zip(changes, results) if r["status"] != "applied"]
    assert refused == []
    assert any_server.stats()["custody_events"] == len(events)
