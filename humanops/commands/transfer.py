"""``humanops import`` and ``humanops export``: layer files in and out of the workspace."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from humanops.commands.common import emit, finish_command, open_workspace
from humanops.commands.import_mapping import add_mapping_flags, list_profiles_command, mapping_from_args
from humanops.errors import UsageError


def register(subparsers: Any) -> None:
    imp = subparsers.add_parser(
        "import", help="import a layer file (GeoJSON, GeoPackage, zipped Shapefile, KML, CSV/HXL, CAP alerts)",
        description="Import a layer file into the workspace, all or nothing: if any feature is "
        "rejected nothing is written (unless --skip-rejected). The report lists the field "
        "mapping and every feature's problems.")
    imp.add_argument("file", metavar="FILE", nargs="?", help=".geojson .json .gpkg .zip (Shapefile) .shp .kml .csv; "
                     "CAP: .cap .xml, an .atom/.rss feed or a folder of alerts (docs/cap-in.md)")
    imp.add_argument("--layer", metavar="KIND", help="the layer kind to import into (default: from the "
                     "file's layer names, else its columns and geometry)")
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imp.add_argument("--skip-rejected", action="store_true",
                     help="import the features that pass, leave out the rejected ones")
    imp.add_argument("--crs", metavar="EPSG:XXXX", help="coordinate reference system of the file "
                     "(for a Shapefile without .prj, or CSV x/y in a projected CRS)")
    add_mapping_flags(imp)
    finish_command(imp, run_import)

    exp = subparsers.add_parser(
        "export", help="export layers to .gpkg (styled), .geojson, .csv (HXL) or .kml",
        description="Export layers to a plain file for your own tools. A plain file enforces no "
        "marking: share with partners through 'humanops package'.")
    exp.add_argument("file", metavar="FILE", help=".gpkg .geojson .json .csv .kml")
    exp.add_argument("--layer", metavar="KIND", action="append", dest="layers",
                     help="a layer to export (repeat for several; default: every layer with features)")
    exp.add_argument("--layers-as", choices=("files", "column"), default="files",
                     help="several layers to .geojson/.csv: one file per layer named FILE_<layer> "
                     "(default), or one file with a 'layer' column that import splits again")
    finish_command(exp, run_export)


def run_import(args: argparse.Namespace) -> int:
    from humanops.formats.import_report import ImportRefused
    from humanops.formats.importer import import_file

    if not args.file and not args.list_profiles:
        raise UsageError("import needs a FILE (or --list-profiles)")
    workspace = open_workspace(args, team_database=True)
    try:
        if args.list_profiles:
            return list_profiles_command(args, workspace)
        mapping = mapping_from_args(args, workspace)
        report = import_file(workspace, args.file, layer=args.layer, dry_run=args.dry_run,
                             skip_rejected=args.skip_rejected, source_crs=args.crs, mapping=mapping)
        if args.save_profile and mapping is not None:  # only a mapping that passed the check is saved
            from humanops.formats.import_profiles import save_profile

            if mapping.layer is None and len(report.layers) == 1:
                mapping.layer = report.layers[0].kind  # the kind found, so next week's file needs no guess
            save_profile(workspace, args.save_profile, mapping)
    except ImportRefused as exc:
        # The report is the useful part of a refusal: print it, then the one-line error.
        emit(args, exc.report.to_dict(), exc.report.summary())
        raise
    finally:
        workspace.close()
    emit(args, report.to_dict(), report.summary())
    return 0


def run_export(args: argparse.Namespace) -> int:
    from humanops.formats.exporter import export_file

    layers = [name.strip() for value in (args.layers or []) for name in value.split(",") if name.strip()]
    workspace = open_workspace(args, team_database=True)
    try:
        report = export_file(workspace, args.file, layers=layers or None, layers_as=args.layers_as)
    finally:
        workspace.close()
    emit(args, report.to_dict(), report.summary())
    if report.warning:
        print(f"humanops: warning: {report.warning}", file=sys.stderr)
    return 0
