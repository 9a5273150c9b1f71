"""Helpers shared by the CLI's command modules: workspace, JSON output, passphrases."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from humanops.errors import HumanOpsError, UsageError

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace


def workspace_path(args: argparse.Namespace) -> Path:
    if not args.workspace:
        raise UsageError("no workspace: give -w PATH or set $HUMANOPS_WORKSPACE")
    return Path(args.workspace)


def open_workspace(args: argparse.Namespace, *, team_database: bool = False) -> Workspace:
    """The workspace of ``-w``: a GeoPackage file, or with ``team_database`` also a
    ``postgresql://`` database (open_target). The engine runs on either through the SQL seam
    (store.sql_dialect); a command whose engine would still speak SQLite only leaves
    ``team_database`` False and refuses a database with a clear message instead of failing
    half-way through (every command takes one now: ``validate`` and ``exercise run`` were the last)."""
    from humanops.store.open_target import is_postgres_url, open_any

    if not args.workspace:
        workspace_path(args)  # the usage error
    if is_postgres_url(args.workspace) and not team_database:
        command = getattr(args, "command_path", None) or getattr(args, "command", "this command")
        raise UsageError(f"'{command}' does not run on a team database yet: copy the workspace to a GeoPackage "
                         "with 'humanops copy URL FILE.gpkg' and work on that")
    return open_any(args.workspace)  # type: ignore[return-value]  # the PostGIS one has the same API


def action_group(sub: argparse._SubParsersAction, name: str, help_text: str, *, metavar: str = "ACTION",
                 dest: str | None = None, aliases: tuple[str, ...] = ()) -> argparse._SubParsersAction:
    """A command whose own subcommands are required (``humanops keys init``, ``plan aid``...)."""
    parser = sub.add_parser(name, help=help_text, aliases=list(aliases))
    actions = parser.add_subparsers(dest=dest or f"{name}_command", metavar=metavar)
    actions.required = True
    return actions


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, set | tuple):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def emit(args: argparse.Namespace, document: Any, text: Callable[[Any], str] | str) -> None:
    """Print ``document`` as JSON with ``--json``, otherwise the human-readable text."""
    if getattr(args, "json", False):
        json.dump(document, sys.stdout, default=_default, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        out = text(document) if callable(text) else text
        if out:
            print(out)


def num(value: float, decimals: int | None = 0) -> str:
    """A number in a human-readable line, as the reader's locale writes it (Babel: fr "12 345",
    es "12.345"; humanops.locale_format). ``--json`` output never goes through here."""
    from humanops.locale_format import format_number

    return format_number(value, decimals=decimals)


def passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """``--passphrase-file``, then ``$HUMANOPS_PASSPHRASE``; only a terminal is prompted."""
    file = getattr(args, "passphrase_file", None)
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise HumanOpsError(f"cannot read passphrase file: {exc.strerror}", file=file) from None
    env = os.environ.get("HUMANOPS_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise HumanOpsError(
            "a passphrase is needed: set $HUMANOPS_PASSPHRASE or give --passphrase-file"
        )
    first = getpass.getpass("Passphrase: ")
    if confirm and getpass.getpass("Repeat passphrase: ") != first:
        raise HumanOpsError("the passphrases do not match")
    return first


def add_passphrase_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read the key passphrase from FILE (else $HUMANOPS_PASSPHRASE)")


def finish_command(parser: argparse.ArgumentParser, handler: Callable[[argparse.Namespace], int], *,
                   passphrase: bool = False, **defaults: Any) -> None:
    """End a reporting command's parser the way every one ends: ``--passphrase-file`` when it
    unlocks our keys, ``--json`` (added last so that ``--help`` lists them after its own options),
    and the handler with any other defaults."""
    if passphrase:
        add_passphrase_flag(parser)
    add_json_flag(parser)
    parser.set_defaults(handler=handler, **defaults)


def emit_rows(args: argparse.Namespace, name: str, rows: list[Any], line: Callable[[Any], str], empty: str) -> None:
    """A list command's output: ``{name: rows}`` with ``--json``, else one line per row, or ``empty``."""
    emit(args, {name: rows}, lambda doc: "\n".join(line(row) for row in doc[name]) or empty)
