"""pytest-qt: a sample through the GUI from the pre-sampling check to lab receipt (production
site and online purchase), a refusal, the scan/jump box, validation at entry, offered actions."""

from __future__ import annotations

import pytest

from inspector_app.custody import service
from inspector_app.custody.verify import verify_sample
from inspector_app.store.reference import fetch
from tests.custody_helpers import jpeg, make_task, signed_sample

pytest.importorskip("PySide6")


@pytest.fixture
def tab(store, qtbot):
    from inspector_app.ui.sample_tab import SamplesTab

    make_task(store)
    widget = SamplesTab(store)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    qtbot.waitUntil(lambda: widget.worker.in_flight == 0)
    return widget


def task_id(store):
    return store.read().execute("SELECT id FROM task ORDER BY created_at LIMIT 1").fetchone()[0]


def click(qtbot, widget):
    from PySide6.QtCore import Qt

    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def start(tab, qtbot, store, mode):
    from PySide6.QtWidgets import QPushButton

    dialog = tab.start_new(task_id(store), mode)
    assert not dialog.start.isVisibleTo(dialog)
    dialog.answer_all_yes()
    assert dialog.outcome.action == "proceed" and dialog.start.isVisibleTo(dialog)
    click(qtbot, dialog.findChild(QPushButton, "start_sampling"))
    qtbot.waitUntil(lambda: tab.form is not None and tab.right.currentWidget() is tab.form, timeout=10000)
    return tab.form


def settle(form, qtbot):
    qtbot.waitUntil(lambda: form.autosaver.idle and form.worker.in_flight == 0, timeout=10000)


def fill_common(form, qtbot, seals):
    form.set_field("product.batch", "20260301")
    form.set_field("product.model", "BV 2.5mm²")
    form.set_field("lot_size.amount", "300")
    form.set_field("seal.state", "已封样")
    form.set_field("seal.seal_numbers.test", seals[0])
    form.set_field("seal.seal_numbers.backup", seals[1])
    form.set_field("seal.backup_location", "企业成品库")
    settle(form, qtbot)


def sign_record(tab, form, qtbot, refuse=False):
    from PySide6.QtWidgets import QDialogButtonBox

    assert form.sign_button.isEnabled(), [i.message for i in form.issues if i.severity == "error"]
    click(qtbot, form.sign_button)
    dialog = form.sign_dialog
    dialog.sign_all()
    dialog.party_name.setText("王强")
    if refuse:
        dialog.party_refused.setChecked(True)
        dialog.refusal_reason.setText("不认可抽样")
        dialog.witness_name.setText("赵敏")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: tab.right.currentWidget() is tab.detail and tab.detail.detail is not None
                    and tab.detail.detail["sample"]["state"] == "finalized", timeout=10000)
    # every signature drawn on the pads is stored as evidence (PNG + strokes); a refusal has none
    sample_id = form.sample["id"]
    rows = tab.store.read().execute("SELECT signer_role, refused, image_sha256, strokes_sha256 FROM signature"
                                    " WHERE owner_kind = 'sample' AND owner_id = ?", [sample_id]).fetchall()
    for role, refused, image, strokes in rows:
        assert bool(image) == bool(strokes) == (not refused), (role, refused)
        if image:
            assert tab.store.read().execute("SELECT kind FROM blob WHERE sha256 = ?", [image]).fetchone()[0] == "signature"
    assert sum(1 for r in rows if r[2]) >= 2


def ship_and_receive(tab, qtbot, store):
    from PySide6.QtWidgets import QDialogButtonBox

    detail = tab.detail
    assert ("LAB_RECEIVED", "both") not in detail.buttons  # not offered before shipping
    sid = detail.detail["sample"]["id"]
    click(qtbot, detail.buttons[("SHIPPED", "both")])
    dialog = tab.action_dialog
    dialog.fields["destination"].setText("山东省产品质量检验研究院")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: ("LAB_RECEIVED", "both") in tab.detail.buttons, timeout=10000)
    click(qtbot, tab.detail.buttons[("LAB_RECEIVED", "both")])
    handover = tab.action_dialog
    handover.set_all_checks(True)
    handover.accept_radio.setChecked(True)
    handover.receiver.setText("陈静")
    handover.receiver_id.setText("LAB-0042")
    ok = handover.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert "签字" in handover.error.text()  # the receiver must sign
    handover.receiver_signed.sign_for_demo("陈静")
    ok.click()
    qtbot.waitUntil(lambda: fetch(store.read(), "sample", sid)["custody_status"] == "at_lab|at_lab", timeout=10000)
    # the receiver's drawn signature is stored with the LAB_RECEIVED event
    signed = store.read().execute("SELECT s.image_sha256 FROM signature s JOIN custody_event e ON e.id = s.owner_id"
                                  " WHERE s.owner_kind = 'custody_event' AND e.type = 'LAB_RECEIVED' AND s.signer_role = 'lab_receiver'").fetchall()
    assert signed and all(row[0] for row in signed)
    qtbot.waitUntil(lambda: tab.worker.in_flight == 0 and tab.detail.timeline.card_count == len(service.events_of(store.read(), sid)))
    assert "校验通过" in tab.detail.timeline.banner.text()
    events = service.events_of(store.read(), sid)
    received = events[-1]
    assert received["type"] == "LAB_RECEIVED" and received["data"]["accepted"] is True
    assert received["data"]["signature_ids"] and any(a["role"] == "lab_receiver" for a in received["actors"])
    return sid


