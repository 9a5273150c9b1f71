"""The map's state as plain Python objects with change events, no Qt (docs/architecture.md, section 1).

``events.Event`` is the observer; ``layer_list.LayerList`` holds the layers' drawing order,
visibility and opacity; ``selection.Selection`` which features of which layer are selected;
``map_view.MapView`` what part of the world the map shows (imported by name: it loads pyproj).
The Qt widgets (``ui/canvas/map_canvas.py``, the layers panel) read their state from these and
react to their events, so the rules can be tested without a screen (``tests/test_viewmodel.py``).
"""

from humanops.viewmodel.events import Event
from humanops.viewmodel.layer_list import LayerList
from humanops.viewmodel.selection import Selection, SelectionMode

__all__ = ["Event", "LayerList", "Selection", "SelectionMode"]
