"""Replay: the picture as recorded at a past moment (store/history_view.py) and ``humanops replay``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyogrio
import pytest
from shapely.geometry import Point, Polygon

from humanops.cli import main
from humanops.model.marking import TLP, Marking, format_time
from humanops.store import workspace as workspace_module
from humanops.store.gpkg_geometry import register_functions
from humanops.store.history_view import HistoryView
from humanops.store.workspace import Workspace

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
SQUARE = Polygon([(30, 10), (30.1, 10), (30.1, 10.1), (30, 10.1)])
BIGGER = Polygon([(30, 10), (30.3, 10), (30.3, 10.3), (30, 10.3)])


class Clock:
    """The store's clock, set by the test: each edit is recorded at a known moment."""

    def __init__(self) -> None:
        self.now = T0

    def at(self, minutes: int) -> datetime:
        self.now = T0 + timedelta(minutes=minutes)
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fixed = Clock()
    monkeypatch.setattr(workspace_module, "utc_now", lambda: fixed.now)
    return fixed


@pytest.fixture
def story(tmp_path: Path, clock: Clock) -> Iterator[tuple[Workspace, dict[str, str]]]:
    """A danger zone made at T+0, worsened and widened at T+10, re-marked RED at T+20, deleted at
    T+30; a need made at T+5 and never changed; a need made at T+40 (after the deletion)."""
    ws = Workspace.create(tmp_path / "ws.gpkg", organisation="ocha")
    clock.at(0)
    zone = ws.add_feature("danger_zone", SQUARE, {"name": "Front", "hazard": "shelling", "severity": 2},
                          Marking(tlp=TLP.GREEN)).uuid
    clock.at(5)
    camp = ws.add_feature("need", Point(30.5, 10.2), {"name": "Camp A", "population": 1200}).uuid
    clock.at(10)
    ws.update_feature("danger_zone", zone, geometry=BIGGER, properties={"severity": 4, "name": "Front line"})
    clock.at(20)
    ws.update_feature("danger_zone", zone, marking=Marking(tlp=TLP.RED, releasable_to=("unhcr",)))
    clock.at(30)
    ws.delete_feature("danger_zone", zone)
    clock.at(40)
    late = ws.add_feature("need", Point(30.6, 10.3), {"name": "Camp B", "population": 300}).uuid
    yield ws, {"zone": zone, "camp": camp, "late": late}
    ws.close()


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_each_moment_shows_the_version_current_then(story):
    ws, ids = story
    view = HistoryView(ws.connection, ws.catalog)
    assert len(view.layer_at("danger_zone", at(-1))) == 0  # before anything was recorded
    expected = {0: (1, 2, "Front", "GREEN", SQUARE), 9.99: (1, 2, "Front", "GREEN", SQUARE),
                10: (2, 4, "Front line", "GREEN", BIGGER), 15: (2, 4, "Front line", "GREEN", BIGGER),
                20: (3, 4, "Front line", "RED", BIGGER), 29.99: (3, 4, "Front line", "RED", BIGGER)}
    for minutes, (version, severity, name, tlp, shape) in expected.items():
        frame = view.layer_at("danger_zone", at(minutes))
        assert frame["uuid"].tolist() == [ids["zone"]], minutes
        row = frame.iloc[0]
        assert (row["version"], row["severity"], row["name"], row["tlp"]) == (version, severity, name, tlp), minutes
        assert row.geometry.equals(shape), minutes
        assert row["hazard"] == "shelling"


def test_markings_are_as_they_were(story):
    ws, _ids = story
    view = HistoryView(ws.connection, ws.catalog)
    before = view.layer_at("danger_zone", at(19)).iloc[0]
    after = view.layer_at("danger_zone", at(21)).iloc[0]
    assert (before["tlp"], before["releasable_to"]) == ("GREEN", None)
    assert (after["tlp"], after["releasable_to"]) == ("RED", "unhcr")


def test_a_deleted_feature_is_gone_after_its_deletion_and_back_before_it(story):
    ws, ids = story
    view = HistoryView(ws.connection, ws.catalog)
    assert ids["zone"] in view.layer_at("danger_zone", at(29.99))["uuid"].tolist()
    assert len(view.layer_at("danger_zone", at(30))) == 0
    assert len(view.layer_at("danger_zone", at(500))) == 0
    # the feature is gone from the live table: its past version gets a negative fid of its own
    assert view.layer_at("danger_zone", at(25)).index[0] < 0


