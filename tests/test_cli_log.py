"""The CLI's log: every command is written to the log file (its name and options, never the
values given), an internal error with its traceback; the user still reads one line on stderr,
which for an internal error names the log file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from humanops import logs
from humanops.cli import main
from humanops.store.workspace import Workspace


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "log"))
    yield tmp_path / "log" / logs.LOG_FILE_NAME
    logs.stop_logging()


@pytest.fixture
def ws_path(tmp_path):
    path = tmp_path / "ws.gpkg"
    Workspace.create(path, organisation="ocha").close()
    return path


def read(log_file) -> str:
    logs.flush_log()
    return log_file.read_text(encoding="utf-8")


def test_an_internal_error_is_one_line_naming_the_log_which_holds_the_traceback(ws_path, log_file, monkeypatch,
                                                                                capsys):
    def broken(path):
        raise RuntimeError("the summary broke\nover two lines")

    monkeypatch.setattr("humanops.store.workspace_summary.workspace_info", broken)
    assert main(["-w", str(ws_path), "info"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("humanops: internal error: RuntimeError: the summary broke")
    assert f"details in the log file {log_file}" in err and "--debug" in err
    text = read(log_file)
    assert "command: humanops info" in text and "internal error in humanops info" in text
    assert "Traceback" in text and "RuntimeError: the summary broke" in text


def test_debug_shows_the_traceback_and_still_logs_it(ws_path, log_file, monkeypatch):
    monkeypatch.setattr("humanops.store.workspace_summary.workspace_info",
                        lambda path: (_ for _ in ()).throw(KeyError("nope")))
    with pytest.raises(KeyError):
        main(["--debug", "-w", str(ws_path), "info"])
    assert "KeyError" in read(log_file)


def test_a_refusal_is_logged_by_kind_and_option_values_are_never_logged(ws_path, log_file, capsys):
    code = main(["-w", str(ws_path), "edit", "00000000-0000-4000-8000-000000000000", "--layer", "need",
                 "--set", "name=Clinic of Hidden Valley"])
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" not in err
    text = read(log_file)
    assert "command: humanops edit (options: -w, --layer, --set" in text and "refused (exit 1)" in text
    assert "Hidden Valley" not in text   # a value given on the command line may be feature data


def test_nested_commands_are_logged_by_their_full_name(ws_path, log_file):
    assert main(["-w", str(ws_path), "plan", "list"]) == 0
    assert main(["-w", str(ws_path), "analyze", "list"]) == 0   # an alias: logged by the command's name
    text = read(log_file)
    assert "command: humanops plan list" in text and "command: humanops analyse list" in text
    assert text.count("done (exit 0)") == 2


def test_output_cut_short_by_its_reader_ends_quietly(ws_path, tmp_path):
    """``humanops ... | head``: the reader goes away; no internal error, no message from Python."""
    code = ("import sys\n"
            "from humanops import cli\n"
            "from humanops.commands import workspace\n"
            "workspace._info_text = lambda doc: 'x' * 10_000_000\n"
            "sys.exit(cli.main(['-w', sys.argv[1], 'info']))")
    process = subprocess.Popen([sys.executable, "-c", code, str(ws_path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10) == b"x" * 10
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert err == ""

