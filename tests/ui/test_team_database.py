"""The app on a team database (PostgreSQL/PostGIS), through the real MainWindow and QTest:
File › Open team database…, others' edits heard and redrawn, and a stale Apply that shows the
other person's version and writes nothing until the user chooses."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from shapely.geometry import Point, Polygon
from ui_helpers import click_row

from humanops.store.postgis.workspace import PostgisWorkspace
from humanops.ui.settings import recent_workspaces

TIMEOUT = 15_000


@pytest.fixture
def team_url(pg_dsn: str) -> str:
    """A team workspace of ``ocha`` with a few needs and a danger zone."""
    with PostgisWorkspace.create(pg_dsn, organisation="ocha") as ws:
        for i in range(3):
            ws.add_feature("need", Point(36.05 + 0.03 * i, 36.12), {"name": f"Village {i}", "population": 500 + i})
        ws.add_feature("danger_zone", Polygon([(36.0, 36.0), (36.1, 36.0), (36.1, 36.08)]),
                       {"name": "Shelling area", "hazard": "shelling", "severity": 4})
    return pg_dsn


def _open_through_dialog(qtbot, window, url: str) -> None:
    window.actions.open_team.trigger()
    dialog = _top_level("team_database_dialog")
    dialog.url.clear()
    qtbot.keyClicks(dialog.url, url)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)


def _top_level(name: str):
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]
    assert found, f"no visible {name}"
    return found[-1]


def _wait_drawn(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.workspace is not None and bool(window.rendered), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.attribute_table.is_loading(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.layers_panel.is_counting(), timeout=TIMEOUT)


def _select_need(qtbot, window, row: int = 0) -> str:
    table = window.attribute_table
    table.set_layer("need")
    qtbot.waitUntil(lambda: not table.is_loading() and table.model.rowCount() == 3, timeout=TIMEOUT)
    click_row(qtbot, table.view, row)
    (uuid,) = table.selected_uuids()
    qtbot.waitUntil(lambda: window.feature_panel.uuid == uuid, timeout=TIMEOUT)
    return uuid


def _team_listening(qtbot, window) -> None:
    listener = window.team_listener
    qtbot.waitUntil(listener.listening.is_set, timeout=TIMEOUT)


def test_open_a_team_database_from_the_file_menu(qtbot, make_main_window, team_url: str) -> None:
    window = make_main_window()
    window.rendered.clear()  # the empty map's renders do not count
    _open_through_dialog(qtbot, window, team_url)
    _wait_drawn(qtbot, window)
    qtbot.waitUntil(lambda: window.canvas.snapshot("need") is not None, timeout=TIMEOUT)
    database = urlsplit(team_url).path.strip("/")
    assert window.windowTitle().startswith(f"{database} @ ")
    assert len(window.canvas.snapshot("need")) == 3
    assert recent_workspaces(window.settings)[0] == team_url
    # every menu runs on a database (tests/ui/test_team_database_menus.py): nothing greyed for it
    assert window.actions.import_file.isEnabled()
    assert "team database" not in window.actions.import_file.toolTip()
    assert window.actions.delete.isEnabled() and window.actions.draw["need"].isEnabled()


def test_a_password_a_missing_postgis_and_a_database_without_a_workspace_are_explained(
        qtbot, make_main_window, pg_cluster, pg_dsn: str) -> None:
    window = make_main_window()
    # a password in the URL: refused in the dialog, nothing opened, nothing remembered
    window.actions.open_team.trigger()
    dialog = _top_level("team_database_dialog")
    with_password = pg_dsn.replace("@", ":secret@", 1)
    qtbot.keyClicks(dialog.url, with_password)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible() and "password" in dialog.problem.text()
    dialog.reject()
    # no workspace in the database
    window.open_workspace(pg_dsn)
    box = _top_level("error_box")
    assert "not a HumanOps workspace" in box.text() and urlsplit(pg_dsn).path in box.text()
    box.close()
    # no PostGIS there
    plain = pg_cluster.create_database(postgis=False)
    window.open_workspace(plain)
    box = _top_level("error_box")
    assert "PostGIS is not enabled" in box.text() and urlsplit(plain).path in box.text()
    box.close()
    assert window.workspace is None and recent_workspaces(window.settings) == []


def test_others_edits_are_heard_and_redrawn(qtbot, make_main_window, team_url: str) -> None:
    window = make_main_window(team_url)
    _team_listening(qtbot, window)
    uuid = _select_need(qtbot, window, 0)
    with PostgisWorkspace.open(team_url) as colleague:
        colleague.update_feature("need", uuid, properties={"name": "Renamed by a colleague"}, expected_version=1)
        added = colleague.add_feature("need", Point(36.3, 36.3), {"name": "New village", "population": 10})
    # the form (clean) shows the new version, the map holds the new point, the table the new name
    form = window.feature_panel.form
    qtbot.waitUntil(lambda: form.editors["name"].value() == "Renamed by a colleague", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: added.uuid in window.canvas._snapshots["need"].row_of, timeout=TIMEOUT)
    table = window.attribute_table
    qtbot.waitUntil(lambda: not table.is_loading() and table.model.rowCount() == 4, timeout=TIMEOUT)
    assert window.workspace.get_feature("need", uuid).version == 2


def test_a_stale_apply_shows_their_version_and_reapplies_mine_on_it(qtbot, make_main_window, team_url: str) -> None:
    window = make_main_window(team_url)
    uuid = _select_need(qtbot, window, 1)
    form = window.feature_panel.form
    population = form.editors["population"].input
    population.selectAll()
    qtbot.keyClicks(population, "900")
    name = form.editors["name"].input
    name.selectAll()
    qtbot.keyClicks(name, "Mine")
    assert window.feature_panel.is_dirty()
    with PostgisWorkspace.open(team_url) as colleague:  # meanwhile, through another session
        colleague.update_feature("need", uuid, properties={"name": "Theirs", "severity_phase": 3},
                                 expected_version=1)
    qtbot.mouseClick(window.feature_panel.apply_button, Qt.MouseButton.LeftButton)
    dialog = window.stale_dialog
    assert dialog is not None and dialog.isVisible()
    rows = {r[0]: r[1:] for r in dialog.rows()}
    assert rows["Name"] == ["Village 1", "Theirs", "Mine"]
    assert rows["Population"][0] == "501" and rows["Population"][2] == "900"
    intro = dialog.findChild(QLabel, "stale_intro").text()
    assert "version 1" in intro and "version 2" in intro
    # nothing written yet, and the form keeps my changes
    assert window.workspace.get_feature("need", uuid).properties["name"] == "Theirs"
    assert window.feature_panel.is_dirty()
    qtbot.mouseClick(dialog.reapply, Qt.MouseButton.LeftButton)
    stored = window.workspace.get_feature("need", uuid)
    assert (stored.version, stored.properties["name"], stored.properties["population"],
            stored.properties["severity_phase"]) == (3, "Mine", 900, 3)  # theirs kept where I changed nothing
    assert [h.properties["name"] for h in window.workspace.history("need", uuid)] == ["Village 1", "Theirs"]
    assert not window.feature_panel.is_dirty()


def test_keep_theirs_drops_my_change_only_when_asked(qtbot, make_main_window, team_url: str) -> None:
    window = make_main_window(team_url)
    uuid = _select_need(qtbot, window, 2)
    name = window.feature_panel.form.editors["name"].input
    name.selectAll()
    qtbot.keyClicks(name, "Mine")
    with PostgisWorkspace.open(team_url) as colleague:
        colleague.update_feature("need", uuid, properties={"name": "Theirs"})
    qtbot.mouseClick(window.feature_panel.apply_button, Qt.MouseButton.LeftButton)
    dialog = window.stale_dialog
    qtbot.mouseClick(dialog.findChild(QPushButton, "stale_later"), Qt.MouseButton.LeftButton)
    assert window.feature_panel.is_dirty() and name.text() == "Mine"  # decided later: still on screen
    qtbot.mouseClick(window.feature_panel.apply_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.stale_dialog.keep_theirs, Qt.MouseButton.LeftButton)
    assert name.text() == "Theirs" and not window.feature_panel.is_dirty()
    assert window.workspace.get_feature("need", uuid).version == 2
