"""One checklist item on screen: label, legal basis, the answer editor, note, evidence, issues."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from inspector_app.ui import style
from inspector_app.checklists import RESULT_NONCONFORM
from inspector_app.ui import seams
from inspector_app.ui.inspection.editors import (
    DateEditor, Editor, MultipleEditor, NumberEditor, ResultEditor, SingleEditor, TextEditor,
)


def make_editor(item: Any) -> Editor | None:
    """The editor of an item's answer type (photo and signature items use the seams instead)."""
    kind = item.type
    if kind == "result":
        return ResultEditor(allow_na=item.allow_na)
    if kind == "text":
        return TextEditor("value", lines=2)
    if kind == "number":
        return NumberEditor(item.unit)
    if kind == "date":
        return DateEditor()
    options = [(o.value, item.option_label(o.value)) for o in item.options]
    if kind == "single":
        return SingleEditor(options)
    if kind == "multiple":
        return MultipleEditor(options)
    return None


class WrapLabel(QLabel):
    """A word-wrapped label that remembers its height for each width.

    QLabel lays its whole text out again on every height-for-width query, and a page of cards
    is asked again whenever one card changes height (an issue line appears, a note opens) —
    most of the cost of answering an item. Anything that changes the text's layout clears it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._heights: dict[int, int] = {}

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def setText(self, text: str) -> None:  # noqa: N802
        if text != self.text():
            self._heights.clear()
        super().setText(text)

    def setTextFormat(self, fmt) -> None:  # noqa: N802
        self._heights.clear()
        super().setTextFormat(fmt)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802
        self._heights.clear()
        super().setWordWrap(on)

    def setMargin(self, margin: int) -> None:  # noqa: N802
        self._heights.clear()
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:  # noqa: N802
        self._heights.clear()
        super().setIndent(indent)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange):
            self._heights.clear()
        super().changeEvent(event)


class ItemCard(QFrame):
    """Emits `edited(item_id, field, value)`; the inspection window stores it."""

    edited = Signal(str, str, object)
    evidence_changed = Signal(str)

    def __init__(self, item: Any, number: str, evidence_factory: Callable[[str, str], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.item_id = item.id
        self.setProperty("role", "item")
        self._look = "normal"
        self.setObjectName(f"item_{item.id}")
        self._evidence_factory = evidence_factory
        self.evidence: QWidget | None = None
        self._answer: dict[str, Any] = {"result": None, "value": None, "note": ""}
        self._read_only = False
        self.invalid = False
        self.current = False

        self.title = WrapLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.number = number
        self.basis = WrapLabel()
        self.basis.setWordWrap(True)
        style.role(self.basis, "hint")
        self.basis.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issues = WrapLabel()
        style.role(self.issues, "error")
        self.issues.setWordWrap(True)
        self.issues.hide()

        self.editor = make_editor(item)
        if self.editor is not None:
            self.editor.edited.connect(lambda field, value: self._edited(field, value))

        self._note: TextEditor | None = None   # built when first needed (keeps opening fast)
        self.note_button = QToolButton()
        self.note_button.setAutoRaise(True)
        self.note_button.clicked.connect(self.show_note)
        self.photo_button = QToolButton()
        self.photo_button.setAutoRaise(True)
        self.photo_button.clicked.connect(self.toggle_evidence)
        self.photo_count = 0

        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        if self.editor is not None:
            tools.addWidget(self.editor, 1)
        else:
            tools.addStretch(1)
        tools.addWidget(self.note_button)
        tools.addWidget(self.photo_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.basis)
        layout.addLayout(tools)
        self._layout = layout
        if item.type in ("photo", "signature"):
            self.photo_button.hide()
            self.ensure_evidence()
        layout.addWidget(self.issues)
        self.retranslate()

    # -- text ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        item = self.item
        marks = []
        if item.key:
            key_item = self.tr("关键项")
            marks.append(f"<span style='color:#a1221b; font-weight:600'>[{key_item}]</span>")
        required = self._required if hasattr(self, "_required") else item.required
        star = " <span style='color:#a1221b'>*</span>" if required else ""
        self.title.setText(f"<span style='color:#5f6b7a'>{self.number}</span>&nbsp;&nbsp;"
                           f"<b>{_escape(item.label())}</b>{star} {' '.join(marks)}")
        basis = item.basis()
        hint = item.hint()
        parts = []
        if basis:
            parts.append(self.tr("依据：") + basis)
        if hint:
            parts.append(hint)
        self.basis.setText("\n".join(parts))
        self.basis.setVisible(bool(parts))
        if self._note is not None:
            self._note.edit.setPlaceholderText(self.tr("事实与备注（判定“不符合”时必须写明事实）"))
        self.note_button.setText(self.tr("备注"))
        self.note_button.setToolTip(self.tr("添加备注 (Ctrl+E)"))
        self._update_photo_button()
        if isinstance(self.editor, ResultEditor):
            self.editor.retranslate()

    def _update_photo_button(self) -> None:
        self.photo_button.setText(self.tr("照片 {n}").format(n=self.photo_count) if self.photo_count else self.tr("照片"))

    # -- values -------------------------------------------------------------------------------
    def load(self, answer: dict[str, Any], photos: int = 0) -> None:
        self._answer = {"result": answer.get("result"), "value": answer.get("value"), "note": answer.get("note") or ""}
        if self.editor is not None:
            self.editor.set_value(self._answer["result"] if self.item.type == "result" else self._answer["value"])
        if self._note is not None:
            self._note.set_value(self._answer["note"])
        self.photo_count = photos
        self._update_photo_button()
        self._sync_note_visibility()

    def _edited(self, field: str, value: Any) -> None:
        self._answer[field] = value
        if field == "result":
            self._sync_note_visibility(focus=value == RESULT_NONCONFORM)
        self.edited.emit(self.item_id, field, value)

    @property
    def note(self) -> TextEditor:
        """The note editor (created on first use, placed under the answer)."""
        if self._note is None:
            note = TextEditor("note", lines=2)
            note.edit.setPlaceholderText(self.tr("事实与备注（判定“不符合”时必须写明事实）"))
            note.set_value(self._answer["note"])
            note.set_read_only(self._read_only)
            note.edited.connect(lambda field, value: self._edited(field, value))
            self._layout.insertWidget(3, note)
            self._note = note
        return self._note

    def _sync_note_visibility(self, focus: bool = False) -> None:
        show = bool(self._answer["note"]) or self._answer["result"] == RESULT_NONCONFORM
        if show:
            self.note.show()
            self.note_button.hide()
        if focus and not self._read_only and self._note is not None:
            self._note.edit.setFocus()

    def show_note(self) -> None:
        self.note.show()
        self.note_button.hide()
        self.note.edit.setFocus()

    def ensure_evidence(self) -> QWidget:
        """Build the evidence (or signature) seam widget on first use — keeps opening fast."""
        if self.evidence is None:
            self.evidence = self._evidence_factory(self.item.type, self.item_id)
            self._layout.insertWidget(self._layout.count() - (1 if self.issues.parent() is self else 0), self.evidence)
            changed = getattr(self.evidence, "changed", None)
            if changed is not None and hasattr(changed, "connect"):
                changed.connect(lambda *_: self.evidence_changed.emit(self.item_id))
        return self.evidence

    def toggle_evidence(self) -> None:
        widget = self.ensure_evidence()
        widget.setVisible(not widget.isVisible() if widget.isVisibleTo(self) else True)

    def set_photos(self, count: int) -> None:
        self.photo_count = count
        self._update_photo_button()

    def result(self) -> str | None:
        return self._answer["result"]

    def answer(self) -> dict[str, Any]:
        return dict(self._answer)

    # -- state --------------------------------------------------------------------------------
    def set_state(self, state: Any, show_missing: bool) -> None:
        """Apply the evaluator's state: visibility, required mark, issues."""
        self.setVisible(state.relevant)
        if getattr(self, "_required", None) != state.required:
            self._required = state.required
            self.retranslate()
        shown = [i for i in state.issues if show_missing or i.code != "missing"]
        self.issues.setText("\n".join("• " + i.message for i in shown))
        self.issues.setVisible(bool(shown))
        self.invalid = bool(shown)
        self._update_look()

    def set_current(self, current: bool) -> None:
        self.current = current
        self._update_look()

    def _update_look(self) -> None:
        look = "invalid" if self.invalid else "current" if self.current else "normal"
        if look != self._look:
            self._look = look
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        style.paint_card(self, painter, self._look)
        painter.end()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if self.editor is not None:
            self.editor.set_read_only(read_only)
        if self._note is not None:
            self._note.set_read_only(read_only)
        self.note_button.setEnabled(not read_only)
        seams.call_if(self.evidence, "set_read_only", read_only) if self.evidence is not None else None

    def focus_editor(self) -> None:
        target = self.editor.focus_target() if self.editor is not None else self.note_button
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
