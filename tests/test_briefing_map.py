"""The briefing map: one HTML file for an audience outside the app. It holds exactly what the
sharing policy lets that audience see (withheld features never, generalised ones only
generalised), carries the TLP banner of the highest TLP inside, stays small, draws 100,000 needs
as clusters, and opens in a real browser (Debian's chromium) with no request to any network."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from briefing_helpers import enter_partners
from shapely.geometry import Point
from test_exchange_roundtrip import expected_from, fast_kdf, seed_ocha  # noqa: F401

from humanops.errors import FormatError, SharingError
from humanops.feedback import Canceled, Feedback
from humanops.model.marking import TLP, Marking
from humanops.model.symbology import TLP_COLOURS
from humanops.products.briefing_map import build_briefing, write_briefing_map
from humanops.products.point_clusters import MAX_CLUSTERS, MAX_POINTS
from humanops.sharing import audit
from humanops.sharing.audience import audience_view
from humanops.store.workspace import Workspace

BUDGET_BYTES = 5_000_000
CHROMIUM = Path("/usr/bin/chromium")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# The only addresses the page may name, none of them fetched: the SVG namespace (an XML name
# Leaflet's script gives createElementNS) and Leaflet's home page, in its licence header and in
# the attribution prefix the page replaces with plain text.
INERT_ADDRESSES = {"http://www.w3.org/2000/svg", "https://leafletjs.com"}
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="chromium is not installed here: packaging/system-packages.sh --test installs "
    "Debian's chromium, and could not on this machine")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with our keys and its three partners in the directory, as ``humanops demo
    --with-partners`` makes it, but with their cards made here rather than in workspaces of their
    own (seconds less: the briefing asks only the directory, never a partner's workspace)."""
    from humanops.scenario.demo import create_demo_workspace
    from humanops.sharing import keys

    path = tmp_path_factory.mktemp("briefing") / "demo.gpkg"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "SCRYPT_N", 2**10)   # a test-only key cost
        with create_demo_workspace(path) as workspace:
            enter_demo_partners(workspace)
    return path


def enter_demo_partners(workspace: Workspace) -> None:
    from datetime import timedelta

    from humanops.scenario.demo import DEMO_COMMUNITIES, DEMO_NOW, DEMO_PARTNERS

    own, *others = DEMO_PARTNERS
    enter_partners(workspace, own, others, DEMO_NOW - timedelta(days=30), communities=DEMO_COMMUNITIES)


