"""The preview dialog with real Qt widgets: preview, issue in the background, save, print."""

from __future__ import annotations

import hashlib

from conftest_documents import doc_ws, pdftotext  # noqa: F401 (fixture)


def test_preview_issue_save_and_print(qtbot, doc_ws, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from inspector_app.ui.document_preview import DocumentPreviewDialog

    store, ids = doc_ws
    dlg = DocumentPreviewDialog(store, "result_notice", ids["sample"])
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.page_count() > 0, timeout=30000)
    assert not dlg.is_issued and dlg.issue_button.isEnabled()
    assert store.read().execute("SELECT count(*) FROM document").fetchone()[0] == 0
    qtbot.wait(1500)  # QPdfView renders pages asynchronously
    dlg.grab().save(str(tmp_path / "preview.png"))

    with qtbot.waitSignal(dlg.issued, timeout=30000) as blocker:
        dlg.issue_button.click()
    number, document_id = blocker.args
    assert number == "济历市监检结告〔2026〕1号"
    qtbot.waitUntil(lambda: dlg.page_count() > 0)
    assert dlg.is_issued and not dlg.issue_button.isEnabled()
    assert number in dlg.status.text()

    saved = tmp_path / "saved.pdf"
    dlg.save_to(saved)
    row = store.read().execute("SELECT pdf_sha256 FROM document WHERE id = ?", [document_id]).fetchone()
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == row[0]

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dlg.print_to(printer, dpi=100)
    assert printed.stat().st_size > 10000
    import subprocess

    pages = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
    assert f"Pages: {dlg.page_count()}" in " ".join(pages.split())

    # reopening shows the issued document, identical bytes
    again = DocumentPreviewDialog(store, "result_notice", ids["sample"])
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.page_count() > 0, timeout=30000)
    assert again.is_issued and again.pdf_bytes == saved.read_bytes()
    assert "检验结果告知书" in pdftotext(saved)


def test_preview_of_a_missing_record_reports_the_error(qtbot, doc_ws):
    from inspector_app.ui.document_preview import DocumentPreviewDialog

    store, _ = doc_ws
    dlg = DocumentPreviewDialog(store, "sampling_record", "missing-id")
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.failed, timeout=30000) as blocker:
        pass
    assert "missing-id" in blocker.args[0]
    assert "missing-id" in dlg.status.text()
    assert not dlg.issue_button.isEnabled()
