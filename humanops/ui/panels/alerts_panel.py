"""Alerts raised by adopted trigger rules. Until the analysis engine has made its
``humanops_alerts`` table the panel says so plainly instead of showing an empty list that
could be read as "all clear"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.store.app_tables import newest_rows, table_columns

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

ALERTS_TABLE = "humanops_alerts"
NO_RULES = QT_TRANSLATE_NOOP("AlertsPanel", "No alerts: no trigger rules adopted")  # shown translated
MAX_ROWS = 1000


class AlertsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.empty = QLabel(self.tr(NO_RULES), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.refresh()

    def has_alerts_table(self) -> bool:
        if self.workspace is None:
            return False
        return bool(table_columns(self.workspace, ALERTS_TABLE))

    def refresh(self) -> None:
        if not self.has_alerts_table():
            self.empty.setText(self.tr(NO_RULES) if self.workspace is not None else self.tr("No workspace open"))
            self.stack.setCurrentWidget(self.empty)
            return
        # Newest first when the table has a time or id column to order by.
        columns, rows = newest_rows(self.workspace, ALERTS_TABLE, MAX_ROWS)  # type: ignore[arg-type]
        if not rows:
            self.empty.setText(self.tr("No alerts: the adopted trigger rules have not fired"))
            self.stack.setCurrentWidget(self.empty)
            return
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels([c.replace("_", " ") for c in columns])
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                text = "" if value is None else str(value)
                item = QTableWidgetItem(text)
                if len(text) > 40:
                    item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.stack.setCurrentWidget(self.table)

    def alert_count(self) -> int:
        return self.table.rowCount() if self.stack.currentWidget() is self.table else 0
