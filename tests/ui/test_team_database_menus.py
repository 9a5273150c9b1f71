"""Every menu of the app on a team database (issue 14), through the real MainWindow and real clicks:
File › Import, Export, Export map image; the Analysis menu's route and aid allocation with the
saved plan reopened; Sharing › Send package and Receive package; File › New exercise. Each dialog's
worker opens the database by its URL on a connection of its own, as on a GeoPackage it opens the file.

One team database for the module (made from ``ocha``'s partner workspace with the ladder road
network): each test checks what it changed, by difference, so their order does not matter.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from exchange_helpers import close_all, make_partners
from planning_helpers import at, load
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit
from shapely.geometry import Point

from humanops.model.marking import TLP, Marking
from humanops.store.postgis.workspace import PostgisWorkspace

ORGS = {"ocha": ("community:wash",), "medaid": ("community:wash",)}
WAIT_MS = 30_000

pytestmark = pytest.mark.usefixtures("fast_kdf")  # sending and receiving unlock keys


@pytest.fixture(scope="module")
def team(pg_cluster, tmp_path_factory) -> dict:
    """ocha's workspace (keys, medaid's card, the ladder's roads, zone, shelters and village) copied
    into one database for the module; medaid's GeoPackage beside it, to send packages from."""
    from humanops.sharing import keys
    from humanops.store.postgis.copy_workspace import copy_workspace

    folder = tmp_path_factory.mktemp("team-menus")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "SCRYPT_N", 2**10)
        partners = make_partners(folder / "partners", ORGS)
    ocha = partners["ocha"]
    load(ocha.ws, "ladder_roads.geojson", "ladder_zone_b.geojson", "ladder_facilities.geojson",
         "ladder_needs.geojson")
    close_all(partners)
    url = pg_cluster.create_database()
    copy_workspace(str(ocha.ws.path), url)
    return {"url": url, "partners": partners, "folder": folder}


@pytest.fixture
def window(make_main_window, team, caplog):
    caplog.set_level(logging.WARNING)
    window = make_main_window(team["url"])
    assert window.team_listener is not None  # the team session is attached
    return window


def choose_from_menu(qtbot, window, title: str, action) -> None:
    """Open a menu of the menu bar with the mouse and click one of its entries."""
    bar = window.menuBar()
    menu = window.actions.menus[title]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible)
    assert action.isEnabled(), action.toolTip()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def entry(window, menu: str, text: str):
    def walk(m):
        for action in m.actions():
            if action.menu() is not None:
                yield from walk(action.menu())
            else:
                yield action
    return next(a for a in walk(window.actions.menus[menu]) if a.text() == text)


def dialog_of(qtbot, window, kind):
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(kind)), timeout=WAIT_MS)
    dialog = next(d for d in window.findChildren(kind) if d.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def count(url: str, layer: str, where: str = "TRUE") -> int:
    with PostgisWorkspace.open(url) as ws:
        return ws.connection.execute(f"SELECT count(*) FROM {layer} WHERE {where}").fetchone()[0]


def errors(caplog) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]


def test_no_menu_entry_is_greyed_on_a_team_database(window) -> None:
    """Import, Export, Export map and every Analysis, Sharing entry are offered, none says "not available"."""
    a = window.actions
    for action in (a.import_file, a.export_file, a.export_map, a.new_exercise,
                   *(action for action, _needs in a.extension_actions)):
        assert action.isEnabled(), action.text()
        assert "team database" not in action.toolTip(), action.text()
    assert not window.docks["results"].widget().objectName().startswith("team_unavailable")


def test_import_a_geojson_into_the_team_database(qtbot, window, team, tmp_path: Path, caplog) -> None:
    url = team["url"]
    source = tmp_path / "needs.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.0 + i * 0.01, 36.2]},
         "properties": {"name": f"Imported {i}", "population": 50 + i}} for i in range(3)]}), encoding="utf-8")
    before = count(url, "need")
    choose_from_menu(qtbot, window, "File", window.actions.import_file)
    dialog = window.import_dialog
    dialog.set_file(source, layer="need")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.outcome is not None, timeout=WAIT_MS)
    assert dialog.outcome.refused is None, dialog.summary.text()
    assert count(url, "need") == before  # the check wrote nothing
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert count(url, "need", "name LIKE 'Imported %'") == 3
    qtbot.waitUntil(lambda: f"({before + 3})" in window.layers_panel.layer_item("need").text(0), timeout=WAIT_MS)
    dialog.reject()

    # a bad file: a readable message naming it, nothing written
    broken = tmp_path / "broken.geojson"
    broken.write_text("{ not json", encoding="utf-8")
    choose_from_menu(qtbot, window, "File", window.actions.import_file)
    dialog = window.import_dialog
    dialog.set_file(broken)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=WAIT_MS)
    assert "broken.geojson" in dialog.summary.text() and "nothing was written" in dialog.summary.text()
    assert count(url, "need") == before + 3
    dialog.reject()
    assert errors(caplog) == []


