"""TAK interoperability: briefs as CoT events and data packages for ATAK/WinTAK, and TAK files in.

The events are validated against MITRE's public CoT 2.0 event schema (tests/data/tak/Event.xsd,
source and licence in tests/data/tak/README.md); a package holds exactly what the audience's view
holds (withheld features nowhere, generalised ones only generalised); a brief read back into a fresh
workspace gives the same features; hostile files are refused, naming the file (and the event).
"""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
import shapely
import xmlschema
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from test_exchange_roundtrip import ORGS, expected_from, fast_kdf, partners, seed_ocha  # noqa: F401

from humanops.cli import main
from humanops.errors import FormatError
from humanops.formats.cot_out import argb
from humanops.formats.cot_types import TYPE_PATTERN, load_cot_types
from humanops.formats.import_report import ImportRefused
from humanops.formats.importer import import_file, import_format
from humanops.formats.tak_brief import TAK_LAYERS, package_uid, write_tak_brief
from humanops.model.marking import TLP, Marking, Precision, format_time
from humanops.sharing.audience import INTERNAL, audience_view
from humanops.store.workspace import Workspace

DATA = Path(__file__).parent / "data" / "tak"
SCHEMA = xmlschema.XMLSchema(str(DATA / "Event.xsd"))
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
HOLED = Polygon([(36, 33), (36.1, 33), (36.1, 33.1), (36, 33.1)], [[(36.04, 33.04), (36.06, 33.04), (36.05, 33.06)]])


def seed_tak(ws: Workspace) -> dict:
    """Beside seed_ocha's needs, zone and corridor: facilities and incidents of several markings,
    a two-part zone with a hole and validity window."""
    made = {
        "hospital": ws.add_feature("facility", Point(36.02, 33.02), {"name": "Kavera General", "facility_type":
                                                                   "hospital"}, Marking(tlp=TLP.GREEN)),
        "warehouse": ws.add_feature("facility", Point(36.03, 33.02), {"name": "WFP store", "facility_type":
                                                                    "warehouse"}, Marking(tlp=TLP.CLEAR)),
        "depot": ws.add_feature("facility", Point(36.04, 33.02), {"name": "Food point", "facility_type":
                                                                "distribution_point"}, Marking(tlp=TLP.GREEN)),
        "flood": ws.add_feature("incident", Point(36.05, 33.03), {"name": "River flood", "incident_type": "flood",
                                                                "occurred": "2026-11-27T06:00:00Z"},
                                Marking(tlp=TLP.AMBER, releasable_to=("medaid",))),
        "secret": ws.add_feature("incident", Point(36.06, 33.03), {"name": "abduction near camp",
                                                                 "incident_type": "abduction",
                                                                 "occurred": "2026-11-27T07:00:00Z"},
                                 Marking(tlp=TLP.RED, releasable_to=("unhcr",))),
        "zones": ws.add_feature("danger_zone", MultiPolygon([HOLED, Polygon([(37, 33), (37.1, 33), (37.1, 33.1)])]),
                                {"name": "minefield", "hazard": "landmines_uxo", "severity": 5,
                                 "valid_from": "2026-11-01T00:00:00Z", "valid_until": "2027-02-01T00:00:00Z"},
                                Marking(tlp=TLP.AMBER, releasable_to=("medaid", "unhcr"),
                                        caveats=("no_onward_sharing",), expires=datetime(2027, 1, 1, tzinfo=UTC))),
    }
    return made


def package_events(path: Path) -> dict[str, bytes]:
    """zip entry -> bytes of every member but the manifest."""
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "MANIFEST/manifest.xml"}


def our_detail(data: bytes):
    return SafeET.fromstring(data).find("detail/humanops")


def uuids_in(path: Path) -> dict[str, str | None]:
    """feature uuid -> its 'generalised' attribute, over the package's events."""
    out = {}
    for data in package_events(path).values():
        ours = our_detail(data)
        out[ours.get("uuid")] = ours.get("generalised")
    return out


# --- the schema and the package structure ---------------------------------------------------

