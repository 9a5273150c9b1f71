"""The demo scenario: big enough, plausible, deterministic, varied in its markings, and
readable by GDAL; ``humanops demo`` writes it or opens the app on a fresh copy."""

from __future__ import annotations

import json
import sys
import types
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from humanops.cli import main
from humanops.errors import WorkspaceError
from humanops.scenario.demo import (
    DEMO_COMMUNITIES,
    DEMO_NOW,
    DEMO_PARTNERS,
    create_demo_workspace,
    describe_region,
)
from humanops.scenario.region import UTM_EPSG, to_lonlat
from humanops.store.workspace import Workspace

LAYERS = ("road", "need", "danger_zone", "corridor", "facility", "incident")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    create_demo_workspace(path).close()
    return path


@pytest.fixture(scope="module")
def layers(demo_path) -> dict[str, pd.DataFrame]:
    with Workspace.open(demo_path) as ws:
        return {name: ws.read_layer(name) for name in LAYERS}


def test_counts_meet_the_minimums(layers):
    assert len(layers["road"]) >= 5000
    assert len(layers["need"]) >= 300
    assert len(layers["danger_zone"]) >= 30
    assert len(layers["corridor"]) >= 5
    assert len(layers["facility"]) >= 30
    assert len(layers["incident"]) >= 10
    assert 3 <= len(DEMO_PARTNERS) <= 4
    roads = layers["road"]
    assert {"primary", "secondary", "tertiary", "unclassified", "track"} <= set(roads.road_class)
    assert roads.bridge.sum() >= 2 and roads.oneway.sum() >= 1
    facilities = layers["facility"]
    assert {"shelter", "collective_centre", "hospital", "health_centre", "warehouse", "checkpoint",
            "water_point"} <= set(facilities.facility_type)
    shelters = facilities[facilities.facility_type.isin(["shelter", "collective_centre"])]
    assert shelters.capacity.notna().all() and (shelters.occupancy >= shelters.capacity).any()  # some full
    warehouses = facilities[facilities.facility_type == "warehouse"]
    assert (warehouses[["stock_food", "stock_water", "stock_health"]] > 0).all(axis=None)
    assert len(set(layers["corridor"].status)) >= 4
    assert len(set(layers["danger_zone"].hazard)) >= 5
    assert layers["need"].admin_code.str.fullmatch(r"KV\d{4}").all()


def test_same_seed_same_layer_tables_and_another_seed_differs(demo_path, tmp_path, snapshot):
    create_demo_workspace(tmp_path / "again.gpkg", seed=7).close()
    create_demo_workspace(tmp_path / "other.gpkg", seed=8).close()
    first, again, other = (snapshot(p) for p in (demo_path, tmp_path / "again.gpkg", tmp_path / "other.gpkg"))
    for table in (*LAYERS, "humanops_changes"):
        assert first[table] == again[table], table  # uuids and times included
    assert first["need"] != other["need"]


def test_road_network_is_noded_and_connected(layers):
    lines = layers["road"].geometry.values
    starts, ends = shapely.get_point(lines, 0), shapely.get_point(lines, -1)
    endpoints = np.concatenate([starts, ends])
    owner = np.tile(np.arange(len(lines)), 2)
    point_idx, line_idx = shapely.STRtree(lines).query(endpoints, predicate="dwithin", distance=1e-9)
    other = owner[point_idx] != line_idx
    pts, hit = endpoints[point_idx[other]], line_idx[other]
    at_end = shapely.dwithin(pts, starts[hit], 1e-9) | shapely.dwithin(pts, ends[hit], 1e-9)
    assert at_end.all(), f"{(~at_end).sum()} segment ends touch another segment away from its ends"
    coords = shapely.get_coordinates(endpoints)
    _, node = np.unique(coords, axis=0, return_inverse=True)
    n = len(lines)
    graph = coo_matrix((np.ones(n), (node[:n], node[n:])), shape=(node.max() + 1,) * 2)
    assert connected_components(graph, directed=False)[0] == 1


def test_people_live_in_towns_along_roads(layers):
    region = describe_region()
    needs = layers["need"].to_crs(UTM_EPSG)
    roads = layers["road"].to_crs(UTM_EPSG)
    _, to_road = roads.sindex.nearest(needs.geometry, return_distance=True)
    assert to_road.max() < 100  # beside a street, or at the end of a hamlet's track
    centres = shapely.points([(p.x, p.y) for p in region.places])
    places = gpd.GeoSeries(to_lonlat(centres), crs=4326).to_crs(UTM_EPSG)
    _, to_place = places.sindex.nearest(needs.geometry, return_distance=True)
    assert (to_place < 4_000).mean() > 0.85  # clustered in towns and villages, a few hamlets
    assert np.median(needs.population) > 100


def test_danger_clusters_around_the_front(layers):
    region = describe_region()
    line = gpd.GeoSeries(to_lonlat(np.array([region.front], dtype=object)), crs=4326).to_crs(UTM_EPSG).iloc[0]
    zones = layers["danger_zone"].to_crs(UTM_EPSG)
    near = zones.distance(line) < 10_000
    assert near.mean() > 0.7
    incidents = layers["incident"].to_crs(UTM_EPSG)
    assert (incidents.distance(line) < 15_000).all()
    needs = layers["need"].to_crs(UTM_EPSG)
    close = needs.distance(line) < 7_500
    assert (needs.to_evacuate[close] > 0).all() and needs.severity_phase[close].mean() > needs.severity_phase.mean()


