"""Strictness of a decoded payload against this workspace's layer kinds (exchange format §7).

The codec checks the payload's shape and the importer judges values feature by feature. What
no honest sender can write refuses the whole package instead: a property named like one of the
feature's own columns (decoded into the same frame, a property ``caveats`` would replace the
marking column after it was checked, and ``version`` would replace the version), and a value
whose JSON type does not fit its field (a number in a text field would be stored as its text).
Columns are judged whole, by dtype or per distinct value type, never value by value in Python:
packages hold 100,000 features and more. Unknown layers and unknown fields are left to the
importer, which quarantines their features.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from humanops.catalog import Catalog, FieldSpec
from humanops.errors import SharingError
from humanops.sharing.payload_codec import LayerPayload

# Every name a property may never have, compared case-insensitively (SQLite column names are):
# identity and marking columns, provenance, storage, and the payload's own layer entries.
RESERVED_NAMES = frozenset({
    "uuid", "version", "originator", "created", "modified",
    "tlp", "releasable_to", "caveats", "expires", "precision",
    "source_package", "source_signer",
    "fid", "geom", "geometry",
    "author", "editors", "proposed_by", "restriction", "ancestors", "deleted", "generalised", "count", "grid_crs",
    "properties", "statements",
})

TEXT_TYPES = ("text", "enum", "date", "datetime")  # sent as JSON strings
_EXPECTED = {"text": "text", "enum": "text", "date": "a date as text", "datetime": "a time as text",
             "integer": "whole numbers", "real": "finite numbers", "boolean": "true or false"}
_INT64 = (-(2**63), 2**63 - 1)  # what the workspace (SQLite INTEGER) can store
_FLOAT_MAX = float(np.finfo(np.float64).max)


def check_payload(catalog: Catalog, layers: Mapping[str, LayerPayload], *, file: str | None = None) -> None:
    """Refuse the package (SharingError naming the layer, first offending feature and field)
    if a property has a reserved name, or a value's type does not fit its field here."""
    for layer, payload in layers.items():
        _check_names(layer, payload, file)
        if layer not in catalog:
            continue
        specs = {f.name: f for f in catalog[layer].fields}
        for name in payload.fields:
            if name in specs and name in payload.frame.columns:
                _check_column(layer, payload.frame, specs[name], file)


def misfit_rows(kind: Any, frame: pd.DataFrame) -> np.ndarray:
    """Per row, whether any field value's type does not fit its field: for the exporter, which
    withholds such a feature (written by another tool) rather than have the whole package
    refused by a strict receiver."""
    bad = np.zeros(len(frame), dtype=bool)
    for spec in kind.fields:
        if spec.name in frame.columns:
            misfit = _misfits(frame[spec.name], spec.type)
            if misfit is not None:
                bad |= misfit
    return bad


def _check_names(layer: str, payload: LayerPayload, file: str | None) -> None:
    for name in payload.fields:
        if name.lower() in RESERVED_NAMES:
            # a property named exactly "uuid" has replaced the uuid column: no feature to name
            feature = None if name == "uuid" else _first_uuid(payload.frame, np.ones(len(payload.frame), bool))
            raise SharingError(f"a property may not be named {_shown(name)}: the name is reserved for the "
                               "feature's identity, marking, provenance or storage", file=file, layer=layer,
                               feature=feature, field=f"payload.properties.{_shown(name)}")


def _check_column(layer: str, frame: pd.DataFrame, spec: FieldSpec, file: str | None) -> None:
    bad = _misfits(frame[spec.name], spec.type)
    if bad is None or not bad.any():
        return
    row = int(np.flatnonzero(bad)[0])
    value = frame[spec.name].iloc[row]
    shown = repr(value.item() if isinstance(value, np.generic) else value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    raise SharingError(f"holds {shown} ({_kind_of(value, spec.type)}), but this {spec.type} field takes "
                       f"{_EXPECTED.get(spec.type, spec.type)} only", file=file, layer=layer,
                       feature=_first_uuid(frame, bad), field=f"payload.properties.{spec.name}")


def _misfits(values: pd.Series, field_type: str) -> np.ndarray | None:
    """Per row, whether the value's type does not fit ``field_type`` (None: every row fits).
    Columns come as ``payload_codec`` decodes them: whole numbers as Int64, numbers as
    float64 (null as NaN: JSON has no NaN, and non-finite numbers are refused on parsing),
    anything else (texts, booleans, mixes, integers too large for Int64) as objects."""
    dtype = values.dtype
    present = values.notna().to_numpy()
    if pd.api.types.is_bool_dtype(dtype):
        return None if field_type == "boolean" else present
    if pd.api.types.is_integer_dtype(dtype):
        return None if field_type in ("integer", "real") else present
    if pd.api.types.is_float_dtype(dtype):
        numbers = values.to_numpy(dtype=float, na_value=np.nan)
        if field_type == "real":
            return present & ~np.isfinite(numbers)
        return present & ~_whole(numbers) if field_type == "integer" else present
    return _misfit_objects(values.to_numpy(dtype=object), field_type)


def _misfit_objects(cells: np.ndarray, field_type: str) -> np.ndarray:
    """Object columns: judged per distinct Python type (bool is its own type, not int)."""
    types = np.fromiter(map(type, cells), dtype=object, count=len(cells))
    bad = np.zeros(len(cells), dtype=bool)
    numeric = field_type in ("integer", "real")
    for kind in set(types.tolist()) - {type(None)}:
        rows = types == kind
        if (kind is str and field_type in TEXT_TYPES) or (kind is bool and field_type == "boolean"):
            continue
        if kind is int and numeric:
            low, high = _INT64 if field_type == "integer" else (-_FLOAT_MAX, _FLOAT_MAX)
            chosen = cells[rows]
            bad[rows] = ((chosen < low) | (chosen > high)).astype(bool)  # Python ints, compared exactly
        elif kind is float and numeric:
            numbers = cells[rows].astype(float)
            bad[rows] = ~(_whole(numbers) if field_type == "integer" else np.isfinite(numbers))
        else:
            bad |= rows
    return bad


def _whole(numbers: np.ndarray) -> np.ndarray:
    """Finite, without a fraction, and storable as a 64-bit integer (2.0**63 is not)."""
    with np.errstate(invalid="ignore"):
        return np.isfinite(numbers) & (np.floor(numbers) == numbers) & (numbers >= -(2.0**63)) & (numbers < 2.0**63)


def _kind_of(value: Any, field_type: str) -> str:
    if isinstance(value, bool | np.bool_):
        return "a boolean"
    if isinstance(value, int | np.integer):
        return "a whole number too large to store" if field_type in ("integer", "real") else "a whole number"
    if isinstance(value, float | np.floating):
        return "a number"
    if isinstance(value, str):
        return "a text"
    return type(value).__name__


def _first_uuid(frame: pd.DataFrame, rows: np.ndarray) -> str | None:
    """The uuid of the first row in ``rows``, shown safely (it is the sender's text)."""
    found = np.flatnonzero(rows)
    if not len(found) or "uuid" not in frame.columns:
        return None
    return _shown(frame["uuid"].iloc[int(found[0])])


def _shown(text: Any) -> str:
    """A sender's text as it can be printed on one line (quoted when it needs to be)."""
    return text if isinstance(text, str) and text.isprintable() and text.strip() == text and text else repr(text)[:80]
