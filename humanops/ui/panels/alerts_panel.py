"""The alerts raised by the adopted trigger rules: level colours, the rule, the features that fired it.

One panel in the window's Alerts dock, whatever the workspace holds: until the analysis engine has
made its ``humanops_alerts`` table it says so plainly instead of showing an empty list that could
be read as "all clear"; a table of that name another tool made is listed as it is. The engine's
alerts are shown once the planning controller has given the panel its trigger watch
(:meth:`AlertsPanel.attach_watch`); each refresh then first lets the watch catch up with changes
made through other connections (imports), so what is listed is current.

Selecting an alert selects its features on the map; clicking one of them in the list selects
and zooms to it. Acknowledge marks an alert as seen (it stays listed until its condition no
longer holds); Export CAP… writes it as a CAP 1.2 message (status ``Exercise`` in a scenario or
exercise workspace, ``Actual`` otherwise).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.store.app_tables import newest_rows, table_columns
from humanops.store.open_target import workspace_file
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count, format_datetime

if TYPE_CHECKING:
    from humanops.analysis.triggers import Alert
    from humanops.store.workspace import Workspace
    from humanops.ui.planning.trigger_watch import TriggerWatch

ALERTS_TABLE = "humanops_alerts"
NO_RULES = QT_TRANSLATE_NOOP("AlertsPanel", "No alerts: no trigger rules adopted")  # shown translated
MAX_ROWS = 1000

LEVEL_COLOURS = {"critical": ("#7a0c2e", "#ffffff"), "high": ("#d9342b", "#ffffff"),
                 "medium": ("#f39c34", "#1a1a1a"), "low": ("#f2d64b", "#1a1a1a")}
COLUMNS = (QT_TRANSLATE_NOOP("AlertsPanel", "Level"), QT_TRANSLATE_NOOP("AlertsPanel", "State"),
           QT_TRANSLATE_NOOP("AlertsPanel", "Rule"), QT_TRANSLATE_NOOP("AlertsPanel", "Headline"),
           QT_TRANSLATE_NOOP("AlertsPanel", "Features"), QT_TRANSLATE_NOOP("AlertsPanel", "Last fired"))
# The engine's alert levels and states, as the table shows them (stored in English).
WORDS = {"critical": QT_TRANSLATE_NOOP("AlertsPanel", "critical"),
         "high": QT_TRANSLATE_NOOP("AlertsPanel", "high"),
         "medium": QT_TRANSLATE_NOOP("AlertsPanel", "medium"),
         "low": QT_TRANSLATE_NOOP("AlertsPanel", "low"),
         "active": QT_TRANSLATE_NOOP("AlertsPanel", "active"),
         "acknowledged": QT_TRANSLATE_NOOP("AlertsPanel", "acknowledged"),
         "resolved": QT_TRANSLATE_NOOP("AlertsPanel", "resolved")}


def shown(word: str) -> str:
    """A level or state in the UI's language (one the engine adds later: as it is)."""
    return QCoreApplication.translate("AlertsPanel", WORDS[word]) if word in WORDS else word


MAX_FEATURES_LISTED = 200


