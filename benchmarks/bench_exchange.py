"""Exchange benchmark: export (signed + encrypted) and import of N need points with markings,
beside writing and reading the same features as a plain GeoPackage with pyogrio.

    .venv/bin/python benchmarks/bench_exchange.py --features 100000

Prints one JSON document: times, sizes, peak memory (ru_maxrss), and the ratio of
(export + import) to (GeoPackage write + read), the target being at most 1.5.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely


def peak_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / 1024 / (1024 if sys.platform == "darwin" else 1), 1)


def make_needs(n: int, seed: int = 7) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    lon = 36.0 + rng.random(n) * 2.0
    lat = 33.0 + rng.random(n) * 2.0
    tlp = rng.choice(np.array(["CLEAR", "GREEN", "AMBER", "AMBER", "AMBER"], dtype=object), n)
    releasable = np.where(rng.random(n) < 0.3, "medaid", None).astype(object)
    return gpd.GeoDataFrame({
        "name": [f"site {i}" for i in range(n)],
        "admin_code": [f"SY{i % 400:04d}" for i in range(n)],
        "population": rng.integers(10, 5000, n),
        "households": rng.integers(2, 1000, n),
        "severity_phase": rng.integers(1, 6, n),
        "pin_food": rng.integers(0, 3000, n),
        "pin_water": rng.integers(0, 3000, n),
        "assessed": pd.to_datetime("2026-01-01") + pd.to_timedelta(rng.integers(0, 300, n), unit="D"),
        "notes": ["assessed by mobile team"] * n,
        "tlp": tlp,
        "releasable_to": releasable,
    }, geometry=shapely.points(lon, lat), crs=4326)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    args = parser.parse_args()

    import pyogrio

    from humanops.sharing import cards, keys
    from humanops.sharing.exchange_export import export_package
    from humanops.sharing.exchange_import import import_package
    from humanops.store.workspace import Workspace

    n = args.features
    out: dict = {"features": n}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        frame = make_needs(n)
        sender = Workspace.create(d / "ocha.gpkg", organisation="ocha")
        receiver = Workspace.create(d / "medaid.gpkg", organisation="medaid")
        keys.init_identity(sender, "ocha", "OCHA", "sender passphrase", communities=("community:syria",))
        keys.init_identity(receiver, "medaid", "MedAid", "receiver passphrase", communities=("community:syria",))
        cards.write_card(sender, d / "ocha.card", "sender passphrase")
        cards.write_card(receiver, d / "medaid.card", "receiver passphrase")
        cards.add_partner_from_card(sender, d / "medaid.card")
        cards.add_partner_from_card(receiver, d / "ocha.card")
        t = time.perf_counter()
        sender.add_frame("need", frame)
        out["setup_add_frame_s"] = round(time.perf_counter() - t, 3)
        out["peak_mb_after_setup"] = peak_mb()

        t = time.perf_counter()
        result = export_package(sender, ["medaid"], d / "p.hopx", "sender passphrase", full=True)
        out["export_s"] = round(time.perf_counter() - t, 3)
        out["package_bytes"] = result.bytes
        out["exported_features"] = sum(v["features"] for v in result.layers.values())
        out["peak_mb_after_export"] = peak_mb()

        t = time.perf_counter()
        imported = import_package(receiver, d / "p.hopx", "receiver passphrase")
        out["import_s"] = round(time.perf_counter() - t, 3)
        out["imported"] = imported.totals()
        out["peak_mb_after_import"] = peak_mb()
        sender.close()
        receiver.close()

        # baseline: the same features as a plain GeoPackage, written and read by pyogrio
        plain = Workspace.open(d / "ocha.gpkg")
        sender_frame = plain.read_layer("need")
        plain.close()
        t = time.perf_counter()
        pyogrio.write_dataframe(sender_frame, d / "plain.gpkg", layer="need", driver="GPKG")
        out["gpkg_write_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        back = pyogrio.read_dataframe(d / "plain.gpkg", layer="need")
        out["gpkg_read_s"] = round(time.perf_counter() - t, 3)
        out["gpkg_bytes"] = (d / "plain.gpkg").stat().st_size
        assert len(back) == len(sender_frame)
        out["ratio_export_to_write"] = round(out["export_s"] / max(out["gpkg_write_s"], 1e-9), 2)
        out["ratio_import_to_read"] = round(out["import_s"] / max(out["gpkg_read_s"], 1e-9), 2)
        out["ratio_total"] = round((out["export_s"] + out["import_s"])
                                   / max(out["gpkg_write_s"] + out["gpkg_read_s"], 1e-9), 2)
        # an import also writes a GeoPackage (the workspace): compared with a plain read + write
        out["ratio_import_to_read_plus_write"] = round(out["import_s"] / max(out["gpkg_write_s"] + out["gpkg_read_s"],
                                                                             1e-9), 2)
        out["target_ratio_total"] = 1.5
        out["peak_mb"] = peak_mb()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
