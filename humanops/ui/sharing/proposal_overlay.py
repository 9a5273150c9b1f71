"""Open proposals on the map, until they are decided.

A proposal is never merged (``humanops.sharing.proposals``): the map keeps drawing the
feature as its originator made it, and draws each open proposal over it as an overlay
(``canvas/overlay_layers.py``) in dashed magenta — the proposed outline, line or a dashed
ring around the proposed place (with a leader from a point's place now) — and a magenta
cross over a proposed deletion. Each carries
the line "Proposed change (waiting for OCHA)"; hovering it gives the proposal in words.
The overlay follows every "proposal" change of the workspace, imports and workspace changes.

:func:`proposal_frame` is Qt-free (a GeoDataFrame with the overlay's style columns).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QToolTip

from humanops.errors import HumanOpsError
from humanops.ui.canvas.overlay_layers import DASH, FILL, LABEL, MARKER, SIZE, STROKE, WIDTH, OverlayStyle
from humanops.ui.editing import organisation_label

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.store.workspace import Workspace, WorkspaceChange
    from humanops.ui.main_window import MainWindow

log = logging.getLogger(__name__)

OVERLAY = "proposals"
MAGENTA = "#c000c0"
# Labels go above: the layers label right of points and inside areas.
STYLE = OverlayStyle(stroke=MAGENTA, width=2.5, fill=MAGENTA, fill_opacity=0.10, size=20.0, dash=True,
                     marker="ring", label_at="above", label_colour="#7a007a")
REFRESH_DELAY_MS = 150
TOOLTIP_PX = 8.0
TIP = "_tip"


def waiting_line(workspace: Workspace, proposal: dict[str, Any], label: Any = None) -> str:
    """ "Proposed change (waiting for OCHA)"; for a proposal about our own feature, who made it.
    ``label(org_id)`` names an organisation (default: its acronym from the directory)."""
    label = label or (lambda org: organisation_label(workspace, org))
    if proposal["originator"] == workspace.organisation:
        if proposal["deleted"]:
            line = QCoreApplication.translate("ProposalOverlay", "Proposed deletion by {proposer} (waiting for you)")
        else:
            line = QCoreApplication.translate("ProposalOverlay", "Proposed change by {proposer} (waiting for you)")
        return line.format(proposer=label(proposal["proposer"]))
    if proposal["deleted"]:
        line = QCoreApplication.translate("ProposalOverlay", "Proposed deletion (waiting for {originator})")
    else:
        line = QCoreApplication.translate("ProposalOverlay", "Proposed change (waiting for {originator})")
    return line.format(originator=label(proposal["originator"]))


def proposal_frame(workspace: Workspace) -> gpd.GeoDataFrame:
    """One or two rows per open proposal: the proposed geometry dashed (or, for a deletion,
    the feature as held with a cross), and a label at its representative point."""
    import geopandas as gpd

    from humanops.sharing.proposals import describe, list_proposals

    geometries: list[Any] = []
    rows: list[dict[str, Any]] = []
    names: dict[str, str] = {}

    def label(org: str) -> str:
        if org not in names:
            names[org] = organisation_label(workspace, org)
        return names[org]

    for proposal in list_proposals(workspace):
        current = workspace.find_feature(proposal["layer"], proposal["uuid"])
        record = proposal["feature"]
        proposed = None
        if not proposal["deleted"] and record.get("geometry"):
            try:
                proposed = shapely.from_wkb(record["geometry"])
            except (shapely.errors.GEOSException, TypeError):  # unreadable: draw it where the feature is
                proposed = None
        geometry = proposed if proposed is not None else (current.geometry if current is not None else None)
        if geometry is None or geometry.is_empty:
            continue
        line = waiting_line(workspace, proposal, label)
        try:
            text = describe(proposal, workspace)["text"]
        except (HumanOpsError, shapely.errors.GEOSException):  # still drawn, named by its ids
            text = QCoreApplication.translate("ProposalOverlay", "{proposer} proposes a change of {layer} "
                                                                 "{uuid}").format(
                proposer=proposal["proposer"], layer=proposal["layer"], uuid=proposal["uuid"])
        tip = f"{line}\n{text}"
        point = geometry.geom_type in ("Point", "MultiPoint")
        if proposal["deleted"]:
            if not point:
                geometries.append(geometry)  # the outline or line that would go, dashed
                rows.append({LABEL: "", TIP: tip})
            geometries.append(_anchor(geometry))
            rows.append({MARKER: "cross", SIZE: 16.0, WIDTH: 3.0, LABEL: line if point else "", TIP: tip})
        else:
            if point and current is not None and current.geometry is not None and proposed is not None \
                    and current.geometry.geom_type == "Point" and not current.geometry.equals(proposed):
                geometries.append(shapely.LineString([current.geometry, shapely.centroid(proposed)]))
                rows.append({WIDTH: 1.5, LABEL: "", TIP: tip})  # a leader from where it is to where proposed
            geometries.append(geometry)
            rows.append({LABEL: line if point else "", TIP: tip})
        if not point:  # the words above its northernmost vertex: clear of the layer's own label
            geometries.append(_top(geometry))
            rows.append({MARKER: "none", SIZE: 6.0, LABEL: line, TIP: tip})
    columns = {name: [r.get(name) for r in rows] for name in (LABEL, MARKER, SIZE, WIDTH, TIP)}
    columns[STROKE] = [MAGENTA] * len(rows)
    columns[FILL] = [MAGENTA] * len(rows)
    columns[DASH] = [True] * len(rows)
    return gpd.GeoDataFrame(columns, geometry=np.asarray(geometries, dtype=object) if geometries else [], crs=4326)


def _top(geometry: Any) -> Any:
    """The northernmost vertex."""
    xy = shapely.get_coordinates(geometry)
    return shapely.Point(xy[int(np.argmax(xy[:, 1]))])


def _anchor(geometry: Any) -> Any:
    """Where a label or a cross goes: the point, a line's middle, inside an area."""
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return shapely.line_interpolate_point(shapely.line_merge(geometry) if geometry.geom_type.startswith("Multi")
                                              else geometry, 0.5, normalized=True)
    if geometry.geom_type == "Point":
        return geometry
    return geometry.point_on_surface()


