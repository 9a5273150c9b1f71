"""A corridor's risk in the Feature panel, kept current as zones, corridors and facilities change.

When the Feature panel shows a corridor, a line under its title gives its risk now: score,
worst severity, length in danger zones, zones crossed, facilities within reach (the corridor-risk
analysis over the corridor's width). A :class:`~humanops.analysis.corridor_risk.CorridorRiskCache`
holds every corridor's risk and recomputes, after each edit made in the app, only the corridors
the edit touches (its own subscription, in the committing thread); after an import (changes
through another connection, reported by the trigger watch) it recomputes all. Evaluated at the
scenario's "now" in a scenario workspace, like the triggers.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from humanops.errors import HumanOpsError
from humanops.ui.locale_text import format_datetime, format_number
from humanops.ui.planning.trigger_watch import TriggerWatch, scenario_time
from humanops.viewmodel.result_overlays import risk_colour

if TYPE_CHECKING:
    from humanops.analysis.corridor_risk import CorridorRiskCache
    from humanops.store.workspace import Workspace
    from humanops.ui.main_window import MainWindow

log = logging.getLogger(__name__)
RISK_LAYERS = {"corridor", "danger_zone", "facility"}


class CorridorRiskView(QObject):
    def __init__(self, window: MainWindow, watch: TriggerWatch) -> None:
        super().__init__(window)
        self.window = window
        self.cache: CorridorRiskCache | None = None
        panel = window.feature_panel
        self.label = QLabel(panel)
        self.label.setObjectName("corridor_risk")
        self.label.setWordWrap(True)
        self.label.setToolTip(self.tr("Danger along the corridor over its whole width, from the danger zones valid "
                                      "now; the score's formula is in docs/analysis.md"))
        self.label.hide()
        layout = panel.layout()
        if layout is not None:
            layout.insertWidget(1, self.label)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.update_label)
        window.canvas.selectionChanged.connect(lambda *_: self._timer.start())
        window.attribute_table.currentFeatureChanged.connect(lambda *_: self._timer.start())
        watch.externallyChanged.connect(self._external)

    def attach(self, workspace: Workspace | None) -> None:
        from humanops.analysis.corridor_risk import CorridorRiskCache

        self.detach()
        if workspace is None or "corridor" not in workspace.layers():
            return
        try:
            self.cache = CorridorRiskCache(workspace, at=scenario_time(workspace))
        except HumanOpsError as exc:
            log.warning("corridor risk unavailable: %s", exc.message)
            return
        self.cache.on_update(lambda _uuids: self._timer.start())
        self._timer.start()

    def detach(self) -> None:
        if self.cache is not None:
            self.cache.close()
        self.cache = None
        self.label.hide()

    def _external(self, layers: set[str]) -> None:
        if self.cache is not None and layers & RISK_LAYERS:
            try:
                self.cache.refresh()
            except HumanOpsError as exc:
                log.warning("corridor risk refresh failed: %s", exc.message)

    def text_for(self, uuid: str) -> str | None:
        cache = self.cache
        if cache is None or uuid not in cache.results.index:
            return None
        r = cache.results.loc[uuid]
        score = float(r["risk_score"])
        zones = int(r["zone_count"])
        facilities = int(r["facility_count"])
        score_text = f"<span style='color:{risk_colour(score)}; font-weight:bold'>{format_number(score, 0)}/100</span>"
        return " · ".join([
            self.tr("<b>Risk now</b> ({at}): {score}").format(at=format_datetime(cache.at), score=score_text),
            self.tr("worst severity {severity}").format(severity=int(r["worst_severity"])),
            self.tr("{danger} of {length} km in danger").format(
                danger=format_number(float(r["length_in_danger_m"]) / 1000, 1),
                length=format_number(float(r["length_m"]) / 1000, 1)),
            CorridorRiskView.tr("%Ln zone(s)", "", zones),
            CorridorRiskView.tr("%Ln facility(ies) within {reach} km", "", facilities).format(
                reach=format_number(cache.reach_m / 1000)),
        ])


    def update_label(self) -> None:
        panel = self.window.feature_panel
        text = self.text_for(panel.uuid) if panel.layer == "corridor" and panel.uuid else None
        self.label.setText(text or "")
        self.label.setVisible(text is not None)