def test_export_a_layer_from_the_team_database(qtbot, window, team, tmp_path: Path, caplog) -> None:
    import pyogrio

    choose_from_menu(qtbot, window, "File", window.actions.export_file)
    dialog = window.export_dialog
    target = tmp_path / "facilities.geojson"
    dialog.set_file(target)
    dialog.set_layers(["facility"])
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    exported = pyogrio.read_dataframe(target)
    assert len(exported) == count(team["url"], "facility") > 0
    assert {"Shelter C"} <= set(exported["name"])
    dialog.reject()
    assert errors(caplog) == []


def test_export_a_map_image_from_the_team_database(qtbot, window, team, tmp_path: Path, caplog) -> None:
    from humanops.ui.dialogs.map_export_dialog import MapExportDialog

    choose_from_menu(qtbot, window, "File", window.actions.export_map)
    dialog = dialog_of(qtbot, window, MapExportDialog)
    assert dialog.title.text().startswith("Map of ")  # the database's name: no file to name it by
    qtbot.waitUntil(lambda: dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull(),
                    timeout=WAIT_MS)
    out = tmp_path / "team-map.png"
    type_into(qtbot, dialog.file_edit, str(out))
    assert dialog.export_button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written == out, timeout=WAIT_MS)
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 200
    assert dialog.picture.tlp in {"CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"}  # read from the database
    dialog.grab().save(str(tmp_path / "map-export-on-team-database.png"))
    dialog.reject()
    assert errors(caplog) == []


def test_route_and_aid_allocation_run_and_the_saved_plan_reopens(qtbot, window, team, caplog) -> None:
    from ui_helpers import canvas_point

    from humanops.analysis.plans import list_plans
    from humanops.ui.planning.pick_point_tool import PickPointTool

    canvas = window.canvas
    canvas.zoom_to_layer("road")  # the ladder (other tests add features far from it)
    choose_from_menu(qtbot, window, "&Analysis", entry(window, "&Analysis", "Route…"))
    dialog = window.planning.dialogs["route"]
    for name, place in (("start", at(0, 0.3)), ("end", at(2, 0.3))):
        widget = dialog.widgets[name]
        qtbot.mouseClick(widget.pick_button, Qt.MouseButton.LeftButton)
        assert isinstance(canvas.map_tool(), PickPointTool)
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas_point(canvas, *place))
    with qtbot.waitSignal(dialog.resultReady, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    best = dialog.last_run.result.summary["routes"][0]
    assert best["status"] == "ok", best["message"]
    assert canvas.overlay("result:routes") is not None
    dialog.close()

    with PostgisWorkspace.open(team["url"]) as ws:
        plans_before = len(list_plans(ws))
    choose_from_menu(qtbot, window, "&Analysis", entry(window, "&Analysis", "Aid allocation…"))
    dialog = window.planning.dialogs["plan_aid"]
    with qtbot.waitSignal(dialog.resultReady, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    summary = dialog.last_run.result.summary
    assert summary.get("plan_id"), summary
    with PostgisWorkspace.open(team["url"]) as ws:  # saved in the database
        assert len(list_plans(ws)) == plans_before + 1
    dialog.close()

    panel = window.planning.results
    qtbot.waitUntil(lambda: panel.plan_combo.count() == plans_before + 1, timeout=WAIT_MS)
    runs = len(panel.runs)
    qtbot.mouseClick(panel.open_plan_button, Qt.MouseButton.LeftButton)  # the newest plan, listed first
    qtbot.waitUntil(lambda: len(panel.runs) == runs + 1, timeout=WAIT_MS)
    assert panel.current_run().title.startswith(f"Saved plan {summary['plan_id']}")
    assert panel.table_model("lines").rowCount() >= 1
    assert errors(caplog) == []


@pytest.fixture
def passphrases(monkeypatch) -> list[str]:
    answers: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: (answers[0], True)))
    return answers


def test_send_a_package_to_a_partner_from_the_team_database(qtbot, window, team, passphrases, monkeypatch,
                                                            tmp_path: Path, caplog) -> None:
    from humanops.sharing.audit import entries
    from humanops.ui.sharing.send_dialog import SendPackageDialog

    window.workspace.add_feature("need", Point(36.03, 36.05), {"name": "for the wash cluster", "population": 70},
                                 Marking(tlp=TLP.GREEN))
    choose_from_menu(qtbot, window, "Sharing", entry(window, "Sharing", "Send package…"))
    dialog = dialog_of(qtbot, window, SendPackageDialog)
    dialog.set_recipients(["medaid"])
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.save_button.isEnabled(), timeout=WAIT_MS)
    out = tmp_path / "to-medaid.hopx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    passphrases[:] = [team["partners"]["ocha"].passphrase]
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    assert out.is_file() and result.path == str(out)
    dialog.grab().save(str(tmp_path / "send-on-team-database.png"))
    with PostgisWorkspace.open(team["url"]) as ws:  # the audit log in the database says so
        assert entries(ws)[-1]["package_id"] == result.package_id
    dialog.reject()
    assert errors(caplog) == []


