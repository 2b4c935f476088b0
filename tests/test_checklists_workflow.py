"""The inspection workflow on a real SQLite workspace: start, autosave answers, validate,
finalize (hash, immutability), amend, template version pinning, drafts after a restart."""

from __future__ import annotations

import copy
import sqlite3

import pytest

from inspector_app import checklists as cl
from inspector_app.checklists import workflow
from inspector_app.domain.errors import StateError, ValidationError
from inspector_app.domain.hashing import content_hash
from inspector_app.store import open_store
from inspector_app.store.reference import fetch
from tests.conftest_checklists import add_photo, fill_all, make_workspace, outbox_count, write_template, ws  # noqa: F401


def test_start_pins_the_template_and_is_idempotent(ws):
    iid = ws.write_sync(cl.start_inspection, "task-routine", place="一号车间")
    again = ws.write_sync(cl.start_inspection, "task-routine")
    assert again == iid
    row = fetch(ws.read(), "inspection", iid)
    assert (row["template_id"], row["template_version"], row["state"]) == ("routine_inspection", "2026.1", "draft")
    assert row["place"] == "一号车间" and row["inspector_ids"] == list(ws.inspector_ids)
    assert row["data"]["party"]["name"] == "济南示例电器有限公司"
    stored = ws.read().execute("SELECT sha256 FROM checklist_template WHERE id = 'routine_inspection'").fetchone()
    assert stored[0] == cl.catalog().get("routine_inspection").sha256
    assert fetch(ws.read(), "task", "task-routine")["state"] == "in_progress"


@pytest.mark.parametrize("task_id, template_id", [
    ("task-spot_check", "spot_check_sampling"), ("task-post_licence", "post_licence_check"),
    ("task-post_ccc", "ccc_post_certification"), ("task-responsibility", "quality_safety_responsibility"),
    ("task-special", "routine_inspection"), ("task-recheck", "routine_inspection"),
])
def test_task_type_selects_the_template(ws, task_id, template_id):
    iid = ws.write_sync(cl.start_inspection, task_id)
    assert cl.open_inspection(ws.read(), iid).template.id == template_id


def test_every_change_is_one_small_write_and_bad_values_are_refused(ws):
    iid = ws.write_sync(cl.start_inspection, "task-routine")
    before = outbox_count(ws)
    ws.write_sync(cl.set_answer, iid, "party_role", value=["producer"])
    ws.write_sync(cl.set_answer, iid, "business_licence", result="不符合")
    ws.write_sync(cl.set_answer, iid, "business_licence", note="营业执照")
    ws.write_sync(cl.set_answer, iid, "business_licence", note="营业执照已过期")
    ws.write_sync(cl.set_answer, iid, "business_licence", note="营业执照已过期")  # unchanged: no write
    assert outbox_count(ws) - before == 4
    answer = cl.open_inspection(ws.read(), iid).answer("business_licence")
    assert (answer.result, answer.note) == ("不符合", "营业执照已过期")
    for kwargs in ({"item_id": "party_role", "value": ["buyer"]}, {"item_id": "party_role", "value": "producer"},
                   {"item_id": "business_licence", "value": 3}, {"item_id": "hazard_found", "result": "符合"},
                   {"item_id": "business_licence", "result": "合格"}, {"item_id": "no_such_item", "result": "符合"},
                   {"item_id": "previous_problems", "value": "maybe"}):
        with pytest.raises(ValidationError):
            ws.write_sync(cl.set_answer, iid, **kwargs)
    assert outbox_count(ws) - before == 4  # refused changes leave nothing behind


def test_typed_values_are_checked(ws):
    iid = ws.write_sync(cl.start_inspection, "task-post_licence")
    for bad in (float("inf"), float("nan"), True, "12", [1]):
        with pytest.raises(ValidationError):
            ws.write_sync(cl.set_answer, iid, "batches_reviewed", value=bad)
    for bad in ("2026-1-1", "2026-02-30", 20261001):
        with pytest.raises(ValidationError):
            ws.write_sync(cl.set_answer, iid, "licence_valid_until", value=bad)
    ws.write_sync(cl.set_answer, iid, "batches_reviewed", value=2.5)
    ws.write_sync(cl.set_answer, iid, "licence_valid_until", value="2028-02-29")
    ws.write_sync(cl.set_answer, iid, "production_status", value="producing")
    session = cl.open_inspection(ws.read(), iid)
    assert session.answer("batches_reviewed").value == 2.5
    assert session.evaluator.value("licence_valid_until").isoformat() == "2028-02-29"
    ws.write_sync(cl.set_answer, iid, "batches_reviewed", value=None)  # clearing is allowed
    assert cl.open_inspection(ws.read(), iid).answer("batches_reviewed").value is None


