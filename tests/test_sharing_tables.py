"""The sharing tables are ones GDAL (and so QGIS) can read: none WITHOUT ROWID, older ones
rebuilt with their rows."""

from __future__ import annotations

import pyogrio
import pytest

from humanops.sharing.tables import TABLES, ensure_tables
from humanops.store.workspace import Workspace

OLD_LINEAGE = """CREATE TABLE humanops_lineage (
    layer TEXT NOT NULL, uuid TEXT NOT NULL, version INTEGER NOT NULL, modified TEXT NOT NULL,
    PRIMARY KEY (layer, uuid, version, modified)) WITHOUT ROWID"""


@pytest.fixture
def workspace(tmp_path):
    with Workspace.create(tmp_path / "ws.gpkg", organisation="ocha") as ws:
        yield ws


def test_no_sharing_table_is_without_rowid(workspace):
    with workspace.transaction() as db:
        ensure_tables(db)
    ddl = [r[0] for r in workspace.connection.execute(
        f"SELECT sql FROM sqlite_master WHERE name IN ({','.join('?' * len(TABLES))})", list(TABLES))]
    assert len(ddl) == len(TABLES) and not any("WITHOUT ROWID" in d.upper() for d in ddl)


def test_a_table_an_older_version_made_without_rowid_is_rebuilt_and_gdal_reads_it(workspace):
    with workspace.transaction() as db:
        db.execute(OLD_LINEAGE)
        # as the older version listed it (it is no longer listed: gpkg_conformance)
        db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                   "VALUES ('humanops_lineage', 'attributes', 'humanops_lineage')")
        db.execute("INSERT INTO humanops_lineage VALUES ('need', 'u1', 1, '2026-01-01T00:00:00.000Z')")
    with workspace.transaction() as db:
        ensure_tables(db)
        db.execute("INSERT OR IGNORE INTO humanops_lineage (layer, uuid, version, modified) VALUES "
                   "('need', 'u1', 1, '2026-01-01T00:00:00.000Z'), ('need', 'u1', 2, '2026-01-02T00:00:00.000Z')")
    path = workspace.path
    workspace.close()
    with Workspace.open(path):  # unlists it
        pass
    frame = pyogrio.read_dataframe(path, sql="SELECT uuid, version FROM humanops_lineage")
    assert sorted(zip(frame["uuid"], frame["version"], strict=True)) == [("u1", 1), ("u1", 2)]
