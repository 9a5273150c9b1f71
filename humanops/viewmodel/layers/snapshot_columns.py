"""Column helpers for layer snapshots: rows by uuid or fid, frames joined and filled in. Qt-free.

Attribute columns of a large layer are compact (float64 numbers, categorical markings): these
helpers keep them so when a snapshot is patched by an edit or filled in by a later stage (a
plain ``pd.concat`` of two categoricals with different categories falls back to an object
column of a million strings).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd


class RowLookup:
    """uuid -> row of a snapshot, read like a dict (``get``, ``in``, ``[]``). A pandas hash
    index: a dict of a million uuids costs about 100 MB and a second to build."""

    def __init__(self, uuids: np.ndarray) -> None:
        self.index = pd.Index(uuids, dtype=object)

    def get(self, uuid: str | None, default: int | None = None) -> int | None:
        if uuid is None:
            return default
        try:
            loc = self.index.get_loc(uuid)
        except KeyError:
            return default
        return int(loc) if isinstance(loc, int | np.integer) else default

    def __contains__(self, uuid: object) -> bool:
        return isinstance(uuid, str) and self.get(uuid) is not None

    def __getitem__(self, uuid: str) -> int:
        row = self.get(uuid)
        if row is None:
            raise KeyError(uuid)
        return row

    def rows(self, uuids: Iterable[str]) -> np.ndarray:
        """Rows of the uuids found, ascending."""
        wanted = [u for u in uuids if u is not None]
        if not wanted or not len(self.index):
            return np.empty(0, dtype=np.int64)
        if self.index.is_unique:
            found = self.index.get_indexer(pd.Index(wanted, dtype=object))
            return np.sort(found[found >= 0]).astype(np.int64)
        # uuids not read yet are None (repeated): look the wanted ones up among the rest
        return np.flatnonzero(self.index.isin(wanted)).astype(np.int64)


def rows_of_fids(fids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows of ``fids`` holding the ``wanted`` fids that are there, which of ``wanted`` are)."""
    if not len(fids) or not len(wanted):
        return np.empty(0, dtype=np.int64), np.zeros(len(wanted), dtype=bool)
    order = np.argsort(fids, kind="stable")
    ordered = fids[order]
    at = np.minimum(np.searchsorted(ordered, wanted), len(fids) - 1)
    found = ordered[at] == wanted
    return order[at[found]], found


def _categorical(values: Any, n: int) -> pd.Categorical:
    if values is None:
        return pd.Categorical.from_codes(np.full(n, -1), categories=pd.Index([], dtype=object))
    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(values, pd.Categorical):
        return values
    return pd.Categorical(np.asarray(values, dtype=object))


def _joined_categoricals(parts: list[pd.Categorical]) -> pd.Categorical:
    categories = pd.Index(np.concatenate([np.asarray(p.categories, dtype=object) for p in parts]),
                          dtype=object).unique()
    codes = []
    for part in parts:
        mapped = np.full(len(part), -1, dtype=np.int64)  # -1: NULL
        present = part.codes >= 0
        mapped[present] = categories.get_indexer(pd.Index(part.categories, dtype=object))[part.codes[present]]
        codes.append(mapped)
    return pd.Categorical.from_codes(np.concatenate(codes), categories=categories)


def _is_categorical(column: Any) -> bool:
    return column is not None and isinstance(getattr(column, "dtype", None), pd.CategoricalDtype)


def concatenated_frames(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """The rows of both (a column missing from one is missing there), categoricals kept."""
    columns = list(dict.fromkeys([*first.columns, *second.columns]))
    out: dict[str, Any] = {}
    for name in columns:
        a = first.get(name)
        b = second.get(name)
        if _is_categorical(a) or _is_categorical(b):
            out[name] = _joined_categoricals([_categorical(a, len(first)), _categorical(b, len(second))])
        else:
            a = a if a is not None else pd.Series([None] * len(first), dtype=object)
            b = b if b is not None else pd.Series([None] * len(second), dtype=object)
            out[name] = pd.concat([a, b], ignore_index=True)
    return pd.DataFrame(out, index=pd.RangeIndex(len(first) + len(second)))


def filled_column(current: Any, n: int, rows: np.ndarray, values: Any) -> Any:
    """A column of ``n`` rows: ``current`` (None: empty) with ``values`` written at ``rows``."""
    if isinstance(values, pd.Categorical) or _is_categorical(current):
        base = _categorical(current, n)
        new = _categorical(values, len(rows))
        joined = _joined_categoricals([base, new])
        codes = joined.codes.copy()
        codes[rows] = codes[n:]
        return pd.Categorical.from_codes(codes[:n], categories=joined.categories)
    out = np.full(n, None, dtype=object) if current is None else np.array(current, dtype=object)
    out[rows] = np.asarray(values, dtype=object)
    return out


def cleared_column(column: Any, rows: np.ndarray) -> Any:
    """``column`` with ``rows`` emptied (None, NaN or no category): details forgotten."""
    if not len(rows):
        return column
    if isinstance(column, pd.Series):
        column = column.array
    if isinstance(column, pd.Categorical):
        codes = column.codes.copy()
        codes[rows] = -1
        return pd.Categorical.from_codes(codes, categories=column.categories)
    out = np.array(column, copy=True)
    out[rows] = np.nan if out.dtype.kind == "f" else None
    return out
