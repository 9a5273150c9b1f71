"""QGIS on the team database: its own "postgres" provider editing a PostGIS workspace directly.

QGIS 3.22 (Debian's python3-qgis, run by /usr/bin/python3 with tests/qgis/edit_postgis_with_qgis.py)
opens the ``need`` table of a workspace made by ``PostgisWorkspace.create`` through the test
cluster's socket and edits it as a user does; the tests then read the database. What QGIS sends
(``log_statement = all`` on the test database, read from the server's log):

* an attribute edit: ``UPDATE "public"."need" SET "population"=77 WHERE "fid"=1``: only the
  columns the user changed, the row found by ``fid``; a move: ``UPDATE … SET "geom"=
  st_geomfromwkb($1::bytea,4326) WHERE "fid"=$2``; a new point: ``INSERT … ("geom", "name", …,
  "uuid", "version", …) VALUES (…, NULL, …) RETURNING "fid"`` (every column, NULL where the user
  typed nothing); a delete: ``DELETE FROM "public"."need" WHERE "fid" IN (2)``; each edit session
  one BEGIN … COMMIT at Save.

So QGIS by itself never says which version its edit was made on: without the workspace's style a
QGIS edit of a feature the app changed meanwhile is last-write-wins per column (the app's other
columns stay, the overwritten version is in the history). The style every layer gets in
``layer_styles`` (store/postgis/layer_styles.py), a QGIS style that gives ``version`` the default
value ``-abs("version")``, applied on update, makes QGIS send the version it read, negated
(``"version"`` itself is not sent: QGIS leaves out values equal to the stored one), and the trigger
then refuses the stale edit. The version is read when the user makes the change, not when the form
opened. A delete names only ``fid``: a QGIS delete of a feature changed meanwhile still wins (its
last version is archived).
A partner's login sees in QGIS only what the rule releases to it: its own release table
(store/postgis/release_tables.py), or the layer table under row-level security.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
import pytest
from shapely.geometry import Point

from humanops.errors import WorkspaceError
from humanops.model.marking import TLP, Marking, Precision

if TYPE_CHECKING:
    from pg_cluster import ThrowawayCluster

QGIS_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).parent / "qgis" / "edit_postgis_with_qgis.py"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
CARRY_VERSION = '-abs("version")'  # the default value on update that makes QGIS send the version it read
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}


@cache
def _qgis_missing() -> str | None:
    if not os.path.exists(QGIS_PYTHON):
        return f"{QGIS_PYTHON} is missing (QGIS runs with Debian's python3)"
    probe = subprocess.run([QGIS_PYTHON, "-c", "from qgis.core import QgsVectorLayer"], capture_output=True,
                           timeout=60, env=ENV)
    return None if probe.returncode == 0 else "QGIS (Debian's python3-qgis) is not installed"


def _skip_without_qgis() -> None:
    reason = _qgis_missing()
    if reason:
        pytest.skip(reason)


class Team:
    """A workspace in a fresh database of the test cluster, and how QGIS reaches it."""

    def __init__(self, cluster: ThrowawayCluster, organisation: str = "ocha") -> None:
        from humanops.store.postgis.workspace import PostgisWorkspace

        self.cluster = cluster
        self.dsn = cluster.create_database()
        self.workspace = PostgisWorkspace.create(self.dsn, organisation=organisation)
        self.db = self.workspace.connection.info.dbname
        # every statement of this database's sessions goes to the server's log (QGIS's included)
        self.workspace.connection.execute(f'ALTER DATABASE "{self.db}" SET log_statement = \'all\'')
        self.log = cluster.root / "server.log"

    def conninfo(self, user: str | None = None) -> str:
        """A libpq connection string as a QGIS user types it into a PostGIS connection."""
        from pg_cluster import SUPERUSER

        return f"host={self.cluster.socket_dir} dbname={self.db} user={user or SUPERUSER}"

    def log_offset(self) -> int:
        return self.log.stat().st_size

    def qgis_sql(self, since: int) -> list[str]:
        """The statements QGIS sent to the need table since ``since`` (bytes into the log)."""
        with open(self.log, encoding="utf-8", errors="replace") as f:
            f.seek(since)
            text = f.read()
        return [m.group(1).strip() for m in re.finditer(r"(?:statement|execute \w+): (.*?)$", text, re.M)
                if '"public"."need"' in m.group(1) and not m.group(1).lstrip().startswith(("SELECT", "BEGIN READ"))]

    def run_qgis(self, *args: str) -> dict[str, Any]:
        done = subprocess.run([QGIS_PYTHON, str(SCRIPT), *args], capture_output=True, text=True, timeout=120,
                              env=ENV)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def close(self) -> None:
        self.workspace.close()


@pytest.fixture
def team(pg_cluster: ThrowawayCluster) -> Iterator[Team]:
    _skip_without_qgis()
    team = Team(pg_cluster)
    yield team
    team.close()


def _row(team: Team, uuid: str) -> dict[str, Any]:
    cursor = team.workspace.connection.execute(
        "SELECT uuid, version, originator, created, modified, name, population, tlp, releasable_to, precision, "
        "ST_X(geom) AS x, ST_Y(geom) AS y FROM need WHERE uuid = %s", (uuid,))
    row = cursor.fetchone()
    return dict(zip([d.name for d in cursor.description], row, strict=True)) if row else {}


# --- 1. what a user does in QGIS: versioned, logged, announced --------------------------------

@pytest.fixture(scope="module")
def edited_in_qgis(pg_cluster: ThrowawayCluster) -> Iterator[dict[str, Any]]:
    """Two features of ours; another app session listening; QGIS changes a population, moves
    the first point, digitises a new one and deletes the second, each Save its own commit (once
    for the module: the tests below only read, or try an edit the database refuses)."""
    from humanops.store.postgis.workspace import PostgisWorkspace

    _skip_without_qgis()
    team = Team(pg_cluster)
    ws = team.workspace
    moved = ws.add_feature("need", Point(30, 10), {"name": "clinic", "population": 10})
    deleted = ws.add_feature("need", Point(31, 10), {"name": "school", "population": 20})
    other_session = PostgisWorkspace.open(team.dsn)
    other_session.listen()
    heard: list[Any] = []
    other_session.subscribe(heard.append)
    seq = ws.last_change_seq()
    since = team.log_offset()
    report = team.run_qgis("edit", team.conninfo(), moved.uuid, deleted.uuid)
    yield {"team": team, "moved": moved, "deleted": deleted, "seq": seq, "report": report,
           "sql": team.qgis_sql(since), "other_session": other_session, "heard": heard}
    other_session.close()
    team.close()


def test_qgis_edits_are_versioned_logged_and_announced(edited_in_qgis: dict[str, Any]) -> None:
    e = edited_in_qgis
    team, ws = e["team"], e["team"].workspace
    report, moved, deleted = e["report"], e["moved"], e["deleted"]
    assert all(report[step]["committed"] for step in ("attribute", "geometry", "add", "delete")), report

    # the attribute change and the move: two versions, identity kept, each old version in the history
    now = _row(team, moved.uuid)
    assert (now["version"], now["population"], now["x"], now["y"]) == (3, 77, 31.25, 11.5)
    assert now["originator"] == "ocha" and now["created"] == moved.created
    assert now["modified"] > moved.modified
    history = ws.history("need", moved.uuid)
    assert [(h.version, h.properties["population"], h.geometry.coords[0]) for h in history] == \
        [(1, 10, (30.0, 10.0)), (2, 77, (30.0, 10.0))]
    assert ws.get_feature("need", moved.uuid).version == 3  # the app reads QGIS's edit as its own kind

    # the new point: a fresh uuid, version 1, our organisation, the layer's default marking
    [added] = [r[0] for r in ws.connection.execute("SELECT uuid FROM need WHERE name = 'drawn in QGIS'")]
    row = _row(team, added)
    assert UUID.match(added) and row["version"] == 1 and row["originator"] == "ocha"
    assert (row["tlp"], row["releasable_to"], row["precision"]) == ("AMBER", None, "exact")
    assert row["created"] == row["modified"] and row["created"] > moved.created
    assert ws.get_feature("need", added).marking.tlp is TLP.AMBER

    # the delete: its last version and a tombstone in the history
    assert _row(team, deleted.uuid) == {}
    assert [(h.version, h.deleted) for h in ws.history("need", deleted.uuid)] == [(1, False), (2, True)]

    # the change log, in commit order, and the other session heard each commit
    assert ws.connection.execute("SELECT uuid, version, op FROM humanops_changes WHERE seq > %s ORDER BY seq",
                                 (e["seq"],)).fetchall() == [
        (moved.uuid, 2, "update"), (moved.uuid, 3, "update"), (added, 1, "insert"), (deleted.uuid, 2, "delete")]
    changes = e["other_session"].poll_changes(timeout=2.0)
    assert [(c.layer, c.op, c.uuids) for c in changes] == [
        ("need", "update", (moved.uuid,)), ("need", "update", (moved.uuid,)), ("need", "insert", (added,)),
        ("need", "delete", (deleted.uuid,))]
    assert e["heard"] == changes  # the subscribers of that session too


def test_qgis_sends_only_the_columns_a_user_changed(edited_in_qgis: dict[str, Any]) -> None:
    """What the module docstring reports, read from the server's log: no UPDATE names version."""
    sql = edited_in_qgis["sql"]
    updates = [s for s in sql if s.startswith("UPDATE")]
    assert len(updates) == 2, sql
    # the workspace's style (layer_styles) makes QGIS carry the version each edit was made on, negated
    assert re.fullmatch(r'UPDATE "public"\."need" SET "population"=77,"version"=\'-1\' WHERE "fid"=\d+', updates[0])
    assert re.fullmatch(r'UPDATE "public"\."need" SET "version"=\'-2\',"geom"=st_geomfromwkb\(\$1::bytea,4326\) '
                        r'WHERE "fid"=\d+', updates[1])
    [insert] = [s for s in sql if s.startswith("INSERT")]
    assert '"uuid","version","originator"' in insert and insert.endswith('RETURNING "fid"')
    [delete] = [s for s in sql if s.startswith("DELETE")]
    assert re.fullmatch(r'DELETE FROM "public"\."need" WHERE "fid" IN \(\d+\)', delete)


