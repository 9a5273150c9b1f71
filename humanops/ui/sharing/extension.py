"""Sharing's place in the main window (loaded at start-up by ``humanops.ui.extensions``):
the Sharing menu, the Conflicts and proposals panel, the Sharing toolbar and the open
proposals drawn on the map. Light at import: dialogs and the engine are imported when first
used."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QWidget

from humanops.ui.extensions import menu_entry, panel, window_hook
from humanops.ui.locale_text import format_count

if TYPE_CHECKING:
    from humanops.ui.main_window import MainWindow
    from humanops.ui.sharing.conflicts_panel import ConflictsPanel
    from humanops.ui.sharing.proposal_overlay import ProposalOverlay
    from humanops.ui.sharing.send_toolbar import SendFilterBar

# Texts registered here are English keys, shown translated (context "extensions", see actions.py).
MENU = QT_TRANSLATE_NOOP("extensions", "Sharing")
CONFLICTS_PANEL = "conflicts"


def _show(window: MainWindow, dialog: QDialog) -> QDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _existing(window: MainWindow, cls: type) -> QDialog | None:
    """An open dialog of this kind (raised instead of opening a second one)."""
    for dialog in window.findChildren(cls):
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    return None


def send_bar(window: MainWindow) -> SendFilterBar | None:
    from humanops.ui.sharing.send_toolbar import SendFilterBar

    return window.findChild(SendFilterBar, "sharing_toolbar")


def proposal_overlay(window: MainWindow) -> ProposalOverlay | None:
    from humanops.ui.sharing.proposal_overlay import ProposalOverlay

    return window.findChild(ProposalOverlay, "proposal_overlay")


def conflicts_panel(window: MainWindow) -> ConflictsPanel | None:
    dock = window.docks.get(CONFLICTS_PANEL)
    return dock.widget() if dock is not None else None  # type: ignore[return-value]


def _has_keys(window: MainWindow, sending: bool) -> bool:
    """Packages need our keys: say where to make them instead of the CLI's advice."""
    from humanops.sharing.keys import has_identity

    if has_identity(window.workspace):
        return True
    if sending:
        message = QCoreApplication.translate("extensions", "This workspace has no keys yet, and sending a package "
                                                           "needs them: make them in Sharing ▸ Own identity…")
    else:
        message = QCoreApplication.translate("extensions", "This workspace has no keys yet, and receiving a package "
                                                           "needs them: make them in Sharing ▸ Own identity…")
    window.show_error(message, title=QCoreApplication.translate("extensions", "No keys yet"))
    return False


def directory_changed(window: MainWindow) -> None:
    """Keys or partners changed: the marking picker and the send filter read the directory again."""
    window.reload_partner_directory()
    bar = send_bar(window)
    if bar is not None:
        bar.refresh_partners()


def after_import(window: MainWindow, result: Any) -> None:
    """A package was merged through the worker's own connection: re-read what it touched."""
    window.refresh_layers(sorted(result.layers) or None, reread_map=True)
    totals = result.totals()
    panel_widget = conflicts_panel(window)
    if panel_widget is not None:
        panel_widget.refresh()
        if totals.get("conflicts") or totals.get("proposals"):
            window.docks[CONFLICTS_PANEL].show()
            window.docks[CONFLICTS_PANEL].raise_()
    overlay = proposal_overlay(window)
    if overlay is not None:
        overlay.refresh()  # the import notified another connection's listeners, not ours
    bar = send_bar(window)
    if bar is not None and bar.recipient():
        bar.apply()  # the filter again: the import may bring generalised copies or change what may go on
    proposals = ""
    if totals.get("proposals"):
        proposals = QCoreApplication.translate("extensions", ", {n} proposals to decide").format(
            n=format_count(totals["proposals"]))
    window.statusBar().showMessage(
        QCoreApplication.translate("extensions", "Imported the package from {sender}: {inserted} new, {updated} "
                                                 "updated, {deleted} deleted, {conflicts} conflicts{proposals}, "
                                                 "{quarantined} quarantined.").format(
            sender=result.sender, inserted=format_count(totals.get("inserted", 0)),
            updated=format_count(totals.get("updated", 0)), deleted=format_count(totals.get("deleted", 0)),
            conflicts=format_count(totals.get("conflicts", 0)), proposals=proposals,
            quarantined=format_count(totals.get("quarantined", 0))),
        15_000)


# --- the Sharing menu ----------------------------------------------------------------------------

@menu_entry(MENU, QT_TRANSLATE_NOOP("extensions", "Own identity…"),
            tip=QT_TRANSLATE_NOOP("extensions", "Our organisation's keys, fingerprint and contact card"))
def open_identity(window: MainWindow) -> None:
    from humanops.ui.sharing.identity_dialog import OwnIdentityDialog

    if _existing(window, OwnIdentityDialog) is None:
        dialog = OwnIdentityDialog(window.workspace, window)
        dialog.identityChanged.connect(lambda: directory_changed(window))
        _show(window, dialog)


@menu_entry(MENU, QT_TRANSLATE_NOOP("extensions", "Partners and keys…"),
            tip=QT_TRANSLATE_NOOP("extensions", "The partner directory: fingerprints, add from a contact card, revoke"))
def open_partners(window: MainWindow) -> None:
    from humanops.ui.sharing.partners_dialog import PartnersDialog

    if _existing(window, PartnersDialog) is None:
        dialog = PartnersDialog(window.workspace, window)
        dialog.directoryChanged.connect(lambda: directory_changed(window))
        _show(window, dialog)