class ProposalOverlay(QObject):
    """Keeps the canvas's "proposals" overlay in step with the workspace's open proposals,
    and shows a proposal's words as the canvas's tooltip."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("proposal_overlay")
        self.window_ = window
        self.count = 0
        self._layers: set[str] = set()  # layers with open proposals (their edits may move a cross)
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        window.workspaceOpened.connect(lambda _path: self.refresh())
        window.workspace_signals.changed.connect(self._on_change)
        window.canvas.installEventFilter(self)

    def _on_change(self, change: WorkspaceChange) -> None:
        if change.op == "proposal" or change.layer in self._layers:
            self._timer.start()

    def refresh(self) -> None:
        window = self.window_
        canvas = window.canvas
        workspace = window.workspace
        if workspace is None:
            self.count, self._layers = 0, set()
            canvas.clear_overlay(OVERLAY)
            return
        try:
            frame = proposal_frame(workspace)
        except HumanOpsError as exc:
            log.warning("cannot draw the proposals: %s", exc.message)
            canvas.clear_overlay(OVERLAY)
            return
        from humanops.sharing.proposals import list_proposals

        opened = list_proposals(workspace)
        self.count = len(opened)
        self._layers = {p["layer"] for p in opened}
        if len(frame):
            canvas.set_overlay(OVERLAY, frame, STYLE)
        else:
            canvas.clear_overlay(OVERLAY)

    def tip_at(self, px: float, py: float) -> str | None:
        """The words of the proposals drawn under a canvas pixel, or None."""
        canvas = self.window_.canvas
        overlay = canvas.overlay(OVERLAY)
        if overlay is None or not len(overlay):
            return None
        geoms, tree = overlay.projected()
        x, y = canvas.to_map(px, py)
        tolerance = TOOLTIP_PX * canvas.view().resolution
        here = shapely.Point(x, y)
        hits = [int(i) for i in tree.query(here.buffer(tolerance))
                if shapely.distance(geoms[int(i)], here) <= tolerance
                or (overlay.type_id[int(i)] in (0, 4)
                    and shapely.distance(geoms[int(i)], here) <= overlay.size[int(i)] / 2 * canvas.view().resolution)]
        tips = list(dict.fromkeys(str(overlay.frame[TIP].iloc[i]) for i in sorted(hits)))
        return "\n\n".join(tips) if tips else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_.canvas and event.type() == QEvent.Type.ToolTip:
            tip = self.tip_at(event.pos().x(), event.pos().y())  # type: ignore[attr-defined]
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.window_.canvas)  # type: ignore[attr-defined]
                return True
        return False
