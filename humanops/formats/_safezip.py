"""Extract chosen members of an untrusted zip archive, refusing what could harm the machine.

A zipped Shapefile comes from anywhere (a USB stick, a partner's mail), so before anything
is written we refuse member paths that escape the target folder (zip-slip: absolute paths,
``..``, drive letters, symlinks), archives whose declared sizes or compression ratios are
absurd (zip bombs), and while extracting we count the bytes actually written, because the
sizes an archive declares can lie.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

from humanops.errors import FormatError

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 4 * 1024**3  # a Shapefile is limited to 2 GB per .shp/.dbf anyway
MAX_RATIO = 500  # a sparse .dbf compresses well, but not 500:1 (deflate tops out near 1000:1)
RATIO_FLOOR = 1024**2  # tiny members may compress absurdly (runs of spaces in a .dbf)
_CHUNK = 1024**2


def list_members(path: Path) -> list[zipfile.ZipInfo]:
    """The archive's file members, after refusing unsafe paths and zip bombs."""
    file = str(path)
    if not zipfile.is_zipfile(path):
        raise FormatError("not a zip archive (a zipped Shapefile is expected)", file=file)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FormatError(f"damaged zip archive ({exc})", file=file) from None
    if len(infos) > MAX_MEMBERS:
        raise FormatError(f"the archive has {len(infos)} members (at most {MAX_MEMBERS})", file=file)
    total = 0
    for info in infos:
        _check_name(file, info)
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise FormatError(
                f"member {info.filename!r} would expand {info.file_size // max(info.compress_size, 1)}"
                f" times (a zip bomb?); refused", file=file)
    if total > MAX_TOTAL_BYTES:
        raise FormatError(f"the archive would expand to {total / 1024**3:.1f} GB (at most "
                          f"{MAX_TOTAL_BYTES / 1024**3:.0f} GB); refused", file=file)
    return [i for i in infos if not i.is_dir()]


def _check_name(file: str, info: zipfile.ZipInfo) -> None:
    name = info.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    unsafe = (
        "\\" in name or name.startswith("/") or ".." in parts or "\x00" in name
        or (len(name) > 1 and name[1] == ":")
    )
    if unsafe:
        raise FormatError(f"member {name!r} has an unsafe path (outside the archive); refused",
                          file=file)
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        raise FormatError(f"member {name!r} is a symbolic link; refused", file=file)


def extract(path: Path, members: list[zipfile.ZipInfo], target: Path) -> list[Path]:
    """Extract ``members`` flat into ``target`` (their base names only), each bounded by its
    declared size: a member that inflates beyond it is refused."""
    file = str(path)
    out = []
    with zipfile.ZipFile(path) as archive:
        for info in members:
            dest = target / PurePosixPath(info.filename).name
            written = 0
            try:
                with archive.open(info) as source, open(dest, "xb") as sink:
                    while chunk := source.read(_CHUNK):
                        written += len(chunk)
                        if written > info.file_size:
                            raise FormatError(f"member {info.filename!r} is larger than the archive "
                                              "declares (a zip bomb?); refused", file=file)
                        sink.write(chunk)
            except FileExistsError:
                raise FormatError(f"two members are named {dest.name!r}", file=file) from None
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                # RuntimeError: an encrypted member; zlib errors surface as BadZipFile/OSError.
                raise FormatError(f"cannot extract member {info.filename!r} ({exc})", file=file) from None
            out.append(dest)
    return out
