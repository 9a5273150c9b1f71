"""Asking for the passphrase of our organisation's keys: a password field each time it is
needed, never stored (not in settings, not in the dialog once the work has started)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


def ask_passphrase(parent: QWidget | None, title: str, purpose: str) -> str | None:
    """The passphrase, or None if the user cancelled."""
    prompt = QCoreApplication.translate("passphrase", "Passphrase of your organisation's keys:")
    text, ok = QInputDialog.getText(parent, title, f"{purpose}\n\n{prompt}", QLineEdit.EchoMode.Password)
    return text if ok and text else None


def ask_new_passphrase(parent: QWidget | None, title: str) -> tuple[str | None, str]:
    """A new passphrase typed twice: (passphrase, "") or (None, why not; "" if cancelled)."""
    from humanops.sharing.keys import MIN_PASSPHRASE

    first, ok = QInputDialog.getText(
        parent, title, QCoreApplication.translate(
            "passphrase", "Choose a passphrase for your organisation's private keys (at least {n} characters).\n"
                          "Whoever holds the workspace and this passphrase can sign in your organisation's name;\n"
                          "without it nobody, you included, can send or receive packages.").format(n=MIN_PASSPHRASE),
        QLineEdit.EchoMode.Password)
    if not ok:
        return None, ""
    if len(first) < MIN_PASSPHRASE:
        return None, QCoreApplication.translate("passphrase", "The passphrase must have at least {n} characters: no "
                                                              "keys were made.").format(n=MIN_PASSPHRASE)
    second, ok = QInputDialog.getText(parent, title, QCoreApplication.translate("passphrase",
                                                                                "Type the passphrase again:"),
                                      QLineEdit.EchoMode.Password)
    if not ok:
        return None, ""
    if second != first:
        return None, QCoreApplication.translate("passphrase", "The two passphrases differ: no keys were made.")

    return first, ""