def test_the_app_editing_a_version_qgis_replaced_is_refused(edited_in_qgis: dict[str, Any]) -> None:
    """The app's edit made on version 1 after QGIS's two: refused by the app, and by the database
    when the row is written carrying the old version."""
    team, uuid = edited_in_qgis["team"], edited_in_qgis["moved"].uuid
    ws = team.workspace
    with pytest.raises(WorkspaceError) as refused:
        ws.update_feature("need", uuid, properties={"population": 5}, expected_version=1)
    message = str(refused.value)
    assert "need" in message and uuid in message and "now version 3" in message and "version 1" in message
    with pytest.raises(WorkspaceError) as at_database, ws.transaction() as db:
        db.execute("UPDATE need SET population = 5, version = 1 WHERE uuid = %s", (uuid,))
    message = str(at_database.value)
    assert "need" in message and uuid in message and "now version 3" in message and "version 1" in message
    assert _row(team, uuid)["population"] == 77 and _row(team, uuid)["version"] == 3


# --- 2. QGIS saving an edit of a feature the app changed meanwhile ------------------------------

def _stale_qgis_edit(team: Team, uuid: str, what: str, version_on_update: str | None,
                     meanwhile: Callable[[], None]) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """QGIS starts editing, changes ``what`` of the feature; ``meanwhile()`` runs; QGIS saves."""
    args = [QGIS_PYTHON, str(SCRIPT), "stale", team.conninfo(), uuid, what]
    since = team.log_offset()
    with subprocess.Popen([*args, *([version_on_update] if version_on_update else [])], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV) as qgis:
        assert qgis.stdout is not None
        edited = json.loads(qgis.stdout.readline() or "{}")
        meanwhile()
        out, err = qgis.communicate("save\n", timeout=120)
    assert qgis.returncode == 0 and edited.get("edited"), err[-3000:]
    return edited, json.loads(out.strip().splitlines()[-1]), team.qgis_sql(since)


