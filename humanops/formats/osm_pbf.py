"""OpenStreetMap extracts (``.osm.pbf``, also ``.osm`` XML) → road segments for the ``road`` layer.

Read with pyosmium (``FileProcessor(...).with_locations()``, ways with a ``highway`` tag). An
OSM way is not a road segment: ways run through junctions. Each way is SPLIT at the nodes it
shares with other ways (and at its own repeated nodes), found by counting node ids across all
ways with numpy. Nothing is noded planarly: a bridge over a road shares no node with it, so it
stays a crossing without a junction, as on the ground.

Kept per segment: road class (OSM ``highway`` mapped onto the road kind's ``road_class``, and the
``highway`` type itself, which says which travellers use it), name, oneway (``yes``/``1``/``true``;
``-1`` reverses the geometry; implied on motorways and roundabouts), ``foot`` access (yes/no) and
``oneway:foot`` (``oneway_foot``: walkers ignore plain one-way), bridge, tunnel, surface
(paved/unpaved/unknown), condition (from ``smoothness``), ``osm_id`` (the way), and the OSM
``layer`` in the notes (the road kind has no layer field).
Ways whose highway value is not a road (``proposed``, ``construction``, ``platform``...) are
counted in the report and skipped. ODbL: data from OSM must be attributed to its contributors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from humanops.errors import FormatError

if TYPE_CHECKING:
    import geopandas as gpd

    from humanops.feedback import Feedback
    from humanops.store.workspace import Workspace

HIGHWAY_CLASS = {
    "motorway": "motorway", "motorway_link": "motorway",
    "trunk": "trunk", "trunk_link": "trunk",
    "primary": "primary", "primary_link": "primary",
    "secondary": "secondary", "secondary_link": "secondary",
    "tertiary": "tertiary", "tertiary_link": "tertiary",
    "unclassified": "unclassified", "road": "unclassified",
    "residential": "residential", "living_street": "residential",
    "service": "service",
    "track": "track",
    "path": "path", "footway": "path", "cycleway": "path", "bridleway": "path", "pedestrian": "path",
    "steps": "path",
}
PAVED = {"paved", "asphalt", "concrete", "concrete:plates", "concrete:lanes", "paving_stones", "sett",
         "cobblestone", "unhewn_cobblestone", "metal", "wood", "chipseal", "brick", "bricks"}
UNPAVED = {"unpaved", "gravel", "fine_gravel", "compacted", "dirt", "earth", "ground", "grass", "sand",
           "mud", "pebblestone", "rock", "woodchips", "grass_paver", "clay", "salt", "snow", "ice"}
SMOOTHNESS = {"excellent": "good", "good": "good", "intermediate": "fair", "bad": "fair",
              "very_bad": "poor", "horrible": "poor", "very_horrible": "impassable", "impassable": "impassable"}
TRUE_WORDS = {"yes", "1", "true"}


@dataclass
class OsmRoadsReport:
    """What an import read, kept and skipped."""

    file: str
    ways_read: int = 0
    ways_kept: int = 0
    segments: int = 0
    skipped_highway: dict[str, int] = field(default_factory=dict)
    ways_without_locations: int = 0
    degenerate_segments: int = 0
    by_class: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def read_osm_roads(path: str | Path, feedback: Feedback | None = None) -> tuple[gpd.GeoDataFrame, OsmRoadsReport]:
    """Road segments of an OSM extract, split at shared nodes, as a frame for the ``road`` kind."""
    import geopandas as gpd
    import osmium

    from humanops.feedback import Feedback as _Feedback

    feedback = feedback or _Feedback()
    path = Path(path)
    if not path.is_file():
        raise FormatError("no such file", file=str(path))
    report = OsmRoadsReport(file=str(path))
    refs: list[int] = []
    lons: list[float] = []
    lats: list[float] = []
    way_len: list[int] = []
    attrs: list[tuple[Any, ...]] = []
    feedback.progress(0.0, "reading OpenStreetMap ways")
    try:
        processor = (osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
                     .with_locations().with_filter(osmium.filter.KeyFilter("highway")))
        for count, obj in enumerate(processor):
            if count % 20000 == 0:
                feedback.check()
            if not obj.is_way():
                continue
            report.ways_read += 1
            tags = obj.tags
            highway = tags.get("highway", "")
            road_class = HIGHWAY_CLASS.get(highway)
            if road_class is None or tags.get("area") == "yes":
                key = highway if road_class is None else f"{highway} (area)"
                report.skipped_highway[key] = report.skipped_highway.get(key, 0) + 1
                continue
            n = 0
            for node in obj.nodes:
                location = node.location
                if not location.valid():
                    continue   # clipped at the extract's edge: keep what is inside
                refs.append(node.ref)
                lons.append(location.lon)
                lats.append(location.lat)
                n += 1
            if n < 2:
                del refs[len(refs) - n:], lons[len(lons) - n:], lats[len(lats) - n:]
                report.ways_without_locations += 1
                continue
            way_len.append(n)
            attrs.append((obj.id, road_class, highway, tags.get("name"), tags.get("oneway"),
                          tags.get("junction"), tags.get("bridge"), tags.get("tunnel"), tags.get("layer"),
                          tags.get("surface"), tags.get("smoothness"), tags.get("foot"), tags.get("oneway:foot")))
    except (RuntimeError, OSError, ValueError) as exc:   # osmium reports a bad file as RuntimeError
        raise FormatError(f"not a readable OpenStreetMap file ({exc})", file=str(path)) from None
    report.ways_kept = len(way_len)
    feedback.progress(0.6, "splitting ways at shared nodes")
    frame = _split_ways(np.asarray(refs, dtype=np.int64), np.asarray(lons), np.asarray(lats),
                        np.asarray(way_len, dtype=np.int64), attrs, report)
    report.segments = len(frame)
    report.by_class = {str(k): int(v) for k, v in frame["road_class"].value_counts().items()} if len(frame) else {}
    feedback.progress(1.0, "roads read")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=4326), report


def _split_ways(refs: np.ndarray, lons: np.ndarray, lats: np.ndarray, way_len: np.ndarray,
                attrs: list[tuple[Any, ...]], report: OsmRoadsReport) -> Any:
    """Split every way at its vertices shared with another way (or repeated in itself)."""
    import pandas as pd

    columns = ["name", "road_class", "highway", "surface", "condition", "oneway", "foot", "oneway_foot", "bridge",
               "tunnel", "osm_id", "notes"]
    if not len(way_len):
        return pd.DataFrame({c: [] for c in columns} | {"geometry": np.zeros(0, dtype=object)})
    way_start = np.concatenate([[0], np.cumsum(way_len)[:-1]])
    way_of = np.repeat(np.arange(len(way_len)), way_len)
    _, inverse, counts = np.unique(refs, return_inverse=True, return_counts=True)
    split = counts[inverse.ravel()] > 1
    split[way_start] = True
    split[way_start + way_len - 1] = True
    cut = np.flatnonzero(split)                          # segment boundaries, in way order
    same_way = way_of[cut[:-1]] == way_of[cut[1:]]
    seg_start, seg_end = cut[:-1][same_way], cut[1:][same_way]
    lengths = seg_end - seg_start + 1                    # vertices per segment, boundaries shared
    seg_id = np.repeat(np.arange(len(seg_start)), lengths)
    offset = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    vertex = np.repeat(seg_start, lengths) + offset
    seg_way = way_of[seg_start]

    # oneway=-1: the way runs against its drawing direction; reverse those segments' vertices
    table = pd.DataFrame(attrs, columns=["osm_id", "road_class", "highway", "name", "oneway", "junction",
                                         "bridge", "tunnel", "layer", "surface", "smoothness", "foot",
                                         "oneway_foot"])
    oneway_tag = table["oneway"].fillna("").str.lower()
    implied = table["highway"].isin(["motorway"]) | table["junction"].isin(["roundabout", "circular"])
    oneway = (oneway_tag.isin(TRUE_WORDS) | (oneway_tag == "-1") | (implied & (oneway_tag != "no"))).to_numpy()
    # walkers ignore one-way except oneway:foot; -1 on either runs against the drawing direction, so
    # such a way is reversed (oneway:foot=-1 only when it does not contradict the drivers' direction)
    foot_tag = table["oneway_foot"].fillna("").str.lower()
    oneway_foot = (foot_tag.isin(TRUE_WORDS) | (foot_tag == "-1")).to_numpy().copy()
    reverse_way = ((oneway_tag == "-1") | ((foot_tag == "-1") & ~oneway)).to_numpy()
    oneway_foot &= ~((foot_tag == "-1").to_numpy() ^ reverse_way)   # contradicting directions: drivers' wins
    foot = table["foot"].fillna("").str.lower()
    foot_access = np.where(foot.isin(["yes", "designated", "permissive"]), "yes",
                           np.where(foot.isin(["no", "private", "use_sidepath"]), "no", None)).astype(object)
    rev = reverse_way[seg_way][seg_id]
    if rev.any():
        first = np.repeat(np.cumsum(lengths) - lengths, lengths)
        last = first + np.repeat(lengths, lengths) - 1
        position = np.arange(len(vertex))
        vertex = np.where(rev, vertex[last - (position - first)], vertex)
    coords = np.column_stack([lons[vertex], lats[vertex]])
    geoms = shapely.linestrings(coords, indices=seg_id)
    good = shapely.length(geoms) > 0
    report.degenerate_segments = int((~good).sum())

    def flag(col: str) -> np.ndarray:
        values = table[col].fillna("no").str.lower()
        return (~values.isin(["no", "false", "0"])).to_numpy()

    surface = table["surface"].fillna("").str.lower()
    surface_kind = np.where(surface.isin(PAVED), "paved", np.where(surface.isin(UNPAVED), "unpaved", "unknown"))
    condition = table["smoothness"].fillna("").str.lower().map(SMOOTHNESS).fillna("good").to_numpy(dtype=object)
    layer = table["layer"].fillna("").to_numpy(dtype=object)
    notes = np.array([f"OSM way {w}" + (f", layer {lay}" if lay else "")
                      for w, lay in zip(table["osm_id"], layer, strict=True)], dtype=object)
    name = table["name"].to_numpy(dtype=object)
    frame = pd.DataFrame({
        "name": name[seg_way],
        "road_class": table["road_class"].to_numpy(dtype=object)[seg_way],
        "highway": table["highway"].to_numpy(dtype=object)[seg_way],
        "surface": surface_kind.astype(object)[seg_way],
        "condition": condition[seg_way],
        "oneway": oneway[seg_way],
        "foot": foot_access[seg_way],
        "oneway_foot": oneway_foot[seg_way],
        "bridge": flag("bridge")[seg_way],
        "tunnel": flag("tunnel")[seg_way],
        "osm_id": table["osm_id"].to_numpy(dtype=np.int64)[seg_way],
        "notes": notes[seg_way],
        "geometry": geoms,
    })
    return frame[good].reset_index(drop=True)


def import_osm_roads(workspace: Workspace, path: str | Path, *, dry_run: bool = False,
                     feedback: Feedback | None = None) -> OsmRoadsReport:
    """Read an extract and add its road segments to the workspace in one transaction."""
    from humanops.errors import ValidationError

    frame, report = read_osm_roads(path, feedback)
    if dry_run or not len(frame):
        return report
    try:
        workspace.add_frame("road", frame)
    except ValidationError as exc:
        row = frame.iloc[exc.feature] if isinstance(exc.feature, int) and exc.feature < len(frame) else None
        where = f"OSM way {row['osm_id']}" if row is not None else exc.feature
        raise FormatError(exc.reason, file=str(path), layer="road", feature=where, field=exc.field) from None
    return report
