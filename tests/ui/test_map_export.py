"""File › Export map image…: the map as it is shown, written as a PNG or a one-page PDF with the
TLP banner of the highest marking drawn (TLP 2.0 colours on black, top and bottom), the date and
valid-at time, the legend, scale bar and north arrow; chosen with real clicks and keys, rendered
off the GUI thread, written whole."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from humanops.model.symbology import TLP_COLOURS

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed here: packaging/system-packages.sh "
    "--test installs it, and could not on this machine")
OUT_MS = 30_000


def choose_from_menu(qtbot, window, title: str, action) -> None:
    """Open a menu of the menu bar with the mouse and click one of its entries."""
    bar = window.menuBar()
    menu = window.actions.menus[title]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def open_export_dialog(qtbot, window):
    from humanops.ui.dialogs.map_export_dialog import MapExportDialog

    choose_from_menu(qtbot, window, "File", window.actions.export_map)
    qtbot.waitUntil(lambda: window.findChild(MapExportDialog) is not None)
    dialog = window.findChild(MapExportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def pixels(image: QImage) -> np.ndarray:
    """(h, w, 3) RGB of an image."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return data.reshape(image.height(), image.bytesPerLine())[:, :image.width() * 3].reshape(
        image.height(), image.width(), 3).copy()


def near(rgb: np.ndarray, colour: str, tolerance: int = 40) -> np.ndarray:
    c = QColor(colour)
    target = np.array([c.red(), c.green(), c.blue()])
    return np.abs(rgb.astype(int) - target).sum(axis=-1) <= tolerance


def test_a_png_of_the_map_with_its_banner_legend_and_scale(qtbot, main_window, tmp_path: Path) -> None:
    window = main_window
    dialog = open_export_dialog(qtbot, window)
    assert dialog.chosen_format() == "png" and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull(),
                    timeout=OUT_MS)   # the preview drew off the GUI thread
    out = tmp_path / "map.png"
    dialog.width_px.selectAll()
    qtbot.keyClicks(dialog.width_px, "1200")
    dialog.height_px.selectAll()
    qtbot.keyClicks(dialog.height_px, "800")
    qtbot.keyClicks(dialog.file_edit, str(out))
    assert dialog.export_button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written == out, timeout=OUT_MS)

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    rgb = pixels(image)
    # The small workspace's zones and needs are AMBER, its facilities GREEN: the banner is AMBER,
    # TLP 2.0's amber on black, at the top and again at the bottom.
    assert dialog.picture.tlp == "AMBER" and "TLP:AMBER" in dialog.message.text()
    top, bottom = rgb[:46], rgb[-22:]
    for band in (top, bottom):
        assert near(band, "#000000", 10).mean() > 0.6            # black ground
        assert near(band, TLP_COLOURS["AMBER"]).sum() > 40        # the label in amber
    map_area = rgb[46:-22]
    assert len(np.unique(map_area.reshape(-1, 3), axis=0)) > 200   # drawn, not blank
    assert near(map_area, "#ffffff", 3).sum() > 2000                # the legend's white ground
    assert not out.with_suffix(".png.tmp").exists() and out.stat().st_mode & 0o077 == 0   # owner-only


@needs_poppler
def test_a_pdf_page_carries_the_banner_text_top_and_bottom(qtbot, main_window, tmp_path: Path) -> None:
    window = main_window
    dialog = open_export_dialog(qtbot, window)
    dialog.format.setFocus()
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)   # PNG → PDF
    assert dialog.chosen_format() == "pdf"
    out = tmp_path / "map.pdf"
    qtbot.keyClicks(dialog.file_edit, str(out))
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Shelling area, north")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written == out, timeout=OUT_MS)

    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M) and "(A4)" in info
    lines = [" ".join(line.split()) for line in subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.strip()]
    assert lines[0].startswith("TLP:AMBER") and "Shelling area, north" in lines[0]
    assert lines[-1].startswith("TLP:AMBER")   # the footer: the label again at the bottom of the page
    text = "\n".join(lines)
    assert "Legend" in text and "Danger zones" in text and "Valid at all times" in text


def test_hidden_layers_are_left_out_and_the_banner_follows_what_is_drawn(qtbot, main_window) -> None:
    from humanops.ui.map_export import image_map_view, render_map, request_from_canvas

    canvas = main_window.canvas
    for name in canvas.layer_names():
        canvas.set_layer_visible(name, name == "facility")   # only the GREEN facilities shown
    picture = render_map(request_from_canvas(canvas, image_map_view(canvas.view(), 800, 600, 96)))
    assert picture.tlp == "GREEN" and [g.title for g in picture.legend] == ["Facilities"]
    assert [e.label for e in picture.legend[0].entries] == ["shelter", "hospital"]   # the classes drawn only


def test_composed_in_strips_on_the_gui_thread_as_rendered_in_one_go(qtbot, main_window, monkeypatch) -> None:
    """The app's renderer (parts on workers, composed strip by strip on the GUI thread) and the
    report's (all in one worker) give the same map, pixel for pixel."""
    from humanops.ui import map_export
    from humanops.ui.map_export import MapRenderer, image_map_view, render_map, request_from_canvas

    monkeypatch.setattr(map_export, "COMPOSE_STEP_PIXELS", 150_000)   # many strips, their seams tested
    canvas = main_window.canvas
    request = request_from_canvas(canvas, image_map_view(canvas.view(), 900, 700, 150))
    renderer = MapRenderer()
    with qtbot.waitSignal(renderer.rendered, timeout=OUT_MS) as arrived:
        renderer.render(request)
    in_strips, at_once = arrived.args[0], render_map(request)
    renderer.shutdown()
    assert in_strips.tlp == at_once.tlp == "AMBER" and in_strips.legend == at_once.legend
    assert pixels(in_strips.image).tobytes() == pixels(at_once.image).tobytes()


def test_unread_markings_are_read_from_the_workspace_never_guessed(small_workspace_path: Path) -> None:
    """A large layer's snapshot holds no markings until the map needs them: the banner reads them
    from the workspace for the view; with no workspace to ask it says RED."""
    from humanops.store.workspace import Workspace
    from humanops.ui.map_export import MapLayer, MapRequest, highest_tlp
    from humanops.viewmodel.layers.layer_data import snapshot_from_columns
    from humanops.viewmodel.layers.layer_stages import drawing_columns, read_columns
    from humanops.viewmodel.map_view import MapView, lonlat_box_to_map

    with Workspace.open(small_workspace_path) as ws:
        kind = ws.kind("facility")
    read = read_columns(small_workspace_path, kind, drawing_columns(kind))
    staged = snapshot_from_columns(kind, read, 1, whole=False)   # geometry and class only: no tlp
    assert (staged.tlps(np.arange(len(staged))) == "").all()
    view = MapView(0, 0, 1, 800, 600).fitted(*lonlat_box_to_map(35.9, 35.9, 36.4, 36.3))
    layers = (MapLayer(staged, kind.title),)
    assert highest_tlp(MapRequest(view, layers, workspace_path=small_workspace_path)) == "GREEN"
    assert highest_tlp(MapRequest(view, layers)) == "RED"
