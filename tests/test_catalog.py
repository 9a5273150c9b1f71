"""Layer kinds: the shipped files load, and a malformed kind file names the file, key and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from humanops.catalog import layers_dir, load_catalog, load_kind
from humanops.errors import CatalogError

GOOD = """
name = "well"
title = "Wells"
geometry = "Point"
[default_marking]
tlp = "GREEN"
[[fields]]
name = "name"
type = "text"
required = true
[[fields]]
name = "depth_m"
type = "real"
min = 0
max = 500
hxl = "#indicator+depth"
[[fields]]
name = "notes"
type = "text"
[style.symbol]
fill = "#1f78b4"
"""


def test_shipped_kinds_load_with_name_and_notes():
    catalog = load_catalog()
    assert {"danger_zone", "corridor", "need", "facility", "incident", "road"} <= set(catalog.names)
    for kind in catalog:
        assert {"name", "notes"} <= set(kind.field_names)
        assert kind.style.base.stroke or kind.style.base.fill
    dz = catalog["danger_zone"]
    assert dz.field("severity").minimum == 1 and dz.field("severity").maximum == 5
    assert catalog["corridor"].style.buffer_field == "width_m"
    assert catalog["need"].field("admin_code").hxl_tag == "#adm2+code"


def test_adding_a_kind_is_adding_a_file(tmp_path: Path):
    for f in layers_dir().glob("*.toml"):
        (tmp_path / f.name).write_text(f.read_text())
    (tmp_path / "well.toml").write_text(GOOD)
    catalog = load_catalog(tmp_path)
    assert "well" in catalog and catalog["well"].field("depth_m").hxl_tag == "#indicator+depth"


@pytest.mark.parametrize(("change", "key", "reason"), [
    (("geometry = \"Point\"", "geometry = \"Blob\""), "geometry", "must be one of"),
    (("tlp = \"GREEN\"", "tlp = \"PURPLE\""), "default_marking.tlp", "not a TLP 2.0 level"),
    (("type = \"real\"", "type = \"float\""), "fields[1] (depth_m).type", "must be one of"),
    (("min = 0\nmax = 500", "min = 600\nmax = 500"), "fields[1] (depth_m).min", "above max"),
    (("name = \"notes\"\ntype = \"text\"", "name = \"remarks\"\ntype = \"text\""), "fields", "'notes'"),
    (("fill = \"#1f78b4\"", "fill = \"blue\""), "style.symbol.fill", "not a #rrggbb colour"),
    (("hxl = \"#indicator+depth\"", "hxl = \"depth\""), "fields[1] (depth_m).hxl", "not an HXL hashtag"),
    (("title = \"Wells\"", "title = \"Wells\"\ncolour = 3"), "colour", "unknown key"),
    (("name = \"well\"", "name = \"Well Kind\""), "name", "lower_snake_case"),
    (("name = \"depth_m\"", "name = \"uuid\""), "fields[1] (uuid).name", "column every layer already has"),
])
def test_malformed_kind_names_file_key_and_reason(tmp_path: Path, change, key, reason):
    path = tmp_path / "well.toml"
    assert change[0] in GOOD
    path.write_text(GOOD.replace(change[0], change[1], 1))
    with pytest.raises(CatalogError) as err:
        load_kind(path)
    message = str(err.value)
    assert str(path) in message and repr(key) in message and reason in message


def test_not_toml_at_all(tmp_path: Path):
    path = tmp_path / "broken.toml"
    path.write_text("name = [unclosed")
    with pytest.raises(CatalogError, match="not valid TOML") as err:
        load_kind(path)
    assert str(path) in str(err.value)
