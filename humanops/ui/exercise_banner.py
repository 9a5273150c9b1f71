"""The exercise banner: "EXERCISE — NAME" as a strip over the map window, and drawn on products.

An exercise workspace (:mod:`humanops.model.exercise`) must never be taken for real data, on the
screen or on paper: :class:`ExerciseBanner` is a strip across the top of the map, shown while an
exercise is open, and
:func:`draw_exercise_strip` paints the same words on exported map images and report pages.
The clock beside it in the status bar is :mod:`humanops.ui.exercise_clock`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from humanops.ui.map_decorations import font

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

EXERCISE_COLOUR = QColor("#c2007e")  # magenta: no TLP level's colour (products/briefing_map.py uses it too)
STRIP_PX = 22.0  # logical pixels: the strip on an exported map or a report page


def exercise_title(workspace: Workspace | None) -> str | None:
    """The window's words for an exercise ("EXERCISE — NAME", translated), None for real data."""
    from humanops.model.exercise import exercise_name

    name = exercise_name(workspace) if workspace is not None else None
    if name is None:
        return None
    return QCoreApplication.translate("ExerciseBanner", "EXERCISE — {name}").format(name=name)


def draw_exercise_strip(painter: QPainter, rect: QRectF, text: str) -> None:
    """``text`` (a product's "EXERCISE — NAME", in English as its TLP label is) in white on the
    exercise colour across ``rect``, repeated along it so a cut-out of the page still shows it."""
    painter.save()
    painter.fillRect(rect, EXERCISE_COLOUR)
    painter.setFont(font(rect.height() * 0.62, bold=True))
    painter.setPen(QColor("#ffffff"))
    advance = painter.fontMetrics().horizontalAdvance(text + "      ")
    repeats = max(1, int(rect.width() // max(advance, 1.0)))
    line = "      ".join([text] * repeats)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), line)
    painter.restore()


class ExerciseBanner(QLabel):
    """The strip across the top of the map while an exercise is open (hidden, taking no room, otherwise)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("exercise_banner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(f"QLabel#exercise_banner {{ background: {EXERCISE_COLOUR.name()}; color: white; "
                           "font-weight: bold; font-size: 15px; padding: 5px; letter-spacing: 1px; }")
        self.setVisible(False)

    def show_for(self, workspace: Workspace | None) -> None:
        text = exercise_title(workspace)
        self.setText(text or "")
        self.setToolTip(self.tr("This workspace is an exercise: everything made from it is marked so, and it never "
                                "exchanges packages with real workspaces.") if text else "")
        self.setVisible(text is not None)


def install_exercise_mode(window: Any) -> None:
    """Give the main window its exercise banner (a strip above the map, part of the central
    widget: no toolbar menu or layout reset can hide it) and scenario clock (status bar),
    following the workspace it opens and closes."""
    from humanops.ui.exercise_clock import ExerciseClock

    canvas = window.takeCentralWidget()
    central = QWidget(window)
    central.setObjectName("map_area")
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    banner = ExerciseBanner(central)
    layout.addWidget(banner)
    layout.addWidget(canvas, 1)
    window.setCentralWidget(central)
    window.exercise_banner = banner
    clock = ExerciseClock(window)
    window.statusBar().addPermanentWidget(clock)
    window.exercise_clock = clock

    def follow(*_args: Any) -> None:
        banner.show_for(window.workspace)
        clock.set_workspace(window.workspace)

    window.workspaceOpened.connect(follow)
    window.workspaceClosed.connect(follow)
