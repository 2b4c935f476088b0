"""The inspection screen: navigator with per-section completion, item cards, header and
conclusion pages, progress and score, autosave of every change, finalize and amendment.

Every edit goes (1) into the in-memory session (live relevant/required/constraint) and
(2) to the store through the `CoalescingWriter` — no Save button. Section pages are built
on first visit, so a 200-item inspection opens with one section's widgets.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QScrollArea, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from inspector_app import checklists
from inspector_app.checklists import RESULT_CONFORM, RESULT_NA, RESULT_NONCONFORM
from inspector_app.ui import seams, style
from inspector_app.ui.inspection.editors import TextEditor
from inspector_app.ui.inspection.item_card import ItemCard
from inspector_app.ui.ops import CoalescingWriter, Ops

log = logging.getLogger(__name__)

HEADER_PAGE = "__header__"
CONCLUSION_PAGE = "__conclusion__"


class InspectionWindow(QWidget):
    """One inspection, filled with the keyboard or the mouse; closes without losing anything."""

    opened_amendment = Signal(str)      # id of a new amendment draft
    finalized = Signal(str)             # inspection id
    closed = Signal(str)

    def __init__(self, ops: Ops, session: Any, settings: Any = None, extra: dict[str, Any] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.ops = ops
        self.store = ops.store
        self.session = session
        self.settings = settings
        self.header: dict[str, Any] = session.row   # shared: header issues read it live
        self.header.update(extra or {})
        self.inspection_id: str = self.header["id"]
        self.template = session.template
        self.read_only = self.header.get("state") != "draft"
        self.writer = CoalescingWriter(ops)
        self.writer.failed.connect(self._save_failed)
        self.writer.idle_changed.connect(self._saving_changed)
        self.cards: dict[str, ItemCard] = {}
        self._pending: dict[str, list] = {}
        self._columns: dict[str, QVBoxLayout] = {}
        self.section_pages: dict[str, QScrollArea] = {}
        self.show_missing = False
        self.current_item: str | None = None
        self.numbers = self._item_numbers()
        self.setObjectName("InspectionWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1200, 820)
        self._build()
        self._install_shortcuts()
        self.refresh_summary()
        self.retranslate()
        QApplication.instance().focusChanged.connect(self._focus_changed)
        if self.settings is not None:
            geometry = self.settings.get("inspection/geometry")
            if geometry:
                self.restoreGeometry(geometry)
            state = self.settings.get("inspection/splitter")
            if state:
                self.splitter.restoreState(state)
        first = self.template.sections[0].id if self.template.sections else CONCLUSION_PAGE
        self.go_to_page(first)

    # -- construction ---------------------------------------------------------------------------
    def _item_numbers(self) -> dict[str, str]:
        numbers = {}
        for s_index, section in enumerate(self.template.sections, 1):
            for i_index, item in enumerate(section.items, 1):
                numbers[item.id] = f"{s_index}.{i_index}"
        return numbers

    def _build(self) -> None:
        self.title = QLabel()
        style.role(self.title, "title")
        self.subtitle = QLabel()
        style.role(self.subtitle, "subtitle")
        self.state_badge = QLabel()
        self.progress = style.ProgressPill()
        self.progress.setFixedWidth(180)
        self.score_label = QLabel()
        self._score_alarm: bool | None = None
        self.saving_label = QLabel()
        style.role(self.saving_label, "hint")
        self.hash_label = QLabel()
        style.role(self.hash_label, "hint")
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hash_label.setObjectName("content_hash")

        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        heading.addWidget(self.hash_label)
        top = QHBoxLayout()
        top.setContentsMargins(16, 12, 16, 10)
        top.setSpacing(14)
        top.addLayout(heading, 1)
        top.addWidget(self.state_badge)
        top.addWidget(self.progress)
        top.addWidget(self.score_label)
        top.addWidget(self.saving_label)
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("document_preview")
        self.preview_button.clicked.connect(self.open_document_preview)
        top.addWidget(self.preview_button)
        self.document_dialog: QWidget | None = None
        top_frame = QFrame()
        top_frame.setObjectName("inspection_top")
        style.role(top_frame, "top")
        top_frame.setLayout(top)

        self.nav = QListWidget()
        self.nav.setObjectName("section_nav")
        self.nav.setMinimumWidth(220)
        self.nav.setSpacing(1)
        self.nav_items: dict[str, QListWidgetItem] = {}
        for key in [HEADER_PAGE] + [s.id for s in self.template.sections] + [CONCLUSION_PAGE]:
            entry = QListWidgetItem()
            entry.setSizeHint(QSize(0, 34))
            entry.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(entry)
            self.nav_items[key] = entry
        self.nav.currentItemChanged.connect(self._nav_changed)

        self.pages = QStackedWidget()
        self.page_index: dict[str, int] = {}
        self.header_built = self.conclusion_built = False

        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 940])

        self.keys_hint = QLabel()
        style.role(self.keys_hint, "hint")
        self.keys_hint.setContentsMargins(16, 4, 16, 6)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top_frame)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.keys_hint)

    def _add_page(self, key: str, widget: QWidget) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(widget)
        self.page_index[key] = self.pages.addWidget(scroll)
        if key not in (HEADER_PAGE, CONCLUSION_PAGE):
            self.section_pages[key] = scroll

    def _build_page(self, key: str) -> None:
        """Pages are built on first visit: opening costs one section's widgets."""
        if key == HEADER_PAGE:
            self._add_page(HEADER_PAGE, self._build_header_page())
            self.header_built = True
            self._retranslate_header_page()
        elif key == CONCLUSION_PAGE:
            self._add_page(CONCLUSION_PAGE, self._build_conclusion_page())
            self.conclusion_built = True
            self._retranslate_conclusion_page()
        else:
            self._section_page(key)
            return
        self._apply_state_to_pages()

    def _ensure_page(self, key: str) -> None:
        if key not in self.page_index:
            self._build_page(key)

    FIRST_CARDS = 8     # built before the page shows (a screenful)
    CHUNK_CARDS = 4     # then a few per event-loop turn, so the UI never stalls

    def _section_page(self, section_id: str) -> QScrollArea:
        """Build a section's page on first visit: a screenful of cards now, the rest in chunks."""
        page = self.section_pages.get(section_id)
        if page is not None:
            return page
        section = self.template.section(section_id)
        body = QWidget()
        body.setObjectName(f"section_{section_id}")
        column = QVBoxLayout(body)
        column.setContentsMargins(18, 14, 18, 18)
        column.setSpacing(10)
        heading = QLabel(section.title())
        style.role(heading, "section")
        heading.setObjectName("section_title")
        column.addWidget(heading)
        column.addStretch(1)
        self._columns[section_id] = column
        self._pending[section_id] = list(section.items)
        self._build_cards(section_id, self.FIRST_CARDS)
        self._add_page(section_id, body)
        if self._pending.get(section_id):
            QTimer.singleShot(0, self, lambda: self._build_more(section_id))
        return self.section_pages[section_id]

    def _build_cards(self, section_id: str, count: int | None = None) -> None:
        pending = self._pending.get(section_id) or []
        column = self._columns[section_id]
        todo, rest = (pending, []) if count is None else (pending[:count], pending[count:])
        for item in todo:
            card = ItemCard(item, self.numbers[item.id], self._evidence_widget)
            card.load(_answer_dict(self.session.answer(item.id)), self._photos(item.id))
            card.set_state(self.session.state(item.id), self.show_missing)
            card.set_read_only(self.read_only)
            card.set_current(item.id == self.current_item)
            card.edited.connect(self._edited)
            card.evidence_changed.connect(self._evidence_changed)
            self.cards[item.id] = card
            column.insertWidget(column.count() - 1, card)
        self._pending[section_id] = rest

    def _build_more(self, section_id: str) -> None:
        if self._pending.get(section_id):
            self._build_cards(section_id, self.CHUNK_CARDS)
            if self._pending[section_id]:
                QTimer.singleShot(0, self, lambda: self._build_more(section_id))

    def card(self, item_id: str) -> ItemCard:
        """The item's card, built now if its section has not been shown yet."""
        if item_id not in self.cards:
            section_id = self.template.item(item_id).section_id
            self._ensure_page(section_id)
            self._build_cards(section_id)
        return self.cards[item_id]

    def section_ready(self, section_id: str) -> bool:
        return section_id in self.section_pages and not self._pending.get(section_id)

    def _evidence_widget(self, kind: str, item_id: str) -> QWidget:
        if kind == "signature":
            item = self.template.item(item_id)
            return seams.make("signature", self.store, "inspection", self.inspection_id, signer_role=item.signer_role)
        return seams.make("evidence", self.store, "inspection", self.inspection_id, item_id=item_id)

    def _photos(self, item_id: str) -> int:
        return int(self.session.evaluator.photos.get(item_id, 0))

    def _build_header_page(self) -> QWidget:
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(18, 14, 18, 18)
        column.setSpacing(12)
        self.header_title = QLabel()
        style.role(self.header_title, "title")
        column.addWidget(self.header_title)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        data = self.header.get("data") or {}
        self.place = QLineEdit(self.header.get("place") or "")
        self.place.setObjectName("place")
        self.place.textEdited.connect(lambda text: self._header_edited("place", text))
        self.started = QLabel(local_time(self.header.get("started_at")))
        inspectors = self._inspectors()
        chosen = list(self.header.get("inspector_ids") or [])
        self.inspector_boxes = []
        for n in range(2):
            box = QComboBox()
            box.setObjectName(f"inspector_{n + 1}")
            box.addItem("—", None)
            for person in inspectors:
                box.addItem(self.tr("{name}（执法证号 {cert}）").format(name=person["name"], cert=person["cert_no"] or "—"), person["id"])
            if n < len(chosen):
                box.setCurrentIndex(max(box.findData(chosen[n]), 0))
            box.currentIndexChanged.connect(lambda _i: self._inspectors_edited())
            self.inspector_boxes.append(box)
        self.recorder = QComboBox()
        self.recorder.setObjectName("recorder")
        self.recorder.addItem("—", None)
        for person in inspectors:
            self.recorder.addItem(person["name"], person["id"])
        self.recorder.setCurrentIndex(max(self.recorder.findData(self.header.get("recorder_id")), 0))
        self.recorder.currentIndexChanged.connect(lambda _i: self._header_edited("recorder_id", self.recorder.currentData()))
        self.notified = QLineEdit(data.get("notified_how", ""))
        self.notified.textEdited.connect(lambda text: self._data_edited("notified_how", text))
        self.credentials = QLineEdit((data.get("credentials_shown") or {}).get("answer", ""))
        self.credentials.textEdited.connect(lambda text: self._data_edited("credentials_shown", {"asked": True, "answer": text}))
        self.recusal = QLineEdit((data.get("recusal") or {}).get("answer", ""))
        self.recusal.textEdited.connect(lambda text: self._data_edited("recusal", {"asked": True, "answer": text}))
        self.hazard = QCheckBox()
        self.hazard.setChecked(bool(self.header.get("hazard")))
        self.hazard.toggled.connect(lambda on: self._header_edited("hazard", 1 if on else 0))
        self.header_labels = [QLabel() for _ in range(9)]
        for label, widget in zip(self.header_labels, (self.place, self.started, self.inspector_boxes[0], self.inspector_boxes[1],
                                                      self.recorder, self.notified, self.credentials, self.recusal, self.hazard)):
            form.addRow(label, widget)
        column.addLayout(form)
        column.addStretch(1)
        self.header_widgets = [self.place, *self.inspector_boxes, self.recorder, self.notified, self.credentials, self.recusal, self.hazard]
        return body

    def _inspectors(self) -> list[dict[str, Any]]:
        rows = self.store.read().execute("SELECT id, name, cert_no FROM inspector WHERE state = 'active' ORDER BY name").fetchall()
        return [{"id": r[0], "name": r[1], "cert_no": r[2]} for r in rows]

    def _build_conclusion_page(self) -> QWidget:
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(18, 14, 18, 18)
        column.setSpacing(10)
        self.conclusion_title = QLabel()
        style.role(self.conclusion_title, "title")
        self.findings_label = QLabel()
        self.findings = TextEditor("findings", lines=5)
        self.findings.setObjectName("findings")
        self.findings.set_value(self.header.get("findings") or "")
        self.findings.edited.connect(lambda _f, text: self._header_edited("findings", text or ""))
        self.statement_label = QLabel()
        self.statement = TextEditor("party_statement", lines=4)
        self.statement.setObjectName("party_statement")
        self.statement.set_value(self.header.get("party_statement") or "")
        self.statement.edited.connect(lambda _f, text: self._header_edited("party_statement", text or ""))
        self.read_back = QCheckBox()
        self.read_back.setChecked(bool((self.header.get("data") or {}).get("read_back_confirmed")))
        self.read_back.toggled.connect(lambda on: self._data_edited("read_back_confirmed", bool(on)))

        self.issues_title = QLabel()
        style.role(self.issues_title, "error")
        self.issues_list = QListWidget()
        self.issues_list.setObjectName("issues")
        self.issues_list.itemActivated.connect(self._issue_activated)
        self.issues_list.itemClicked.connect(self._issue_activated)
        self.issues_title.hide()
        self.issues_list.hide()

        self.finalize_button = QPushButton()
        self.finalize_button.setObjectName("finalize")
        style.role(self.finalize_button, "primary")
        self.finalize_button.clicked.connect(self.request_finalize)
        self.confirm_box = QFrame()
        style.role(self.confirm_box, "banner")
        confirm_layout = QHBoxLayout(self.confirm_box)
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirm_finalize")
        style.role(self.confirm_button, "primary")
        self.confirm_button.clicked.connect(self.finalize_now)
        self.cancel_confirm = QPushButton()
        self.cancel_confirm.clicked.connect(self.confirm_box.hide)
        confirm_layout.addWidget(self.confirm_text, 1)
        confirm_layout.addWidget(self.cancel_confirm)
        confirm_layout.addWidget(self.confirm_button)
        self.confirm_box.hide()

        self.amend_box = QFrame()
        style.role(self.amend_box, "card")
        amend_layout = QHBoxLayout(self.amend_box)
        self.amend_reason = QLineEdit()
        self.amend_reason.setObjectName("amend_reason")
        self.amend_button = QPushButton()
        self.amend_button.setObjectName("amend")
        self.amend_button.clicked.connect(self.request_amendment)
        amend_layout.addWidget(self.amend_reason, 1)
        amend_layout.addWidget(self.amend_button)

        for widget in (self.conclusion_title, self.findings_label, self.findings, self.statement_label, self.statement,
                       self.read_back, self.issues_title, self.issues_list):
            column.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.finalize_button)
        column.addLayout(buttons)
        column.addWidget(self.confirm_box)
        column.addWidget(self.amend_box)
        column.addStretch(1)
        return body

    def _install_shortcuts(self) -> None:
        def key(seq: str | QKeySequence, fn) -> None:
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(fn)

        key("Alt+1", lambda: self.answer_current(RESULT_CONFORM))
        key("Alt+2", lambda: self.answer_current(RESULT_NONCONFORM))
        key("Alt+3", lambda: self.answer_current(RESULT_NA))
        key("Ctrl+Down", lambda: self.move(1))
        key("Ctrl+Up", lambda: self.move(-1))
        key("F8", self.next_unanswered)
        key("Ctrl+Return", self.next_unanswered)
        key("Ctrl+PgDown", lambda: self.move_section(1))
        key("Ctrl+PgUp", lambda: self.move_section(-1))
        key("Ctrl+E", self.edit_note)
        key("Ctrl+Shift+F", self.request_finalize)
        key(QKeySequence.StandardKey.Close, self.close)

    # -- text --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        h = self.header
        amendment = self.tr("更正记录")
        self.title.setText(self.template.title() + (f"  ·  {amendment}" if h.get("amends_id") else ""))
        self.subtitle.setText(f"{h.get('enterprise_name') or getattr(self.session, 'enterprise_name', '') or ''}"
                              + "  ·  " + self.tr("任务 {n}").format(n=h.get("task_number") or "")
                              + "  ·  " + self.tr("模板 {t} 版本 {v}").format(t=self.template.id, v=self.template.version))
        self.setWindowTitle(self.tr("现场检查") + " — " + self.template.title())
        self.preview_button.setText(self.tr("文书预览…"))
        self.preview_button.setToolTip(self.tr("现场检查笔录：预览、签发、打印"))
        self.keys_hint.setText(self.tr("键盘：1/2/3 或 Alt+1/2/3 判定 符合/不符合/不适用 · Ctrl+↑/↓ 上/下一项 · "
                                       "F8 下一未填项 · Ctrl+PgUp/PgDn 切换部分 · Ctrl+E 备注 · 所有修改自动保存"))
        if self.header_built:
            self._retranslate_header_page()
        if self.conclusion_built:
            self._retranslate_conclusion_page()
        for card in self.cards.values():
            card.retranslate()
        self._refresh_state_badge()
        self.refresh_summary()

    def _retranslate_header_page(self) -> None:
        self.header_title.setText(self.tr("基本信息"))
        for label, text in zip(self.header_labels, (self.tr("检查地点"), self.tr("开始时间"), self.tr("检查人员 1"), self.tr("检查人员 2"),
                                                    self.tr("记录人"), self.tr("通知当事人方式"), self.tr("出示执法证件（当事人答复）"),
                                                    self.tr("是否申请回避（当事人答复）"), self.tr("重大质量安全隐患"))):
            label.setText(text)

    def _retranslate_conclusion_page(self) -> None:
        self.conclusion_title.setText(self.tr("结论与定稿"))
        self.findings_label.setText(self.tr("检查发现"))
        self.statement_label.setText(self.tr("当事人陈述申辩"))
        self.read_back.setText(self.tr("笔录已向当事人宣读/交其阅读，确认无误"))
        self.finalize_button.setText(self.tr("检查并定稿…  Ctrl+Shift+F"))
        self.confirm_text.setText(self.tr("所有必填项目均已完成。定稿后记录将不可修改，如需更正只能创建更正记录。确认定稿？"))
        self.confirm_button.setText(self.tr("确认定稿"))
        self.cancel_confirm.setText(self.tr("取消"))
        self.amend_reason.setPlaceholderText(self.tr("更正原因（必填）"))
        self.amend_button.setText(self.tr("创建更正记录"))

    def _refresh_state_badge(self) -> None:
        state = self.header.get("state", "draft")
        names = {"draft": self.tr("草稿 · 自动保存"), "finalized": self.tr("已定稿 · 只读"), "synced": self.tr("已同步 · 只读")}
        fg, bg = style.STATE_COLOURS.get(state, style.MUTED)
        self.state_badge.setText(names.get(state, state))
        style.badge(self.state_badge, (fg, bg))
        if self.header.get("content_hash"):
            self.hash_label.setText(self.tr("内容哈希 (SHA-256)：") + self.header["content_hash"])
            self.hash_label.show()
        else:
            self.hash_label.hide()
        self._apply_state_to_pages()

    def _apply_state_to_pages(self) -> None:
        draft = self.header.get("state", "draft") == "draft"
        if self.header_built:
            for widget in self.header_widgets:
                widget.setEnabled(draft)
        if self.conclusion_built:
            self.finalize_button.setVisible(draft)
            self.amend_box.setVisible(not draft)
            self.findings.set_read_only(not draft)
            self.statement.set_read_only(not draft)
            self.read_back.setEnabled(draft)

    # -- summary -------------------------------------------------------------------------------
    def refresh_summary(self) -> None:
        progress = self.session.progress()
        self.progress.set_progress(progress.answered, progress.total,
                                   self.tr("已完成 {a}/{t}").format(a=progress.answered, t=progress.total))
        score = self.session.score()
        if score.percent is None:
            self.score_label.setText(self.tr("得分 —"))
        else:
            text = self.tr("得分 {p}").format(p=f"{score.percent:g}")
            if score.nonconforming:
                text += " · " + self.tr("不符合 {n} 项").format(n=len(score.nonconforming))
            self.score_label.setText(text)
        key_failed = bool(score.key_failures)
        if self._score_alarm != key_failed:
            self._score_alarm = key_failed
            style.text_colour(self.score_label, style.BAD[0] if key_failed else style.TEXT, bold=True)
        for section in self.template.sections:
            sp = progress.sections.get(section.id)
            entry = self.nav_items[section.id]
            if sp is None or not sp.relevant:
                entry.setText(f"{section.title()}    —")
                entry.setForeground(style.colour(style.MUTED))
                continue
            mark = "✓" if sp.answered == sp.total and sp.complete else ("!" if sp.invalid or (self.show_missing and sp.missing) else "")
            entry.setText(f"{section.title()}    {sp.answered}/{sp.total} {mark}".rstrip())
            colour = style.OK if mark == "✓" else style.BAD if mark == "!" else ("#1c232b", "")
            entry.setForeground(style.colour(colour) if colour[1] else style.colour(("#1c232b", "#fff")))
        self.nav_items[HEADER_PAGE].setText(self.tr("基本信息"))
        self.nav_items[CONCLUSION_PAGE].setText(self.tr("结论与定稿"))

    # -- navigation ----------------------------------------------------------------------------
    def _nav_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self._show_page(current.data(Qt.ItemDataRole.UserRole))

    def _show_page(self, key: str) -> None:
        if key not in self.page_index:
            self._build_page(key)
        self.pages.setCurrentIndex(self.page_index[key])

    def go_to_page(self, key: str) -> None:
        self.nav.setCurrentItem(self.nav_items[key])
        self._show_page(key)

    def current_page(self) -> str:
        return self.nav.currentItem().data(Qt.ItemDataRole.UserRole)

    def go_to_item(self, item_id: str) -> ItemCard:
        """Show an item: switch to its section, scroll to it, focus its editor."""
        item = self.template.item(item_id)
        self.go_to_page(item.section_id)
        card = self.card(item_id)
        self._set_current(item_id)
        page = self.section_pages[item.section_id]
        page.widget().layout().activate()  # lay the page out now so the scroll target is known
        page.ensureWidgetVisible(card, 0, 40)
        card.focus_editor()
        return card

    def _visible_order(self) -> list[str]:
        return [i.id for i in self.template.items if self.session.state(i.id).relevant]

    def move(self, step: int) -> None:
        order = self._visible_order()
        if not order:
            return
        if self.current_item in order:
            index = order.index(self.current_item) + step
        else:
            index = 0 if step > 0 else len(order) - 1
        if 0 <= index < len(order):
            self.go_to_item(order[index])

    def move_section(self, step: int) -> None:
        keys = [HEADER_PAGE] + [s.id for s in self.template.sections] + [CONCLUSION_PAGE]
        index = keys.index(self.current_page()) + step
        if 0 <= index < len(keys):
            self.go_to_page(keys[index])

    def next_unanswered(self) -> None:
        """The next visible item without an answer (or with an issue), wrapping around."""
        order = self._visible_order()
        start = order.index(self.current_item) + 1 if self.current_item in order else 0
        for item_id in order[start:] + order[:start]:
            state = self.session.state(item_id)
            if not state.answered or state.issues:
                self.go_to_item(item_id)
                return
        self.go_to_page(CONCLUSION_PAGE)

    def answer_current(self, result: str) -> None:
        if self.read_only or self.current_item is None:
            return
        card = self.cards.get(self.current_item)
        if card is None or card.item.type != "result":
            return
        if result == RESULT_NA and not card.item.allow_na:
            return
        if card.result() != result:
            card.editor.choose(result)
        if result != RESULT_NONCONFORM:
            self.move(1)

    def edit_note(self) -> None:
        if self.current_item in self.cards:
            self.cards[self.current_item].show_note()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        widget = new
        while widget is not None and widget is not self:
            if isinstance(widget, ItemCard):
                self._set_current(widget.item_id)
                return
            widget = widget.parentWidget()

    def _set_current(self, item_id: str | None) -> None:
        if item_id == self.current_item:
            return
        if self.current_item in self.cards:
            self.cards[self.current_item].set_current(False)
        self.current_item = item_id
        if item_id in self.cards:
            self.cards[item_id].set_current(True)

    # -- editing and autosave --------------------------------------------------------------------
    def _edited(self, item_id: str, field: str, value: Any) -> None:
        if self.read_only:
            return
        self._set_current(item_id)
        changed = self.session.apply(item_id, **{field: value})
        for other in set(changed) | {item_id}:
            card = self.cards.get(other)
            if card is not None:
                card.set_state(self.session.state(other), self.show_missing)
        self.refresh_summary()
        self.writer.submit((item_id, field), checklists.set_answer, self.inspection_id, item_id, **{field: value})

    def _evidence_changed(self, item_id: str) -> None:
        """A seam widget added/removed a photo or a signature: re-count it and re-evaluate."""
        item = self.template.item(item_id)
        inspection_id = self.inspection_id

        def count(ctx):
            db = self.store.read()
            if item.type == "signature":
                return db.execute("SELECT count(*) FROM signature WHERE owner_kind = 'inspection' AND owner_id = ? AND signer_role = ?",
                                  [inspection_id, item.signer_role]).fetchone()[0]
            return db.execute(
                "SELECT count(*) FROM attachment WHERE owner_kind = 'inspection' AND owner_id = ? AND item_id = ?"
                " AND removed_at IS NULL AND role = 'photo'", [inspection_id, item_id]).fetchone()[0]

        def done(n: int) -> None:
            if item.type == "signature":
                changed = self.session.set_signatures(item.signer_role, n)
            else:
                changed = self.session.set_evidence(item_id, n)
                if item_id in self.cards:
                    self.cards[item_id].set_photos(n)
            for other in set(changed) | {item_id}:
                if other in self.cards:
                    self.cards[other].set_state(self.session.state(other), self.show_missing)
            self.refresh_summary()

        self.ops.query(count, on_success=done)

    def _header_edited(self, field: str, value: Any) -> None:
        if self.read_only:
            return
        self.header[field] = value
        self.writer.submit(("header", field), checklists.update_header, self.inspection_id, **{field: value})

    def _data_edited(self, key: str, value: Any) -> None:
        if self.read_only:
            return
        data = dict(self.header.get("data") or {})
        data[key] = value
        self.header["data"] = data
        self.writer.submit(("data", key), checklists.update_header, self.inspection_id, data={key: value})

    def _inspectors_edited(self) -> None:
        ids = [box.currentData() for box in self.inspector_boxes if box.currentData()]
        self._header_edited("inspector_ids", ids)

    def _saving_changed(self, idle: bool) -> None:
        self.saving_label.setText(self.tr("已保存") if idle else self.tr("正在保存…"))

    def _save_failed(self, key: Any, exc: BaseException) -> None:
        log.error("autosave of %s failed: %s", key, exc)
        self.saving_label.setText(self.tr("保存失败：{e}").format(e=exc))
        style.text_colour(self.saving_label, style.BAD[0], bold=True)

    # -- finalize ------------------------------------------------------------------------------
    def validation_issues(self) -> list[Any]:
        return list(self.session.validate())

    def request_finalize(self) -> None:
        """Validate; list every issue and jump to the first, or ask for confirmation."""
        if self.read_only:
            return
        issues = self.validation_issues()
        self._ensure_page(CONCLUSION_PAGE)
        self.show_missing = True
        for item_id, card in self.cards.items():
            card.set_state(self.session.state(item_id), True)
        self.refresh_summary()
        self.go_to_page(CONCLUSION_PAGE)
        self._show_issues(issues)
        if issues:
            self.confirm_box.hide()
            first = issues[0]
            if first.item_id:
                self.go_to_item(first.item_id)
            else:
                self.go_to_page(HEADER_PAGE)
        else:
            self.confirm_box.show()
            self.confirm_button.setFocus()

    def _show_issues(self, issues: list[Any]) -> None:
        self.issues_list.clear()
        for issue in issues:
            if issue.item_id:
                item = self.template.item(issue.item_id)
                text = f"{self.numbers[issue.item_id]}  {item.label()} — {issue.message}"
            else:
                general = self.tr("基本信息")
                text = f"{general} — {issue.message}"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, issue.item_id)
            entry.setForeground(style.colour(style.BAD))
            self.issues_list.addItem(entry)
        self.issues_title.setText(self.tr("尚有 {n} 处需要完成或更正（点击跳转）：").format(n=len(issues)))
        self.issues_title.setVisible(bool(issues))
        self.issues_list.setVisible(bool(issues))
        self.issues_list.setFixedHeight(min(28 * len(issues) + 8, 260))

    def _issue_activated(self, entry: QListWidgetItem) -> None:
        item_id = entry.data(Qt.ItemDataRole.UserRole)
        if item_id:
            self.go_to_item(item_id)
        else:
            self.go_to_page(HEADER_PAGE)

    def finalize_now(self) -> None:
        """Wait for pending autosaves, then finalize on the writer (FIFO keeps the order)."""
        self.confirm_box.hide()
        self.finalize_button.setEnabled(False)
        inspection_id = self.inspection_id
        ops, finalized, failed = self.ops, self._finalized, self._finalize_failed
        self.writer.when_idle(lambda: ops.write(checklists.finalize, inspection_id, on_success=finalized, on_failure=failed))

    def _finalized(self, row: Any) -> None:
        self._ensure_page(CONCLUSION_PAGE)
        self.finalize_button.setEnabled(True)
        if isinstance(row, dict):
            self.header.update({k: v for k, v in row.items() if k in ("state", "content_hash", "finalized_at", "score", "number")})
        self.header.setdefault("state", "finalized")
        if self.header.get("state") == "draft":
            self.header["state"] = "finalized"
        self.read_only = True
        for card in self.cards.values():
            card.set_read_only(True)
        self.issues_title.hide()
        self.issues_list.hide()
        self._refresh_state_badge()
        self.finalized.emit(self.inspection_id)

    def _finalize_failed(self, exc: BaseException) -> None:
        self._ensure_page(CONCLUSION_PAGE)
        self.finalize_button.setEnabled(True)
        issues = getattr(exc, "issues", None)
        if issues:
            self._show_issues(list(issues))
            first = issues[0]
            if first.item_id:
                self.go_to_item(first.item_id)
            return
        self.issues_title.setText(self.tr("定稿失败：{e}").format(e=exc))
        self.issues_title.show()

    def request_amendment(self) -> None:
        reason = self.amend_reason.text().strip()
        if not reason:
            self.amend_reason.setFocus()
            self.amend_reason.setPlaceholderText(self.tr("请先填写更正原因"))
            return
        self.amend_button.setEnabled(False)
        self.ops.write(checklists.amend, self.inspection_id, reason=reason,
                       on_success=self._amended, on_failure=self._amend_failed)

    def _amended(self, new_id: str) -> None:
        self.amend_button.setEnabled(True)
        self.opened_amendment.emit(new_id)

    def _amend_failed(self, exc: BaseException) -> None:
        self.amend_button.setEnabled(True)
        self.issues_title.setText(self.tr("无法创建更正记录：{e}").format(e=exc))
        self.issues_title.show()

    def open_document_preview(self) -> None:
        """The 现场检查笔录 of this inspection in the documents area's preview dialog (a draft
        shows a watermarked preview; issuing is for finalized records)."""
        dialog_cls = seams.cls("document_dialog")
        if dialog_cls is None:
            return

        def open_now() -> None:   # after pending autosaves, so the preview shows what is on screen
            try:
                self.document_dialog = dialog_cls(self.store, "inspection_record", self.inspection_id, self)
            except Exception as exc:  # noqa: BLE001 - the rest of the screen keeps working
                log.exception("document preview failed")
                self.saving_label.setText(self.tr("文书预览失败：{e}").format(e=exc))
                return
            self.document_dialog.show()

        self.writer.when_idle(open_now)

    # -- lifecycle -------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.settings is not None:
            self.settings.set("inspection/splitter", self.splitter.saveState())
            self.settings.set("inspection/geometry", self.saveGeometry())
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
        except (RuntimeError, TypeError):
            pass
        self.closed.emit(self.inspection_id)
        super().closeEvent(event)


def local_time(utc_iso: str | None) -> str:
    """UTC ISO-8601 from the store, shown in the computer's local time."""
    if not utc_iso:
        return "—"
    from PySide6.QtCore import QDateTime

    moment = QDateTime.fromString(utc_iso.replace("Z", "+00:00"), Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        moment = QDateTime.fromString(utc_iso.replace("Z", "+00:00"), Qt.DateFormat.ISODate)
    return moment.toLocalTime().toString("yyyy-MM-dd HH:mm:ss") if moment.isValid() else utc_iso


def _answer_dict(answer: Any) -> dict[str, Any]:
    if answer is None:
        return {}
    if isinstance(answer, dict):
        return answer
    return {"result": getattr(answer, "result", None), "value": getattr(answer, "value", None), "note": getattr(answer, "note", "")}