def test_receive_a_package_into_the_team_database(qtbot, window, team, passphrases, tmp_path: Path,
                                                  caplog) -> None:
    from humanops.sharing.exchange_export import export_package
    from humanops.store.workspace import Workspace
    from humanops.ui.sharing.receive_dialog import ReceivePackageDialog

    medaid = team["partners"]["medaid"]
    package = tmp_path / "from-medaid.hopx"
    with Workspace.open(medaid.ws.path) as ws:
        ws.add_feature("need", Point(36.31, 36.31), {"name": "Clinic queue", "population": 45},
                       Marking(tlp=TLP.AMBER, releasable_to=("ocha",)))
        export_package(ws, ["ocha"], package, medaid.passphrase, full=True)
    url = team["url"]
    before = count(url, "need")
    choose_from_menu(qtbot, window, "Sharing", entry(window, "Sharing", "Receive package…"))
    dialog = dialog_of(qtbot, window, ReceivePackageDialog)
    dialog.set_file(package)
    passphrases[:] = [team["partners"]["ocha"].passphrase]
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.import_button.isEnabled(), timeout=WAIT_MS)
    assert "medaid" in dialog.verification_text() and "verified" in dialog.verification_text()
    assert count(url, "need") == before  # the check changed nothing
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert count(url, "need", "name = 'Clinic queue'") == 1
    qtbot.waitUntil(lambda: f"({before + 1})" in window.layers_panel.layer_item("need").text(0), timeout=WAIT_MS)
    dialog.reject()
    assert errors(caplog) == []


def test_new_exercise_from_the_team_database(qtbot, window, team, tmp_path: Path, caplog) -> None:
    """File › New exercise… copies the database into an exercise GeoPackage, on a worker."""
    from humanops.model.exercise import exercise_info
    from humanops.store.workspace import Workspace
    from humanops.ui.dialogs.exercise_dialogs import NewExerciseDialog

    choose_from_menu(qtbot, window, "File", window.actions.new_exercise)
    dialog = dialog_of(qtbot, window, NewExerciseDialog)
    target = tmp_path / "drill.gpkg"
    type_into(qtbot, dialog.name_edit, "Team drill")
    type_into(qtbot, dialog.file_edit, str(target))
    assert dialog.create_button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.open_button.isVisible, timeout=WAIT_MS)
    with Workspace.open(target) as drill:
        assert exercise_info(drill).name == "Team drill"
        assert drill.count("road") == count(team["url"], "road")
    assert window.workspace.url == team["url"]  # nothing swapped until asked
    dialog.reject()
    assert errors(caplog) == []


@pytest.mark.parametrize(("text", "dialog_class"), [
    ("Own identity…", "humanops.ui.sharing.identity_dialog.OwnIdentityDialog"),
    ("Partners and keys…", "humanops.ui.sharing.partners_dialog.PartnersDialog"),
    ("Editors of a layer…", "humanops.ui.sharing.editors_dialog.EditorsDialog"),
    ("Audit log…", "humanops.ui.sharing.audit_dialog.AuditDialog"),
])
def test_the_sharing_menus_dialogs_open_on_the_team_database(qtbot, window, text: str, dialog_class: str,
                                                             caplog) -> None:
    """The rest of the Sharing menu reads the database: our key, the directory, the audit chain."""
    import importlib

    from PySide6.QtWidgets import QLabel, QMessageBox

    from humanops.sharing import keys
    from humanops.sharing.keys import format_fingerprint

    module, name = dialog_class.rsplit(".", 1)
    cls = getattr(importlib.import_module(module), name)
    choose_from_menu(qtbot, window, "Sharing", entry(window, "Sharing", text))
    dialog = dialog_of(qtbot, window, cls)
    if name == "OwnIdentityDialog":  # our key, read from the database: its fingerprint shown
        fingerprint = format_fingerprint(keys.own_identity(window.workspace).fingerprint)
        assert any(fingerprint.split()[0] in label.text() for label in dialog.findChildren(QLabel))
    if name == "PartnersDialog":  # medaid's card, in the database's directory
        assert any("medaid" in dialog.tree.topLevelItem(i).text(0).lower() + dialog.tree.topLevelItem(i).text(1).lower()
                   for i in range(dialog.tree.topLevelItemCount()))
    if name == "AuditDialog":
        qtbot.waitUntil(lambda: dialog.verdict.text() != "", timeout=WAIT_MS)
        assert "✔" in dialog.verdict.text() or "intact" in dialog.verdict.text().lower(), dialog.verdict.text()
    assert not [b for b in window.findChildren(QMessageBox) if b.objectName() == "error_box" and b.isVisible()]
    dialog.reject()
    assert errors(caplog) == []
