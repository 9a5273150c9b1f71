"""Exporting layers, and the round trip of every format: export, import into a fresh
workspace, and find the same features (uuid, fields, markings, geometry)."""

from __future__ import annotations

import json
import warnings
from datetime import UTC, date, datetime
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from humanops.errors import FormatError
from humanops.feedback import Canceled, Feedback
from humanops.formats.exporter import export_file
from humanops.formats.importer import import_file
from humanops.model.marking import TLP, Marking, Precision
from humanops.store.workspace import Workspace

HOLED = Polygon([(36, 33), (36.2, 33), (36.2, 33.2), (36, 33.2)], [[(36.05, 33.05), (36.1, 33.05), (36.1, 33.1)]])


@pytest.fixture
def filled(workspace):
    """A workspace with points, lines, polygons, dates, booleans, markings and awkward text."""
    ws = workspace
    ws.add_feature("need", Point(36.123456789, 33.987654321),
                   {"name": "Camp Nord – école", "population": 1500, "households": 300, "severity_phase": 4,
                    "admin_code": "SY0101", "assessed": date(2024, 5, 1),
                    "notes": 'line one\nline two, with "quotes"'},
                   Marking(tlp=TLP.RED, releasable_to=("unicef", "wfp"), caveats=("no_onward_sharing",),
                           expires=datetime(2025, 1, 31, 12, 0, tzinfo=UTC), precision=Precision.parse("grid:500:k5")))
    ws.add_feature("need", Point(36.3, 33.4), {"name": "=HYPERLINK(\"http://x\")", "population": 80},
                   Marking(tlp=TLP.CLEAR))
    ws.add_feature("need", Point(-70.5, -12.25), {"name": "Sur", "population": 5, "pin_water": 3})
    ws.add_feature("danger_zone", HOLED, {"name": "Front", "hazard": "shelling", "severity": 5,
                                          "valid_from": datetime(2024, 5, 1, 6, 30, tzinfo=UTC)})
    ws.add_feature("danger_zone", MultiPolygon([Polygon([(37, 33), (37.1, 33), (37.1, 33.1)]),
                                                Polygon([(38, 33), (38.1, 33), (38.1, 33.1)])]),
                   {"name": "Mines", "hazard": "landmines_uxo", "severity": 3, "confidence": "high"})
    ws.add_feature("corridor", LineString([(36, 33), (36.5, 33.5), (37, 33.2)]),
                   {"name": "Route 1", "status": "open", "width_m": 12.5})
    ws.add_feature("road", LineString([(36, 33), (36.01, 33.02)]),
                   {"name": "Main", "road_class": "primary", "oneway": True, "bridge": False})
    return ws


def _same_features(source: Workspace, target: Workspace, layers: list[str], tolerance: float) -> None:
    for layer in layers:
        mine = {f.uuid: f for f in source.features(layer)}
        theirs = {f.uuid: f for f in target.features(layer)}
        assert mine.keys() == theirs.keys(), layer
        for uuid, feature in mine.items():
            other = theirs[uuid]
            assert other.properties == feature.properties, (layer, uuid)
            assert other.marking == feature.marking, (layer, uuid)
            assert other.originator == feature.originator == "ocha"
            a, b = shapely.normalize(feature.geometry), shapely.normalize(other.geometry)
            assert a.equals_exact(b, tolerance), (layer, a.wkt, b.wkt)


def _fresh(tmp_path: Path, name: str) -> Workspace:
    return Workspace.create(tmp_path / f"{name}.gpkg", organisation="partner")


ALL = ["danger_zone", "corridor", "road", "need"]


def test_geopackage_round_trip(filled, tmp_path):
    report = export_file(filled, tmp_path / "out.gpkg")
    assert report.layers == {"danger_zone": 2, "corridor": 1, "road": 1, "need": 3}
    target = _fresh(tmp_path, "gpkg")
    import_file(target, tmp_path / "out.gpkg")
    _same_features(filled, target, ALL, 1e-12)


def test_kml_round_trip(filled, tmp_path):
    export_file(filled, tmp_path / "out.kml")
    target = _fresh(tmp_path, "kml")
    import_file(target, tmp_path / "out.kml")
    _same_features(filled, target, ALL, 1e-7)


