"""An independent checker of a hub's packages (issue 14): what each partner's package holds
against what the rules allow it, read from the database and from the packages themselves.

    .venv/bin/python benchmarks/release_checker.py --orgs 50 --needs 20000
    (bench_team.py --orgs 50 runs it too, as ``package_release_test``)

The hub (a PostGIS workspace with its keys) holds needs with random markings; every partner has
its own keys (a GeoPackage workspace each, its card added to the hub's directory); the hub
exports one full package to each partner with the app's ``export_package`` (on PostGIS: the SQL
release rule checked against the Python policy, ``sharing/database_release.py``).

The checker then uses none of the app's release code. Per partner it opens the package file as
the partner would: decrypts it with the partner's own age key, verifies the Ed25519 signature
with the hub's public key from the hub's card, checks the payload against the signed hash and
decodes it (``package_format`` and ``payload_codec``: the exchange reader, the format's bytes,
no policy). It reads every row of the hub's database (its markings and geometries) with plain
SQL, and asks ``policy.may_receive`` (the oracle, in Python, per row) what the partner may
receive. Counted, per partner and in all:

- ``released_outside_rules``: an exact feature in the package the oracle does not allow exactly
  (or not in the database, or carrying another marking or geometry than the database's);
- ``generalised_outside_rules``: a generalised feature whose position is finer than its
  precision allows (not on the centre of a cell of that size in the package's grid CRS), or
  that stands for no row the oracle generalises for this partner in that cell and marking;
- ``withheld_though_allowed``: a row the oracle allows exactly that the package does not hold;
- ``generalised_rows_not_in_an_aggregate``: rows the oracle generalises with no aggregate in
  their cell (the k-anonymity suppression of small groups withholds some by design: reported,
  not an error).

The directory the oracle reads is built here from the organisations' cards, not read from the
hub. The features are the hub's own (a partner's feature passes on only as its originator
signed it, an export rule beyond ``may_receive``); no key is revoked (a revoked partner gets no
package at all).
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

HUB = "hub"
COMMUNITIES = [f"community:c{i}" for i in range(6)]
AREA = (35.7, 32.3, 42.4, 37.3)
GRID_TOLERANCE_M = 0.01  # a cell centre read back from EPSG:4326 (double precision) is this close


@dataclass
class Party:
    org: str
    communities: tuple[str, ...]
    folder: Path

    @property
    def passphrase(self) -> str:
        return f"passphrase of {self.org}"

    @property
    def workspace_path(self) -> Path:
        return self.folder / f"{self.org}.gpkg"

    @property
    def card(self) -> Path:
        return self.folder / f"{self.org}.card.json"


# --- the hub and its partners (made with the app, as a hub would) ---------------------------------

def make_parties(folder: Path, n_orgs: int, seed: int) -> list[Party]:
    """Each partner's workspace with its own keys and card."""
    from humanops.sharing import cards, keys
    from humanops.store.workspace import Workspace

    rng = random.Random(seed)
    parties = []
    for i in range(n_orgs):
        party = Party(f"org{i:02d}", tuple(sorted(rng.sample(COMMUNITIES, rng.randint(0, 2)))), folder)
        with Workspace.create(party.workspace_path, organisation=party.org) as ws:
            keys.init_identity(ws, party.org, party.org.upper(), party.passphrase, communities=party.communities)
            cards.write_card(ws, party.card, party.passphrase)
        parties.append(party)
    return parties


