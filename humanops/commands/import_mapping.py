"""The field-mapping flags of ``humanops import``: ``--map``, ``--set``, ``--profile``,
``--save-profile``, ``--list-profiles``; kept apart from transfer.py so the import command
there only wires them in."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from humanops.commands.common import emit

if TYPE_CHECKING:
    from humanops.formats.field_mapping import MappingChoice
    from humanops.store.workspace import Workspace


def add_mapping_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "field mapping", "say which column fills a field, or give one value for every feature; "
        "a saved profile applies first and these flags win over it")
    group.add_argument("--map", metavar="FIELD=COLUMN", action="append", dest="map_items",
                       help="fill FIELD from the file's COLUMN (repeatable), e.g. --map name=site_name")
    group.add_argument("--set", metavar="FIELD=VALUE", action="append", dest="set_items",
                       help="give FIELD the value VALUE for every feature (repeatable), checked against "
                       "the field's type and values, e.g. --set hazard=flood")
    group.add_argument("--profile", metavar="NAME", help="use the mapping saved in the workspace as NAME")
    group.add_argument("--save-profile", metavar="NAME", help="save the mapping used (profile, --layer, "
                       "--map, --set) in the workspace as NAME, once the file passed the check")
    group.add_argument("--list-profiles", action="store_true",
                       help="list the saved mappings and exit (no FILE needed)")


def mapping_from_args(args: argparse.Namespace, workspace: Workspace) -> MappingChoice | None:
    """The profile (if any) with --layer, --map and --set laid over it; None if none was given."""
    from humanops.formats.field_mapping import MappingChoice, parse_assignments
    from humanops.formats.import_profiles import load_profile

    flags = MappingChoice(layer=args.layer, columns=parse_assignments(args.map_items, "--map"),
                          constants=parse_assignments(args.set_items, "--set"))
    base = load_profile(workspace, args.profile) if args.profile else None
    choice = flags.over(base)
    return None if choice.empty and not args.save_profile else choice


def list_profiles_command(args: argparse.Namespace, workspace: Workspace) -> int:
    from humanops.formats.import_profiles import list_profiles

    profiles = list_profiles(workspace)
    document: dict[str, Any] = {"profiles": {name: c.to_dict() for name, c in profiles.items()}}
    lines = [f"{name}: layer {c.layer or '(from the file)'}"
             + "".join(f" --map {k}={v}" for k, v in c.columns.items())
             + "".join(f" --set {k}={v}" for k, v in c.constants.items()) for name, c in profiles.items()]
    emit(args, document, "\n".join(lines) or "no import profiles saved (import … --save-profile NAME)")
    return 0
