"""Labels that do not pile up: one pass over every visible layer after the layers are drawn.

Greedy placement, the most important first (top layer first, then by the layer's own
priority: population, severity, road class...), into an occupancy grid of 4-pixel cells; a
label whose box touches a taken cell tries its other positions and is otherwise dropped.
Past a few hundred candidates in view a layer offers only its most important ones, so a
zoomed-out map shows the big places and a zoomed-in one names everything that fits.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from humanops.ui.canvas.layer_renderer import RenderSettings, Stopped, new_image, visible_rows
from humanops.viewmodel.layers.layer_data import LayerSnapshot
from humanops.viewmodel.layers.point_clusters import cell_size, cluster_points, clustered_rows, disc_diameter
from humanops.viewmodel.map_view import MapView

CELL = 4  # pixels a cell of the occupancy grid
ALL_LABELS_UP_TO = 300  # a layer with more labelled features in view offers only its top ones
TOP_LABELS = 60
# Label density: at most one label per this many square pixels, per layer and overall, so a
# layer with many small features (incidents, needs) does not fill every gap of the map.
PX2_PER_LAYER_LABEL = 30_000
PX2_PER_LABEL = 10_000
FONT_PX = 11
HALO = QColor(255, 255, 255, 235)


class Occupancy:
    """Which 4-pixel cells of the view a placed label covers."""

    def __init__(self, width: int, height: int) -> None:
        self.cols = width // CELL + 1
        self.rows = height // CELL + 1
        self.grid = np.zeros((self.rows, self.cols), dtype=bool)
        self.width, self.height = width, height

    def _cells(self, x: float, y: float, w: float, h: float) -> tuple[int, int, int, int] | None:
        if x < 0 or y < 0 or x + w > self.width or y + h > self.height:
            return None  # labels stay whole inside the view
        return int(x // CELL), int(y // CELL), int((x + w) // CELL) + 1, int((y + h) // CELL) + 1

    def free(self, x: float, y: float, w: float, h: float) -> bool:
        cells = self._cells(x, y, w, h)
        if cells is None:
            return False
        c0, r0, c1, r1 = cells
        return not self.grid[r0:r1, c0:c1].any()

    def take(self, x: float, y: float, w: float, h: float) -> None:
        c0, r0 = max(0, int(x // CELL)), max(0, int(y // CELL))
        self.grid[r0:int((y + h) // CELL) + 1, c0:int((x + w) // CELL) + 1] = True


def _text_colour(snapshot: LayerSnapshot, symbol_index: int) -> QColor:
    if snapshot.kind.geometry == "Point":
        return QColor("#1e1e1e")
    symbol = snapshot.symbols[symbol_index]
    stroke = QColor(symbol.stroke or "#333333")
    # Dark enough on the white halo whatever the class colour (yellow classes included).
    return stroke.darker(170) if stroke.lightness() > 90 else stroke


_HALO_OFFSETS = ((-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1))


def _halo_text(painter: QPainter, x: float, y: float, text: str, font: QFont, colour: QColor) -> None:
    """Text on a white halo: eight offset white copies, then the text. Glyphs come from Qt's
    cache, ten times faster than stroking the text's outline with a wide pen."""
    painter.setFont(font)
    painter.setPen(HALO)
    for dx, dy in _HALO_OFFSETS:
        painter.drawText(QPointF(x + dx, y + dy), text)
    painter.setPen(colour)
    painter.drawText(QPointF(x, y), text)


