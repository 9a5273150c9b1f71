"""The CLI starts quickly because it imports only what a command uses: building the whole parser
(``humanops --help``) and ``humanops info`` load none of the heavy libraries. Times are measured
by benchmarks/bench_cli.py; here, what would make them slow again cannot come back unseen."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from humanops.cli import build_parser
from humanops.store.workspace import Workspace

HEAVY = ("numpy", "pandas", "geopandas", "shapely", "pyproj", "scipy", "pyogrio", "cryptography", "PySide6")
COMMANDS = {"init", "info", "validate", "kinds", "import", "export", "demo", "app", "keys", "partners", "package",
            "conflicts", "audit", "edit", "proposals", "editors", "mark", "isp", "analyse", "analyze", "triggers",
            "route", "plan", "roads"}


def heavy_modules_after(code: str, *args: str) -> list[str]:
    """The heavy libraries loaded in a fresh interpreter after ``code`` ran."""
    probe = (f"{code}\nimport json, sys\n"
             f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))")
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(actions[0].choices) if actions else {}


def test_building_the_whole_parser_loads_no_heavy_library():
    code = "import humanops.cli; humanops.cli.build_parser().format_help()"
    assert heavy_modules_after(code) == []


def test_info_reads_a_workspace_without_the_heavy_libraries(tmp_path):
    path = tmp_path / "ws.gpkg"
    Workspace.create(path, organisation="ocha").close()
    code = ("import contextlib, io, sys, humanops.cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert humanops.cli.main(['-w', sys.argv[1], 'info', '--json']) == 0")
    assert heavy_modules_after(code, str(path)) == []


def test_the_parser_is_whole_every_command_and_the_options_from_the_operations():
    parser = build_parser()
    # more may come; none of these may go missing
    assert COMMANDS - set(subcommands(parser)) == set()
    assert {"evacuation", "aid", "list", "show"} - set(subcommands(subcommands(parser)["plan"])) == set()
    assert {"exposure", "corridors", "list"} - set(subcommands(subcommands(parser)["analyse"])) == set()
    route = subcommands(parser)["route"].format_help()
    for option in ("--mode", "--avoid-severity", "--at", "--alternatives", "--save-corridor", "--width", "--json"):
        assert option in route
    assert "walk-safest" in route   # the modes, from the operation's declaration
    exposure = subcommands(subcommands(parser)["analyse"])["exposure"].format_help()
    assert "--hazards" in exposure and "flood" in exposure   # the hazards, from the catalog
    evacuation = subcommands(subcommands(parser)["plan"])["evacuation"].format_help()
    assert "--use-corridor-capacity" in evacuation and "--population-share" in evacuation