def test_without_the_version_a_qgis_edit_of_a_changed_feature_wins_per_column(team: Team) -> None:
    """QGIS without the workspace's style (another style made the default, or the rows deleted):
    its Save overwrites the column it changed, keeps the app's other change, and the version it
    overwrote stays in the history: last-write-wins, nothing refused."""
    ws = team.workspace
    ws.connection.execute("DELETE FROM layer_styles")
    feature = ws.add_feature("need", Point(30, 10), {"name": "clinic", "population": 10})

    def app_edits() -> None:
        ws.update_feature("need", feature.uuid, properties={"name": "clinic (app)", "population": 12},
                          expected_version=1)

    edited, saved, sql = _stale_qgis_edit(team, feature.uuid, "name", None, app_edits)
    assert edited["seen_version"] == 1 and saved["committed"], saved
    assert [s for s in sql if s.startswith("UPDATE")] == [
        f"UPDATE \"public\".\"need\" SET \"name\"='renamed in QGIS' WHERE \"fid\"={_fid(team, feature.uuid)}"]
    row = _row(team, feature.uuid)
    assert (row["version"], row["name"], row["population"]) == (3, "renamed in QGIS", 12)
    assert [(h.version, h.properties["name"]) for h in ws.history("need", feature.uuid)] == \
        [(1, "clinic"), (2, "clinic (app)")]


