"""The Conflicts and proposals panel.

Conflicts: features two partners changed concurrently, each with both versions side by side
(the fields that differ highlighted), a way to find it on the map, and the decision — keep
mine or keep theirs — made through ``humanops.sharing.conflicts``, which stores it as a new
version so the next exchange carries it to everyone.

Proposals (``humanops.sharing.proposals``): a change of a feature by someone else than its
originator is never merged; it waits here, one row each ("medaid proposes changing
population of ocha's need Camp A") with Accept and Reject (``decide``): accepting a proposal
about our own feature stores it as our new version; about someone else's, it becomes our own
proposal to its originator. Our own open proposals are listed too, with Withdraw. Selecting
a proposal shows the feature as it is beside the proposed change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shapely
from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from humanops.errors import HumanOpsError
from humanops.ui.editing import organisation_label
from humanops.ui.i18n import current_language
from humanops.ui.locale_text import format_count
from humanops.ui.sharing.identity_dialog import ERROR_STYLE, OK_STYLE

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace, WorkspaceChange
    from humanops.ui.main_window import MainWindow

DIFFERS = QColor("#ffe9a8")
PROPOSAL_COLOUR = "#b000b0"  # the map draws open proposals in this magenta too
REFRESH_DELAY_MS = 150
_MARKING = ("tlp", "releasable_to", "caveats", "expires", "precision")


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or "—"
    if isinstance(value, bool):
        return QCoreApplication.translate("ConflictsPanel", "yes") if value else \
            QCoreApplication.translate("ConflictsPanel", "no")
    return str(value)


def _geometry_text(hex_wkb: str | None) -> str:
    if not hex_wkb:
        return "—"
    try:
        geometry = shapely.from_wkb(hex_wkb)
    except (shapely.errors.GEOSException, TypeError):  # a record we cannot read: show that, do not fail the panel
        return QCoreApplication.translate("ConflictsPanel", "unreadable geometry")
    centre = geometry.centroid if geometry.geom_type != "Point" else geometry
    n = shapely.get_num_coordinates(geometry)
    where = f"{centre.y:.5f}° N, {centre.x:.5f}° E"  # coordinates as GPS and radio read them, in any language
    text = QCoreApplication.translate("ConflictsPanel", "{geometry} at {where}").format(geometry=geometry.geom_type,
                                                                                        where=where)
    return text + (" " + ConflictsPanel.tr("(%Ln vertices)", "", n) if n > 1 else "")


def comparison_rows(conflict: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """(field, mine, theirs, differs) for everything a user decides on."""
    mine = conflict["local_feature"] or {}
    theirs = conflict["incoming_feature"] or {}
    rows: list[tuple[str, str, str, bool]] = []

    def add(label: str, a: Any, b: Any) -> None:
        ta, tb = _text(a), _text(b)
        rows.append((label, ta, tb, ta != tb))

    add("version", mine.get("version"), theirs.get("version"))
    add("modified", mine.get("modified"), theirs.get("modified"))
    add("deleted", bool(mine.get("deleted")), bool(theirs.get("deleted")))
    props_a, props_b = mine.get("properties") or {}, theirs.get("properties") or {}
    for name in list(dict.fromkeys([*props_a, *props_b])):
        add(name, props_a.get(name), props_b.get(name))
    geo_a, geo_b = mine.get("geometry"), theirs.get("geometry")
    ta, tb = _geometry_text(geo_a), _geometry_text(geo_b)
    rows.append(("geometry", ta, tb, _geometry_differs(geo_a, geo_b)))
    marking_a, marking_b = mine.get("marking") or {}, theirs.get("marking") or {}
    for name in _MARKING:
        add(f"marking: {name}", marking_a.get(name), marking_b.get(name))
    return rows


def _geometry_differs(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return bool(a) != bool(b)
    try:
        return not shapely.equals_exact(shapely.from_wkb(a), shapely.from_wkb(b), 1e-9)
    except (shapely.errors.GEOSException, TypeError):  # unreadable: compare the records' text
        return a != b


def current_record(workspace: Workspace, layer: str, uuid: str) -> dict[str, Any] | None:
    """The feature we hold, as a record like a proposal's (for :func:`comparison_rows`)."""
    from humanops.model.marking import format_time

    feature = workspace.find_feature(layer, uuid)
    if feature is None:
        return None
    return {"version": feature.version, "modified": format_time(feature.modified) if feature.modified else None,
            "deleted": False, "properties": dict(feature.properties), "marking": feature.marking.to_columns(),
            "geometry": shapely.to_wkb(feature.geometry, hex=True, output_dimension=2, byte_order=1)
            if feature.geometry is not None else None}


