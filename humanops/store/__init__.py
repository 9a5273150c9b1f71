"""GeoPackage persistence: the workspace file, transactions, history, and the one way in and out.

``humanops.store`` is the only package that talks to SQLite (an import-linter contract forbids
``sqlite3`` anywhere else): layer rows are read through :mod:`humanops.store.layer_reader`
(``Workspace.rows``, ``read_layer``, ``features`` and the typed summaries ``count``, ``extent``,
``value_counts``, ``time_range``, ``uuids``) and written through ``Workspace``; the other packages'
own tables name SQLite's types through :mod:`humanops.store.db`.

The thread rule, for SQLite and GDAL (the one place it is written, with docs/architecture.md):

* A sqlite3 connection is used only on the thread that made it. The ``Workspace``'s connection
  belongs to the thread that opened the workspace (the GUI thread in the app). A worker thread
  never borrows it: it opens its own ``Workspace`` (to write, or to read a consistent state
  inside a transaction), or reads through a read-only connection of its own
  (:meth:`~humanops.store.layer_reader.LayerReader.read_only`,
  :func:`~humanops.store.db.connect_read_only`), which sees the last committed state and waits
  only while a commit is being written.
* GDAL (pyogrio) is re-entrant but not thread-safe per dataset: a GDAL call is safe from a
  worker thread on a dataset handle of its own (pyogrio opens and closes one per call), never
  on a handle another thread uses. GDAL links its own copy of SQLite, whose POSIX locks do not
  see ours (they never conflict within one process): were GDAL to open the workspace file while
  one of our connections writes, it would take our rollback journal for a crashed writer's and
  play it back. So on the workspace file GDAL runs only under the workspace's file lock
  (``workspace._file_lock``), which every write transaction holds too; the app reads the
  workspace through SQLite, never through GDAL. Other files (imports, exports) GDAL reads and
  writes from any thread.
"""
