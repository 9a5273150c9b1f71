"""The main window's background watchers on a team database (issue 14), through the real MainWindow:
another session edits the database, and a row planted with SQL as QGIS writes it breaks its kind;
the Problems panel lists it, the layer counts follow, and no watcher or worker logs an error."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import psycopg
import pytest
from shapely.geometry import LineString, Point, Polygon

from humanops.analysis.triggers import adopt_rules
from humanops.model.marking import TLP, Marking
from humanops.store.checks import validate_changes
from humanops.store.postgis.workspace import PostgisWorkspace

TIMEOUT = 15_000
ORGS = {"ocha": ("community:wash",), "medaid": ("community:wash",)}  # the ``partners`` fixture's


RULES = """
version = 1

[[rule]]
id = "corridor-at-risk"
type = "danger_near_corridor"
title = "Corridor at risk"
level = "high"
min_severity = 5
distance_m = 200
corridor_status = ["open"]
"""
ZONE_ACROSS_ROAD = Polygon([(36.14, 36.04), (36.16, 36.04), (36.16, 36.06), (36.14, 36.06)])


@pytest.fixture
def team_url(pg_dsn: str, tmp_path) -> str:
    """A team workspace of ``ocha``: two valid needs, a danger zone valid from 1 December, an open
    corridor, and a trigger rule (adopted with the command line) watching it."""
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    with PostgisWorkspace.create(pg_dsn, organisation="ocha") as ws:
        for i in range(2):
            ws.add_feature("need", Point(36.05 + 0.03 * i, 36.12), {"name": f"Village {i}", "population": 500 + i})
        ws.add_feature("danger_zone", Polygon([(36.0, 36.0), (36.1, 36.0), (36.1, 36.08)]),
                       {"name": "Shelling area", "hazard": "shelling", "severity": 4,
                        "valid_from": datetime(2026, 12, 1, tzinfo=UTC)})
        ws.add_feature("corridor", LineString([(36.0, 36.05), (36.3, 36.05)]), {"name": "Road A", "status": "open"})
        adopt_rules(ws, rules)
    return pg_dsn


def _plant_bad_need(url: str) -> str:
    """A need QGIS would write: plain SQL, a population below the kind's minimum (the triggers give
    it its identity); returns its uuid."""
    with psycopg.connect(url, autocommit=True) as qgis:
        return qgis.execute(
            "INSERT INTO need (geom, name, population) VALUES (ST_SetSRID(ST_MakePoint(36.2, 36.1), 4326), "
            "'Planted by QGIS', -40) RETURNING uuid").fetchone()[0]


def _settled(window) -> bool:
    watch = window.problems_watch
    return (watch.worker is None and watch.last_seq is not None and not window.layers_panel.is_counting()
            and not window.attribute_table.is_loading())


def _count_text(window, layer: str) -> str:
    from humanops.ui.panels.layers_panel import COUNT_TEXT_ROLE

    return window.layers_panel.layer_item(layer).data(0, COUNT_TEXT_ROLE)


def _errors(caplog) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]


def test_validate_changes_on_a_team_database(team_url: str) -> None:
    """The engine's check of others' edits reads a database as it reads a file: the planted row is
    named by feature and field, only changes after the seq given are checked."""
    with PostgisWorkspace.open(team_url) as ws:
        report, last = validate_changes(ws, 0)
        assert report.ok and report.checked["need"] == 2 and last == ws.last_change_seq()
        uuid = _plant_bad_need(team_url)
        report, last_after = validate_changes(ws, last)
        assert last_after > last and report.checked == {"need": 1}
        assert [(p["layer"], p["feature"], p["field"]) for p in report.problems] == [("need", uuid, "population")]
        # the app's own validated writes (seq ranges) are skipped, through the SQL seam
        report, _ = validate_changes(ws, last, skip=[(last, last_after)])
        assert report.ok and report.checked == {}


def test_others_edits_on_a_team_database_reach_every_watcher(qtbot, make_main_window, team_url: str,
                                                             caplog, tmp_path) -> None:
    caplog.set_level(logging.WARNING)
    window = make_main_window(team_url)
    window.docks["dashboard"].show()
    # the trigger watch attaches once the map is drawn, to a database as to a file
    qtbot.waitUntil(lambda: window.planning.watch.workspace is window.workspace, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: _settled(window) and window.dashboard.content is not None, timeout=TIMEOUT)
    assert window.problems_panel.problem_count() == 0
    assert window.problems_panel.refresh_button.isEnabled()
    assert _count_text(window, "need").endswith("(2)")
    for name in ("problems", "alerts", "conflicts", "dashboard"):  # the panel itself, no placeholder
        assert not window.docks[name].widget().objectName().startswith("team_unavailable"), name
    alerts = window.alerts_panel
    assert alerts.stack.currentWidget() is alerts.alert_view and alerts.alert_count() == 0
    road = next(r for r in window.dashboard.content.corridors if r.name == "Road A")
    assert road.worst_severity == 4  # the shelling area it crosses
    assert window.time_slider.model.start == datetime(2026, 12, 1, tzinfo=UTC)
    qtbot.waitUntil(window.team_listener.listening.is_set, timeout=TIMEOUT)

    with PostgisWorkspace.open(team_url) as colleague:  # another officer's app
        colleague.add_feature("need", Point(36.3, 36.2), {"name": "Village 9", "population": 80})
        colleague.add_feature("danger_zone", ZONE_ACROSS_ROAD,
                              {"name": "New front", "hazard": "shelling", "severity": 5,
                               "valid_from": datetime(2026, 11, 20, tzinfo=UTC)})
    bad = _plant_bad_need(team_url)

    # Problems: the planted row listed by feature and field, the dock shown.
    qtbot.waitUntil(lambda: any(p.uuid == bad for p in window.problems_panel.problems()), timeout=TIMEOUT)
    (problem,) = window.problems_panel.problems()
    assert (problem.layer, problem.field, problem.feature) == ("need", "population", "Planted by QGIS")
    assert window.docks["problems"].isVisible()
    assert window.docks["problems"].windowTitle() == "Problems (1)"
    window.docks["problems"].grab().save(str(tmp_path / "problems-on-team-database.png"))
    # Counts, alerts, the dashboard and the slider's range follow the others' commits.
    qtbot.waitUntil(lambda: _settled(window) and _count_text(window, "need").endswith("(4)"), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: alerts.alert_count() == 1, timeout=TIMEOUT)
    assert alerts.alerts[0].rule_id == "corridor-at-risk" and "New front" in alerts.alerts[0].description
    qtbot.waitUntil(lambda: next(r for r in window.dashboard.content.corridors
                                 if r.name == "Road A").worst_severity == 5, timeout=TIMEOUT)
    assert window.time_slider.model.start == datetime(2026, 11, 20, tzinfo=UTC)

    # The colleague fixes it: the next check takes it off the list.
    with PostgisWorkspace.open(team_url) as colleague:
        colleague.update_feature("need", bad, properties={"population": 40})
    qtbot.waitUntil(lambda: window.problems_panel.problem_count() == 0, timeout=TIMEOUT)

    # F5 re-reads and checks again on a database too, and finds nothing new.
    window.problems_watch.refresh()
    qtbot.waitUntil(lambda: _settled(window) and not window.planning.watch.is_catching_up(), timeout=TIMEOUT)
    assert window.problems_panel.problem_count() == 0 and alerts.alert_count() == 1
    assert _errors(caplog) == []


def test_replay_reads_a_team_databases_history(qtbot, make_main_window, team_url: str, caplog) -> None:
    """View › Replay… on a database: its moments and frames read the database's history, the
    window's actions are given back after leaving."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    caplog.set_level(logging.WARNING)
    with PostgisWorkspace.open(team_url) as colleague:
        village = next(f for f in colleague.features("need") if f.properties["name"] == "Village 0")
        colleague.update_feature("need", village.uuid, properties={"population": 900})
    window = make_main_window(team_url)
    actions = window.actions
    assert actions.replay.isEnabled() and actions.import_file.isEnabled()
    actions.replay.trigger()
    replay = window.replay

    def frame_shown(index: int) -> bool:
        return replay.shown_index == index and not replay.is_computing()

    qtbot.waitUntil(lambda: frame_shown(0), timeout=TIMEOUT)
    assert len(replay.moments) == 5  # two needs, the zone, the corridor, the update
    assert len(window.canvas.overlay("replay:need").frame) == 1
    bar = replay.bar
    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: frame_shown(len(replay.moments) - 1), timeout=TIMEOUT)
    needs = window.canvas.overlay("replay:need").frame
    assert sorted(needs["population"].tolist()) == [501, 900]  # the update, as it stood last
    QTest.keyClick(bar.slider, Qt.Key.Key_Escape)
    assert not replay.active and actions.replay.isEnabled() and actions.import_file.isEnabled()
    assert _errors(caplog) == []