def _fid(team: Team, uuid: str) -> int:
    return team.workspace.connection.execute("SELECT fid FROM need WHERE uuid = %s", (uuid,)).fetchone()[0]


@pytest.mark.parametrize("what", ["name", "geometry"])
def test_qgis_carrying_the_version_it_read_is_refused_a_stale_save(team: Team, what: str) -> None:
    """With ``version`` defaulting to -abs("version") on update (a QGIS style can say so), QGIS
    sends the version its edit was made on and the database refuses the stale Save, naming the
    layer, the feature and both versions; QGIS reports it and the app's version stays."""
    ws = team.workspace
    feature = ws.add_feature("need", Point(30, 10), {"name": "clinic", "population": 10})
    seq: dict[str, int] = {}

    def app_edits() -> None:
        ws.update_feature("need", feature.uuid, properties={"name": "clinic (app)"}, expected_version=1)
        seq["after_app"] = ws.last_change_seq()

    edited, saved, sql = _stale_qgis_edit(team, feature.uuid, what, CARRY_VERSION, app_edits)
    assert edited["seen_version"] == 1 and not saved["committed"]
    fid = _fid(team, feature.uuid)
    assert sql == [{  # QGIS sends the version it read, negated, beside the user's change
        "name": f"UPDATE \"public\".\"need\" SET \"name\"='renamed in QGIS',\"version\"='-1' WHERE \"fid\"={fid}",
        "geometry": f"UPDATE \"public\".\"need\" SET \"version\"='-1',\"geom\"=st_geomfromwkb($1::bytea,4326) "
                    f"WHERE \"fid\"={fid}"}[what]], sql
    errors = " ".join(saved["errors"])
    assert f"layer need, feature {feature.uuid}: was changed meanwhile (stored version 2, the edit was made on " \
           "version 1)" in errors, errors
    row = _row(team, feature.uuid)
    assert (row["version"], row["name"], row["x"]) == (2, "clinic (app)", 30.0)
    assert ws.last_change_seq() == seq["after_app"]


def test_qgis_carrying_the_version_saves_when_nobody_changed_the_feature(team: Team) -> None:
    ws = team.workspace
    feature = ws.add_feature("need", Point(30, 10), {"name": "clinic", "population": 10})
    ws.update_feature("need", feature.uuid, properties={"population": 11})
    edited, saved, sql = _stale_qgis_edit(team, feature.uuid, "name", CARRY_VERSION, lambda: None)
    assert edited["seen_version"] == 2 and saved["committed"], saved
    assert sql == [f"UPDATE \"public\".\"need\" SET \"name\"='renamed in QGIS',\"version\"='-2' "
                   f"WHERE \"fid\"={_fid(team, feature.uuid)}"]
    row = _row(team, feature.uuid)
    assert (row["version"], row["name"], row["population"]) == (3, "renamed in QGIS", 11)
    assert ws.connection.execute("SELECT version, op FROM humanops_changes ORDER BY seq DESC LIMIT 1"
                                 ).fetchone() == (3, "update")


def test_plain_qgis_is_refused_a_stale_save_by_the_style_the_workspace_ships(team: Team) -> None:
    """No hand-made row: ``PostgisWorkspace.create`` wrote each layer's default style into
    ``layer_styles`` (store/postgis/layer_styles.py) as QGIS 3.22 looks it up (the database's name
    as catalog, ``type`` NULL), with the ``version`` default; so plain QGIS, loading the layer,
    carries the version it read and the database refuses its stale Save."""
    ws = team.workspace
    styles = ws.connection.execute("SELECT f_table_catalog, f_table_schema, f_geometry_column, type, useasdefault "
                                   "FROM layer_styles WHERE f_table_name = 'need'").fetchall()
    assert styles == [(team.db, "public", "geom", None, True)]
    feature = ws.add_feature("need", Point(30, 10), {"name": "clinic", "population": 10})

    def app_edits() -> None:
        ws.update_feature("need", feature.uuid, properties={"name": "clinic (app)"}, expected_version=1)

    _, saved, sql = _stale_qgis_edit(team, feature.uuid, "name", None, app_edits)
    assert not saved["committed"] and "was changed meanwhile" in " ".join(saved["errors"]), saved
    assert sql[0].endswith(f"\"version\"='-1' WHERE \"fid\"={_fid(team, feature.uuid)}")
    assert _row(team, feature.uuid)["name"] == "clinic (app)"


