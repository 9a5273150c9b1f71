"""File › TAK data package…: driven through the real main window on the demo with its partners. The
menu opens the dialog; a partner chosen and the package written with real clicks and keys holds only
what the sharing policy lets that partner see (compared with audience_view), says what was left out
before and after writing, and is recorded in the audit log; Cancel leaves no file and no record. TAK
files (a .cot, a data package) dropped on the window or chosen in File › Import go into the Import
dialog and are read."""

from __future__ import annotations

import threading
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from briefing_helpers import enter_partners
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from test_map_export import choose_from_menu
from test_window_drops import drop, visible

from humanops.feedback import Feedback
from humanops.scenario.demo import DEMO_NOW
from humanops.scenario.partners import DEMO_PARTNERS
from humanops.store.workspace import Workspace

WAIT_MS = 30_000
TAK_LAYERS = ["danger_zone", "corridor", "facility", "incident"]
ROUTE = ('<event version="2.0" uid="route-1" type="b-m-r" how="h-g-i-g-o" time="2026-11-28T09:00:00Z" '
         'start="2026-11-28T09:00:00Z" stale="2026-12-28T09:00:00Z">'
         '<point lat="33.1" lon="36.1" hae="9999999.0" ce="9999999.0" le="9999999.0"/>'
         '<detail><contact callsign="Exit route {n}"/>'
         '<link uid="wp1" type="b-m-p-w" point="33.0,36.0,0" relation="c"/>'
         '<link uid="wp2" type="b-m-p-w" point="33.2,36.3,0" relation="c"/></detail></event>')


@pytest.fixture
def demo_window(make_main_window, demo_path: Path, fast_kdf):
    """The demo, its partners in the directory (keys sealed fast), open in the main window."""
    with Workspace.open(demo_path) as ws:
        enter_partners(ws, DEMO_PARTNERS[0], DEMO_PARTNERS[1:], datetime(2026, 11, 1, tzinfo=UTC))
    return make_main_window(demo_path)


class GatedFeedback(Feedback):
    """Holds the worker once the file is written and its audit record is being made, until the test
    lets it go: the Cancel click then lands when a file certainly exists, not yet committed."""

    def __init__(self, on_progress=None) -> None:
        super().__init__(on_progress)
        self.reached = threading.Event()
        self.release = threading.Event()

    def progress(self, fraction: float, message: str = "") -> None:
        if fraction >= 0.9 and not self.reached.is_set():
            self.reached.set()
            self.release.wait(20)
        super().progress(fraction, message)


def open_tak_dialog(qtbot, window):
    from humanops.ui.dialogs.tak_dialog import TakDialog

    choose_from_menu(qtbot, window, "File", window.actions.tak_package)
    qtbot.waitUntil(lambda: window.findChild(TakDialog) is not None)
    dialog = window.findChild(TakDialog)
    qtbot.waitExposed(dialog)
    return dialog


def choose_partner(qtbot, dialog, text: str) -> None:
    dialog.audience.setFocus()
    qtbot.keyClicks(dialog.audience, text)   # a closed combo box selects the item typed
    qtbot.waitUntil(lambda: dialog.contents is not None, timeout=WAIT_MS)   # the policy asked in a worker


def tak_briefs(ws: Workspace) -> list[dict]:
    from humanops.sharing.audit import entries

    return [e for e in entries(ws) if (e.get("detail") or {}).get("product") == "tak"]


def test_a_partner_s_package_from_the_file_menu_holds_only_what_it_may_see(qtbot, demo_window, tmp_path: Path):
    from humanops.sharing.audience import INTERNAL, audience_view

    window = demo_window
    dialog = open_tak_dialog(qtbot, window)
    assert dialog.audience.currentData() == INTERNAL and dialog.chosen_valid_at() == DEMO_NOW
    assert dialog.chosen_layers() == TAK_LAYERS and not dialog.write_button.isEnabled()
    choose_partner(qtbot, dialog, "MedAid")
    assert dialog.audience.currentData() == "medaid"
    expected = audience_view(window.workspace, "medaid", layers=TAK_LAYERS, at=DEMO_NOW)
    everything = audience_view(window.workspace, INTERNAL, layers=TAK_LAYERS, at=DEMO_NOW)
    allowed = {u for layer in expected.layers.values() for u in layer.frame["uuid"]}
    withheld = {u for layer in everything.layers.values() for u in layer.frame["uuid"]} - allowed
    assert expected.withheld_total > 0 and withheld   # the demo marks some features beyond MedAid's reach
    before = dialog.preview.text()
    assert f"TLP:{expected.highest_tlp.value} " in before
    assert f"{expected.withheld_total} feature(s) withheld by the sharing policy" in before

    out = tmp_path / "medaid-tak.zip"
    qtbot.keyClicks(dialog.file_edit, str(out))
    assert dialog.write_button.isEnabled()
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=WAIT_MS)

    assert dialog.result is not None, dialog.message.text()
    after = dialog.message.text()
    assert after.startswith(f"Written {out}") and f"TLP:{expected.highest_tlp.value}," in after
    assert f"{expected.withheld_total} feature(s) withheld" in after
    assert f"TAK brief written to {out}." in window.statusBar().currentMessage()
    with zipfile.ZipFile(out) as archive:
        manifest = SafeET.fromstring(archive.read("MANIFEST/manifest.xml"))
        entries = [c.get("zipEntry") for c in manifest.iter("Content")]
        assert entries and sorted(entries) == sorted(n for n in archive.namelist() if n != "MANIFEST/manifest.xml")
        name = next(p.get("value") for p in manifest.iter("Parameter") if p.get("name") == "name")
        assert name.startswith(f"TLP:{expected.highest_tlp.value} ")
        sent = {SafeET.fromstring(archive.read(e)).find("detail/humanops").get("uuid") for e in entries}
    assert sent == allowed and not sent & withheld
    (record,) = tak_briefs(window.workspace)
    assert record["counterpart"] == "medaid" and record["detail"]["file"] == out.name
    assert record["counts"]["recipients"]["medaid"]["sent"] == len(allowed)
    # the file is there now: writing again asks for another name (Save as… asks before replacing)
    assert not dialog.write_button.isEnabled()
    dialog.set_audience("waterbridge")
    assert "exists already" in dialog.message.text()
    dialog.reject()


