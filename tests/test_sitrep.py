"""The situation report: one PDF for an audience, read back with Debian's poppler (pdftotext,
pdftoppm). It holds what the sharing policy lets the audience see and names nothing else, carries
the TLP banner on every page, draws its map offscreen, says what changed since the last report for
the same audience, and is written whole and recorded like any release."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from briefing_helpers import enter_partners
from PySide6.QtGui import QImage
from shapely.geometry import LineString, Polygon

from humanops.errors import FormatError
from humanops.feedback import Canceled, Feedback
from humanops.model.marking import TLP, Marking
from humanops.sharing import audit
from humanops.sharing.audience import audience_view
from humanops.store import sitrep_records
from humanops.store.workspace import Workspace
from humanops.ui.sitrep import SECTIONS

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils is not installed here: packaging/system-packages.sh --test installs it, and could not "
    "on this machine")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with our keys, its three partners in the directory (their cards made here, as in
    tests/test_briefing_map.py) and the example trigger rules adopted, so alerts are open."""
    from humanops.analysis.triggers import adopt_rules, attach_triggers
    from humanops.scenario.demo import DEMO_COMMUNITIES, DEMO_NOW, DEMO_PARTNERS, create_demo_workspace
    from humanops.sharing import keys

    path = tmp_path_factory.mktemp("sitrep") / "demo.gpkg"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "SCRYPT_N", 2**10)   # a test-only key cost
        with create_demo_workspace(path) as workspace:
            own, *others = DEMO_PARTNERS
            enter_partners(workspace, own, others, DEMO_NOW - timedelta(days=30), communities=DEMO_COMMUNITIES)
            adopt_rules(workspace, ROOT / "resources" / "triggers" / "example.toml")
            engine = attach_triggers(workspace)
            engine.evaluate()
            engine.close()
    return path


@pytest.fixture(scope="module")
def medaid_report(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """``humanops brief sitrep --for medaid`` as a script runs it: a process of its own, with no
    display (the command runs Qt offscreen itself)."""
    folder = tmp_path_factory.mktemp("medaid")
    out, workspace = folder / "sitrep-medaid.pdf", folder / "demo.gpkg"
    shutil.copy(demo, workspace)   # the report is recorded in the workspace: the other tests start from none
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "humanops.cli", "-w", str(workspace), "brief", "sitrep", "--for",
                           "medaid",
                           "--out", str(out), "--json"], capture_output=True, text=True, env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return out, json.loads(proc.stdout)


def pdf_pages(path: Path, *, layout: bool = False) -> list[str]:
    """The text of each page, its whitespace made single spaces (a name wrapped over two lines
    is still found); ``layout``: line by line as printed (the banner's words in their order)."""
    text = subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def test_the_report_has_its_sections_and_the_banner_on_every_page(medaid_report, tmp_path: Path) -> None:
    path, doc = medaid_report
    pages = pdf_pages(path, layout=True)
    assert doc["pages"] == len(pages) >= 2 and doc["tlp"] == "RED" and doc["audience"] == "medaid"
    for page in pages:   # TLP 2.0: the label at the top and the bottom of every page
        assert page.startswith("TLP:RED Situation report") and "for MedAid (MedAid Relief)" in page[:120]
        assert re.search(r"TLP:RED Situation report for MedAid \(MedAid Relief\) · made .* page \d+$", page)
    text = " ".join(pages)
    positions = [text.find(title) for title in SECTIONS]
    assert -1 not in positions and positions == sorted(positions)   # every section, in order
    assert "For the eyes and ears of individual recipients only" in text
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == doc["pages"]


def test_the_map_is_drawn_offscreen_on_its_page(medaid_report, tmp_path: Path) -> None:
    path, doc = medaid_report
    page, (left, top, width, height) = doc["map"]["page"], doc["map"]["box_mm"]
    dpi = 60
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", str(path),
                    str(tmp_path / "map")], check=True)
    (png,) = tmp_path.glob("map*.png")
    image = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB32)
    px = dpi / 25.4
    x0, y0, x1, y1 = (round(v * px) for v in (left, top, left + width, top + height))
    colours = {image.pixel(x, y) for x in range(x0 + 3, x1 - 3, 2) for y in range(y0 + 3, y1 - 3, 2)}
    assert len(colours) > 300   # the basemap, zones, corridors, markers and labels: not a blank box
    below = {image.pixel(x, y1 + 20) for x in range(x0, x1, 2)}   # the legend's white, under the map
    assert len(below) < len(colours)


