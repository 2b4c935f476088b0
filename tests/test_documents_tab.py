"""The 文书 tab on a real demo workspace: a task's issued documents and the missing ones, following
the main window's task selection, issuing through the preview dialog, verifying PDF files."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from zoneinfo import ZoneInfo

import pytest

from inspector_app.documents.issue import issue
from inspector_app.store import open_store

pytest.importorskip("PySide6")

FIRST_TASK = "JN-2026-00001"       # demo: one finalized sample, tested 不合格 and received by the lab
REFUSAL_TASK = "JN-2026-00016"     # demo: one finalized refusal record, nothing else
DRAFT_SAMPLE_TASK = "JN-2026-00015"  # demo: one draft sample
EMPTY_TASK = "JN-2026-00004"       # demo: no records at all


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """The demo workspace, built once; each test works on its own copy."""
    from inspector_app.demo import build_demo

    root = tmp_path_factory.mktemp("doctab") / "ws"
    store = open_store(root)
    build_demo(store, enterprises=60, tasks=30)
    store.close()
    return root


@pytest.fixture
def demo(demo_template, tmp_path):
    root = tmp_path / "ws"
    shutil.copytree(demo_template, root)
    store = open_store(root)
    yield store
    store.close()


def task_row(store, number: str) -> dict:
    """The task as the main window's task list hands it over."""
    from inspector_app.ui.queries import TaskFilter, task_page

    rows = task_page(store.read(), TaskFilter(search=number), 0, 5)
    return next(r for r in rows if r["number"] == number)


def sample_of(store, task_id: str) -> str:
    return store.read().execute("SELECT id FROM sample WHERE task_id = ?", [task_id]).fetchone()[0]


def cst(iso_utc: str) -> str:
    return dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00")).astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")


def shown(tab) -> list[dict]:
    """Each row as the user reads it."""
    from PySide6.QtCore import Qt

    model = tab.model
    out = []
    for r in range(model.rowCount()):
        texts = [model.data(model.index(r, c)) for c in range(model.columnCount())]
        grey = model.data(model.index(r, 1), Qt.ItemDataRole.ForegroundRole)
        out.append({"number": texts[0], "type": texts[1], "record": texts[2], "issued": texts[3], "state": texts[4],
                    "grey": grey is not None and grey.color().name() == "#8a94a0", "row": model.rows[r]})
    return out


@pytest.fixture
def tab(demo, qtbot):
    from inspector_app.ui.documents_tab import DocumentsTab

    widget = DocumentsTab(demo)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def show_task(tab, qtbot, store, number: str) -> dict:
    task = task_row(store, number)
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        tab.set_task(task)
    return task


def select(tab, doc_type: str) -> int:
    row = next(i for i, r in enumerate(tab.model.rows) if r["doc_type"] == doc_type)
    tab.table.selectRow(row)
    return row


def test_without_a_task_the_tab_says_to_choose_one(tab):
    assert tab.pages.currentIndex() == 0
    assert tab.empty_text.text() == "请先在左侧选择任务"
    assert not tab.preview_button.isEnabled()
    assert tab.verify_button.isEnabled()          # verifying a file needs no task


def test_lists_the_tasks_issued_documents_and_the_missing_ones_greyed(demo, tab, qtbot):
    db = demo.read()
    task = task_row(demo, FIRST_TASK)
    sample_id = sample_of(demo, task["id"])
    sample_number = db.execute("SELECT number FROM sample WHERE id = ?", [sample_id]).fetchone()[0]
    # the demo facts that make the other documents applicable
    assert db.execute("SELECT count(*) FROM custody_event WHERE sample_id = ? AND type = 'TESTED'"
                      " AND json_extract(data, '$.conclusion') = '不合格'", [sample_id]).fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM custody_event WHERE sample_id = ? AND type = 'LAB_RECEIVED'", [sample_id]).fetchone()[0] == 1
    issued = {t: issue(demo, t, sample_id) for t in ("sampling_record", "seal_labels")}
    other = issue(demo, "sampling_record", sample_of(demo, task_row(demo, "JN-2026-00003")["id"]))   # another task's

    show_task(tab, qtbot, demo, FIRST_TASK)
    rows = shown(tab)
    stored = {r[0]: (r[1], r[2]) for r in db.execute(
        "SELECT type, number, issued_at FROM document WHERE record_id = ?", [sample_id]).fetchall()}
    assert {t: i.number for t, i in issued.items()} == {t: v[0] for t, v in stored.items()}
    assert issued["sampling_record"].number == sample_number       # a numbered sample keeps its number

    done = [r for r in rows if not r["grey"]]
    assert [(r["number"], r["type"], r["issued"], r["state"]) for r in done] == [
        (stored["sampling_record"][0], "抽样单", cst(stored["sampling_record"][1]), "已签发"),
        (stored["seal_labels"][0], "封条／样品标签", cst(stored["seal_labels"][1]), "已签发"),
    ]
    missing = [r for r in rows if r["grey"]]
    assert {r["type"] for r in missing} == {"责令改正通知书", "检验结果告知书", "样品移交确认单"}
    assert all(r["number"] == "—" and r["issued"] == "—" and r["state"] == "未签发" for r in missing)
    assert all(r["record"].startswith(f"抽样单 {sample_number}") for r in rows)
    assert other.number not in [r["number"] for r in rows]
    assert tab.title.text().startswith(f"任务 {FIRST_TASK}")
    assert tab.summary.text() == "已签发 2 份文书；灰色行是尚未签发的 3 份。"

    select(tab, "seal_labels")
    assert tab.preview_button.isEnabled() and tab.preview_button.text() == "预览/打印…"
    select(tab, "result_notice")
    assert tab.preview_button.text() == "预览/签发…"


