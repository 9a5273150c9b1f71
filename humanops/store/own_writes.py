"""The change-log seqs a worker's own transactions wrote, so the app need not check them again.

An import or a received package validates every feature before it writes it, then the Problems
panel's watch (``humanops.ui.problems_watch``) would read and validate the same 100,000 rows once
more as "changed since the last check". :func:`recording_own_writes` notes, for each outermost
transaction committed through one :class:`~humanops.store.workspace.Workspace`, the range of
``humanops_changes`` seqs it wrote, as ``(after, last)``: the seqs ``after < seq <= last``.

Why such a range holds only that transaction's changes: ``Workspace.transaction`` starts with
``BEGIN IMMEDIATE`` (under the per-file lock every Workspace of this process shares), which takes
SQLite's RESERVED lock on the file: until its ``COMMIT`` no other connection, of this process or
another (QGIS, a script), can write, so none can add a change in between. Both ends are read
inside the transaction (``after`` right after the BEGIN, ``last`` just before the COMMIT), and the
seq is AUTOINCREMENT, never reused. A range is kept only once its transaction has committed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    from humanops.store.workspace import Workspace

SeqRange = tuple[int, int]  # (after, last): the seqs after < seq <= last


@contextmanager
def recording_own_writes(workspace: Workspace) -> Iterator[list[SeqRange]]:
    """While inside, every committed outermost transaction of ``workspace`` adds its range to
    the list yielded (nothing for one that wrote no change, or rolled back)."""
    written: list[SeqRange] = []
    plain = workspace.transaction
    depth = 0

    @contextmanager
    def recorded() -> Iterator[sqlite3.Connection]:
        nonlocal depth
        after = last = None
        with plain() as db:
            depth += 1
            try:
                if depth == 1:  # the write lock is held from here to the commit
                    after = workspace.last_change_seq()
                yield db
                if depth == 1:
                    last = workspace.last_change_seq()
            finally:
                depth -= 1
        if after is not None and last is not None and last > after:  # committed, and wrote changes
            written.append((after, last))

    # The instance attribute shadows the method, so the Workspace's own nested calls
    # (add_frame inside an import's transaction) come through here as well.
    workspace.transaction = recorded  # type: ignore[method-assign]
    try:
        yield written
    finally:
        del workspace.transaction


def covered_until(since: int, ranges: Iterable[SeqRange]) -> int:
    """How far the seqs after ``since`` are covered by ``ranges`` without a gap: ``since`` itself
    when the first range starts later (the changes in between are nobody's we know)."""
    covered = since
    for after, last in sorted(ranges):
        if after > covered:
            break
        covered = max(covered, last)
    return covered


def ranges_after(since: int, ranges: Iterable[SeqRange]) -> list[SeqRange]:
    """The ranges that still matter after change ``since`` (those ending later), merged."""
    merged: list[SeqRange] = []
    for after, last in sorted(r for r in ranges if r[1] > since):
        if merged and after <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((after, last))
    return merged
