"""The map's layers as the canvas holds them, without Qt (docs/architecture.md, section 1).

``layer_data`` (``LayerSnapshot``: one state of a layer as row-aligned columns, a spatial index,
per-snapshot caches, the time and marking filter masks), ``layer_stages`` (which columns are read,
and when), ``point_columns`` and ``snapshot_columns`` (the compact columns a snapshot is made of),
``point_clusters`` (dense points as clusters) and ``overview_grid`` (their stored overview).
The canvas (``humanops.ui.canvas``) reads, renders and picks through these.
"""
