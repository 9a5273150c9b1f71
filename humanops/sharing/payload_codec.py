"""The package payload: features by layer, column by column, as JSON (docs/exchange-format.md).

Columnar, because both ends work on whole columns: the exporter reads a layer in one query and
the importer validates with ``validate_frame`` and the policy's ``decide_many``; geometry is
hex WKB so shapely encodes and decodes it as one array. The reader checks the shape of every
column (type and length) and refuses the package on the first structural fault; whether a
*value* is acceptable (field ranges, geometry, marking) is judged per feature by the importer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import shapely

from humanops.errors import SharingError
from humanops.model.marking import format_time, split_list
from humanops.sharing.canonical import loads_strict, plain_value

PAYLOAD_FORMAT = 2
# Columns of every layer object in the payload, besides "count" and "properties".
SYSTEM_COLUMNS = ("uuid", "version", "originator", "author", "created", "modified", "ancestors", "deleted",
                  "generalised", "tlp", "releasable_to", "caveats", "expires", "precision", "editors", "restriction",
                  "proposed_by", "geometry")
MAX_ANCESTORS = 64
LAYER_KEYS = {"count", "grid_crs", "properties", *SYSTEM_COLUMNS}
# In decoded frames, columns that are not kind fields start with "_" (kind field names cannot),
# except the reserved identity and marking names a kind can never use.
FRAME_COLUMNS = {"ancestors": "_ancestors", "deleted": "_deleted", "generalised": "_generalised",
                 "geometry": "_geom", "author": "_author", "editors": "_editors", "restriction": "_restriction",
                 "proposed_by": "_proposed_by"}
MAX_STATEMENTS = 10_000
MAX_TEXT = 100_000


@dataclass
class LayerPayload:
    """One layer's features: ``frame`` has the identity and marking columns (``uuid``,
    ``version``, ``originator``, ``created``, ``modified``, ``tlp``, ``releasable_to``,
    ``caveats``, ``expires``, ``precision``), ``_ancestors`` (tuples of revisions
    ``VERSION@MODIFIED`` this version descends from; optional when encoding), ``_deleted``
    (bool), ``_generalised`` (precision text or None), ``_geom`` (shapely geometries, None for
    tombstones), ``_author`` (who made and signed the version), ``_editors`` (comma text),
    ``_restriction`` (None, or the relay's stricter marking as a dict of marking columns),
    ``_proposed_by`` (None, or the organisation proposing this version) and one column per
    property named in ``fields``. The marking columns hold the author's own marking."""

    frame: pd.DataFrame
    fields: list[str]
    grid_crs: str | None = None
    bad_geometry: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def __len__(self) -> int:
        return len(self.frame)


# --- encoding ------------------------------------------------------------------------------

def column_values(series: pd.Series) -> list[Any]:
    """A column as JSON-ready Python values (None for every kind of missing)."""
    dtype = series.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return [None if pd.isna(v) else format_time(v.to_pydatetime()) for v in series]
    if pd.api.types.is_bool_dtype(dtype) and not isinstance(dtype, pd.BooleanDtype):
        return series.tolist()
    if pd.api.types.is_numeric_dtype(dtype):
        values = series.astype(object).where(series.notna(), None).tolist()
        return [v.item() if isinstance(v, np.generic) else v for v in values]
    values = series.to_numpy(dtype=object)
    types = set(map(type, values))
    if types <= {str, int, type(None), bool}:
        return values.tolist()
    return [plain_value(v) for v in values]


def _list_column(series: pd.Series) -> list[list[str]]:
    values = series.to_numpy(dtype=object)
    # few distinct markings among many rows: split each distinct text once
    cache = {v: list(split_list(v)) for v in set(values.tolist())} if len(values) else {}
    return [cache[v] for v in values.tolist()]


def encode_layer(payload: LayerPayload) -> dict[str, Any]:
    frame = payload.frame
    n = len(frame)
    geoms = np.asarray(frame["_geom"].to_numpy(dtype=object), dtype=object) if n else np.empty(0, object)
    # binary WKB then bytes.hex: about twice as fast as GEOS writing hex
    wkb = shapely.to_wkb(geoms, output_dimension=2, byte_order=1, flavor="iso") if n else []
    out: dict[str, Any] = {
        "count": n,
        "grid_crs": payload.grid_crs,
        "uuid": column_values(frame["uuid"]),
        "version": [int(v) for v in frame["version"].to_numpy()],
        "originator": column_values(frame["originator"]),
        "author": column_values(frame["_author"] if "_author" in frame.columns else frame["originator"]),
        "created": column_values(frame["created"]),
        "modified": column_values(frame["modified"]),
        "ancestors": ([list(a) if isinstance(a, list | tuple) else [] for a in frame["_ancestors"]]
                      if "_ancestors" in frame.columns else [[] for _ in range(n)]),
        "deleted": [bool(v) for v in frame["_deleted"].to_numpy()],
        "generalised": column_values(frame["_generalised"]),
        "tlp": column_values(frame["tlp"]),
        "releasable_to": _list_column(frame["releasable_to"]),
        "caveats": _list_column(frame["caveats"]),
        "expires": column_values(frame["expires"]),
        "precision": column_values(frame["precision"]),
        "editors": _list_column(frame["_editors"]) if "_editors" in frame.columns else [[] for _ in range(n)],
        "restriction": ([_restriction(r) for r in frame["_restriction"]] if "_restriction" in frame.columns
                        else [None] * n),
        "proposed_by": column_values(frame["_proposed_by"]) if "_proposed_by" in frame.columns else [None] * n,
        "geometry": [None if w is None else w.hex().upper() for w in (wkb.tolist() if n else [])],
        "properties": {name: column_values(frame[name]) if name in frame.columns else [None] * n
                       for name in payload.fields},
    }
    return out


def _restriction(value: Any) -> list[Any] | None:
    """A relay's stricter marking as sent: [tlp, releasable_to, caveats, expires, precision]."""
    if not isinstance(value, dict):
        return None
    return [value["tlp"], list(split_list(value.get("releasable_to"))), list(split_list(value.get("caveats"))),
            plain_value(value.get("expires")), value["precision"]]


def encode_payload(layers: dict[str, LayerPayload], statements: list[dict[str, str]] | None = None, *,
                   respect_aor: bool = False) -> bytes:
    doc = {"format": PAYLOAD_FORMAT, "layers": {name: encode_layer(p) for name, p in sorted(layers.items())},
           "statements": statements or [], "options": {"respect_aor": bool(respect_aor)}}
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


# --- decoding ------------------------------------------------------------------------------

def _fail(layer: str, column: str, reason: str, file: str | None) -> SharingError:
    return SharingError(reason, file=file, layer=layer, field=f"payload.{column}")


def _check_types(values: Any, n: int, allowed: tuple[type, ...], layer: str, column: str,
                 file: str | None) -> list[Any]:
    if not isinstance(values, list) or len(values) != n:
        raise _fail(layer, column, f"must be a list of {n} values", file)
    types = set(map(type, values))
    if not types <= set(allowed):
        odd = sorted(t.__name__ for t in types - set(allowed))
        raise _fail(layer, column, f"holds values of type {', '.join(odd)}", file)
    return values


def _check_text(values: list[Any], layer: str, column: str, file: str | None, max_len: int = MAX_TEXT) -> None:
    longest = max(map(len, [v for v in values if type(v) is str]), default=0)
    if longest > max_len:
        raise _fail(layer, column, f"holds a text of {longest} characters (limit {max_len})", file)


def _check_lists(values: list[Any], layer: str, column: str, file: str | None) -> list[str | None]:
    """A list of lists of short strings, returned comma-joined as stored in the workspace."""
    out: list[str | None] = []
    seen: dict[tuple[str, ...], str | None] = {(): None}
    for item in values:
        key = tuple(item)
        if key not in seen:
            if len(item) > 256 or not all(isinstance(s, str) and 0 < len(s) <= 64 and "," not in s for s in item):
                raise _fail(layer, column, "must hold lists of organisation or community ids", file)
            seen[key] = ",".join(item)
        out.append(seen[key])
    return out


def _typed(values: list[Any]) -> Any:
    """A property column in the narrowest dtype its JSON values allow (whole numbers as Int64,
    numbers as float, else object): validation then takes its fast, typed paths."""
    types = set(map(type, values))
    types.discard(type(None))
    try:
        if types == {int}:
            return pd.array(values, dtype="Int64")
        if types and types <= {int, float}:
            return pd.array(values, dtype="Float64").astype(float) if None in values else np.asarray(values, float)
    except (OverflowError, TypeError, ValueError):
        pass
    return pd.Series(values, dtype=object)


def decode_layer(name: str, doc: Any, file: str | None) -> LayerPayload:
    if not isinstance(doc, dict) or set(doc) != LAYER_KEYS:
        odd = sorted(set(doc) ^ LAYER_KEYS)[0] if isinstance(doc, dict) else "layer"
        raise _fail(name, odd, "unknown or missing entry in the payload layer", file)
    n = doc["count"]
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise _fail(name, "count", "must be a whole number", file)
    crs = doc["grid_crs"]
    if crs is not None and (not isinstance(crs, str) or len(crs) > 64):
        raise _fail(name, "grid_crs", "must be a CRS identifier like EPSG:32637", file)
    S, INT, B, N = str, int, bool, type(None)  # short names for the type table
    cols: dict[str, Any] = {}
    cols["uuid"] = _check_types(doc["uuid"], n, (S,), name, "uuid", file)
    _check_text(cols["uuid"], name, "uuid", file, 64)
    versions = _check_types(doc["version"], n, (INT,), name, "version", file)
    if n and (min(versions) < 1 or max(versions) > 2**53):
        raise _fail(name, "version", "versions are whole numbers from 1", file)
    cols["version"] = versions
    for column, allowed in (("originator", (S,)), ("author", (S,)), ("created", (S, N)), ("modified", (S, N)),
                            ("generalised", (S, N)), ("tlp", (S,)), ("expires", (S, N)), ("precision", (S,)),
                            ("proposed_by", (S, N))):
        cols[column] = _check_types(doc[column], n, allowed, name, column, file)
        _check_text(cols[column], name, column, file, 64)
    cols["deleted"] = _check_types(doc["deleted"], n, (B,), name, "deleted", file)
    ancestors = _check_types(doc["ancestors"], n, (list,), name, "ancestors", file)
    for item in filter(None, ancestors):
        if len(item) > MAX_ANCESTORS or not all(isinstance(a, str) and len(a) <= 64 for a in item):
            raise _fail(name, "ancestors", f"must hold lists of at most {MAX_ANCESTORS} revision texts", file)
    cols["releasable_to"] = _check_lists(_check_types(doc["releasable_to"], n, (list,), name, "releasable_to", file),
                                         name, "releasable_to", file)
    cols["caveats"] = _check_lists(_check_types(doc["caveats"], n, (list,), name, "caveats", file),
                                   name, "caveats", file)
    cols["editors"] = _check_lists(_check_types(doc["editors"], n, (list,), name, "editors", file),
                                   name, "editors", file)
    restrictions = [_decode_restriction(r, name, file)
                    for r in _check_types(doc["restriction"], n, (list, N), name, "restriction", file)]
    hexes = _check_types(doc["geometry"], n, (S, N), name, "geometry", file)
    _check_text(hexes, name, "geometry", file, 64 * 1024 * 1024)
    deleted = np.asarray(cols["deleted"], dtype=bool)
    present = np.array([h is not None for h in hexes], dtype=bool)
    if n and (present == deleted).any():
        raise _fail(name, "geometry", "every feature has a geometry and no tombstone has one", file)
    props = doc["properties"]
    if not isinstance(props, dict) or len(props) > 512:
        raise _fail(name, "properties", "must be an object of columns", file)
    frame = pd.DataFrame({
        "uuid": pd.Series(cols["uuid"], dtype=object),
        "version": np.asarray(versions, dtype=np.int64),
        **{c: pd.Series(cols[c], dtype=object) for c in ("originator", "created", "modified", "tlp",
                                                         "releasable_to", "caveats", "expires", "precision")},
        "_ancestors": pd.Series([tuple(a) for a in ancestors], dtype=object),
        "_deleted": deleted,
        "_generalised": pd.Series(cols["generalised"], dtype=object),
        "_author": pd.Series(cols["author"], dtype=object),
        "_editors": pd.Series(cols["editors"], dtype=object),
        "_restriction": pd.Series(restrictions, dtype=object),
        "_proposed_by": pd.Series(cols["proposed_by"], dtype=object),
    })
    for prop, values in props.items():
        if not isinstance(prop, str) or not prop or not prop[0].isalpha() or len(prop) > 63:
            raise _fail(name, "properties", f"{str(prop)[:40]!r} is not a field name", file)
        _check_types(values, n, (S, INT, float, B, N), name, f"properties.{prop}", file)
        _check_text(values, name, f"properties.{prop}", file)
        frame[prop] = _typed(values)
    geoms = np.full(n, None, dtype=object)
    bad = np.zeros(n, dtype=bool)
    if present.any():
        raw = np.asarray(hexes, dtype=object)[present]
        try:
            # bytes.fromhex then binary WKB is about 3x faster than GEOS reading hex
            decoded = shapely.from_wkb(np.array([bytes.fromhex(h) for h in raw] + [None], dtype=object)[:-1],
                                       on_invalid="ignore")
        except (ValueError, shapely.errors.GEOSException):  # a malformed hex string: judge them one by one
            decoded = np.array([_one_wkb(h) for h in raw], dtype=object)
        geoms[present] = decoded
        bad[present] = pd.isna(decoded)
    frame["_geom"] = geoms
    return LayerPayload(frame, list(props), crs, bad)


def _decode_restriction(value: Any, layer: str, file: str | None) -> dict[str, Any] | None:
    """A restriction as the marking columns (lists comma-joined), its values judged later."""
    if value is None:
        return None
    shapes = (str, list, list, (str, type(None)), str)
    if len(value) != 5 or not all(isinstance(v, t) for v, t in zip(value, shapes, strict=True)):
        raise _fail(layer, "restriction", "must be null or [tlp, releasable_to, caveats, expires, precision]", file)
    parties = _check_lists([value[1], value[2]], layer, "restriction", file)
    if any(len(str(v)) > 64 for v in (value[0], value[3], value[4]) if v is not None):
        raise _fail(layer, "restriction", "holds a value longer than 64 characters", file)
    return {"tlp": value[0], "releasable_to": parties[0], "caveats": parties[1], "expires": value[3],
            "precision": value[4]}


def _one_wkb(text: str) -> Any:
    try:
        return shapely.from_wkb(text, on_invalid="ignore")
    except shapely.errors.GEOSException:
        return None


def decode_payload(raw: bytes, *, file: str | None = None) -> dict[str, LayerPayload]:
    """The payload JSON as frames per layer; SharingError on any structural fault."""
    return decode_package_payload(raw, file=file)[0]


def decode_package_payload(raw: bytes, *, file: str | None = None) -> tuple[dict[str, LayerPayload], list[Any],
                                                                           dict[str, bool]]:
    """(frames per layer, the originators' statements as sent, the sender's options: whether it
    kept to recipients' areas of responsibility); SharingError on any structural fault.
    Statements are parsed and verified by :mod:`humanops.sharing.originator_signatures`."""
    # the payload's shape is fixed and shallow: deeper nesting is hostile (checked by the
    # parser's own recursion guard plus the type checks, not a byte scan of a large text)
    doc = loads_strict(raw, what="payload", file=file, allow_floats=True, max_depth=None)
    if not isinstance(doc, dict) or set(doc) != {"format", "layers", "statements", "options"}:
        if isinstance(doc, dict) and doc.get("format") == 1:
            raise SharingError("is a payload of format 1, without originators' signatures: ask the sender to "
                               "update HumanOps", file=file)
        raise SharingError("the payload is not a HumanOps payload object", file=file)
    if doc["format"] != PAYLOAD_FORMAT:
        raise SharingError(f"unknown payload format {str(doc['format'])[:20]!r}", file=file)
    if not isinstance(doc["layers"], dict):
        raise SharingError("the payload's layers must be an object", file=file)
    statements = doc["statements"]
    if not isinstance(statements, list) or len(statements) > MAX_STATEMENTS:
        raise SharingError(f"the payload's statements must be a list of at most {MAX_STATEMENTS}", file=file)
    options = doc["options"]
    if not isinstance(options, dict) or set(options) != {"respect_aor"} or not isinstance(options["respect_aor"],
                                                                                           bool):
        raise SharingError("the payload's options must be {\"respect_aor\": true|false}", file=file)
    return {name: decode_layer(name, layer, file) for name, layer in doc["layers"].items()}, statements, options