def test_validation_lists_every_problem_in_order_and_blocks_finalize(ws):
    iid = ws.write_sync(cl.start_inspection, "task-routine", inspector_ids=[ws.inspector_ids[0]])
    ws.write_sync(cl.set_answer, iid, "party_role", value=["producer"])
    ws.write_sync(cl.set_answer, iid, "no_obsolete", result="不符合")
    issues = cl.open_inspection(ws.read(), iid).validate()
    assert issues[0].field == "inspector_ids"
    item_issues = [(i.item_id, i.code) for i in issues[1:]]
    assert ("no_obsolete", "facts_missing") in item_issues and ("no_obsolete", "photo_missing") in item_issues
    order = [i.id for i in cl.catalog().get("routine_inspection").items]
    assert [i for i, _ in item_issues] == sorted((i for i, _ in item_issues), key=order.index)
    with pytest.raises(cl.FinalizeBlocked) as info:
        ws.write_sync(cl.finalize, iid)
    assert [(i.item_id, i.code) for i in info.value.issues] == [(i.item_id, i.code) for i in issues]
    assert "未生产国家明令淘汰的产品 [no_obsolete]: 判定“不符合”时必须写明事实" in str(info.value)
    assert fetch(ws.read(), "inspection", iid)["state"] == "draft"


def test_finalize_hashes_and_locks_the_record(ws):
    iid = ws.write_sync(cl.start_inspection, "task-routine")
    ws.write_sync(cl.set_answer, iid, "party_role", value=["producer", "seller"])
    ws.write_sync(cl.set_answer, iid, "no_false_marks", result="不符合", note="仓库内发现冒用 CCC 标志的插座 120 只")
    add_photo(ws, iid, "no_false_marks", seed=99)
    draft = cl.open_inspection(ws.read(), iid).findings_text()
    assert draft.startswith("1. 未伪造或冒用认证标志等质量标志（依据：《中华人民共和国产品质量法》第三十一条）：仓库内发现冒用")
    ws.write_sync(cl.update_header, iid, findings=draft, party_statement="无异议。")
    fill_all(ws, iid)
    final = ws.write_sync(cl.finalize, iid)
    row = fetch(ws.read(), "inspection", iid)
    assert row["state"] == "finalized" and row["finalized_at"] and row["ended_at"]
    assert row["content_hash"] == final["content_hash"] == content_hash(cl.inspection_record(ws.read(), iid))
    assert cl.verify_inspection(ws.read(), iid)
    assert row["score"] is not None and row["score"] < 100
    assert row["data"]["result_summary"]["key_failures"] == ["no_false_marks"]
    shown = [i.id for i in cl.open_inspection(ws.read(), iid).visible_items()]
    assert "no_false_marks" in shown and "seller_no_fakes" in shown and "hazard_description" not in shown
    record = cl.inspection_record(ws.read(), iid)
    assert record["inspection"]["template_sha256"] == cl.catalog().get("routine_inspection").sha256
    assert any(e["item_id"] == "no_false_marks" for e in record["evidence"])
    assert any(a["item_id"] == "no_false_marks" and a["result"] == "不符合" for a in record["answers"])
    outbox = ws.read().execute("SELECT op, blobs FROM outbox WHERE entity = 'inspection' AND entity_id = ? ORDER BY seq DESC", [iid]).fetchone()
    assert outbox[0] == "finalize" and len(outbox[1]) > 2

    # the application refuses …
    with pytest.raises(StateError):
        ws.write_sync(cl.set_answer, iid, "no_false_marks", result="符合")
    with pytest.raises(StateError):
        ws.write_sync(cl.update_header, iid, findings="改过的")
    with pytest.raises(StateError):
        ws.write_sync(cl.finalize, iid)
    # … and so does the database, whatever code tries
    for sql in ("UPDATE answer SET result = '符合' WHERE inspection_id = ?",
                "DELETE FROM answer WHERE inspection_id = ?",
                "INSERT INTO answer(id, inspection_id, item_id, created_at, updated_at) VALUES ('x', ?, 'extra', '', '')",
                "UPDATE inspection SET findings = 'x' WHERE id = ?"):
        with pytest.raises(sqlite3.IntegrityError):
            ws.write_sync(lambda txn, sql=sql: txn.db.execute(sql, [iid]))
    assert cl.verify_inspection(ws.read(), iid)