def test_a_colleagues_proposal_reaches_the_conflicts_panel(qtbot, make_main_window, team_url: str, caplog) -> None:
    """Another session's proposal on a partner's feature is heard as a proposal (not an edit of the
    feature): the Conflicts and proposals panel lists it, the feature stays as it was."""
    from humanops.sharing.proposals import propose

    caplog.set_level(logging.WARNING)
    with PostgisWorkspace.open(team_url) as ws:
        clinic = ws.add_feature("need", Point(36.2, 36.15), {"name": "MSF clinic", "population": 300},
                                originator="msf").uuid
    window = make_main_window(team_url)
    panel = window.docks["conflicts"].widget()
    qtbot.waitUntil(lambda: _settled(window), timeout=TIMEOUT)
    qtbot.waitUntil(window.team_listener.listening.is_set, timeout=TIMEOUT)
    assert panel.proposals == []

    with PostgisWorkspace.open(team_url) as colleague:
        propose(colleague, "need", clinic, properties={"population": 999})

    qtbot.waitUntil(lambda: [p["uuid"] for p in panel.proposals] == [clinic], timeout=TIMEOUT)
    assert panel.proposal_list.count() == 1
    assert window.workspace.get_feature("need", clinic).version == 1
    assert _errors(caplog) == []


def test_what_could_be_sent_is_counted_on_a_team_database(qtbot, make_main_window, partners, pg_cluster,
                                                          caplog) -> None:
    """The sharing toolbar's count of what a partner would receive runs on the database and follows a
    colleague's commit."""
    from humanops.store.postgis.copy_workspace import copy_workspace
    from humanops.ui.sharing.extension import send_bar

    caplog.set_level(logging.WARNING)
    ocha = partners["ocha"]
    props = {"hazard": "shelling", "severity": 4}
    ocha.ws.add_feature("danger_zone", ZONE_ACROSS_ROAD, {"name": "for the wash cluster", **props},
                        Marking(tlp=TLP.GREEN))  # medaid shares community:wash with us
    ocha.ws.add_feature("danger_zone", ZONE_ACROSS_ROAD, {"name": "for unhcr only", **props},
                        Marking(tlp=TLP.AMBER, releasable_to=("unhcr",)))
    ocha.ws.close()
    url = pg_cluster.create_database()
    copy_workspace(str(ocha.ws.path), url)
    window = make_main_window(url)
    qtbot.waitUntil(window.team_listener.listening.is_set, timeout=TIMEOUT)
    bar = send_bar(window)
    with qtbot.waitSignal(bar.counted, timeout=TIMEOUT) as counted:
        bar.set_recipient("medaid")
    assert (counted.args[0].going, counted.args[0].total) == (1, 2)

    with qtbot.waitSignal(bar.counted, timeout=TIMEOUT) as counted, PostgisWorkspace.open(url) as colleague:
        colleague.add_feature("danger_zone", ZONE_ACROSS_ROAD, {"name": "also for the cluster", **props},
                              Marking(tlp=TLP.GREEN))
    assert (counted.args[0].going, counted.args[0].total) == (2, 3)
    assert _errors(caplog) == []