def test_every_event_is_valid_cot_and_the_manifest_lists_every_file(partners, tmp_path):  # noqa: F811
    ocha = partners["ocha"].ws
    seed_ocha(ocha)
    seed_tak(ocha)
    view = audience_view(ocha, "medaid", layers=[*TAK_LAYERS, "need"])
    out = tmp_path / "brief.zip"
    report = write_tak_brief(view, out, generated=datetime.now(UTC))
    events = package_events(out)
    assert len(events) == report.events > 0
    for entry, data in events.items():
        SCHEMA.validate(io.BytesIO(data))  # raises, naming the element and the rule broken
        assert entry == f"{SafeET.fromstring(data).get('uid')}/{SafeET.fromstring(data).get('uid')}.cot"

    with zipfile.ZipFile(out) as archive:
        assert archive.namelist()[0] == "MANIFEST/manifest.xml"
        manifest = SafeET.fromstring(archive.read("MANIFEST/manifest.xml"))
    assert manifest.tag == "MissionPackageManifest" and manifest.get("version") == "2"
    config = {p.get("name"): p.get("value") for p in manifest.iterfind("Configuration/Parameter")}
    assert config["uid"] == package_uid("ocha", "medaid") == report.package_uid
    assert config["name"].startswith(f"TLP:{view.highest_tlp.value} ") and "for medaid" in config["name"]
    assert config["remarks"].startswith(f"TLP:{view.highest_tlp.value} ")
    contents = [(c.get("zipEntry"), c.find("Parameter[@name='uid']").get("value"))
                for c in manifest.iterfind("Contents/Content")]
    assert sorted(e for e, _ in contents) == sorted(events)  # every file listed, once
    uids = [u for _, u in contents]
    assert len(set(uids)) == len(uids)
    assert all(SafeET.fromstring(events[e]).get("uid") == u for e, u in contents)

    single = tmp_path / "brief.cot"
    write_tak_brief(view, single, generated=datetime.now(UTC), as_cot=True)
    root = SafeET.parse(str(single)).getroot()
    assert root.tag == "events" and len(root) == report.events
    for event in root:
        SCHEMA.validate(io.BytesIO(SafeET.tostring(event)))


def test_the_public_sample_is_valid_and_a_simulated_event_is_not_imported(workspace):
    SCHEMA.validate(str(DATA / "mitre-globalhawk.cot"))
    with pytest.raises(FormatError, match=r"no CoT event to import .*simulation") as caught:
        import_file(workspace, DATA / "mitre-globalhawk.cot")
    assert "mitre-globalhawk.cot" in caught.value.message


def test_the_type_mapping_names_real_values_and_valid_types(workspace):
    types = load_cot_types()
    for name, layer in types.layers.items():
        kind = workspace.kind(name)
        assert layer.default and TYPE_PATTERN.fullmatch(layer.default)
        if layer.by:
            values = kind.field(layer.by).values
            assert set(layer.types) <= set(values), f"{name}: {set(layer.types) - set(values)} are no {layer.by}"
            assert set(values) <= set(layer.types), f"{name}: {set(values) - set(layer.types)} have no type"
        assert all(TYPE_PATTERN.fullmatch(t) and ".-" not in t for t in layer.types.values())
    assert set(types.import_kinds.values()) <= set(workspace.catalog.names)


# --- what goes into a brief -------------------------------------------------------------------

@pytest.mark.parametrize("audience", ["medaid", "unhcr"])
def test_a_partner_s_package_holds_exactly_its_view_and_nothing_withheld(partners, tmp_path, audience):  # noqa: F811
    ocha = partners["ocha"].ws
    made = {**seed_ocha(ocha), **seed_tak(ocha)}
    layers = [*TAK_LAYERS, "need"]
    view = audience_view(ocha, audience, layers=layers)
    out = tmp_path / f"{audience}.zip"
    write_tak_brief(view, out, generated=datetime.now(UTC))
    held = uuids_in(out)

    exact = {u for layer in view.layers.values() for u in layer.frame.loc[layer.frame["generalised"].isna(), "uuid"]}
    assert {u for u, g in held.items() if g is None} == exact
    decisions = expected_from(partners["ocha"], audience)
    withheld = {u for u, d in decisions.items() if d.action == "withhold"}
    generalised = {u for u, d in decisions.items() if d.action == "generalise"}
    assert withheld and not withheld & set(held)
    assert not generalised & set(held)  # only the aggregates (their own uuids), never the feature
    raw = b"".join(package_events(out).values())
    for key, feature in made.items():
        if feature.uuid in withheld | generalised:
            assert feature.properties["name"].encode() not in raw, f"{key} leaked into the package"
    aggregates = [d for d in package_events(out).values() if our_detail(d).get("generalised")]
    assert len(aggregates) == view.layers["need"].generalised
    assert aggregates or audience == "medaid"  # unhcr may see the protection grid's needs only as aggregates
    for data in aggregates:
        event = SafeET.fromstring(data)
        assert float(event.find("point").get("ce")) < 9999999  # the cell, as TAK's circular error
        assert "Location generalised" in event.find("detail/remarks").text
    assert made["secret"].uuid not in held or audience == "unhcr"
    tlps = [TLP.parse(our_detail(d).find("marking").get("tlp")) for d in package_events(out).values()]
    assert view.highest_tlp == max(tlps)


