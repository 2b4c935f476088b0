"""The pre-sampling check: every condition of rules.md as a yes/no question, and the way on.

`PrecheckDialog(mode, parent)`; after `exec()`, `outcome` is a `custody.precheck.Outcome`
(`proceed`, `refusal` or `no_sample`) and `answers` the dict stored in `sample.data.pre_check`.
Buttons offer only what the answers allow: start sampling, refusal record, no-sample record.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFrame, QGridLayout, QHBoxLayout, QLabel,
                               QPushButton, QRadioButton, QVBoxLayout, QWidget)

from inspector_app.custody import precheck
from inspector_app.i18n import tr

GROUP_TITLES = {"ours": ("抽样人员与程序", "Samplers and procedure"), "product": ("产品是否可抽", "Can this product be sampled"),
                "party": ("企业态度", "The enterprise")}


class PrecheckDialog(QDialog):
    def __init__(self, mode: str = "production", answers: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.mode = mode
        self.setWindowTitle(self.tr("抽样前检查"))
        self.setMinimumWidth(620)
        self.answers: dict[str, bool | None] = {c.id: None for c in precheck.conditions_for(mode)}
        self.answers.update({k: v for k, v in (answers or {}).items() if k in self.answers})
        self.outcome = precheck.evaluate(mode, self.answers)
        self.groups: dict[str, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("逐项确认。任何一项为“否”时，软件会引导您填写相应的记录，而不是抽样单。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        row = 0
        last_group = None
        for condition in precheck.conditions_for(mode):
            if condition.group != last_group:
                title = QLabel(f"<b>{tr(*GROUP_TITLES[condition.group])}</b>")
                grid.addWidget(title, row, 0, 1, 3)
                row += 1
                last_group = condition.group
            label = QLabel(condition.label)
            label.setWordWrap(True)
            yes, no = QRadioButton(self.tr("是")), QRadioButton(self.tr("否"))
            yes.setObjectName(f"yes_{condition.id}")
            no.setObjectName(f"no_{condition.id}")
            group = QButtonGroup(self)
            group.addButton(yes, 1)
            group.addButton(no, 0)
            value = self.answers.get(condition.id)
            if value is True:
                yes.setChecked(True)
            elif value is False:
                no.setChecked(True)
            group.idClicked.connect(lambda button_id, cid=condition.id: self._answer(cid, bool(button_id)))
            self.groups[condition.id] = group
            grid.addWidget(label, row, 0)
            grid.addWidget(yes, row, 1)
            grid.addWidget(no, row, 2)
            row += 1
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        self.message = QLabel()
        self.message.setObjectName("precheck_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.all_yes = QPushButton(self.tr("全部为“是”"))
        self.all_yes.clicked.connect(self.answer_all_yes)
        self.start = QPushButton(self.tr("开始抽样"))
        self.start.setObjectName("start_sampling")
        self.refusal = QPushButton(self.tr("填写拒检认定书"))
        self.refusal.setObjectName("to_refusal")
        self.no_sample = QPushButton(self.tr("填写未抽到样品确认书"))
        self.no_sample.setObjectName("to_no_sample")
        for button in (self.start, self.refusal, self.no_sample):
            button.clicked.connect(self.accept)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.rejected.connect(self.reject)
        buttons.addWidget(self.all_yes)
        buttons.addStretch(1)
        for widget in (self.start, self.refusal, self.no_sample, cancel):
            buttons.addWidget(widget)
        layout.addLayout(buttons)
        self._update()

    def set_answer(self, condition_id: str, value: bool) -> None:
        self.groups[condition_id].button(1 if value else 0).setChecked(True)
        self._answer(condition_id, value)

    def answer_all_yes(self) -> None:
        for cid in self.answers:
            self.set_answer(cid, True)

    def _answer(self, condition_id: str, value: bool) -> None:
        self.answers[condition_id] = value
        self._update()

    def _update(self) -> None:
        self.outcome = precheck.evaluate(self.mode, self.answers)
        action = self.outcome.action
        self.start.setVisible(action == "proceed")
        self.refusal.setVisible(action == "refusal")
        self.no_sample.setVisible(action == "no_sample")
        colour = {"proceed": "#15803d", "fix": "#b91c1c", "refusal": "#b45309", "no_sample": "#b45309"}.get(action, "#374151")
        self.message.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.message.setText(self.outcome.message())
