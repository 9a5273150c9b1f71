"""``humanops validate`` on a team database: the checks of :mod:`humanops.store.checks` that mean
something in PostgreSQL/PostGIS, with the GeoPackage-file checks replaced by their database
equivalents.

- every feature against its kind (fields, geometry validity, markings): the very same checks the
  GeoPackage's validate runs (``checks._check_features``), on rows read as the app reads them;
- identity, versions, history and change log consistent with one another (a row written by a
  tool with the triggers off, or a history row newer than the feature);
- the engine's own tables, functions and metadata present; per layer table the triggers that
  version and log other tools' edits present and enabled, the uuid constraint, a GiST index on
  the geometry, the geometry column's SRID (4326) and type, and the columns' types.

Changes nothing: one read-only pass. Problems name the layer, feature (uuid, or ``fid N`` for a
row without one) and field, as :class:`~humanops.store.checks.ValidationReport` holds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from humanops.feedback import Feedback
from humanops.store import schema as gpkg_schema
from humanops.store.checks import CHECK_CHUNK, ValidationReport, _check_features, _FeatureProblems
from humanops.store.layer_frames import typed_frame
from humanops.store.postgis import schema
from humanops.store.postgis.schema import q

if TYPE_CHECKING:
    from humanops.catalog import LayerKind
    from humanops.store.postgis.workspace import PostgisWorkspace

# format_type() names of the column types schema.PG_TYPES creates
_TYPE_NAMES = {"text": "text", "bigint": "bigint", "double precision": "double precision", "boolean": "boolean",
               "date": "date", "timestamptz": "timestamp with time zone"}
_META_KEYS = ("workspace_id", "schema_version", "triggers_version", "backend")
_FUNCTIONS = ("humanops_time_text", "humanops_writer", "humanops_notify", "humanops_serialise_writes",
              "humanops_refuse_truncate")
_UUID_PATTERN = "^" + "-".join(f"[0-9a-fA-F]{{{n}}}" for n in (8, 4, 4, 4, 12)) + "$"


def validate_database(workspace: PostgisWorkspace, feedback: Feedback | None = None) -> ValidationReport:
    """The whole database workspace (see the module docstring)."""
    feedback = feedback or Feedback()
    report = ValidationReport()
    _check_engine_tables(workspace, report)
    layers = workspace.layers()
    for i, layer in enumerate(layers):
        step = feedback.step(i / max(1, len(layers)), (i + 1) / max(1, len(layers)))
        step.progress(0.0, f"checking {layer}")
        kind = workspace.kind(layer)
        _check_table(workspace, kind, report)
        _check_identity(workspace, kind, report)
        _check_features_of(workspace, kind, report, step)
        _check_history(workspace, kind, report)
    feedback.progress(1.0, "done")
    return report


def _names(workspace: PostgisWorkspace, sql: str, params: tuple[Any, ...] = ()) -> set[str]:
    return {r[0] for r in workspace.connection.execute(sql, params)}  # type: ignore[arg-type]


def _check_engine_tables(workspace: PostgisWorkspace, report: ValidationReport) -> None:
    """humanops_meta, _history, _changes, the history view, the shared functions, the metadata."""
    relations = _names(workspace, "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
                                  "AND relkind IN ('r', 'v', 'p')")
    for table in (*schema.APP_TABLE_NAMES, schema.HISTORY_ROWS):
        if table not in relations:
            report.add(f"the engine's table {table} is missing")
    functions = _names(workspace, "SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace")
    for function in _FUNCTIONS:
        if function not in functions:
            report.add(f"the engine's function {function}() is missing")
    if "humanops_meta" not in relations:
        return
    meta = dict(workspace.connection.execute("SELECT key, value FROM humanops_meta").fetchall())
    for key in _META_KEYS:
        if not meta.get(key):
            report.add(f"the workspace metadata has no {key}", field_name=key)
    if meta.get("backend") and meta["backend"] != schema.BACKEND:
        report.add(f"the workspace metadata says backend {meta['backend']!r}, not {schema.BACKEND!r}",
                   field_name="backend")
    if meta.get("triggers_version") and meta["triggers_version"] != schema.TRIGGERS_VERSION:
        report.add(f"the layer triggers are version {meta['triggers_version']}, this HumanOps installs "
                   f"{schema.TRIGGERS_VERSION} (opening the workspace with the app or any command reinstalls them)",
                   field_name="triggers_version")


def _check_table(workspace: PostgisWorkspace, kind: LayerKind, report: ValidationReport) -> None:
    """Triggers present and enabled, the uuid constraint, the GiST index, SRID and geometry type,
    column types: what keeps other tools' edits versioned and the map's bbox queries indexed."""
    db, layer, table = workspace.connection, kind.name, q(kind.name)
    prefix = f"humanops_{layer}"
    triggers = dict(db.execute("SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = to_regclass(%s) "
                               "AND NOT tgisinternal", (table,)).fetchall())
    for suffix in ("serialise", "before_row", "after_insert", "after_update", "after_delete", "no_truncate"):
        name = f"{prefix}_{suffix}"
        if name not in triggers:
            report.add(f"trigger {name} is missing: edits made outside HumanOps (QGIS, SQL) are not versioned "
                       "and logged", layer=layer)
        elif triggers[name] == "D":
            report.add(f"trigger {name} is disabled: edits made outside HumanOps (QGIS, SQL) are not versioned "
                       f"and logged (ALTER TABLE {table} ENABLE TRIGGER {name})", layer=layer)
    constraints = _names(workspace, "SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(%s)", (table,))
    if f"{layer}_uuid_unique" not in constraints:
        report.add(f"the unique constraint {layer}_uuid_unique is missing: two features may share a uuid",
                   layer=layer, field_name="uuid")
    gist = db.execute(
        "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        "WHERE i.indrelid = to_regclass(%s) AND am.amname = 'gist' AND a.attname = 'geom' AND i.indisvalid",
        (table,)).fetchone()
    if gist is None:
        report.add(f"no valid GiST index on the geometry: map and bbox queries scan the whole table "
                   f"(CREATE INDEX ON {table} USING gist (geom))", layer=layer, field_name="geometry")
    declared = db.execute("SELECT srid, type FROM geometry_columns WHERE f_table_schema = current_schema() "
                          "AND f_table_name = %s AND f_geometry_column = 'geom'", (layer,)).fetchone()
    wanted_type = schema.GEOMETRY_TYPES[kind.geometry].upper()
    if declared is None:
        report.add("the table has no geometry column geom", layer=layer, field_name="geometry")
        return
    srid, geometry_type = declared
    if srid != 4326 or str(geometry_type).upper() != wanted_type:
        report.add(f"the geometry column is declared {geometry_type}, SRID {srid}; the kind stores "
                   f"{wanted_type}, SRID 4326", layer=layer, field_name="geometry")
    for uuid, fid, row_srid in db.execute(f"SELECT uuid, fid, ST_SRID(geom) FROM {table} "
                                          "WHERE geom IS NOT NULL AND ST_SRID(geom) <> 4326 ORDER BY fid"):
        report.add(f"geometry has SRID {row_srid}, not 4326", layer=layer, feature=uuid or f"fid {fid}",
                   field_name="geometry")
    types = dict(db.execute("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                            "WHERE attrelid = to_regclass(%s) AND attnum > 0 AND NOT attisdropped",
                            (table,)).fetchall())
    for column, pg_type in schema.layer_column_types(kind):
        if column not in types:
            report.add("the column is missing", layer=layer, field_name=column)
        elif types[column] != _TYPE_NAMES[pg_type]:
            report.add(f"the column is {types[column]}, the kind stores {_TYPE_NAMES[pg_type]}",
                       layer=layer, field_name=column)


def _check_identity(workspace: PostgisWorkspace, kind: LayerKind, report: ValidationReport) -> None:
    """Every row has a uuid, a version from 1 and its times: what the triggers give any insert,
    so a row without is one written with the triggers off."""
    table = q(kind.name)
    rows = workspace.connection.execute(
        f"SELECT fid, uuid, version, created IS NULL, modified IS NULL FROM {table} "
        "WHERE uuid IS NULL OR uuid !~ %s OR version IS NULL OR version < 1 OR created IS NULL OR modified IS NULL "
        "ORDER BY fid", (_UUID_PATTERN,))
    for fid, uuid, version, no_created, no_modified in rows:
        feature = uuid or f"fid {fid}"
        if uuid is None:
            report.add("has no uuid", layer=kind.name, feature=feature, field_name="uuid")
        elif not _looks_like_uuid(uuid):
            report.add(f"{uuid!r} is not a uuid", layer=kind.name, feature=feature, field_name="uuid")
        if version is None or version < 1:
            report.add(f"version {version} (versions start at 1)", layer=kind.name, feature=feature,
                       field_name="version")
        if no_created:
            report.add("has no creation time", layer=kind.name, feature=feature, field_name="created")
        if no_modified:
            report.add("has no modification time", layer=kind.name, feature=feature, field_name="modified")


def _looks_like_uuid(text: str) -> bool:
    import re

    return re.match(_UUID_PATTERN, text) is not None


def _check_features_of(workspace: PostgisWorkspace, kind: LayerKind, report: ValidationReport,
                       feedback: Feedback) -> None:
    """Fields, geometry and marking of every row, as the GeoPackage's validate checks them."""
    found = _FeatureProblems()
    report.checked.setdefault(kind.name, 0)
    columns = [c for c, _ in gpkg_schema.layer_columns(kind)]
    rows = workspace.reader.rows(kind, columns, ordered=True)
    frame = typed_frame(kind, rows)
    for start in range(0, len(frame), CHECK_CHUNK):
        feedback.check()
        feedback.progress(start / max(1, len(frame)), f"checking {kind.name}")
        _check_features(workspace, kind.name, frame.iloc[start:start + CHECK_CHUNK], report, found)  # type: ignore[arg-type]
    found.report_to(report, kind.name)


