"""Import a layer file into a workspace: all or nothing, with a report feature by feature.

The file is read whole through its format's reader, its columns mapped onto the layer kind,
and every feature checked at once (fields with the vectorised ``validate_frame``, markings,
uuids, geometries). If any feature is rejected nothing is written (unless ``skip_rejected``),
and :class:`ImportRefused` carries the report; otherwise every layer is written through
``Workspace.add_frame`` inside one transaction, which a cancel rolls back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from humanops.catalog import Catalog, LayerKind
from humanops.errors import FormatError, UsageError
from humanops.feedback import Feedback
from humanops.formats.exporter import EXERCISE_COLUMN
from humanops.formats.field_mapping import MappingChoice, apply_choice, check_choice, missing_required_message
from humanops.formats.geometry_checks import check_geometries, explode
from humanops.formats.identity_columns import IDENTITY_COLUMNS, check_identity
from humanops.formats.import_report import FeatureProblem, ImportRefused, ImportReport, LayerImport
from humanops.formats.mapping import MARKING_FIELDS, FieldMapping, map_columns
from humanops.formats.marking_columns import check_markings, marking_groups
from humanops.formats.names import hxl_key, normalize_name
from humanops.formats.sources import SourceLayer
from humanops.model.numbers import format_number
from humanops.model.validation import validate_frame
from humanops.store.workspace import Workspace

IMPORT_FORMATS = {
    ".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage", ".zip": "Shapefile",
    ".shp": "Shapefile", ".kml": "KML", ".csv": "CSV", ".tsv": "CSV",
    ".cap": "CAP", ".xml": "CAP", ".atom": "CAP", ".rss": "CAP",  # CAP alerts and feeds (cap_import.py)
    ".cot": "CoT",  # Cursor-on-Target events (cot_in.py); also a CoT .xml and a TAK data package .zip
}
TAK_PACKAGE = "TAK data package"
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_PARTY = r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}"  # as humanops.model.marking accepts organisation ids
PREVIEW_ROWS = 10  # rows of the mapped file the import dialog shows before anything is written
_EXERCISE_HXL = hxl_key("#meta+exercise")
# "EXERCISE — NAME" (humanops.model.exercise.banner_text); an en dash or hyphen too, as a spreadsheet may retype it
_EXERCISE_MARK = r"^\s*EXERCISE\s+[—–-]\s+(\S.*?)\s*$"
_TYPE_IDS = {"Point": 0, "LineString": 1, "Polygon": 3, "MultiPoint": 4, "MultiLineString": 5,
             "MultiPolygon": 6}


def import_format(path: Path) -> str:
    if path.is_dir():
        return "CAP"  # a folder of CAP alerts
    fmt = IMPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(IMPORT_FORMATS))
        raise FormatError(f"cannot import {path.suffix or 'a file without extension'} files "
                          f"(known: {known})", file=str(path))
    if fmt == "CAP" and path.suffix.lower() == ".xml":
        from humanops.formats.cot_in import is_cot_file

        return "CoT" if is_cot_file(path) else fmt
    if fmt == "Shapefile" and path.suffix.lower() == ".zip":
        from humanops.formats.tak_package import is_data_package

        return TAK_PACKAGE if is_data_package(path) else fmt  # a zip with MANIFEST/manifest.xml
    return fmt


def parse_crs(text: str | None) -> CRS | None:
    if text is None:
        return None
    try:
        return CRS.from_user_input(text)
    except CRSError:
        raise UsageError(f"{text!r} is not a coordinate reference system (e.g. EPSG:32636)") from None


@dataclass
class _Prepared:
    kind: LayerKind
    report: LayerImport
    frame: gpd.GeoDataFrame | None = None  # what to write (kind fields, uuid, geometry)
    markings: pd.DataFrame | None = None
    values: pd.DataFrame | None = None  # the kind fields as validate_frame coerced them
    rejected: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    held: int = 0  # features we hold already at the same version: left as they are


def import_file(workspace: Workspace, path: str | Path, *, layer: str | None = None,
                dry_run: bool = False, skip_rejected: bool = False, source_crs: str | None = None,
                feedback: Feedback | None = None, mapping: MappingChoice | None = None) -> ImportReport:
    """Import ``path`` into ``workspace``; returns the report, or raises :class:`ImportRefused`
    (nothing written) when a feature is rejected and ``skip_rejected`` is not set, when a
    required field has no column, or when nothing is left to import. ``dry_run`` does all of
    that but never writes. ``source_crs`` gives the CRS of a file that lacks one (or
    overrides it). Progress and cancel through ``feedback`` (a cancel writes nothing)."""
    path = Path(path)
    file = str(path)
    feedback = feedback or Feedback()
    fmt = import_format(path)
    if fmt == "CAP":  # alerts update and end the zones earlier alerts made: their own flow
        from humanops.formats.cap_import import import_cap

        return import_cap(workspace, path, layer=layer, dry_run=dry_run, skip_rejected=skip_rejected,
                          feedback=feedback, mapping=mapping)
    if not path.is_file():
        raise FormatError("no such file", file=file)
    override = parse_crs(source_crs)
    if mapping is not None and layer is None:
        layer = mapping.layer  # a profile may name its kind; --layer wins
    if layer is not None:
        workspace.kind(layer)  # an unknown kind fails here, naming the known ones
        if mapping is not None:
            check_choice(workspace.kind(layer), mapping)  # bad fields and constants: before any reading
    feedback.progress(0.0, f"reading {path.name}")
    sources, skipped = _read(path, fmt, workspace.catalog, layer)
    if layer is None:  # our own multi-layer GeoJSON/CSV export: one source layer per kind again
        from humanops.formats.layered_export import split_by_layer_column

        sources = split_by_layer_column(sources, workspace.catalog)
    _refuse_other_exercise(workspace, file, fmt, sources, dry_run, skip_rejected)
    chosen, more_skipped = _choose_kinds(file, sources, workspace.catalog, layer)
    if not any(len(source) for source, _, _ in chosen):
        raise FormatError("the file has no features to import", file=file)
    more_skipped += [(source.name, "no features") for source, _, _ in chosen if not len(source)]
    chosen = [item for item in chosen if len(item[0])]
    report = ImportReport(file=file, format=fmt, dry_run=dry_run, skip_rejected=skip_rejected,
                          skipped_layers=skipped + more_skipped)
    feedback.progress(0.3, "checking features")
    prepared = []
    for i, (source, kind, kind_from) in enumerate(chosen):
        step = feedback.step(0.3 + 0.3 * i / len(chosen), 0.3 + 0.3 * (i + 1) / len(chosen))
        prepared.append(_prepare(workspace, file, source, kind, kind_from, override, skip_rejected, step,
                                 mapping))
    _refuse_if_needed(report, prepared, skip_rejected)
    if dry_run:
        report.status = "dry-run"
        feedback.progress(1.0, "dry run done")
        return report
    feedback.progress(0.6, "writing")
    with workspace.transaction():
        for i, item in enumerate(prepared):
            _write(workspace, item, feedback.step(0.6 + 0.4 * i / len(prepared),
                                                  0.6 + 0.4 * (i + 1) / len(prepared)))
        feedback.check()  # a cancel up to the commit still rolls everything back
    report.status = "imported"
    feedback.progress(1.0, "imported")
    return report


# --- exercise isolation --------------------------------------------------------------------

def exercise_marks(sources: list[SourceLayer]) -> dict[str, int]:
    """Exercise name -> how many features of ``sources`` say they come from it: the ``exercise``
    column (or the column tagged ``#meta+exercise``) an exercise's export writes on every feature,
    holding ``EXERCISE — NAME``. A column of that name holding anything else is the file's own data."""
    marks: dict[str, int] = {}
    for source in sources:
        columns = [c for c in source.columns if c.strip().lower() == EXERCISE_COLUMN
                   or hxl_key(source.hxl.get(c, "")) == _EXERCISE_HXL]
        for column in columns:
            text = source.frame[column].astype(object).where(source.frame[column].notna(), "").astype(str)
            names = text.str.extract(_EXERCISE_MARK, expand=False).dropna().str.strip()
            for name, count in names.value_counts().items():
                marks[str(name)] = marks.get(str(name), 0) + int(count)
    return marks


def exercise_file_refusal(ours: str | None, marks: dict[str, int]) -> str | None:
    """Why a file whose features carry the exercise ``marks`` may not enter a workspace of
    exercise ``ours`` (None: real), naming the exercise(s); None when it may. A file without the
    mark (a public dataset, a partner's spreadsheet, our own real export) enters either: only an
    exercise's export says where it came from, and only what says so can be told apart."""
    theirs = sorted(marks)
    if not theirs or theirs == [ours]:
        return None
    counted = ", ".join(f"{name!r} ({marks[name]:,} feature(s))" for name in theirs)
    if ours is None:
        return (f"holds features exported from the exercise {counted}, and this workspace holds real data: "
                "exercise data never enter a real workspace (import the file into the exercise's workspace)")
    others = ", ".join(f"{name!r} ({marks[name]:,} feature(s))" for name in theirs if name != ours)
    return (f"holds features exported from the exercise {others}, and this workspace is the exercise {ours!r}: "
            "two exercises never mix")


def _refuse_other_exercise(workspace: Workspace, file: str, fmt: str, sources: list[SourceLayer],
                           dry_run: bool, skip_rejected: bool) -> None:
    """The whole file is refused, whatever ``skip_rejected``: a file that mixes exercises (or an
    exercise and real data) is not one to take apart feature by feature."""
    from humanops.model.exercise import exercise_name

    why = exercise_file_refusal(exercise_name(workspace), exercise_marks(sources))
    if why is None:
        return
    report = ImportReport(file=file, format=fmt, dry_run=dry_run, skip_rejected=skip_rejected,
                          status="refused", reason=f"{why}; nothing was imported")
    raise ImportRefused(report.reason or why, report, field=EXERCISE_COLUMN)


# --- reading and choosing kinds ------------------------------------------------------------

def _read(path: Path, fmt: str, catalog: Catalog, layer: str | None
          ) -> tuple[list[SourceLayer], list[tuple[str, str]]]:
    if fmt == "GeoJSON":
        from humanops.formats._geojson import read_geojson

        return read_geojson(path), []
    if fmt == "GeoPackage":
        from humanops.formats._gpkg import read_gpkg
        from humanops.formats._ogr import list_layers

        names = {name for name, gtype in list_layers(path, "GeoPackage") if gtype is not None}
        if layer is not None:
            return read_gpkg(path, {layer} if layer in names else None, f"not the layer asked for ({layer})")
        return read_gpkg(path, set(catalog.names) & names or None)
    if fmt == "Shapefile":
        from humanops.formats._shapefile import read_shapefile

        return read_shapefile(path), []
    if fmt == "KML":
        from humanops.formats._kml import read_kml

        return read_kml(path), []
    if fmt in ("CoT", TAK_PACKAGE):
        from humanops.formats.cot_in import read_cot

        return read_cot(path, catalog, layer)
    from humanops.formats._csv import read_csv

    return read_csv(path), []


def _choose_kinds(file: str, sources: list[SourceLayer], catalog: Catalog, layer: str | None
                  ) -> tuple[list[tuple[SourceLayer, LayerKind, str]], list[tuple[str, str]]]:
    if not sources:
        raise FormatError("the file has no layer with geometry", file=file)
    if layer is not None:
        named = [s for s in sources if s.name == layer]
        if not named and len(sources) > 1:
            raise FormatError(f"the file has {len(sources)} layers ({', '.join(s.name for s in sources)}) "
                              f"and none is named {layer!r}: import one layer at a time from a file "
                              "holding only it", file=file)
        source = (named or sources)[0]
        skipped = [(s.name, f"only {source.name} was asked for (--layer {layer})") for s in sources
                   if s is not source]
        return [(source, catalog[layer], "given")], skipped
    exact = [s for s in sources if s.name in catalog]
    if exact:
        return ([(s, catalog[s.name], "layer name") for s in exact],
                [(s.name, "not named as a layer kind") for s in sources if s not in exact])
    if len(sources) == 1:
        kind, how = infer_kind(file, sources[0], catalog)
        return [(sources[0], kind, how)], []
    chosen, skipped = [], []
    for source in sources:
        try:
            kind, how = infer_kind(file, source, catalog)
        except FormatError as exc:
            skipped.append((source.name, exc.reason))
            continue
        chosen.append((source, kind, how))
    if not chosen:
        raise FormatError(f"none of the file's layers ({', '.join(s.name for s in sources)}) could be "
                          f"matched to a layer kind ({', '.join(catalog.names)})", file=file)
    return chosen, skipped


def infer_kind(file: str, source: SourceLayer, catalog: Catalog) -> tuple[LayerKind, str]:
    """The layer kind of a source layer: by its name (or the file's), else by the columns
    that match a kind's fields, among the kinds that can hold its geometry type."""
    geoms = np.asarray(source.frame.geometry.values, dtype=object)
    type_ids = shapely.get_type_id(geoms)
    type_ids = type_ids[type_ids >= 0]
    compatible = list(catalog)
    gtype = None
    if len(type_ids):
        dominant = int(np.bincount(type_ids).argmax())
        gtype = next((name for name, i in _TYPE_IDS.items() if i == dominant), None)
        compatible = [k for k in catalog if dominant in _accepted_ids(k)]
    names = {normalize_name(source.name), normalize_name(Path(file).stem)}
    by_name = [k for k in compatible if any(_names_kind(n, k) for n in names)]
    if len(by_name) == 1:
        return by_name[0], f"from the name {source.name!r}"
    candidates = by_name or compatible
    scores = {k.name: map_columns(k, source.columns, source.hxl).kind_matches for k in candidates}
    best = max(scores.values(), default=0)
    top = [k for k in candidates if scores[k.name] == best]
    if best > 0 and len(top) == 1:
        return top[0], f"from {best} matching column(s) and {gtype or 'its'} geometry"
    if len(candidates) == 1 and gtype is not None:  # no other kind could hold these features
        return candidates[0], f"the only layer kind for {gtype} geometry"
    hint = ", ".join(k.name for k in (top if best > 0 else candidates)) or "none"
    raise FormatError(f"cannot tell which layer kind this is (could be: {hint}): give it with --layer KIND",
                      file=file, layer=source.name)


def _accepted_ids(kind: LayerKind) -> set[int]:
    ids = {_TYPE_IDS[t] for t in kind.accepted_geometries}
    if kind.explode_multipart:
        ids |= {4, 5, 6}
    return ids


def _names_kind(name: str, kind: LayerKind) -> bool:
    stems = {kind.name, f"{kind.name}s", normalize_name(kind.title)}
    if kind.name.endswith("y"):
        stems.add(f"{kind.name[:-1]}ies")
    padded = f"_{name}_"
    return any(f"_{stem}_" in padded for stem in stems)


# --- checking ------------------------------------------------------------------------------

def _prepare(workspace: Workspace, file: str, source: SourceLayer, kind: LayerKind, kind_from: str,
             override: CRS | None, skip_rejected: bool, feedback: Feedback,
             choice: MappingChoice | None = None) -> _Prepared:
    n = len(source)
    mapping = map_columns(kind, source.columns, source.hxl)
    if choice is not None:
        mapping = apply_choice(kind, mapping, source.columns, choice, file=file, layer=source.name)
    report = LayerImport(source_layer=source.name, kind=kind.name, mapping=mapping, read=n,
                         kind_from=kind_from, notes=list(source.notes))
    prepared = _Prepared(kind=kind, report=report)
    declared = source.frame.crs
    if override is not None:
        crs = override
        if declared is not None and not declared.equals(override):
            report.notes.append(f"the file says {declared.to_string()}; --crs {override.to_string()} used instead")
    elif declared is None:
        raise FormatError("the coordinate reference system is not given (a Shapefile without .prj?): "
                          "give it with --crs EPSG:…", file=file, layer=source.name)
    else:
        crs = CRS.from_user_input(declared)
    report.source_crs = crs.to_string()
    report.preview = mapping.apply(source.frame.head(PREVIEW_ROWS))  # shown even when refused below
    if mapping.missing_required:  # refused before any row is checked
        report.refusal = missing_required_message(kind, mapping, source.frame, source.columns, source.hxl)
        return prepared
    geoms = np.asarray(source.frame.geometry.values, dtype=object)
    positions = np.arange(n)
    if kind.explode_multipart:
        geoms, positions = explode(geoms)
        if len(positions) != n:
            report.notes.append(f"multi-part features split into one feature a part ({n} read, "
                                f"{len(positions)} parts)")
    attributes = mapping.apply(source.frame)
    if len(positions) != n:
        attributes = attributes.iloc[positions].reset_index(drop=True)
        if "uuid" in attributes.columns:  # a uuid names one feature: only the first part keeps it
            attributes.loc[pd.Series(positions).duplicated().to_numpy(), "uuid"] = None
    feedback.progress(0.1, "checking geometries")
    outcome = check_geometries(kind, geoms, crs)
    swapped = _swapped_at_the_data(workspace, outcome.geometries)
    if swapped:
        report.refusal = swapped
        return prepared
    feedback.progress(0.5, "checking fields")
    values, field_problems = validate_frame(kind, attributes)
    default = workspace.default_marking(kind.name)
    markings, marking_problems = check_markings(attributes, default)
    uuid_problems = _check_uuids(workspace, kind.name, attributes)
    uuid_problems += _check_originators(attributes)
    usable = _usable_uuids(attributes)
    identity, identity_problems, held = check_identity(workspace, kind.name, attributes, usable)
    uuid_problems += identity_problems

    m = len(positions)
    problems: list[tuple[int, str, str, str]] = []  # (position, field, reason, action)
    read_failed = np.zeros(m, dtype=bool)
    owner_positions = pd.Series(np.arange(m)).groupby(positions).agg(list) if m != n else None
    for problem in source.problems:
        targets = owner_positions[problem.position] if owner_positions is not None else [problem.position]
        for i in targets:
            problems.append((i, problem.field, problem.reason, "rejected"))
            read_failed[i] = True
    for i, reason in outcome.rejected.items():
        if not (read_failed[i] and reason == "has no geometry"):
            problems.append((i, "geometry", reason, "rejected"))
    problems += [(int(p.row), p.field, p.reason, "rejected") for p in field_problems]
    problems += [(i, name, reason, "rejected") for i, name, reason in marking_problems]
    problems += [(i, name, reason, "rejected") for i, name, reason in uuid_problems]
    rejected = np.zeros(m, dtype=bool)
    for i, *_ in problems:
        rejected[i] = True
    problems += [(i, "geometry", note, "repaired") for i, note in outcome.repaired.items()
                 if not rejected[i]]
    problems.sort(key=lambda p: (p[0], p[3] != "rejected", p[1]))
    report.problems = [_feature_problem(source, mapping, attributes, positions, *p) for p in problems]
    report.rejected = int(rejected.sum())
    report.repaired = sum(1 for i in outcome.repaired if not rejected[i])
    report.accepted = m - report.rejected
    held &= ~rejected
    prepared.held = int(held.sum())
    if prepared.held:
        report.notes.append(f"{prepared.held} feature(s) already in the workspace at the same version: "
                            "left as they are")
    report.imported = report.accepted - prepared.held if (skip_rejected or not report.rejected) else 0
    prepared.rejected = rejected

    keep = ~rejected & ~held
    fields = [f for f in kind.field_names if f in attributes.columns]
    frame = gpd.GeoDataFrame(attributes.loc[keep, fields].reset_index(drop=True),
                             geometry=gpd.GeoSeries(outcome.geometries[keep], crs=4326), crs=4326)
    for name in ("uuid", "originator"):
        if name in attributes.columns:
            given = attributes.loc[keep, name].astype(object)
            frame[name] = given.where(given.notna(), None).to_numpy()
    for name in IDENTITY_COLUMNS:  # kept with the row's uuid: a round trip keeps its identity
        if name in identity.columns:
            frame[name] = identity.loc[keep, name].to_numpy()
    prepared.frame = frame
    prepared.markings = markings.loc[keep].reset_index(drop=True)
    prepared.values = values.loc[keep].reset_index(drop=True)
    return prepared


def _swapped_at_the_data(workspace: Workspace, geometries: np.ndarray) -> str | None:
    """A refusal when every feature lies far from the workspace's data and, with longitude and
    latitude swapped, within it: each is a valid place on its own, so only the data can tell."""
    from humanops.model.places import SWAPPED, all_look_swapped, union_extent

    alive = np.asarray([g is not None for g in geometries], dtype=bool)
    if not alive.any():
        return None
    extent = union_extent([workspace.extent(name) for name in workspace.layers()])
    b = shapely.bounds(geometries[alive])
    if not all_look_swapped((b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2, extent):
        return None
    assert extent is not None
    box = ", ".join(format_number(round(v, 4)) for v in extent)
    return (f"{SWAPPED}: all {int(alive.sum()):,} features lie far from the workspace's data "
            f"(lon/lat {box}) and, with longitude and latitude swapped, within it: check which column "
            "is which (--map) or the file's axis order")


def _stripped(attributes: pd.DataFrame, name: str) -> pd.Series:
    """The column as stripped text, '' where empty; empty cells become None in ``attributes``."""
    column = attributes[name].astype(object)
    text = column.where(column.notna(), "").astype(str).str.strip()
    attributes[name] = text.where(text != "", None).astype(object)
    return text


def _check_uuids(workspace: Workspace, layer: str, attributes: pd.DataFrame) -> list[tuple[int, str, str]]:
    if "uuid" not in attributes.columns:
        return []
    text = _stripped(attributes, "uuid")
    present = text != ""
    problems: list[tuple[int, str, str]] = []
    well_formed = text.str.fullmatch(_UUID)
    for i in np.flatnonzero(present & ~well_formed):
        problems.append((int(i), "uuid", f"{text.iat[i][:40]!r} is not a UUID"))
    usable = present & well_formed
    for i in np.flatnonzero(usable & text.duplicated(keep=False)):
        problems.append((int(i), "uuid", f"uuid {text.iat[i]} appears more than once in the file"))
    return problems  # uuids the workspace holds: identity_columns.check_identity


def _usable_uuids(attributes: pd.DataFrame) -> pd.Series:
    """Per row, its well-formed uuid or ''."""
    if "uuid" not in attributes.columns:
        return pd.Series([""] * len(attributes), index=attributes.index, dtype=object)
    text = attributes["uuid"].astype(object).where(attributes["uuid"].notna(), "").astype(str)
    return text.where(text.str.fullmatch(_UUID), "")


def _check_originators(attributes: pd.DataFrame) -> list[tuple[int, str, str]]:
    if "originator" not in attributes.columns:
        return []
    text = _stripped(attributes, "originator")
    bad = (text != "") & ~text.str.fullmatch(_PARTY)
    return [(int(i), "originator", f"{text.iat[i][:40]!r} is not an organisation id")
            for i in np.flatnonzero(bad)]


def _feature_problem(source: SourceLayer, mapping: FieldMapping, attributes: pd.DataFrame,
                     positions: np.ndarray, i: int, field_name: str, reason: str,
                     action: str) -> FeatureProblem:
    feature_id = None
    for key in ("uuid", "name"):
        if key in attributes.columns:
            value = attributes[key].iat[i]
            if isinstance(value, str) and value.strip():
                feature_id = value.strip()[:60]
                break
    return FeatureProblem(row_word=source.row_word, row=int(source.rows[positions[i]]), field=field_name,
                          reason=reason, action=action, feature_id=feature_id,
                          column=mapping.by_field.get(field_name))


def _refuse_if_needed(report: ImportReport, prepared: list[_Prepared], skip_rejected: bool) -> None:
    report.layers = [p.report for p in prepared]
    for item in prepared:
        if item.report.refusal:
            report.status, report.reason = "refused", f"layer {item.kind.name}: {item.report.refusal}"
            raise ImportRefused(item.report.refusal, report, layer=item.kind.name)
    rejected = [p for p in prepared if p.report.rejected]
    if rejected and not skip_rejected:
        first = rejected[0].report
        problem = next(p for p in first.problems if p.action == "rejected")
        total = report.rejected
        report.status = "refused"
        report.reason = (f"{total} feature(s) rejected (first: {first.kind}, {problem}); fix them, or "
                         "import the others with --skip-rejected")
        feature: str | int = problem.row if problem.row_word == "feature" else problem.label
        raise ImportRefused(f"{problem.reason} ({total} feature(s) rejected in all; nothing was imported)",
                            report, layer=first.kind, feature=feature, field=problem.field)
    if report.imported == 0 and not any(p.held for p in prepared):  # all held already: nothing to do, not refused
        report.status, report.reason = "refused", "no feature is left to import"
        raise ImportRefused("no feature is left to import", report)


# --- writing -------------------------------------------------------------------------------

def _write(workspace: Workspace, item: _Prepared, feedback: Feedback) -> None:
    assert item.frame is not None and item.markings is not None
    frame, markings = item.frame, item.markings
    if not len(frame):
        return
    groups = marking_groups(markings)
    if groups is None:  # many distinct markings: the store takes them row by row
        for name in MARKING_FIELDS:
            frame[name] = markings[name].to_numpy()
        feedback.check()
        workspace.add_frame(item.kind.name, frame, prevalidated=item.values)
        return
    for done, (marking, positions) in enumerate(groups):
        feedback.progress(done / len(groups), f"writing {item.kind.name}")
        part, values = (frame, item.values) if len(groups) == 1 else (frame.iloc[positions],
                                                                     item.values.iloc[positions])
        workspace.add_frame(item.kind.name, part, marking=marking, prevalidated=values)
