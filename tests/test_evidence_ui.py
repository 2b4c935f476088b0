"""Evidence widgets through pytest-qt: signature pad (simulated mouse), gallery with 5,000
photos, viewer, import dialog with cancel, and EvidencePanel add/remove/finalized."""

from __future__ import annotations

import io
import math
import shutil

import pytest
from PIL import Image

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QSize, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from inspector_app.evidence.importer import Owner  # noqa: E402
from inspector_app.ui.evidence.gallery import PAGE, PhotoListModel, GalleryView  # noqa: E402
from inspector_app.ui.evidence.import_dialog import PhotoImportDialog  # noqa: E402
from inspector_app.ui.evidence.panel import EvidencePanel  # noqa: E402
from inspector_app.ui.evidence.signature_dialog import SignatureDialog  # noqa: E402
from inspector_app.ui.evidence.signature_pad import SignatureCanvas  # noqa: E402
from inspector_app.ui.evidence.viewer import PhotoViewer  # noqa: E402
from tests.conftest_evidence import finalize, owners, service, small_jpeg  # noqa: F401,E402


def draw(pad, points):
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for p in points[1:]:
        QTest.mouseMove(pad, p)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def wave(x0=30, y0=100, n=50):
    return [QPoint(x0 + i * 7, int(y0 + 35 * math.sin(i / 4))) for i in range(n)]


def test_signature_pad_records_mouse_strokes_with_undo_redo_clear(qtbot):
    pad = SignatureCanvas()
    qtbot.addWidget(pad)
    pad.resize(600, 220)
    pad.show()
    qtbot.waitExposed(pad)
    assert pad.is_empty()
    draw(pad, wave())
    draw(pad, [QPoint(100, 40), QPoint(140, 60), QPoint(180, 90)])
    assert len(pad.strokes()) == 2
    assert pad.strokes()[0].device == "mouse" and len(pad.strokes()[0].points) >= 40
    data = pad.stroke_data()
    assert data["width"] == 600 and data["strokes"][1]["points"][0][:2] == [100, 40]
    pad.undo()
    assert len(pad.strokes()) == 1 and pad.can_redo()
    pad.redo()
    assert len(pad.strokes()) == 2
    pad.clear()
    assert pad.is_empty()
    pad.undo()  # clearing is undoable
    assert len(pad.strokes()) == 2
    draw(pad, [QPoint(300, 150), QPoint(340, 170)])
    assert not pad.can_redo() and len(pad.strokes()) == 3

    png = Image.open(io.BytesIO(pad.to_png()))
    assert png.mode == "RGBA" and png.size == (1200, 440)
    alpha = png.getchannel("A")
    assert alpha.getpixel((5, 5)) == 0  # transparent background
    bbox = alpha.getbbox()
    assert bbox is not None and bbox[0] < 2 * 40 and bbox[2] > 2 * 300  # the ink spans the wave
    # ink lies on the drawn path: the start of the first stroke is opaque
    assert alpha.getpixel((2 * 30, 2 * 100)) > 128