class AlertsPanel(QWidget):
    featureChosen = Signal(str, str)  # layer, uuid: select and zoom on the map
    featuresChosen = Signal(object)  # {layer: {uuid}}: select on the map
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alerts_panel")
        self.workspace: Workspace | None = None
        self.watch: TriggerWatch | None = None  # given by the planning controller (attach_watch)
        self.alerts: list[Alert] = []
        # a workspace without the engine's table: a plain message, or the table another tool made as it is
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

        self.alert_table = QTableWidget(0, len(COLUMNS), self)
        self.alert_table.setObjectName("alerts_table")
        self.alert_table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.alert_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.alert_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.alert_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.alert_table.verticalHeader().hide()
        self.alert_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.alert_table.horizontalHeader().setStretchLastSection(True)
        self.alert_table.itemSelectionChanged.connect(self._alert_selected)

        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.description = QPlainTextEdit(self)
        self.description.setReadOnly(True)
        self.description.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.feature_list = QListWidget(self)
        self.feature_list.setObjectName("alert_features")
        self.feature_list.setToolTip(self.tr("Click a feature to select it and zoom to it on the map"))
        self.feature_list.itemClicked.connect(self._feature_clicked)
        features = QWidget(self)
        column = QVBoxLayout(features)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Features that fired it:"), features))
        column.addWidget(self.feature_list, 1)
        parts = QSplitter(Qt.Orientation.Vertical, self)
        parts.addWidget(self.description)
        parts.addWidget(features)
        details = QWidget(self)
        column = QVBoxLayout(details)
        column.setContentsMargins(4, 0, 0, 0)
        column.addWidget(self.headline)
        column.addWidget(parts, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.alert_table)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.show_resolved = QCheckBox(self.tr("Show resolved"), self)
        self.show_resolved.toggled.connect(lambda _on: self.refresh())
        self.ack_button = QPushButton(self.tr("Acknowledge"), self)
        self.ack_button.setToolTip(self.tr("Mark the alert as seen; it stays listed until its condition no longer "
                                           "holds"))
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.cap_button = QPushButton(self.tr("Export CAP…"), self)
        self.cap_button.setToolTip(self.tr("Write the alert as a CAP 1.2 XML message"))
        self.cap_button.clicked.connect(self._choose_cap_file)
        self.status = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.show_resolved)
        buttons.addWidget(self.ack_button)
        buttons.addWidget(self.cap_button)

        self.alert_view = QWidget(self)
        view_layout = QVBoxLayout(self.alert_view)
        view_layout.setContentsMargins(0, 0, 0, 0)
        view_layout.addWidget(splitter, 1)
        view_layout.addLayout(buttons)
        self.stack.addWidget(self.alert_view)
        self._update_buttons()

    # --- refresh ---------------------------------------------------------------------------------
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.refresh()

    def attach_watch(self, watch: TriggerWatch) -> None:
        """Show the trigger engine's alerts; each refresh lets ``watch`` catch up first. Whoever owns
        the watch connects its ``alertsChanged`` to :meth:`refresh` (the planning controller, queued)."""
        self.watch = watch

    def has_alerts_table(self) -> bool:
        if self.workspace is None:
            return False
        return bool(table_columns(self.workspace, ALERTS_TABLE))

    def _engine_table(self) -> bool:
        columns = set(table_columns(self.workspace, ALERTS_TABLE))  # type: ignore[arg-type]
        return {"rule_id", "level", "features", "state"} <= columns

    def refresh(self) -> None:
        if self.watch is not None:
            self.watch.catch_up()
        if not self.has_alerts_table():
            self.empty.setText(self.tr(NO_RULES) if self.workspace is not None else self.tr("No workspace open"))
            self.stack.setCurrentWidget(self.empty)
            return
        if self.watch is None or not self._engine_table():
            self._show_table()  # one another tool made (or no trigger engine in this window)
            return
        from humanops.analysis.triggers import list_alerts

        selected = self.selected_alert()
        states = None if self.show_resolved.isChecked() else ("active", "acknowledged")
        self.alerts = list_alerts(self.workspace, states=states)  # type: ignore[arg-type]
        order = {"active": 0, "acknowledged": 1, "resolved": 2}
        rank = {"critical": 0, "high": 1, "medium": 2, "low": 3}
        self.alerts.sort(key=lambda a: (order.get(a.state, 3), rank.get(a.level, 4)))
        table = self.alert_table
        table.blockSignals(True)
        table.setRowCount(len(self.alerts))
        for r, alert in enumerate(self.alerts):
            cells = (shown(alert.level), shown(alert.state), alert.rule_id, alert.headline,
                     format_count(len(alert.features)), format_datetime(alert.last_fired) if alert.last_fired else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setToolTip(alert.description or alert.headline)
                if alert.state != "active":
                    item.setForeground(QBrush(QColor("#6b6b6b")))
                    font = QFont()
                    font.setItalic(True)
                    item.setFont(font)
                table.setItem(r, c, item)
            background, foreground = LEVEL_COLOURS.get(alert.level, ("#cccccc", "#1a1a1a"))
            level = table.item(r, 0)
            level.setBackground(QBrush(QColor(background)))
            level.setForeground(QBrush(QColor(foreground)))
            level.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        table.blockSignals(False)
        table.resizeColumnsToContents()
        active = sum(a.state == "active" for a in self.alerts)
        rules = len(self.watch.rules())
        if self.alerts:
            self.status.setText(AlertsPanel.tr("{active} active, {other} other; %Ln rule(s) adopted", "",
                                               rules).format(active=format_count(active),
                                                             other=format_count(len(self.alerts) - active)))
        else:
            self.status.setText(AlertsPanel.tr("No active alerts: %Ln adopted rule(s) have not fired", "", rules))
        ids = [a.id for a in self.alerts]
        if selected is not None and selected.id in ids:
            table.selectRow(ids.index(selected.id))
        else:
            self._show_details(None)
        self.stack.setCurrentWidget(self.alert_view)
        self._update_buttons()

    def _show_table(self) -> None:
        """The alerts table as it is, for a table the engine did not make."""
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
        if self.stack.currentWidget() is self.alert_view:
            return len(self.alerts)
        return self.table.rowCount() if self.stack.currentWidget() is self.table else 0

    # --- selection and details ------------------------------------------------------------------------
    def selected_alert(self) -> Alert | None:
        rows = self.alert_table.selectionModel().selectedRows() if self.alert_table.selectionModel() else []
        if rows and rows[0].row() < len(self.alerts):
            return self.alerts[rows[0].row()]
        return None

    def _alert_selected(self) -> None:
        alert = self.selected_alert()
        self._show_details(alert)
        self._update_buttons()
        if alert is not None:
            chosen: dict[str, set[str]] = {}
            for ref in alert.features:
                chosen.setdefault(ref.layer, set()).add(ref.uuid)
            self.featuresChosen.emit(chosen)

    def _show_details(self, alert: Alert | None) -> None:
        self.feature_list.clear()
        if alert is None:
            self.headline.setText(self.tr("Select an alert to see why it fired."))
            self.description.clear()
            return
        self.headline.setText(self.tr("<b>{headline}</b><br>rule <i>{rule}</i> · level {level} · {state} · "
                                      "TLP:{tlp}").format(headline=alert.headline, rule=alert.rule_id,
                                                          level=shown(alert.level), state=shown(alert.state),
                                                          tlp=alert.tlp))
        self.description.setPlainText(alert.description)
        ws = self.workspace
        for ref in alert.features[:MAX_FEATURES_LISTED]:
            feature = ws.find_feature(ref.layer, ref.uuid) if ws is not None and ref.layer in ws.layers() else None
            name = (feature.properties.get("name") if feature is not None else None) or ref.uuid[:8]
            kind = ws.kind(ref.layer).singular_in(current_language()) if ws is not None and \
                ref.layer in ws.layers() else ref.layer.replace("_", " ")
            if ref.role == "subject":
                text = self.tr("about: {kind} “{name}”").format(kind=kind, name=name)
            else:
                text = self.tr("because of: {kind} “{name}”").format(kind=kind, name=name)
            if feature is None:
                text += " " + self.tr("(no longer in the workspace)")
            item = QListWidgetItem(text, self.feature_list)
            item.setData(Qt.ItemDataRole.UserRole, (ref.layer, ref.uuid))
        if len(alert.features) > MAX_FEATURES_LISTED:
            QListWidgetItem(self.tr("… and {n} more").format(n=format_count(len(alert.features) - MAX_FEATURES_LISTED)),
                            self.feature_list)

    def _feature_clicked(self, item: QListWidgetItem) -> None:
        ref = item.data(Qt.ItemDataRole.UserRole)
        if ref:
            self.featureChosen.emit(*ref)

    def _update_buttons(self) -> None:
        alert = self.selected_alert()
        self.ack_button.setEnabled(alert is not None and alert.state == "active")
        self.cap_button.setEnabled(alert is not None)

    # --- acknowledge, CAP --------------------------------------------------------------------------------
    def acknowledge_selected(self) -> None:
        from humanops.analysis.triggers import acknowledge

        alert = self.selected_alert()
        if alert is None or self.workspace is None:
            return
        try:
            acknowledge(self.workspace, alert.id, by=self.workspace.organisation)
        except HumanOpsError as exc:
            self.message.emit(exc.message)
            return
        self.message.emit(self.tr("Acknowledged: {headline}").format(headline=alert.headline))
        self.refresh()

    def _choose_cap_file(self) -> None:
        alert = self.selected_alert()
        if alert is None or self.workspace is None:
            return
        file = workspace_file(self.workspace)  # None for a team database: the home folder then
        start = str((file.parent if file is not None else Path.home()) / f"alert-{alert.rule_id}-{alert.id[:8]}.xml")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export alert as CAP 1.2"), start,
                                              self.tr("CAP XML (*.xml)"))
        if path:
            self.export_cap(path)

    def export_cap(self, path: str, alert: Alert | None = None) -> bool:
        """The alert's latest CAP message (Alert, then Update, then Cancel), as ``humanops triggers cap`` writes it."""
        from humanops.formats.cap_chain import export_cap

        alert = alert or self.selected_alert()
        if alert is None or self.workspace is None:
            return False
        try:
            issued = export_cap(self.workspace, alert, path)
        except (HumanOpsError, OSError) as exc:
            self.message.emit(exc.message if isinstance(exc, HumanOpsError) else f"{path}: {exc}")
            return False
        latest = issued.latest
        text = self.tr("Wrote CAP 1.2 {msg_type} ({status}) to {path}").format(
            msg_type=latest.msg_type, status=latest.status, path=path)
        self.message.emit(" ".join([text, *issued.warnings]))
        return True
