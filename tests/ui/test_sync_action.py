"""File › Sync, through the real main window: disabled (with the reason as its tooltip) for a plain
workspace; for a checkout of a team database, chosen from the File menu with the mouse, it sends
the copy's edits, takes the team's, reloads the map and opens the Conflicts panel on what both
sides changed. Skipped, with the fixture's reason, where PostgreSQL's server is not installed."""

from __future__ import annotations

from pathlib import Path

from shapely.geometry import Point
from test_map_export import choose_from_menu

from humanops.store.postgis.checkout import checkout
from humanops.store.postgis.workspace import PostgisWorkspace
from humanops.store.workspace import Workspace

WAIT_MS = 30_000


def test_sync_is_disabled_for_a_workspace_that_is_not_a_checkout(main_window) -> None:
    action = main_window.actions.sync
    assert action in main_window.actions.menus["File"].actions()
    assert not action.isEnabled()
    assert "checked out from a team database" in action.toolTip()


def test_file_sync_sends_takes_reloads_and_opens_the_conflicts_panel(qtbot, make_main_window, pg_dsn: str,
                                                                     tmp_path: Path) -> None:
    from humanops.ui.sharing.extension import CONFLICTS_PANEL

    with PostgisWorkspace.create(pg_dsn, organisation="ocha") as team:
        ours = team.add_feature("need", Point(30, 10), {"name": "ours", "population": 1}).uuid
        both = team.add_feature("need", Point(30.1, 10), {"name": "both", "population": 1}).uuid
        laptop = tmp_path / "laptop.gpkg"
        checkout(pg_dsn, laptop)
        with Workspace.open(laptop) as ws:
            ws.update_feature("need", ours, properties={"population": 2})
            ws.update_feature("need", both, properties={"population": 3})
        team.update_feature("need", both, properties={"population": 4})
        office = team.add_feature("need", Point(30.2, 10), {"name": "office", "population": 5}).uuid

        window = make_main_window(laptop)
        action = window.actions.sync
        assert action.isEnabled() and "team" in action.toolTip()
        dock = window.docks[CONFLICTS_PANEL]
        dock.hide()
        choose_from_menu(qtbot, window, "File", action)
        qtbot.waitUntil(lambda: getattr(window, "sync_worker", None) is not None, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not window.sync_worker.running, timeout=WAIT_MS)
        assert window.sync_worker.error is None
        assert team.get_feature("need", ours).properties["population"] == 2
        assert team.get_feature("need", both).properties["population"] == 4  # the conflict is not pushed
    assert window.workspace.get_feature("need", office).properties["name"] == "office"
    window.attribute_table.set_layer("need")
    qtbot.waitUntil(lambda: not window.attribute_table.is_loading() and window.attribute_table.model.rowCount() == 3,
                    timeout=WAIT_MS)  # the panels re-read what the sync's own connection wrote
    qtbot.waitUntil(dock.isVisible, timeout=WAIT_MS)
    panel = dock.widget()
    assert [c["uuid"] for c in panel.conflicts] == [both]
    assert "Synced: 1 change(s) taken, 1 sent, 1 conflict(s)" in window.statusBar().currentMessage()
    shot = tmp_path / "sync.png"
    window.grab().save(str(shot))
