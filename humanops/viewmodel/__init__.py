"""What the map and the planning views show, as plain Python objects with change events, no Qt
(docs/architecture.md, section 1).

``events.Event`` is the observer; ``layer_list.LayerList`` holds the layers' drawing order,
visibility and opacity; ``selection.Selection`` which features of which layer are selected. Imported
by name (they load pyproj, shapely, pandas): ``map_view`` (what part of the world the map shows),
``map_filter`` (valid-at, markings, the marking filter), ``time_filter`` (the time slider),
``hit_testing`` and ``snapping`` (on ``drawn_layers`` protocols), ``result_overlays`` (how results
look on the map) and ``planning_runs`` (a result as shown, and the planning worker's bodies);
``layers`` (each layer as the canvas holds it: ``layer_data.LayerSnapshot``, the stages it is
read in, its point clusters and their stored overview).
The Qt widgets read their state from these and react to their events, so the rules can be
tested without a screen (``tests/test_viewmodel*.py``).
"""

from humanops.viewmodel.events import Event
from humanops.viewmodel.layer_list import LayerList
from humanops.viewmodel.selection import Selection, SelectionMode

__all__ = ["Event", "LayerList", "Selection", "SelectionMode"]