def make_hub(dsn: str, folder: Path, parties: list[Party], n_needs: int, seed: int) -> Party:
    """The hub's PostGIS workspace: its keys, every partner's card, needs with random markings."""
    import geopandas as gpd

    from humanops.sharing import cards, keys
    from humanops.store.postgis.workspace import PostgisWorkspace

    hub = Party(HUB, tuple(COMMUNITIES[:3]), folder)
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    with PostgisWorkspace.create(dsn, organisation=HUB) as ws:
        keys.init_identity(ws, HUB, "Hub", hub.passphrase, communities=hub.communities)
        cards.write_card(ws, hub.card, hub.passphrase)
        for party in parties:
            cards.add_partner_from_card(ws, party.card)
        now = datetime.now(UTC)
        names = [p.org for p in parties]
        pool = []
        for _ in range(300):  # few distinct markings, as in real data
            pool.append({
                "tlp": rng.choice(["CLEAR", "GREEN", "GREEN", "AMBER", "AMBER", "AMBER+STRICT", "RED"]),
                "releasable_to": ",".join(rng.sample([*names, *COMMUNITIES], rng.choice([0, 0, 1, 2, 3]))) or None,
                "caveats": rng.choice([None, None, "no_onward_sharing", "protection_sensitive"]),
                "expires": rng.choice([None, None, now - timedelta(days=2), now + timedelta(days=60)]),
                "precision": rng.choice(["exact", "exact", "exact", "grid:1000:k5", "grid:5000"]),
            })
        picks = nrng.integers(0, len(pool), n_needs)
        x = AREA[0] + nrng.random(n_needs) * (AREA[2] - AREA[0]) * 0.2  # clustered: cells hold several
        y = AREA[1] + nrng.random(n_needs) * (AREA[3] - AREA[1]) * 0.2
        frame = gpd.GeoDataFrame({
            "name": [f"site {i}" for i in range(n_needs)], "population": nrng.integers(10, 5000, n_needs),
            **{c: [pool[i][c] for i in picks] for c in pool[0]}}, geometry=shapely.points(x, y), crs=4326)
        ws.add_frame("need", frame)
    return hub


def export_to_each(dsn: str, hub: Party, parties: list[Party], out: Path) -> dict[str, Path]:
    """One full package from the hub to each partner (the app's export)."""
    from humanops.sharing import keys
    from humanops.sharing.exchange_export import export_package
    from humanops.store.postgis.workspace import PostgisWorkspace

    packages = {}
    with PostgisWorkspace.open(dsn) as ws:
        identity = keys.unlock(ws, hub.passphrase)
        for party in parties:
            path = out / f"hub-to-{party.org}.hopx"
            export_package(ws, [party.org], path, identity, full=True, layers=["need"])
            packages[party.org] = path
    return packages


# --- the independent checker --------------------------------------------------------------------

def oracle_directory(hub: Party, parties: list[Party]) -> Any:
    """The directory as the cards declare it (not read from the hub)."""
    from humanops.sharing.directory import Community, Directory, Organisation

    orgs = [Organisation(p.org, p.org.upper(), communities=p.communities) for p in [hub, *parties]]
    return Directory(orgs, [Community(c, c) for c in COMMUNITIES])


def read_package(path: Path, party: Party, hub_card: Path) -> tuple[dict[str, Any], Any]:
    """The package as ``party`` opens it: decrypted with its key, the hub's signature verified
    with the key on the hub's card, the payload matched to the signed hash and decoded."""
    from humanops.sharing import cards, keys, package_format
    from humanops.sharing.payload_codec import decode_payload
    from humanops.store.workspace import Workspace

    with Workspace.open(party.workspace_path) as ws:
        identities = list(keys.unlock(ws, party.passphrase).age_identities)
    opened = package_format.open_package(package_format.read_package_file(path), identities, file=str(path))
    card = cards.read_card(hub_card)
    package_format.verify_signature(opened, keys.public_key(card.signing_key), file=str(path))
    if opened.sender != HUB or opened.recipients != [party.org]:
        raise SystemExit(f"{path}: sent by {opened.sender} to {opened.recipients}, not by {HUB} to {party.org}")
    layers = decode_payload(bytes(package_format.payload_json(opened, file=str(path))), file=str(path))
    return layers, opened.manifest