@menu_entry(MENU, QT_TRANSLATE_NOOP("extensions", "Send package…"),
            tip=QT_TRANSLATE_NOOP("extensions", "Preview per recipient, then write a signed, encrypted package"))
def open_send(window: MainWindow) -> None:
    from humanops.ui.sharing.send_dialog import SendPackageDialog

    if _existing(window, SendPackageDialog) is None and _has_keys(window, sending=True):
        dialog = SendPackageDialog(window.workspace, window)
        dialog.exported.connect(lambda result: window.statusBar().showMessage(
            QCoreApplication.translate("extensions", "Wrote package {package} to {recipients}: {path}").format(
                package=result.package_id, recipients=", ".join(result.recipients), path=result.path), 15_000))
        _show(window, dialog)


@menu_entry(MENU, QT_TRANSLATE_NOOP("extensions", "Receive package…"),
            tip=QT_TRANSLATE_NOOP("extensions", "Verify a partner's package, see what it would change, then import it"))
def open_receive(window: MainWindow) -> None:
    from humanops.ui.sharing.receive_dialog import ReceivePackageDialog

    if _existing(window, ReceivePackageDialog) is None and _has_keys(window, sending=False):
        dialog = ReceivePackageDialog(window.workspace, window)
        dialog.validatedWrites.connect(window.problems_watch.validated_by_app)  # before the re-read after it
        dialog.imported.connect(lambda result: after_import(window, result))
        _show(window, dialog)


@menu_entry(MENU, QT_TRANSLATE_NOOP("extensions", "Keep keys unlocked…"), needs_workspace=False,
            tip=QT_TRANSLATE_NOOP("extensions", "How long the keys stay unlocked in memory after the passphrase "
                                                "(off: asked in every window)"))
def choose_keep_unlocked(window: MainWindow) -> None:
    from humanops.ui.sharing.unlocked_keys import choose_minutes

    choose_minutes(window)


@menu_entry(MENU, QT_TRANSLATE_NOOP("extensions", "Lock keys"), needs_workspace=False,
            tip=QT_TRANSLATE_NOOP("extensions", "Drop the unlocked keys now: the next package asks for the "
                                                "passphrase"))
def lock_keys(window: MainWindow) -> None:
    from humanops.ui.sharing.unlocked_keys import lock_keys as lock

    lock(window)


@menu_entry(MENU, QT_TRANSLATE_NOOP("extensions", "Conflicts"),
            tip=QT_TRANSLATE_NOOP("extensions", "Features a partner and we changed at the same time, and changes "
                                                "proposed by others than a feature's originator: decide them"))
def show_conflicts(window: MainWindow) -> None:
    dock = window.docks.get(CONFLICTS_PANEL)
    if dock is not None:
        dock.show()
        dock.raise_()
        conflicts_panel(window).refresh()


@menu_entry(MENU, QT_TRANSLATE_NOOP("extensions", "Editors of a layer…"),
            tip=QT_TRANSLATE_NOOP("extensions", "Name the partners who may edit all our features of a layer with us "
                                                "(their fields and geometry)"))
def open_layer_editors(window: MainWindow) -> None:
    from humanops.ui.sharing.editors_dialog import open_editors

    open_editors(window)


@menu_entry(MENU, QT_TRANSLATE_NOOP("extensions", "Audit log…"),
            tip=QT_TRANSLATE_NOOP("extensions", "Verify the hash-chained log of what went to whom; write a report"))
def open_audit(window: MainWindow) -> None:
    from humanops.ui.sharing.audit_dialog import AuditDialog

    if _existing(window, AuditDialog) is None:
        _show(window, AuditDialog(window.workspace, window))


# --- panel and toolbar ---------------------------------------------------------------------------

@panel(CONFLICTS_PANEL, QT_TRANSLATE_NOOP("extensions", "Conflicts and proposals"), area="right")
def make_conflicts_panel(window: MainWindow) -> QWidget:
    from humanops.ui.sharing.conflicts_panel import ConflictsPanel

    widget = ConflictsPanel(window)
    widget.resolved.connect(lambda layer, _uuid: window.refresh_layers([layer]))
    window.workspaceOpened.connect(lambda _path: widget.refresh())
    window.workspaceClosed.connect(widget.refresh)
    return widget


@window_hook
def add_sharing_toolbar(window: MainWindow) -> None:
    from humanops.ui.sharing.send_toolbar import SendFilterBar

    SendFilterBar(window)


@window_hook
def add_feature_editors(window: MainWindow) -> None:
    """The Feature panel names the shown feature's editors, and its Editors… button opens the dialog."""
    from humanops.ui.sharing.editors_dialog import editors_line, open_editors

    panel_widget = window.feature_panel
    panel_widget.editors_info = lambda feature: editors_line(window.workspace, feature)
    panel_widget.editorsRequested.connect(lambda layer, uuid: open_editors(window, layer, uuid))


@window_hook
def add_proposal_overlay(window: MainWindow) -> None:
    from humanops.ui.sharing.proposal_overlay import ProposalOverlay

    ProposalOverlay(window)


@window_hook
def keep_unlocked_keys(window: MainWindow) -> None:
    """Keys kept unlocked (if chosen) belong to the window, dropped whenever its workspace closes."""
    from humanops.ui.sharing.unlocked_keys import attach

    attach(window)