class ProposalRow(QWidget):
    """One proposal in the list: what it proposes, and the buttons to decide it (or, for our
    own, to withdraw it)."""

    def __init__(self, proposal: dict[str, Any], text: str, ours: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.setObjectName(f"proposal_{proposal['id']}")
        self.text_label = QLabel(text, self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.accept_button.setObjectName("accept_proposal")
        self.reject_button = QPushButton(self.tr("Reject"), self)
        self.reject_button.setObjectName("reject_proposal")
        self.withdraw_button = QPushButton(self.tr("Withdraw"), self)
        self.withdraw_button.setObjectName("withdraw_proposal")
        for button in (self.accept_button, self.reject_button, self.withdraw_button):
            button.setAutoDefault(False)
        self.accept_button.setVisible(not ours)
        self.reject_button.setVisible(not ours)
        self.withdraw_button.setVisible(ours)
        marker = QLabel(self)
        marker.setFixedWidth(4)
        marker.setStyleSheet(f"background: {PROPOSAL_COLOUR};")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.addWidget(marker)
        layout.addWidget(self.text_label, 1)
        for button in (self.accept_button, self.reject_button, self.withdraw_button):
            layout.addWidget(button)


class ProposalList(QListWidget):
    """The proposals, one :class:`ProposalRow` each, every row as high as its words need at the
    list's width (no horizontal scrolling in a narrow dock)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def add_row(self, row: ProposalRow) -> QListWidgetItem:
        item = QListWidgetItem(self)
        self.setItemWidget(item, row)
        self._fit(item, row)
        return item

    def _fit(self, item: QListWidgetItem, row: QWidget) -> None:
        width = max(120, self.viewport().width())
        layout = row.layout()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else row.sizeHint().height()
        item.setSizeHint(QSize(width, max(height, row.minimumSizeHint().height())))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        for i in range(self.count()):
            row = self.itemWidget(self.item(i))
            if row is not None:
                self._fit(self.item(i), row)


class ConflictsPanel(QWidget):
    """``resolved(layer, uuid)`` after a decision was stored (a conflict's or a proposal's)."""

    resolved = Signal(str, str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("conflicts_panel")
        self.window_ = window
        self.conflicts: list[dict[str, Any]] = []
        self.list = QListWidget(self)
        self.list.setObjectName("conflict_list")
        self.list.currentRowChanged.connect(self._conflict_chosen)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("conflict_versions")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Mine"), self.tr("Theirs")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.proposals: list[dict[str, Any]] = []
        self.proposal_rows: list[ProposalRow] = []
        self.proposal_list = ProposalList(self)
        self.proposal_list.setObjectName("proposal_list")
        self.proposal_list.setToolTip(self.tr("Changes of features made by someone else than their originator: never "
                                              "merged until their originator accepts them"))
        self.proposal_list.currentRowChanged.connect(self._show_current_proposal)
        conflicts_box, self.conflicts_title = self._titled(self.list)
        proposals_box, self.proposals_title = self._titled(self.proposal_list)
        splitter = self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(conflicts_box)
        splitter.addWidget(proposals_box)
        splitter.addWidget(self.table)
        splitter.setSizes([110, 180, 250])
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        window.workspace_signals.changed.connect(self._on_workspace_change)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.select_button = QPushButton(self.tr("Select on map"), self)
        self.mine_button = QPushButton(self.tr("Keep mine"), self)
        self.mine_button.setObjectName("keep_mine")
        self.theirs_button = QPushButton(self.tr("Keep theirs"), self)
        self.theirs_button.setObjectName("keep_theirs")
        self.select_button.clicked.connect(self.select_on_map)
        self.mine_button.clicked.connect(lambda: self.keep("mine"))
        self.theirs_button.clicked.connect(lambda: self.keep("theirs"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.select_button)
        buttons.addStretch(1)
        buttons.addWidget(self.mine_button)
        buttons.addWidget(self.theirs_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.refresh()

    # --- the list ------------------------------------------------------------------------------------
    def _titled(self, content: QWidget) -> tuple[QWidget, QLabel]:
        """``content`` under a title label, as one piece of the splitter."""
        piece = QWidget(self)
        box = QVBoxLayout(piece)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        title = QLabel(piece)
        box.addWidget(title)
        box.addWidget(content, 1)
        return piece, title

    def refresh(self) -> None:
        from humanops.sharing.conflicts import list_conflicts

        workspace = self.window_.workspace
        current = self.current()
        keep_id = current["id"] if current else None
        try:
            self.conflicts = list_conflicts(workspace) if workspace is not None else []
        except HumanOpsError as exc:
            self.conflicts = []
            self._say(exc.message, ERROR_STYLE)
        self.list.blockSignals(True)
        self.list.clear()
        titles = {k.name: k.title_in(current_language()) for k in workspace.catalog} if workspace is not None else {}
        row_to_select = 0
        for row, conflict in enumerate(self.conflicts):
            mine = conflict["local_feature"] or {}
            theirs = conflict["incoming_feature"] or {}
            name = (theirs.get("properties") or {}).get("name") or (mine.get("properties") or {}).get("name") \
                or conflict["uuid"][:8]
            differs = [label for label, _, _, d in comparison_rows(conflict) if d
                       and label not in ("version", "modified")]
            item = QListWidgetItem(self.tr("{layer}: {name} — from {sender}; differs: {fields}").format(
                layer=titles.get(conflict["layer"], conflict["layer"]), name=name, sender=conflict["sender"],
                fields=", ".join(differs) or self.tr("history only")), self.list)
            item.setToolTip(self.tr("{layer} {uuid}, detected {when}, package {package}").format(
                layer=conflict["layer"], uuid=conflict["uuid"], when=conflict["detected_at"],
                package=conflict["package_id"]))
            if conflict["id"] == keep_id:
                row_to_select = row
        self.list.blockSignals(False)
        if self.conflicts:
            self.conflicts_title.setText(ConflictsPanel.tr("<b>Conflicts</b> — %Ln where both sides changed a feature",
                                                           "", len(self.conflicts)))
        else:
            self.conflicts_title.setText(self.tr("<b>Conflicts</b> — none open"))
        if self.list.isVisibleTo(self) != bool(self.conflicts):  # an empty list leaves its room to the proposals
            self.list.setVisible(bool(self.conflicts))
            sizes = self.splitter.sizes()
            header = self.conflicts_title.sizeHint().height() + 4
            room = 110 if self.conflicts else header
            self.splitter.setSizes([room, max(60, sizes[1] + sizes[0] - room), sizes[2]])
        proposal = self.current_proposal()
        self._fill_proposals(workspace)
        if self.conflicts and (proposal is None or not self.proposals):
            self.list.setCurrentRow(row_to_select)
            self._show_current()
        else:
            self._show_current()  # no conflict chosen: its buttons off
            self._select_proposal(proposal["id"] if proposal else None)
            if self.current_proposal() is None and self.proposals:
                me = workspace.organisation if workspace is not None else ""
                if any(p["proposer"] != me for p in self.proposals):
                    self._say(self.tr("Select a proposal to see what it changes; Accept or Reject decides it."))
                else:
                    self._say(self.tr("Your proposals wait for their originators' decision (dashed on the map); "
                                      "Withdraw takes one back."))
        if not self.conflicts and not self.proposals and workspace is not None:
            self._say(self.tr("No open conflicts or proposals: every received change merged cleanly."))

    def _on_workspace_change(self, change: WorkspaceChange) -> None:
        """Proposals made, decided or withdrawn (and edits a conflict may be about): refresh soon."""
        if change.op == "proposal" or self.conflicts or self.proposals:
            self._refresh_timer.start()

    # --- proposals -----------------------------------------------------------------------------------
    def _fill_proposals(self, workspace: Workspace | None) -> None:
        from humanops.sharing.proposals import describe, list_proposals

        try:
            self.proposals = list_proposals(workspace) if workspace is not None else []
        except HumanOpsError as exc:
            self.proposals = []
            self._say(exc.message, ERROR_STYLE)
        me = workspace.organisation if workspace is not None else ""
        self.proposal_list.blockSignals(True)
        self.proposal_list.clear()
        self.proposal_rows = []
        for proposal in self.proposals:
            assert workspace is not None
            try:
                text = describe(proposal, workspace)["text"]
            except (HumanOpsError, shapely.errors.GEOSException):  # still listed, by its ids
                text = self.tr("{proposer} proposes a change of {originator}'s {layer} {uuid}").format(
                    proposer=proposal["proposer"], originator=proposal["originator"], layer=proposal["layer"],
                    uuid=proposal["uuid"])
            ours = proposal["proposer"] == me
            if ours:
                text += " — " + self.tr("waiting for {originator}").format(
                    originator=organisation_label(workspace, proposal["originator"]))
            row = ProposalRow(proposal, text, ours, self.proposal_list)
            tip = self.tr("{layer} {uuid}, proposed {when} on version {version}").format(
                layer=proposal["layer"], uuid=proposal["uuid"], when=proposal["proposed_at"],
                version=proposal["base_version"])
            if proposal.get("received_from"):
                tip += ", " + self.tr("received from {org}").format(org=proposal["received_from"])
            row.setToolTip(tip)
            row.accept_button.clicked.connect(lambda _=False, p=proposal: self.decide(p, accept=True))
            row.reject_button.clicked.connect(lambda _=False, p=proposal: self.decide(p, accept=False))
            row.withdraw_button.clicked.connect(lambda _=False, p=proposal: self.withdraw(p))
            self.proposal_list.add_row(row)
            self.proposal_rows.append(row)
        self.proposal_list.blockSignals(False)
        self.proposal_list.setVisible(bool(self.proposals))
        received = sum(1 for p in self.proposals if p["proposer"] != me)
        if self.proposals:
            self.proposals_title.setText(self.tr("<b>Proposals</b> — {received} to decide, {ours} of yours "
                                                 "waiting").format(received=format_count(received),
                                                                   ours=format_count(len(self.proposals) - received)))
        else:
            self.proposals_title.setText(self.tr("<b>Proposals</b> — none open"))

    def current_proposal(self) -> dict[str, Any] | None:
        row = self.proposal_list.currentRow() if hasattr(self, "proposal_list") else -1
        return self.proposals[row] if 0 <= row < len(self.proposals) else None

    def _select_proposal(self, proposal_id: int | None) -> None:
        rows = [i for i, p in enumerate(self.proposals) if p["id"] == proposal_id]
        if rows:
            self.proposal_list.setCurrentRow(rows[0])
        self._show_current_proposal()

    def _conflict_chosen(self, row: int) -> None:
        if row >= 0:
            self.proposal_list.blockSignals(True)
            self.proposal_list.setCurrentRow(-1)
            self.proposal_list.blockSignals(False)
        self._show_current()

    def _show_current_proposal(self, *_args: object) -> None:
        proposal = self.current_proposal()
        if proposal is None:
            if self.current() is None:
                self.table.setRowCount(0)
                self.table.setHorizontalHeaderLabels([self.tr("Field"), "", ""])
            return
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        for button in (self.mine_button, self.theirs_button):
            button.setEnabled(False)
        workspace = self.window_.workspace
        if workspace is None:
            return
        self.select_button.setEnabled(True)
        incoming = dict(proposal["feature"])
        incoming["deleted"] = proposal["deleted"]
        pseudo = {"local_feature": current_record(workspace, proposal["layer"], proposal["uuid"]),
                  "incoming_feature": incoming}
        rows = [r for r in comparison_rows(pseudo) if r[0] not in ("version", "modified")
                and not r[0].startswith("marking:")]
        rows = [r for r in rows if r[3]] + [r for r in rows if not r[3] and r[0] != "deleted"]  # its changes first
        current = pseudo["local_feature"] or {}
        self._fill_table(rows, [self.tr("Field"), self.tr("Now "
                                                          "(v{version})").format(version=current.get("version", "—")),
                                self.tr("Proposed by {proposer}").format(proposer=proposal["proposer"])])
        self._say(self.tr("Highlighted: what the proposal changes. Only the feature's originator makes it a new "
                          "version; accepting a proposal about another organisation's feature proposes it to them in "
                          "your name."))

    def decide(self, proposal: dict[str, Any], *, accept: bool) -> None:
        from humanops.sharing.proposals import decide

        workspace = self.window_.workspace
        if workspace is None:
            return
        try:
            outcome = decide(workspace, proposal["id"], accept)
        except HumanOpsError as exc:
            self.refresh()
            self._say(self.tr("Not decided: {reason}").format(reason=exc.message), ERROR_STYLE)
            return
        self.refresh()
        self._refresh_timer.stop()  # the change just notified is shown: keep the outcome below on screen
        what = f"{proposal['layer']} {proposal['uuid'][:8]}…"
        if not accept:
            self._say(self.tr("Rejected {proposer}'s proposal for {feature}: the feature stays as it is.").format(
                proposer=proposal["proposer"], feature=what), OK_STYLE)
        elif outcome.get("status") == "accepted":
            self._say(self.tr("Accepted {proposer}'s proposal: {feature} is now version {version}.").format(
                proposer=proposal["proposer"], feature=what, version=outcome.get("version")), OK_STYLE)
        else:
            self._say(self.tr("Forwarded {proposer}'s proposal to {originator} as your own: it goes in your next "
                              "package to them; they decide.").format(proposer=proposal["proposer"],
                                                                      originator=proposal["originator"]), OK_STYLE)
        self.resolved.emit(proposal["layer"], proposal["uuid"])

    def withdraw(self, proposal: dict[str, Any]) -> None:
        from humanops.sharing.proposals import withdraw

        workspace = self.window_.workspace
        if workspace is None:
            return
        try:
            withdraw(workspace, proposal["id"])
        except HumanOpsError as exc:
            self.refresh()
            self._say(self.tr("Not withdrawn: {reason}").format(reason=exc.message), ERROR_STYLE)
            return
        self.refresh()
        self._refresh_timer.stop()
        self._say(self.tr("Withdrew your proposal for {layer} {uuid}….").format(layer=proposal["layer"],
                                                                                 uuid=proposal["uuid"][:8]), OK_STYLE)
        self.resolved.emit(proposal["layer"], proposal["uuid"])

    def current(self) -> dict[str, Any] | None:
        row = self.list.currentRow() if hasattr(self, "list") else -1
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show_current(self, *_args: object) -> None:
        conflict = self.current()
        self.table.setRowCount(0)
        for button in (self.select_button, self.mine_button, self.theirs_button):
            button.setEnabled(conflict is not None)
        if conflict is None:
            self.table.setHorizontalHeaderLabels([self.tr("Field"), "", ""])
            return
        rows = comparison_rows(conflict)
        mine_version = (conflict["local_feature"] or {}).get("version")
        self._fill_table(rows, [self.tr("Field"), self.tr("Mine (v{version})").format(version=mine_version),
                                self.tr("Theirs, from {sender} (v{version})").format(
                                    sender=conflict["sender"], version=conflict["incoming_version"])])
        self._say(self.tr("Highlighted: what differs. Keeping a version stores it as a new version above both; your "
                          "partners receive your decision with the next package."))

    def _fill_table(self, rows: list[tuple[str, str, str, bool]], headers: list[str]) -> None:
        self.table.setRowCount(0)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (label, mine, theirs, differs) in enumerate(rows):
            for c, text in enumerate((label, mine, theirs)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if differs:
                    cell.setBackground(QBrush(DIFFERS))
                    cell.setFont(bold)
                cell.setData(Qt.ItemDataRole.UserRole, differs)
                self.table.setItem(r, c, cell)
        self.table.resizeRowsToContents()

    def differing_fields(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())
                if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)]

    def _say(self, text: str, style: str = "") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    # --- actions -------------------------------------------------------------------------------------
    def select_on_map(self) -> None:
        chosen = self.current() or self.current_proposal()
        window = self.window_
        if chosen is None or window.workspace is None:
            return
        if window.workspace.find_feature(chosen["layer"], chosen["uuid"]) is None:
            self._say(self.tr("The version we hold is a deletion: there is nothing of it on the map."))
            return
        window.canvas.select(chosen["layer"], [chosen["uuid"]])
        window.canvas.zoom_to_selection()

    def keep(self, which: str) -> None:
        from humanops.sharing.conflicts import resolve_conflict

        conflict = self.current()
        window = self.window_
        if conflict is None or window.workspace is None:
            return
        try:
            outcome = resolve_conflict(window.workspace, conflict["id"], which)
        except HumanOpsError as exc:
            self._say(self.tr("Not resolved: {reason}").format(reason=exc.message), ERROR_STYLE)
            return
        self.refresh()
        self._refresh_timer.stop()
        if which == "mine":
            kept = self.tr("Kept mine for {layer} {uuid}… as version {version}.")
        else:
            kept = self.tr("Kept theirs for {layer} {uuid}… as version {version}.")
        self._say(kept.format(layer=conflict["layer"], uuid=conflict["uuid"][:8], version=outcome["version"]), OK_STYLE)

        self.resolved.emit(conflict["layer"], conflict["uuid"])
