"""The Sharing toolbar: "Show markings" (TLP colours on the map) and "What could I send to…",
which fades on the map every feature the chosen partner would not receive and says in the
status bar how many it would (counted in a worker)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

from humanops.errors import HumanOpsError
from humanops.store.target_reads import workspace_target
from humanops.ui.locale_text import format_count
from humanops.ui.workers import Worker

if TYPE_CHECKING:
    from humanops.sharing.receivable import SendCount, SendFilter
    from humanops.ui.main_window import MainWindow

RECOUNT_DELAY_MS = 400  # after edits: one count for a burst of changes


class SendFilterBar(QToolBar):
    """``counted(SendCount)`` each time the count for the chosen partner is known."""

    counted = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(SendFilterBar.tr("Sharing"), window)
        self.setObjectName("sharing_toolbar")
        self.window_ = window
        self.send_filter: SendFilter | None = None
        self.last_count: SendCount | None = None
        self._serial = 0
        self._worker: Worker | None = None
        self.addAction(window.actions.show_markings)
        self.addSeparator()
        self.addWidget(QLabel(" " + self.tr("What could I send to:") + " ", self))
        self.combo = QComboBox(self)
        self.combo.setObjectName("send_filter")
        self.combo.setToolTip(self.tr("Fade on the map what the chosen partner would not receive from us, by the "
                                      "sharing rules (markings, releasability, expiry)"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.addItem(self.tr("nobody (show everything)"), None)
        self.combo.currentIndexChanged.connect(lambda _: self.apply())
        self.addWidget(self.combo)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("send_count")
        self.count_label.setContentsMargins(8, 0, 8, 0)
        self.addWidget(self.count_label)
        self._recount = QTimer(self, singleShot=True, interval=RECOUNT_DELAY_MS)
        self._recount.timeout.connect(self.start_count)
        window.workspaceOpened.connect(lambda _path: self.refresh_partners())
        window.workspaceClosed.connect(self._workspace_closed)
        window.workspace_signals.changed.connect(lambda _change: self.schedule_count())
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)  # its own row: the first is full
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self)
        self.combo.setEnabled(False)

    # --- partners -------------------------------------------------------------------------------------
    def refresh_partners(self) -> None:
        """Fill the list from the directory (after opening a workspace or changing partners),
        keeping the chosen partner if it is still there; the filter is rebuilt either way."""
        from humanops.sharing.directory_store import list_partners

        workspace = self.window_.workspace
        chosen = self.recipient()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("nobody (show everything)"), None)
        partners: list[dict[str, Any]] = []
        if workspace is not None:
            try:
                partners = [p for p in list_partners(workspace) if not p["self"]]
            except HumanOpsError:
                partners = []
        for p in partners:
            label = f"{p['acronym'] or p['org_id']} ({p['org_id']})"
            if p["status"] != "active":
                label += "  — " + self.tr("revoked")
            self.combo.addItem(label, p["org_id"])
            self.combo.setItemData(self.combo.count() - 1, p["name"], Qt.ItemDataRole.ToolTipRole)
        index = self.combo.findData(chosen) if chosen else 0
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
        self.combo.setEnabled(workspace is not None and bool(partners))
        self.apply()

    def recipient(self) -> str | None:
        return self.combo.currentData()

    def set_recipient(self, org_id: str | None) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(org_id)) if org_id else 0)

    def _workspace_closed(self) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(0)
        self.combo.blockSignals(False)
        self.combo.setEnabled(False)
        self.apply()

    # --- the filter -----------------------------------------------------------------------------------
    def apply(self) -> None:
        from humanops.sharing.receivable import load_send_filter

        window = self.window_
        org = self.recipient()
        self._serial += 1
        self.last_count = None
        if org is None or window.workspace is None:
            had = self.send_filter is not None
            self.send_filter = None
            window.canvas.set_marking_filter(None, None)
            self.count_label.setText("")
            if had:
                window.statusBar().showMessage(self.tr("Showing every feature."), 4000)
            return
        try:
            # quick here; the worker below completes it with the signature check
            self.send_filter = load_send_filter(window.workspace, org, check_signatures=False)
        except HumanOpsError as exc:
            self.send_filter = None
            window.canvas.set_marking_filter(None, None)
            window.show_error(exc.message)
            return
        window.canvas.set_marking_filter(org, self.send_filter)
        self.count_label.setText(self.tr("counting…"))
        self.start_count()

    def schedule_count(self) -> None:
        if self.send_filter is not None:
            self._recount.start()

    def start_count(self) -> None:
        from humanops.ui.sharing import tasks

        window = self.window_
        if self.send_filter is None or window.workspace is None:
            return
        if self._worker is not None:
            self._worker.cancel()  # its answer is for an older state: dropped by the serial below
        serial, send_filter, path = self._serial, self.send_filter, workspace_target(window.workspace)
        worker = Worker(lambda fb: tasks.count(path, send_filter, fb), title=self.tr("counting what could be sent"))
        worker.succeeded.connect(lambda result: self._counted(serial, *result))
        worker.failed.connect(lambda message: self._count_failed(serial, message))
        worker.finished.connect(lambda: self._worker_finished(worker))
        self._worker = worker
        worker.start()

    def _worker_finished(self, worker: Worker) -> None:
        if self._worker is worker:
            self._worker = None

    def _counted(self, serial: int, count: SendCount, checked: SendFilter | None = None) -> None:
        if serial != self._serial:
            return
        if checked is not None and self.window_.workspace is not None:
            self.send_filter = checked  # now also fades partners' features that cannot go as signed
            self.window_.canvas.set_marking_filter(self.recipient(), checked)
        self.last_count = count
        self.count_label.setText(self.tr("{going} of {total} would go").format(going=format_count(count.going),
                                                                               total=format_count(count.total)))
        of = self.tr("{layer}: {going} of {total}")
        self.count_label.setToolTip(count.sentence() + "\n" + "\n".join(
            of.format(layer=layer, going=format_count(going), total=format_count(total))
            for layer, (going, total) in sorted(count.layers.items())))
        self.window_.statusBar().showMessage(count.sentence(), 60_000)
        self.counted.emit(count)

    def _count_failed(self, serial: int, message: str) -> None:
        if serial == self._serial:
            self.count_label.setText("")
            self.window_.statusBar().showMessage(self.tr("Cannot count what could be sent: {reason}").format(
                reason=message), 10_000)
