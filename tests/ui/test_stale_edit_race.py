"""Issue 14, "never silently overwritten": another session's commit landing in the app's
read-then-write window — after the stale check passed, before the write — is refused by the write
itself and opens the comparison dialog, on a team database (PostGIS, two sessions) and on a
GeoPackage opened by two Workspace objects. Through the real MainWindow with real clicks and keys:
the form's Apply, the marking panel's Apply, Delete, a vertex drag, and undo. In every case nothing
of the colleague's is lost, and the dialog shows what the user started from, theirs and the user's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from shapely.geometry import MultiPolygon, Point, Polygon
from ui_helpers import canvas_point, select_in_table

from humanops.model.marking import TLP, Marking
from humanops.store.workspace import Workspace

TIMEOUT = 15_000
THEIR_SHAPE = MultiPolygon([Polygon([(36.0, 36.0), (36.1, 36.0), (36.1, 36.12), (36.0, 36.0)])])


class Shared:
    """One workspace two sessions write: the window's, and a colleague's opened by ``colleague()``."""

    def __init__(self, target: str | Path, backend: str, zone: str) -> None:
        self.target = target
        self.backend = backend
        self.zone = zone  # the danger zone's uuid

    @contextmanager
    def colleague(self) -> Iterator[Any]:
        if self.backend == "postgis":
            from humanops.store.postgis.workspace import PostgisWorkspace

            with PostgisWorkspace.open(str(self.target)) as ws:
                yield ws
        else:
            with Workspace.open(self.target) as ws:
                yield ws


def _fill(ws: Any) -> str:
    for i in range(2):
        ws.add_feature("need", Point(36.05 + 0.03 * i, 36.12), {"name": f"Village {i}", "population": 500 + i})
    return ws.add_feature("danger_zone", Polygon([(36.0, 36.0), (36.1, 36.0), (36.1, 36.08)]),
                   {"name": "Shelling area", "hazard": "shelling", "severity": 4}).uuid


@pytest.fixture(params=["postgis", "gpkg"])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Shared:
    if request.param == "postgis":
        from humanops.store.postgis.workspace import PostgisWorkspace

        dsn = request.getfixturevalue("pg_dsn")
        with PostgisWorkspace.create(dsn, organisation="ocha") as ws:
            zone = _fill(ws)
        return Shared(dsn, "postgis", zone)
    path = tmp_path / "shared.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        zone = _fill(ws)
    return Shared(path, "gpkg", zone)


def _window(qtbot: Any, make_main_window: Callable[..., Any], shared: Shared) -> Any:
    window = make_main_window(shared.target)
    listener = getattr(window, "team_listener", None)
    if listener is not None:  # their notification held back (a slow link): what the window shows stays
        listener.stop()
    return window


def _race(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, commit: Callable[[], None]) -> list[int]:
    """Wrap ``owner.name`` (a stale check) so that the colleague commits right after its first call
    returns: exactly in the window between the app's check and its write."""
    real = getattr(owner, name)
    calls: list[int] = []

    def racing(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if not calls:
            commit()
        calls.append(1)
        return result

    monkeypatch.setattr(owner, name, racing)
    return calls


def _type(qtbot: Any, editor: Any, text: str) -> None:
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def _dialog(window: Any) -> Any:
    dialog = getattr(window, "stale_dialog", None)
    assert dialog is not None and dialog.isVisible() and dialog.objectName() == "stale_edit_dialog"
    return dialog


def test_a_commit_after_the_forms_stale_check_is_refused_with_the_dialog(
        qtbot, make_main_window, shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    import humanops.ui.team_session as team_session

    window = _window(qtbot, make_main_window, shared)
    uuid = select_in_table(qtbot, window, "need", 0)
    qtbot.waitUntil(lambda: window.feature_panel.uuid == uuid, timeout=TIMEOUT)
    form = window.feature_panel.form
    _type(qtbot, form.editors["name"].input, "Mine")
    _type(qtbot, form.editors["population"].input, "900")

    def theirs() -> None:
        with shared.colleague() as colleague:
            colleague.update_feature("need", uuid, properties={"name": "Theirs", "severity_phase": 3},
                                     expected_version=1)

    calls = _race(monkeypatch, team_session, "ask_if_stale", theirs)
    qtbot.mouseClick(window.feature_panel.apply_button, Qt.MouseButton.LeftButton)
    assert calls  # the check ran (and let the edit through) before the colleague committed
    dialog = _dialog(window)
    rows = {r[0]: r[1:] for r in dialog.rows()}
    assert rows["Name"] == ["Village 0", "Theirs", "Mine"]
    assert rows["Population"][0] == "500" and rows["Population"][2] == "900"
    stored = window.workspace.get_feature("need", uuid)
    assert (stored.version, stored.properties["name"], stored.properties["population"]) == (2, "Theirs", 500)
    assert window.undo_stack.count() == 0 and window.feature_panel.is_dirty()
    qtbot.mouseClick(dialog.reapply, Qt.MouseButton.LeftButton)
    stored = window.workspace.get_feature("need", uuid)
    assert (stored.version, stored.properties["name"], stored.properties["population"],
            stored.properties["severity_phase"]) == (3, "Mine", 900, 3)  # their other field kept


def test_a_commit_after_the_marking_panels_stale_check_is_refused_with_the_dialog(
        qtbot, make_main_window, shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    import humanops.ui.team_session as team_session

    window = _window(qtbot, make_main_window, shared)
    uuid = select_in_table(qtbot, window, "need", 1)
    panel = window.marking_panel
    qtbot.waitUntil(lambda: panel.uuid == uuid, timeout=TIMEOUT)
    before = window.workspace.get_feature("need", uuid).marking
    qtbot.mouseClick(panel.editor.tlp_buttons["RED"], Qt.MouseButton.LeftButton)
    theirs_marking = Marking(tlp=TLP.AMBER, releasable_to=("unhcr",))

    def theirs() -> None:
        with shared.colleague() as colleague:
            colleague.update_feature("need", uuid, marking=theirs_marking, expected_version=1)

    _race(monkeypatch, team_session, "ask_if_stale", theirs)
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(window)
    rows = {r[0]: r[1:] for r in dialog.rows()}
    assert rows["Marking"][0].startswith(f"TLP:{before.tlp.value}")
    assert rows["Marking"][1].startswith("TLP:AMBER") and "unhcr" in rows["Marking"][1]
    assert rows["Marking"][2].startswith("TLP:RED")
    stored = window.workspace.get_feature("need", uuid)
    assert stored.version == 2 and stored.marking == theirs_marking
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    assert window.workspace.get_feature("need", uuid).marking == theirs_marking
    assert window.undo_stack.count() == 0


def test_a_delete_made_on_the_version_the_map_drew_is_refused_when_they_changed_it(
        qtbot, make_main_window, shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    from humanops.ui.editing import EditingController

    window = _window(qtbot, make_main_window, shared)
    qtbot.waitUntil(lambda: window.canvas.snapshot("need") is not None, timeout=TIMEOUT)
    uuid = select_in_table(qtbot, window, "need", 0)
    qtbot.waitUntil(lambda: window.canvas.selection().get("need") == {uuid}, timeout=TIMEOUT)

    def theirs() -> None:
        with shared.colleague() as colleague:
            colleague.update_feature("need", uuid, properties={"population": 777}, expected_version=1)

    _race(monkeypatch, EditingController, "_decision", theirs)  # after the authority check, before the write
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    dialog = _dialog(window)
    assert "Nothing was deleted" in dialog.findChild(QLabel, "stale_intro").text()
    rows = {r[0]: r[1:] for r in dialog.rows()}
    assert rows["Population"] == ["500", "777", "deleted"]
    stored = window.workspace.find_feature("need", uuid)
    assert stored is not None and stored.properties["population"] == 777  # theirs, not deleted
    assert dialog.reapply.text() == "Delete their version"
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    assert window.workspace.get_feature("need", uuid).version == 2
    # asked again and told to, the deletion is made on their version (undoable)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    if getattr(window, "stale_dialog", None) is not None:  # the map still drew version 1
        qtbot.mouseClick(window.stale_dialog.reapply, Qt.MouseButton.LeftButton)
    assert window.workspace.find_feature("need", uuid) is None
    assert [h.properties.get("population") for h in window.workspace.history("need", uuid)][:2] == [500, 777]


def test_undo_of_an_edit_someone_changed_since_is_refused_with_the_dialog(
        qtbot, make_main_window, shared: Shared) -> None:
    window = _window(qtbot, make_main_window, shared)
    uuid = select_in_table(qtbot, window, "need", 1)
    qtbot.waitUntil(lambda: window.feature_panel.uuid == uuid, timeout=TIMEOUT)
    _type(qtbot, window.feature_panel.form.editors["population"].input, "900")
    qtbot.mouseClick(window.feature_panel.apply_button, Qt.MouseButton.LeftButton)
    assert window.workspace.get_feature("need", uuid).version == 2 and window.undo_stack.count() == 1
    with shared.colleague() as colleague:
        colleague.update_feature("need", uuid, properties={"population": 950, "name": "Theirs"}, expected_version=2)
    window.activateWindow()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(window)
    assert dialog.findChild(QLabel, "stale_heading").text().startswith("Cannot undo")
    rows = {r[0]: r[1:] for r in dialog.rows()}
    assert rows["Population"] == ["900", "950", "501"]  # as I left it, theirs, what the undo writes
    stored = window.workspace.get_feature("need", uuid)
    assert (stored.version, stored.properties["population"], stored.properties["name"]) == (3, 950, "Theirs")
    assert window.undo_stack.count() == 0  # the refused undo is dropped, not forced
    qtbot.mouseClick(dialog.reapply, Qt.MouseButton.LeftButton)
    stored = window.workspace.get_feature("need", uuid)
    assert (stored.version, stored.properties["population"], stored.properties["name"]) == (4, 501, "Theirs")
    assert window.undo_stack.count() == 1  # the re-applied undo is an edit of its own


def test_a_reshape_after_the_vertex_check_is_refused_with_the_dialog(
        qtbot, make_main_window, shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    import humanops.ui.editing as editing

    window = _window(qtbot, make_main_window, shared)
    qtbot.waitUntil(lambda: window.canvas.snapshot("danger_zone") is not None, timeout=TIMEOUT)
    uuid = shared.zone
    window.canvas.select("danger_zone", [uuid])
    window.canvas.zoom_to_layer("danger_zone")
    window.rendered.clear()
    qtbot.waitUntil(lambda: bool(window.rendered), timeout=TIMEOUT)

    def theirs() -> None:
        with shared.colleague() as colleague:
            colleague.update_feature("danger_zone", uuid, geometry=THEIR_SHAPE, expected_version=1)

    _race(monkeypatch, editing, "shape_changed_meanwhile", theirs)
    window.actions.edit_vertices.trigger()
    canvas = window.canvas
    corner, target = canvas_point(canvas, 36.10, 36.00), canvas_point(canvas, 36.12, 35.99)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.mouseMove(canvas, target)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=target)
    dialog = _dialog(window)
    before, their_shape, mine = {r[0]: r[1:] for r in dialog.rows()}["Geometry"]
    assert len({before, their_shape, mine}) == 3
    stored = window.workspace.get_feature("danger_zone", uuid)
    assert stored.version == 2 and stored.geometry.equals(THEIR_SHAPE)
    assert window.undo_stack.count() == 0
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    assert window.workspace.get_feature("danger_zone", uuid).geometry.equals(THEIR_SHAPE)


# --- the commands on their own, two Workspace objects on one GeoPackage --------------------------

def test_redo_and_the_undo_of_a_delete_refuse_to_overwrite_the_other_sessions_change(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QUndoStack

    from humanops.ui.undo_commands import DeleteFeature, RefusedStep, UpdateFeature, push_edit

    path = tmp_path / "two.gpkg"
    with Workspace.create(path, organisation="ocha") as mine, Workspace.open(path) as theirs:
        _fill(mine)
        uuid = next(f.uuid for f in mine.features("need") if f.properties["name"] == "Village 0")
        stack = QUndoStack()
        refused: list[RefusedStep] = []
        push_edit(stack, UpdateFeature(mine, "need", uuid, properties={"population": 900}, on_stale=refused.append))
        stack.undo()  # population 500 again, version 3
        theirs.update_feature("need", uuid, properties={"population": 950}, expected_version=3)
        stack.redo()
        assert [(s.what, s.properties, s.started_version) for s in refused] == [("redo", {"population": 900}, 3)]
        assert mine.get_feature("need", uuid).properties["population"] == 950 and stack.count() == 0

        push_edit(stack, DeleteFeature(mine, "need", [uuid], seen_versions={uuid: 4}, on_stale=refused.append))
        tombstone = mine.history("need", uuid)[-1]
        restored = mine.history("need", uuid)[-2].with_changes(version=tombstone.version + 1,
                                                               properties={"name": "Back", "population": 10})
        theirs.put_feature(restored)  # they brought it back meanwhile (a partner's newer version)
        stack.undo()
        step = refused[-1]
        assert (step.what, step.delete, step.properties["population"]) == ("undo", False, 950)
        assert mine.get_feature("need", uuid).properties == theirs.get_feature("need", uuid).properties
        assert mine.get_feature("need", uuid).properties["name"] == "Back"