def test_marking_time_types_and_colours_of_the_events(workspace, tmp_path):
    workspace.set_meta("scenario_now", format_time(NOW))  # the workspace clock: every event's time
    made = seed_tak(workspace)
    view = audience_view(workspace, INTERNAL)
    out = tmp_path / "internal.zip"
    report = write_tak_brief(view, out, generated=NOW, default_stale=timedelta(hours=6))
    by_uid = {SafeET.fromstring(d).get("uid"): SafeET.fromstring(d) for d in package_events(out).values()}
    assert report.highest_tlp == "RED" and report.name.startswith("TLP:RED ")

    zone = by_uid[made["zones"].uuid]
    assert zone.get("type") == "u-d-f" and zone.get("time") == "2026-11-28T10:00:00.000Z"
    assert zone.get("start") == "2026-11-01T00:00:00.000Z"
    assert zone.get("stale") == "2027-01-01T00:00:00.000Z"  # the marking expires before the validity ends
    remarks = zone.find("detail/remarks").text
    assert remarks.startswith("TLP:AMBER releasable to medaid, unhcr; no onward sharing; marking expires")
    marking = zone.find("detail/humanops/marking").attrib
    assert marking["tlp"] == "AMBER" and marking["releasable_to"] == "medaid,unhcr"
    assert marking["caveats"] == "no_onward_sharing"
    links = [link.get("point") for link in zone.iterfind("detail/link")]
    assert links[0] == links[-1] == "33,36" and len(links) == 5  # the outer ring, closed as ATAK writes it
    assert zone.find("detail/humanops/hole") is not None
    style = workspace.kind("danger_zone").style.symbol_for(5)
    assert zone.find("detail/strokeColor").get("value") == argb(style.stroke) == str(0xFF4D0010 - (1 << 32))
    assert zone.find("detail/fillColor").get("value") == argb(style.fill, style.fill_opacity)
    second = by_uid[f"{made['zones'].uuid}.2"]
    assert second.find("detail/contact").get("callsign") == "minefield (2/2)"

    assert by_uid[made["hospital"].uuid].get("type") == "a-n-G-I-X-H"
    assert by_uid[made["warehouse"].uuid].get("type") == "a-n-G-I-c-whs"
    depot = by_uid[made["depot"].uuid]
    assert depot.get("type") == "b-m-p-s-m"
    assert depot.find("detail/color").get("argb") == argb("#f0e442")
    assert by_uid[made["hospital"].uuid].get("stale") == "2026-11-28T16:00:00.000Z"  # time + the default
    flood = by_uid[made["flood"].uuid]
    assert flood.get("type") == "a-u-X-i-m-f" and flood.get("start") == "2026-11-27T06:00:00.000Z"
    assert by_uid[made["secret"].uuid].find("detail/remarks").text.startswith("TLP:RED releasable to unhcr")


# --- reading TAK files ------------------------------------------------------------------------

