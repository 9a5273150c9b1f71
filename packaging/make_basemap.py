"""Convert Natural Earth 1:110m countries into the offline world basemap, once.

    .venv/bin/python packaging/make_basemap.py [--source SHP] [--out GPKG]

The source is the copy of Natural Earth's "admin 0 countries" (1:110m, public domain) that
pyogrio's wheel carries among its test fixtures. The result, ``resources/basemap/world_110m.gpkg``
(EPSG:4326, fields ``name`` and ``iso_a3``), is committed, so a map has context with no network,
no tiles and no pyogrio test data at run time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "basemap" / "world_110m.gpkg"
LAYER = "countries"


def default_source() -> Path:
    import pyogrio

    return (Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres"
            / "naturalearth_lowres.shp")


def convert(source: Path, out: Path) -> int:
    import pyogrio
    import shapely

    frame = pyogrio.read_dataframe(source, columns=["name", "iso_a3"])
    frame = frame.set_crs(4326, allow_override=True) if frame.crs is None else frame.to_crs(4326)
    # A few 1:110m outlines are not valid OGC polygons; repair once here, not at every draw.
    # Fiji's outline overshoots the antimeridian by 1e-13 degrees: clip to the valid range.
    geoms = shapely.clip_by_rect(shapely.make_valid(frame.geometry.values), -180, -90, 180, 90)
    frame["geometry"] = shapely.set_precision(geoms, 1e-6)  # 0.1 m: far below 1:110m detail
    frame = frame.sort_values("name", kind="stable").reset_index(drop=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    # A fixed timestamp in gpkg_contents keeps the file identical from one run to the next.
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2026-01-01T00:00:00.000Z"})
    pyogrio.write_dataframe(frame, out, layer=LAYER, driver="GPKG", promote_to_multi=True,
                            layer_options={"DESCRIPTION": "Natural Earth 1:110m countries (public domain)",
                                           "SPATIAL_INDEX": "NO"})  # 177 features: no index needed
    return len(frame)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=None, help="Natural Earth countries shapefile")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output GeoPackage (default {OUT})")
    args = parser.parse_args(argv)
    source = args.source or default_source()
    if not source.is_file():
        print(f"make_basemap: no such file: {source}", file=sys.stderr)
        return 1
    count = convert(source, args.out)
    print(f"{args.out}: {count} countries, {args.out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