def _check_history(workspace: PostgisWorkspace, kind: LayerKind, report: ValidationReport) -> None:
    """The history holds only versions older than the feature's, each once; the change log never
    records a version of a live feature newer than the one stored. Reported without a field: one
    feature may have a bad ``version`` and a history out of step, both worth saying."""
    db, layer, table = workspace.connection, kind.name, q(kind.name)
    for uuid, newest, version in db.execute(
            f"SELECT t.uuid, max(h.version), t.version FROM humanops_history h JOIN {table} t ON t.uuid = h.uuid "
            "WHERE h.layer = %s AND NOT h.deleted GROUP BY t.uuid, t.version, t.fid "
            "HAVING max(h.version) >= t.version ORDER BY t.fid", (layer,)):
        report.add(f"the history holds version {newest}, and the feature is at version {version} (the history "
                   "must hold only older versions)", layer=layer, feature=uuid)
    for uuid, version, copies in db.execute(
            "SELECT uuid, version, count(*) FROM humanops_history WHERE layer = %s AND NOT deleted "
            "GROUP BY uuid, version HAVING count(*) > 1 ORDER BY uuid, version", (layer,)):
        report.add(f"the history holds version {version} {copies} times", layer=layer, feature=uuid)
    for uuid, logged, version in db.execute(
            f"SELECT t.uuid, max(c.version), t.version FROM humanops_changes c JOIN {table} t ON t.uuid = c.uuid "
            "WHERE c.layer = %s AND c.op <> 'delete' GROUP BY t.uuid, t.version, t.fid "
            "HAVING max(c.version) > t.version ORDER BY t.fid", (layer,)):
        report.add(f"the change log records version {logged}, and the feature is at version {version}",
                   layer=layer, feature=uuid)