def test_signature_dialog_stores_a_signature(qtbot, store, owners):
    from inspector_app.evidence.signatures import Signatures

    sigs = Signatures(store)
    dialog = SignatureDialog(sigs, "sample", owners["sample"], role="producer", name="李四", id_no="ID-9")
    qtbot.addWidget(dialog)
    dialog.resize(700, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.submit()
    assert "签名为空" in dialog.error.text()  # nothing drawn yet
    draw(dialog.pad, wave())
    with qtbot.waitSignal(dialog.saved, timeout=10000) as blocker:
        dialog.submit()
    row = blocker.args[0]
    assert row["signer_name"] == "李四" and row["signer_role"] == "producer" and row["signer_id_no"] == "ID-9"
    assert sigs.verify(row)
    assert sigs.strokes(row)["strokes"][0]["device"] == "mouse"
    stored_png = Image.open(io.BytesIO(sigs.png(row)))
    assert stored_png.getchannel("A").getbbox() is not None


def test_signature_dialog_refusal_path(qtbot, store, owners):
    from inspector_app.evidence.signatures import Signatures

    sigs = Signatures(store)
    dialog = SignatureDialog(sigs, "inspection", owners["inspection"], name="赵六")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.refused.setChecked(True)
    assert not dialog.pad.isEnabled() and dialog.refusal_box.isVisible()
    dialog.submit()
    assert "理由" in dialog.error.text()
    dialog.reason.setPlainText("拒绝签字")
    dialog.witness_name.setText("陈七")
    with qtbot.waitSignal(dialog.saved, timeout=10000) as blocker:
        dialog.submit()
    row = blocker.args[0]
    assert row["refused"] == 1 and row["refusal_reason"] == "拒绝签字"
    assert sigs.list("inspection", owners["inspection"])[0]["witness"]["name"] == "陈七"


@pytest.fixture
def many_rows(tmp_path):
    """5,000 gallery rows over 50 real thumbnail files."""
    folder = tmp_path / "thumbs"
    folder.mkdir()
    for i in range(50):
        Image.new("RGB", (256, 192), ((i * 5) % 256, 100, 200)).save(folder / f"{i}.jpg", quality=80)
    rows = [{"sha256": f"{n:064x}", "caption": f"照片 {n}", "original_name": f"IMG_{n}.jpg", "taken_at": None} for n in range(5000)]
    return rows, (lambda sha: folder / f"{int(sha, 16) % 50}.jpg")


def test_gallery_model_pages_and_loads_thumbnails_lazily(qtbot, many_rows):
    rows, path_for = many_rows
    model = PhotoListModel(rows, path_for, icon_size=QSize(96, 96), cache_capacity=120)
    view = GalleryView(icon_size=QSize(96, 96))
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    assert model.total() == 5000
    assert PAGE <= model.rowCount() < 5000  # fetched in pages, not all at once
    qtbot.waitUntil(lambda: model.thumbs.decoded_count >= 20, timeout=10000)
    first = model.index(0)
    qtbot.waitUntil(lambda: model.thumbs.get(rows[0]["sha256"]) is not None, timeout=10000)
    assert not model.data(first, Qt.ItemDataRole.DecorationRole).isNull()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 5000
    for step in range(0, 5000, 250):  # fling through the whole list
        view.scrollTo(model.index(step))
        QTest.qWait(5)
    view.scrollToBottom()
    last = rows[-1]["sha256"]
    qtbot.waitUntil(lambda: model.thumbs.get(last) is not None, timeout=10000)
    assert len(model.thumbs) <= 120  # the LRU cache stays small
    assert model.thumbs.decoded_count < 2000  # rows flung past were not all decoded
    assert model.data(model.index(4999), Qt.ItemDataRole.DisplayRole) == "照片 4999"
    model.thumbs.close()


def test_gallery_view_emits_dropped_files(qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    view = GalleryView()
    qtbot.addWidget(view)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.jpg")), QUrl.fromLocalFile(str(tmp_path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(view.filesDropped) as blocker:
        view.dropEvent(event)
    assert blocker.args[0] == [str(tmp_path / "a.jpg"), str(tmp_path)]


def test_viewer_next_previous_zoom_and_metadata(qtbot, service, tmp_path):
    from inspector_app.demo.photos import make_photos

    make_photos(tmp_path / "card", 3, size=(1200, 900))
    service.import_files([str(tmp_path / "card")])
    rows = service.photos()
    viewer = PhotoViewer(rows, service.blobs.display_path, 0)
    qtbot.addWidget(viewer)
    viewer.resize(1000, 700)
    viewer.show()
    qtbot.waitUntil(lambda: not viewer.view._item.pixmap().isNull(), timeout=10000)
    assert viewer._fields["camera"].text() == rows[0]["camera"]
    assert "31.2" in viewer._fields["gps"].text()
    assert not viewer.prev_button.isEnabled()
    viewer.next()
    viewer.next()
    viewer.next()  # stays on the last
    assert viewer.current() == 2 and not viewer.next_button.isEnabled()
    assert viewer._fields["name"].text() == rows[2]["original_name"]
    viewer.previous()
    assert viewer.current() == 1
    before = viewer.view.zoom()
    viewer.view.zoom_by(2.0)
    assert viewer.view.zoom() == pytest.approx(before * 2.0)
    viewer.view.actual_size()
    assert viewer.view.zoom() == 1.0


def test_import_dialog_progress_and_cancel(qtbot, service, tmp_path):
    for i in range(12):
        small_jpeg(tmp_path / f"p{i:02d}.jpg", seed=i, size=(1600, 1200))
    (tmp_path / "zz-bad.jpg").write_text("nope")
    dialog = PhotoImportDialog(service, [str(tmp_path)])
    qtbot.addWidget(dialog)
    dialog.job.progress.connect(lambda done, total, r: done == 2 and dialog._cancel_or_close())
    with qtbot.waitSignal(dialog.imported, timeout=60000) as blocker:
        dialog.show()
    results = blocker.args[0]
    assert len(results) == 13
    assert 2 <= sum(r["ok"] for r in results) < 12
    assert any(r.get("code") == "cancelled" for r in results)
    assert dialog.bar.value() == 13 or dialog.bar.value() >= 2
    assert service.store.read().execute("SELECT count(*) FROM blob").fetchone()[0] == sum(r["ok"] for r in results)


def test_import_dialog_lists_problems(qtbot, service, tmp_path):
    small_jpeg(tmp_path / "ok.jpg")
    (tmp_path / "bad.jpg").write_text("nope")
    dialog = PhotoImportDialog(service, [str(tmp_path)])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        dialog.show()
    assert dialog.ok_count == 1 and dialog.failed_count == 1
    assert dialog.problems.count() == 1 and "bad.jpg" in dialog.problems.item(0).text()


def test_evidence_panel_add_remove_and_finalized(qtbot, store, owners, tmp_path):
    panel = EvidencePanel(store, "inspection", owners["inspection"], item_id="2.1")
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.editable, timeout=10000)
    files = [str(small_jpeg(tmp_path / f"{i}.jpg", seed=i)) for i in range(3)]
    with qtbot.waitSignal(panel.photosChanged, timeout=30000, check_params_cb=lambda n: n == 3):
        dialog = panel.import_paths(files)
    assert dialog is not None
    assert panel.model.total() == 3 and panel.model.row(0)["item_id"] == "2.1"
    panel.view.selectionModel().select(panel.model.index(0), panel.view.selectionModel().SelectionFlag.Select)
    with qtbot.waitSignal(panel.photosChanged, timeout=10000, check_params_cb=lambda n: n == 2):
        panel.remove_selected(reason="重复")
    removed = panel.service.photos(Owner("inspection", owners["inspection"], "2.1"), include_removed=True)
    assert sum(1 for p in removed if p["removed_at"]) == 1

    finalize(store, "inspection", owners["inspection"])
    with qtbot.waitSignal(panel.photosChanged, timeout=10000):
        panel.refresh()
    assert not panel.editable and not panel.add_button.isEnabled() and not panel.remove_button.isEnabled()
    assert "定稿" in panel.note.text()
    assert panel.import_paths(files) is None


def test_signature_pad_takes_pen_pressure_and_touch(qtbot):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
    from PySide6.QtWidgets import QApplication

    pad = SignatureCanvas()
    qtbot.addWidget(pad)
    pad.resize(600, 220)
    pad.show()
    pen = QPointingDevice("test pen", 7001, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3)

    def tablet(kind, x, y, pressure):
        QApplication.sendEvent(pad, QTabletEvent(kind, pen, QPointF(x, y), QPointF(x, y), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
                                                 Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton))

    tablet(QEvent.Type.TabletPress, 20, 20, 0.1)
    for i in range(1, 20):
        tablet(QEvent.Type.TabletMove, 20 + i * 10, 20 + i * 5, 0.1 + i * 0.04)
    tablet(QEvent.Type.TabletRelease, 210, 115, 0.9)
    touch = QTest.createTouchDevice()
    QTest.touchEvent(pad, touch).press(0, QPoint(300, 100), pad).commit()
    for i in range(1, 10):
        QTest.touchEvent(pad, touch).move(0, QPoint(300 + i * 8, 100 + i * 3), pad).commit()
    QTest.touchEvent(pad, touch).release(0, QPoint(380, 130), pad).commit()
    pen_stroke, touch_stroke = pad.strokes()
    assert pen_stroke.device == "pen" and len(pen_stroke.points) == 20
    assert pen_stroke.points[0][2] == pytest.approx(0.1) and pen_stroke.points[-1][2] > 0.8
    assert touch_stroke.device == "touch" and len(touch_stroke.points) == 10
    assert pad.stroke_data()["strokes"][0]["device"] == "pen"
    image = Image.open(io.BytesIO(pad.to_png()))
    alpha = image.getchannel("A")
    # pressure shows: the stroke is thicker where the pen pressed harder
    def thickness(x):
        column = [alpha.getpixel((x, y)) for y in range(image.height)]
        return sum(1 for a in column if a > 100)
    assert thickness(2 * 200) > thickness(2 * 40)


def test_seams_build_the_evidence_widgets(qtbot, store, owners, tmp_path):
    """The main window's seams find EvidencePanel and SignaturePad with the documented arguments."""
    from inspector_app.ui import seams
    from inspector_app.ui.evidence.signature_dialog import SignaturePad

    panel = seams.make("evidence", store, "inspection", owners["inspection"], item_id="1.1")
    pad = seams.make("signature", store, "inspection", owners["inspection"], signer_role="party")
    qtbot.addWidget(panel)
    qtbot.addWidget(pad)
    assert isinstance(panel, EvidencePanel) and isinstance(pad, SignaturePad)
    panel.show()
    qtbot.waitUntil(lambda: panel.editable, timeout=10000)
    with qtbot.waitSignal(panel.changed, timeout=30000):
        panel.import_paths([str(small_jpeg(tmp_path / "a.jpg"))])
    panel.set_read_only(True)
    qtbot.waitUntil(lambda: not panel.add_button.isEnabled(), timeout=10000)

    pad.resize(700, 500)
    pad.show()
    qtbot.waitUntil(lambda: "尚无签名" in pad.done.text(), timeout=10000)
    pad.form.name.setText("王五")
    draw(pad.form.pad, wave())
    with qtbot.waitSignal(pad.changed, timeout=10000):
        pad.form.submit()
    qtbot.waitUntil(lambda: "王五" in pad.done.text(), timeout=10000)
    assert pad.form.pad.is_empty()  # ready for the next signer
    rows = store.read().execute("SELECT signer_name, signer_role FROM signature WHERE owner_id = ?", [owners["inspection"]]).fetchall()
    assert rows == [("王五", "party")]
    pad.form.name.setText("赵六")
    pad.form.refused.setChecked(True)
    pad.form.reason.setPlainText("拒绝签字")
    pad.form.witness_name.setText("陈七")
    with qtbot.waitSignal(pad.changed, timeout=10000):
        pad.form.submit()
    qtbot.waitUntil(lambda: "拒绝签名" in pad.done.text(), timeout=10000)
