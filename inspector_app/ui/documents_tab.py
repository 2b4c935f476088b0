"""The 文书 tab: the documents of the task selected in the main window, and PDF verification.

`DocumentsTab(store)` lists, for the task given by `set_task(task_row)`, every issued document
(number, type, record, issue time in China Standard Time, state) and, greyed, each document
that applies to one of the task's records but has not been issued yet, so a clerk sees what is
missing. Double-click or “预览/打印…” opens the documents area's `DocumentPreviewDialog`
(re-print of an issued PDF, or a preview that can be issued); “验证文书…” checks a PDF file
against the workspace. Reads and verification run on a worker (`Ops.query`); the UI thread
never touches SQLite. The list is read when the tab is visible (again each time it is shown),
so documents issued from other screens appear.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStackedWidget, QTableView,
    QVBoxLayout, QWidget,
)

from inspector_app.documents import TYPE_LABELS
from inspector_app.documents.listing import task_documents
from inspector_app.ui import seams, style
from inspector_app.ui.ops import Ops
from inspector_app.ui.rows_model import ROW_ROLE, RowsTableModel

PENDING_GREY = "#8a94a0"


def type_label(doc_type: str) -> str:
    """The document type's name in the active language."""
    from inspector_app.i18n import language

    zh, en = TYPE_LABELS.get(doc_type, (doc_type, doc_type))
    return zh if language() == "zh_CN" else en


class DocumentListModel(RowsTableModel):
    """Rows of `documents.listing.task_documents`: issued documents, then greyed missing ones per record."""

    COLUMNS = ("number", "type", "record", "issued", "state")

    def headers(self) -> list[str]:
        return [self.tr("文书编号"), self.tr("文书类型"), self.tr("记录"), self.tr("签发时间"), self.tr("状态")]

    def row_of(self, doc_type: str, record_id: str) -> int:
        """Row index of the document of `doc_type` for the record, -1 if it is not listed."""
        for i, row in enumerate(self.rows):
            if (row["doc_type"], row["record"]["id"]) == (doc_type, record_id):
                return i
        return -1

    def row_of_number(self, number: str) -> int:
        for i, row in enumerate(self.rows):
            if number and row["number"] == number:
                return i
        return -1

    def record_text(self, record: dict[str, Any]) -> str:
        if record["kind"] == "inspection":
            text = self.tr("现场检查")
        elif record["kind"] == "sample":
            text = self.tr("抽样单")
        elif record["site_kind"] == "refusal":
            text = self.tr("拒检认定")
        else:
            text = self.tr("未抽到样品")
        if record["number"]:
            text += " " + record["number"]
        elif record["at_local"]:
            text += " " + record["at_local"][:10]
        if record["detail"]:
            text += " · " + record["detail"]
        if record["amends_id"]:
            text += self.tr("（更正）")
        if record["state"] == "draft":
            text += self.tr("（草稿）")
        return text

    def state_text(self, row: dict[str, Any]) -> str:
        if row["issued"]:
            return self.tr("已签发") if row["state"] == "issued" else row["state"]
        return self.tr("待定稿") if row["record"]["state"] == "draft" else self.tr("未签发")

    def cell(self, row: dict[str, Any], column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "number":
                return row["number"] or "—"
            if column == "type":
                return type_label(row["doc_type"])
            if column == "record":
                return self.record_text(row["record"])
            if column == "issued":
                return row["issued_local"] or "—"
            return self.state_text(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row["issued"]:
                return QBrush(QColor(PENDING_GREY))
            if column == "state":
                return QBrush(style.colour(style.OK))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "record":
                return self.record_text(row["record"])
            if not row["issued"]:
                if row["record"]["state"] == "draft":
                    return self.tr("记录尚未定稿：可以预览，定稿后才能签发。")
                return self.tr("尚未签发：双击预览，确认无误后签发。")
            return self.tr("双击查看、打印或另存为（与签发时的文件完全一致）。")
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1))


