"""Small pieces several dialogs build alike (the package send and receive previews' tree headers)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView


def stretch_first_column(header: QHeaderView, columns: int) -> None:
    """The first column (a layer, a recipient) takes the room left; the others, counts, fit
    their contents, so the numbers stay readable however wide the dialog is."""
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
