"""HXL as the standard says: tag patterns, the hashtag row anywhere in the first 25 rows, ragged
rows, and the layer kinds' hashtags used both ways (export writes them, import reads them).

On public files: libhxl's own parser test files and WFP's market list for Nicaragua as HDX
publishes it (tests/data/hxl/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import Point

from humanops.catalog import load_catalog
from humanops.formats._csv import _read_table
from humanops.formats.exporter import export_file
from humanops.formats.field_mapping import MappingChoice
from humanops.formats.hxl_tags import HxlTag, TagPattern, assign_columns, find_hashtag_row
from humanops.formats.importer import import_file
from humanops.formats.mapping import SYSTEM_HXL, map_columns

HXL = Path(__file__).parent / "data" / "hxl"


# --- the matching rule ----------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "column", "matches"), [
    ("#loc+name", "#loc+market+name", True),       # more attributes on the column: still a match
    ("#loc+name", "#loc +Market +NAME", True),     # case and spaces do not matter
    ("#LOC+name", "#loc+name", True),
    ("#loc+name", "#loc", False),                  # the pattern's attribute must be there
    ("#loc+name", "#adm1+name", False),            # another hashtag
    ("#affected-f-m", "#affected+total", True),    # exclusions
    ("#affected-f-m", "#affected+f+children", False),
    ("#affected+f-children", "#affected+f+adults", True),
    ("#affected+f+children!", "#affected+children+f", True),   # absolute: exactly these
    ("#affected+f+children!", "#affected+f+children+refugees", False),
    ("#*+code", "#adm1+code", True),               # any hashtag with +code
    ("#*+code", "#adm1+name", False),
    ("#population", "not a tag", False),
])
def test_tag_patterns_match_as_the_standard_says(pattern, column, matches):
    assert TagPattern.parse(pattern).matches(column) is matches


def test_malformed_patterns_are_refused_with_the_text():
    with pytest.raises(ValueError, match="#affected!-f"):
        TagPattern.parse("#affected!-f")
    with pytest.raises(ValueError, match="cannot exclude"):
        TagPattern.parse("#affected+f-m!")
    assert HxlTag.parse("#Adm1 +Code") == HxlTag("adm1", frozenset({"code"}))


def test_best_pairs_first_exact_then_specific_then_fewest_extra_attributes():
    targets = [("population", ["#population", "#affected"]),
               ("households", ["#population+households", "#affected+hh"])]
    columns = {"women": "#affected+f", "all": "#affected+total", "hh": "#affected+hh"}
    found = {m.field: m.column for m in assign_columns(columns, targets)}
    assert found == {"households": "hh", "population": "all"}


# --- the hashtag row and ragged rows, on libhxl's own files -------------------------------

def _table(path: Path):
    text = path.read_text(encoding="utf-8")
    return _read_table(str(path), text, ",")


def test_libhxl_valid_file_hashtag_row_on_line_3_below_two_title_rows():
    table, hxl, rows, notes = _table(HXL / "libhxl" / "input-valid.csv")
    assert list(table.columns) == ["Registro", "Sector/Cluster", "Subsector", "Organización", "Hombres",
                                   "Mujeres", "País", "Departamento/Provincia/Estado", "#date+reported"]
    assert hxl["Sector/Cluster"] == "#sector+es" and hxl["#date+reported"] == "#date+reported"
    assert "Registro" not in hxl  # untagged column: kept, without a hashtag
    assert rows.tolist() == [4, 5, 6, 7]  # spreadsheet rows
    assert table.iloc[0].tolist() == ["001", "WASH", "Higiene", "ACNUR", "100", "100", "Panamá",
                                      "Los Santos", "1 March 2015"]
    assert table["Hombres"].isna().tolist() == [False, True, False, False]
    assert notes == []


def test_libhxl_fuzzy_file_ragged_rows_are_read_as_libhxl_reads_them():
    # the hashtag row has 8 cells, 5 of 7 filled ones hashtags ("country" and "adm1" are not):
    # libhxl takes it (at least half); the data rows' ninth cell is past the header, not read
    table, hxl, rows, notes = _table(HXL / "libhxl" / "input-fuzzy.csv")
    assert len(table.columns) == 8 and rows.tolist() == [4, 5, 6, 7]
    assert hxl == {"Sector/Cluster": "#sector+es", "Subsector": "#subsector+es", "Organización": "#org+es",
                   "Hombres": "#targeted+f", "Mujeres": "#targeted+f"}
    assert table["Departamento/Provincia/Estado"].tolist() == ["Los Santos", "Cauca", "Chocó", "Amazonas"]
    assert notes == ["1 row(s) have more cells than the header (8; first: row 4): the extra cells were not read"]


def test_hashtag_row_is_searched_in_the_first_25_rows_only():
    title = [["Title"]] * 24
    assert find_hashtag_row([*title, ["#loc+name", "#geo+lat"]]) == 24
    assert find_hashtag_row([*title, ["x"], ["#loc+name", "#geo+lat"]]) is None


# --- an HDX file, imported -----------------------------------------------------------------

@pytest.mark.parametrize(("name", "first_row"), [("wfp_markets_nic.csv", 3), ("wfp_markets_nic_titled.csv", 4)])
def test_wfp_market_list_from_hdx_imports_by_tag_patterns(workspace, name, first_row):
    report = import_file(workspace, HXL / "hdx" / name, layer="facility", skip_rejected=True,
                         mapping=MappingChoice(constants={"facility_type": "other"}))
    layer = report.layers[0]
    matched = {m.column: (m.field, m.how, m.hxl) for m in layer.mapping.matched}
    assert matched["market"] == ("name", "hxl", "#loc+market+name")  # pattern #loc+name
    # the two "National Average" rows have no coordinates: rejected, named by spreadsheet row
    assert layer.imported == 24 and layer.rejected == 2
    assert sorted({(p.row, p.action) for p in layer.problems}) == [(first_row, "rejected"), (first_row + 2, "rejected")]
    stored = workspace.read_layer("facility").set_index("name")
    assert len(stored) == 24 and set(stored["facility_type"]) == {"other"}
    assert stored.geometry["Managua"].equals_exact(Point(-86.24, 12.11), 1e-9)
    assert stored.geometry["Laguna de Perla"].equals_exact(Point(-83.67, 12.34), 1e-9)
    assert stored.geometry["San Sebastián de Yalí"].equals_exact(Point(-86.18, 13.3), 1e-9)


# --- the layer kinds' hashtags, both ways -------------------------------------------------

def test_every_kind_reads_back_the_hashtags_its_export_writes():
    """A file whose column names say nothing still maps, field by field, by the hashtags the
    CSV export writes (each field's first ``hxl`` tag, the marking columns' own)."""
    for kind in load_catalog():
        written = {spec.name: spec.hxl_tag for spec in kind.fields if spec.hxl_tag}
        written.update(SYSTEM_HXL)
        columns = [f"c{i}" for i in range(len(written))]
        tags = dict(zip(columns, written.values(), strict=True))
        mapping = map_columns(kind, columns, tags)
        back = {m.field: tags[m.column] for m in mapping.matched}
        assert back == written, kind.name
        assert all(m.how == "hxl" for m in mapping.matched)


def test_exported_csv_hashtag_row_imports_again_with_only_its_hashtags(workspace, tmp_path):
    workspace.add_feature("need", Point(36.2, 33.5), {"name": "Camp Nord", "population": 54_841_552,
                                                      "households": 300, "pin_food": 1200,
                                                      "severity_phase": 4, "admin_code": "SY01"})
    out = tmp_path / "needs.csv"
    export_file(workspace, out, layers=["need"])
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    tags = lines[1].split(",")
    assert {"#loc+name", "#population", "#population+households", "#inneed+food", "#geo+lat"} <= set(tags)
    # renamed columns: only the hashtag row can say what they hold
    renamed = tmp_path / "renamed.csv"
    header = [f"col{i}" for i in range(len(tags))]
    renamed.write_text("\n".join(["Partner's needs list", ",".join(header), *lines[1:]]) + "\n", encoding="utf-8")
    from humanops.store.workspace import Workspace

    with Workspace.create(tmp_path / "other.gpkg", organisation="medaid") as other:
        report = import_file(other, renamed, layer="need")
        assert report.layers[0].imported == 1
        row = other.read_layer("need").iloc[0]
    assert row["name"] == "Camp Nord" and row["population"] == 54_841_552 and row["households"] == 300
    assert row["pin_food"] == 1200 and row["severity_phase"] == 4 and row["admin_code"] == "SY01"
    assert row.geometry.equals_exact(Point(36.2, 33.5), 1e-7)
