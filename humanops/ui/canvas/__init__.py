"""The native map canvas: layers rendered off the GUI thread with QPainter, composed in a
QWidget, with map tools for selecting, identifying, drawing and reshaping features."""

from humanops.ui.canvas.map_canvas import MapCanvas

__all__ = ["MapCanvas"]
