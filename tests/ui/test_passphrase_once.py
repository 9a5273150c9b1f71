"""Receiving a package asks for the passphrase once per window (Check, then Import, no second
prompt); with Sharing ▸ Keep keys unlocked… the next windows ask none until the minutes pass or
Sharing ▸ Lock keys, and the keys are held in memory only.

The passphrase is typed into the real prompt (key presses) by a timer that counts the prompts."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import close_all
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QInputDialog
from shapely.geometry import Point
from ui_helpers import PassphrasePrompts, rows

from humanops.model.marking import TLP, Marking
from humanops.ui.settings import keep_keys_unlocked_minutes

ORGS = {"ocha": ("community:wash",), "medaid": ("community:wash",)}
WAIT_MS = 20_000

pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def packages(partners, tmp_path: Path) -> list[Path]:
    """Three packages from ocha to medaid, each with one more need."""
    from humanops.sharing.exchange_export import export_package

    ocha = partners["ocha"]
    out = []
    for i in range(3):
        ocha.ws.add_feature("need", Point(36.0 + 0.01 * i, 36.05), {"name": f"camp {i}", "population": 100},
                            Marking(tlp=TLP.GREEN))
        path = tmp_path / f"from-ocha-{i}.hopx"
        export_package(ocha.ws, ["medaid"], path, ocha.passphrase)
        out.append(path)
    return out


@pytest.fixture
def medaid_window(make_main_window, partners, tmp_path: Path, packages):
    close_all(partners)
    return make_main_window(tmp_path / "partners" / "medaid.gpkg")


@pytest.fixture
def typing(partners):
    typist = PassphrasePrompts({"medaid": partners["medaid"].passphrase}, "medaid")
    yield typist
    typist.timer.stop()


def sharing(window, text: str) -> None:
    (action,) = [a for a in window.actions.menus["Sharing"].actions() if a.text() == text]
    action.trigger()


def open_receive(qtbot, window, package: Path):
    from humanops.ui.sharing.receive_dialog import ReceivePackageDialog

    sharing(window, "Receive package…")
    (dialog,) = [d for d in window.findChildren(ReceivePackageDialog) if d.isVisible()]
    qtbot.keyClicks(dialog.file_edit, str(package))
    return dialog


def check(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=WAIT_MS)


def receive(qtbot, window, package: Path, *, close: bool = True):
    """Check, then Import, in one Receive window."""
    dialog = open_receive(qtbot, window, package)
    check(qtbot, dialog)
    assert dialog.import_button.isEnabled(), dialog.summary.text()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=WAIT_MS)
    if close:
        close_window(qtbot, dialog)
    return dialog


def close_window(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and not dialog.has_unlocked_keys()


def test_receiving_asks_for_the_passphrase_once_per_window(qtbot, medaid_window, packages, typing,
                                                           tmp_path: Path) -> None:
    window = medaid_window
    assert keep_keys_unlocked_minutes(window.settings) == 0  # off by default
    receive(qtbot, window, packages[0])
    assert typing.count == 1  # Check asked; Import did not
    assert rows(window.workspace.path, "SELECT count(*) FROM need") == [(1,)]
    receive(qtbot, window, packages[1])
    assert typing.count == 2  # a new window asks again: nothing was kept
    assert rows(window.workspace.path, "SELECT count(*) FROM need") == [(2,)]


def test_keep_keys_unlocked_asks_none_until_the_time_passes_or_lock_keys(qtbot, medaid_window, packages, typing,
                                                                         settings_path: Path, partners) -> None:
    from humanops.ui.sharing.unlocked_keys import CHOOSER_NAME, unlocked_keys

    window = medaid_window
    sharing(window, "Keep keys unlocked…")
    chooser = window.findChild(QInputDialog, CHOOSER_NAME)
    combo = chooser.findChild(QComboBox)
    combo.setCurrentIndex(combo.findText("For 15 minutes"))
    qtbot.mouseClick(chooser.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert keep_keys_unlocked_minutes(window.settings) == 15
    keys = unlocked_keys(window)
    now = [1000.0]
    keys.clock = lambda: now[0]

    receive(qtbot, window, packages[0])
    assert typing.count == 1 and keys.is_unlocked()
    now[0] += 14 * 60
    receive(qtbot, window, packages[1])
    assert typing.count == 1  # a second package, no prompt
    assert rows(window.workspace.path, "SELECT count(*) FROM need") == [(2,)]

    now[0] += 61  # fifteen minutes since the passphrase: dropped, asked again
    dialog = open_receive(qtbot, window, packages[2])
    check(qtbot, dialog)
    assert typing.count == 2 and keys.is_unlocked()

    # Lock keys drops the kept keys and the open window's: its Import asks again.
    sharing(window, "Lock keys")
    assert window.statusBar().currentMessage().startswith("Keys locked")
    assert not keys.is_unlocked() and not dialog.has_unlocked_keys()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert typing.count == 3
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=WAIT_MS)
    close_window(qtbot, dialog)

    # Nothing of the keys on disk: the settings hold the minutes only.
    window.settings.sync()
    stored = settings_path.read_text(encoding="utf-8")
    assert "15" in stored and "AGE-SECRET-KEY" not in stored.upper()
    assert partners["medaid"].passphrase not in stored

    # Closing the workspace drops them too.
    assert keys.is_unlocked()
    window.close_workspace(ask=False)
    assert not keys.is_unlocked()


def test_a_wrong_passphrase_keeps_nothing_and_is_asked_again(qtbot, medaid_window, packages, typing) -> None:
    window = medaid_window
    typing.passphrases["medaid"] = "not the passphrase"
    dialog = open_receive(qtbot, window, packages[0])
    check(qtbot, dialog)
    assert "wrong passphrase" in dialog.summary.text() and not dialog.has_unlocked_keys()
    assert not dialog.import_button.isEnabled()
    typing.passphrases["medaid"] = "passphrase of medaid"
    check(qtbot, dialog)
    assert typing.count == 2 and dialog.import_button.isEnabled() and dialog.has_unlocked_keys()
    close_window(qtbot, dialog)


def test_kept_keys_sign_a_package_without_a_prompt_and_a_first_send_keeps_them(
        qtbot, medaid_window, packages, typing, monkeypatch, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    from humanops.ui.settings import set_keep_keys_unlocked_minutes
    from humanops.ui.sharing.send_dialog import SendPackageDialog
    from humanops.ui.sharing.unlocked_keys import unlocked_keys

    window = medaid_window
    set_keep_keys_unlocked_minutes(window.settings, 15)
    keys = unlocked_keys(window)

    def send(name: str) -> None:
        sharing(window, "Send package…")
        (dialog,) = [d for d in window.findChildren(SendPackageDialog) if d.isVisible()]
        dialog.set_recipients(["ocha"])
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.worker is None, timeout=WAIT_MS)
        out = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
        with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.worker is None, timeout=WAIT_MS)
        assert out.is_file()
        dialog.reject()

    send("first.hopx")       # nothing kept yet: the passphrase, then kept
    assert typing.count == 1 and keys.is_unlocked()
    send("second.hopx")      # signed with the kept keys
    receive(qtbot, window, packages[0])   # and a receive after it asks none either
    assert typing.count == 1
    sharing(window, "Lock keys")
    send("third.hopx")
    assert typing.count == 2