def render_labels(layers: list[LayerSnapshot], view: MapView, settings: RenderSettings,
                  should_stop: Callable[[], bool] = lambda: False, placed: list | None = None) -> QImage:
    """Labels of ``layers`` (top layer first) for ``view``; ``placed`` (if given) receives
    (text, rectangle in pixels) of each label drawn."""
    image = new_image(view)
    occupancy = Occupancy(view.width, view.height)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    count = 0
    area = view.width * view.height
    total = max(20, area // PX2_PER_LABEL)
    per_layer = max(10, area // PX2_PER_LAYER_LABEL)
    try:
        for snapshot in layers:
            if should_stop():
                raise Stopped
            count += _label_layer(painter, snapshot, view, settings, occupancy, min(per_layer, total - count),
                                  placed)
            if count >= total:
                break
    finally:
        painter.end()
    return image


def _take_discs(occupancy: Occupancy, snapshot: LayerSnapshot, rows: np.ndarray, view: MapView) -> None:
    """Mark the cells a clustered layer's discs (and lone markers) cover as taken."""
    clusters = cluster_points(snapshot.point_xy, rows, snapshot.class_index[rows], cell_size(view))
    diameter = disc_diameter(clusters.count)
    lone = clusters.count[clusters.row_cluster] == 1
    diameter[clusters.row_cluster[lone]] = snapshot.marker_sizes[rows[lone]]
    px, py = view.to_pixel(clusters.centre[:, 0], clusters.centre[:, 1])
    for x, y, d in zip(px.tolist(), py.tolist(), diameter.tolist(), strict=True):
        occupancy.take(x - d / 2, y - d / 2, d, d)


def _label_layer(painter: QPainter, snapshot: LayerSnapshot, view: MapView, settings: RenderSettings,
                 occupancy: Occupancy, budget: int, placed_out: list | None) -> int:
    if not len(snapshot) or budget <= 0:
        return 0
    clustered = clustered_rows(snapshot, view, settings.at_ns) if snapshot.is_points else None
    if clustered is not None:  # drawn as clusters: the discs carry counts, not names, and no label below covers them
        _take_discs(occupancy, snapshot, clustered, view)
        return 0
    if not snapshot.has_label.any():
        return 0
    rows = visible_rows(snapshot, view, settings)
    texts = snapshot.labels
    rows = rows[snapshot.has_label[rows]]
    if not len(rows):
        return 0
    geometry = snapshot.kind.geometry
    anchors = snapshot.label_anchors[rows]
    px, py = view.to_pixel(anchors[:, 0], anchors[:, 1])
    inside = (px >= 0) & (px < view.width) & (py >= 0) & (py < view.height)
    rows, px, py = rows[inside], px[inside], py[inside]
    priority = -snapshot.label_priority[rows]
    if len(rows) > ALL_LABELS_UP_TO:
        top = np.argpartition(priority, TOP_LABELS)[:TOP_LABELS]
        order = top[np.argsort(priority[top], kind="stable")]
    else:
        order = np.argsort(priority, kind="stable")
    font = QFont()
    font.setPixelSize(FONT_PX)
    font.setItalic(geometry == "MultiPolygon")  # cartographic habit: areas in italics
    font.setBold(geometry == "LineString" and snapshot.kind.style.buffer_field is not None)
    metrics = QFontMetricsF(font)
    ascent, height = metrics.ascent(), metrics.height()
    sizes = snapshot.marker_sizes[rows] if geometry == "Point" else None
    classes = snapshot.class_index[rows]
    seen: set[str] = set()
    placed = 0
    for i in order.tolist():
        text = str(texts[rows[i]])
        if geometry == "LineString" and text in seen:
            continue  # a road of many segments is named once in view
        width = metrics.horizontalAdvance(text)
        x0, y0 = float(px[i]), float(py[i])
        if sizes is not None:
            r = float(sizes[i]) / 2 + 2
            candidates = [(x0 + r, y0 - height / 2), (x0 - r - width, y0 - height / 2),
                          (x0 - width / 2, y0 - r - height), (x0 - width / 2, y0 + r)]
        else:
            candidates = [(x0 - width / 2, y0 - height / 2), (x0 - width / 2, y0 - height - 2),
                          (x0 - width / 2, y0 + 2)]
        for x, y in candidates:
            if occupancy.free(x - 2, y - 1, width + 4, height + 2):
                occupancy.take(x - 2, y - 1, width + 4, height + 2)
                if sizes is not None:  # the labelled marker itself stays readable
                    r = float(sizes[i]) / 2
                    occupancy.take(x0 - r, y0 - r, 2 * r, 2 * r)
                _halo_text(painter, x, y + ascent, text, font, _text_colour(snapshot, int(classes[i])))
                if placed_out is not None:
                    placed_out.append((text, QRectF(x, y, width, height)))
                placed += 1
                seen.add(text)
                break
        if placed >= budget:
            break
    return placed
