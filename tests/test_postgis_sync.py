"""Offline copies of a team workspace: ``humanops checkout`` and ``humanops sync``.

A checkout holds the chosen layers and area as the server stores them; a sync sends the copy's
edits and takes the team's through the package merge rules: one side changed → taken; both
changed → a conflict in the copy's conflicts table, recorded once, both versions kept; the
authority rule applies; an interrupted sync, re-run, ends where an uninterrupted one does.
Skipped, with the fixture's reason, where PostgreSQL's server is not installed."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pytest
from shapely.geometry import Point

from humanops.cli import main
from humanops.errors import UsageError, WorkspaceError
from humanops.model.marking import TLP, Marking
from humanops.sharing.conflicts import list_conflicts, resolve_conflict
from humanops.sharing.offline_sync import sync
from humanops.sharing.proposals import list_proposals
from humanops.store.postgis.checkout import checkout, checkout_meta, parse_bbox
from humanops.store.postgis.workspace import PostgisWorkspace
from humanops.store.workspace import Workspace

AREA = (29.0, 9.0, 31.0, 11.0)


def need(ws: Any, x: float, name: str, population: int = 10, **kw: Any) -> str:
    return ws.add_feature("need", Point(x, 10), {"name": name, "population": population}, **kw).uuid


def state(ws: Any, layer: str = "need") -> dict[str, tuple]:
    """What must agree between a copy and its server: identity, version, content, marking."""
    return {f.uuid: (f.version, f.originator, f.modified, f.geometry.wkb, tuple(sorted(f.properties.items())),
                     tuple(sorted(f.marking.to_columns().items())), f.source_package)
            for f in ws.features(layer)}


def history(ws: Any, layer: str = "need") -> list[tuple]:
    sql = "SELECT uuid, version, deleted FROM humanops_history WHERE layer = {} ORDER BY uuid, version, deleted"
    mark = "%s" if isinstance(ws, PostgisWorkspace) else "?"
    return [(u, int(v), bool(d)) for u, v, d in ws.connection.execute(sql.format(mark), (layer,)).fetchall()]


def conflict_uuids(path: Path) -> list[str]:
    with Workspace.open(path) as ws:
        return sorted(c["uuid"] for c in list_conflicts(ws))


@pytest.fixture
def team(pg_dsn: str):
    ws = PostgisWorkspace.create(pg_dsn, organisation="ocha")
    yield ws
    ws.close()


# --- checkout ---------------------------------------------------------------------------------
def test_checkout_holds_the_chosen_layers_and_area_as_stored(team: PostgisWorkspace, pg_dsn: str,
                                                             tmp_path: Path) -> None:
    inside = need(team, 30, "inside", marking=Marking(tlp=TLP.RED))
    team.update_feature("need", inside, properties={"population": 12})
    partner = need(team, 30.5, "partner", originator="msf")
    need(team, 40, "outside")
    team.add_feature("danger_zone", Point(30, 10).buffer(0.1), {"name": "shelling", "hazard": "shelling",
                                                               "severity": 3})
    laptop = tmp_path / "laptop.gpkg"
    doc = checkout(pg_dsn.replace("humanops@", "humanops:secret@"), laptop, layers=["need"], bbox=AREA)
    assert doc["layers"] == {"need": 2}
    with Workspace.open(laptop) as ws:
        assert ws.count("danger_zone") == 0
        assert state(ws) == {u: v for u, v in state(team).items() if u in (inside, partner)}
        assert ws.get_feature("need", inside).version == 2
        assert ws.get_feature("need", partner).originator == "msf"
        meta = checkout_meta(ws)
        assert ws.organisation == "ocha"
    assert "secret" not in meta["source"] and meta["source"].startswith("postgresql://humanops@")
    assert meta["layers"] == ["need"] and meta["bbox"] == list(AREA)
    assert meta["server_seq"] == meta["server_seq_at_checkout"] == team.last_change_seq()
    assert meta["id"] and meta["id"] == team.connection.execute(
        "SELECT checkout_id FROM humanops_checkouts").fetchone()[0]


def test_checkout_refuses_an_unknown_layer_and_a_bad_bbox_leaving_no_file(team: PostgisWorkspace, pg_dsn: str,
                                                                          tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="shelters"):
        checkout(pg_dsn, tmp_path / "l.gpkg", layers=["shelters"])
    with pytest.raises(UsageError, match="MINX"):
        parse_bbox("31,9,30,11")
    assert not (tmp_path / "l.gpkg").exists()
    with pytest.raises(WorkspaceError, match="not a checkout"):
        Workspace.create(tmp_path / "plain.gpkg").close()
        sync(tmp_path / "plain.gpkg")


# --- edits both ways --------------------------------------------------------------------------
def test_sync_sends_and_takes_edits_both_ways(team: PostgisWorkspace, pg_dsn: str, tmp_path: Path) -> None:
    a, b, c, d = (need(team, 30 + i / 10, n) for i, n in enumerate("abcd"))
    laptop = tmp_path / "laptop.gpkg"
    checkout(pg_dsn, laptop, layers=["need"], bbox=AREA)
    with Workspace.open(laptop) as ws:
        ws.update_feature("need", a, properties={"population": 11})
        ws.delete_feature("need", b)
        field_new = need(ws, 30.05, "field")
    team.update_feature("need", c, properties={"population": 33})
    team.delete_feature("need", d)
    office_new = need(team, 30.06, "office")
    result = sync(laptop)
    assert result.conflicts == []
    assert result.pushed == {"need": {"updated": 1, "deleted": 1, "inserted": 1}}
    assert result.pulled == {"need": {"updated": 1, "deleted": 1, "inserted": 1}}
    with Workspace.open(laptop) as ws:
        assert state(ws) == state(team)
        assert set(state(ws)) == {a, c, field_new, office_new}
        assert ws.get_feature("need", c).properties["population"] == 33
        assert ws.history("need", d)[-1].deleted
    assert team.get_feature("need", a).properties["population"] == 11
    assert team.history("need", b)[-1].deleted
    again = sync(laptop)  # nothing new: nothing sent, taken or recorded twice
    assert again.totals() == {"conflicts": 0, "proposals": 0, "refused": 0}
    assert team.get_feature("need", a).version == 2


# --- conflicts --------------------------------------------------------------------------------
def test_each_conflict_pair_is_recorded_once_and_nothing_is_lost(team: PostgisWorkspace, pg_dsn: str,
                                                                tmp_path: Path) -> None:
    uu, ud, du = need(team, 30.1, "uu"), need(team, 30.2, "ud"), need(team, 30.3, "du")
    laptop = tmp_path / "laptop.gpkg"
    checkout(pg_dsn, laptop, layers=["need"], bbox=AREA)
    with Workspace.open(laptop) as ws:
        ws.update_feature("need", uu, properties={"population": 1})
        ws.update_feature("need", ud, properties={"population": 2})
        ws.delete_feature("need", du)
        same = need(ws, 30.4, "twin-field", uuid="00000000-0000-4000-8000-000000000001")
    team.update_feature("need", uu, properties={"population": 100})
    team.delete_feature("need", ud)
    team.update_feature("need", du, properties={"population": 300})
    need(team, 30.4, "twin-office", uuid=same)
    server_before = state(team)
    result = sync(laptop)
    kinds = {c["uuid"]: c["kind"] for c in result.conflicts}
    assert kinds == {uu: "update/update", ud: "update/delete", du: "delete/update", same: "insert/insert"}
    assert state(team) == server_before  # nothing of the copy's went over the team's
    with Workspace.open(laptop) as ws:
        conflicts = {c["uuid"]: c for c in list_conflicts(ws)}
        assert ws.get_feature("need", uu).properties["population"] == 1  # the copy's versions stay
        assert ws.get_feature("need", ud).properties["population"] == 2
        assert ws.find_feature("need", du) is None
        assert ws.get_feature("need", same).properties["name"] == "twin-field"
    assert conflicts[uu]["incoming_feature"]["properties"]["population"] == 100
    assert conflicts[ud]["incoming_feature"]["deleted"] is True
    assert conflicts[du]["local_feature"]["deleted"] is True
    assert conflicts[du]["incoming_feature"]["properties"]["population"] == 300
    assert conflicts[same]["incoming_feature"]["properties"]["name"] == "twin-office"
    team.update_feature("need", uu, properties={"population": 101})  # the team moves on meanwhile
    again = sync(laptop)
    assert again.conflicts[0]["uuid"] == uu and len(again.conflicts) == 1  # the open one, updated
    assert conflict_uuids(laptop) == sorted(kinds)  # still one each
    with Workspace.open(laptop) as ws:
        assert list_conflicts(ws)[0]["incoming_feature"]["properties"]["population"] == 101
        # the decisions: they travel to the server on the next sync, as newer versions
        resolve_conflict(ws, uu, "mine")
        resolve_conflict(ws, ud, "theirs")
        resolve_conflict(ws, du, "theirs")
    third = sync(laptop)
    assert third.conflicts == []
    assert team.get_feature("need", uu).properties["population"] == 1
    assert team.get_feature("need", uu).version == 4
    assert team.find_feature("need", ud) is None
    assert team.get_feature("need", du).properties["population"] == 300
    with Workspace.open(laptop) as ws:
        assert {u: v for u, v in state(ws).items() if u != same} == {u: v for u, v in state(team).items()
                                                                      if u != same}


def test_a_push_made_stale_after_the_pull_becomes_a_conflict(team: PostgisWorkspace, pg_dsn: str,
                                                           tmp_path: Path) -> None:
    a = need(team, 30.1, "a")
    laptop = tmp_path / "laptop.gpkg"
    checkout(pg_dsn, laptop, layers=["need"])
    with Workspace.open(laptop) as ws:
        ws.update_feature("need", a, properties={"population": 1})

    def meanwhile(stage: str, n: int) -> None:
        if stage == "pulled":  # the team edits between the pull and the push
            with PostgisWorkspace.open(pg_dsn) as other:
                other.update_feature("need", a, properties={"population": 50})

    result = sync(laptop, interrupt=meanwhile)
    assert [c["kind"] for c in result.conflicts] == ["update/update"]
    assert result.conflicts[0]["found_by"] == "push"
    assert team.get_feature("need", a).properties["population"] == 50
    assert conflict_uuids(laptop) == [a]
    assert sync(laptop).conflicts == []  # the server's edit is the one the conflict holds: not again


# --- area ---------------------------------------------------------------------------------------
def test_a_feature_leaving_the_area_leaves_the_copy_only_if_unedited(team: PostgisWorkspace, pg_dsn: str,
                                                                     tmp_path: Path) -> None:
    kept, edited = need(team, 30.1, "moves"), need(team, 30.2, "moves-edited")
    laptop = tmp_path / "laptop.gpkg"
    checkout(pg_dsn, laptop, layers=["need"], bbox=AREA)
    with Workspace.open(laptop) as ws:
        ws.update_feature("need", edited, properties={"population": 7})
    team.update_feature("need", kept, geometry=Point(45, 10))
    team.update_feature("need", edited, geometry=Point(45, 10))
    result = sync(laptop)
    assert result.pulled["need"]["left_area"] == 1
    assert [c["uuid"] for c in result.conflicts] == [edited]
    with Workspace.open(laptop) as ws:
        assert ws.find_feature("need", kept) is None
        assert ws.history("need", kept) == [] or not ws.history("need", kept)[-1].deleted  # not a deletion
        assert ws.get_feature("need", edited).properties["population"] == 7
    sync(laptop)
    assert team.get_feature("need", kept).version == 2  # the server never hears of it as deleted
    team.update_feature("need", kept, geometry=Point(30.1, 10))  # back in the area: back in the copy
    sync(laptop)
    with Workspace.open(laptop) as ws:
        assert ws.get_feature("need", kept).version == 3


# --- authority ----------------------------------------------------------------------------------
def test_an_edit_of_a_partners_feature_becomes_a_proposal_not_a_version(team: PostgisWorkspace, pg_dsn: str,
                                                                        tmp_path: Path) -> None:
    theirs = need(team, 30.1, "msf clinic", originator="msf")
    ours = need(team, 30.2, "ours")
    laptop = tmp_path / "laptop.gpkg"
    checkout(pg_dsn, laptop, layers=["need"])
    with Workspace.open(laptop) as ws:  # written past the app's forms (e.g. QGIS on the file)
        ws.update_feature("need", theirs, properties={"population": 999})
        ws.update_feature("need", ours, properties={"population": 5})
    result = sync(laptop)
    assert [p["uuid"] for p in result.proposals] == [theirs]
    assert result.pushed == {"need": {"updated": 1}}
    assert team.get_feature("need", theirs).version == 1  # the originator's version stays
    assert team.get_feature("need", ours).properties["population"] == 5
    with Workspace.open(laptop) as ws:
        assert state(ws) == state(team)  # the copy took the originator's version back
        proposals = list_proposals(ws)
        assert [(p["uuid"], p["originator"], p["base_version"]) for p in proposals] == [(theirs, "msf", 1)]
        assert proposals[0]["feature"]["properties"]["population"] == 999
    assert sync(laptop).proposals == []  # once


# --- interruptions --------------------------------------------------------------------------------
class Interrupted(Exception):
    pass


@pytest.fixture
def scenario(pg_cluster: Any, tmp_path: Path):
    """A server and a checkout, each edited (updates, deletes, inserts, conflicts on both sides),
    kept as a template database and a file; ``fresh()`` gives a copy of both to sync."""
    dsn = pg_cluster.create_database()
    team = PostgisWorkspace.create(dsn, organisation="ocha")
    uuids = [need(team, 30 + i / 100, f"n{i}", i) for i in range(16)]
    template = tmp_path / "template.gpkg"
    checkout(dsn, template, layers=["need"], bbox=AREA)
    with Workspace.open(template) as ws:
        for i in range(0, 4):
            ws.update_feature("need", uuids[i], properties={"population": 1000 + i})
        for i in range(4, 6):
            ws.delete_feature("need", uuids[i])
        for i in range(3):
            need(ws, 30.5 + i / 100, f"field{i}")
        ws.update_feature("need", uuids[12], properties={"population": 1})  # both: conflicts
        ws.delete_feature("need", uuids[13])
    for i in range(6, 10):
        team.update_feature("need", uuids[i], properties={"population": 2000 + i})
    team.delete_feature("need", uuids[10])
    for i in range(2):
        need(team, 30.6 + i / 100, f"office{i}")
    team.update_feature("need", uuids[12], properties={"population": 2})
    team.update_feature("need", uuids[13], properties={"population": 3})
    team.update_feature("need", uuids[14], geometry=Point(45, 10))  # leaves the area
    team.close()
    source = database_of(dsn)
    count = iter(range(1000))

    def fresh() -> tuple[str, Path]:
        n = next(count)
        name = f"{source}_run{n}"
        with psycopg.connect(pg_cluster.dsn(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        path = tmp_path / f"laptop{n}.gpkg"
        shutil.copyfile(template, path)
        with Workspace.open(path) as ws:
            ws.set_meta("checkout.source", pg_cluster.dsn(name))
        return pg_cluster.dsn(name), path

    return fresh


def database_of(dsn: str) -> str:
    return urlsplit(dsn).path.lstrip("/")


def outcome(dsn: str, path: Path) -> tuple:
    with PostgisWorkspace.open(dsn) as team, Workspace.open(path) as ws:
        return state(team), state(ws), history(team), conflict_uuids(path), team.last_change_seq()


def test_an_interrupted_sync_completes_on_the_next_run_as_if_never_interrupted(scenario: Any) -> None:
    dsn, path = scenario()
    sync(path, batch_size=5)
    expected = outcome(dsn, path)
    assert len(expected[3]) == 2 and expected[0] != {}
    boundaries: list[tuple[str, int]] = []
    dsn, path = scenario()
    sync(path, batch_size=5, interrupt=lambda stage, n: boundaries.append((stage, n)))
    assert {s for s, _ in boundaries} == {"pull", "pulled", "push-server", "push"} and len(boundaries) >= 6
    for boundary in boundaries:
        dsn, path = scenario()

        def stop(stage: str, n: int, boundary: tuple[str, int] = boundary) -> None:
            if (stage, n) == boundary:
                raise Interrupted(f"link lost after {stage} {n}")

        with pytest.raises(Interrupted):
            sync(path, batch_size=5, interrupt=stop)
        sync(path, batch_size=5)
        got = outcome(dsn, path)
        server, copy, server_history, conflicts, _ = got
        assert (server, copy, server_history, conflicts) == expected[:4], boundary


def test_a_connection_killed_mid_sync_is_a_readable_error_and_the_rerun_converges(scenario: Any,
                                                                                pg_cluster: Any) -> None:
    dsn, path = scenario()
    sync(path, batch_size=5)
    expected = outcome(dsn, path)[:4]
    dsn, path = scenario()
    database = database_of(dsn)

    def kill(stage: str, n: int) -> None:
        if (stage, n) == ("push-server", 1):  # the server has the batch; the copy has not recorded it
            with psycopg.connect(pg_cluster.dsn(), autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                              (database,))

    with pytest.raises(WorkspaceError, match="connection to the team database was lost"):
        sync(path, batch_size=5, interrupt=kill)
    sync(path, batch_size=5)
    assert outcome(dsn, path)[:4] == expected


# --- many generated pairs ---------------------------------------------------------------------
def test_generated_edit_pairs_record_every_expected_conflict_and_lose_nothing(team: PostgisWorkspace, pg_dsn: str,
                                                                             tmp_path: Path) -> None:
    import geopandas as gpd

    rng = random.Random(14)
    n = 240
    frame = gpd.GeoDataFrame({"name": [f"n{i}" for i in range(n)], "population": list(range(n))},
                             geometry=[Point(30 + rng.random(), 10 + rng.random()) for _ in range(n)], crs=4326)
    uuids = team.add_frame("need", frame)
    laptop = tmp_path / "laptop.gpkg"
    checkout(pg_dsn, laptop, layers=["need"])
    ops = ["update/update", "update/delete", "delete/update", "insert/insert", "update/-", "-/update",
           "delete/-", "-/delete", "delete/delete", "-/-"]
    plan = {u: rng.choice(ops) for u in uuids}
    expected_conflicts: set[str] = set()
    with Workspace.open(laptop) as ws:
        for i, (u, op) in enumerate(plan.items()):
            mine, theirs = op.split("/")
            if mine == "update":
                ws.update_feature("need", u, properties={"population": 10_000 + i})
            elif mine == "delete":
                ws.delete_feature("need", u)
            elif mine == "insert":
                twin = f"00000000-0000-4000-8000-{i:012d}"
                need(ws, 30.9, f"field-twin{i}", uuid=twin)
                expected_conflicts.add(twin)
            if mine in ("update", "delete") and theirs in ("update", "delete") and op != "delete/delete":
                expected_conflicts.add(u)
    for i, (u, op) in enumerate(plan.items()):
        _, theirs = op.split("/")
        if theirs == "update":
            team.update_feature("need", u, properties={"population": 20_000 + i})
        elif theirs == "delete":
            team.delete_feature("need", u)
        elif theirs == "insert":
            need(team, 30.9, f"office-twin{i}", uuid=f"00000000-0000-4000-8000-{i:012d}")
    result = sync(laptop, batch_size=50)
    recorded = conflict_uuids(laptop)
    assert len(recorded) == len(set(recorded))  # once each
    assert set(recorded) == expected_conflicts
    assert len(result.conflicts) == len(expected_conflicts)
    sync(laptop, batch_size=50)
    assert conflict_uuids(laptop) == recorded
    # no silent loss: every edit is in both sides' state, or in the conflict that holds it
    with Workspace.open(laptop) as ws:
        conflicts = {c["uuid"]: c for c in list_conflicts(ws)}
        copy = {f.uuid: f for f in ws.features("need")}
    server = {f.uuid: f for f in team.features("need")}
    for i, (u, op) in enumerate(plan.items()):
        mine, theirs = op.split("/")
        u = f"00000000-0000-4000-8000-{i:012d}" if mine == "insert" else u
        if u in conflicts:
            c = conflicts[u]
            assert c["local_feature"]["deleted"] == (mine == "delete")
            assert c["incoming_feature"]["deleted"] == (theirs == "delete")
            continue
        if "delete" in (mine, theirs):
            assert u not in copy and u not in server, op
            continue
        population = 10_000 + i if mine == "update" else 20_000 + i if theirs == "update" else i
        assert copy[u].properties["population"] == server[u].properties["population"] == population, op
        assert copy[u].version == server[u].version


# --- the command line -----------------------------------------------------------------------------
def test_checkout_and_sync_commands(team: PostgisWorkspace, pg_dsn: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    a = need(team, 30.1, "a")
    need(team, 45, "far")
    laptop = tmp_path / "laptop.gpkg"
    assert main(["checkout", pg_dsn, str(laptop), "--layer", "need", "--bbox", "29,9,31,11", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["layers"] == {"need": 1} and doc["bbox"] == list(AREA)
    with Workspace.open(laptop) as ws:
        ws.update_feature("need", a, properties={"population": 2})
    assert main(["sync", str(laptop), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["pushed"] == {"need": {"updated": 1}} and doc["totals"]["conflicts"] == 0
    assert main(["-w", str(laptop), "sync"]) == 0
    assert "0 change(s) taken, 0 sent" in capsys.readouterr().out
    assert main(["checkout", pg_dsn, str(tmp_path / "x.gpkg"), "--bbox", "1,2,3"]) == 2
    assert "MINX" in capsys.readouterr().err