def test_follows_the_task_selected_in_the_main_window(demo, qapp, tmp_path, monkeypatch):
    from inspector_app.ui.app import create_application
    from tests.test_ui_helpers import open_main_window, pump

    monkeypatch.setenv("INSPECTOR_UI_CONFIG", str(tmp_path / "ui.ini"))
    first = task_row(demo, FIRST_TASK)
    issued = issue(demo, "sampling_record", sample_of(demo, first["id"]))
    app = create_application()
    session = open_main_window(app, demo)
    try:
        window = session.window
        model = window.tasks.model

        def choose(number: str) -> None:
            window.tasks.view.selectRow(model.row_of(task_row(demo, number)["id"]))

        choose(FIRST_TASK)                        # before the tab exists: it gets the selection when built
        window.side.setCurrentWidget(window.documents)
        pump(app, lambda: window.documents.inner is not None)
        tab = window.documents.inner
        pump(app, lambda: not tab.loading and tab.model.rowCount() > 0)
        assert FIRST_TASK in tab.title.text()
        assert [r["number"] for r in shown(tab) if not r["grey"]] == [issued.number]

        choose(REFUSAL_TASK)
        pump(app, lambda: not tab.loading and REFUSAL_TASK in tab.title.text() and tab.model.rowCount() > 0)
        assert [(r["type"], r["grey"]) for r in shown(tab)] == [("拒检认定书", True)]
        assert "拒检认定" in shown(tab)[0]["record"]
        assert tab.summary.text().startswith("该任务还没有签发文书。")

        choose(EMPTY_TASK)
        pump(app, lambda: not tab.loading and EMPTY_TASK in tab.title.text())
        assert tab.model.rowCount() == 0
        assert tab.pages.currentIndex() == 0 and tab.empty_text.text() == "该任务还没有签发文书"
    finally:
        session.close()


def test_issuing_from_the_tab_adds_the_row(demo, tab, qtbot):
    show_task(tab, qtbot, demo, FIRST_TASK)
    assert demo.read().execute("SELECT count(*) FROM document").fetchone()[0] == 0
    select(tab, "result_notice")
    tab.preview_button.click()
    dialog = tab.preview_dialog
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=30000)
    assert not dialog.is_issued and dialog.issue_button.isEnabled()

    with qtbot.waitSignal(tab.loaded, timeout=30000):
        with qtbot.waitSignal(dialog.issued, timeout=30000) as blocker:
            dialog.issue_button.click()
    number, document_id = blocker.args
    assert demo.read().execute("SELECT number, type FROM document WHERE id = ?", [document_id]).fetchone() == (number, "result_notice")
    row = tab.current_row()
    assert row["issued"] and row["doc_type"] == "result_notice" and row["number"] == number
    by_type = {r["row"]["doc_type"]: r for r in shown(tab)}
    assert by_type["result_notice"]["number"] == number and not by_type["result_notice"]["grey"]
    assert by_type["result_notice"]["state"] == "已签发"
    assert tab.preview_button.text() == "预览/打印…"
    dialog.close()

    # double-click on the issued row: the dialog shows the issued PDF, byte for byte
    from PySide6.QtCore import Qt

    index = tab.model.index(tab.model.row_of("result_notice", row["record"]["id"]), 0)
    centre = tab.table.visualRect(index).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)    # a double-click starts with a press
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    again = tab.preview_dialog
    assert again is not dialog
    qtbot.waitUntil(lambda: again.page_count() > 0, timeout=30000)
    stored = demo.read().execute("SELECT pdf_sha256 FROM document WHERE id = ?", [document_id]).fetchone()[0]
    assert again.is_issued and hashlib.sha256(again.pdf_bytes).hexdigest() == stored
    again.close()