def database_rows(dsn: str) -> list[dict[str, Any]]:
    """Every need of the hub's database: identity, marking, geometry (plain SQL)."""
    import psycopg

    with psycopg.connect(dsn) as connection:
        rows = connection.execute("SELECT uuid, originator, tlp, releasable_to, caveats, expires, precision, "
                                  "ST_AsBinary(geom) FROM need").fetchall()
    names = ["uuid", "originator", "tlp", "releasable_to", "caveats", "expires", "precision", "wkb"]
    return [dict(zip(names, r, strict=True)) for r in rows]


def _marking(row: dict[str, Any]) -> Any:
    from humanops.model.marking import Marking

    return Marking.from_columns({k: row[k] for k in ("tlp", "releasable_to", "caveats", "expires", "precision")})


def _same_marking(sent: dict[str, Any], stored: dict[str, Any]) -> bool:
    from humanops.errors import HumanOpsError

    try:
        return _marking(sent).to_columns() == _marking(stored).to_columns()
    except HumanOpsError:  # a marking the package cannot even state is not the database's
        return False


def check_partner(rows: list[dict[str, Any]], layers: dict[str, Any], party: Party, directory: Any,
                  now: datetime) -> dict[str, int]:
    """The counts for one partner (see the module docstring)."""
    from humanops.model import Feature
    from humanops.model.marking import Precision
    from humanops.sharing.policy import may_receive

    memo: dict[tuple, str] = {}
    by_uuid = {r["uuid"]: r for r in rows}
    actions = {}
    for r in rows:
        key = (r["originator"], r["tlp"], r["releasable_to"], r["caveats"], r["expires"], r["precision"])
        if key not in memo:
            feature = Feature("need", None, {}, _marking(r), originator=r["originator"] or None)
            memo[key] = may_receive(feature, HUB, party.org, directory, now).action
        actions[r["uuid"]] = memo[key]
    out = {"exact_sent": 0, "generalised_sent": 0, "released_outside_rules": 0, "generalised_outside_rules": 0,
           "withheld_though_allowed": 0, "generalised_rows_not_in_an_aggregate": 0}
    payload = layers.get("need")
    frame = payload.frame if payload is not None else None
    sent_exact: set[str] = set()
    cells: set[tuple] = set()
    if frame is not None and len(frame):
        live = frame[~frame["_deleted"].astype(bool)]
        generalised = live["_generalised"].notna().to_numpy()
        for record in live[~generalised].to_dict("records"):
            out["exact_sent"] += 1
            stored = by_uuid.get(record["uuid"])
            sent_exact.add(record["uuid"])
            if stored is None or actions[record["uuid"]] != "allow" or not _same_marking(record, stored) or \
                    not shapely.equals_exact(shapely.from_wkb(stored["wkb"]), record["_geom"], 1e-9):
                out["released_outside_rules"] += 1
        aggregates = live[generalised]
        if len(aggregates):
            to_grid = _transformer(payload.grid_crs)
            # the oracle's generalised rows by (cell, precision, originator, tlp): what an aggregate may stand for
            coarse = [r for r in rows if actions[r["uuid"]] == "generalise"]
            allowed = {_group(r, to_grid) for r in coarse}
            for record in aggregates.to_dict("records"):
                out["generalised_sent"] += 1
                size = float(Precision.parse(record["_generalised"]).grid_m or 0)
                x, y = to_grid.transform(record["_geom"].x, record["_geom"].y)
                on_centre = size > 0 and all(abs(v / size - 0.5 - round(v / size - 0.5)) * size < GRID_TOLERANCE_M
                                             for v in (x, y))
                group = ((int(np.floor(x / size)), int(np.floor(y / size))) if size else None,
                         record["_generalised"], record["originator"] or None, record["tlp"])
                cells.add(group)
                if not on_centre or group not in allowed:
                    out["generalised_outside_rules"] += 1
            out["generalised_rows_not_in_an_aggregate"] = sum(_group(r, to_grid) not in cells for r in coarse)
        else:
            out["generalised_rows_not_in_an_aggregate"] = sum(a == "generalise" for a in actions.values())
    else:
        out["generalised_rows_not_in_an_aggregate"] = sum(a == "generalise" for a in actions.values())
    for r in rows:
        if actions[r["uuid"]] == "allow" and r["uuid"] not in sent_exact:
            out["withheld_though_allowed"] += 1
        # an exact copy of a row the oracle generalises or withholds is counted above as
        # released outside; a generalised row sent exact is also outside its precision
        if actions[r["uuid"]] == "generalise" and r["uuid"] in sent_exact:
            out["generalised_outside_rules"] += 1
    return out


