"""Edits made with another tool than HumanOps (QGIS, GDAL, a script): every one is versioned,
logged and given a sound identity, and none is refused by a constraint QGIS cannot satisfy.

Plain SQLite stands in for a script everywhere; QGIS's own code paths (Debian's python3-qgis,
installed by packaging/system-packages.sh) run where QGIS is installed."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from shapely.geometry import Point

from humanops.store.gpkg_geometry import register_functions
from humanops.store.workspace import Workspace

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
QGIS_PYTHON = "/usr/bin/python3"
COLUMNS = "fid, uuid, version, originator, created, modified, source_package, source_signer, name, tlp"


def _other_tool(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    register_functions(connection)  # QGIS's SQLite has them through GDAL
    return connection


def _rows(path: Path) -> list[dict]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in connection.execute(f"SELECT {COLUMNS} FROM need ORDER BY fid")]
    finally:
        connection.close()


@pytest.fixture
def received(workspace: Workspace) -> tuple[Path, str, int]:
    """A workspace holding one feature of a partner's (as a package leaves it), closed."""
    frame_feature = workspace.add_feature("need", Point(30, 10), {"name": "clinic", "population": 10})
    with workspace.transaction() as db:  # as an import of medaid's package leaves it
        db.execute("UPDATE need SET originator = 'medaid', version = 3, source_package = 'pkg-1', "
                   "source_signer = 'medaid' WHERE uuid = ?", (frame_feature.uuid,))
    seq = workspace.last_change_seq()
    workspace.close()
    return workspace.path, frame_feature.uuid, seq


def _copy_row(connection: sqlite3.Connection, uuid_sql: str, source: str) -> None:
    columns = [r[1] for r in connection.execute("PRAGMA table_info(need)") if r[1] not in ("fid", "uuid")]
    listed = ", ".join(f'"{c}"' for c in columns)
    connection.execute(f"INSERT INTO need (uuid, {listed}) SELECT {uuid_sql}, {listed} FROM need WHERE uuid = ?",
                       (source,))


@pytest.mark.parametrize("how", ["qgis_duplicate", "paste", "copy_from_another_file"])
def test_a_copied_row_becomes_a_new_feature_of_ours(received, how):
    """QGIS's Duplicate Feature (uuid + '_1' when it keeps uuids unique), a paste keeping the
    uuid, a row copied in from another file with a uuid we do not hold: each becomes a new
    feature with a fresh uuid, version 1, our organisation, a new created time, no package
    provenance and the copied marking, logged so partners receive it."""
    path, source, seq = received
    connection = _other_tool(path)
    uuid_sql = {"qgis_duplicate": "uuid || '_1'", "paste": "uuid",
                "copy_from_another_file": "'0b6f6c11-61d8-4872-b4fc-224a0ac28161'"}[how]
    _copy_row(connection, uuid_sql, source)  # no UNIQUE constraint refuses the paste
    connection.commit()
    connection.close()
    original, copy = _rows(path)
    assert original["uuid"] == source and original["version"] == 3 and original["originator"] == "medaid"
    assert UUID.match(copy["uuid"]) and copy["uuid"] != source
    assert copy["version"] == 1 and copy["originator"] == "ocha"
    assert copy["created"] > original["created"] and copy["created"].endswith("Z")
    assert copy["source_package"] is None and copy["source_signer"] is None
    assert copy["name"] == "clinic" and copy["tlp"] == original["tlp"]
    with Workspace.open(path) as ws:
        assert ws.changed_since(seq) == {"need": {copy["uuid"]}}


def test_our_own_inserts_keep_their_identity(workspace):
    """The repair is for other tools: the app's inserts are left as they are."""
    mine = workspace.add_feature("need", Point(30, 10), {"name": "a", "population": 1})
    assert workspace.get_feature("need", mine.uuid).version == 1
    assert [r["uuid"] for r in _rows(workspace.path)] == [mine.uuid]


