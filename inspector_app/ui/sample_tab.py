"""The samples screen: list with stage per part and filters, the record form or the custody
detail of the selected sample, refusal / no-sample records, and a scan-or-type jump box.

`SamplesTab(store, parent=None)` — a self-contained widget for the main window's tab bar.
Everything it reads runs on a worker thread; everything it writes goes through `store.write`.
Public helpers used by tests and the main window: `reload()`, `jump(text)`, `select_sample(id)`,
`start_new(task_id, mode)`, `detail` (the current `SampleDetail`), `form` (the current form).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSplitter,
                               QStackedWidget, QTableView, QTabWidget, QVBoxLayout, QWidget)

from inspector_app.custody import listing, records, site_records
from inspector_app.custody.deadlines import derive as deadlines_of
from inspector_app.custody.events import EventType, Part
from inspector_app.custody.status import STAGES, stage_label
from inspector_app.custody.verify import find_sample
from inspector_app.i18n import parenthetical, separated, tr
from inspector_app.store.reference import fetch
from inspector_app.ui.custody_event_dialog import CustodyEventDialog, LabHandoverDialog, record_event
from inspector_app.ui.custody_ops import Worker
from inspector_app.ui.custody_timeline import CustodyTimeline, load_detail
from inspector_app.ui.sample_form import SampleForm
from inspector_app.ui.rows_model import ROW_ROLE
from inspector_app.ui.sample_model import SampleFilterProxy, SampleListModel
from inspector_app.ui.sample_precheck import PrecheckDialog
from inspector_app.ui.sample_site_record import SiteRecordForm


class NewSampleDialog(QDialog):
    """Choose the task and the sampling mode before the pre-sampling check."""

    def __init__(self, tasks: list[dict[str, Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建抽样"))
        form = QFormLayout(self)
        self.task = QComboBox()
        self.task.setObjectName("task")
        for task in tasks:
            self.task.addItem(f"{task['number']} · {task['enterprise']}", task["id"])
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        for mode in records.MODES:
            self.mode.addItem(records.mode_label(mode), mode)
        form.addRow(self.tr("任务"), self.task)
        form.addRow(self.tr("抽样方式"), self.mode)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("抽样前检查…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def thumbnail_path(store: Any):
    """sha256 → the evidence thumbnail (small, fast to paint), or the original when it has none."""
    from inspector_app.evidence.blobstore import BlobStore

    blobs = BlobStore(store.paths)

    def path(sha256: str):
        thumb = blobs.thumb_path(sha256)
        return thumb if thumb.exists() else store.paths.blob_path(sha256)

    return path


class SampleDetail(QWidget):
    """A finalized sample: the record at a glance, deadlines, allowed actions, the timeline."""

    action_requested = Signal(str, str)   # event type, part
    amend_requested = Signal()

    def __init__(self, blob_path, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel()
        self.header.setObjectName("detail_header")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.header)
        self.deadlines = QLabel()
        self.deadlines.setObjectName("deadlines")
        self.deadlines.setWordWrap(True)
        layout.addWidget(self.deadlines)
        self.actions_box = QWidget()
        self.actions = QGridLayout(self.actions_box)
        self.actions.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.actions_box)
        self.timeline = CustodyTimeline(blob_path)
        layout.addWidget(self.timeline, 1)
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        self.amend_button: QPushButton | None = None
        self.detail: dict[str, Any] | None = None

    def show_detail(self, detail: dict[str, Any]) -> None:
        self.detail = detail
        while self.actions.count():
            item = self.actions.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.buttons = {}
        column = 0
        row = 0
        for etype, part in detail["allowed"]:
            button = QPushButton()
            button.setObjectName(f"action_{etype.value}_{part.value}")
            button.clicked.connect(lambda _=False, t=etype.value, p=part.value: self.action_requested.emit(t, p))
            self.actions.addWidget(button, row, column)
            self.buttons[(etype.value, part.value)] = button
            column += 1
            if column == 4:
                row, column = row + 1, 0
        self.amend_button = QPushButton()
        self.amend_button.setObjectName("amend")
        self.amend_button.clicked.connect(self.amend_requested.emit)
        self.actions.addWidget(self.amend_button, row, column)
        self.retranslate()
        self.timeline.show_detail(detail)

    def retranslate(self) -> None:
        """Header, deadlines and buttons in the current language (the timeline rebuilds itself)."""
        detail = self.detail
        if detail is None:
            return
        sample = detail["sample"]
        data = sample.get("data") or {}
        seals = (data.get("seal") or {}).get("seal_numbers") or {}
        signed = separated(s["signer_name"] + (parenthetical(self.tr("拒签")) if s["refused"] else "") for s in detail["signatures"])
        amendments = [a for a in detail["amendments"] if a["state"] != "draft"]
        self.header.setText(
            f"<b style='font-size:13pt'>{sample['number']}</b> · {records.mode_label(sample['mode'])}<br>"
            f"{sample['product_name']} {sample.get('model') or ''} · {detail['enterprise']}<br>"
            + tr("检验样封条：{t}；备用样封条：{b}", "test seals: {t}; backup seals: {b}", t=separated(seals.get("test", [])) or "—",
                 b=separated(seals.get("backup", [])) or "—")
            + "<br>" + tr("签字：{s}", "signed by: {s}", s=signed or "—")
            + (("<br>" + tr("更正记录：{n}", "amendments: {n}", n=separated(a["number"] for a in amendments))) if amendments else ""))
        lines = [d.text() for d in deadlines_of(detail["events"], sample["mode"])]   # their labels follow the language
        self.deadlines.setText(self.tr("期限：") + separated(lines, "gap") if lines else "")
        for (etype, part), button in self.buttons.items():
            button.setText(EventType(etype).label + (parenthetical(Part(part).label) if part != Part.BOTH else ""))
        self.amend_button.setText(self.tr("更正抽样单…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class SamplesTab(QWidget):
    """Samples and site records of the workspace (see module docstring)."""

    loaded = Signal()          # the list has (re)loaded
    detail_loaded = Signal()   # the right-hand side shows a sample

    def __init__(self, store: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.worker = Worker(store, self)
        self.worker.error.connect(self._error)
        self.current_id: str | None = None
        self.form: SampleForm | SiteRecordForm | None = None
        self.me = {"name": store.setting("inspector.name", "") or "", "cert_no": store.setting("inspector.cert_no", "") or ""}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.jump_box = QLineEdit()
        self.jump_box.setObjectName("jump")
        self.jump_box.returnPressed.connect(lambda: self.jump(self.jump_box.text()))
        self.filter_box = QLineEdit()
        self.filter_box.setObjectName("filter")
        self.stage_filter = QComboBox()
        self.stage_filter.setObjectName("stage_filter")
        for stage in ("", *STAGES):
            self.stage_filter.addItem("", stage)
        self.mode_filter = QComboBox()
        self.mode_filter.setObjectName("mode_filter")
        for mode in ("", *records.MODES):
            self.mode_filter.addItem("", mode)
        self.new_button = QPushButton()
        self.new_button.setObjectName("new_sample")
        self.new_button.clicked.connect(self.ask_new)
        top.addWidget(self.jump_box, 2)
        top.addWidget(self.filter_box, 2)
        top.addWidget(self.stage_filter)
        top.addWidget(self.mode_filter)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model = SampleListModel(self)
        self.proxy = SampleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("sample_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        splitter.addWidget(self.table)
        self.right = QStackedWidget()
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.right.addWidget(self.placeholder)
        self.detail = SampleDetail(thumbnail_path(store))
        self.detail.action_requested.connect(self.open_action)
        self.detail.amend_requested.connect(self.amend)
        self.right.addWidget(self.detail)
        splitter.addWidget(self.right)
        splitter.setSizes([520, 620])
        self.tabs.addTab(splitter, "")

        site = QSplitter(Qt.Orientation.Horizontal)
        self.site_list = QListWidget()
        self.site_list.setObjectName("site_records")
        self.site_list.currentItemChanged.connect(self._site_selected)
        site.addWidget(self.site_list)
        self.site_right = QStackedWidget()
        self.site_hint = QLabel()
        self.site_right.addWidget(self.site_hint)
        self.site_record: dict[str, Any] | None = None   # the finalized site record on the right, if any
        site.addWidget(self.site_right)
        site.setSizes([380, 700])
        self.tabs.addTab(site, "")

        self.filter_box.textChanged.connect(lambda t: self.proxy.set_filters(text=t))
        self.stage_filter.currentIndexChanged.connect(lambda _i: self.proxy.set_filters(stage=self.stage_filter.currentData()))
        self.mode_filter.currentIndexChanged.connect(lambda _i: self.proxy.set_filters(mode=self.mode_filter.currentData()))
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        """Every text of the tab in the current language (the detail pane and timeline follow on their own)."""
        self.jump_box.setPlaceholderText(self.tr("扫描或输入抽样单编号、封条编号，回车跳转"))
        self.filter_box.setPlaceholderText(self.tr("筛选：编号、产品、企业、封条"))
        for i in range(self.stage_filter.count()):
            stage = self.stage_filter.itemData(i)
            self.stage_filter.setItemText(i, stage_label(stage) if stage else self.tr("全部状态"))
        for i in range(self.mode_filter.count()):
            mode = self.mode_filter.itemData(i)
            self.mode_filter.setItemText(i, records.mode_label(mode) if mode else self.tr("全部方式"))
        self.new_button.setText(self.tr("新建抽样…"))
        self.placeholder.setText(self.tr("选择左侧的抽样单，或扫描封条编号。"))
        self.tabs.setTabText(0, self.tr("抽样单"))
        self.tabs.setTabText(1, self.tr("拒检/未抽到样品"))
        self.site_hint.setText(self.tr("拒检认定书和未抽到样品确认书由抽样前检查产生。"))
        self.model.retranslate()
        for i in range(self.site_list.count()):
            item = self.site_list.item(i)
            item.setText(self._site_item_text(item.data(Qt.ItemDataRole.UserRole)))
        if self.site_record is not None:
            self.site_right.widget(1).setText(self._site_summary(self.site_record))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading -----------------------------------------------------------------------------
    def reload(self, then=None) -> None:
        def done(result: tuple[list, list]) -> None:
            rows, sites = result
            self.model.set_rows(rows)
            self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
            self._fill_sites(sites)
            if self.current_id:
                self._select_row(self.current_id)
            self.loaded.emit()
            if then:
                then()

        self.worker.query(lambda db: (listing.list_rows(db), listing.site_record_rows(db)), done)

    def _fill_sites(self, sites: list[dict[str, Any]]) -> None:
        current = self.site_list.currentItem().data(Qt.ItemDataRole.UserRole)["id"] if self.site_list.currentItem() else None
        self.site_list.blockSignals(True)
        self.site_list.clear()
        for record in sites:
            item = QListWidgetItem(self._site_item_text(record))
            item.setData(Qt.ItemDataRole.UserRole, record)
            self.site_list.addItem(item)
            if record["id"] == current:
                self.site_list.setCurrentItem(item)
        self.site_list.blockSignals(False)

    def _site_item_text(self, record: dict[str, Any]) -> str:
        state = {"draft": self.tr("草稿"), "finalized": self.tr("已定稿")}.get(record["state"], record["state"])
        flag = "⚑ " if record["urgent"] else ""
        return f"{flag}{site_records.kind_label(record['kind'])} {record['number']}\n{record['enterprise']} · {state}"

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            row = self.proxy.data(current, ROW_ROLE)
            self.show_sample(row["id"])

    def _select_row(self, sample_id: str) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if self.proxy.data(index, ROW_ROLE)["id"] == sample_id:
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(r)
                self.table.selectionModel().blockSignals(False)
                self.table.scrollTo(index)
                return True
        return False

    def select_sample(self, sample_id: str) -> None:
        self.tabs.setCurrentIndex(0)
        if not self._select_row(sample_id):
            self.filter_box.clear()
            self.stage_filter.setCurrentIndex(0)
            self.mode_filter.setCurrentIndex(0)
            self._select_row(sample_id)
        self.show_sample(sample_id)

    def show_sample(self, sample_id: str) -> None:
        self.current_id = sample_id

        def done(detail: dict[str, Any]) -> None:
            if detail["sample"]["id"] != self.current_id:
                return
            self._drop_form()
            if detail["sample"]["state"] == "draft":
                self.form = SampleForm(self.store, detail["sample"], detail["photos"], worker=self.worker)
                self.form.finalized.connect(self._finalized)
                self.form.saved.connect(lambda _issues: None)
                self.right.addWidget(self.form)
                self.right.setCurrentWidget(self.form)
            else:
                self.detail.show_detail(detail)
                self.right.setCurrentWidget(self.detail)
            self.detail_loaded.emit()

        self.worker.query(lambda db: load_detail(db, sample_id), done)

    def _drop_form(self) -> None:
        if isinstance(self.form, SampleForm):
            self.form.autosaver.flush()
            self.right.removeWidget(self.form)
            self.form.deleteLater()
            self.form = None

    def _finalized(self, sample_id: str) -> None:
        original = sample_id
        self.reload(lambda: self.show_sample(self.current_id or original))

    # -- jump --------------------------------------------------------------------------------
    def jump(self, text: str) -> None:
        """A scanned or typed sampling-record number or seal number selects its sample."""
        key = text.strip()
        if not key:
            return

        def done(sample: dict[str, Any] | None) -> None:
            if sample is None:
                self.message.setText(tr("找不到“{k}”：请核对抽样单编号或封条编号。", "Nothing found for '{k}': check the sampling-record or seal number.", k=key))
                return
            self.message.clear()
            self.jump_box.clear()
            target = sample["amends_id"] or sample["id"]
            self.select_sample(target)

        self.worker.query(lambda db: find_sample(db, key), done)

    # -- new records -------------------------------------------------------------------------
    def ask_new(self) -> None:
        def done(tasks: list[dict[str, Any]]) -> None:
            dialog = NewSampleDialog(tasks, self)
            self.new_dialog = dialog
            dialog.accepted.connect(lambda: self.start_new(dialog.task.currentData(), dialog.mode.currentData()))
            dialog.open()

        self.worker.query(listing.task_rows, done)

    def start_new(self, task_id: str, mode: str) -> PrecheckDialog:
        """Open the pre-sampling check; its outcome creates a sample, a refusal or a no-sample record."""
        dialog = PrecheckDialog(mode, parent=self)
        self.precheck_dialog = dialog
        dialog.accepted.connect(lambda: self._precheck_done(task_id, mode, dialog))
        dialog.open()
        return dialog

    def _precheck_done(self, task_id: str, mode: str, dialog: PrecheckDialog) -> None:
        outcome, answers = dialog.outcome, dict(dialog.answers)
        if outcome.action == "proceed":
            def write(txn):
                return records.new_sample(txn, task_id, mode, data={"pre_check": answers})["id"]

            self.worker.write(write, lambda sid: self.reload(lambda: self.select_sample(sid)))
        elif outcome.action in ("refusal", "no_sample"):
            kind = outcome.action
            extra: dict[str, Any] = {"pre_check": answers}
            if kind == "no_sample":
                extra["reason"] = outcome.reason_text()

            def write(txn):
                return site_records.new_site_record(txn, task_id, kind, extra)["id"]

            self.worker.write(write, lambda rid: self.reload(lambda: self.show_site_record(rid)))

    def show_site_record(self, record_id: str) -> None:
        self.tabs.setCurrentIndex(1)
        for i in range(self.site_list.count()):
            if self.site_list.item(i).data(Qt.ItemDataRole.UserRole)["id"] == record_id:
                self.site_list.setCurrentRow(i)
                return

    def _site_selected(self, item: QListWidgetItem | None, _previous: Any) -> None:
        if item is None:
            return
        record_id = item.data(Qt.ItemDataRole.UserRole)["id"]

        def done(record: dict[str, Any]) -> None:
            while self.site_right.count() > 1:
                widget = self.site_right.widget(1)
                self.site_right.removeWidget(widget)
                widget.deleteLater()
            self.site_record = None if record["state"] == "draft" else record
            if record["state"] == "draft":
                widget = SiteRecordForm(self.store, record, worker=self.worker)
                widget.finalized.connect(lambda rid: self.reload(lambda: self.show_site_record(rid)))
                self.form = widget
            else:
                widget = QLabel(self._site_summary(record))
                widget.setObjectName("site_summary")
                widget.setWordWrap(True)
                widget.setAlignment(Qt.AlignmentFlag.AlignTop)
            self.site_right.addWidget(widget)
            self.site_right.setCurrentWidget(widget)

        self.worker.query(lambda db: fetch(db, "site_record", record_id), done)

    def _site_summary(self, record: dict[str, Any]) -> str:
        data = record["data"]
        lines = [f"<b>{site_records.kind_label(record['kind'])} {record['number']}</b>",
                 tr("企业：{e}", "enterprise: {e}", e=(data.get("enterprise") or {}).get("name", "")),
                 tr("经过：{w}", "what happened: {w}", w=data.get("what_happened", ""))]
        if record["kind"] == "no_sample":
            lines.append(tr("原因：{r}", "reason: {r}", r=data.get("reason", "")))
        lines.append(tr("当地监管部门意见：{o}", "local bureau's opinion: {o}", o=data.get("bureau_opinion", "")))
        lines.append(tr("已定稿，内容哈希 {h}", "finalized, content hash {h}", h=(record.get("content_hash") or "")[:16] + "…"))
        return "<br>".join(lines)

    # -- custody actions ---------------------------------------------------------------------
    def open_action(self, event_type: str, part: str) -> QDialog:
        detail = self.detail.detail or {}
        sample = detail.get("sample") or {}
        if event_type == EventType.LAB_RECEIVED:
            dialog: QDialog = LabHandoverDialog(part, self.me, sample, self)
        else:
            dialog = CustodyEventDialog(event_type, part, self.me, sample, self, producer_status=detail["state"].producer_status)
        self.action_dialog = dialog
        sample_id = sample["id"]
        def record() -> None:
            request = dialog.request()
            self.worker.write_with_photos(request.get("photos", []),
                                          lambda txn, photos: record_event(txn, sample_id, request, photos),
                                          lambda _row: self.reload(lambda: self.show_sample(sample_id)), self._error)

        dialog.accepted.connect(record)
        dialog.open()
        return dialog

    def amend(self) -> None:
        sample_id = self.current_id

        def write(txn):
            drafts = [a for a in records.amendments_of(txn.db, sample_id) if a["state"] == "draft"]
            return drafts[0] if drafts else fetch(txn.db, "sample", records.create_amendment(txn, sample_id)["id"])

        def done(amendment: dict[str, Any]) -> None:
            self._drop_form()
            self.form = SampleForm(self.store, amendment, worker=self.worker)
            self.form.finalized.connect(lambda _id: self._finalized(sample_id))
            self.right.addWidget(self.form)
            self.right.setCurrentWidget(self.form)

        self.worker.write(write, done)

    def _error(self, exc: BaseException) -> None:
        self.message.setText(str(exc))
