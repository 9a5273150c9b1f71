"""Sharing in the app, driven through the real widgets: own identity, partners added only
after the fingerprint is confirmed, the per-recipient preview before any package is written,
the verification report before anything is imported, readable refusals, conflicts resolved
from the panel, and the map fading what a partner would not receive.

Passphrases, file names and confirmations are answered by monkeypatching the Qt dialogs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import close_all
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox
from shapely.geometry import Point, Polygon
from ui_helpers import canvas_point, rows

from humanops.model.marking import TLP, Marking, Precision
from humanops.sharing import keys
from humanops.sharing.keys import format_fingerprint
from humanops.store.workspace import Workspace
from humanops.ui.sharing.wording import fingerprint_lines, withheld_sentence

ORGS = {"ocha": ("community:wash",), "medaid": ("community:wash",), "unhcr": ("community:protection",)}
WAIT_MS = 20_000
ZONE_A = [(36.00, 36.00), (36.10, 36.00), (36.10, 36.08), (36.00, 36.08)]
ZONE_B = [(36.20, 36.00), (36.30, 36.00), (36.30, 36.08), (36.20, 36.08)]


pytestmark = pytest.mark.usefixtures("fast_kdf")  # every test here makes or unlocks keys


@pytest.fixture
def passphrases(monkeypatch):
    """Answer every passphrase prompt with the queued answers (the last one repeats);
    records (prompt, echo mode) of each prompt."""
    answers: list[str] = []
    asked: list[tuple[str, object]] = []

    def get_text(parent, title, label, echo=QLineEdit.EchoMode.Normal, *args, **kwargs):
        asked.append((label, echo))
        return (answers.pop(0) if len(answers) > 1 else answers[0]), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return answers, asked


def choose_file(monkeypatch, path: Path | None, *, save: bool) -> None:
    name = "getSaveFileName" if save else "getOpenFileName"
    monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: (str(path) if path else "", "")))


def confirm(monkeypatch, answer: QMessageBox.StandardButton) -> list[str]:
    """Answer QMessageBox.question with ``answer``; returns the texts asked."""
    texts: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        texts.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return texts


def menu(window, text: str) -> None:
    (action,) = [a for a in window.actions.menus["Sharing"].actions() if a.text() == text]
    assert action.isEnabled()
    action.trigger()


def dialog_of(window, cls):
    (dialog,) = [d for d in window.findChildren(cls) if d.isVisible()]
    return dialog


def wait_worker(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=WAIT_MS)


def tree_texts(tree) -> list[str]:
    out = []

    def walk(item):
        out.append(" | ".join(item.text(c) for c in range(item.columnCount())))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return out


def need(ws: Workspace, name: str, marking: Marking, x: float, y: float = 36.05, population: int = 120):
    return ws.add_feature("need", Point(x, y), {"name": name, "population": population}, marking)


def seed_needs(ws: Workspace) -> None:
    """What ocha holds: some for medaid, some not, one generalised for it."""
    need(ws, "clear", Marking(tlp=TLP.CLEAR), 36.00)
    need(ws, "amber medaid", Marking(tlp=TLP.AMBER, releasable_to=("medaid",)), 36.02)
    need(ws, "red unhcr", Marking(tlp=TLP.RED, releasable_to=("unhcr",)), 36.04)
    need(ws, "green protection", Marking(tlp=TLP.GREEN, releasable_to=("community:protection",)), 36.06)
    need(ws, "camp", Marking(tlp=TLP.GREEN, precision=Precision.parse("grid:1000:k10")), 36.08, population=340)


# --- own identity -------------------------------------------------------------------------------------

def test_own_identity_makes_keys_shows_the_fingerprint_and_writes_a_card(qtbot, main_window, passphrases,
                                                                         monkeypatch, tmp_path: Path) -> None:
    from humanops.sharing.cards import read_card
    from humanops.ui.sharing.identity_dialog import OwnIdentityDialog

    answers, asked = passphrases
    window = main_window
    menu(window, "Own identity…")
    dialog = dialog_of(window, OwnIdentityDialog)
    assert dialog.org_edit.text() == "ocha" and dialog.org_edit.isReadOnly()  # the workspace's organisation
    dialog.name_edit.setText("OCHA Kavera")
    dialog.communities_edit.setText("community:wash")

    answers[:] = ["first passphrase", "other passphrase"]
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "differ" in dialog.status.text()
    assert not keys.has_identity(window.workspace)

    answers[:] = ["good passphrase"]
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    wait_worker(qtbot, dialog)
    public = keys.own_identity(window.workspace)
    assert public.org_id == "ocha"
    assert dialog.fingerprint.text() == fingerprint_lines(format_fingerprint(public.fingerprint))
    assert all(echo == QLineEdit.EchoMode.Password for _, echo in asked)  # never shown as typed

    card = tmp_path / "ocha.card.json"
    choose_file(monkeypatch, card, save=True)
    qtbot.mouseClick(dialog.card_button, Qt.MouseButton.LeftButton)
    wait_worker(qtbot, dialog)
    assert read_card(card).fingerprint == public.fingerprint
    assert format_fingerprint(public.fingerprint) in dialog.status.text()
    dialog.reject()


# --- partners -----------------------------------------------------------------------------------------

def test_partner_is_added_only_after_its_fingerprint_is_confirmed_and_can_be_revoked(
        qtbot, main_window, partners, monkeypatch) -> None:
    from humanops.sharing.cards import read_card
    from humanops.sharing.directory_store import list_partners
    from humanops.ui.sharing.extension import send_bar
    from humanops.ui.sharing.partners_dialog import PartnersDialog

    window = main_window
    keys.init_identity(window.workspace, "ocha", "OCHA", "our passphrase")
    card = partners["medaid"].card
    grouped = format_fingerprint(read_card(card).fingerprint)
    menu(window, "Partners and keys…")
    dialog = dialog_of(window, PartnersDialog)
    choose_file(monkeypatch, card, save=False)

    asked = confirm(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert all(group in asked[0] for group in grouped.split())  # the fingerprint is shown to be checked
    assert "medaid" not in {p["org_id"] for p in list_partners(window.workspace)}  # not confirmed: not added

    confirm(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    (row,) = [t for t in tree_texts(dialog.tree) if t.startswith("medaid |")]
    assert fingerprint_lines(grouped, 8) in row and "valid since" in row
    assert send_bar(window).combo.findData("medaid") > 0  # the map filter offers the new partner

    dialog.select("medaid")
    asked = confirm(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.revoke_button, Qt.MouseButton.LeftButton)
    assert "Revoke the keys of" in asked[0]
    (medaid,) = [p for p in list_partners(window.workspace) if p["org_id"] == "medaid"]
    assert medaid["status"] == "revoked"
    (row,) = [t for t in tree_texts(dialog.tree) if t.startswith("medaid |")]
    assert "revoked" in row
    assert not dialog.revoke_button.isEnabled()
    dialog.reject()


# --- sending ------------------------------------------------------------------------------------------

def test_send_shows_the_preview_per_recipient_before_anything_is_written(
        qtbot, make_main_window, partners, passphrases, monkeypatch, tmp_path: Path) -> None:
    from humanops.sharing.audit import entries
    from humanops.ui.sharing.send_dialog import SendPackageDialog

    ocha = partners["ocha"]
    seed_needs(ocha.ws)
    ocha.ws.close()
    window = make_main_window(tmp_path / "partners" / "ocha.gpkg")
    menu(window, "Send package…")
    dialog = dialog_of(window, SendPackageDialog)
    dialog.set_recipients(["medaid"])
    assert not dialog.save_button.isEnabled()  # no writing without a preview

    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    wait_worker(qtbot, dialog)
    texts = tree_texts(dialog.tree)
    (needs_row,) = [t for t in texts if t.startswith("Civilian needs")]
    assert needs_row.split(" | ")[1:] == ["2", "1 → 1", "0", "2"]  # exact, generalised, deletions, withheld
    assert any(withheld_sentence("tlp_red_not_named") in t for t in texts)
    assert any(withheld_sentence("not_releasable") in t for t in texts)
    assert any("generalised locations" in t for t in texts)
    assert not list((tmp_path).rglob("*.hopx"))  # nothing written by the preview
    assert dialog.save_button.isEnabled()

    dialog.full.setChecked(True)  # another choice: the preview no longer holds
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    wait_worker(qtbot, dialog)

    out = tmp_path / "to-medaid.hopx"
    choose_file(monkeypatch, out, save=True)
    passphrases[0][:] = [ocha.passphrase]
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    assert out.is_file() and result.path == str(out)
    assert result.package_id in dialog.summary.text() and "3 features" in dialog.summary.text()
    assert not dialog.save_button.isEnabled()  # one package a preview
    assert rows(window.workspace.path, "SELECT count(*) FROM humanops_audit WHERE action = 'export'") == [(1,)]
    assert entries(window.workspace)[-1]["package_id"] == result.package_id
    dialog.reject()


def test_a_wrong_passphrase_writes_nothing(qtbot, make_main_window, partners, passphrases, monkeypatch,
                                           tmp_path: Path) -> None:
    from humanops.ui.sharing.send_dialog import SendPackageDialog

    seed_needs(partners["ocha"].ws)
    partners["ocha"].ws.close()
    window = make_main_window(tmp_path / "partners" / "ocha.gpkg")
    menu(window, "Send package…")
    dialog = dialog_of(window, SendPackageDialog)
    dialog.set_recipients(["medaid"])
    dialog.start_preview()
    wait_worker(qtbot, dialog)
    out = tmp_path / "x.hopx"
    choose_file(monkeypatch, out, save=True)
    passphrases[0][:] = ["not the passphrase"]
    dialog.save_as()
    wait_worker(qtbot, dialog)
    assert "wrong passphrase" in dialog.summary.text() and "Nothing was written" in dialog.summary.text()
    assert "Traceback" not in dialog.summary.text()
    assert not out.exists()
    dialog.reject()


# --- receiving ----------------------------------------------------------------------------------------

def _package_for_medaid(partners, tmp_path: Path) -> Path:
    from humanops.sharing.exchange_export import export_package

    ocha = partners["ocha"]
    seed_needs(ocha.ws)
    out = tmp_path / "from-ocha.hopx"
    export_package(ocha.ws, ["medaid"], out, ocha.passphrase, full=True)
    return out


def test_receive_shows_the_verification_report_and_changes_then_imports(
        qtbot, make_main_window, partners, passphrases, tmp_path: Path, snapshot) -> None:
    from humanops.ui.sharing.receive_dialog import ReceivePackageDialog

    package = _package_for_medaid(partners, tmp_path)
    ocha_fp = keys.own_identity(partners["ocha"].ws).fingerprint
    medaid = partners["medaid"]
    passphrases[0][:] = [medaid.passphrase]
    close_all(partners)
    path = tmp_path / "partners" / "medaid.gpkg"
    window = make_main_window(path)
    menu(window, "Receive package…")
    dialog = dialog_of(window, ReceivePackageDialog)
    dialog.set_file(package)
    assert not dialog.import_button.isEnabled()
    before = snapshot(path)

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    wait_worker(qtbot, dialog)
    report = dialog.verification_text()
    assert "ocha" in report and "verified" in report and "medaid" in report
    for line in fingerprint_lines(format_fingerprint(ocha_fp), 8).splitlines():
        assert line in report  # the signer's key, as it is read aloud
    assert "Sequence" in report and ">1 (the last accepted from ocha: 0)" in report
    (needs_row,) = [t for t in dialog.report_texts() if t.startswith("Civilian needs")]
    assert needs_row.split(" | ")[1] == "3"  # new: 2 exact and 1 generalised area
    assert snapshot(path) == before  # the check changed nothing
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert rows(path, "SELECT count(*) FROM need") == [(3,)]
    assert "Imported: 3 new" in dialog.summary.text()
    qtbot.waitUntil(lambda: "(3)" in window.layers_panel.layer_item("need").text(0), timeout=5000)
    qtbot.waitUntil(lambda: window.canvas.snapshot("need") is not None
                    and len(window.canvas.snapshot("need")) == 3, timeout=WAIT_MS)  # the map re-read it
    dialog.reject()


def test_refused_packages_are_readable_and_change_nothing(qtbot, make_main_window, partners, passphrases,
                                                          tmp_path: Path, snapshot) -> None:
    from humanops.sharing import cards
    from humanops.sharing.exchange_export import export_package
    from humanops.sharing.exchange_import import import_package
    from humanops.ui.sharing.receive_dialog import ReceivePackageDialog

    good = _package_for_medaid(partners, tmp_path)
    medaid = partners["medaid"]
    tampered = tmp_path / "tampered.hopx"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    to_unhcr = tmp_path / "to-unhcr.hopx"
    export_package(partners["ocha"].ws, ["unhcr"], to_unhcr, partners["ocha"].passphrase, full=True)
    # a sender medaid never added: refused with its fingerprint, to be checked before adding it
    with Workspace.create(tmp_path / "stranger.gpkg", organisation="stranger") as stranger:
        keys.init_identity(stranger, "stranger", "Stranger", "stranger passphrase")
        cards.add_partner_from_card(stranger, medaid.card)
        need(stranger, "x", Marking(tlp=TLP.CLEAR), 36.1)
        unknown = tmp_path / "stranger.hopx"
        export_package(stranger, ["medaid"], unknown, "stranger passphrase", full=True)
        stranger_fp = format_fingerprint(keys.own_identity(stranger).fingerprint)
    replay = good
    import_package(medaid.ws, good, medaid.passphrase)
    passphrases[0][:] = [medaid.passphrase]
    close_all(partners)
    path = tmp_path / "partners" / "medaid.gpkg"
    window = make_main_window(path)
    menu(window, "Receive package…")
    dialog = dialog_of(window, ReceivePackageDialog)
    before = snapshot(path)
    for package, expected in ((tampered, "damaged"), (to_unhcr, "not encrypted to any of our keys"),
                              (unknown, stranger_fp), (replay, "replay")):
        dialog.set_file(package)
        dialog.check()
        wait_worker(qtbot, dialog)
        report = dialog.verification_text()
        assert "Refused" in report and expected in report, report
        assert "Traceback" not in report and "internal error" not in report
        assert not dialog.import_button.isEnabled()
        assert snapshot(path) == before
    dialog.reject()


# --- conflicts ----------------------------------------------------------------------------------------

def test_conflicts_panel_shows_both_versions_and_keeps_theirs(qtbot, make_main_window, partners,
                                                             tmp_path: Path) -> None:
    from humanops.sharing.exchange_export import export_package
    from humanops.sharing.exchange_import import import_package

    ocha, medaid = partners["ocha"], partners["medaid"]
    site = need(ocha.ws, "shared site", Marking(tlp=TLP.AMBER, releasable_to=("medaid",)), 36.05)
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    # ocha, the originator, changes its feature while medaid's copy is edited outside the
    # app's rules (another tool, e.g. QGIS): ocha's version conflicts with medaid's.
    # (medaid's own edit sent to ocha would be a proposal, not a conflict: only ocha changes it.)
    ocha.ws.update_feature("need", site.uuid, properties={"population": 500})
    medaid.ws.update_feature("need", site.uuid, properties={"population": 650})
    export_package(ocha.ws, ["medaid"], tmp_path / "2.hopx", ocha.passphrase)
    assert import_package(medaid.ws, tmp_path / "2.hopx", medaid.passphrase).layers["need"] == {"conflicts": 1}
    close_all(partners)

    window = make_main_window(tmp_path / "partners" / "medaid.gpkg")
    menu(window, "Conflicts")
    panel = window.docks["conflicts"].widget()
    assert window.docks["conflicts"].isVisible()
    assert panel.list.count() == 1 and "shared site" in panel.list.item(0).text()
    assert "population" in panel.differing_fields() and "name" not in panel.differing_fields()
    (population,) = [r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == "population"]
    assert (panel.table.item(population, 1).text(), panel.table.item(population, 2).text()) == ("650", "500")

    qtbot.mouseClick(panel.select_button, Qt.MouseButton.LeftButton)
    assert window.canvas.selection() == {"need": {site.uuid}}
    qtbot.mouseClick(panel.theirs_button, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 0
    kept = window.workspace.find_feature("need", site.uuid)
    # ocha's version, exactly as ocha signed it: medaid may not make versions of ocha's feature
    assert kept.properties["population"] == 500 and kept.version == 2


# --- the map ------------------------------------------------------------------------------------------

def _colour(window, lon: float, lat: float) -> QColor:
    image = window.canvas.grab().toImage()
    return QColor(image.pixel(canvas_point(window.canvas, lon, lat)))


def test_what_could_i_send_fades_what_the_partner_would_not_receive(qtbot, make_main_window, partners,
                                                                    tmp_path: Path) -> None:
    from humanops.ui.sharing.extension import send_bar

    ocha = partners["ocha"]
    props = {"hazard": "shelling", "severity": 4}
    ocha.ws.add_feature("danger_zone", Polygon(ZONE_A), {"name": "for the wash cluster", **props},
                        Marking(tlp=TLP.GREEN))  # medaid shares community:wash with us
    ocha.ws.add_feature("danger_zone", Polygon(ZONE_B), {"name": "for unhcr only", **props},
                        Marking(tlp=TLP.AMBER, releasable_to=("unhcr",)))
    ocha.ws.close()
    window = make_main_window(tmp_path / "partners" / "ocha.gpkg")
    canvas = window.canvas
    centre_a, centre_b = (36.015, 36.012), (36.215, 36.012)  # inside, away from the labels
    full_a, full_b = _colour(window, *centre_a), _colour(window, *centre_b)
    bar = send_bar(window)
    assert [bar.combo.itemData(i) for i in range(bar.combo.count())] == [None, "medaid", "unhcr"]

    with qtbot.waitSignal(bar.counted, timeout=WAIT_MS) as counted:
        bar.set_recipient("medaid")
    qtbot.waitUntil(canvas.is_idle, timeout=WAIT_MS)
    assert _colour(window, *centre_a) == full_a  # would go: drawn as before
    assert _colour(window, *centre_b).lightness() > full_b.lightness() + 30  # would not: faded
    assert (counted.args[0].going, counted.args[0].total) == (1, 2)
    assert window.statusBar().currentMessage().startswith("medaid would receive 1 of 2 features (1 withheld)")

    with qtbot.waitSignal(bar.counted, timeout=WAIT_MS):
        bar.set_recipient("unhcr")  # GREEN without a shared community: the other way round
    qtbot.waitUntil(canvas.is_idle, timeout=WAIT_MS)
    assert _colour(window, *centre_a).lightness() > full_a.lightness() + 30
    assert _colour(window, *centre_b) == full_b

    bar.set_recipient(None)
    qtbot.waitUntil(canvas.is_idle, timeout=WAIT_MS)
    assert (_colour(window, *centre_a), _colour(window, *centre_b)) == (full_a, full_b)


def test_show_markings_is_on_the_sharing_toolbar(main_window) -> None:
    from humanops.ui.sharing.extension import send_bar

    bar = send_bar(main_window)
    assert main_window.actions.show_markings in bar.actions()
    main_window.actions.show_markings.trigger()
    assert main_window.canvas.show_markings()


# --- audit log ----------------------------------------------------------------------------------------

def test_audit_log_verifies_shows_the_first_bad_entry_and_writes_reports(qtbot, make_main_window, partners,
                                                                         monkeypatch, tmp_path: Path) -> None:
    import sqlite3

    from humanops.ui.sharing.audit_dialog import AuditDialog

    _package_for_medaid(partners, tmp_path)
    close_all(partners)
    path = tmp_path / "partners" / "ocha.gpkg"
    window = make_main_window(path)
    menu(window, "Audit log…")
    dialog = dialog_of(window, AuditDialog)
    assert dialog.ok and "intact" in dialog.verdict.text()
    assert any(dialog.table.item(r, 2).text() == "export" for r in range(dialog.table.rowCount()))

    out = tmp_path / "audit.csv"
    choose_file(monkeypatch, out, save=True)
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    assert "medaid" in out.read_text(encoding="utf-8") and "Wrote" in dialog.status.text()

    db = sqlite3.connect(path)  # someone edits an entry behind the app's back
    with db:
        db.execute("UPDATE humanops_audit SET counterpart = 'nobody' WHERE seq = 2")
    db.close()
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert not dialog.ok and dialog.first_bad_seq == 2
    assert "tampered with, from entry 2" in dialog.verdict.text()
    report = tmp_path / "audit.html"
    choose_file(monkeypatch, report, save=True)
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    page = report.read_text(encoding="utf-8")   # the sharing report: readable, the broken chain said first
    assert "WARNING" in dialog.status.text() and "medaid" in page and '<p class="bad">' in page
    pdf = tmp_path / "audit.pdf"
    choose_file(monkeypatch, pdf, save=True)
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    assert pdf.read_bytes().startswith(b"%PDF") and "WARNING" in dialog.status.text()
    dialog.reject()


def test_a_wrong_passphrase_is_not_blamed_on_the_package(qtbot, make_main_window, partners, passphrases,
                                                         tmp_path: Path) -> None:
    from humanops.ui.sharing.receive_dialog import ReceivePackageDialog

    package = _package_for_medaid(partners, tmp_path)
    close_all(partners)
    window = make_main_window(tmp_path / "partners" / "medaid.gpkg")
    menu(window, "Receive package…")
    dialog = dialog_of(window, ReceivePackageDialog)
    dialog.set_file(package)
    passphrases[0][:] = ["not the passphrase"]
    dialog.check()
    wait_worker(qtbot, dialog)
    assert "wrong passphrase" in dialog.summary.text() and "Refused" not in dialog.verification_text()
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_cancel_while_writing_a_package_leaves_no_file_and_no_record(qtbot, make_main_window, partners,
                                                                     passphrases, monkeypatch,
                                                                     tmp_path: Path) -> None:
    import threading

    from PySide6.QtWidgets import QPushButton

    from humanops.feedback import Feedback
    from humanops.ui.sharing.send_dialog import SendPackageDialog

    class Gate(Feedback):
        """Holds the export once it is signing, until the Cancel click has landed."""

        reached = threading.Event()
        release = threading.Event()

        def progress(self, fraction: float, message: str = "") -> None:
            if fraction >= 0.7 and not Gate.reached.is_set():
                Gate.reached.set()
                Gate.release.wait(20)
            super().progress(fraction, message)

    seed_needs(partners["ocha"].ws)
    passphrases[0][:] = [partners["ocha"].passphrase]
    partners["ocha"].ws.close()
    path = tmp_path / "partners" / "ocha.gpkg"
    window = make_main_window(path)
    menu(window, "Send package…")
    dialog = dialog_of(window, SendPackageDialog)
    dialog.set_recipients(["medaid"])
    dialog.start_preview()
    wait_worker(qtbot, dialog)
    dialog.feedback_factory = Gate
    out = tmp_path / "cancelled.hopx"
    choose_file(monkeypatch, out, save=True)
    dialog.save_as()
    worker = dialog.worker
    qtbot.waitUntil(Gate.reached.is_set, timeout=WAIT_MS)
    progress = worker.progress_dialog
    qtbot.waitUntil(progress.isVisible, timeout=5000)
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    with qtbot.waitSignal(worker.cancelled, timeout=WAIT_MS):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        Gate.release.set()
    assert "Cancelled: nothing was written" in dialog.summary.text()
    assert not out.exists() and not list(tmp_path.glob(".humanops-*"))
    assert rows(path, "SELECT count(*) FROM humanops_audit WHERE action = 'export'") == [(0,)]
    dialog.reject()


def test_sending_without_keys_says_where_to_make_them(qtbot, main_window) -> None:
    from humanops.ui.sharing.send_dialog import SendPackageDialog

    menu(main_window, "Send package…")
    assert not main_window.findChildren(SendPackageDialog)
    qtbot.waitUntil(lambda: main_window.findChild(QMessageBox, "error_box") is not None, timeout=5000)
    box = main_window.findChild(QMessageBox, "error_box")
    assert "Own identity" in box.text()
    box.close()
