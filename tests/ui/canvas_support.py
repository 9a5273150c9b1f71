"""Helpers for the map canvas tests: a small workspace with known coordinates, a shown
canvas on it, and ways to wait for it and to read its pixels."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from shapely.geometry import LineString, Point, Polygon

WAIT_MS = 20_000
SIZE = (640, 480)

# A square danger zone, a corridor south of it, a road, needs and a facility, near 36E 36N.
ZONE = [(36.00, 36.00), (36.10, 36.00), (36.10, 36.08), (36.00, 36.08)]
CORRIDOR = [(36.00, 35.96), (36.20, 35.96)]
ROAD = [(35.98, 36.12), (36.22, 36.12)]
NEEDS = [(36.15, 36.03), (36.17, 36.05), (36.19, 36.02)]
FACILITY = (36.16, 36.10)


def make_workspace(path: Path):
    """A workspace (organisation ``ocha``) with one or a few features of each kind; returns
    (workspace, {name: uuid})."""
    from humanops.store.workspace import Workspace

    ws = Workspace.create(path, organisation="ocha")
    ids = {}
    ids["zone"] = ws.add_feature("danger_zone", Polygon(ZONE), {
        "name": "Shelling area", "hazard": "shelling", "severity": 5,
        "valid_from": datetime(2026, 11, 1, tzinfo=UTC), "valid_until": datetime(2026, 11, 30, tzinfo=UTC)}).uuid
    ids["corridor"] = ws.add_feature("corridor", LineString(CORRIDOR), {
        "name": "Southern corridor", "status": "open", "width_m": 2000}).uuid
    ids["road"] = ws.add_feature("road", LineString(ROAD), {"name": "Coast road", "road_class": "primary"}).uuid
    for i, (lon, lat) in enumerate(NEEDS):
        ids[f"need{i}"] = ws.add_feature("need", Point(lon, lat), {
            "name": f"Village {i}", "population": 2000 + 3000 * i, "severity_phase": 3 + i % 3}).uuid
    ids["facility"] = ws.add_feature("facility", Point(*FACILITY), {
        "name": "Hospital", "facility_type": "hospital", "capacity": 120}).uuid
    return ws, ids


def wait_idle(qtbot, canvas) -> None:
    qtbot.waitUntil(canvas.is_idle, timeout=WAIT_MS)


def show_canvas(qtbot, ws=None):
    from humanops.ui.canvas import MapCanvas

    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(*SIZE)
    canvas.show()
    qtbot.waitExposed(canvas)
    if ws is not None:
        canvas.set_workspace(ws)
        canvas.zoom_to_extent(35.97, 35.93, 36.23, 36.13)
    wait_idle(qtbot, canvas)
    return canvas


def frame(canvas) -> QImage:
    return canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def pixel_of(canvas, lon: float, lat: float) -> QPoint:
    px, py = canvas.lonlat_to_pixel(lon, lat)
    return QPoint(round(px), round(py))


def colour_at(canvas, lon: float, lat: float, image: QImage | None = None) -> QColor:
    image = image if image is not None else frame(canvas)
    return QColor(image.pixel(pixel_of(canvas, lon, lat)))


def differing_pixels(a: QImage, b: QImage) -> int:
    import numpy as np

    def array(image: QImage):
        ptr = image.constBits()
        return np.frombuffer(ptr, dtype=np.uint8, count=image.sizeInBytes()).copy()

    return int((array(a) != array(b)).reshape(-1, 4).any(axis=1).sum())