def test_an_insert_in_our_transaction_with_a_taken_uuid_is_still_repaired(workspace):
    mine = workspace.add_feature("need", Point(30, 10), {"name": "a", "population": 1})
    with workspace.transaction() as db:
        _copy_row(db, "uuid", mine.uuid)
    uuids = [r["uuid"] for r in _rows(workspace.path)]
    assert uuids[0] == mine.uuid and UUID.match(uuids[1]) and uuids[1] != mine.uuid


def test_field_calculator_versions_every_row_and_cannot_change_identity(received):
    path, source, seq = received
    connection = _other_tool(path)
    connection.execute("UPDATE need SET population = population * 2")
    connection.commit()
    connection.execute("UPDATE need SET uuid = 'renamed', originator = 'ocha', created = '2020-01-01T00:00:00.000Z'")
    connection.commit()
    connection.close()
    [row] = _rows(path)
    assert row["uuid"] == source and row["originator"] == "medaid" and row["version"] == 5
    assert row["created"] != "2020-01-01T00:00:00.000Z"
    with Workspace.open(path) as ws:
        assert ws.get_feature("need", source).properties["population"] == 20
        assert [h.version for h in ws.history("need", source)] == [3, 4]
        assert ws.changed_since(seq) == {"need": {source}}


@pytest.mark.parametrize(("written", "stored"), [
    ("2026-12-31T12:00:00", "2026-12-31T12:00:00.000Z"),  # QGIS: no zone, read as UTC
    ("2026-12-31 12:00:00.250", "2026-12-31T12:00:00.250Z"),
    ("2026-12-31T14:00:00+02:00", "2026-12-31T12:00:00.000Z"),  # an offset: the same instant in UTC
    ("2026-12-31T12:00:00Z", "2026-12-31T12:00:00.000Z"),
    ("next week", "next week"),  # not a time: left for validation to report
])
def test_datetimes_from_other_tools_are_stored_in_utc_with_milliseconds(received, written, stored):
    path, source, _ = received
    connection = _other_tool(path)
    connection.execute("UPDATE need SET expires = ? WHERE uuid = ?", (written, source))
    connection.execute("INSERT INTO need (geom, name, population, expires) SELECT geom, 'new', 1, ? FROM need",
                       (written,))
    connection.commit()
    assert [r[0] for r in connection.execute("SELECT expires FROM need ORDER BY fid")] == [stored, stored]
    connection.close()


def _qgis_available() -> bool:
    if not os.path.exists(QGIS_PYTHON):
        return False
    probe = subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], capture_output=True, timeout=60)
    return probe.returncode == 0


