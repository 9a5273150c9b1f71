"""Build the one-folder app with PyInstaller (``packaging/humanops.spec``) and say where it is.

    .venv/bin/python packaging/build_bundle.py                  # dist/humanops/ (make package)
    .venv/bin/python packaging/build_bundle.py --cache build/package-cache --json

With ``--cache DIR`` the folder is built once per set of inputs, under ``DIR/<key>/``: the key
hashes the spec and its helpers, the humanops sources, ``layers/``, ``resources/``, the project
files and the installed distributions with their versions. A repeated run with nothing changed
reuses it; a build for other inputs replaces the older ones. The tests and the package benchmark
use the cache; a clean clone builds once.

Prints the executable's path (``--json``: ``{"executable", "bundle", "cached", "build_s"}``); exits 1
with one line on stderr when PyInstaller is missing or the build fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "humanops.spec"
# Everything a build reads from the repository.
INPUT_DIRS = ("humanops", "layers", "resources", "packaging")
INPUT_FILES = ("pyproject.toml", "setup.py")
IGNORED = {"__pycache__", ".pyc", ".pyo"}
EXECUTABLE = "humanops.exe" if sys.platform == "win32" else "humanops"
COMPLETE = ".complete"  # written last: a bundle without it is a build that did not finish
STALE_PARTIAL_S = 3 * 3600


class BuildError(Exception):
    pass


def executable_in(bundle: Path) -> Path:
    return bundle / EXECUTABLE


def input_key() -> str:
    """A short hash of everything that makes one build differ from another."""
    digest = hashlib.sha256()
    files = [ROOT / name for name in INPUT_FILES if (ROOT / name).is_file()]
    for folder in INPUT_DIRS:
        files += [path for path in (ROOT / folder).rglob("*")
                  if path.is_file() and not (IGNORED & {path.suffix, *path.parts})]
    for path in sorted(files):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    installed = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions())
    digest.update("\n".join([sys.version, platform.platform(), *installed]).encode())
    return digest.hexdigest()[:16]


def run_pyinstaller(dist: Path, work: Path) -> None:
    try:
        import PyInstaller  # noqa: F401 - only to say clearly that it is missing
    except ImportError:
        raise BuildError("PyInstaller is not installed in this Python: install the packaging tools with "
                         f"`{sys.executable} -m pip install -e '.[package]'` (make package does)") from None
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-25:])
        raise BuildError(f"PyInstaller failed on {SPEC} (exit {done.returncode}):\n{tail}")


def build(dist: Path, work: Path) -> Path:
    """Build into ``dist/humanops/``; the executable's path."""
    run_pyinstaller(dist, work)
    exe = executable_in(dist / "humanops")
    if not exe.is_file():
        raise BuildError(f"PyInstaller finished but {exe} is missing")
    return exe


def cached_build(cache: Path) -> tuple[Path, bool]:
    """The executable of the bundle for the current inputs (built now if needed), and whether
    it was there already."""
    key = input_key()
    bundle = cache / key / "humanops"
    if (bundle / COMPLETE).is_file() and executable_in(bundle).is_file():
        return executable_in(bundle), True
    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f"{key}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        build(partial / "dist", partial / "work")
        shutil.rmtree(partial / "work", ignore_errors=True)  # PyInstaller's cache: not needed again
        (partial / "dist" / "humanops").rename(partial / "humanops")
        (partial / "dist").rmdir()
        (partial / "humanops" / COMPLETE).write_text(key + "\n", encoding="utf-8")
        if (cache / key).exists() and not (bundle / COMPLETE).is_file():
            shutil.rmtree(cache / key)  # a build of these inputs that was cut short
        try:
            partial.rename(cache / key)
        except OSError:  # another run finished the same build first: keep theirs
            if not (bundle / COMPLETE).is_file():
                raise
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    _drop_other_builds(cache, keep=key)
    return executable_in(bundle), False


def _drop_other_builds(cache: Path, keep: str) -> None:
    """Older inputs' bundles go (each is hundreds of MB); a partial one only once it is stale,
    since another run may be building it now."""
    now = time.time()
    for entry in cache.iterdir():
        if entry.name == keep or not entry.is_dir():
            continue
        if ".partial-" in entry.name and now - entry.stat().st_mtime < STALE_PARTIAL_S:
            continue
        shutil.rmtree(entry, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's work folder (default: build/pyinstaller/)")
    parser.add_argument("--cache", type=Path, help="build once per set of inputs under this folder instead")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if args.cache:
            exe, cached = cached_build(args.cache.resolve())
        else:
            exe, cached = build(args.dist.resolve(), args.work.resolve()), False
    except BuildError as exc:
        print(f"build_bundle: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"executable": str(exe), "bundle": str(exe.parent), "cached": cached,
                          "build_s": round(time.perf_counter() - started, 1)}))
    else:
        print(exe)
    return 0


if __name__ == "__main__":
    sys.exit(main())