@pytest.mark.parametrize("suffix", [".geojson", ".csv"])
@pytest.mark.parametrize("layer", ALL)
def test_single_layer_round_trips(filled, tmp_path, suffix, layer):
    path = tmp_path / f"export{suffix}"
    export_file(filled, path, layers=[layer])
    target = _fresh(tmp_path, "single")
    report = import_file(target, path)  # the kind is found again without --layer
    assert report.layers[0].kind == layer
    _same_features(filled, target, [layer], 1e-7)


def test_geojson_is_rfc7946(filled, tmp_path):
    path = tmp_path / "needs.geojson"
    export_file(filled, path, layers=["need"])
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in doc
    coords = {tuple(f["geometry"]["coordinates"]) for f in doc["features"]}
    assert (36.1234568, 33.9876543) in coords  # lon, lat; 7 decimals
    assert {f["properties"]["tlp"] for f in doc["features"]} == {"RED", "CLEAR", "AMBER"}
    red = next(f["properties"] for f in doc["features"] if f["properties"]["tlp"] == "RED")
    assert red["expires"] == "2025-01-31T12:00:00.000Z" and red["assessed"] == "2024-05-01"


@pytest.mark.parametrize("suffix", [".geojson", ".csv"])
def test_one_layer_formats_write_a_file_per_layer_or_a_layer_column(filled, tmp_path, suffix):
    """Issue 10, item 8: several layers to GeoJSON/CSV are no longer refused."""
    path = tmp_path / f"all{suffix}"
    report = export_file(filled, path)
    assert not path.exists()
    assert sorted(Path(f).name for f in report.files) == sorted(f"all_{name}{suffix}" for name in ALL)
    target = _fresh(tmp_path, "per_layer")
    for name in ALL:
        import_file(target, tmp_path / f"all_{name}{suffix}")
    _same_features(filled, target, ALL, 1e-7)
    combined = tmp_path / f"combined{suffix}"
    report = export_file(filled, combined, layers_as="column")
    assert report.files == [] and combined.exists() and report.layers.keys() == set(ALL)
    again = _fresh(tmp_path, "combined")
    imported = import_file(again, combined)  # the layer column splits it again
    assert sorted(layer.kind for layer in imported.layers) == sorted(ALL)
    _same_features(filled, again, ALL, 1e-7)
    # an empty layer beside a full one is no conflict: one file, named as asked
    export_file(filled, tmp_path / f"one{suffix}", layers=["facility", "need"])
    assert (tmp_path / f"one{suffix}").exists()



def test_a_file_per_layer_is_all_or_none(filled, tmp_path):
    """A cancel while the second layer's file is written leaves every earlier export's file as it
    was, the first layer's included (a set from two exports would mislead), and no temporary file."""
    for name in ALL:
        (tmp_path / f"all_{name}.geojson").write_text(f"previous {name}")
    before = sorted(p.name for p in tmp_path.iterdir())

    class CancelOnSecondLayer(Feedback):
        def __init__(self) -> None:
            super().__init__()
            self.layers: set[str] = set()

        def progress(self, fraction: float, message: str = "") -> None:
            if message.startswith("reading "):
                self.layers.add(message)
                if len(self.layers) == 2:
                    raise Canceled()

    with pytest.raises(Canceled):
        export_file(filled, tmp_path / "all.geojson", feedback=CancelOnSecondLayer())
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    for name in ALL:
        assert (tmp_path / f"all_{name}.geojson").read_text() == f"previous {name}"
    export_file(filled, tmp_path / "all.geojson")   # and a whole export replaces them all
    assert all(json.loads((tmp_path / f"all_{name}.geojson").read_text())["features"] for name in ALL
               if filled.count(name))

