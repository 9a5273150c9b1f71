"""Audit witnesses in the app, driven through the real widgets: the audit log dialog writes a
witness for a partner (what its packages showed us of its log, signed with our key unlocked
in a worker) and checks a partner's witness of our own log, with a plain verdict — even after
the log's tail was cut and its head reset, which the hash chain alone cannot see.

Passphrases, partners and file names are answered by monkeypatching the Qt dialogs.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
from pathlib import Path

import pytest
from exchange_helpers import close_all
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit
from shapely.geometry import Point

from humanops.model.marking import TLP, Marking, utc_now
from humanops.sharing import audit, keys
from humanops.sharing.exchange_export import export_package
from humanops.sharing.exchange_import import import_package
from humanops.ui.sharing.audit_dialog import AuditDialog

WAIT_MS = 20_000
ORGS = {"ocha": (), "medaid": ()}
SHOTS = Path(os.environ.get("HUMANOPS_SHOTS", "/tmp/shots2"))


pytestmark = pytest.mark.usefixtures("fast_kdf")  # every test here makes or unlocks keys


@pytest.fixture
def answers(monkeypatch):
    """Queued answers to the passphrase prompt and the partner choice; what each asked."""
    given: dict[str, list] = {"passphrase": [], "partner": [], "asked": []}

    def get_text(parent, title, label, echo=QLineEdit.EchoMode.Normal, *args, **kwargs):
        given["asked"].append(("passphrase", label, echo))
        return given["passphrase"].pop(0), True

    def get_item(parent, title, label, items, current=0, editable=True, *args, **kwargs):
        given["asked"].append(("partner", label, list(items)))
        wanted = given["partner"].pop(0)
        return next(i for i in items if i.startswith(wanted)), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    return given


def choose_file(monkeypatch, path: Path, *, save: bool) -> None:
    name = "getSaveFileName" if save else "getOpenFileName"
    monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: (str(path), "")))


def shot(widget, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # laid out as the user sees it
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def exchange(sender, recipient, path: Path) -> None:
    export_package(sender.ws, [recipient.org], path, sender.passphrase)
    import_package(recipient.ws, path, recipient.passphrase)


def ocha_seen_by_medaid(partners, tmp_path: Path) -> None:
    """Two packages from ocha to medaid: medaid holds two of ocha's audit heads."""
    ocha, medaid = partners["ocha"], partners["medaid"]
    for i in range(2):
        ocha.ws.add_feature("need", Point(36.05 + i / 100, 36.05), {"name": f"Camp {i}", "population": 100},
                            Marking(tlp=TLP.AMBER, releasable_to=("medaid",)))
        exchange(ocha, medaid, tmp_path / f"{i}.hopx")
    assert len(audit.partner_heads(medaid.ws, "ocha")) == 2


def open_audit(qtbot, make_main_window, partners, tmp_path: Path, org: str) -> AuditDialog:
    close_all(partners)
    window = make_main_window(tmp_path / "partners" / f"{org}.gpkg")
    (action,) = [a for a in window.actions.menus["Sharing"].actions() if a.text() == "Audit log…"]
    action.trigger()
    (dialog,) = [d for d in window.findChildren(AuditDialog) if d.isVisible()]
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_partners_witness_passes_then_fails_after_the_log_was_cut(qtbot, make_main_window, partners, monkeypatch,
                                                                    tmp_path: Path) -> None:
    ocha_seen_by_medaid(partners, tmp_path)
    medaid = partners["medaid"]
    witness = tmp_path / "medaid-witness-for-ocha.json"
    audit.write_witness(medaid.ws, keys.unlock(medaid.ws, medaid.passphrase), "ocha", witness, utc_now())
    highest = max(h["seq"] for h in json.loads(witness.read_text())["heads"])
    assert highest > 2
    dialog = open_audit(qtbot, make_main_window, partners, tmp_path, "ocha")
    assert not dialog.witness_verdict.isVisible()

    choose_file(monkeypatch, witness, save=False)
    click(qtbot, dialog.check_witness_button)
    assert dialog.witness_ok is True and dialog.witness_verdict.isVisible()
    text = dialog.witness_verdict.text()
    assert "Our log still holds everything MEDAID saw" in text
    assert f"holds 2 heads, up to entry {highest}" in text
    shot(dialog, "witness_pass")

    # Someone cuts the log's tail and resets its head behind the app's back: the chain still verifies.
    path = dialog.workspace.path
    db = sqlite3.connect(path)
    with db:
        (digest,) = db.execute("SELECT entry_hash FROM humanops_audit WHERE seq = 2").fetchone()
        db.execute("DELETE FROM humanops_audit WHERE seq > 2")
        db.execute("UPDATE humanops_meta SET value = ? WHERE key = 'audit_head'", (f"2:{digest}",))
    db.close()
    click(qtbot, dialog.check_witness_button)
    assert dialog.witness_ok is False
    text = dialog.witness_verdict.text()
    assert "Our log no longer holds what MEDAID saw" in text
    assert f"our log ends at entry 2 but medaid saw entry {highest}" in text
    assert dialog.table.rowCount() == 2  # the dialog read the log again
    shot(dialog, "witness_fail")
    dialog.reject()


