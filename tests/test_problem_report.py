"""The problem report zip: exactly the log files and the versions, redacted, never the
workspace, keys or features; written whole or not at all."""

from __future__ import annotations

import json
import logging
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from humanops import logs
from humanops.errors import HumanOpsError
from humanops.problem_report import default_report_name, write_problem_report

CREATED = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)
PASSPHRASE = "kavera-demo-passphrase"


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(folder))
    logs.configure_logging()
    yield folder
    logs.stop_logging()


def _rotate(folder: Path) -> None:
    """One rotated file beside the current one, as a long session leaves them."""
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None)
                   == str(folder / logs.LOG_FILE_NAME))
    handler.doRollover()  # type: ignore[attr-defined]


def test_the_report_holds_exactly_the_log_files_and_the_versions(log_folder: Path, tmp_path: Path) -> None:
    logging.getLogger("humanops.test").error("the first session's error")
    _rotate(log_folder)
    logging.getLogger("humanops.test").error("the second session's error")
    # Files beside the logs that must never go: a workspace, a key card, anything else.
    (log_folder / "kavera.gpkg").write_bytes(b"SQLite format 3\x00")
    (log_folder / "ocha.card").write_text("signing key")
    target = tmp_path / "out" / default_report_name(CREATED)
    target.parent.mkdir()
    assert write_problem_report(target, created=CREATED, extra_versions={"Qt": "6.11.3"}) == target
    assert target.name == "humanops-problem-report-2026-11-28.zip"
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["about.json", "logs/humanops.log", "logs/humanops.log.1"]
        about = json.loads(archive.read("about.json"))
        current = archive.read("logs/humanops.log").decode()
        older = archive.read("logs/humanops.log.1").decode()
    assert about["created"] == "2026-11-28T10:30:00Z"
    assert about["log_files"] == ["humanops.log", "humanops.log.1"]
    versions = about["versions"]
    assert {"HumanOps", "Python", "platform", "GDAL", "PROJ", "GEOS", "Qt"} <= set(versions)
    assert versions["Qt"] == "6.11.3" and versions["GDAL"][0].isdigit()
    assert "the second session's error" in current and "the first session's error" in older
    assert list(tmp_path.joinpath("out").iterdir()) == [target]  # no temporary file left beside it


def test_a_passphrase_in_a_log_line_is_redacted_in_the_report(log_folder: Path, tmp_path: Path) -> None:
    logging.getLogger("humanops.sharing").info("key unlocked with passphrase=%s", PASSPHRASE)
    logs.flush_log()
    # A line written without the filter (an older version, another handler) is redacted on the way in.
    with open(log_folder / logs.LOG_FILE_NAME, "a", encoding="utf-8") as raw:
        raw.write(f"2026-11-27 09:00:00 INFO old HUMANOPS_PASSPHRASE={PASSPHRASE} POINT (36.1 36.2)\n")
    target = write_problem_report(tmp_path / "report.zip", created=CREATED)
    with zipfile.ZipFile(target) as archive:
        blob = b"".join(archive.read(name) for name in archive.namelist())
    assert PASSPHRASE.encode() not in blob and b"36.1 36.2" not in blob
    text = blob.decode()
    assert "key unlocked with passphrase=[redacted]" in text
    assert "HUMANOPS_PASSPHRASE=[redacted] [redacted geometry]" in text


def test_without_log_files_the_report_still_holds_the_versions(tmp_path: Path) -> None:
    target = write_problem_report(tmp_path / "report.zip", created=CREATED, folder=tmp_path / "no-logs")
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["about.json"]


def test_a_report_that_cannot_be_written_says_where_and_leaves_nothing(log_folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "report.zip"
    with pytest.raises(HumanOpsError) as raised:
        write_problem_report(target, created=CREATED)
    assert str(target) in raised.value.message
    assert not target.parent.exists()
