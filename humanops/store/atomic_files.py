"""Every file the app writes is written whole or not at all: :func:`atomic_write`.

The rule, for every writer (our own bytes, GDAL/pyogrio, SQLite, Qt's image writer, CSV/XML
writers):

1. write into a temporary file in a fresh folder *beside* the target (``mkdtemp``, 0700: only
   we can enter it, so marked data is never readable by others while it is being written, and
   a library's side files such as SQLite journals stay in there too). Same folder means same
   file system, so the rename below is atomic;
2. set the mode (owner-only 0600 by default, :func:`humanops.fileperms.make_private`), then
   ``fsync`` the file: its bytes are on the disk *before* any name points at them;
3. ``os.replace`` it onto the target: readers see either the previous file or the new one,
   complete, never a mixture. Without step 2, a power cut soon after the rename can leave the
   new name pointing at an empty or partial file on common file systems (ext4, XFS, NTFS),
   with the previous file already gone;
4. ``fsync`` the target's folder (POSIX): the rename is itself a change to the folder, and
   until the folder is on the disk the new name may vanish after a crash. Where a folder
   cannot be opened or synced (Windows, some network or FAT file systems) this step is skipped.

Any failure before the rename (an exception in the writer, a cancel, a full disk) removes the
temporary folder: nothing half-written is left and the previous file is byte-identical. A hard
crash can at most leave a hidden ``.humanops-*`` folder beside the target, never a damaged
target. ``os.replace`` is used here and nowhere else in ``humanops`` (a test keeps it so).

A target that exists and is not a regular file (``/dev/stdout``, a pipe) has no previous
content to protect and cannot be renamed onto: it is written in place.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType

from humanops.errors import HumanOpsError
from humanops.fileperms import PRIVATE_MODE, make_private

__all__ = ["PRIVATE_MODE", "AtomicFile", "atomic_write", "write_bytes_atomic", "write_text_atomic"]

_POSIX = os.name == "posix"
TEMP_PREFIX = ".humanops-"
EXISTS_REASON = "exists already (choose another name)"
# fsync errors that mean "this file system does not do that", not "the data is lost"
_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EACCES, errno.EPERM,
                errno.EISDIR}


class AtomicFile:
    """One pending write of ``target``: write ``.path``, then :meth:`commit`; :meth:`discard`
    (always, e.g. in ``finally``) removes whatever was not committed. :func:`atomic_write` is
    the usual way in; this object serves code that cannot wrap its writer in a ``with``.

    ``mode``: the committed file's permission bits; 0600 (the default) for anything holding
    marked data, partners or keys; ``None`` keeps an existing target's bits (a replaced file is
    never widened) and otherwise the writer's own (the umask's). ``overwrite=False`` refuses an
    existing target with ``exists_error`` (the caller's usual HumanOpsError subclass), both at
    the start and at the rename. ``temp_name``: the temporary file's name (default: the
    target's, so writers that pick a format from the extension see the right one).
    """

    def __init__(self, target: str | Path, *, mode: int | None = PRIVATE_MODE, overwrite: bool = True,
                 temp_name: str | None = None, exists_error: type[HumanOpsError] = HumanOpsError) -> None:
        target = Path(target)
        if target.is_symlink():  # writing a file through a link writes the file, as open() would
            target = Path(os.path.realpath(target))
        self.target = target
        self.mode = mode
        self.overwrite = overwrite
        self.exists_error = exists_error
        self._folder: Path | None = None
        self._in_place = False
        self.committed = False
        try:
            st: os.stat_result | None = target.stat()
        except FileNotFoundError:
            st = None
        if st is not None and not overwrite:
            raise exists_error(EXISTS_REASON, file=str(target))
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
        if st is not None and not stat.S_ISREG(st.st_mode):  # a device or pipe: written in place
            self.path = target
            self._in_place = True
            return
        self._folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=target.parent))
        self.path = self._folder / (temp_name or target.name)

    def commit(self) -> None:
        """Make the written file the target: mode, fsync, rename, fsync of the folder."""
        if self._in_place:
            self.committed = True
            return
        if self.committed or self._folder is None:
            raise RuntimeError("this write was committed or discarded already")
        if not self.path.is_file():  # the writer wrote nothing: never replace the target with nothing
            raise FileNotFoundError(errno.ENOENT, "the writer did not create the file", str(self.path))
        self._set_mode()
        _fsync_path(self.path)
        if self.overwrite:
            os.replace(self.path, self.target)
        else:
            self._place_exclusively()
        self.committed = True
        _fsync_path(self.target.parent, folder=True)
        self.discard()

    def discard(self) -> None:
        """Remove the temporary folder (and a write not committed); safe to call again."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if kind is None:
                self.commit()
        finally:
            self.discard()

    def _set_mode(self) -> None:
        if not _POSIX:  # modes mean nothing there (the folder's ACL decides)
            return
        if self.mode == PRIVATE_MODE:
            make_private(self.path)  # logs and goes on where the file system keeps no modes
        elif self.mode is not None:
            os.chmod(self.path, self.mode)
        else:
            with suppress(FileNotFoundError):  # a new target: the writer's mode
                os.chmod(self.path, stat.S_IMODE(self.target.stat().st_mode))

    def _place_exclusively(self) -> None:
        """Rename without replacing: a hard link fails if the target appeared meanwhile; where
        links are not supported (FAT sticks), a last check and the rename."""
        try:
            os.link(self.path, self.target)
            return
        except FileExistsError:
            raise self.exists_error(EXISTS_REASON, file=str(self.target)) from None
        except OSError:
            pass
        if os.path.lexists(self.target):
            raise self.exists_error(EXISTS_REASON, file=str(self.target))
        os.replace(self.path, self.target)


@contextmanager
def atomic_write(path: str | Path, *, mode: int | None = PRIVATE_MODE, overwrite: bool = True,
                 temp_name: str | None = None, exists_error: type[HumanOpsError] = HumanOpsError) -> Iterator[Path]:
    """Yield a temporary path to write ``path``'s new content to (the writer creates and closes
    it); on leaving the block without an exception it becomes ``path`` (see the module's rule),
    otherwise it is removed and ``path`` is untouched. Options as for :class:`AtomicFile`."""
    with AtomicFile(path, mode=mode, overwrite=overwrite, temp_name=temp_name, exists_error=exists_error) as tmp:
        yield tmp


def write_bytes_atomic(path: str | Path, data: bytes, *, mode: int | None = PRIVATE_MODE, overwrite: bool = True,
                       exists_error: type[HumanOpsError] = HumanOpsError) -> None:
    """``path`` holds exactly ``data``, or (on any failure) what it held before."""
    with (atomic_write(path, mode=mode, overwrite=overwrite, exists_error=exists_error) as tmp,
          open(tmp, "wb") as handle):
        handle.write(data)


def write_text_atomic(path: str | Path, text: str, *, encoding: str = "utf-8", newline: str | None = None,
                      mode: int | None = PRIVATE_MODE, overwrite: bool = True,
                      exists_error: type[HumanOpsError] = HumanOpsError) -> None:
    """``path`` holds exactly ``text`` (encoded; ``newline`` as for :func:`open`), or what it held before."""
    with (atomic_write(path, mode=mode, overwrite=overwrite, exists_error=exists_error) as tmp,
          open(tmp, "w", encoding=encoding, newline=newline) as handle):
        handle.write(text)


def _fsync_path(path: Path, *, folder: bool = False) -> None:
    """fsync the file or folder at ``path``; skipped where the platform or file system does not
    support it (a folder off POSIX; EINVAL and the like), raised where the data may be lost (EIO)."""
    if folder and not _POSIX:
        return  # Windows cannot open a folder as a file; NTFS journals the rename itself
    flags = os.O_RDONLY if _POSIX else os.O_RDWR  # Windows flushes only a handle open for writing
    flags |= getattr(os, "O_DIRECTORY", 0) if folder else getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if folder and exc.errno in _UNSUPPORTED:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _UNSUPPORTED:
            raise
    finally:
        os.close(fd)
