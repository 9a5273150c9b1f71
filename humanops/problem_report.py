"""A problem report: one zip a user can send to whoever supports them, holding only what helps
find a bug — the log files and the versions of the app and of what it runs on.

It never holds a key, a passphrase, the workspace or any feature: nothing is read from a
workspace, and every log line is passed through :func:`humanops.logs.redact` again on the way
in (lines written before a redaction rule existed, or by a handler that had no filter). The
members are exactly ``about.json`` and ``logs/<name>`` for each log file; a test keeps it so.
"""

from __future__ import annotations

import importlib
import json
import logging
import platform
import sys
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from humanops.errors import HumanOpsError
from humanops.logs import flush_log, log_dir, log_files, redact
from humanops.store.atomic_files import atomic_write

log = logging.getLogger(__name__)

ABOUT_MEMBER = "about.json"
LOGS_FOLDER = "logs"


def default_report_name(day: datetime) -> str:
    """``humanops-problem-report-2026-11-28.zip``"""
    return f"humanops-problem-report-{day:%Y-%m-%d}.zip"


def runtime_versions() -> dict[str, str]:
    """The app's and its libraries' versions (what a bug report always asks first)."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    versions = {"HumanOps": installed("humanops"), "Python": sys.version.split()[0],
                "platform": platform.platform()}
    for library, module, attribute in (("GDAL", "pyogrio", "__gdal_version_string__"),
                                       ("PROJ", "pyproj", "proj_version_str"),
                                       ("GEOS", "shapely", "geos_version_string")):
        versions[library] = _native_version(module, attribute)
    for package in ("pyogrio", "pyproj", "shapely", "geopandas", "pandas", "numpy"):
        versions[package] = installed(package)
    return versions


def _native_version(module: str, attribute: str) -> str:
    """A binding's native library version, or why it is unavailable."""
    try:
        return str(getattr(importlib.import_module(module), attribute))
    # The report is wanted most when something is broken: a native library that fails to load
    # (with whatever a binding raises) is written into the report and the log, not raised.
    except Exception as exc:  # fails closed: the report is still written, naming the failure (logged)
        log.warning("cannot read %s's version", module, exc_info=True)
        return f"unavailable ({type(exc).__name__})"


def write_problem_report(target: str | Path, *, created: datetime, extra_versions: Mapping[str, str] | None = None,
                         folder: Path | None = None) -> Path:
    """Write the report zip to ``target`` (whole or not at all) and return its path.

    ``created``: the time written in it (the caller's clock); ``extra_versions``: what only the
    caller knows (the app passes Qt's and PySide6's); ``folder``: the log folder (default: the
    configured one)."""
    target = Path(target)
    folder = log_dir() if folder is None else folder
    flush_log()
    about = {
        "created": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "versions": {**runtime_versions(), **dict(extra_versions or {})},
        "contents": "log files (passphrases, keys and feature data redacted) and versions; "
                    "no workspace, no keys, no features",
    }
    logs = log_files(folder)
    about["log_files"] = [path.name for path in logs]
    try:
        with atomic_write(target) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(ABOUT_MEMBER, json.dumps(about, indent=2, ensure_ascii=False) + "\n")
            for path in logs:
                archive.writestr(f"{LOGS_FOLDER}/{path.name}", _redacted_lines(path))
    except OSError as exc:  # a full disk, a folder we may not write in: the user chooses another place
        raise HumanOpsError(f"cannot be written: {exc.strerror or exc}", file=str(target)) from exc
    return target


def _redacted_lines(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:  # rotated away between listing and reading
        return f"[could not be read: {exc.strerror or exc}]\n"
    # Line by line: a rule never spans two records, and a damaged line stays one line.
    return "".join(redact(line) for line in text.splitlines(keepends=True))
