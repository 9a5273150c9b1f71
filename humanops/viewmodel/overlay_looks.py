"""How a result overlay asks to be drawn, without Qt: the per-row style columns of its frame and
its defaults (:class:`OverlayLook`).

The canvas's overlay renderer (``ui/canvas/overlay_layers.py``) imports these: its
``OverlayStyle`` is :class:`OverlayLook`, and it reads the same style columns.
"""

from __future__ import annotations

from dataclasses import dataclass

STROKE, WIDTH, OPACITY, FILL, SIZE, LABEL = "_stroke", "_width", "_opacity", "_fill", "_size", "_label"
DASH, MARKER = "_dash", "_marker"
STYLE_COLUMNS = (STROKE, WIDTH, OPACITY, FILL, SIZE, LABEL, DASH, MARKER)
# Point markers: a filled disc, an empty ring, a cross (×), or nothing (a label alone).
MARKERS = ("circle", "ring", "cross", "none")


@dataclass(frozen=True)
class OverlayLook:
    """Defaults for an overlay's rows; pixel sizes are logical pixels."""

    stroke: str = "#0b4fa8"
    width: float = 3.0          # line width; outline of points and areas
    fill: str | None = None     # areas and point markers (None: the stroke colour)
    fill_opacity: float = 0.35  # areas only; point markers are filled opaque
    size: float = 9.0           # point marker diameter
    opacity: float = 1.0
    halo: bool = True           # a white casing under lines and markers: readable over any layer
    label_at: str = "right"     # right | below | above | inside (a letter in the marker, in white)
    dash: bool = False          # dashed lines, area outlines and rings
    label_colour: str = "#1a1a1a"
    marker: str = "circle"      # one of MARKERS