def test_validity_windows_past_current_and_future(layers, demo_path):
    zones = layers["danger_zone"]
    now = pd.Timestamp(DEMO_NOW)
    past = zones.valid_until.notna() & (zones.valid_until < now)
    future = zones.valid_from > now
    current = (zones.valid_from <= now) & (zones.valid_until.isna() | (zones.valid_until >= now))
    assert past.sum() >= 2 and future.sum() >= 2 and current.sum() >= 20
    with Workspace.open(demo_path) as ws:
        assert len(ws.read_layer("danger_zone", at=DEMO_NOW)) == current.sum()
    corridors = layers["corridor"]
    assert (corridors.valid_until > corridors.valid_from).all()
    assert (corridors.valid_from > now).any() and (corridors.valid_until < now).any()
    assert (layers["incident"].occurred < now).all()


def test_markings_are_varied_and_sensible(layers):
    everything = pd.concat([f.drop(columns="geometry") for f in layers.values()], ignore_index=True)
    assert set(everything.tlp) == {"CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"}
    partner_ids = {p["id"] for p in DEMO_PARTNERS}
    assert set(everything.originator) == partner_ids
    assert set(layers["need"].originator) == partner_ids
    assert (layers["road"].tlp == "CLEAR").all()
    assert (layers["facility"].tlp == "GREEN").mean() > 0.6
    corridors = layers["corridor"]
    assert corridors.tlp.str.startswith("AMBER").all() and corridors.releasable_to.notna().all()
    zones = layers["danger_zone"]
    assert (zones.tlp == "AMBER").mean() > 0.5 and (zones.tlp == "RED").any()
    needs = layers["need"]
    sensitive = needs.to_evacuate > 0
    assert (needs.precision[sensitive] == "grid:5000:k50").all() and sensitive.sum() >= 30
    assert needs.caveats[sensitive].str.contains("protection_sensitive").all()
    releasable = ",".join(everything.releasable_to.dropna())
    assert "community:wash-cluster" in releasable and "community:hct-kavera" in releasable
    assert everything.caveats.dropna().str.contains("no_onward_sharing").sum() >= 3
    assert (everything.expires < pd.Timestamp(DEMO_NOW)).sum() >= 3  # a few expired
    communities = {c["id"] for c in DEMO_COMMUNITIES}
    assert all(set(p["communities"]) <= communities for p in DEMO_PARTNERS)


def test_gdal_reads_the_demo_without_warnings(demo_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        listed = dict(pyogrio.list_layers(demo_path))
        for name in LAYERS:
            assert listed[name] is not None
            frame = pyogrio.read_dataframe(demo_path, layer=name)
            assert len(frame) == pyogrio.read_info(demo_path, layer=name)["features"]


def test_an_existing_file_is_refused_and_left_alone(demo_path, snapshot):
    before = snapshot(demo_path)
    with pytest.raises(WorkspaceError, match="exists"):
        create_demo_workspace(demo_path)
    assert snapshot(demo_path) == before


def test_cli_create_writes_once_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "demo.gpkg"
    assert main(["demo", "--create", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["workspace"] == str(path) and doc["layers"]["need"]["count"] >= 300
    assert main(["demo", "--create", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_cli_demo_opens_the_app_on_a_fresh_copy(tmp_path, monkeypatch, capsys):
    opened: list[str] = []
    fake = types.ModuleType("humanops.ui.app")
    fake.run_app = lambda path: opened.append(path) or 0
    import humanops.ui

    monkeypatch.setitem(sys.modules, "humanops.ui.app", fake)
    monkeypatch.setattr(humanops.ui, "app", fake, raising=False)
    monkeypatch.setenv("HUMANOPS_DEMO_DIR", str(tmp_path))
    assert main(["demo"]) == 0
    assert len(opened) == 1 and Path(opened[0]).parent == tmp_path
    with Workspace.open(opened[0]) as ws:
        assert ws.count("need") >= 300 and ws.get_meta("scenario") == "kavera-demo"


def test_cli_demo_on_an_install_without_the_app_fails_loudly_before_writing(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "humanops.ui.app", None)  # a broken install: the app cannot be imported
    monkeypatch.setenv("HUMANOPS_DEMO_DIR", str(tmp_path / "demos"))
    for command in (["demo", "--screenshot", str(tmp_path / "shot.png")], ["demo"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "internal error: ModuleNotFoundError" in err and "humanops.ui.app" in err and "log file" in err
    assert not (tmp_path / "demos").exists() or not any((tmp_path / "demos").iterdir())  # nothing written
    assert main(["demo", "--create", str(tmp_path / "only.gpkg")]) == 0   # writing the demo needs no app


def test_demo_with_partners_can_send_a_package_a_partner_opens(tmp_path, monkeypatch, capsys):
    from humanops.sharing.directory_store import load_directory
    from humanops.sharing.exchange_export import export_package
    from humanops.sharing.exchange_import import import_package

    path = tmp_path / "demo.gpkg"
    assert main(["demo", "--create", str(path), "--with-partners", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["keys_passphrase"] == "kavera-demo" and len(doc["partner_workspaces"]) == 3
    with Workspace.open(path) as ours:
        directory = load_directory(ours)
        assert set(directory.organisations) == {"unocha-kv", "medaid", "waterbridge", "civpro"}
        assert "community:wash-cluster" in directory.communities_of("waterbridge")
        sent = export_package(ours, ["medaid"], tmp_path / "p.hopx", "kavera-demo", full=True)
    medaid = next(p for p in doc["partner_workspaces"] if p.endswith("medaid.gpkg"))
    with Workspace.open(medaid) as theirs:
        result = import_package(theirs, tmp_path / "p.hopx", "kavera-demo")
        totals = result.totals()
        # medaid's own features reached the office signed by medaid when the demo was made: they
        # come back unchanged; the rest is new to it
        assert totals["inserted"] + totals["unchanged"] == sum(v["features"] for v in sent.layers.values()), totals
        assert totals["inserted"] > 0 and totals["unchanged"] > 0 and not totals.get("quarantined")