def test_a_report_for_a_partner_never_names_what_is_withheld(demo: Path, medaid_report) -> None:
    from humanops.analysis.triggers import list_alerts
    from humanops.ui.sitrep_content import exact_uuids

    path, doc = medaid_report
    text = " ".join(pdf_pages(path) + pdf_pages(path, layout=True))   # a name in either reading is named
    with Workspace.open(demo) as ws:
        view = audience_view(ws, "medaid")
        everything = {n for name in view.layers for n in ws.read_layer(name)["name"].dropna()}
        alerts = list_alerts(ws, states=("active", "acknowledged"))
    shown = {n for layer in view.layers.values() for n in layer.frame["name"].dropna()}
    withheld = everything - shown
    assert len(withheld) > 50 and doc["withheld"] == view.withheld_total
    assert [name for name in withheld if name in text] == []
    seen = exact_uuids(view)
    told = [a for a in alerts if all(f.uuid in seen for f in a.features)]
    untold = [a for a in alerts if a not in told]
    assert told and untold   # the demo's alerts rest partly on what MedAid may not see
    assert all(" ".join(a.headline.split()) in text for a in told)
    assert not any(" ".join(a.headline.split()) in text for a in untold)
    assert f"{len(untold)} other open alert(s) rest on features not shared with this audience" in text
    assert f"Withheld for MedAid (MedAid Relief) by the sharing policy: {view.withheld_total} feature(s)" in text


def test_what_changed_since_the_last_report_for_the_same_audience(demo: Path, tmp_path: Path, qapp) -> None:
    from humanops.ui.sitrep import write_sitrep

    path = tmp_path / "demo.gpkg"
    shutil.copy(demo, path)
    clear = Marking(tlp=TLP.CLEAR)
    with Workspace.open(path) as ws:
        corridor = ws.add_feature("corridor", LineString([(128.40, -17.90), (128.50, -17.95)]),
                                  {"name": "Test convoy road", "status": "open", "width_m": 500}, clear)
        first = write_sitrep(ws, "medaid", tmp_path / "first.pdf")
        assert "This is the first situation report for this audience" in " ".join(pdf_pages(first.path))
        ws.update_feature("corridor", corridor.uuid, properties={"status": "closed"})
        ws.add_feature("danger_zone", Polygon([(128.45, -17.92), (128.47, -17.92), (128.47, -17.90)]),
                       {"name": "New crater field", "hazard": "landmines_uxo", "severity": 4}, clear)
        internal = write_sitrep(ws, "internal", tmp_path / "internal.pdf")   # another audience's first
        second = write_sitrep(ws, "medaid", tmp_path / "second.pdf")
    text = " ".join(pdf_pages(second.path))
    assert "Since the last report for this audience (made 2026-11-28 12:00 UTC)" in text
    assert "New danger zones (1): New crater field" in text and "Corridors closed (1): Test convoy road" in text
    assert "This is the first situation report for this audience" in " ".join(pdf_pages(internal.path))


def test_written_whole_or_not_at_all_and_recorded_in_the_audit_log(demo: Path, tmp_path: Path, qapp) -> None:
    from humanops.ui.sitrep import write_sitrep

    path = tmp_path / "demo.gpkg"
    shutil.copy(demo, path)
    out = tmp_path / "r.pdf"
    out.write_bytes(b"an earlier report")
    with Workspace.open(path) as ws:
        entries = len(audit.entries(ws))
        with pytest.raises(FormatError, match="exists already"):
            write_sitrep(ws, "medaid", out)
        feedback = Feedback(lambda fraction, _message: feedback.cancel() if fraction > 0.6 else None)
        with pytest.raises(Canceled):
            write_sitrep(ws, "medaid", out, overwrite=True, feedback=feedback)
        assert out.read_bytes() == b"an earlier report" and len(audit.entries(ws)) == entries
        assert sitrep_records.last_for(ws, "medaid") is None
        assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.gpkg", "r.pdf"]   # no temporary file left
        result = write_sitrep(ws, "medaid", out, overwrite=True)
        entry = audit.entries(ws)[-1]
        record = sitrep_records.last_for(ws, "medaid")
    assert out.stat().st_size == result.bytes and out.stat().st_mode & 0o077 == 0   # owner-only: marked data
    assert entry["action"] == "export" and entry["counterpart"] == "medaid"
    assert entry["detail"]["product"] == "sitrep" and entry["detail"]["pages"] == result.pages
    assert record is not None and record.file == "r.pdf" and record.tlp == "RED"
    assert set(record.shown) == {"danger_zone", "corridor", "incident"}
    assert np.isclose(len(record.shown["danger_zone"]), result.counts["danger_zone"])


def test_the_command_refuses_what_it_cannot_do(demo: Path, tmp_path: Path, capsys, qapp) -> None:
    from humanops.cli import main

    base = ["-w", str(demo), "brief", "sitrep", "--for", "medaid"]
    assert main([*base, "--out", str(tmp_path / "r.html")]) == 2 and ".pdf" in capsys.readouterr().err
    assert main(["-w", str(demo), "brief", "sitrep", "--for", "nobody", "--out", str(tmp_path / "n.pdf")]) == 1
    assert "not in the partner directory" in capsys.readouterr().err
    assert main([*base, "--out", str(tmp_path / "b.pdf"), "--bbox", "1,2,3"]) == 2
    assert "four numbers" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_the_command_line_loads_no_qt_until_it_runs() -> None:
    probe = ("import sys, humanops.cli\nhumanops.cli.build_parser().format_help()\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'shiboken6'}))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip().splitlines()[-1] == "[]", result.stderr