def test_csv_has_hxl_row_lat_lon_and_wkt(filled, tmp_path):
    export_file(filled, tmp_path / "needs.csv", layers=["need"])
    lines = (tmp_path / "needs.csv").read_text(encoding="utf-8-sig").splitlines()
    header, tags = lines[0].split(","), lines[1].split(",")
    assert dict(zip(header, tags, strict=True))["lat"] == "#geo+lat"
    assert dict(zip(header, tags, strict=True))["lon"] == "#geo+lon"
    assert dict(zip(header, tags, strict=True))["name"] == "#loc+name"
    assert dict(zip(header, tags, strict=True))["tlp"] == "#meta+tlp"
    text = (tmp_path / "needs.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text  # a spreadsheet will not run it
    export_file(filled, tmp_path / "zones.csv", layers=["danger_zone"])
    zones = (tmp_path / "zones.csv").read_text(encoding="utf-8-sig").splitlines()
    assert zones[0].endswith(",wkt") and zones[1].endswith(",#geo+wkt")
    assert "MULTIPOLYGON" in zones[2]


def test_geopackage_is_styled_and_carries_markings(filled, tmp_path):
    with filled.transaction() as db:
        db.execute("INSERT INTO layer_styles (f_table_name, f_geometry_column, styleName, styleQML, "
                   "useAsDefault) VALUES ('need', 'geom', 'test style', '<qgis/>', 1)")
    expected = filled.connection.execute(
        "SELECT count(*) FROM layer_styles WHERE f_table_name = 'need'").fetchone()[0]
    path = tmp_path / "needs.gpkg"
    report = export_file(filled, path, layers=["need"])
    assert report.styles == expected
    import sqlite3

    db = sqlite3.connect(path)
    rows = db.execute("SELECT f_table_name, f_geometry_column, useAsDefault FROM layer_styles "
                      "WHERE styleName = 'test style'").fetchall()
    assert rows == [("need", "geom", 1)]
    assert {r[0] for r in db.execute("SELECT f_table_name FROM layer_styles")} == {"need"}
    db.close()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # GDAL reads it without a complaint
        frame = pyogrio.read_dataframe(path, layer="need")
    assert {"tlp", "releasable_to", "caveats", "expires", "precision", "uuid"} <= set(frame.columns)
    assert set(frame["tlp"]) == {"RED", "CLEAR", "AMBER"}


def test_kml_has_one_folder_per_layer(filled, tmp_path):
    path = tmp_path / "all.kml"
    export_file(filled, path)
    root = SafeET.parse(str(path)).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    folders = [f.find("k:name", ns).text for f in root.iter("{http://www.opengis.net/kml/2.2}Folder")]
    assert folders == ["danger_zone", "corridor", "road", "need"]
    values = {d.get("name") for d in root.iter("{http://www.opengis.net/kml/2.2}Data")}
    assert {"tlp", "releasable_to", "population", "uuid"} <= values


def test_report_counts_by_tlp_and_warns_above_clear(filled, tmp_path):
    report = export_file(filled, tmp_path / "needs.geojson", layers=["need"])
    assert report.tlp == {"CLEAR": 1, "AMBER": 1, "RED": 1}
    assert report.above_clear == 2 and "RED 1" in report.warning
    assert report.to_dict()["above_clear"] == 2
    clear = _fresh(tmp_path, "clear")
    clear.add_feature("need", Point(1, 1), {"name": "x", "population": 1}, Marking(tlp=TLP.CLEAR))
    assert export_file(clear, tmp_path / "clear.csv").warning is None


def test_cancelled_export_leaves_no_file_and_keeps_the_old_one(filled, tmp_path):
    def cancelling() -> Feedback:
        feedback = Feedback()
        feedback._on_progress = lambda f, message: feedback.cancel() if message.startswith("writing") else None
        return feedback

    fresh = tmp_path / "new.gpkg"
    with pytest.raises(Canceled):
        export_file(filled, fresh, feedback=cancelling())
    assert not fresh.exists()
    old = tmp_path / "old.kml"
    old.write_text("previous export", encoding="utf-8")
    with pytest.raises(Canceled):
        export_file(filled, old, feedback=cancelling())
    assert old.read_text(encoding="utf-8") == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.kml", "ws.gpkg"]


def test_refused_targets(filled, workspace, tmp_path):
    with pytest.raises(FormatError, match="workspace itself"):
        export_file(filled, filled.path)
    with pytest.raises(FormatError, match="import only"):
        export_file(filled, tmp_path / "out.zip")
    with pytest.raises(FormatError, match="folder does not exist"):
        export_file(filled, tmp_path / "missing" / "out.gpkg")
    empty = _fresh(tmp_path, "empty")
    with pytest.raises(FormatError, match="no features"):
        export_file(empty, tmp_path / "out.gpkg")