def test_production_sample_from_precheck_to_lab(tab, qtbot, store):
    form = start(tab, qtbot, store, "production")
    settle(form, qtbot)
    assert "seal.test" in form.error_paths() and not form.sign_button.isEnabled()
    fill_common(form, qtbot, ("GUI-T-1", "GUI-B-1"))
    assert form.error_paths() == set()
    sign_record(tab, form, qtbot)
    sid = ship_and_receive(tab, qtbot, store)
    sample = fetch(store.read(), "sample", sid)
    assert sample["data"]["lot_size"]["amount"] == 300 and sample["data"]["pre_check"]["party_cooperates"] is True
    assert verify_sample(store.read(), sample).ok
    assert [e["type"] for e in service.events_of(store.read(), sid)] == ["DRAWN", "SEALED", "SIGNED", "SHIPPED", "LAB_RECEIVED"]
    # the timeline shows each signature as the signed image with who signed, not only a name
    from PySide6.QtWidgets import QLabel

    qtbot.waitUntil(lambda: bool(tab.detail.timeline.findChildren(QLabel, "signature_image")), timeout=10000)
    images = tab.detail.timeline.findChildren(QLabel, "signature_image")
    captions = [label.text() for label in tab.detail.timeline.findChildren(QLabel, "signature_caption")]
    db = store.read()
    signed = db.execute("SELECT count(*) FROM signature WHERE owner_kind = 'sample' AND owner_id = ?", [sid]).fetchone()[0]
    signed += db.execute("SELECT count(*) FROM signature s JOIN custody_event e ON e.id = s.owner_id"
                         " WHERE s.owner_kind = 'custody_event' AND e.sample_id = ?", [sid]).fetchone()[0]
    assert len(images) == signed >= 3   # samplers and party on SIGNED, the receiver on LAB_RECEIVED
    assert all(label.pixmap() is not None and not label.pixmap().isNull() for label in images)
    assert any("接收人" in caption for caption in captions)


def test_online_purchase_from_precheck_to_lab(tab, qtbot, store, tmp_path):
    form = start(tab, qtbot, store, "online")
    assert "party_cooperates" not in tab.precheck_dialog.answers
    fill_common(form, qtbot, ("NET-T-1", "NET-B-1"))
    assert {"online.order_number", "attachments.receipt", "attachments.unpacking"} <= form.error_paths()
    for key, value in (("online.platform", "某东商城"), ("online.order_number", "JD2026030112345"), ("online.price", "89.5"),
                       ("producer.name", "苏州远东电缆有限公司"), ("certificate.type", "无")):
        form.set_field(key, value)
    receipt, unpack1, unpack2 = (tmp_path / f"{n}.jpg" for n in ("receipt", "unpack1", "unpack2"))
    receipt.write_bytes(jpeg((0, 128, 0)))
    unpack1.write_bytes(jpeg((0, 0, 128)))
    unpack2.write_bytes(jpeg((128, 0, 128)))
    form.add_photos("receipt", [str(receipt)])
    form.add_photos("unpacking", [str(unpack1), str(unpack2)])
    settle(form, qtbot)
    assert form.error_paths() == set(), form.error_paths()
    sign_record(tab, form, qtbot)
    sid = ship_and_receive(tab, qtbot, store)
    events = service.events_of(store.read(), sid)
    assert [e["type"] for e in events][:4] == ["PURCHASED", "UNPACKED", "DRAWN", "SEALED"]
    assert len(events[1]["evidence"]) == 2 and events[0]["data"]["order_number"] == "JD2026030112345"
    assert events[0]["data"]["price"] == 89.5