class DocumentsTab(QWidget):
    """The 文书 tab (see module docstring). Signals: `loaded` (the list was read),
    `verified(object)` (a `documents.verify.Verification`, or the exception when the file could
    not be read)."""

    loaded = Signal()
    verified = Signal(object)

    def __init__(self, store: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.ops = Ops(store, self, max_threads=2)
        self.task: dict[str, Any] | None = None
        self.loading = False
        self.load_error = ""
        self.preview_dialog: QWidget | None = None
        self._generation = 0
        self._select_key: tuple[str, str] | None = None
        self._verify_path: Path | None = None
        self._verify_outcome: Any = None

        self.title = QLabel()
        self.title.setObjectName("documents_task")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        style.role(self.title, "section")

        self.empty_text = QLabel()
        self.empty_text.setObjectName("documents_empty")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        style.role(self.empty_text, "section")
        self.empty_hint = QLabel()
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        style.role(self.empty_hint, "hint")
        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addStretch(2)

        self.summary = QLabel()
        self.summary.setObjectName("documents_summary")
        self.summary.setWordWrap(True)
        style.role(self.summary, "hint")
        self.model = DocumentListModel(self)
        self.table = QTableView()
        self.table.setObjectName("documents_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the record gets what is left (full text in its tooltip): number, time and state stay in view
        header.setSectionResizeMode(DocumentListModel.COLUMNS.index("record"), QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(56)
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.summary)
        list_layout.addWidget(self.table, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(empty_page)
        self.pages.addWidget(list_page)

        self.preview_button = QPushButton()
        self.preview_button.setObjectName("preview_document")
        self.preview_button.clicked.connect(self.preview_current)
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("verify_document")
        self.verify_button.clicked.connect(self.ask_verify)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refresh_documents")
        self.refresh_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        self.verify_box = QFrame()
        self.verify_box.setObjectName("verify_result")
        style.role(self.verify_box, "card")
        self.verify_title = QLabel()
        self.verify_title.setTextFormat(Qt.TextFormat.PlainText)
        self.verify_title.setWordWrap(True)
        self.verify_text = QLabel()
        self.verify_text.setTextFormat(Qt.TextFormat.PlainText)
        self.verify_text.setWordWrap(True)
        self.verify_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_close = QPushButton()
        self.verify_close.setFlat(True)
        self.verify_close.clicked.connect(self.verify_box.hide)
        verify_head = QHBoxLayout()
        verify_head.addWidget(self.verify_title, 1)
        verify_head.addWidget(self.verify_close, 0, Qt.AlignmentFlag.AlignTop)
        verify_layout = QVBoxLayout(self.verify_box)
        verify_layout.setContentsMargins(12, 8, 12, 8)
        verify_layout.addLayout(verify_head)
        verify_layout.addWidget(self.verify_text)
        self.verify_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.verify_box)

        self._debounce = QTimer(self, singleShot=True, interval=150)   # arrowing through tasks reads only where it stops
        self._debounce.timeout.connect(self.reload)
        self.table.activated.connect(lambda _index: self.preview_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.retranslate()

    # -- following the main window ---------------------------------------------------------------
    def set_task(self, task: dict[str, Any] | None) -> None:
        """Show the documents of `task` (a task-list row: id, number, enterprise …), or the empty state."""
        previous = self.task["id"] if self.task else None
        self.task = dict(task) if task else None
        if (self.task["id"] if self.task else None) != previous:
            self._generation += 1          # a read for the previous task still in flight is dropped
            self.load_error = ""
            self.model.set_rows([])
            self.loading = self.task is not None
        self._show_state()
        if self.task is not None and self.isVisible():
            self._debounce.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.task is not None:
            self.reload()     # documents may have been issued from another screen meanwhile

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self._debounce.stop()
        if self.task is None:
            return
        self._generation += 1
        generation, task_id, store = self._generation, self.task["id"], self.store
        self.loading = True
        self._show_state()
        self.ops.query(lambda _ctx: task_documents(store.read(), task_id),
                       on_success=lambda rows: self._loaded(generation, rows),
                       on_failure=lambda exc: self._failed(generation, exc))

    def _loaded(self, generation: int, rows: list[dict[str, Any]]) -> None:
        if generation != self._generation:
            return
        keep = self._select_key or self._current_key()
        self._select_key = None
        self.loading = False
        self.load_error = ""
        self.model.set_rows(rows)
        if keep is not None:
            self._select(self.model.row_of(*keep))
        self._show_state()
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.load_error = str(exc) or exc.__class__.__name__
        self._show_state()
        self.loaded.emit()

    def _select(self, row: int) -> None:
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _current_key(self) -> tuple[str, str] | None:
        row = self.current_row()
        return (row["doc_type"], row["record"]["id"]) if row else None

    def current_row(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() and self.table.selectionModel().isSelected(index) else None

    # -- what the tab shows ----------------------------------------------------------------------
    def _show_state(self) -> None:
        if self.task is None:
            self.title.hide()
            self.empty_text.setText(self.tr("请先在左侧选择任务"))
            self.empty_hint.setText(self.tr("选择任务后，这里列出该任务已签发的文书，以及还可以签发的文书。"))
            self.pages.setCurrentIndex(0)
        else:
            self.title.setText(self.tr("任务 {n} · {e}").format(n=self.task.get("number") or "—", e=self.task.get("enterprise") or ""))
            self.title.show()
            rows = self.model.rows
            if self.load_error:
                self.empty_text.setText(self.tr("无法读取该任务的文书"))
                self.empty_hint.setText(self.load_error)
                self.pages.setCurrentIndex(0)
            elif not rows:
                self.empty_text.setText(self.tr("正在读取文书…") if self.loading else self.tr("该任务还没有签发文书"))
                self.empty_hint.setText("" if self.loading else self.tr("该任务还没有检查记录、抽样单或现场记录，暂时没有可签发的文书。"))
                self.pages.setCurrentIndex(0)
            else:
                issued = sum(1 for r in rows if r["issued"])
                pending = len(rows) - issued
                if not issued:
                    text = self.tr("该任务还没有签发文书。灰色行是可以签发的 {n} 份文书：选中后点击“预览/签发…”。").format(n=pending)
                elif pending:
                    text = self.tr("已签发 {i} 份文书；灰色行是尚未签发的 {n} 份。").format(i=issued, n=pending)
                else:
                    text = self.tr("已签发 {i} 份文书，没有待签发的文书。").format(i=issued)
                self.summary.setText(text)
                self.pages.setCurrentIndex(1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.preview_button.setEnabled(row is not None)
        self.preview_button.setText(self.tr("预览/签发…") if row is not None and not row["issued"] else self.tr("预览/打印…"))
        self.refresh_button.setEnabled(self.task is not None)

    def retranslate(self) -> None:
        self.verify_button.setText(self.tr("验证文书…"))
        self.verify_button.setToolTip(self.tr("选择一份 PDF 文件，核对它是否与本工作区签发的文书完全一致。"))
        self.refresh_button.setText(self.tr("刷新"))
        self.verify_close.setText(self.tr("关闭"))
        self.model.retranslate()
        self._show_state()
        if self._verify_path is not None and self._verify_outcome is not None:
            self._show_verification(self._verify_path, self._verify_outcome)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- preview, print, issue -------------------------------------------------------------------
    def preview_current(self) -> QWidget | None:
        """Open the selected document in the preview dialog (issued: re-print; missing: preview and 签发)."""
        row = self.current_row()
        if row is None:
            return None
        dialog_cls = seams.cls("document_dialog")
        if dialog_cls is None:   # the log says why
            self._paint_verify_box(style.BAD, self.tr("文书预览组件未能加载（详见日志）。"), "")
            return None
        dialog = dialog_cls(self.store, row["doc_type"], row["record"]["id"], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not row["issued"] and row["record"]["state"] == "draft":
            # Issuing is for finalized records: a draft is shown as a preview only.
            dialog.loaded.connect(lambda d=dialog: self._preview_only(d))
        key = (row["doc_type"], row["record"]["id"])
        dialog.issued.connect(lambda _number, _document_id, k=key: self._issued(k))
        self.preview_dialog = dialog
        dialog.show()
        return dialog

    def _preview_only(self, dialog: Any) -> None:
        if not dialog.is_issued:
            dialog.issue_button.setEnabled(False)
            dialog.issue_button.setToolTip(self.tr("记录尚未定稿，不能签发。请先在记录中签字定稿。"))

    def _issued(self, key: tuple[str, str]) -> None:
        self._select_key = key
        self.reload()

    # -- verification ----------------------------------------------------------------------------
    def ask_verify(self) -> None:
        start = str(self._verify_path.parent) if self._verify_path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择要验证的文书 PDF"), start, self.tr("PDF 文件 (*.pdf);;所有文件 (*)"))
        if path:
            self.verify_file(path)

    def verify_file(self, path: str | Path) -> None:
        """Check the PDF at `path` against the workspace (number, content hash, bytes) on a worker."""
        target = Path(path)
        store = self.store
        self._verify_path, self._verify_outcome = target, None
        self.verify_button.setEnabled(False)
        self._paint_verify_box(style.INFO, self.tr("正在验证 {f}…").format(f=target.name), "")

        def work(_ctx) -> Any:
            from inspector_app.documents.verify import verify_pdf

            return verify_pdf(store, target.read_bytes())

        self.ops.query(work, on_success=lambda result: self._verified(target, result),
                       on_failure=lambda exc: self._verified(target, exc))

    def _verified(self, path: Path, outcome: Any) -> None:
        self.verify_button.setEnabled(True)
        if path != self._verify_path:
            return
        self._verify_outcome = outcome
        self._show_verification(path, outcome)
        if getattr(outcome, "ok", False):
            self._select(self.model.row_of_number(outcome.number))
        self.verified.emit(outcome)

    def _show_verification(self, path: Path, outcome: Any) -> None:
        if isinstance(outcome, BaseException):
            reason = outcome.strerror if isinstance(outcome, OSError) and outcome.strerror else str(outcome)
            self._paint_verify_box(style.BAD, self.tr("无法读取文件 {f}").format(f=path.name), reason)
            return
        kind = type_label(outcome.doc_type) if outcome.doc_type else "—"
        lines: list[str] = []
        if outcome.ok:
            title = self.tr("验证通过：{f}").format(f=path.name)
            lines.append(self.tr("文书 {n}（{t}）与本工作区的签发记录一致：文书编号、内容校验值和文件内容均相符。").format(n=outcome.number, t=kind))
            lines += [self.tr("注意：{note}").format(note=note) for note in outcome.notes]
        else:
            title = self.tr("验证未通过：{f}").format(f=path.name)
            if outcome.number:
                lines.append(self.tr("文书编号：{n}（{t}）").format(n=outcome.number, t=kind))
            lines += [f"{i}. {reason}" for i, reason in enumerate(outcome.reasons, start=1)]
        self._paint_verify_box(style.OK if outcome.ok else style.BAD, title, "\n".join(lines))

    def _paint_verify_box(self, pair: tuple[str, str], title: str, text: str) -> None:
        style.text_colour(self.verify_box, pair[0], bg=pair[1])
        style.text_colour(self.verify_title, pair[0], bold=True)
        self.verify_title.setText(title)
        self.verify_text.setText(text)
        self.verify_text.setVisible(bool(text))
        self.verify_box.show()