def test_cancel_leaves_no_file_and_no_record(qtbot, demo_window, tmp_path: Path) -> None:
    gates: list[GatedFeedback] = []

    def factory(on_progress):
        gates.append(GatedFeedback(on_progress))
        return gates[-1]

    window = demo_window
    dialog = open_tak_dialog(qtbot, window)
    dialog.feedback_factory = factory
    choose_partner(qtbot, dialog, "MedAid")
    qtbot.mouseClick(dialog.as_cot, Qt.MouseButton.LeftButton)
    assert dialog.as_cot.isChecked()
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "medaid.cot"
    qtbot.keyClicks(dialog.file_edit, str(out))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    worker = dialog.worker
    qtbot.waitUntil(lambda: bool(gates) and gates[-1].reached.is_set(), timeout=WAIT_MS)
    assert out.is_file()   # written, its audit record not yet committed
    progress = worker.progress_dialog
    qtbot.waitUntil(progress.isVisible, timeout=5000)   # shown once the work takes a moment
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    with qtbot.waitSignal(worker.cancelled, timeout=WAIT_MS):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        gates[-1].release.set()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)
    assert dialog.message.text() == "Cancelled: no TAK brief was written."
    assert list(folder.iterdir()) == [] and tak_briefs(window.workspace) == []
    dialog.reject()


def test_tak_files_dropped_or_chosen_in_file_import_go_into_the_import_dialog(qtbot, main_window, tmp_path: Path):
    from humanops.ui.dialogs.import_dialog import ImportDialog

    window = main_window
    corridors = window.workspace.count("corridor")
    cot = tmp_path / "field.cot"
    cot.write_text(ROUTE.format(n=1), encoding="utf-8")
    assert drop(qtbot, window, cot)
    (dialog,) = visible(window, ImportDialog)
    assert dialog.file_edit.text() == str(cot)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT_MS)
    assert "would import 1" in dialog.summary.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace.count("corridor") == corridors + 1, timeout=WAIT_MS)
    dialog.reject()

    package = tmp_path / "field-package.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("MANIFEST/manifest.xml", '<MissionPackageManifest version="2"><Configuration>'
                         '<Parameter name="uid" value="pkg"/><Parameter name="name" value="from the field"/>'
                         '</Configuration><Contents><Content ignore="false" zipEntry="r2/r2.cot">'
                         '<Parameter name="uid" value="route-2"/></Content></Contents></MissionPackageManifest>')
        archive.writestr("r2/r2.cot", ROUTE.format(n=2).replace("route-1", "route-2"))
    choose_from_menu(qtbot, window, "File", window.actions.import_file)
    qtbot.waitUntil(lambda: len(visible(window, ImportDialog)) == 1)
    (dialog,) = visible(window, ImportDialog)
    qtbot.keyClicks(dialog.file_edit, str(package))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT_MS)
    assert "would import 1" in dialog.summary.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace.count("corridor") == corridors + 2, timeout=WAIT_MS)
    assert "Exit route 2" in {f.properties["name"] for f in window.workspace.features("corridor")}
    dialog.reject()

    assert drop(qtbot, window, package)   # a data package dropped: the Import dialog too, not the Receive one
    (dialog,) = visible(window, ImportDialog)
    assert dialog.file_edit.text() == str(package)
    dialog.reject()


def test_what_is_given_only_generalised_is_said_before_writing(qtbot, tmp_path: Path, fast_kdf) -> None:
    from shapely.geometry import Point

    from humanops.model.marking import TLP, Marking, Precision
    from humanops.ui.dialogs.tak_dialog import TakDialog

    path = tmp_path / "ocha.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        enter_partners(ws, {"id": "ocha", "name": "Coordination", "acronym": "OCHA", "communities": ["c:wash"]},
                       [{"id": "medaid", "name": "MedAid Relief", "acronym": "MedAid", "communities": ["c:wash"]}],
                       DEMO_NOW)
        ws.set_meta("scenario_now", "2026-11-28T12:00:00Z")
        for i in range(12):   # protection data: MedAid gets one aggregate of the twelve
            ws.add_feature("need", Point(36 + i * 0.0001, 33), {"name": f"family {i}", "population": 100},
                           Marking(tlp=TLP.GREEN, precision=Precision.parse("grid:1000:k10")))
        dialog = TakDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    row = next(i for i in range(dialog.layer_list.count())
               if dialog.layer_list.item(i).data(Qt.ItemDataRole.UserRole) == "need")
    rect = dialog.layer_list.visualItemRect(dialog.layer_list.item(row))
    qtbot.mouseClick(dialog.layer_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(dialog.layer_list, Qt.Key.Key_Space)
    assert "need" in dialog.chosen_layers()
    choose_partner(qtbot, dialog, "MedAid")
    assert dialog.preview.text().endswith("Left out for this audience: nothing withheld; 12 feature(s) given only "
                                          "generalised."), dialog.preview.text()
    assert "TLP:GREEN" in dialog.preview.text() and "1 feature(s)." in dialog.preview.text()
