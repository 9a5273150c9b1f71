"""The two backends of the Workspace API, for the store and exchange suites (tests/conftest.py).

The modules of :data:`BOTH_BACKENDS` run every test that asks for a workspace (the ``workspace``
fixture, or partners made by ``exchange_helpers.make_partners``) once on a GeoPackage and once on
PostGIS: the behaviour the suite demands of the GeoPackage store is the spec of the team database.
Tests about the GeoPackage file itself (its bytes, SQLite, GDAL reading the file) are listed in
:data:`GPKG_ONLY` with the reason, here and nowhere else; their PostGIS run shows as skipped with
that reason.

A PostGIS workspace is cheap: each kind of workspace (an empty one, a partner's) is made once per
session in a template database, and each test gets a copy (``CREATE DATABASE … TEMPLATE``), made
ahead on a thread while the test before runs, and dropped on that thread after the test.
"""

from __future__ import annotations

import itertools
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

GPKG = "gpkg"
POSTGIS = "postgis"

# Test modules run on both backends (by module name).
BOTH_BACKENDS = frozenset({
    "test_workspace", "test_bulk_write", "test_round_trips", "test_marking_ops",
    "test_layer_columns", "test_layer_reader", "test_other_tool_edits", "test_exchange_roundtrip",
    "test_exchange_hostile", "test_exchange_strict", "test_exchange_signatures", "test_audit",
    "test_audit_witness", "test_keys", "test_protocol",
})

_GDAL = "GDAL reads or writes the GeoPackage file itself"
_BYTES = "compares the GeoPackage file's bytes"
_BLOB = "writes a GeoPackage geometry blob with SQLite (a PostGIS column holds only valid geometries)"
_READ_ONLY = ("LayerReader.read_only opens the GeoPackage file read-only (a worker on PostGIS opens "
              "store.target_reads.open_reader, tests/test_postgis_store.py)")
# "module::test" (or "module" for all of it) -> why it runs on the GeoPackage only
GPKG_ONLY: dict[str, str] = {
    "test_workspace::test_create_makes_a_geopackage_gdal_reads_without_warnings": _GDAL,
    "test_workspace::test_reads_through_gdal_between_edits_see_every_edit": _GDAL,
    "test_workspace::test_edits_by_other_tools_are_versioned_logged_and_sent_on":
        _GDAL + " (other clients on PostGIS: test_postgis_store.py, test_qgis_postgis.py)",
    "test_workspace::test_spatial_index_stays_in_step_with_every_edit":
        "checks the GeoPackage's R-tree with store.checks.validate_workspace (PostGIS's own: "
        "store.postgis.database_checks)",
    "test_workspace::test_a_worker_reads_beside_a_write_and_sees_the_last_commit": _READ_ONLY,
    "test_bulk_write::test_the_rtree_answers_bbox_queries_as_shapely_does": "queries the GeoPackage's R-tree table",
    "test_bulk_write::test_a_failure_in_the_middle_changes_nothing": _BYTES,
    "test_bulk_write::test_an_invalid_row_found_late_changes_nothing": _BYTES + " (an SQLite trigger refuses the row)",
    "test_bulk_write::test_gdal_reads_and_filters_the_layer_afterwards": _GDAL,
    "test_layer_columns::test_a_point_blob_with_an_envelope_or_no_geometry_is_read_through_shapely": _BLOB,
    "test_layer_columns::test_a_garbled_point_names_its_feature": _BLOB,
    "test_layer_reader::test_a_geometry_another_tool_garbled_is_named_not_a_parser_message": _BLOB,
    "test_layer_reader::test_a_read_only_reader_refuses_writes_and_sees_only_what_was_committed": _READ_ONLY,
    "test_layer_reader::test_a_read_only_connection_is_used_only_on_the_thread_that_made_it": _READ_ONLY,
    "test_layer_reader::test_app_tables_are_shown_newest_first_and_a_backup_is_consistent":
        "store.db.backup copies the GeoPackage file with SQLite's backup API",
    "test_other_tool_edits": "other tools (SQLite, GDAL, QGIS) editing the GeoPackage file and its SQLite triggers "
                             "(on PostGIS: test_postgis_store.py, test_qgis_postgis.py)",
    "test_exchange_roundtrip::test_a_value_another_tool_wrote_that_does_not_fit_its_field_is_withheld_not_the_package":
        "stores a fraction in a whole-number field: SQLite keeps 12.5, PostgreSQL's bigint column rounds it "
        "on assignment (13), leaving no wrong value to withhold",
    "test_keys::test_init_makes_keys_sealed_with_a_strong_kdf":
        "asserts how the GeoPackage's gpkg_contents registers the identity table",
    "test_keys::test_private_keys_never_appear_in_clear": "searches the GeoPackage file's bytes",
    "test_audit_witness::test_untouched_log_with_signed_heads_is_intact":
        "asserts what the GeoPackage's gpkg_contents lists (the heads stay out of QGIS's layer list)",
}

# Store and exchange tests that never ask for a backend, so run on the GeoPackage alone (listed here
# so that nothing is left out silently):
# - test_sharing_tables: SQLite's WITHOUT ROWID tables and GDAL reading them (its own fixture);
# - test_bulk_write's ``pair`` tests: store.bulk_write is the GeoPackage's bulk writer, compared row
#   by row with SQLite's triggers, R-tree and gpkg_contents (PostGIS writes with COPY:
#   tests/test_postgis_store.py);
# - test_durability: a writer SIGKILLed mid-stream on the GeoPackage file (rollback journal);
# - test_authority_rule: the pure authority rule, no workspace at all.

