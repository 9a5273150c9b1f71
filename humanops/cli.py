"""``humanops`` command line: the same operations as the app, without a screen.

Conventions (DESIGN.md): ``-w/--workspace`` (default ``$HUMANOPS_WORKSPACE``), ``--json`` on
reporting commands, exit 0 done, 1 refused input (one readable line on stderr), 2 wrong usage,
no traceback unless ``--debug``; an internal error's traceback goes to the log file
(:mod:`humanops.logs`), whose path the one line names.

Scripts call the CLI in loops, so starting it is kept cheap: command modules import their heavy
dependencies (numpy, pandas, geopandas, shapely, pyproj, scipy, cryptography) inside their
handlers, and the operations they build arguments from are declarations in light modules, so
building the whole parser loads none of them (``tests/test_cli_speed_imports.py``,
``benchmarks/bench_cli.py``). Loading the CLI never loads Qt.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from humanops.errors import HumanOpsError, UsageError

log = logging.getLogger(__name__)

# Each module under humanops/commands registers its subcommands with ``register(subparsers)``.
COMMAND_MODULES = ("workspace", "transfer", "demo", "app", "sharing", "authority", "marking", "analysis", "planning",
                   "brief", "exercise", "team", "replay")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="humanops",
        description="HumanOps: offline common operational picture and marked exchange for "
        "humanitarian partners.",
    )
    parser.add_argument(
        "-w", "--workspace", default=os.environ.get("HUMANOPS_WORKSPACE"),
        help="workspace GeoPackage or postgresql://user@host/db (default: $HUMANOPS_WORKSPACE)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:  # every one is part of the install: a missing one fails here, loudly
        importlib.import_module(f"humanops.commands.{name}").register(sub)
    _name_commands(parser, "")
    return parser


def _name_commands(parser: argparse.ArgumentParser, path: str) -> None:
    """Give every (sub)command's parser its full name as the default ``command_path`` ("plan aid"),
    for the log: the deepest parser's default wins, as argparse applies them."""
    if path:
        parser.set_defaults(command_path=path)
    for action in parser._actions:  # argparse keeps its subcommands there; there is no public way
        if isinstance(action, argparse._SubParsersAction):
            named: set[int] = set()
            for name, child in action.choices.items():
                if id(child) not in named:  # an alias ("analyze") names the parser its first name did
                    named.add(id(child))
                    _name_commands(child, f"{path} {name}".strip())


def _options_given(argv: Sequence[str]) -> list[str]:
    """The option names on the command line, never their values (those may be feature data)."""
    names = []
    for token in argv:
        if token == "--":
            break
        if token.startswith("-") and len(token) > 1 and not token[1].isdigit():
            names.append(token.split("=", 1)[0])
    return list(dict.fromkeys(names))


def _start_log(args: argparse.Namespace, argv: Sequence[str]) -> None:
    from humanops.logs import configure_logging

    configure_logging()
    log.info("command: humanops %s (options: %s; workspace: %s)", getattr(args, "command_path", args.command),
             ", ".join(_options_given(argv)) or "none", args.workspace or "none")


def _where_details_are() -> str:
    from humanops.logs import log_file_path, log_location

    path = log_file_path()
    return f"details in the log file {path}" if path is not None else log_location().rstrip(".")


def _internal_error(exc: Exception, debug: bool) -> int:
    """One line on stderr naming the log file, which holds the traceback; --debug raises instead."""
    if debug:
        raise exc
    print(f"humanops: internal error: {type(exc).__name__}: {' '.join(str(exc).split())} "
          f"({_where_details_are()}; run with --debug to see the traceback here)", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
    except Exception as exc:  # a command module or an operation that does not import: a broken install
        from humanops.logs import configure_logging

        configure_logging()
        log.exception("the commands could not be loaded")
        if isinstance(exc, HumanOpsError) and "--debug" not in argv:  # a file of ours that does not read
            print(f"humanops: {' '.join(exc.message.split())}", file=sys.stderr)
            return 1
        return _internal_error(exc, "--debug" in argv)
    args = parser.parse_args(argv)
    _start_log(args, argv)
    try:
        code = int(args.handler(args) or 0)
    except HumanOpsError as exc:
        code = 2 if isinstance(exc, UsageError) else 1
        # the reason stays out of the log: it may quote a value the user gave (feature data)
        log.info("refused (exit %d): %s", code, type(exc).__name__)
        if args.debug:
            raise
        print(f"humanops: {' '.join(exc.message.split())}", file=sys.stderr)  # one line, whatever a library said
        return code
    except BrokenPipeError:  # the reader of our output went away (``humanops ... | head``): not a bug
        log.info("output closed by its reader")
        # stdout to nowhere, or the interpreter's last flush at exit fails again, with a message
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        log.info("interrupted")
        print("humanops: interrupted", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, not the user's fault: one line unless --debug, the traceback in the log
        log.exception("internal error in humanops %s", getattr(args, "command_path", args.command))
        return _internal_error(exc, args.debug)
    log.info("done (exit %d)", code)
    return code


if __name__ == "__main__":
    sys.exit(main())
