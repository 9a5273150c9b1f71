"""``humanops`` command line: the same operations as the app, without a screen.

Conventions (DESIGN.md): ``-w/--workspace`` (default ``$HUMANOPS_WORKSPACE``), ``--json`` on
reporting commands, exit 0 done, 1 refused input (one readable line on stderr), 2 wrong usage,
no traceback unless ``--debug``. Command modules import their heavy dependencies inside their
handlers, so ``humanops --help`` is quick and loading the CLI never loads Qt.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from humanops.errors import HumanOpsError, UsageError

# Each module under humanops/commands registers its subcommands with ``register(subparsers)``.
COMMAND_MODULES = ("workspace", "transfer", "demo", "app", "sharing", "authority", "marking", "analysis", "planning")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="humanops",
        description="HumanOps: offline common operational picture and marked exchange for "
        "humanitarian partners.",
    )
    parser.add_argument(
        "-w", "--workspace", default=os.environ.get("HUMANOPS_WORKSPACE"),
        help="workspace GeoPackage (default: $HUMANOPS_WORKSPACE)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"humanops.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"humanops.commands.{name}":
                continue  # an area not built yet
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except HumanOpsError as exc:
        if args.debug:
            raise
        print(f"humanops: {' '.join(exc.message.split())}", file=sys.stderr)  # one line, whatever a library said
        return 2 if isinstance(exc, UsageError) else 1
    except KeyboardInterrupt:
        print("humanops: interrupted", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, not the user's fault: still one line unless --debug
        if args.debug:
            raise
        print(f"humanops: internal error: {type(exc).__name__}: {exc} (run with --debug for "
              "the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
