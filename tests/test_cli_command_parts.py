"""The pieces the CLI's command modules share (humanops.commands.common.finish_command,
emit_rows; humanops.commands.brief_options): what every command's --help, --json and list
output rely on."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from humanops.commands.brief_options import layer_names, parse_at, parse_bbox, refuse_existing
from humanops.commands.common import emit_rows, finish_command
from humanops.errors import FormatError, UsageError


def _handler(args: argparse.Namespace) -> int:
    return 0


def test_a_command_ends_with_the_passphrase_then_json_then_its_handler() -> None:
    parser = argparse.ArgumentParser(prog="x")
    parser.add_argument("--own")
    finish_command(parser, _handler, passphrase=True, decision="accept")
    options = [a.option_strings[0] for a in parser._actions if a.option_strings and a.dest != "help"]
    assert options == ["--own", "--passphrase-file", "--json"]
    args = parser.parse_args(["--json"])
    assert args.handler is _handler and args.decision == "accept" and args.json
    plain = argparse.ArgumentParser(prog="y")
    finish_command(plain, _handler)
    assert "--passphrase-file" not in plain.format_help()


@pytest.mark.parametrize("as_json", [True, False])
def test_a_list_prints_one_line_a_row_or_what_is_empty(capsys: pytest.CaptureFixture[str], as_json: bool) -> None:
    args = argparse.Namespace(json=as_json)
    emit_rows(args, "plans", [{"id": 1}, {"id": 2}], lambda p: f"plan {p['id']}", "no plans saved")
    out = capsys.readouterr().out
    if as_json:
        assert json.loads(out) == {"plans": [{"id": 1}, {"id": 2}]}
    else:
        assert out == "plan 1\nplan 2\n"
    emit_rows(args, "plans", [], lambda p: "never", "no plans saved")
    out = capsys.readouterr().out
    assert (json.loads(out) == {"plans": []}) if as_json else out == "no plans saved\n"


def test_the_brief_options_read_alike() -> None:
    assert layer_names(["need, corridor", "facility", " "]) == ["need", "corridor", "facility"]
    assert layer_names(None) is None and layer_names([","]) is None
    assert parse_bbox("128.2,-18.4,128.9,-17.8") == (128.2, -18.4, 128.9, -17.8)
    with pytest.raises(UsageError, match="--bbox"):
        parse_bbox("128.9,-18.4,128.2,-17.8")
    assert parse_at(None) is None
    assert parse_at("2026-11-28T10:00:00Z").isoformat() == "2026-11-28T10:00:00+00:00"


def test_an_existing_file_is_kept_without_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    refuse_existing(out, overwrite=False)  # nothing there yet
    out.write_text("ours")
    with pytest.raises(FormatError, match="--overwrite") as caught:
        refuse_existing(out, overwrite=False)
    assert str(out) in str(caught.value)
    refuse_existing(out, overwrite=True)
    assert out.read_text() == "ours"
