"""The two choices every product dialog asks first: for whom (our own people, or a partner of the
directory) and valid at when (the workspace's clock, stored exactly as shown)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

from humanops.ui.date_time_edits import MomentEdit

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace


def fill_audiences(combo: QComboBox, workspace: Workspace, own_label: str) -> None:
    """``own_label`` (the dialog's translated text, with ``{us}``) first, for INTERNAL, then every
    partner of the directory, its org id as the item's data."""
    from humanops.sharing.audience import INTERNAL  # here: the dialogs load before any workspace
    from humanops.sharing.directory_store import list_partners

    partners = list_partners(workspace)
    ours = next((p for p in partners if p["self"]), None)
    us = (ours["acronym"] or ours["org_id"]) if ours else workspace.organisation
    combo.addItem(own_label.format(us=us), INTERNAL)
    for partner in partners:
        if not partner["self"]:
            short = partner["acronym"] or partner["org_id"]
            combo.addItem(f"{short} — {partner['name']} ({partner['org_id']})", partner["org_id"])


def valid_at_edit(parent: QWidget, moment: datetime) -> MomentEdit:
    """The "valid at" moment, UTC, to the minute shown (seconds only when ``moment`` has them)."""
    edit = MomentEdit(parent, display_format="yyyy-MM-dd HH:mm 'UTC'")
    edit.setObjectName("valid_at")
    edit.set_moment(moment)
    return edit