@functools.cache
def _transformer(crs: str) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(4326, crs, always_xy=True)


def _group(row: dict[str, Any], to_grid: Any) -> tuple:
    """(grid cell, precision, originator, tlp) of a database row: the aggregate it would go in."""
    from humanops.model.marking import Precision

    size = float(Precision.parse(row["precision"]).grid_m or 0)
    cell = None
    if size:
        cached = ("_xy", id(to_grid))  # one transformer per grid CRS (_transformer)
        if cached not in row:
            point = shapely.from_wkb(row["wkb"])
            row[cached] = to_grid.transform(point.x, point.y)  # type: ignore[index]
        x, y = row[cached]  # type: ignore[index]
        cell = (int(np.floor(x / size)), int(np.floor(y / size)))
    return cell, row["precision"], row["originator"] or None, row["tlp"]


def check_packages(dsn: str, hub: Party, parties: list[Party], packages: dict[str, Path]) -> dict[str, Any]:
    """Every partner's package against the database and the oracle; totals and per partner."""
    started = time.perf_counter()
    rows = database_rows(dsn)
    directory = oracle_directory(hub, parties)
    now = datetime.now(UTC)
    per_partner = {}
    for party in parties:
        layers, _ = read_package(packages[party.org], party, hub.card)
        per_partner[party.org] = check_partner(rows, layers, party, directory, now)
    totals = {k: sum(p[k] for p in per_partner.values()) for k in next(iter(per_partner.values()))}
    return {"organisations": len(parties), "rows": len(rows), **totals,
            "checker_seconds": round(time.perf_counter() - started, 2), "per_partner": per_partner}


def run_package_release_test(dsn: str, n_orgs: int, n_needs: int, seed: int = 14,
                             work_dir: str | None = None) -> dict[str, Any]:
    """Hub, partners, one export each, the check. ``dsn``: an empty PostGIS database."""
    from humanops.sharing import keys

    folder = Path(tempfile.mkdtemp(prefix="release-check-", dir=work_dir))
    kdf, keys.SCRYPT_N = keys.SCRYPT_N, 2**12  # the key derivation is not what is measured
    try:
        started = time.perf_counter()
        parties = make_parties(folder, n_orgs, seed)
        hub = make_hub(dsn, folder, parties, n_needs, seed)
        setup = time.perf_counter() - started
        started = time.perf_counter()
        packages = export_to_each(dsn, hub, parties, folder)
        export = time.perf_counter() - started
        result = check_packages(dsn, hub, parties, packages)
    finally:
        keys.SCRYPT_N = kdf
    result.update({"setup_seconds": round(setup, 1), "export_seconds": round(export, 1),
                   "package_bytes_total": sum(p.stat().st_size for p in packages.values())})
    if work_dir is None:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def main() -> None:
    from pg_cluster import ThrowawayCluster

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orgs", type=int, default=50)
    parser.add_argument("--needs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--dir", help="working folder (default: a temporary one)")
    parser.add_argument("--per-partner", action="store_true", help="print each partner's counts too")
    args = parser.parse_args()
    started = time.perf_counter()
    with ThrowawayCluster.start() as cluster:
        result = run_package_release_test(cluster.create_database(), args.orgs, args.needs, args.seed, args.dir)
    if not args.per_partner:
        result.pop("per_partner")
    print(json.dumps({"benchmark": "release_checker", "results": result,
                      "seconds": round(time.perf_counter() - started, 1),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}, indent=2))


if __name__ == "__main__":
    main()
