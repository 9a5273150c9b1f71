"""TAK benchmark: a brief of N features as a TAK data package, and the package read back.

    .venv/bin/python benchmarks/bench_tak.py --zones 2000 --incidents 7000

Prints one JSON document: the time to make the audience's view (``audience_view``, internal), to
write it as a data package (one CoT file per event) and as one ``.cot`` file, and to import the
package into a fresh workspace (``import_file``, all checks); the package's size and event count;
peak memory. As a baseline in the same run: the same features exported to one GeoJSON file
(``export_file``). Workspaces are made in a temporary folder and removed.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--zones", type=int, default=2000)
    parser.add_argument("--incidents", type=int, default=7000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from datetime import UTC, datetime

    import geopandas as gpd
    import numpy as np
    import shapely

    from humanops.formats.exporter import export_file
    from humanops.formats.importer import import_file
    from humanops.formats.tak_brief import write_tak_brief
    from humanops.model.marking import Marking
    from humanops.sharing.audience import INTERNAL, audience_view
    from humanops.store.workspace import Workspace

    rng = np.random.default_rng(args.seed)
    now = datetime(2026, 11, 28, 10, tzinfo=UTC)
    with tempfile.TemporaryDirectory(prefix="humanops-bench-tak-") as folder:
        root = Path(folder)
        ws = Workspace.create(root / "source.gpkg", organisation="ocha")
        cx, cy = 36.0 + rng.random(args.zones) * 2, 33.0 + rng.random(args.zones) * 2
        zones = shapely.buffer(shapely.points(cx, cy), 0.01 + rng.random(args.zones) * 0.02, quad_segs=6)
        ws.add_frame("danger_zone", gpd.GeoDataFrame(
            {"name": [f"zone {i}" for i in range(args.zones)],
             "hazard": rng.choice(["shelling", "flood", "landmines_uxo"], args.zones),
             "severity": rng.integers(1, 6, args.zones)},
            geometry=gpd.GeoSeries(shapely.multipolygons([[z] for z in zones]), crs=4326)), marking=Marking())
        ix, iy = 36.0 + rng.random(args.incidents) * 2, 33.0 + rng.random(args.incidents) * 2
        ws.add_frame("incident", gpd.GeoDataFrame(
            {"name": [f"incident {i}" for i in range(args.incidents)],
             "incident_type": rng.choice(["shelling", "armed_clash", "flood", "other"], args.incidents),
             "occurred": ["2026-11-27T06:00:00.000Z"] * args.incidents},
            geometry=gpd.GeoSeries(shapely.points(ix, iy), crs=4326)), marking=Marking())
        layers = ["danger_zone", "incident"]

        start = time.perf_counter()
        view = audience_view(ws, INTERNAL, layers=layers, at=now)
        view_s = time.perf_counter() - start
        start = time.perf_counter()
        report = write_tak_brief(view, root / "brief.zip", generated=now)
        package_s = time.perf_counter() - start
        start = time.perf_counter()
        write_tak_brief(view, root / "brief.cot", generated=now, as_cot=True)
        cot_s = time.perf_counter() - start
        start = time.perf_counter()
        export_file(ws, root / "baseline.geojson", layers=layers, layers_as="column")
        geojson_s = time.perf_counter() - start
        ws.close()

        fresh = Workspace.create(root / "fresh.gpkg", organisation="field")
        start = time.perf_counter()
        imported = import_file(fresh, root / "brief.zip")
        import_s = time.perf_counter() - start
        fresh.close()
        print(json.dumps({
            "features": args.zones + args.incidents, "events": report.events,
            "view_s": round(view_s, 3), "package_s": round(package_s, 3), "cot_file_s": round(cot_s, 3),
            "import_package_s": round(import_s, 3), "imported": imported.imported,
            "package_bytes": (root / "brief.zip").stat().st_size, "cot_file_bytes": (root / "brief.cot").stat().st_size,
            "baseline_geojson_export_s": round(geojson_s, 3),
            "package_vs_geojson": round(package_s / geojson_s, 2) if geojson_s else None,
            "peak_rss_mb": round(peak_rss_mb(), 1),
        }, indent=2))


if __name__ == "__main__":
    main()
