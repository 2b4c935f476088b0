"""Model/View for the sample list: rows come from `custody.listing.list_rows` (loaded off the UI
thread), filtered by text, stage and mode in a proxy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from inspector_app.custody.records import mode_label
from inspector_app.custody.status import stage_label
from inspector_app.i18n import parenthetical, separated
from inspector_app.ui.rows_model import RowsTableModel

STAGE_COLOURS = {
    "drawn": "#6b7280", "sealed": "#2563eb", "stored": "#0e7490", "shipped": "#7c3aed", "at_lab": "#0369a1",
    "rejected": "#b91c1c", "tested_pass": "#15803d", "tested_fail": "#b91c1c", "result_served": "#a16207",
    "objection": "#c2410c", "retested_pass": "#15803d", "retested_fail": "#b91c1c", "disposed": "#4b5563",
}


class SampleListModel(RowsTableModel):
    COLUMNS = ("number", "test", "backup", "deadline", "product", "enterprise", "mode", "sampled_at", "state")

    def headers(self) -> list[str]:
        return [self.tr("抽样单编号"), self.tr("检验样"), self.tr("备用样"), self.tr("期限"), self.tr("产品"), self.tr("受检单位"),
                self.tr("抽样方式"), self.tr("抽样时间"), self.tr("记录状态")]

    def cell(self, row: dict[str, Any], column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in ("test", "backup"):
            return QBrush(QColor(STAGE_COLOURS.get(row[column], "#111827")))
        if role == Qt.ItemDataRole.ToolTipRole and column in ("number",) and row.get("seals"):
            return self.tr("封条：") + separated(row["seals"])
        return None

    def _text(self, row: dict[str, Any], column: str) -> str:
        if column in ("test", "backup"):
            return stage_label(row[column])
        if column == "mode":
            return mode_label(row["mode"])
        if column == "sampled_at":
            return _local(row.get("sampled_at"))
        if column == "deadline":
            if row.get("objection_until"):
                return self.tr("异议期至 %1").replace("%1", row["objection_until"])
            return row.get("next_deadline") or ""
        if column == "state":
            text = {"draft": self.tr("草稿"), "finalized": self.tr("已定稿"), "synced": self.tr("已同步")}.get(row["state"], row["state"])
            return text + (parenthetical(self.tr("更正 %n", "", row["amendments"])) if row.get("amendments") else "")
        return str(row.get(column) or "")


def _local(value: str | None) -> str:
    if not value:
        return ""
    from inspector_app.domain.ids import parse_utc

    return parse_utc(value).astimezone().strftime("%Y-%m-%d %H:%M")


class SampleFilterProxy(QSortFilterProxyModel):
    """Text (number, product, enterprise, seal), stage of either part, and mode."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.stage = ""
        self.mode = ""
        self.setSortRole(Qt.ItemDataRole.DisplayRole)

    def set_filters(self, text: str | None = None, stage: str | None = None, mode: str | None = None) -> None:
        self.beginFilterChange()
        if text is not None:
            self.text = text.strip().upper()
        if stage is not None:
            self.stage = stage
        if mode is not None:
            self.mode = mode
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        row = self.sourceModel().rows[source_row]
        if self.stage and self.stage not in (row["test"], row["backup"]):
            return False
        if self.mode and row["mode"] != self.mode:
            return False
        if self.text:
            haystack = " ".join([row["number"], row["product"], row["enterprise"], row.get("brand") or "", *row.get("seals", [])]).upper()
            return self.text in haystack
        return True
