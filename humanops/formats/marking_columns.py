"""Check an input's marking columns (tlp, releasable_to, caveats, expires, precision) for all
rows at once, with the model's own parsers: each distinct value is parsed once, so a column
of 100,000 'AMBER' cells costs one parse. An unknown TLP level, caveat or precision is a
problem of that row, never mapped to something weaker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from humanops.errors import ValidationError
from humanops.formats.mapping import MARKING_FIELDS
from humanops.model.marking import TLP, Marking, Precision, format_time, parse_time, split_list


def _tlp(value: Any) -> str | None:
    return TLP.parse(value).value


def _releasable(value: Any) -> str | None:
    return Marking(releasable_to=split_list(value)).to_columns()["releasable_to"]


def _caveats(value: Any) -> str | None:
    return Marking(caveats=split_list(value)).to_columns()["caveats"]


def _expires(value: Any) -> str | None:
    return format_time(parse_time(value, field="expires"))


def _precision(value: Any) -> str | None:
    return str(Precision.parse(value))


_PARSERS: dict[str, Callable[[Any], str | None]] = {
    "tlp": _tlp, "releasable_to": _releasable, "caveats": _caveats, "expires": _expires,
    "precision": _precision,
}


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple | np.ndarray) else value


def _present(column: pd.Series) -> np.ndarray:
    values = column.astype(object)
    missing = values.isna().to_numpy()
    blank = values.map(lambda v: isinstance(v, str) and not v.strip()).to_numpy(dtype=bool) \
        if len(values) else np.zeros(0, dtype=bool)
    return ~(missing | blank)


def check_markings(frame: pd.DataFrame, default: Marking) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """The five marking columns, normalised, for every row of ``frame`` (positional index):
    the row's own value where given, ``default``'s elsewhere; and (position, column, reason)
    for each value that is not a valid marking."""
    base = default.to_columns()
    n = len(frame)
    out = pd.DataFrame(index=frame.index)
    problems: list[tuple[int, str, str]] = []
    for name in MARKING_FIELDS:
        if name not in frame.columns:
            out[name] = pd.Series([base[name]] * n, index=frame.index, dtype=object)
            continue
        column = frame[name].astype(object)
        present = _present(column)
        keys = column[present].map(_key)
        parsed: dict[Any, str | None] = {}
        errors: dict[Any, str] = {}
        for value in pd.unique(keys.to_numpy(dtype=object)):
            try:
                parsed[value] = _PARSERS[name](list(value) if isinstance(value, tuple) else value)
            except ValidationError as exc:
                errors[value] = exc.reason
        result = np.full(n, base[name], dtype=object)
        key_list = keys.tolist()
        if errors:
            for position, key in zip(np.flatnonzero(present), key_list, strict=True):
                if key in errors:
                    problems.append((int(position), name, errors[key]))
        given = np.array([parsed.get(k) for k in key_list], dtype=object)
        use = np.array([v is not None for v in given], dtype=bool)
        result[np.flatnonzero(present)[use]] = given[use]
        out[name] = result
    return out, problems


def marking_groups(columns: pd.DataFrame, limit: int = 64) -> list[tuple[Marking, np.ndarray]] | None:
    """Rows sharing one marking, as (marking, positions); None if there are more than ``limit``
    distinct markings (then the columns go to the store row by row)."""
    codes = np.zeros(len(columns), dtype=np.int64)
    count = 1
    for name in MARKING_FIELDS:  # combine per-column codes: no string concatenation per row
        column_codes, uniques = pd.factorize(columns[name].astype(object), use_na_sentinel=False)
        codes = codes * max(len(uniques), 1) + column_codes
        count *= max(len(uniques), 1)
        if count > 2**40:
            return None
    codes, uniques = pd.factorize(codes)
    if len(uniques) > limit:
        return None
    groups = []
    for code in range(len(uniques)):
        positions = np.flatnonzero(codes == code)
        row = {name: columns[name].iat[positions[0]] for name in MARKING_FIELDS}
        groups.append((Marking.from_columns(row), positions))
    return groups