def test_refusal_through_the_gui(tab, qtbot, store):
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton

    from inspector_app.ui.sample_site_record import SiteRecordForm

    dialog = tab.start_new(task_id(store), "production")
    dialog.answer_all_yes()
    dialog.set_answer("no_fee", False)
    dialog.set_answer("party_cooperates", False)
    assert dialog.outcome.action == "fix" and not dialog.refusal.isVisibleTo(dialog)  # a lawful refusal: no 拒检
    dialog.set_answer("no_fee", True)
    assert dialog.refusal.isVisibleTo(dialog) and not dialog.start.isVisibleTo(dialog)
    click(qtbot, dialog.findChild(QPushButton, "to_refusal"))
    qtbot.waitUntil(lambda: isinstance(tab.form, SiteRecordForm), timeout=10000)
    form = tab.form
    assert not form.sign_button.isEnabled()
    form.set_field("what_happened", "企业负责人拒绝抽样，经告知法律后果后仍拒绝。")
    form.set_field("evidence_note", "执法记录仪视频 1 段")
    form.set_field("bureau_opinion", "认定为拒检")
    qtbot.waitUntil(lambda: form.sign_button.isEnabled() and form.autosaver.idle, timeout=10000)
    click(qtbot, form.sign_button)
    signer = form.sign_dialog
    signer.sign_all()
    signer.party_name.setText("王强")
    signer.party_refused.setChecked(True)
    signer.refusal_reason.setText("拒绝签字")
    signer.witness_name.setText("赵敏")
    signer.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: store.read().execute("SELECT state FROM site_record").fetchone()[0] == "finalized", timeout=10000)
    row = store.read().execute("SELECT kind, urgent, content_hash, data FROM site_record").fetchone()
    assert row[0] == "refusal" and row[1] == 1 and row[2]
    assert store.read().execute("SELECT count(*) FROM sample").fetchone()[0] == 0  # no sample instead
    top = store.read().execute("SELECT entity, priority FROM outbox WHERE status = 'pending' ORDER BY priority DESC, seq LIMIT 1").fetchone()
    assert top == ("site_record", 100)


def test_no_sample_record_from_the_precheck(tab, qtbot, store):
    from PySide6.QtWidgets import QPushButton

    dialog = tab.start_new(task_id(store), "production")
    dialog.answer_all_yes()
    dialog.set_answer("not_export_only", False)
    click(qtbot, dialog.findChild(QPushButton, "to_no_sample"))
    qtbot.waitUntil(lambda: store.read().execute("SELECT count(*) FROM site_record").fetchone()[0] == 1, timeout=10000)
    kind, data = store.read().execute("SELECT kind, json_extract(data, '$.reason') FROM site_record").fetchone()
    assert kind == "no_sample" and "出口" in data


def test_scan_seal_or_number_jumps_to_the_sample(store, qtbot):
    from inspector_app.ui.sample_tab import SamplesTab

    first = signed_sample(store, seals=("JMP-1", "JMP-2"))
    second = signed_sample(store, seals=("JMP-3", "JMP-4"))
    tab = SamplesTab(store)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    tab.jump_box.setText("jmp-2")
    tab.jump_box.returnPressed.emit()
    qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail["sample"]["id"] == first["id"], timeout=10000)
    tab.jump(second["number"])
    qtbot.waitUntil(lambda: tab.detail.detail["sample"]["id"] == second["id"], timeout=10000)
    from inspector_app.ui.rows_model import ROW_ROLE

    selected = tab.table.selectionModel().selectedRows()[0]
    assert tab.proxy.data(selected, ROW_ROLE)["id"] == second["id"]
    tab.jump("NOPE-404")
    qtbot.waitUntil(lambda: "NOPE-404" in tab.message.text())


def test_invalid_entry_is_marked_and_kept(tab, qtbot, store):
    form = start(tab, qtbot, store, "production")
    fill_common(form, qtbot, ("BAD-T", "BAD-B"))
    form.set_field("producer.uscc", "91370102MA3C4E5F60")
    form.set_field("quantity.amount", "两卷")
    settle(form, qtbot)
    assert {"producer.uscc", "quantity"} <= form.error_paths()
    assert "border" in form.widgets["producer.uscc"].styleSheet() and not form.sign_button.isEnabled()
    stored = fetch(store.read(), "sample", form.sample["id"])["data"]
    assert stored["producer"]["uscc"] == "91370102MA3C4E5F60" and stored["quantity"]["amount"] == "两卷"  # nothing typed is lost


