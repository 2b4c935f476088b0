"""State machine orders, validation at entry, finalization/immutability, deadlines, pre-check."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from inspector_app.custody import deadlines, machine, precheck, records, service, site_records
from inspector_app.evidence.signatures import SignatureRecord
from inspector_app.domain.errors import StateError, ValidationError
from inspector_app.domain.ids import format_utc
from inspector_app.i18n import in_language, language, set_language
from tests.custody_helpers import complete_data, courier_ship, make_task, receive, signed_sample, signers


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def add(store, sample_id, etype, part="both", **kw):
    return store.write_sync(lambda t: service.append_event(t, sample_id, etype, part, **kw))


def test_lab_receipt_before_shipping_names_the_missing_step(store):
    sample = signed_sample(store)
    with pytest.raises(StateError) as info:
        receive(store, sample["id"])
    assert "寄送" in str(info.value)
    set_language("en")
    with pytest.raises(StateError) as info:
        receive(store, sample["id"])
    assert "shipped" in str(info.value) and "missing" in str(info.value)


def test_a_refusal_in_another_language_for_this_thread_only():
    """The server renders one refusal in both languages (in_language), without changing the
    language other threads use."""
    import threading

    state = machine.fold([], "production")
    other: dict[str, str] = {}

    def in_other_thread():
        try:
            machine.check(state, "SEALED", "both")
        except StateError as error:
            other["message"] = error.message

    with in_language("en"):
        thread = threading.Thread(target=in_other_thread)
        thread.start()
        thread.join()
        with pytest.raises(StateError) as info:
            machine.check(state, "SEALED", "both")
    assert info.value.message == "Not allowed in this order: the test sample is missing the step 'sample drawn'."
    assert other["message"] == "顺序不允许：检验样缺少前一步“抽取样品”。"
    assert language() == "zh_CN"


def test_events_before_finalizing_are_refused(store):
    task = make_task(store)
    draft = store.write_sync(lambda t: records.new_sample(t, task, "production", data=complete_data("production")))
    with pytest.raises(StateError, match="签署定稿"):
        courier_ship(store, draft["id"])


def test_retest_needs_objection_and_confirmed_backup(store):
    sample = signed_sample(store)
    sid = sample["id"]
    courier_ship(store, sid)
    receive(store, sid)
    with pytest.raises(StateError, match="提出异议"):
        add(store, sid, "RETESTED", "backup", data={"report_no": "R-2", "conclusion": "合格"})
    add(store, sid, "TESTED", "test", data={"report_no": "R-1", "conclusion": "不合格", "failing_items": ["导体电阻"]})
    served = dt.date.today() - dt.timedelta(days=2)
    add(store, sid, "RESULT_SERVED", "both", data={"to": "王强", "method": "in_person", "served_on": served.isoformat()})
    add(store, sid, "OBJECTION_FILED", "both", data={"filed_on": dt.date.today().isoformat(), "by": "王强"})
    with pytest.raises(StateError, match="复检备样确认"):
        add(store, sid, "RETESTED", "backup", data={"report_no": "R-2", "conclusion": "合格"})
    add(store, sid, "RETEST_SAMPLE_CONFIRMED", "backup", actors=[{"name": "张伟", "role": "sampler"}, {"name": "王强", "role": "enterprise_rep"}],
        data={"seals_checked": True})
    add(store, sid, "RETESTED", "backup", data={"report_no": "R-2", "conclusion": "合格"})
    add(store, sid, "DISPOSED", "both", data={"how": "returned"})
    with pytest.raises(StateError, match="已处置"):
        add(store, sid, "SHIPPED", "test", actors=[{"name": "张伟", "role": "sampler"}], data={"method": "by_hand"})
    row = records.fetch(store.read(), "sample", sid)
    assert row["custody_status"] == "disposed|disposed"


def test_late_objection_is_refused(store):
    sample = signed_sample(store)
    sid = sample["id"]
    courier_ship(store, sid)
    receive(store, sid)
    add(store, sid, "TESTED", "test", data={"report_no": "R-1", "conclusion": "不合格"})
    add(store, sid, "RESULT_SERVED", "both", data={"to": "王强", "method": "post", "served_on": "2026-03-02"})
    with pytest.raises(StateError, match="异议期限已于 2026-03-17"):
        add(store, sid, "OBJECTION_FILED", "both", data={"filed_on": "2026-03-20", "by": "王强"})


def test_rejected_at_lab_may_be_shipped_again(store):
    sample = signed_sample(store)
    sid = sample["id"]
    courier_ship(store, sid)
    with pytest.raises(ValidationError, match="原因"):
        store.write_sync(lambda t: service.append_event(t, sid, "LAB_RECEIVED", "both", actors=[{"name": "陈静", "role": "lab_receiver"}],
                                                        data={"seal_intact": False, "packaging_intact": True, "quantity_sufficient": True,
                                                              "state_normal": True, "documents_ok": True, "accepted": False}))
    receive(store, sid, accepted=False)
    assert records.fetch(store.read(), "sample", sid)["custody_status"] == "rejected|rejected"
    with pytest.raises(StateError):
        add(store, sid, "TESTED", "test", data={"report_no": "R-1", "conclusion": "合格"})
    courier_ship(store, sid)
    receive(store, sid)
    assert records.fetch(store.read(), "sample", sid)["custody_status"] == "at_lab|at_lab"


def test_allowed_actions_follow_the_machine(store):
    sample = signed_sample(store)
    state = service.state_of(store.read(), sample)
    offered = {(t.value, p.value) for t, p in machine.allowed(state)}
    assert ("SHIPPED", "both") in offered and ("BACKUP_STORED", "backup") in offered
    assert not any(t == "LAB_RECEIVED" for t, _ in offered)
    assert not any(t in ("DRAWN", "SEALED", "SIGNED") for t, _ in offered)


def test_producer_confirmation_only_for_retail_and_in_order(store):
    prod = signed_sample(store)
    with pytest.raises(StateError, match="生产现场"):
        add(store, prod["id"], "PRODUCER_CONFIRMATION", "both", data={"status": "sent"})
    retail = signed_sample(store, "retail", seals=("RT-1", "RT-2"))
    with pytest.raises(StateError, match="发送确认请求"):
        add(store, retail["id"], "PRODUCER_CONFIRMATION", "both", data={"status": "confirmed"})
    sent = add(store, retail["id"], "PRODUCER_CONFIRMATION", "both", data={"status": "sent"}, at="2026-03-02T02:00:00Z")
    due = [d for d in deadlines.derive([sent], "retail") if d.key == "producer_confirmation"][0]
    assert due.due == dt.date(2026, 3, 9) and due.open  # 5 working days after Monday 2 March


def test_deadlines_from_events():
    served = {"type": "RESULT_SERVED", "part": "both", "at": "2026-09-20T02:00:00Z", "data": {"served_on": "2026-09-20"}}
    tested = {"type": "TESTED", "part": "test", "at": "2026-09-10T02:00:00Z", "data": {"conclusion": "不合格"}}
    result = {d.key: d for d in deadlines.derive([tested, served], "online")}
    assert result["objection"].due == dt.date(2026, 10, 8)  # 15 days → 5 Oct, a holiday: rolls to the next working day
    assert result["backup_retention"].due == dt.date(2027, 3, 10)  # fail: 6 months
    assert result["online_result_notice"].open is False
    filed = {"type": "OBJECTION_FILED", "part": "both", "at": "2026-09-25T02:00:00Z", "data": {"filed_on": "2026-09-24"}}
    result = {d.key: d for d in deadlines.derive([tested, served, filed], "online")}
    assert result["objection"].open is False and result["objection_decision"].due == dt.date(2026, 9, 30)  # 25–27 Sep are holidays
    assert deadlines.objection_open_until([served], today=dt.date(2026, 9, 30)) == dt.date(2026, 10, 8)
    assert deadlines.objection_open_until([served], today=dt.date(2026, 10, 9)) is None


def _issues(store, task, mode="production", **changes):
    def write(t):
        row = records.new_sample(t, task, mode, data=complete_data(mode, seals=(f"V-{mode}-1", f"V-{mode}-2")))
        data = records.fetch(t.db, "sample", row["id"])["data"]
        for path, value in changes.items():
            target = data
            keys = path.split("__")
            for k in keys[:-1]:
                target = target.setdefault(k, {})
            target[keys[-1]] = value
        return row["id"], records.save_draft(t, row["id"], data, sampled_at=changes.pop("_at", format_utc(dt.datetime.now(dt.timezone.utc))))
    return store.write_sync(write)


def paths(issues):
    return {i.path for i in issues if i.severity == "error"}


def test_validation_at_entry(store):
    task = make_task(store)
    _, issues = _issues(store, task)
    assert paths(issues) == set()
    _, issues = _issues(store, task, producer__uscc="91370102MA3C4E5F60")
    assert "producer.uscc" in paths(issues)
    assert any("第18位应为" in i.message for i in issues)
    _, issues = _issues(store, task, certificate__number="XK06-1-123")
    assert "certificate.number" in paths(issues)
    _, issues = _issues(store, task, lot_size={"amount": 3, "unit": "卷"})
    assert "lot_size" in paths(issues)
    _, issues = _issues(store, task, quantity={"amount": -1, "unit": "卷"})
    assert "quantity" in paths(issues)
    _, issues = _issues(store, task, samplers=[{"name": "张伟", "cert_no": "37010220230117"}])
    assert "samplers" in paths(issues)
    _, issues = _issues(store, task, samplers=[{"name": "张伟", "cert_no": "1"}, {"name": "李娜", "cert_no": ""}])
    assert "samplers.1.cert_no" in paths(issues)
    _, issues = _issues(store, task, pre_check={"two_samplers": False})
    assert "pre_check" in paths(issues)


def test_sampling_time_not_in_future_with_tolerance(store):
    task = make_task(store)
    now = dt.datetime.now(dt.timezone.utc)
    for minutes, bad in ((5, False), (60, True)):
        def write(t, minutes=minutes):
            row = records.new_sample(t, task, "production", data=complete_data("production", seals=(f"T{minutes}a", f"T{minutes}b")))
            return records.save_draft(t, row["id"], records.fetch(t.db, "sample", row["id"])["data"],
                                      sampled_at=format_utc(now + dt.timedelta(minutes=minutes)))
        assert ("sampled_at" in paths(store.write_sync(write))) is bad


def test_seal_numbers_unique_in_workspace(store):
    first = signed_sample(store, seals=("S-100", "S-101"))
    task = make_task(store, enterprise_name="济南鑫源电缆有限公司")

    def write(t):
        row = records.new_sample(t, task, "production", data=complete_data("production", seals=("s-101", "S-102")))
        return row, records.save_draft(t, row["id"], records.fetch(t.db, "sample", row["id"])["data"],
                                       sampled_at=format_utc(dt.datetime.now(dt.timezone.utc)))
    row, issues = store.write_sync(write)
    clash = [i for i in issues if i.path.startswith("seal.taken")]
    assert clash and first["number"] in clash[0].message
    assert records.fetch(store.read(), "sample", row["id"])["data"]["seal"]["seal_numbers"]["test"] == ["s-101"]  # kept as typed
    with pytest.raises(ValidationError):
        store.write_sync(lambda t: records.finalize(t, row["id"], signers()))


def test_online_needs_unpacking_photos_before_sealing(store):
    task = make_task(store)
    _, issues = _issues(store, task, "online")
    assert {"attachments.unpacking", "attachments.receipt"} <= paths(issues)


def test_finalized_record_is_immutable_and_amended_with_countersignatures(store):
    sample = signed_sample(store, refuse=True)
    assert sample["state"] == "finalized" and len(sample["content_hash"]) == 64
    events = service.events_of(store.read(), sample["id"])
    assert events[0]["prev_hash"] == sample["content_hash"]
    assert events[-1]["type"] == "SIGN_REFUSED" and events[-1]["data"]["witness"]["name"] == "赵敏"
    with pytest.raises(StateError):
        store.write_sync(lambda t: records.save_draft(t, sample["id"], sample["data"]))
    with pytest.raises(sqlite3.IntegrityError):
        store.write_sync(lambda t: t.db.execute("UPDATE sample SET data = '{}' WHERE id = ?", [sample["id"]]))
    amendment = store.write_sync(lambda t: records.create_amendment(t, sample["id"]))
    data = amendment["data"] if isinstance(amendment["data"], dict) else records.fetch(store.read(), "sample", amendment["id"])["data"]
    data["product"]["model"] = "BV 4mm²"
    store.write_sync(lambda t: records.save_draft(t, amendment["id"], data))
    with pytest.raises(ValidationError, match="双方签字"):
        store.write_sync(lambda t: records.finalize(t, amendment["id"], signers(refuse=True)))
    final = store.write_sync(lambda t: records.finalize(t, amendment["id"], signers()))
    assert final["amends_id"] == sample["id"] and final["state"] == "finalized"
    assert records.effective(store.read(), sample["id"])["data"]["product"]["model"] == "BV 4mm²"
    assert len(service.events_of(store.read(), sample["id"])) == len(events)  # the chain is untouched


def test_finalize_needs_two_sampler_signatures(store):
    task = make_task(store)
    row, issues = _issues(store, task)
    with pytest.raises(ValidationError, match="2 名抽样人员"):
        store.write_sync(lambda t: records.finalize(t, row, signers()[1:]))
    with pytest.raises(ValidationError, match="见证人"):
        store.write_sync(lambda t: records.finalize(t, row, signers()[:2] + [SignatureRecord("王强", "party", refused=True, refusal_reason="不签")]))


def test_precheck_outcomes():
    ok = {c.id: True for c in precheck.CONDITIONS}
    assert precheck.evaluate("production", ok).action == "proceed"
    assert precheck.evaluate("production", {**ok, "no_fee": False, "party_cooperates": False}).action == "fix"
    assert precheck.evaluate("production", {**ok, "party_cooperates": False}).action == "refusal"
    outcome = precheck.evaluate("production", {**ok, "not_export_only": False})
    assert outcome.action == "no_sample" and "出口" in outcome.reason_text()
    assert precheck.evaluate("online", {"product_matches": True, "not_export_only": True, "not_trial": True}).action == "proceed"
    assert precheck.evaluate("production", {"two_samplers": True}).action == "incomplete"


def test_refusal_is_urgent_and_pushed_first(store):
    task = make_task(store)
    rec = store.write_sync(lambda t: site_records.new_site_record(t, task, "refusal"))
    assert rec["urgent"] == 1
    data = records.fetch(store.read(), "site_record", rec["id"])["data"]
    problems = store.write_sync(lambda t: site_records.save_draft(t, rec["id"], data))
    assert {"what_happened", "bureau_opinion", "evidence_note"} <= {p for p, _ in problems}
    data.update(what_happened="企业负责人拒绝抽样并要求离开", bureau_opinion="认定为拒检", evidence_note="执法记录仪录像 1 段")
    store.write_sync(lambda t: site_records.save_draft(t, rec["id"], data))
    final = store.write_sync(lambda t: site_records.finalize(t, rec["id"], signers(refuse=True)))
    assert final["state"] == "finalized" and final["content_hash"]
    store.write_sync(lambda t: t.record_change("inspection", "x", "insert", {}, base_version=None, priority=90))
    first = store.read().execute("SELECT entity, priority FROM outbox WHERE status = 'pending' ORDER BY priority DESC, seq LIMIT 1").fetchone()
    assert first == ("site_record", site_records.URGENT_PRIORITY)
    with pytest.raises(sqlite3.IntegrityError):
        store.write_sync(lambda t: t.db.execute("UPDATE site_record SET data = '{}' WHERE id = ?", [rec["id"]]))


def test_no_sample_record(store):
    task = make_task(store)
    rec = store.write_sync(lambda t: site_records.new_site_record(t, task, "no_sample", {"reason": "产品专供出口"}))
    data = records.fetch(store.read(), "site_record", rec["id"])["data"]
    assert data["licence_number"] == "鲁XK06-001-00123" and rec["urgent"] == 0
    problems = store.write_sync(lambda t: site_records.save_draft(t, rec["id"], data))
    assert "sales_past_year" in {p for p, _ in problems}


def test_status_is_recomputed_for_synced_events(store):
    sample = signed_sample(store)
    courier_ship(store, sample["id"])
    store.write_sync(lambda t: t.db.execute("UPDATE sample SET custody_status = 'drawn|drawn' WHERE id = ?", [sample["id"]]))
    assert store.write_sync(lambda t: service.refresh_status(t, sample["id"])) == "shipped|shipped"


@pytest.mark.parametrize("etype, part, data, missing", [
    ("TESTED", "test", {"report_no": "R", "conclusion": "合格"}, "寄送/送样"),
    ("BLIND_CODED", "test", {"blind_code": "B"}, "寄送/送样"),
    ("RESULT_SERVED", "both", {"to": "王强", "method": "post", "served_on": "2026-03-01"}, "寄送/送样"),
    ("OBJECTION_FILED", "both", {"filed_on": "2026-03-01", "by": "王强"}, "送达检验结果"),
    ("RETEST_SAMPLE_CONFIRMED", "backup", {"seals_checked": True}, "提出异议"),
    ("RETESTED", "backup", {"report_no": "R", "conclusion": "合格"}, "提出异议"),
    ("DISPOSED", "test", {"how": "destroyed"}, "检验完成"),
    ("DISPOSED", "backup", {"how": "returned"}, "检验完成"),
])
def test_wrong_orders_name_the_missing_step(store, etype, part, data, missing):
    sample = signed_sample(store)
    with pytest.raises(StateError) as info:
        add(store, sample["id"], etype, part, data=data, actors=[{"name": "张伟", "role": "sampler"}, {"name": "王强", "role": "enterprise_rep"}])
    assert missing in str(info.value)
    assert len(service.events_of(store.read(), sample["id"])) == 3  # nothing was appended


def test_seal_and_draw_cannot_repeat_or_precede_the_record(store):
    sample = signed_sample(store)
    with pytest.raises(StateError, match="已记录过"):
        add(store, sample["id"], "SEALED", "test", data={"seals": {"test": ["X"]}}, actors=[{"name": "张伟", "role": "sampler"}])
    with pytest.raises(StateError, match="已签署"):
        add(store, sample["id"], "SIGNED", "both", data={"signers": ["张伟"]}, actors=[{"name": "张伟", "role": "sampler"}])