@pytest.fixture(scope="module")
def medaid_briefing(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("medaid") / "briefing-medaid.html"
    with Workspace.open(demo) as ws:
        result = write_briefing_map(ws, "medaid", out)
    return out, result.to_dict()


def page_uuids(text: str) -> set[str]:
    return set(UUID.findall(text))


def layer_specs(text: str) -> list[dict]:
    """The layers' data as the page holds it (the JSON given to humanopsBriefing.layer)."""
    decoder = json.JSONDecoder()
    specs = []
    for match in re.finditer(r"humanopsBriefing\.layer\(", text):
        spec, _ = decoder.raw_decode(text, match.end())
        specs.append(spec)
    return specs


# --- what goes in ---------------------------------------------------------------------------------

def test_a_partner_briefing_holds_exactly_what_the_policy_lets_it_see(demo, medaid_briefing):
    path, summary = medaid_briefing
    text = path.read_text(encoding="utf-8")
    with Workspace.open(demo) as ws:
        view = audience_view(ws, "medaid")
        allowed = {u for layer in view.layers.values() for u in layer.frame["uuid"]}
        everything = {u for name in view.layers for u in ws.uuids(name)}
        names = {name: set(ws.read_layer(name)["name"].dropna()) for name in view.layers}
    shown_names = {n for layer in view.layers.values() for n in layer.frame["name"].dropna()}
    assert view.withheld_total > 100 and allowed   # the demo withholds much from MedAid
    assert page_uuids(text) == allowed              # every feature it may see, and no other
    held_back = everything - allowed
    assert held_back and not any(u in text for u in held_back)
    only_withheld = {n for layer_names in names.values() for n in layer_names} - shown_names
    assert only_withheld and not [n for n in only_withheld if json.dumps(n, ensure_ascii=False) in text]
    assert summary["withheld"] == view.withheld_total and summary["audience"] == "medaid"
    assert summary["tlp"] == view.highest_tlp.value == "RED"


def test_the_banner_says_the_highest_tlp_the_audience_and_the_times(medaid_briefing):
    path, summary = medaid_briefing
    text = path.read_text(encoding="utf-8")
    banner = re.search(r'<header id="ho-banner".*?</header>', text, re.S).group(0)
    assert 'data-tlp="RED"' in banner and ">TLP:RED<" in banner
    assert f"color:{TLP_COLOURS['RED']}" in banner and "background:#000000" in banner   # TLP 2.0: colour on black
    assert "For the eyes and ears of individual recipients only" in banner
    assert "for MedAid (MedAid Relief)" in banner
    assert "Valid at 2026-11-28 12:00 UTC" in banner and "Made 2026-11-28 12:00 UTC by UNHCO-KV" in banner
    about = re.search(r'<div id="ho-about".*?</div>', text, re.S).group(0)
    assert f"Withheld for MedAid (MedAid Relief) by the sharing policy: {summary['withheld']} feature(s)" in about


def test_generalised_features_appear_only_as_their_aggregates(workspace, tmp_path):
    from datetime import UTC, datetime
    from types import SimpleNamespace

    enter_partners(workspace, {"id": "ocha", "name": "OCHA", "acronym": "", "communities": ["community:wash"]},
                   [{"id": "medaid", "name": "MedAid", "acronym": "", "communities": ["community:wash"]},
                    {"id": "unhcr", "name": "UNHCR", "acronym": "", "communities": ["community:protection"]}],
                   datetime(2026, 1, 1, tzinfo=UTC))
    made = seed_ocha(workspace)
    expected = expected_from(SimpleNamespace(ws=workspace, org="ocha"), "unhcr")
    generalised = {u for u, d in expected.items() if d.action == "generalise"}
    assert made["protection_grid"].uuid in generalised
    result = write_briefing_map(workspace, "unhcr", tmp_path / "unhcr.html", layers=["need", "danger_zone"])
    text = result.path.read_text(encoding="utf-8")
    assert not any(u in text for u in generalised) and "protection grid" not in text
    needs = next(s for s in layer_specs(text) if s["name"] == "need")
    aggregates = [f["properties"] for f in needs["features"]["features"] if "g" in f["properties"]]
    assert [(a["g"], a["n"]) for a in aggregates] == [("grid:1000:k10", 1)]
    assert "Generalised for this audience ({precision}): not an exact location." in text  # what the popup says
    exact = {u for u, d in expected.items() if d.action == "allow" and made_kind(made, u) in ("need", "danger_zone")}
    assert exact and exact <= page_uuids(text)


def made_kind(made: dict, uuid: str) -> str | None:
    return next((f.kind for f in made.values() if f.uuid == uuid), None)


def test_internal_holds_everything_and_an_unknown_audience_is_refused(demo, tmp_path):
    with Workspace.open(demo) as ws:
        briefing = build_briefing(ws, "internal", layers=["need", "incident"])
        assert page_uuids(briefing.html) == set(ws.uuids("need")) | set(ws.uuids("incident"))
        assert briefing.withheld == 0 and "internal use (UNHCO-KV)" in briefing.html
        with pytest.raises(SharingError, match="'nobody' is not in the partner directory"):
            write_briefing_map(ws, "nobody", tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()


def test_the_legend_and_symbols_are_the_kinds_styles(medaid_briefing):
    from humanops.catalog import load_catalog

    text = medaid_briefing[0].read_text(encoding="utf-8")
    specs = {s["name"]: s for s in layer_specs(text)}
    for name, spec in specs.items():
        kind = load_catalog()[name]
        fills = [s["fillColor"] for s in spec["symbols"][:-1]]
        assert fills == [(c.fill or kind.style.base.fill or c.stroke or kind.style.base.stroke)
                         for c in (cls.over(kind.style.base) for cls in kind.style.classes.values())]
        assert spec["fields"][0] == "Name"   # the kind's field labels
        section = re.search(rf'<section class="ho-legend-layer" data-layer="{name}">.*?</section>', text, re.S)
        assert section and all(c.label in section.group(0) or c.label.isdigit()
                               for c in kind.style.classes.values() if c.label)
    assert specs["corridor"]["bands"]["features"]   # corridors at their true width


def test_what_partners_wrote_stays_text(workspace, tmp_path):
    from datetime import UTC, datetime

    hostile = '</script><img src="http://example.org/x.png" onerror="alert(1)">'
    enter_partners(workspace, {"id": "ocha", "name": "OCHA", "acronym": "", "communities": []},
                   [{"id": "medaid", "name": f"MedAid {hostile}", "acronym": "", "communities": []}],
                   datetime(2026, 1, 1, tzinfo=UTC))
    workspace.add_feature("need", Point(36.0, 33.0), {"name": hostile, "population": 10}, Marking(tlp=TLP.CLEAR))
    result = write_briefing_map(workspace, "medaid", tmp_path / "b.html", layers=["need"])
    text = result.path.read_text(encoding="utf-8")
    # in the banner, the title, the panels: escaped; in the layer's data: JSON with \u003c, shown as text
    assert "<img" not in text and "</script><" not in text and text.count("&lt;img") >= 2
    assert layer_specs(text)[0]["features"]["features"][0]["properties"]["v"][0] == hostile


# --- offline --------------------------------------------------------------------------------------

def test_the_page_names_no_address_and_links_nothing(medaid_briefing):
    text = medaid_briefing[0].read_text(encoding="utf-8")
    assert set(re.findall(r"https?://[^\s\"'<>)]+", text)) <= INERT_ADDRESSES
    links = re.findall(r"\b(?:src|href)\s*=\s*[\"']([^\"']*)", text, re.I)   # no file or network link
    assert links and all(link.startswith(("#", "data:")) or link in INERT_ADDRESSES for link in links)
    assert not re.search(r"url\(\s*(?![\"']?(?:data:|#))", text)                      # every image inline
    assert not re.search(r"\b(jsdelivr|cdnjs|jquery|bootstrap|fontawesome|font-awesome|unpkg)\b", text, re.I)
    assert "<script src" not in text and '<link rel="stylesheet"' not in text


@needs_chromium
def test_the_demo_briefing_opens_offline_in_chromium(medaid_briefing, tmp_path):
    from PySide6.QtGui import QColor, QImage

    path, _ = medaid_briefing
    shot, net_log = tmp_path / "shot.png", tmp_path / "net.json"
    run_chromium(tmp_path / "profile", f"--log-net-log={net_log}", f"--screenshot={shot}", "--window-size=1280,900",
                 path.resolve().as_uri())
    image = QImage(str(shot))
    assert image.width() == 1280 and image.height() == 900
    red = QColor(TLP_COLOURS["RED"]).rgb()
    banner = [image.pixel(x, y) for y in range(0, 50, 2) for x in range(0, 400, 2)]
    assert banner.count(red) > 20 and banner.count(QColor("#000000").rgb()) > len(banner) // 2
    map_area = {image.pixel(x, y) for y in range(70, 850, 5) for x in range(0, 1280, 5)}
    assert len(map_area) > 50   # drawn: land, zones, corridors, markers, panels, not a blank page
    assert page_requests(net_log) == []

    # The same page with a probe at its head: what rendered, and every resource it loaded or failed to.
    probed = tmp_path / "probed.html"
    probed.write_text(path.read_text(encoding="utf-8").replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    dom = run_chromium(tmp_path / "profile2", "--virtual-time-budget=5000", "--dump-dom", probed.resolve().as_uri())
    found = json.loads(re.search(r'<pre id="ho-probe">(.*?)</pre>', dom, re.S).group(1))
    assert found["ready"] == "yes" and found["leaflet"] and found["banner"].startswith("TLP:RED")
    assert found["drawn"] > 100 and found["loaded"] == [] and found["failed"] == []


PROBE = """<script>
(function () {
  var failed = [];
  window.addEventListener("error", function (e) { if (e.target && e.target !== window) {
    failed.push(String(e.target.src || e.target.href || e.target.tagName)); } }, true);
  window.addEventListener("load", function () { setTimeout(function () {
    var out = document.createElement("pre"); out.id = "ho-probe";
    out.textContent = JSON.stringify({
      ready: document.documentElement.getAttribute("data-briefing-ready"),
      leaflet: !!document.querySelector(".leaflet-container .leaflet-map-pane"),
      banner: document.getElementById("ho-banner").textContent,
      drawn: document.querySelectorAll(".leaflet-marker-icon").length
             + (document.querySelector(".leaflet-overlay-pane canvas") ? 100 : 0),
      loaded: performance.getEntriesByType("resource").map(function (r) { return r.name; }),
      failed: failed});
    document.body.appendChild(out); }, 500); });
}());
</script>"""


def run_chromium(profile: Path, *args: str) -> str:
    result = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND", *args],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def page_requests(net_log: Path) -> list[str]:
    """Every network request the page made. The browser's own background requests (component
    updates, network time; ``initiator: not an origin``, failing here on the unresolvable hosts)
    are not the page's; a page opened from a file would make them with initiator ``null``. A
    file:// page's own file is not read through the network stack, so it is not in the log."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log["events"]
            if e["type"] == start and "url" in e.get("params", {}) and e["params"].get("initiator") != "not an origin"]


# --- size and large layers ----------------------------------------------------------------------

def test_the_demo_briefing_stays_under_the_size_budget(demo, medaid_briefing, tmp_path):
    assert medaid_briefing[0].stat().st_size < BUDGET_BYTES
    with Workspace.open(demo) as ws:
        result = write_briefing_map(ws, "internal", tmp_path / "all.html")
    assert result.bytes == result.path.stat().st_size < BUDGET_BYTES
    assert not any(c.cluster_cell_m for c in result.briefing.layers)   # the demo's layers are drawn point by point


def test_100000_needs_are_drawn_as_clusters_in_seconds(tmp_path):
    rng = np.random.default_rng(5)
    n = 100_000
    population = rng.integers(10, 5_000, n)
    with Workspace.create(tmp_path / "big.gpkg", organisation="ocha") as ws:
        ws.add_frame("need", gpd.GeoDataFrame(
            {"name": [f"Site {i:06d}" for i in range(n)], "population": population,
             "severity_phase": rng.integers(1, 6, n)},
            geometry=shapely.points(rng.uniform(36.0, 37.5, n), rng.uniform(33.0, 34.0, n)), crs=4326))
        started = time.perf_counter()
        result = write_briefing_map(ws, "internal", tmp_path / "big.html", layers=["need"])
        seconds = time.perf_counter() - started
    # a guard against drawing point by point again (minutes, tens of MB); the time is benchmarked
    assert seconds < 60 and result.bytes < BUDGET_BYTES
    need = result.briefing.layers[0]
    assert need.cluster_cell_m and need.features == n
    text = result.path.read_text(encoding="utf-8")
    cells = layer_specs(text)[0]["features"]["features"]
    assert MAX_POINTS > MAX_CLUSTERS >= len(cells) > 50
    assert sum(c["properties"]["n"] for c in cells) == n
    totals = [c["properties"]["a"][0] for c in cells]   # population, summed per cell (as shown, "1,234")
    assert sum(int(t.replace(",", "")) for t in totals) == int(population.sum())
    assert "Site 000001" not in text and not page_uuids(text)


def test_a_small_point_layer_is_not_clustered(workspace, tmp_path):
    for i in range(3):
        workspace.add_feature("need", Point(36 + i / 100, 33), {"name": f"v{i}", "population": 100 * (i + 1)})
    result = write_briefing_map(workspace, "internal", tmp_path / "b.html", layers=["need"])
    assert result.briefing.layers[0].cluster_cell_m is None
    features = layer_specs(result.path.read_text(encoding="utf-8"))[0]["features"]["features"]
    sizes = [f["properties"]["r"] for f in features]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]   # sized by population, as the app's canvas


# --- basemap tiles ------------------------------------------------------------------------------

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f80f0000010101005a4d6c0e0000000049454e44ae426082")


def make_mbtiles(path: Path, zooms: range, bbox: tuple[float, float, float, float]) -> int:
    from humanops.products.briefing_basemap import tile_range

    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    connection.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    connection.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "Kavera imagery"), ("format", "png"),
                                                                   ("attribution", "test tiles")])
    count = 0
    for z in zooms:
        x0, y0, x1, y1 = tile_range(bbox, z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                connection.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, 2 ** z - 1 - y, PNG))
                count += 1
    connection.commit()
    connection.close()
    return count


def test_mbtiles_tiles_for_the_area_are_embedded_within_the_budget(demo, tmp_path):
    from humanops.products.briefing_basemap import embed_mbtiles

    bbox = (128.0, -18.6, 129.4, -17.6)
    tiles = tmp_path / "kavera.mbtiles"
    made = make_mbtiles(tiles, range(4, 10), bbox)
    with Workspace.open(demo) as ws:
        result = write_briefing_map(ws, "medaid", tmp_path / "t.html", layers=["facility"], mbtiles=tiles)
    embedded = result.briefing.tiles   # the tiles over what the map shows (its features' extent), every zoom
    assert (embedded.min_zoom, embedded.max_zoom) == (4, 9) and {int(k.split("/")[0]) for k in embedded.tiles} \
        == set(range(4, 10))
    text = result.path.read_text(encoding="utf-8")
    assert "humanopsBriefing.tiles(" in text and "Kavera imagery, test tiles" in text
    assert all(f'"{key}":"{data}"' in text for key, data in embedded.tiles.items())
    assert len(embed_mbtiles(tiles, bbox).tiles) == made   # the whole area: every tile of the file
    small = embed_mbtiles(tiles, bbox, budget_bytes=len(PNG) * 12)
    assert small.max_zoom < 9 and small.left_out_zooms == list(range(small.max_zoom + 1, 10))
    with pytest.raises(FormatError, match="no tile over the briefing's area"):
        embed_mbtiles(tiles, (0.0, 0.0, 1.0, 1.0), min_zoom=9)


# --- writing ------------------------------------------------------------------------------------

def test_written_whole_or_not_at_all_and_recorded_in_the_audit_log(demo, tmp_path):
    out = tmp_path / "b.html"
    out.write_text("an earlier briefing", encoding="utf-8")
    with Workspace.open(demo) as ws:
        entries = len(audit.entries(ws))
        with pytest.raises(FormatError, match="exists already"):
            write_briefing_map(ws, "medaid", out)
        feedback = Feedback(lambda fraction, _message: feedback.cancel() if fraction > 0.5 else None)
        with pytest.raises(Canceled):
            write_briefing_map(ws, "medaid", out, overwrite=True, feedback=feedback)
        assert out.read_text(encoding="utf-8") == "an earlier briefing" and len(audit.entries(ws)) == entries
        assert [p.name for p in tmp_path.iterdir()] == ["b.html"]   # no temporary file left behind
        result = write_briefing_map(ws, "medaid", out, overwrite=True)
        entry = audit.entries(ws)[-1]
    assert out.stat().st_size == result.bytes and out.stat().st_mode & 0o077 == 0   # owner-only: marked data
    assert entry["action"] == "export" and entry["counterpart"] == "medaid"
    assert entry["detail"]["product"] == "briefing_map" and entry["detail"]["highest_tlp"] == "RED"
    assert entry["counts"]["recipients"]["medaid"]["sent"] == sum(c.features for c in result.briefing.layers)


def test_the_command_line(demo, tmp_path, capsys):
    from humanops.cli import main

    out = tmp_path / "medaid.html"
    args = ["-w", str(demo), "brief", "map", "--for", "medaid", "--out", str(out)]
    assert main([*args, "--layer", "need,facility", "--bbox", "128.2,-18.4,128.9,-17.8", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["file"] == str(out) and set(doc["layers"]) == {"need", "facility"} and doc["tlp"] in TLP.__members__
    assert out.stat().st_size == doc["bytes"]
    assert main(args) == 1 and "exists already" in capsys.readouterr().err   # never replaced unasked
    assert main([*args, "--overwrite", "--at", "2026-11-28T12:00:00Z"]) == 0
    assert "briefing map for MedAid" in capsys.readouterr().out
    assert main(["-w", str(demo), "brief", "map", "--for", "nobody", "--out", str(tmp_path / "n.html")]) == 1
    assert "not in the partner directory" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["-w", str(demo), "brief", "map", "--out", str(out)])   # --for is required
    assert main([*args, "--bbox", "1,2,3"]) == 2 and "four numbers" in capsys.readouterr().err


def test_the_command_line_loads_no_map_library_until_it_runs():
    probe = ("import sys, humanops.cli\nhumanops.cli.build_parser().format_help()\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'folium', 'branca', 'geopandas', 'jinja2'}))")
    result = subprocess.run([sys_executable(), "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip().splitlines()[-1] == "[]", result.stderr


def sys_executable() -> str:
    import sys

    return sys.executable
