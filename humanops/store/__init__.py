"""GeoPackage persistence: the workspace file, transactions, history, and the one way in and out.

``humanops.store`` is the only package that talks to SQLite (an import-linter contract forbids
``sqlite3`` anywhere else): layer rows are read through :mod:`humanops.store.layer_reader`
(``Workspace.rows``, ``read_layer``, ``features`` and the typed summaries ``count``, ``extent``,
``value_counts``, ``time_range``, ``uuids``) and written through ``Workspace``; the other packages'
own tables name SQLite's types through :mod:`humanops.store.db`.

Threads, connections and locks (a connection only on the thread that made it; workers open
their own; GDAL on the workspace file only under ``workspace._file_lock``; what waits for
what) are written once, in docs/architecture.md, section 3.
"""
