"""TAK data packages (ATAK's "Mission Package"): a zip holding ``MANIFEST/manifest.xml`` and files.

The manifest is a ``MissionPackageManifest`` of version 2: a ``Configuration`` (the package's
``uid`` and ``name``, and our ``remarks`` with its marking) and ``Contents``, one ``Content`` per
file (``zipEntry``, and for a CoT event its ``uid``). Each event is its own ``<uid>/<uid>.cot``,
as ATAK and WinTAK write and import them. ATAK replaces a package it holds by one of the same uid,
so a brief made again for the same partner replaces the previous one on the device.

Writing goes through :func:`humanops.store.atomic_files.atomic_write` (owner-only, whole or
nothing). Reading goes through the project's safe zip reader (:mod:`humanops.formats._safezip`:
unsafe member paths, zip bombs and lying sizes refused) and parses with defusedxml.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from humanops.errors import FormatError
from humanops.formats.cot_out import CotEvent, event_bytes, xml_bytes

MANIFEST_ENTRY = "MANIFEST/manifest.xml"
MANIFEST_VERSION = "2"
COT_SUFFIXES = (".cot", ".xml")
MAX_XML_BYTES = 20 * 1024**2  # one file inside a package (an event, the manifest); an event is a few kB
MAX_COT_FILE_BYTES = 64 * 1024**2  # a .cot file of many events (``brief tak --cot``), parsed whole in memory
MAX_PACKAGE_XML_BYTES = 256 * 1024**2  # all the CoT files of one package, read into memory
_SAFE_UID = re.compile(r"[A-Za-z0-9._-]{1,128}")


@dataclass
class PackageFile:
    """One CoT file read from a package: its member name and bytes."""

    entry: str
    data: bytes


@dataclass
class PackageContents:
    uid: str | None
    name: str | None
    files: list[PackageFile] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (member, why)


def entry_name(uid: str) -> str:
    """``<uid>/<uid>.cot``; a uid that is not a plain name is spelt safely."""
    safe = uid if _SAFE_UID.fullmatch(uid) and uid not in (".", "..") else re.sub(r"[^A-Za-z0-9._-]", "_", uid)[:128]
    return f"{safe}/{safe}.cot"


def manifest_xml(package_uid: str, name: str, remarks: str, entries: Sequence[tuple[str, str]]) -> bytes:
    """The manifest for ``entries`` (zip entry, event uid)."""
    root = ET.Element("MissionPackageManifest", {"version": MANIFEST_VERSION})
    configuration = ET.SubElement(root, "Configuration")
    for key, value in (("uid", package_uid), ("name", name), ("remarks", remarks)):
        ET.SubElement(configuration, "Parameter", {"name": key, "value": value})
    contents = ET.SubElement(root, "Contents")
    for entry, uid in entries:
        content = ET.SubElement(contents, "Content", {"ignore": "false", "zipEntry": entry})
        ET.SubElement(content, "Parameter", {"name": "uid", "value": uid})
    return xml_bytes(root)


def write_data_package(path: Path, events: Sequence[CotEvent], *, package_uid: str, name: str, remarks: str,
                       made: datetime, overwrite: bool = True) -> list[str]:
    """Write the package whole or not at all; returns the zip entries written (manifest first).
    Every entry is dated ``made`` (the workspace clock), so the same brief makes the same zip."""
    from humanops.store.atomic_files import atomic_write

    entries: list[tuple[str, str]] = []
    seen: set[str] = set()
    for event in events:
        entry = entry_name(event.uid)
        if entry in seen:
            raise FormatError(f"two events would be written as {entry} (uid {event.uid})", file=str(path))
        seen.add(entry)
        entries.append((entry, event.uid))
    stamp = (max(made.year, 1980), made.month, made.day, made.hour, made.minute, made.second)
    with atomic_write(path, overwrite=overwrite, exists_error=FormatError) as tmp, \
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_info(MANIFEST_ENTRY, stamp), manifest_xml(package_uid, name, remarks, entries))
        for (entry, _), event in zip(entries, events, strict=True):
            archive.writestr(_info(entry, stamp), event_bytes(event))
    return [MANIFEST_ENTRY, *(e for e, _ in entries)]


def _info(name: str, stamp: tuple[int, ...]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


# --- reading --------------------------------------------------------------------------------

def is_data_package(path: Path) -> bool:
    """A zip whose members include ``MANIFEST/manifest.xml`` (any case): a TAK data package."""
    try:
        if not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            return any(_is_manifest(n) for n in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _is_manifest(name: str) -> bool:
    return name.replace("\\", "/").lower() == MANIFEST_ENTRY.lower()


def read_data_package(path: Path) -> PackageContents:
    """The CoT files of a data package, as its manifest lists them (every ``.cot`` member when the
    manifest lists none). Other contents (maps, images, KML) are reported as skipped."""
    from humanops.formats._safezip import list_members

    file = str(path)
    members = list_members(path)  # unsafe paths, bombs, absurd sizes: refused here, naming the file
    by_name = {m.filename: m for m in members}
    if len(by_name) != len(members):  # tools disagree on which of two same-named members they read
        twice = next(m.filename for m in members if sum(n.filename == m.filename for n in members) > 1)
        raise FormatError(f"two members are named {twice!r}; refused", file=file)
    manifest = next((m for m in members if _is_manifest(m.filename)), None)
    if manifest is None:
        raise FormatError(f"not a TAK data package (no {MANIFEST_ENTRY})", file=file)
    root = parse_xml(_read_members(path, [manifest])[0], f"{file}, {manifest.filename}")
    if root.tag != "MissionPackageManifest":
        raise FormatError(f"{manifest.filename}: not a MissionPackageManifest (root element <{root.tag}>)", file=file)
    parameters = {p.get("name"): p.get("value") for p in root.iterfind("Configuration/Parameter")}
    contents = PackageContents(uid=parameters.get("uid"), name=parameters.get("name"))
    listed = [(c.get("zipEntry") or "", c.get("ignore", "false").lower() == "true")
              for c in root.iterfind("Contents/Content")]
    if not listed:
        listed = [(m.filename, False) for m in members if not _is_manifest(m.filename)]
    total = 0
    chosen: list[zipfile.ZipInfo] = []
    for entry, ignored in listed:
        info = by_name.get(entry)
        if info is None:
            contents.skipped.append((entry, "listed in the manifest but not in the zip"))
            continue
        if ignored:
            contents.skipped.append((entry, "marked ignore=\"true\" in the manifest"))
            continue
        if PurePosixPath(entry).suffix.lower() not in COT_SUFFIXES:
            contents.skipped.append((entry, "not a CoT event file (only .cot and .xml events are read)"))
            continue
        total += info.file_size
        if total > MAX_PACKAGE_XML_BYTES:
            raise FormatError(f"the package's CoT files exceed {MAX_PACKAGE_XML_BYTES // 1024**2} MB; refused",
                              file=file)
        chosen.append(info)
    contents.files = [PackageFile(info.filename, data) for info, data in zip(chosen, _read_members(path, chosen),
                                                                             strict=True)]
    return contents


def _read_members(path: Path, infos: list[zipfile.ZipInfo]) -> list[bytes]:
    """The members' bytes, extracted by the safe reader (each bounded by its declared size) into a
    private temporary folder: in as few passes as their base names allow (it extracts flat), so the
    archive is opened once for a package of thousands of events, not once an event."""
    from humanops.formats._safezip import extract

    for info in infos:
        if info.file_size > MAX_XML_BYTES:
            raise FormatError(f"member {info.filename!r} is {info.file_size / 1024**2:.0f} MB, larger than a CoT "
                              f"file can be ({MAX_XML_BYTES // 1024**2} MB); refused", file=str(path))
    passes: list[list[int]] = []  # pass k takes the k-th member of each base name
    seen: dict[str, int] = {}
    for i, info in enumerate(infos):
        k = seen.get(PurePosixPath(info.filename).name, 0)
        seen[PurePosixPath(info.filename).name] = k + 1
        if k == len(passes):
            passes.append([])
        passes[k].append(i)
    out: list[bytes] = [b""] * len(infos)
    with tempfile.TemporaryDirectory(prefix="humanops-tak-") as folder:
        for k, indices in enumerate(passes):
            target = Path(folder) / str(k)
            target.mkdir()
            for i, written in zip(indices, extract(path, [infos[i] for i in indices], target), strict=True):
                out[i] = written.read_bytes()
                written.unlink()  # at most one pass of files on the disk at a time
    return out


def max_events() -> int:
    """The most events one package may hold: the safe zip reader's member limit, less the manifest."""
    from humanops.formats._safezip import MAX_MEMBERS

    return MAX_MEMBERS - 1


def parse_xml(data: bytes, shown: str, limit: int = MAX_XML_BYTES) -> ET.Element:
    """Untrusted XML parsed with defusedxml: entity declarations and external references are
    refused, never expanded; more than ``limit`` bytes are refused before parsing."""
    import defusedxml
    import defusedxml.ElementTree as SafeET

    if len(data) > limit:
        raise FormatError(f"is larger than {limit // 1024**2} MB: not a CoT file", file=shown)
    try:
        return SafeET.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        raise FormatError(f"refused: the XML declares entities or external references ({type(exc).__name__}), "
                          "which can exhaust memory or read local files", file=shown) from None
    except ET.ParseError as exc:
        raise FormatError(f"not well-formed XML ({exc})", file=shown) from None