def test_list_filters_by_stage_and_mode(store, qtbot):
    from inspector_app.ui.sample_tab import SamplesTab
    from tests.custody_helpers import courier_ship

    a = signed_sample(store, seals=("SEALQ-1", "SEALQ-2"))
    signed_sample(store, "retail", seals=("SEALQ-3", "SEALQ-4"))
    courier_ship(store, a["id"])
    tab = SamplesTab(store)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    tab.stage_filter.setCurrentIndex(tab.stage_filter.findData("shipped"))
    assert tab.proxy.rowCount() == 1, [(r["test"], r["backup"], r["mode"]) for r in tab.model.rows]
    tab.stage_filter.setCurrentIndex(0)
    tab.mode_filter.setCurrentIndex(tab.mode_filter.findData("retail"))
    assert tab.proxy.rowCount() == 1, ("mode", [(r["test"], r["backup"], r["mode"]) for r in tab.model.rows])
    tab.mode_filter.setCurrentIndex(0)
    tab.filter_box.setText("sealq-2")
    assert tab.proxy.rowCount() == 1, ("text", [r["seals"] for r in tab.model.rows])


def test_amendment_is_countersigned_in_the_gui(store, qtbot):
    from inspector_app.custody.records import effective
    from inspector_app.ui.sample_form import SampleForm
    from inspector_app.ui.sample_tab import SamplesTab

    original = signed_sample(store, seals=("AM-1", "AM-2"))
    tab = SamplesTab(store)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.select_sample(original["id"])
    qtbot.waitUntil(lambda: tab.detail.detail is not None)
    click(qtbot, tab.detail.findChild(type(tab.new_button), "amend"))
    qtbot.waitUntil(lambda: isinstance(tab.form, SampleForm) and tab.form.sample.get("amends_id") == original["id"], timeout=10000)
    form = tab.form
    form.set_field("product.model", "BV 4mm²")
    settle(form, qtbot)
    sign_record(tab, form, qtbot)
    qtbot.waitUntil(lambda: "更正记录" in tab.detail.header.text(), timeout=10000)
    assert effective(store.read(), original["id"])["data"]["product"]["model"] == "BV 4mm²"
    assert verify_sample(store.read(), fetch(store.read(), "sample", original["id"])).ok


def test_switching_away_right_after_typing_loses_nothing(tab, qtbot, store):
    form = start(tab, qtbot, store, "production")
    settle(form, qtbot)
    sid = form.sample["id"]
    other = signed_sample(store, seals=("SW-1", "SW-2"), task_id=task_id(store))
    form.set_field("product.batch", "第一批")
    form.set_field("product.batch", "第二批 2026-03")  # typed fast: one save in flight, one queued
    tab.select_sample(other["id"])
    qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail["sample"]["id"] == other["id"], timeout=10000)
    qtbot.waitUntil(lambda: fetch(store.read(), "sample", sid)["data"]["product"].get("batch") == "第二批 2026-03", timeout=10000)


def test_a_corrupt_photo_is_refused_in_words_and_writes_nothing(tab, qtbot, store, tmp_path):
    """Photos are decoded off the writer; a bad one fails its request with a message, and the
    attachments of the sample stay as they were. A good photo then lands as usual."""
    form = start(tab, qtbot, store, "online")
    broken, good = tmp_path / "receipt.jpg", tmp_path / "good.jpg"
    broken.write_bytes(jpeg((0, 128, 0))[:300])          # a truncated JPEG
    good.write_bytes(jpeg((0, 128, 0)))
    sid = form.sample["id"]

    def attached() -> int:
        return store.read().execute("SELECT count(*) FROM attachment WHERE owner_kind = 'sample' AND owner_id = ?", [sid]).fetchone()[0]

    form.add_photos("receipt", [str(good), str(broken)])
    qtbot.waitUntil(lambda: "保存失败" in form.status.text(), timeout=15000)
    assert "receipt.jpg" in form.status.text() and "重新复制" in form.status.text()   # which photo, and what to do
    assert attached() == 0 and form.photo_counts.get("receipt", 0) == 0
    form.add_photos("receipt", [str(good)])
    qtbot.waitUntil(lambda: form.photo_counts.get("receipt", 0) == 1, timeout=15000)
    assert attached() == 1


def test_enterprise_panel_names_where_the_samples_are(store, qtbot):
    """The enterprise's sample history says where each part is in words, never the raw cache."""
    from inspector_app.ui.enterprise_panel import EnterprisePanel
    from inspector_app.ui.ops import Ops
    from tests.custody_helpers import courier_ship, receive

    sample = signed_sample(store)
    courier_ship(store, sample["id"], part="test")
    receive(store, sample["id"], part="test")
    ops = Ops(store)
    panel = EnterprisePanel(ops)
    qtbot.addWidget(panel)
    panel.show_enterprise(sample["enterprise_id"])
    qtbot.waitUntil(lambda: panel.samples.rowCount() == 1, timeout=10000)
    status = panel.samples.item(0, 4).text()
    assert status == "检验样 在实验室 · 备用样 已封样", status
    assert "|" not in status and "_" not in status
    ops.wait_idle()
