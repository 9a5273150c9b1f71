"""The map canvas: what it draws, how it moves, what it selects, and that an edit redraws
only the layer it touched. Driven through the widget with pytest-qt, pixels compared."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
import shapely
from canvas_support import (
    CORRIDOR,
    FACILITY,
    NEEDS,
    ZONE,
    colour_at,
    differing_pixels,
    frame,
    make_workspace,
    pixel_of,
    show_canvas,
    wait_idle,
)
from pyproj import Transformer
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from shapely.geometry import Point

ZONE_CENTRE = (36.015, 36.015)  # inside the zone, clear of its edge and its label
EMPTY_SPOT = (36.21, 36.09)  # nothing of the workspace is drawn here


@pytest.fixture
def ws(tmp_path: Path):
    workspace, ids = make_workspace(tmp_path / "ws.gpkg")
    workspace.ids = ids  # type: ignore[attr-defined]
    yield workspace
    workspace.close()


@pytest.fixture
def canvas(qtbot, ws):
    canvas = show_canvas(qtbot, ws)
    yield canvas
    canvas.shutdown()


def _is_background(colour: QColor) -> bool:
    from humanops.ui.canvas.basemap_world import LAND, SEA

    return any(abs(colour.red() - QColor(c).red()) + abs(colour.green() - QColor(c).green())
               + abs(colour.blue() - QColor(c).blue()) < 12 for c in (LAND, SEA))


def test_layers_are_drawn_and_hiding_one_changes_the_map(qtbot, canvas) -> None:
    before = frame(canvas)
    zone_colour = colour_at(canvas, *ZONE_CENTRE, before)
    assert not _is_background(zone_colour)
    assert zone_colour.red() > zone_colour.blue()  # the severity-5 red of the ramp
    assert _is_background(colour_at(canvas, *EMPTY_SPOT, before))

    canvas.set_layer_visible("danger_zone", False)
    wait_idle(qtbot, canvas)
    after = frame(canvas)
    assert _is_background(colour_at(canvas, *ZONE_CENTRE, after))
    assert differing_pixels(before, after) > 1000
    canvas.set_layer_visible("danger_zone", True)
    wait_idle(qtbot, canvas)
    assert colour_at(canvas, *ZONE_CENTRE) == zone_colour


def test_layer_opacity_and_order(qtbot, canvas) -> None:
    opaque = colour_at(canvas, *ZONE_CENTRE)
    canvas.set_layer_opacity("danger_zone", 0.3)
    wait_idle(qtbot, canvas)
    faint = colour_at(canvas, *ZONE_CENTRE)
    assert faint.lightness() > opaque.lightness()
    canvas.set_layer_opacity("danger_zone", 1.0)
    # Top last: the zone over the need would hide the need's marker.
    assert canvas.layer_names()[0] == "danger_zone"
    canvas.set_layer_order(["need", "danger_zone"])
    assert canvas.layer_names()[-1] == "danger_zone"


def test_layers_render_off_the_gui_thread(qtbot, ws, monkeypatch) -> None:
    import humanops.ui.canvas.map_canvas as map_canvas

    threads: list[str] = []
    real = map_canvas.render_layer

    def recording(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(map_canvas, "render_layer", recording)
    canvas = show_canvas(qtbot, ws)
    try:
        assert threads and threading.main_thread().name not in threads
    finally:
        canvas.shutdown()


def test_corridor_band_has_its_true_width_in_metres(qtbot, canvas) -> None:
    snapshot = canvas.snapshot("corridor")
    band = snapshot.bands[0]
    to_utm = Transformer.from_crs(3857, 32637, always_xy=True)
    band_utm = shapely.transform(band, lambda xy: np.column_stack(to_utm.transform(xy[:, 0], xy[:, 1])))
    line_utm = shapely.transform(shapely.LineString(CORRIDOR), lambda xy: np.column_stack(
        Transformer.from_crs(4326, 32637, always_xy=True).transform(xy[:, 0], xy[:, 1])))
    # A band of width w round a line of length L (round ends) has area L*w + pi*(w/2)^2.
    w = 2000.0
    assert band_utm.area == pytest.approx(line_utm.length * w + np.pi * (w / 2) ** 2, rel=0.01)
    # And it is drawn: south of the line by 800 m (inside the 1000 m half-width) is not background.
    assert not _is_background(colour_at(canvas, 36.10, 35.96 - 800 / 111_000))
    assert _is_background(colour_at(canvas, 36.10, 35.96 - 1500 / 111_000))


def test_time_filter_hides_what_is_not_valid_then(qtbot, canvas) -> None:
    canvas.set_time_filter(datetime(2026, 11, 15, tzinfo=UTC))
    wait_idle(qtbot, canvas)
    assert not _is_background(colour_at(canvas, *ZONE_CENTRE))
    canvas.set_time_filter(datetime(2026, 12, 15, tzinfo=UTC))
    wait_idle(qtbot, canvas)
    assert _is_background(colour_at(canvas, *ZONE_CENTRE))
    # Hidden features cannot be clicked either.
    px = pixel_of(canvas, *ZONE_CENTRE)
    assert all(layer != "danger_zone" for layer, _ in canvas.features_at(px.x(), px.y()))
    canvas.set_time_filter(None)
    wait_idle(qtbot, canvas)
    assert not _is_background(colour_at(canvas, *ZONE_CENTRE))


def test_marking_filter_fades_what_could_not_be_sent(qtbot, canvas) -> None:
    full = colour_at(canvas, *ZONE_CENTRE)
    seen_columns: list[set[str]] = []

    def only_green(layer, frame):
        seen_columns.append(set(frame.columns))
        return (frame["tlp"] == "GREEN").to_numpy()

    canvas.set_marking_filter("unicef", only_green)
    wait_idle(qtbot, canvas)
    faded = colour_at(canvas, *ZONE_CENTRE)
    assert faded.lightness() > full.lightness() + 30  # AMBER zone: would not go to unicef
    assert {"tlp", "releasable_to", "originator", "uuid", "geometry"} <= seen_columns[0]
    canvas.set_marking_filter(None, None)
    wait_idle(qtbot, canvas)
    assert colour_at(canvas, *ZONE_CENTRE) == full


def test_failing_marking_filter_fades_everything_not_nothing(qtbot, canvas) -> None:
    full = colour_at(canvas, *ZONE_CENTRE)

    def broken(layer, frame):
        raise RuntimeError("directory unavailable")

    canvas.set_marking_filter("unicef", broken)
    wait_idle(qtbot, canvas)
    assert colour_at(canvas, *ZONE_CENTRE).lightness() > full.lightness() + 30


def test_show_markings_draws_tlp_colours(qtbot, canvas) -> None:
    def amber_pixels() -> int:
        image = frame(canvas)
        ptr = image.constBits()
        bgra = np.frombuffer(ptr, dtype=np.uint8, count=image.sizeInBytes()).reshape(-1, 4).astype(int)
        return int(((abs(bgra[:, 2] - 0xFF) < 8) & (abs(bgra[:, 1] - 0xC0) < 8) & (bgra[:, 0] < 8)).sum())

    assert amber_pixels() < 20
    canvas.set_show_markings(True)
    wait_idle(qtbot, canvas)
    assert amber_pixels() > 200  # the zone (AMBER by default) is outlined in TLP amber


def test_click_and_rectangle_selection(qtbot, canvas, ws) -> None:
    from humanops.ui.canvas.map_tools import SelectTool

    canvas.set_map_tool(SelectTool(canvas))
    changes: list[tuple[str, list]] = []
    canvas.selectionChanged.connect(lambda layer, uuids: changes.append((layer, uuids)))
    need0, need1 = ws.ids["need0"], ws.ids["need1"]

    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixel_of(canvas, *NEEDS[0]))
    assert canvas.selection() == {"need": {need0}}
    assert changes[-1] == ("need", [need0])
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     pixel_of(canvas, *NEEDS[1]))
    assert canvas.selection() == {"need": {need0, need1}}
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pixel_of(canvas, *NEEDS[0]))
    assert canvas.selection() == {"need": {need1}}
    # A click inside the zone (away from its edge) selects the zone alone.
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixel_of(canvas, *ZONE_CENTRE))
    assert canvas.selection() == {"danger_zone": {ws.ids["zone"]}}
    assert ("need", []) in changes
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pixel_of(canvas, *EMPTY_SPOT))
    assert canvas.selection() == {}

    # A rectangle round the three needs (and nothing else).
    top_left = pixel_of(canvas, 36.14, 36.06)
    bottom_right = pixel_of(canvas, 36.20, 36.01)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=top_left)
    qtbot.mouseMove(canvas, (top_left + bottom_right) / 2)
    qtbot.mouseMove(canvas, bottom_right)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=bottom_right)
    assert canvas.selection() == {"need": {ws.ids[f"need{i}"] for i in range(3)}}
    wait_idle(qtbot, canvas)
    selected = frame(canvas)
    canvas.clear_selection()
    wait_idle(qtbot, canvas)
    assert differing_pixels(selected, frame(canvas)) > 50  # the highlight was drawn


def test_select_from_api_and_zoom_to_selection(qtbot, canvas, ws) -> None:
    canvas.select("facility", [ws.ids["facility"]])
    assert canvas.selection() == {"facility": {ws.ids["facility"]}}
    canvas.zoom_to_selection()
    minx, miny, maxx, maxy = canvas.view_extent_lonlat()
    assert minx < FACILITY[0] < maxx and miny < FACILITY[1] < maxy
    assert maxx - minx < 0.05  # zoomed in on one point


def test_wheel_zoom_keeps_the_point_under_the_cursor(qtbot, canvas) -> None:
    cursor = QPointF(150.0, 120.0)
    before = canvas.to_map(cursor.x(), cursor.y())
    resolution = canvas.view().resolution
    scales: list[float] = []
    canvas.scaleChanged.connect(scales.append)
    event = QWheelEvent(cursor, canvas.mapToGlobal(cursor), QPoint(0, 0), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, event)
    assert canvas.view().resolution == pytest.approx(resolution / 2)
    assert canvas.to_map(cursor.x(), cursor.y()) == pytest.approx(before, abs=1e-6)
    assert scales and scales[-1] == pytest.approx(canvas.scale_denominator())


def test_pan_by_drag_keys_and_zoom_buttons(qtbot, canvas) -> None:
    start, end = QPoint(300, 200), QPoint(350, 230)
    anchor = canvas.to_map(start.x(), start.y())
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, QPoint(320, 210))
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    assert canvas.to_map(end.x(), end.y()) == pytest.approx(anchor, abs=1e-6)

    centre = canvas.view().cx
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.view().cx > centre
    resolution = canvas.view().resolution
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.view().resolution == pytest.approx(resolution / 2)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.view().resolution == pytest.approx(resolution)


def test_pan_shifts_the_last_images_before_any_render(qtbot, canvas) -> None:
    before = frame(canvas)
    zone = pixel_of(canvas, *ZONE_CENTRE)
    colour = QColor(before.pixel(zone))
    canvas.pan_by_pixels(40, 25, render_delay_ms=10_000)  # no render for now
    moved = frame(canvas)
    assert QColor(moved.pixel(zone + QPoint(40, 25))) == colour
    assert not canvas.is_idle()  # the render waits for the pan to pause


def test_zoom_to_layer_full_and_scale(qtbot, canvas) -> None:
    canvas.zoom_to_layer("need")
    minx, miny, maxx, maxy = canvas.view_extent_lonlat()
    for lon, lat in NEEDS:
        assert minx < lon < maxx and miny < lat < maxy
    assert maxx - minx < 0.15
    canvas.zoom_full()
    minx, miny, maxx, maxy = canvas.view_extent_lonlat()
    assert minx < ZONE[0][0] and maxx > 36.2
    ground = canvas.view().ground_resolution()
    assert canvas.scale_denominator() == pytest.approx(ground / (0.0254 / canvas.logicalDpiX()))


def test_an_edit_rerenders_only_the_layer_it_touched(qtbot, canvas, ws) -> None:
    zone_snapshot = canvas.snapshot("danger_zone")
    zone_image = canvas._images["layer:danger_zone"][0]
    road_image = canvas._images["layer:road"][0]
    loaded: list[str] = []
    canvas.layerLoaded.connect(loaded.append)
    need0 = ws.ids["need0"]
    ws.update_feature("need", need0, geometry=Point(*EMPTY_SPOT))
    qtbot.waitUntil(lambda: "need" in loaded, timeout=10_000)
    wait_idle(qtbot, canvas)
    assert loaded == ["need"]
    assert canvas.snapshot("danger_zone") is zone_snapshot
    assert canvas._images["layer:danger_zone"][0] is zone_image
    assert canvas._images["layer:road"][0] is road_image
    need_snapshot = canvas.snapshot("need")
    assert len(need_snapshot) == 3
    assert need_snapshot.lonlat[need_snapshot.row_of[need0]].equals(Point(*EMPTY_SPOT))
    assert not _is_background(colour_at(canvas, *EMPTY_SPOT))


def test_deleting_a_selected_feature_drops_it_from_map_and_selection(qtbot, canvas, ws) -> None:
    zone = ws.ids["zone"]
    canvas.select("danger_zone", [zone])
    changes: list[tuple[str, list]] = []
    canvas.selectionChanged.connect(lambda layer, uuids: changes.append((layer, uuids)))
    ws.delete_feature("danger_zone", zone)
    qtbot.waitUntil(lambda: ("danger_zone", []) in changes, timeout=10_000)
    wait_idle(qtbot, canvas)
    assert canvas.selection() == {}
    assert _is_background(colour_at(canvas, *ZONE_CENTRE))


def test_bulk_insert_from_another_thread_appears(qtbot, canvas, ws) -> None:
    import geopandas as gpd

    frame_ = gpd.GeoDataFrame({"name": ["Camp A", "Camp B"], "population": [5000, 9000], "severity_phase": [4, 5]},
                              geometry=[Point(36.21, 36.09), Point(36.02, 35.99)], crs=4326)
    worker = threading.Thread(target=lambda: ws.add_frame("need", frame_))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(canvas.snapshot("need")) == 5, timeout=10_000)
    wait_idle(qtbot, canvas)
    assert not _is_background(colour_at(canvas, 36.21, 36.09))


def _png(colour: str) -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _make_mbtiles(path: Path, zooms: range, colour: str, lon: float, lat: float) -> None:
    """Tiles around (lon, lat) at the given zooms, in TMS rows, all one colour."""
    import math

    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)", [
        ("name", "test imagery"), ("format", "png"), ("minzoom", str(zooms.start)),
        ("maxzoom", str(zooms.stop - 1)), ("attribution", "Test tiles")])
    png = _png(colour)
    for z in zooms:
        n = 2 ** z
        x = int((lon + 180) / 360 * n)
        y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        for dx in range(-3, 4):
            for dy in range(-3, 4):
                db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x + dx, (n - 1) - (y + dy), png))
    db.commit()
    db.close()


def test_mbtiles_tiles_appear_under_the_layers(qtbot, canvas, tmp_path: Path) -> None:
    path = tmp_path / "imagery.mbtiles"
    _make_mbtiles(path, range(8, 13), "#ff00ff", *EMPTY_SPOT)
    name = canvas.add_tiles(str(path))
    assert name == "test imagery" and canvas.tile_sources() == [name]
    wait_idle(qtbot, canvas)
    assert colour_at(canvas, *EMPTY_SPOT) == QColor("#ff00ff")
    assert colour_at(canvas, *ZONE_CENTRE) != QColor("#ff00ff")  # layers stay on top
    canvas.set_layer_visible(name, False)
    wait_idle(qtbot, canvas)
    assert _is_background(colour_at(canvas, *EMPTY_SPOT))
    canvas.remove_tiles(name)
    assert canvas.tile_sources() == []


def test_a_file_that_is_not_mbtiles_is_refused(canvas, tmp_path: Path) -> None:
    from humanops.errors import FormatError

    bad = tmp_path / "notes.mbtiles"
    bad.write_text("not sqlite at all, just text")
    with pytest.raises(FormatError, match=r"notes\.mbtiles"):
        canvas.add_tiles(str(bad))
    empty = tmp_path / "empty.mbtiles"
    sqlite3.connect(empty).execute("CREATE TABLE other (x)").connection.close()
    with pytest.raises(FormatError, match="no tiles table"):
        canvas.add_tiles(str(empty))


def test_labels_never_overlap(qtbot, canvas, ws) -> None:
    import geopandas as gpd

    from humanops.ui.canvas.labels import render_labels
    from humanops.ui.canvas.layer_renderer import RenderSettings

    # Forty needs within a few hundred metres: most of their labels cannot fit.
    rng = np.random.default_rng(3)
    frame_ = gpd.GeoDataFrame({"name": [f"Shelter block {i}" for i in range(40)],
                               "population": rng.integers(100, 5000, 40), "severity_phase": 3},
                              geometry=[Point(36.15 + d, 36.03 + e) for d, e in rng.random((40, 2)) * 0.004], crs=4326)
    ws.add_frame("need", frame_)
    qtbot.waitUntil(lambda: len(canvas.snapshot("need")) == 43, timeout=10_000)
    placed: list = []
    render_labels(canvas.visible_layers_top_first(), canvas.view(), RenderSettings(), placed=placed)
    texts = [text for text, _ in placed]
    assert "Hospital" in texts and "Shelling area" in texts
    assert 1 <= sum(t.startswith("Shelter block") for t in texts) < 20
    rects = [rect for _, rect in placed]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b), (a, b)