def test_amendment_references_the_original_and_copies_answers(ws):
    iid = ws.write_sync(cl.start_inspection, "task-routine")
    fill_all(ws, iid)
    ws.write_sync(cl.finalize, iid)
    original_hash = fetch(ws.read(), "inspection", iid)["content_hash"]
    with pytest.raises(ValidationError):
        ws.write_sync(cl.amend, iid, reason="  ")
    aid = ws.write_sync(cl.amend, iid, reason="现场照片对应项目有误")
    assert ws.write_sync(cl.amend, iid, reason="again") == aid  # one open amendment at a time
    amendment = cl.open_inspection(ws.read(), aid)
    assert amendment.editable and amendment.row["amends_id"] == iid
    assert amendment.row["data"]["amendment"]["amends_hash"] == original_hash
    original = cl.open_inspection(ws.read(), iid)
    assert {k: (a.result, a.value) for k, a in amendment.evaluator.answers.items()} == \
           {k: (a.result, a.value) for k, a in original.evaluator.answers.items()}
    assert amendment.evaluator.photos == original.evaluator.photos
    assert amendment.evaluator.issues() == [i for i in amendment.evaluator.issues() if i.code == "missing" and i.item_id.endswith("signature")]
    ws.write_sync(cl.set_answer, aid, "business_licence", result="不适用")
    fill_all(ws, aid)
    ws.write_sync(cl.finalize, aid)
    assert cl.verify_inspection(ws.read(), aid) and cl.verify_inspection(ws.read(), iid)
    assert fetch(ws.read(), "inspection", iid)["content_hash"] == original_hash
    with pytest.raises(StateError):
        ws.write_sync(cl.amend, ws.write_sync(cl.start_inspection, "task-routine-2"), reason="草稿")


MINI = {
    "format": 1, "id": "mini_check", "version": "1", "title": {"zh_CN": "小检查", "en": "Mini check"}, "task_types": ["routine"],
    "sections": [{"id": "only", "title": {"zh_CN": "唯一", "en": "Only"}, "items": [
        {"id": "old_item", "type": "result", "label": {"zh_CN": "旧项目", "en": "Old item"}, "basis": "《产品质量法》第二十七条",
         "nonconformity": False},
        {"id": "count", "type": "number", "label": {"zh_CN": "数量", "en": "Count"}, "unit": "件"},
    ]}],
}


def test_finished_inspection_keeps_its_template_version(tmp_path):
    store = make_workspace(tmp_path / "ws")
    forms = tmp_path / "forms"
    try:
        write_template(forms, MINI)
        templates = cl.Catalog(cl.load_templates(forms))
        iid = store.write_sync(cl.start_inspection, "task-routine", template=templates.get("mini_check"))
        store.write_sync(cl.set_answer, iid, "old_item", result="符合")
        store.write_sync(cl.finalize, iid)

        # the file is edited without raising the version: refused, nothing silently mixed
        edited = copy.deepcopy(MINI)
        edited["sections"][0]["items"][0]["label"]["zh_CN"] = "改名的项目"
        write_template(forms, edited)
        templates = cl.Catalog(cl.load_templates(forms))
        with pytest.raises(ValidationError) as info:
            store.write_sync(cl.start_inspection, "task-routine-2", template=templates.get("mini_check"))
        assert info.value.code == "template_changed"

        # version 2 drops the old item; new inspections use it, the finished one still shows version 1
        v2 = copy.deepcopy(MINI)
        v2["version"] = "2"
        v2["sections"][0]["items"] = v2["sections"][0]["items"][1:]
        write_template(forms, v2)
        templates = cl.Catalog(cl.load_templates(forms))
        new_id = store.write_sync(cl.start_inspection, "task-routine-2", template=templates.get("mini_check"))
        assert cl.open_inspection(store.read(), new_id).template.version == "2"
        workflow._pinned.clear()  # as after a restart: read from the workspace, not memory
        old = cl.open_inspection(store.read(), iid)
        assert old.template.version == "1" and old.template.item("old_item").label() == "旧项目"
        assert old.answer("old_item").result == "符合"
        assert cl.verify_inspection(store.read(), iid)
        with pytest.raises(sqlite3.IntegrityError):
            store.write_sync(lambda txn: txn.db.execute("UPDATE checklist_template SET body = '{}'"))
    finally:
        store.close()


def test_drafts_are_offered_again_after_a_restart(tmp_path):
    root = tmp_path / "ws"
    store = make_workspace(root)
    first = store.write_sync(cl.start_inspection, "task-routine")
    second = store.write_sync(cl.start_inspection, "task-post_ccc")
    done = store.write_sync(cl.start_inspection, "task-routine-2")
    fill_all(store, done)
    store.write_sync(cl.finalize, done)
    store.write_sync(cl.set_answer, first, "party_role", value=["seller"])  # touched last
    store.close()

    store = open_store(root)
    try:
        drafts = cl.list_drafts(store.read())
        assert [d["id"] for d in drafts] == [first, second]
        assert drafts[0]["enterprise_name"] == "济南示例电器有限公司"
        assert drafts[0]["template_title"] == "产品质量日常监督检查表"
        assert drafts[0]["answered"] == 1 and drafts[0]["total"] > 1
        assert cl.open_inspection(store.read(), first).answer("party_role").value == ["seller"]
    finally:
        store.close()


def test_demo_workspace_has_half_filled_drafts(demo_store):
    drafts = cl.list_drafts(demo_store.read())
    assert drafts and all(0 < d["answered"] < d["total"] for d in drafts)
    for draft in drafts:
        session = cl.open_inspection(demo_store.read(), draft["id"])
        assert session.editable and session.validate()  # unfinished on purpose: photos and signatures missing
