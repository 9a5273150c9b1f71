"""Owner-only files: a file the app writes that holds our sealed private keys or marked data
(a workspace, an export, a report) is readable and writable by its owner alone (0600 on POSIX)
from the moment it exists, whatever the umask.

How, by who makes the file:

- we open it ourselves: :func:`open_private` creates it 0600 (``os.open``'s mode), and narrows
  an existing file before anything is written to it;
- a writer we do not control opens it in place (``open(path, "w")`` keeps an existing file's
  mode): :func:`private_output` has the file exist, 0600, before the writer runs;
- a library creates it with the umask's mode (GDAL, SQLite): in a fresh folder that only its
  owner can enter (``tempfile.mkdtemp`` makes it 0700), narrowed with :func:`make_private`
  before it is renamed out of the folder into place (:mod:`humanops.store.atomic_files` does
  this, with the fsyncs, for every file the app writes whole: exports, packages, reports);
- a file an older version made (with the umask's mode) is narrowed with :func:`make_private`
  before keys are added to it.

SQLite creates a database's rollback journal with the database file's own mode, so an owner-only
workspace has owner-only journals. On Windows, POSIX modes mean nothing (``os.chmod`` only
toggles read-only; access comes from the folder's ACL): there these open files as usual and
change no mode.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

PRIVATE_MODE = 0o600
_POSIX = os.name == "posix"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation below Python's own

log = logging.getLogger(__name__)


def make_private(path: str | Path) -> bool:
    """Narrow the regular file at ``path`` to 0600; False (and a logged warning) if the file
    system refuses (a file someone else owns, a FAT stick that keeps no modes). Folders and
    other non-files are left alone; nothing is done off POSIX."""
    if not _POSIX:
        return False
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return False
        if stat.S_IMODE(st.st_mode) != PRIVATE_MODE:
            os.chmod(path, PRIVATE_MODE)
    except OSError as exc:
        log.warning("cannot make %s readable by its owner only: %s", path, exc.strerror or exc)
        return False
    return True


def _narrow(fd: int, path: str | Path) -> None:
    """The open file ``fd`` to 0600 (an existing file kept its mode when opened); a device or
    pipe (``/dev/stdout``) is left alone."""
    if not _POSIX:
        return
    try:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) != PRIVATE_MODE:
            os.fchmod(fd, PRIVATE_MODE)
    except OSError as exc:
        log.warning("cannot make %s readable by its owner only: %s", path, exc.strerror or exc)


def open_private(path: str | Path, mode: str = "w", **kwargs: Any) -> IO[Any]:
    """``open(path, mode, **kwargs)`` for writing ("w" or "wb"), the file created 0600; an
    existing file is truncated and narrowed to 0600 before anything is written."""
    if mode not in ("w", "wb"):
        raise ValueError(f"open_private writes a file anew ('w' or 'wb'), not {mode!r}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, PRIVATE_MODE)
    try:
        _narrow(fd, path)
        return os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


@contextmanager
def private_output(path: str | Path) -> Iterator[Path]:
    """For a writer that opens ``path`` itself and writes it in place: the file exists, 0600,
    before the writer runs (a new file is created so; an existing one is narrowed). If the
    writer fails, a file created here is removed again; an existing one is left."""
    path = Path(path)
    created = False
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, PRIVATE_MODE))
        created = True
    except FileExistsError:
        make_private(path)
    try:
        yield path
    except BaseException:
        if created:
            path.unlink(missing_ok=True)
        raise