def test_a_draft_records_document_is_previewed_but_not_issued(demo, tab, qtbot):
    show_task(tab, qtbot, demo, DRAFT_SAMPLE_TASK)
    rows = shown(tab)
    assert [(r["type"], r["state"], r["grey"]) for r in rows] == [("抽样单", "待定稿", True)]
    assert rows[0]["record"].endswith("（草稿）")
    select(tab, "sampling_record")
    tab.preview_current()
    dialog = tab.preview_dialog
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=30000)
    assert not dialog.is_issued and not dialog.issue_button.isEnabled()
    assert demo.read().execute("SELECT count(*) FROM document").fetchone()[0] == 0
    dialog.close()


def test_verify_a_pdf_file(demo, tab, qtbot, tmp_path):
    from inspector_app.documents.issue import document_row

    show_task(tab, qtbot, demo, FIRST_TASK)
    issued = issue(demo, "seal_labels", sample_of(demo, task_row(demo, FIRST_TASK)["id"]))
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        tab.reload()
    row = document_row(demo.read(), issued.number)
    genuine = tmp_path / "封条.pdf"
    genuine.write_bytes(demo.paths.blob_path(row["pdf_sha256"]).read_bytes())

    with qtbot.waitSignal(tab.verified, timeout=30000) as blocker:
        tab.verify_file(genuine)
    assert blocker.args[0].ok
    assert tab.verify_box.isVisible()
    assert tab.verify_title.text() == "验证通过：封条.pdf"
    assert f"文书 {issued.number}（封条／样品标签）与本工作区的签发记录一致" in tab.verify_text.text()
    assert tab.current_row()["number"] == issued.number       # the verified document is selected

    data = bytearray(genuine.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4] = bytes(b ^ 0x5A for b in data[middle:middle + 4])
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    with qtbot.waitSignal(tab.verified, timeout=30000) as blocker:
        tab.verify_file(tampered)
    outcome = blocker.args[0]
    assert not outcome.ok and outcome.number == issued.number
    assert tab.verify_title.text() == "验证未通过：tampered.pdf"
    assert f"文书编号：{issued.number}（封条／样品标签）" in tab.verify_text.text()
    assert "文件内容与签发时的 PDF 不一致" in tab.verify_text.text()

    with qtbot.waitSignal(tab.verified, timeout=30000):
        tab.verify_file(tmp_path / "missing.pdf")
    assert tab.verify_title.text() == "无法读取文件 missing.pdf"
    assert tab.verify_button.isEnabled()


def add_no_sample_record(store, task: dict) -> str:
    from inspector_app.demo.documents import add_site_record
    from inspector_app.store.reference import fetch

    return store.write_sync(lambda txn: add_site_record(txn, task["id"], fetch(txn.db, "enterprise", task["enterprise_id"]),
                                                        "no_sample", seed=5))


def test_refresh_shows_a_record_added_meanwhile(demo, tab, qtbot):
    task = show_task(tab, qtbot, demo, EMPTY_TASK)
    assert tab.model.rowCount() == 0
    add_no_sample_record(demo, task)
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        tab.refresh_button.click()
    assert [(r["type"], r["grey"], r["state"]) for r in shown(tab)] == [("未抽到样品确认书", True, "待定稿")]
    assert tab.pages.currentIndex() == 1


def test_what_applies_is_read_again_after_the_workspace_changes(demo):
    """`listing.applicable` is kept on the reader connection; a commit elsewhere renews it."""
    from inspector_app.documents.listing import task_documents

    db = demo.read()
    task = task_row(demo, REFUSAL_TASK)
    assert [r["doc_type"] for r in task_documents(db, task["id"])] == ["refusal_record"]
    assert [r["doc_type"] for r in task_documents(db, task["id"])] == ["refusal_record"]      # kept: same answer
    record_id = add_no_sample_record(demo, task)
    rows = task_documents(db, task["id"])
    assert sorted((r["doc_type"], r["issued"]) for r in rows) == [("no_sample_record", False), ("refusal_record", False)]
    assert {r["record"]["id"] for r in rows if r["doc_type"] == "no_sample_record"} == {record_id}