@pytest.mark.parametrize(("action", "dialog_class", "suffix"), [
    ("sitrep", "humanops.ui.dialogs.sitrep_dialog.SitrepDialog", ".pdf"),
    ("briefing_map", "humanops.ui.dialogs.briefing_dialog.BriefingDialog", ".html"),
    ("tak_package", "humanops.ui.dialogs.tak_dialog.TakDialog", ".zip"),
])
def test_products_are_written_from_a_team_database(qtbot, make_main_window, team_url: str, tmp_path, caplog,
                                                   action: str, dialog_class: str, suffix: str) -> None:
    """File › Situation report…, Briefing map…, TAK brief… on a database: offered (not greyed), the
    TAK brief's preview and each writer run in workers on the database."""
    import importlib

    from PySide6.QtCore import Qt

    caplog.set_level(logging.WARNING)
    module, name = dialog_class.rsplit(".", 1)
    cls = getattr(importlib.import_module(module), name)
    window = make_main_window(team_url)
    trigger = getattr(window.actions, action)
    assert trigger.isEnabled(), trigger.toolTip()
    trigger.trigger()
    qtbot.waitUntil(lambda: window.findChild(cls) is not None, timeout=TIMEOUT)
    dialog = window.findChild(cls)
    qtbot.waitExposed(dialog)
    if hasattr(dialog, "preview_worker"):  # the TAK brief says what it would hold before writing
        qtbot.waitUntil(lambda: dialog.preview_worker is None and dialog.contents is not None, timeout=TIMEOUT)
        assert "feature(s)" in dialog.preview.text(), dialog.preview.text()
    if getattr(dialog, "open_when_written", None) is not None and dialog.open_when_written.isChecked():
        dialog.open_when_written.setChecked(False)  # no browser or viewer in a test
    out = tmp_path / f"product{suffix}"
    dialog.file_edit.clear()
    qtbot.keyClicks(dialog.file_edit, str(out))
    assert dialog.write_button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=60_000)
    assert dialog.result is not None and out.is_file(), dialog.message.text()
    dialog.reject()
    assert _errors(caplog) == []