def test_a_brief_read_back_into_a_fresh_workspace_gives_the_same_features(partners, tmp_path):  # noqa: F811
    ocha = partners["ocha"].ws
    seed_ocha(ocha)
    made = seed_tak(ocha)
    view = audience_view(ocha, INTERNAL, layers=list(TAK_LAYERS))
    out = tmp_path / "all.zip"
    write_tak_brief(view, out, generated=datetime.now(UTC))
    fresh = Workspace.create(tmp_path / "fresh.gpkg", organisation="field")
    try:
        report = import_file(fresh, out)
        assert report.format == "TAK data package" and report.status == "imported"
        for name in TAK_LAYERS:
            sent = {f.uuid: f for f in ocha.features(name)}
            got = {f.uuid: f for f in fresh.features(name)}
            assert set(got) == set(sent), name
            for uuid, feature in got.items():
                assert shapely.equals_exact(feature.geometry, sent[uuid].geometry, 0), feature.properties["name"]
                assert feature.properties == sent[uuid].properties
                assert feature.marking == sent[uuid].marking and feature.originator == "ocha"
        zone = fresh.get_feature("danger_zone", made["zones"].uuid)
        assert len(zone.geometry.geoms) == 2 and len(zone.geometry.geoms[0].interiors) == 1
        again = import_file(fresh, out)  # our own brief again: held at the same version, left as it is
        assert again.imported == 0
    finally:
        fresh.close()


def _event(uid: str, cot_type: str, detail: str, lat: float = 33.05, lon: float = 36.05, **extra: str) -> str:
    attrs = " ".join(f'{k}="{v}"' for k, v in extra.items())
    return (f'<event version="2.0" uid="{uid}" type="{cot_type}" how="h-g-i-g-o" time="2026-11-28T09:00:00Z" '
            f'start="2026-11-28T09:00:00Z" stale="2026-12-28T09:00:00Z" {attrs}>'
            f'<point lat="{lat}" lon="{lon}" hae="9999999.0" ce="9999999.0" le="9999999.0"/>'
            f"<detail>{detail}</detail></event>")


ATAK_EVENTS = {
    "marker": _event("5e1b3f6a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "a-h-G", '<contact callsign="Armed group seen"/>'
                     '<link uid="ANDROID-1" relation="p-p" type="a-f-G-U-C" parent_callsign="HAWK"/>'
                     "<remarks>Two pickups, heading north</remarks>"),
    "spot": _event("spot-77", "b-m-p-s-m", '<contact callsign="Roadblock"/><color argb="-65536"/>', lon=36.07),
    "polygon": _event("zone-1", "u-d-f", '<contact callsign="Shelled block"/><link point="33.0,36.0"/>'
                      '<link point="33.0,36.1"/><link point="33.1,36.1"/><link point="33.0,36.0"/>'
                      '<strokeColor value="-65536"/>'),
    "rectangle": _event("rect-1", "u-d-r", '<contact callsign="Minefield"/><link point="33.2,36.0"/>'
                        '<link point="33.2,36.1"/><link point="33.1,36.1"/><link point="33.1,36.0"/>'),
    "circle": _event("circle-1", "u-d-c-c", '<contact callsign="Blast radius"/>'
                     '<shape><ellipse major="1000" minor="1000" angle="360"/></shape>'),
    "route": _event("route-1", "b-m-r", '<contact callsign="Exit route"/>'
                    '<link uid="wp1" type="b-m-p-w" point="33.0,36.0,0" relation="c"/>'
                    '<link uid="wp2" type="b-m-p-w" point="33.2,36.3,0" relation="c"/>'
                    '<link_attr direction="Exfil" method="Driving"/>'),
    "pli": _event("ANDROID-1", "a-f-G-U-C", '<contact callsign="HAWK"/><takv platform="ATAK-CIV"/>'
                  '<__group name="Cyan" role="Team Member"/>'),
    "chat": _event("GeoChat.1", "b-t-f", '<remarks>hello</remarks>'),
}


