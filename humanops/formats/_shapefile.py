"""Zipped Shapefile in: a .zip holding .shp/.shx/.dbf (and .prj, .cpg). The archive is
checked (zip-slip, zip bomb, missing members) before anything is extracted, into a temporary
folder that is removed afterwards. A plain .shp beside its sidecar files is read too."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePosixPath

from humanops.errors import FormatError
from humanops.formats import _ogr, _safezip
from humanops.formats.sources import SourceLayer

REQUIRED = (".shp", ".shx", ".dbf")
OPTIONAL = (".prj", ".cpg")


def read_shapefile(path: Path) -> list[SourceLayer]:
    if path.suffix.lower() == ".shp":
        return [_read_one(path, display=str(path), display_name=path.stem)]
    members = _safezip.list_members(path)
    by_stem: dict[str, dict[str, object]] = {}
    for info in members:
        member = PurePosixPath(info.filename)
        if member.name.startswith(".") or "__MACOSX" in member.parts:
            continue  # resource forks from macOS archivers
        ext = member.suffix.lower()
        if ext in REQUIRED + OPTIONAL:
            by_stem.setdefault(str(member.with_suffix("")), {})[ext] = info
    shapes = {stem: parts for stem, parts in by_stem.items() if ".shp" in parts}
    if not shapes:
        raise FormatError("the archive holds no Shapefile (.shp)", file=str(path))
    layers = []
    for stem, parts in sorted(shapes.items()):
        missing = [ext for ext in REQUIRED if ext not in parts]
        name = PurePosixPath(stem).name
        if missing:
            raise FormatError(f"Shapefile {name}.shp lacks its {', '.join(missing)} member(s)",
                              file=str(path), layer=name)
        folder = Path(tempfile.mkdtemp(prefix="humanops-shp-"))
        try:
            wanted = [parts[ext] for ext in REQUIRED + OPTIONAL if ext in parts]
            _safezip.extract(path, wanted, folder)  # type: ignore[arg-type]
            # Rename to one stem: GDAL pairs sidecars by name, and member names may differ in case.
            for ext in REQUIRED + OPTIONAL:
                if ext in parts:
                    extracted = folder / PurePosixPath(parts[ext].filename).name  # type: ignore[attr-defined]
                    extracted.rename(folder / f"layer{ext}")
            layers.append(_read_one(folder / "layer.shp", display=str(path), display_name=name))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return layers


def _read_one(shp: Path, *, display: str, display_name: str) -> SourceLayer:
    for ext in (".shx", ".dbf"):
        if not _sibling(shp, ext):
            raise FormatError(f"Shapefile {display_name}.shp lacks its {ext} file", file=display,
                              layer=display_name)
    source = _ogr.read_layer(shp, None, "Shapefile", display=display)
    source.name = display_name
    if not _sibling(shp, ".prj"):
        # The importer refuses a layer without CRS unless it is told one.
        source.notes.append("no .prj: the coordinate reference system is not given in the file")
    return source


def _sibling(shp: Path, ext: str) -> bool:
    return any(p.suffix.lower() == ext and p.stem == shp.stem for p in shp.parent.iterdir())
