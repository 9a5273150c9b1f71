"""Files dropped on the main window, as a file manager drops them (a drag-enter, then a drop
carrying file URLs): a workspace opens (asking first about unsaved work), a file to import
opens the Import dialog with it, a partner's package the Receive dialog; anything else, or
several files at once, is refused with a status message naming what was dropped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import select_in_table

from humanops.sharing.package_format import MARKER
from humanops.ui.sharing.receive_dialog import ReceivePackageDialog

WAIT_MS = 20_000
GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.1, 36.1]},
     "properties": {"name": "Camp North", "population": 1200}}]}


def mime_of(urls: list[QUrl]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(urls)
    return mime


def drop(qtbot, window, *paths: Path, mime: QMimeData | None = None) -> bool:
    """Drag ``paths`` over the map and drop them; False if the window refused the drag."""
    mime = mime or mime_of([QUrl.fromLocalFile(str(p)) for p in paths])
    where = window.canvas.mapTo(window, window.canvas.rect().center())
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.setAccepted(False)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, dropped)
    assert dropped.isAccepted()
    qtbot.wait(10)  # the window acts once the drop has returned
    return True


def message(window) -> str:
    return window.statusBar().currentMessage()


def visible(window, cls: type) -> list:
    return [d for d in window.findChildren(cls) if d.isVisible()]


def test_a_dropped_workspace_opens_asking_first_about_unsaved_work(qtbot, make_main_window, tmp_path: Path,
                                                                   small_workspace_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_main_window()
    assert window.acceptDrops()  # else a file manager's drag never reaches it
    assert drop(qtbot, window, small_workspace_path)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT_MS)
    assert window.workspace.path == small_workspace_path
    qtbot.waitUntil(lambda: not window.attribute_table.is_loading(), timeout=WAIT_MS)

    assert drop(qtbot, window, small_workspace_path)
    assert message(window) == "small.gpkg is open already."

    other = tmp_path / "other.gpkg"
    shutil.copy(small_workspace_path, other)
    select_in_table(qtbot, window, "need", 1)
    qtbot.keyClicks(window.feature_panel.form.editors["notes"].input, "well dry")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Cancel))
    assert drop(qtbot, window, other)
    assert asked and "changed fields not yet applied" in asked[0]
    assert window.workspace.path == small_workspace_path  # Cancel: the current one stays, with its edit
    assert window.feature_panel.is_dirty()

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda *a, **k: QMessageBox.StandardButton.Discard))
    assert drop(qtbot, window, other)
    qtbot.waitUntil(lambda: window.workspace.path == other, timeout=WAIT_MS)


def test_a_dropped_geojson_opens_the_import_dialog_with_it(qtbot, main_window, tmp_path: Path) -> None:
    from humanops.ui.dialogs.import_dialog import ImportDialog

    window = main_window
    camps = tmp_path / "camps.geojson"
    camps.write_text(json.dumps(GEOJSON), encoding="utf-8")
    assert drop(qtbot, window, camps)
    (dialog,) = visible(window, ImportDialog)
    assert dialog is window.import_dialog
    assert dialog.file_edit.text() == str(camps)
    assert dialog.check_button.isEnabled() and not dialog.import_button.isEnabled()  # Check first: nothing written
    assert message(window) == "Import camps.geojson: Check shows what would be imported."
    dialog.reject()


def test_a_plain_geopackage_and_a_shapefiles_parts_are_imported(qtbot, main_window, tmp_path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    from humanops.ui.dialogs.import_dialog import ImportDialog

    window = main_window
    frame = gpd.GeoDataFrame({"name": ["Camp North"]}, geometry=[Point(36.1, 36.1)], crs=4326)
    plain = tmp_path / "camps.gpkg"
    frame.to_file(plain)
    assert drop(qtbot, window, plain)
    (dialog,) = visible(window, ImportDialog)
    assert dialog.file_edit.text() == str(plain)
    dialog.reject()

    frame.to_file(tmp_path / "camps.shp")
    parts = sorted(tmp_path.glob("camps.*"))
    assert {p.suffix for p in parts} >= {".shp", ".dbf", ".shx", ".prj"}
    assert drop(qtbot, window, *[p for p in parts if p.suffix != ".gpkg"])
    (dialog,) = visible(window, ImportDialog)
    assert dialog.file_edit.text() == str(tmp_path / "camps.shp")  # one Shapefile, not five files
    dialog.reject()


@pytest.mark.usefixtures("fast_kdf")
def test_a_dropped_package_opens_the_receive_dialog_with_it(qtbot, main_window, tmp_path: Path) -> None:
    from humanops.sharing.keys import init_identity

    window = main_window
    init_identity(window.workspace, "ocha", "OCHA", "passphrase of ocha")
    package = tmp_path / "from-medaid.hopx"
    package.write_bytes(MARKER + b"sealed")
    assert drop(qtbot, window, package)
    (dialog,) = visible(window, ReceivePackageDialog)
    assert dialog.file_edit.text() == str(package)
    assert message(window) == "Package from-medaid.hopx: Check verifies it and shows what it would change."

    renamed = tmp_path / "attachment.bin"  # a mail program's name: the marker tells it is a package
    renamed.write_bytes(MARKER + b"sealed")
    assert drop(qtbot, window, renamed)
    assert visible(window, ReceivePackageDialog) == [dialog]  # the open one takes it
    assert dialog.file_edit.text() == str(renamed)
    dialog.reject()


def test_anything_else_is_refused_with_its_name(qtbot, make_main_window, tmp_path: Path,
                                                small_workspace_path: Path) -> None:
    from humanops.ui.dialogs.import_dialog import ImportDialog

    window = make_main_window()
    camps = tmp_path / "camps.geojson"
    camps.write_text(json.dumps(GEOJSON), encoding="utf-8")
    assert drop(qtbot, window, camps)  # nothing to import into yet
    assert message(window) == ("camps.geojson can be imported only into a workspace: open or create one first, "
                               "then drop it again.")

    assert window.open_workspace(small_workspace_path)
    report = tmp_path / "sitrep.docx"
    report.write_bytes(b"PK\x03\x04 not ours")
    assert drop(qtbot, window, report)
    assert message(window).startswith("sitrep.docx was not opened: HumanOps opens workspaces and partners' "
                                      "packages (.hopx), and imports ")
    assert ".geojson" in message(window) and ".csv" in message(window)

    fake = tmp_path / "fake.gpkg"
    fake.write_text("not a database", encoding="utf-8")
    assert drop(qtbot, window, fake)
    assert message(window) == "fake.gpkg is not a GeoPackage, or cannot be read: it was not opened."

    assert drop(qtbot, window, camps, report)
    assert message(window) == ("Drop one file at a time: 2 files were dropped (camps.geojson, sitrep.docx). "
                               "Nothing was opened.")
    assert drop(qtbot, window, tmp_path)
    assert message(window) == f"{tmp_path.name} is a folder: drop a file (nothing was opened)."

    assert not drop(qtbot, window, mime=mime_of([QUrl("https://example.org/camps.geojson")]))  # not a file
    assert window.workspace.path == small_workspace_path
    assert visible(window, ImportDialog) == [] and visible(window, ReceivePackageDialog) == []