@pytest.mark.skipif(not _qgis_available(), reason="QGIS (Debian's python3-qgis) is not installed")
def test_qgis_edits_a_workspace_with_its_own_code_paths(workspace):
    """QGIS 3.22 (GDAL 3.6) adds, duplicates, pastes, runs the field calculator and the form
    on the need layer: every edit is committed, versioned and logged, uuids stay unique and
    sound, the expiry is stored in UTC with milliseconds, and QGIS lists only the layers."""
    mine = workspace.add_feature("need", Point(30, 10), {"name": "orig", "population": 10})
    seq = workspace.last_change_seq()
    path = workspace.path
    workspace.close()
    script = Path(__file__).parent / "qgis" / "edit_with_qgis.py"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    done = subprocess.run([QGIS_PYTHON, str(script), str(path), mine.uuid], capture_output=True, text=True,
                          timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert all(report[step] for step in ("add", "duplicate", "paste", "calculator", "uuid_calculator", "form"))
    assert report["sublayers"] == ["danger_zone", "corridor", "road", "facility", "incident", "need"]
    rows = _rows(path)
    uuids = [r["uuid"] for r in rows]
    assert len(rows) == 4 and len(set(uuids)) == 4 and all(UUID.match(u) for u in uuids)
    assert rows[0]["uuid"] == mine.uuid and rows[0]["name"] == "renamed"
    with Workspace.open(path) as ws:
        original = ws.get_feature("need", mine.uuid)
        assert original.version == 4 and original.properties["population"] == 20
        assert original.marking.expires.isoformat() == "2026-12-31T12:00:00+00:00"
        assert ws.changed_since(seq) == {"need": set(uuids)}
        assert {r["originator"] for r in rows} == {"ocha"}
        assert all(r["created"].endswith("Z") and r["modified"].endswith("Z") for r in rows)


def test_what_another_tool_wrote_wrong_is_listed_by_feature_field_and_reason(received):
    """QGIS lets a user type anything in a text column: the check after opening names the
    feature, the field and the reason; it looks only at what changed since it last looked."""
    from humanops.store.checks import validate_changes

    path, source, _ = received
    with Workspace.open(path) as ws:
        report, seen = validate_changes(ws)
        assert report.ok and report.checked == {"need": 1} | {k: 0 for k in ws.layers() if k != "need"}
    connection = _other_tool(path)
    connection.execute("UPDATE need SET population = 'many', expires = 'next week', tlp = 'PURPLE' "
                       "WHERE uuid = ?", (source,))
    connection.execute("INSERT INTO facility (geom, name) VALUES (NULL, 'no place')")
    connection.commit()
    connection.close()
    with Workspace.open(path) as ws:
        report, last = validate_changes(ws, seen)
        found = {(p["layer"], p["feature"] == source, p["field"]) for p in report.problems}
        assert {("need", True, "population"), ("need", True, "expires"), ("need", True, "tlp"),
                ("facility", False, "geometry")} <= found, report.problems
        assert report.checked == {"need": 1, "facility": 1}
        assert validate_changes(ws, last)[0].checked == {}


def test_an_unreadable_value_is_repaired_as_a_new_version_keeping_the_old_one_in_history(workspace):
    """The Problems panel's fix: a valid value where QGIS left one the app cannot read. Ours
    takes any valid value; a partner's unreadable marking only TLP RED; nothing else changes."""
    from humanops.errors import ValidationError

    ours = workspace.add_feature("need", Point(30, 10), {"name": "ours", "population": 1})
    theirs = workspace.add_feature("need", Point(31, 10), {"name": "theirs", "population": 1})
    with workspace.transaction() as db:
        db.execute("UPDATE need SET originator = 'medaid', version = version + 1 WHERE uuid = ?", (theirs.uuid,))
    connection = _other_tool(workspace.path)
    connection.execute("UPDATE need SET tlp = 'PURPLE', population = 'many'")
    connection.commit()
    connection.close()
    with pytest.raises(ValidationError):
        workspace.get_feature("need", ours.uuid)
    with pytest.raises(ValidationError) as refused:
        workspace.repair_value("need", ours.uuid, "tlp", "ULTRAVIOLET")
    assert refused.value.field == "tlp"
    workspace.repair_value("need", ours.uuid, "population", "12")
    fixed = workspace.repair_value("need", ours.uuid, "tlp", "GREEN")
    assert fixed is not None and fixed.marking.tlp.value == "GREEN" and fixed.properties["population"] == 12
    assert fixed.version == 4  # each repair a version, as another tool's edit
    assert json.loads(workspace.connection.execute(
        "SELECT marking FROM humanops_history WHERE uuid = ? AND version = 3", (ours.uuid,)).fetchone()[0]
    )["tlp"] == "PURPLE"
    with pytest.raises(ValidationError, match="only TLP RED"):
        workspace.repair_value("need", theirs.uuid, "tlp", "GREEN")
    workspace.repair_value("need", theirs.uuid, "population", 3)
    kept = workspace.repair_value("need", theirs.uuid, "tlp", "RED")
    assert kept is not None and kept.marking.tlp.value == "RED" and kept.originator == "medaid"
    from humanops.store.checks import validate_changes

    assert validate_changes(workspace)[0].ok