def write_package(path: Path, events: dict[str, str], extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        contents = "".join(f'<Content ignore="false" zipEntry="{k}/{k}.cot"><Parameter name="uid" value="{k}"/>'
                           "</Content>" for k in events)
        archive.writestr("MANIFEST/manifest.xml", '<MissionPackageManifest version="2"><Configuration>'
                         '<Parameter name="uid" value="pkg"/><Parameter name="name" value="from the field"/>'
                         f"</Configuration><Contents>{contents}</Contents></MissionPackageManifest>")
        for key, xml in events.items():
            archive.writestr(f"{key}/{key}.cot", '<?xml version="1.0" encoding="UTF-8"?>' + xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def test_events_from_atak_become_zones_incidents_and_corridors_with_the_import_options(tmp_path, snapshot):
    ws_path = tmp_path / "ws.gpkg"
    Workspace.create(ws_path, organisation="ocha").close()
    package = write_package(tmp_path / "field.zip", ATAK_EVENTS)
    assert import_format(package) == "TAK data package"
    with Workspace.open(ws_path) as ws:
        for event in ATAK_EVENTS.values():  # they are CoT as the schema defines it
            SCHEMA.validate(io.StringIO(event))
    before = snapshot(ws_path)
    # incidents need a type CoT has no word for: refused, naming the field and --set
    assert main(["-w", str(ws_path), "import", str(package)]) == 1
    assert snapshot(ws_path) == before
    assert main(["-w", str(ws_path), "import", str(package), "--layer", "danger_zone", "--set", "hazard=shelling",
                 "--set", "severity=3", "--dry-run"]) == 0
    assert snapshot(ws_path) == before
    assert main(["-w", str(ws_path), "import", str(package), "--layer", "danger_zone", "--set", "hazard=shelling",
                 "--set", "severity=3"]) == 0
    assert main(["-w", str(ws_path), "import", str(package), "--layer", "incident", "--set",
                 "incident_type=armed_clash", "--map", "notes=remarks"]) == 0
    assert main(["-w", str(ws_path), "import", str(package), "--layer", "corridor"]) == 0
    with Workspace.open(ws_path) as ws:
        zones = {f.properties["name"]: f for f in ws.features("danger_zone")}
        assert set(zones) == {"Shelled block", "Minefield", "Blast radius"}
        assert zones["Minefield"].geometry.geoms[0].equals(Polygon([(36, 33.2), (36.1, 33.2), (36.1, 33.1),
                                                                    (36, 33.1)]))
        assert all(z.properties["hazard"] == "shelling" and z.properties["severity"] == 3 for z in zones.values())
        circle = zones["Blast radius"].geometry
        assert circle.contains(Point(36.05, 33.05)) and not circle.contains(Point(36.05, 33.06))  # 1 km, not 1.1
        incidents = {f.properties["name"]: f for f in ws.features("incident")}
        assert set(incidents) == {"Armed group seen", "Roadblock"}  # not the device's position, not the chat
        seen = incidents["Armed group seen"]
        assert seen.uuid == "5e1b3f6a-1c2d-4e5f-8a9b-0c1d2e3f4a5b" and seen.properties["source"] == "HAWK"
        assert seen.properties["notes"] == "Two pickups, heading north"
        assert seen.properties["occurred"] == datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
        (route,) = ws.features("corridor")
        assert route.properties["name"] == "Exit route" and route.properties["direction"] == "outbound"
        assert route.geometry.equals(LineString([(36.0, 33.0), (36.3, 33.2)]))


def test_a_cot_xml_file_is_read_as_cot_and_a_cap_xml_still_as_cap(workspace, tmp_path):
    cot = tmp_path / "report.xml"
    outline = _event("outline-1", "u-d-f", '<contact callsign="Flooded fields"/><link point="33.3,36.0"/>'
                     '<link point="33.3,36.1"/><link point="33.4,36.05"/>')  # closed by nobody
    cot.write_text('\ufeff<?xml version="1.0"?>\n<!-- from WinTAK -->\n<events>' + ATAK_EVENTS["polygon"]
                   + ATAK_EVENTS["rectangle"] + outline + "</events>", encoding="utf-8")
    assert import_format(cot) == "CoT"
    report = import_file(workspace, cot, layer="danger_zone",
                         mapping=_choice("danger_zone", hazard="flood", severity="2"))
    assert report.imported == 3  # --layer danger_zone: the open outline is taken as the area it draws
    flooded = next(f for f in workspace.features("danger_zone") if f.properties["name"] == "Flooded fields")
    assert flooded.geometry.geoms[0].exterior.coords[0] == flooded.geometry.geoms[0].exterior.coords[-1] == (36.0, 33.3)
    assert import_format(Path(__file__).parent / "data" / "cap" / "oasis-cap12-a2-thunderstorm.xml") == "CAP"


def _choice(layer: str, **constants: str):
    from humanops.formats.field_mapping import MappingChoice

    return MappingChoice(layer=layer, constants=constants)


# --- hostile input ------------------------------------------------------------------------------

def test_a_bad_coordinate_is_that_event_s_problem_named_by_its_uid(workspace, tmp_path, snapshot):
    cot = tmp_path / "mixed.cot"
    cot.write_text("<events>" + ATAK_EVENTS["polygon"]
                   + _event("bad-lat", "u-d-f", '<contact callsign="Wrong"/><link point="95.0,36.0"/>'
                                                '<link point="33.0,36.1"/><link point="33.1,36.1"/>'
                                                '<link point="95.0,36.0"/>') + "</events>")
    before = snapshot(workspace.path)
    mapping = _choice("danger_zone", hazard="flood", severity="2")
    with pytest.raises(ImportRefused) as caught:
        import_file(workspace, cot, layer="danger_zone", mapping=mapping)
    message = caught.value.message
    assert "mixed.cot" in message and "bad-lat" in message and "latitude 95 is outside" in message
    assert snapshot(workspace.path) == before
    report = import_file(workspace, cot, layer="danger_zone", mapping=mapping, skip_rejected=True)
    assert report.imported == 1 and report.rejected == 1


BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE event [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                            for i in range(1, 10))
                  + ']>\n<event version="2.0" uid="x" type="a-h-G" how="h-e" time="2026-11-28T09:00:00Z" '
                  'start="2026-11-28T09:00:00Z" stale="2026-11-28T10:00:00Z"><point lat="1" lon="1" hae="0" ce="0" '
                  'le="0"/><detail><remarks>&lol9;</remarks></detail></event>')


def _claim_sizes(path: Path, claimed: int) -> None:
    """Make the central directory claim ``claimed`` bytes for every .cot member (the data stays small)."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_length]).endswith(b".cot"):
            struct.pack_into("<II", data, at + 20, claimed, claimed)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_hostile_files_are_refused_naming_the_file(workspace, tmp_path, snapshot):
    before = snapshot(workspace.path)
    laughs = tmp_path / "laughs.cot"
    laughs.write_text(BILLION_LAUGHS)
    with pytest.raises(FormatError, match="declares entities") as caught:
        import_file(workspace, laughs)
    assert "laughs.cot" in caught.value.message

    inside = write_package(tmp_path / "laughs.zip", {"ok": ATAK_EVENTS["polygon"],
                                                     "x": BILLION_LAUGHS.split("\n", 1)[1]})
    with pytest.raises(FormatError, match="declares entities") as caught:
        import_file(workspace, inside, layer="danger_zone", mapping=_choice("danger_zone", hazard="fire",
                                                                            severity="1"))
    assert "laughs.zip" in caught.value.message and "x/x.cot" in caught.value.message

    twice = write_package(tmp_path / "twice.zip", {"ok": ATAK_EVENTS["polygon"]})
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(twice, "a") as archive:
        archive.writestr("MANIFEST/manifest.xml", '<MissionPackageManifest version="2"/>')
    with pytest.raises(FormatError, match="two members are named") as caught:  # which one would TAK read?
        import_file(workspace, twice)
    assert "twice.zip" in caught.value.message

    slip = write_package(tmp_path / "slip.zip", {"ok": ATAK_EVENTS["polygon"]}, {"../../evil.cot": b"<event/>"})
    with pytest.raises(FormatError, match="unsafe path") as caught:
        import_file(workspace, slip)
    assert "slip.zip" in caught.value.message and "../../evil.cot" in caught.value.message

    huge = write_package(tmp_path / "huge.zip", {f"e{i}": ATAK_EVENTS["polygon"] for i in range(3)})
    _claim_sizes(huge, 10 * 1024**3 // 3)
    with pytest.raises(FormatError, match=r"expand to 10\.0 GB") as caught:
        import_file(workspace, huge)
    assert "huge.zip" in caught.value.message
    assert snapshot(workspace.path) == before


def test_a_zip_without_a_manifest_keeps_its_meaning(tmp_path):
    plain = tmp_path / "roads.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("roads.shp", b"")
    assert import_format(plain) == "Shapefile"


# --- the command line --------------------------------------------------------------------------

def test_brief_tak_from_the_command_line_writes_the_package_and_records_it(partners, tmp_path, capsys):  # noqa: F811
    ocha = partners["ocha"]
    seed_tak(ocha.ws)
    ocha.ws.set_meta("scenario_now", format_time(NOW))  # a scenario workspace: its clock, not the wall's
    path = str(ocha.ws.path)
    ocha.ws.close()
    out = tmp_path / "medaid.zip"
    assert main(["-w", path, "brief", "tak", "--for", "medaid", "--out", str(out), "--json"]) == 0
    import json

    report = json.loads(capsys.readouterr().out)
    assert report["highest_tlp"] == "AMBER" and report["layers"]["incident"]["withheld"]
    assert out.is_file() and report["features"] == len(uuids_in(out))
    assert report["at"] == report["generated"] == "2026-11-28T10:00:00.000Z"
    assert {SafeET.fromstring(d).get("time") for d in package_events(out).values()} == {report["generated"]}
    assert main(["-w", path, "brief", "tak", "--for", "medaid", "--out", str(out)]) == 1  # exists: refused
    assert "--overwrite" in capsys.readouterr().err
    single = tmp_path / "medaid.cot"
    assert main(["-w", path, "brief", "tak", "--for", "medaid", "--out", str(single), "--cot",
                 "--layer", "danger_zone,facility", "--bbox", "36.9,32.9,37.2,33.2"]) == 0
    root = SafeET.parse(str(single)).getroot()  # the facilities lie outside the box; the zone reaches into it
    assert [e.find("detail/contact").get("callsign") for e in root] == ["minefield (1/2)", "minefield (2/2)"]
    assert main(["-w", path, "brief", "tak", "--for", "medaid", "--out", str(tmp_path / "x.kml")]) == 2
    assert main(["-w", path, "brief", "tak", "--for", "nobody", "--out", str(tmp_path / "n.zip")]) == 1
    assert "not in the partner directory" in capsys.readouterr().err
    with Workspace.open(path) as ws:
        from humanops.sharing.audit import entries

        briefs = [e for e in entries(ws) if (e.get("detail") or {}).get("product") == "tak"]
        assert [e["counterpart"] for e in briefs] == ["medaid", "medaid"]
        assert briefs[0]["detail"]["file"] == "medaid.zip"


def test_precision_is_kept_as_generalised_text(workspace, tmp_path):
    """A feature marked for generalisation, brief made for ourselves: exact, its precision carried."""
    workspace.add_feature("incident", Point(36.1, 33.1), {"name": "x", "incident_type": "fire",
                                                          "occurred": "2026-11-27T00:00:00Z"},
                          Marking(tlp=TLP.AMBER, precision=Precision.parse("grid:1000:k10")))
    out = tmp_path / "p.zip"
    write_tak_brief(audience_view(workspace, INTERNAL, layers=["incident"]), out, generated=NOW)
    (data,) = package_events(out).values()
    assert our_detail(data).find("marking").get("precision") == "grid:1000:k10"
    assert our_detail(data).get("generalised") is None


def test_a_brief_larger_than_a_reader_takes_is_refused_before_anything_is_written(workspace, tmp_path, monkeypatch):
    from humanops.formats import _safezip, tak_package

    seed_tak(workspace)
    view = audience_view(workspace, INTERNAL)  # 7 events
    monkeypatch.setattr(_safezip, "MAX_MEMBERS", 6)  # what our reader (and so the writer) takes: 5 events
    out = tmp_path / "big.zip"
    with pytest.raises(FormatError, match=r"7 events are more than one TAK data package holds \(5\).*--bbox"):
        write_tak_brief(view, out, generated=NOW)
    monkeypatch.setattr(tak_package, "MAX_COT_FILE_BYTES", 2048)
    with pytest.raises(FormatError, match=r"more than a \.cot file is read whole"):
        write_tak_brief(view, tmp_path / "big.cot", generated=NOW, as_cot=True)
    assert [p.name for p in tmp_path.iterdir()] == ["ws.gpkg"]  # no brief, no temporary file left
