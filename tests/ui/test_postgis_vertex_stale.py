"""A vertex dragged on a shape another session replaced meanwhile (issue 14), through the real
MainWindow on a team database and real mouse events: nothing is written, the comparison dialog a
stale Apply opens shows both shapes; "keep theirs" leaves their version (no new one), "re-apply
mine" stores my shape on their version with their fields kept. A colleague's change of fields only
is no conflict for a vertex edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from shapely.geometry import MultiPolygon, Polygon
from ui_helpers import canvas_point

from humanops.store.postgis.workspace import PostgisWorkspace

TIMEOUT = 15_000
MINE_FROM, MINE_TO = (36.10, 36.00), (36.12, 35.99)  # the corner I drag
THEIR_SHAPE = MultiPolygon([Polygon([(36.0, 36.0), (36.1, 36.0), (36.1, 36.12), (36.0, 36.0)])])  # another corner


@pytest.fixture
def team_url(pg_dsn: str) -> tuple[str, str]:
    with PostgisWorkspace.create(pg_dsn, organisation="ocha") as ws:
        zone = ws.add_feature("danger_zone", Polygon([(36.0, 36.0), (36.1, 36.0), (36.1, 36.08)]),
                              {"name": "Shelling area", "hazard": "shelling", "severity": 4})
    return pg_dsn, zone.uuid


def _drag_corner(qtbot, team_url, make_main_window, colleague_edit) -> tuple:
    """The window showing the zone, the vertex tool on it; ``colleague_edit`` runs through another
    session while the map still shows the shape as it was; then I drag a corner."""
    url, uuid = team_url
    window = make_main_window(url)
    qtbot.waitUntil(lambda: window.canvas.snapshot("danger_zone") is not None, timeout=TIMEOUT)
    window.canvas.select("danger_zone", [uuid])
    window.canvas.zoom_to_layer("danger_zone")
    window.rendered.clear()
    qtbot.waitUntil(lambda: bool(window.rendered), timeout=TIMEOUT)
    # their notification held back (a slow link): the map still draws version 1 when I drag
    window.team_listener.stop()
    with PostgisWorkspace.open(url) as colleague:
        colleague_edit(colleague, uuid)
    window.actions.edit_vertices.trigger()
    canvas = window.canvas
    corner, target = canvas_point(canvas, *MINE_FROM), canvas_point(canvas, *MINE_TO)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.mouseMove(canvas, target)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=target)
    return window, uuid


def _reshape(colleague: PostgisWorkspace, uuid: str) -> None:
    colleague.update_feature("danger_zone", uuid, geometry=THEIR_SHAPE, properties={"name": "Moved by them"},
                             expected_version=1)


def _corners(feature) -> set[tuple[float, float]]:
    return {(round(x, 2), round(y, 2)) for x, y in feature.geometry.geoms[0].exterior.coords}


def test_keep_theirs_after_a_stale_vertex_move_writes_nothing(qtbot, make_main_window, team_url) -> None:
    window, uuid = _drag_corner(qtbot, team_url, make_main_window, _reshape)
    dialog = window.stale_dialog
    assert dialog is not None and dialog.isVisible() and dialog.objectName() == "stale_edit_dialog"
    intro = dialog.findChild(QLabel, "stale_intro").text()
    assert "version 1" in intro and "version 2" in intro
    rows = {r[0]: r[1:] for r in dialog.rows()}
    before, theirs, mine = rows["Geometry"]
    assert len({before, theirs, mine}) == 3  # the shape I saw, theirs, and mine, each described
    assert "36.06" in theirs.replace(",", ".") or "36.07" in theirs.replace(",", ".")  # their centre moved north
    assert rows["Name"][:2] == ["Shelling area", "Moved by them"]
    stored = window.workspace.get_feature("danger_zone", uuid)
    assert stored.version == 2 and (36.1, 36.12) in _corners(stored)  # nothing written yet
    assert window.undo_stack.count() == 0
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    stored = window.workspace.get_feature("danger_zone", uuid)
    assert stored.version == 2 and _corners(stored) == _corners(window.workspace.get_feature("danger_zone", uuid))
    assert (36.1, 36.12) in _corners(stored) and MINE_TO not in _corners(stored)
    assert [h.version for h in window.workspace.history("danger_zone", uuid)] == [1]
    assert window.undo_stack.count() == 0 and window.stale_dialog is None
    # the map re-reads the layer and draws their shape
    qtbot.waitUntil(lambda: int(window.canvas.snapshot("danger_zone").versions[0]) == 2, timeout=TIMEOUT)


def test_reapply_mine_stores_my_shape_on_their_version(qtbot, make_main_window, team_url) -> None:
    window, uuid = _drag_corner(qtbot, team_url, make_main_window, _reshape)
    qtbot.mouseClick(window.stale_dialog.reapply, Qt.MouseButton.LeftButton)
    stored = window.workspace.get_feature("danger_zone", uuid)
    assert stored.version == 3 and MINE_TO in _corners(stored) and (36.1, 36.12) not in _corners(stored)
    assert stored.properties["name"] == "Moved by them"  # their fields kept: only the shape is mine
    assert window.undo_stack.undoText().startswith("Move vertices")


def test_a_colleagues_field_change_is_no_conflict_for_a_vertex_move(qtbot, make_main_window, team_url) -> None:
    def rename(colleague: PostgisWorkspace, uuid: str) -> None:
        colleague.update_feature("danger_zone", uuid, properties={"name": "Renamed"}, expected_version=1)

    window, uuid = _drag_corner(qtbot, team_url, make_main_window, rename)
    assert getattr(window, "stale_dialog", None) is None
    stored = window.workspace.get_feature("danger_zone", uuid)
    assert stored.version == 3 and MINE_TO in _corners(stored) and stored.properties["name"] == "Renamed"
