"""One editor per answer type. Each emits `edited(field, value)` when the user changes it
and accepts `set_value(...)` silently (no signal) when loading."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QToolButton,
    QVBoxLayout, QWidget,
)

from inspector_app.ui import style
from inspector_app.checklists import RESULT_CONFORM, RESULT_NA, RESULT_NONCONFORM, RESULTS

RESULT_KEYS = {Qt.Key.Key_1: RESULT_CONFORM, Qt.Key.Key_2: RESULT_NONCONFORM, Qt.Key.Key_3: RESULT_NA}
NULL_DATE = QDate(1900, 1, 1)
RESULT_BUTTON_MIN_WIDTH = 84


class Editor(QWidget):
    edited = Signal(str, object)        # field ("result" | "value" | "note"), value

    def set_value(self, value: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)


class ResultEditor(Editor):
    """符合 / 不符合 / 不适用 as toggle buttons; keys 1/2/3 when focused, click again to clear."""

    def __init__(self, allow_na: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for key, result in zip("123", RESULTS):
            button = QToolButton()
            button.setCheckable(True)
            button.setProperty("role", "result")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setProperty("result", result)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.installEventFilter(self)
            self.buttons[result] = button
            self.group.addButton(button)
            layout.addWidget(button)
            if result == RESULT_NA and not allow_na:
                button.setVisible(False)
        layout.addStretch(1)
        self.group.buttonClicked.connect(self._clicked)
        self._value: str | None = None
        self.retranslate()

    def retranslate(self) -> None:
        names = {RESULT_CONFORM: self.tr("符合"), RESULT_NONCONFORM: self.tr("不符合"), RESULT_NA: self.tr("不适用")}
        for key, (result, button) in zip("123", self.buttons.items()):
            button.setText(f"{names[result]}  {key}")
            button.setToolTip(self.tr("快捷键 {k} 或 Alt+{k}").format(k=key))
            _fix_size_for_bold(button)

    def set_value(self, value: Any) -> None:
        self._value = value if value in RESULTS else None
        for result, button in self.buttons.items():
            checked = result == self._value
            button.setChecked(checked)
            style.result_button(button, result, checked)

    def choose(self, result: str | None) -> None:
        """Select (or clear with None / the same result) and report it."""
        new = None if result == self._value else result
        self.set_value(new)
        self.edited.emit("result", new)

    def _clicked(self, button: QToolButton) -> None:
        result = button.property("result")
        self.choose(result)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            result = RESULT_KEYS.get(Qt.Key(event.key()))
            if result is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                if self.buttons[result].isVisible() and self.isEnabled():
                    self.choose(result)
                    return True
        return super().eventFilter(watched, event)

    def focus_target(self) -> QWidget:
        return self.buttons[self._value] if self._value else self.buttons[RESULT_CONFORM]

    @property
    def value(self) -> str | None:
        return self._value


def _fix_size_for_bold(button: QToolButton) -> None:
    """Give a result button the fixed size of its bold (chosen) look: switching the font then
    changes no size hint, so answering repaints the buttons instead of re-laying out the
    card and the page under it (Qt does not propagate geometry changes of fixed-size widgets)."""
    text = button.text()
    current = button.font()
    regular, bold = QFont(current), QFont(current)
    regular.setBold(False)
    bold.setBold(True)
    width_of = lambda font: QFontMetrics(font).horizontalAdvance(text)  # noqa: E731
    button.setMinimumSize(0, 0)
    button.setMaximumSize(16777215, 16777215)
    hint = button.sizeHint()
    base = hint.width() - (width_of(current) - width_of(regular))
    button.setFixedSize(max(RESULT_BUTTON_MIN_WIDTH, base + width_of(bold) - width_of(regular)), hint.height())


class TextEditor(Editor):
    def __init__(self, field: str = "value", placeholder: str = "", lines: int = 3, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setFixedHeight(12 + lines * self.edit.fontMetrics().lineSpacing())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self._changed)
        self._loading = False

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.edit.toPlainText():
            self._loading = True
            self.edit.setPlainText(text)
            self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            text = self.edit.toPlainText()
            self.edited.emit(self.field, text if (text or self.field == "note") else None)

    def focus_target(self) -> QWidget:
        return self.edit

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class NumberEditor(Editor):
    """A number with its unit; empty means not answered (a spin box cannot be empty)."""

    def __init__(self, unit: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        validator = QDoubleValidator(self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        validator.setLocale(QLocale.c())
        self.edit.setValidator(validator)
        self.edit.setMaximumWidth(180)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        if unit:
            layout.addWidget(QLabel(unit))
        layout.addStretch(1)
        self.edit.textEdited.connect(self._changed)

    def set_value(self, value: Any) -> None:
        if value is None:
            self.edit.setText("")
        else:
            number = float(value)
            self.edit.setText(str(int(number)) if number.is_integer() else repr(number))

    def _changed(self, text: str) -> None:
        text = text.strip()
        if not text:
            self.edited.emit("value", None)
            return
        try:
            number = float(text)
        except ValueError:
            return  # incomplete input such as "-" or "1e"; wait for more keystrokes
        self.edited.emit("value", int(number) if number.is_integer() and "." not in text else number)

    def focus_target(self) -> QWidget:
        return self.edit

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class DateEditor(Editor):
    """ISO date; the minimum date stands for 'not answered'."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(NULL_DATE)
        self.edit.setSpecialValueText("—")
        self.edit.setDate(NULL_DATE)
        self.edit.setMaximumWidth(180)
        self.clear = QToolButton()
        self.clear.setText("×")
        self.today = QToolButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.today)
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self.edit.dateChanged.connect(self._changed)
        self.clear.clicked.connect(lambda: self.edit.setDate(NULL_DATE))
        self.today.clicked.connect(lambda: self.edit.setDate(QDate.currentDate()))
        self._loading = False
        self.today.setText(self.tr("今天"))

    def set_value(self, value: Any) -> None:
        self._loading = True
        self.edit.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else NULL_DATE)
        self._loading = False

    def _changed(self, qdate: QDate) -> None:
        if not self._loading:
            self.edited.emit("value", None if qdate == NULL_DATE else qdate.toString("yyyy-MM-dd"))

    def focus_target(self) -> QWidget:
        return self.edit


class SingleEditor(Editor):
    def __init__(self, options: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.addItem("—", None)
        for value, label in options:
            self.combo.addItem(label, value)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(self._index_changed)
        self._loading = False
        self._last: Any = None

    def _index_changed(self, index: int) -> None:
        value = self.combo.itemData(index)
        if not self._loading and value != self._last:
            self._last = value
            self.edited.emit("value", value)

    def set_value(self, value: Any) -> None:
        self._loading = True
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        self._last = value
        self._loading = False

    def focus_target(self) -> QWidget:
        return self.combo


class MultipleEditor(Editor):
    def __init__(self, options: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for value, label in options:
            box = QCheckBox(label)
            box.toggled.connect(self._changed)
            self.boxes[value] = box
            layout.addWidget(box)
        self._loading = False

    def set_value(self, value: Any) -> None:
        self._loading = True
        chosen = set(value or [])
        for key, box in self.boxes.items():
            box.setChecked(key in chosen)
        self._loading = False

    def _changed(self, _checked: bool) -> None:
        if not self._loading:
            chosen = [key for key, box in self.boxes.items() if box.isChecked()]
            self.edited.emit("value", chosen or None)

    def focus_target(self) -> QWidget:
        return next(iter(self.boxes.values()), self)