def test_a_forged_witness_is_refused_plainly(qtbot, make_main_window, partners, monkeypatch,
                                             tmp_path: Path) -> None:
    ocha_seen_by_medaid(partners, tmp_path)
    medaid = partners["medaid"]
    witness = tmp_path / "witness.json"
    audit.write_witness(medaid.ws, keys.unlock(medaid.ws, medaid.passphrase), "ocha", witness, utc_now())
    doc = json.loads(witness.read_text())
    raw = bytearray(base64.b64decode(doc["signature"]))
    raw[0] ^= 1
    doc["signature"] = base64.b64encode(bytes(raw)).decode()
    witness.write_text(json.dumps(doc))
    dialog = open_audit(qtbot, make_main_window, partners, tmp_path, "ocha")

    choose_file(monkeypatch, witness, save=False)
    click(qtbot, dialog.check_witness_button)
    assert dialog.witness_ok is False
    text = dialog.witness_verdict.text()
    assert "witness.json was refused" in text and "does not verify against medaid's key" in text
    assert "(field signature)" in text
    shot(dialog, "witness_forged")

    malformed = tmp_path / "not-a-witness.json"
    malformed.write_text("{ not json")
    choose_file(monkeypatch, malformed, save=False)
    click(qtbot, dialog.check_witness_button)
    assert dialog.witness_ok is False and "not-a-witness.json was refused" in dialog.witness_verdict.text()
    dialog.reject()


def test_writing_a_witness_for_a_partner_through_the_dialog(qtbot, make_main_window, partners, answers,
                                                            monkeypatch, tmp_path: Path) -> None:
    ocha_seen_by_medaid(partners, tmp_path)
    ocha_path = tmp_path / "partners" / "ocha.gpkg"
    dialog = open_audit(qtbot, make_main_window, partners, tmp_path, "medaid")
    out = tmp_path / "for-ocha.json"
    choose_file(monkeypatch, out, save=True)

    # A wrong passphrase: nothing written, said plainly.
    answers["partner"][:] = ["OCHA"]
    answers["passphrase"][:] = ["not the passphrase"]
    click(qtbot, dialog.write_witness_button)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=WAIT_MS)
    assert dialog.status.text().startswith("No witness was written:") and "passphrase" in dialog.status.text()
    assert not out.exists()

    answers["partner"][:] = ["OCHA"]
    answers["passphrase"][:] = ["passphrase of medaid"]
    click(qtbot, dialog.write_witness_button)
    assert not dialog.write_witness_button.isEnabled() or dialog.worker is None  # busy while signing
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=WAIT_MS)
    assert dialog.status.text().startswith("Wrote the witness for OCHA"), dialog.status.text()
    assert "the 2 audit log heads its packages showed you" in dialog.status.text()
    (choices,) = [a[2] for a in answers["asked"][2:] if a[0] == "partner"]
    assert len(choices) == 1 and choices[0].startswith("OCHA (ocha): 2 packages seen, up to entry ")
    assert json.loads(out.read_text())["for_org"] == "ocha"
    assert dialog.write_witness_button.isEnabled()
    shot(dialog, "witness_written")
    dialog.reject()

    # ocha checks its log against it: intact.
    from humanops.store.workspace import Workspace

    with Workspace.open(ocha_path) as ws:
        assert audit.verify_witness(ws, out).ok


def test_no_witness_without_a_partners_package(qtbot, make_main_window, partners, answers,
                                               tmp_path: Path) -> None:
    dialog = open_audit(qtbot, make_main_window, partners, tmp_path, "medaid")
    click(qtbot, dialog.write_witness_button)
    assert dialog.status.text().startswith("No witness was written: no partner's package has shown you")
    assert answers["asked"] == []  # nothing asked
    dialog.reject()