_TEMPLATES: dict[tuple[int, Any], str] = {}  # (cluster, what) -> template database
_NAMES = itertools.count(1)


def backend_params(module: str, test: str) -> list[Any] | None:
    """The ``backend`` parameters of a test of ``module``, or None (the GeoPackage alone, unnamed)."""
    if module not in BOTH_BACKENDS:
        return None
    reason = GPKG_ONLY.get(f"{module}::{test}", GPKG_ONLY.get(module))
    if reason is None:
        return [GPKG, POSTGIS]
    return [GPKG, pytest.param(POSTGIS, marks=pytest.mark.skip(reason=f"GeoPackage-only: {reason}"))]


def database_name(dsn: str) -> str:
    return unquote(urlsplit(dsn).path.lstrip("/"))


class Backend:
    """Where a test's workspaces live: ``name`` is ``gpkg`` or ``postgis`` (then ``cluster`` is the
    session's throwaway cluster, tests/pg_cluster.py)."""

    def __init__(self, name: str, cluster: Any = None) -> None:
        self.name = name
        self.cluster = cluster
        self._databases: list[str] = []

    def __repr__(self) -> str:
        return self.name

    @property
    def is_postgis(self) -> bool:
        return self.name == POSTGIS

    def empty_workspace(self, tmp_path: Path, organisation: str = "ocha") -> Any:
        """A new empty workspace of ``organisation``."""
        from humanops.store.workspace import Workspace

        if not self.is_postgis:
            return Workspace.create(tmp_path / "ws.gpkg", organisation=organisation)
        from humanops.store.postgis.workspace import PostgisWorkspace

        def make(dsn: str) -> None:
            PostgisWorkspace.create(dsn, organisation=organisation).close()

        return PostgisWorkspace.open(self._copy_of(("empty", organisation), make))

    def copy_of_template(self, template: Path, tmp_path: Path) -> Any:
        """The test's own copy of the GeoPackage workspace ``template`` (a file made once a
        session): the file copied into ``tmp_path``, or on PostGIS a database holding the same
        workspace (moved there once with ``humanops copy``'s engine, then cloned)."""
        if not self.is_postgis:
            import shutil

            from humanops.store.workspace import Workspace

            shutil.copyfile(template, tmp_path / template.name)
            return Workspace.open(tmp_path / template.name)
        from humanops.store.postgis.copy_workspace import copy_workspace
        from humanops.store.postgis.workspace import PostgisWorkspace

        return PostgisWorkspace.open(self._copy_of(("copy", str(template)),
                                                   lambda dsn: copy_workspace(template, dsn)))

    def _copy_of(self, what: Any, make: Any) -> str:
        """A fresh database copied from the template of ``what`` (made by ``make(dsn)`` the first
        time); its DSN. The copy the next test will want is made meanwhile on a thread (the server
        copies while this test runs), so a test mostly takes one made already."""
        key = (id(self.cluster), what)
        if key not in _TEMPLATES:
            name = f"template_{next(_NAMES)}"
            make(self.cluster.create_database(name))
            self.cluster.make_template(name)
            _TEMPLATES[key] = name
        spares = _SPARES.setdefault(key, [])
        dsn = spares.pop(0).result() if spares else _clone(self.cluster, _TEMPLATES[key])
        spares.append(_background().submit(_clone, self.cluster, _TEMPLATES[key]))
        self._databases.append(database_name(dsn))
        return dsn

    def drop_databases(self) -> None:
        """Drop the test's databases, on the thread (nothing waits for it but the session's end)."""
        for name in self._databases:
            _background().submit(self.cluster.drop_database, name)
        self._databases.clear()


_SPARES: dict[tuple[int, Any], list[Future[str]]] = {}  # (cluster, what) -> copies made ahead
_WORKER: list[ThreadPoolExecutor] = []


def _background() -> ThreadPoolExecutor:
    if not _WORKER:
        _WORKER.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-copies"))
    return _WORKER[0]


def _clone(cluster: Any, template: str) -> str:
    return cluster.create_database(f"copy_{next(_NAMES)}", template=template)


def settle() -> None:
    """Wait for the thread's copies and drops (before the cluster stops) and forget the spares."""
    if _WORKER:
        _WORKER.pop().shutdown(wait=True)
    _SPARES.clear()


class OtherClient:
    """A plain client of a workspace's database, as another tool or an attacker makes one: SQLite on
    the GeoPackage file, psycopg on a team database's URL (``ws.path``); statements take ``?``
    placeholders on both (store.sql_dialect's seam). ``with`` commits, as sqlite3's does."""

    def __init__(self, target: str | Path) -> None:
        if str(target).startswith("postgresql://"):
            import psycopg

            from humanops.store.postgis.app_tables import PostgresSql

            self._connection: Any = psycopg.connect(str(target))
            self._seam: Any = PostgresSql(self._connection)
        else:
            import sqlite3

            self._connection = self._seam = sqlite3.connect(target)

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self._seam.execute(sql, params)

    def __enter__(self) -> OtherClient:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None:
            self._connection.commit()
        else:
            self._connection.rollback()

    def close(self) -> None:
        self._connection.close()