def test_later_features_appear_at_their_moment_and_the_present_is_the_live_layer(story):
    ws, ids = story
    view = HistoryView(ws.connection, ws.catalog)
    assert view.layer_at("need", at(4))["uuid"].tolist() == []
    assert view.layer_at("need", at(5))["uuid"].tolist() == [ids["camp"]]
    assert view.layer_at("need", at(39))["uuid"].tolist() == [ids["camp"]]
    now = view.layer_at("need", at(40))
    live = ws.read_layer("need")
    assert sorted(now["uuid"]) == sorted(live["uuid"]) == sorted([ids["camp"], ids["late"]])
    # the same typed frame the reader gives, indexed by fid
    assert list(now.columns) == list(live.columns)
    assert dict(now.dtypes) == dict(live.dtypes)
    assert sorted(now.index) == sorted(live.index)


def test_another_tools_edit_is_replayed_too(story, clock):
    """QGIS's edit of a live feature goes to history by trigger (a GeoPackage blob there)."""
    ws, ids = story
    before = datetime.now(UTC) - timedelta(seconds=1)  # the trigger stamps SQLite's own clock
    other = sqlite3.connect(ws.path)
    register_functions(other)  # GDAL's R-tree triggers call ST_* functions, as in QGIS
    other.execute('UPDATE need SET population = 999 WHERE uuid = ?', (ids["camp"],))
    other.commit()
    other.close()
    view = HistoryView(ws.connection, ws.catalog)
    old = view.layer_at("need", before).set_index("uuid")
    new = view.layer_at("need", datetime.now(UTC) + timedelta(seconds=1)).set_index("uuid")
    assert old.loc[ids["camp"], "population"] == 1200
    assert old.loc[ids["camp"]].geometry.equals(Point(30.5, 10.2))
    assert new.loc[ids["camp"], "population"] == 999


def test_moments_list_what_changed_when(story):
    ws, _ = story
    moments = HistoryView(ws.connection, ws.catalog).moments()
    assert [format_time(m) for m in moments.at.to_pydatetime()] == [format_time(at(m)) for m in (0, 5, 10, 20, 30, 40)]
    assert moments.inserts.tolist() == [1, 1, 0, 0, 0, 1]
    assert moments.updates.tolist() == [0, 0, 1, 1, 0, 0]
    assert moments.deletes.tolist() == [0, 0, 0, 0, 1, 0]
    assert moments.layers[1] == ("need",)
    assert moments.index_at_or_before(at(12)) == 2
    assert moments.index_at_or_before(at(-1)) == -1
    only_needs = HistoryView(ws.connection, ws.catalog).moments(["need"])
    assert len(only_needs) == 2


def test_cli_replay_snapshot_and_list(story, tmp_path, capsys):
    ws, ids = story
    path = str(ws.path)
    out = tmp_path / "then.geojson"
    assert main(["-w", path, "replay", "--at", format_time(at(15)), "--layer", "danger_zone",
                 "--out", str(out)]) == 0
    doc = json.loads(out.read_text())
    [feature] = doc["features"]
    assert feature["properties"]["uuid"] == ids["zone"]
    assert feature["properties"]["severity"] == 4 and feature["properties"]["tlp"] == "GREEN"
    assert feature["properties"]["as_recorded_at"] == format_time(at(15))
    capsys.readouterr()

    gpkg = tmp_path / "then.gpkg"
    assert main(["-w", path, "replay", "--at", format_time(at(35)), "--out", str(gpkg), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["layers"] == {"need": 1}  # the zone is deleted by then; empty layers are left out
    assert report["as_recorded_at"] == format_time(at(35))
    frame = pyogrio.read_dataframe(gpkg, layer="need")
    assert frame["uuid"].tolist() == [ids["camp"]]

    assert main(["-w", path, "replay", "--list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [m["changes"] for m in listed["moments"]] == [1, 1, 1, 1, 1, 1]
    assert listed["moments"][4]["deletes"] == 1

    assert main(["-w", path, "replay", "--at", "not a time"]) == 1
    assert "at" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # neither --at nor --list: argparse's usage error
        main(["-w", path, "replay"])
    assert usage.value.code == 2