def test_a_workspace_made_before_the_styles_gets_them_when_opened(team: Team) -> None:
    from humanops.store.postgis.workspace import PostgisWorkspace

    ws = team.workspace
    ws.connection.execute("DROP TABLE layer_styles")
    ws.connection.execute("DELETE FROM humanops_meta WHERE key = 'qgis_styles_version'")
    with PostgisWorkspace.open(team.dsn) as again:
        names = [r[0] for r in again.connection.execute("SELECT f_table_name FROM layer_styles ORDER BY 1")]
    assert names == sorted(k.name for k in ws.catalog)


# --- 3. a partner reading the hub's database from QGIS with its own login ----------------------

def test_a_partner_in_qgis_sees_only_what_is_released_to_it_and_cannot_write(team: Team) -> None:
    from humanops.catalog import load_catalog
    from humanops.sharing.directory import Community, Directory, Organisation
    from humanops.sharing.generalise import generalise
    from humanops.sharing.policy import may_receive
    from humanops.store.postgis import row_security

    ws = team.workspace
    directory = Directory(
        [Organisation("ocha", "OCHA", communities=("community:health",)),
         Organisation("medaid", "MedAid", communities=("community:health",)),
         Organisation("watergo", "WaterGo")],
        [Community("community:health", "Health")])
    markings = {
        "clear": Marking(TLP.CLEAR),
        "green, shared community": Marking(TLP.GREEN),
        "amber to medaid": Marking(TLP.AMBER, releasable_to=("medaid",)),
        "amber to watergo": Marking(TLP.AMBER, releasable_to=("watergo",)),
        "red to watergo": Marking(TLP.RED, releasable_to=("watergo",)),
        "green, 1 km": Marking(TLP.GREEN, precision=Precision.parse("grid:1000")),  # exact only to the named
    }
    for i, (name, marking) in enumerate(markings.items()):
        ws.add_feature("need", Point(36 + i * 0.01, 33), {"name": name, "population": 10}, marking)
    setup = row_security.install_row_security(ws.connection, directory, "ocha", ["need"])
    assert row_security.refresh_generalised(ws.connection, load_catalog()["need"], generalise) >= 1

    role = setup.roles["medaid"]
    report = team.run_qgis("partner", team.conninfo(role), role)  # its release table, <role>.need
    now = datetime.now(UTC)
    features = ws.features("need")
    decided = {f.uuid: may_receive(f, "ocha", "medaid", directory, now).action for f in features}
    names = {f.uuid: f.properties["name"] for f in features}
    assert "error" not in report, report
    assert report["uuids"] == sorted(u for u, action in decided.items() if action == "allow")
    assert {names[u] for u in report["uuids"]} == {"clear", "green, shared community", "amber to medaid"}
    # the second wall, the layer table under row-level security, gives the same rows
    assert team.run_qgis("partner", team.conninfo(role))["uuids"] == report["uuids"]
    assert {names[u] for u, action in decided.items() if action == "generalise"} == {"green, 1 km"}
    # the 1 km row only generalised, in its own table
    generalised = ws.connection.execute("SELECT uuid FROM humanops_generalised_need").fetchall()
    assert report["generalised"] == sorted(r[0] for r in generalised) != []
    assert not set(report["generalised"]) & set(report["uuids"])
    # QGIS offers no editing, and a Save is refused by the database
    assert "Add Features" not in report["capabilities"] and "Delete Features" not in report["capabilities"]
    assert report["edit"] == {"committed": False, "errors": ["ERROR: layer not editable"]}
    for table in ("public.need", f"{role}.need"):  # nor through the database directly
        with psycopg.connect(team.cluster.dsn(team.db, user=role), autocommit=True) as partner, \
                pytest.raises(psycopg.errors.InsufficientPrivilege):
            partner.execute(f"UPDATE {table} SET tlp = 'CLEAR'")
    assert ws.count("need") == len(markings)
    assert {f.uuid: f.version for f in ws.features("need")} == {f.uuid: f.version for f in features}
