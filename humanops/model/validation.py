"""Check and coerce a feature's fields and geometry against its layer kind.

Used alike by edits through the Workspace API, by imports and by exchange packages, so a
value that one path refuses is refused by all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge

from humanops.catalog import FieldSpec, LayerKind
from humanops.errors import ValidationError
from humanops.model.coordinate_limits import clamp_to_limits
from humanops.model.marking import parse_time
from humanops.model.numbers import format_number

_TRUE = {"true", "yes", "y", "1", "t", "oui", "si", "sí"}
_FALSE = {"false", "no", "n", "0", "f", "non"}


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and value.strip() == "":
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, list | tuple | dict) else False
    except (TypeError, ValueError):
        return False


def coerce_value(spec: FieldSpec, value: Any) -> Any:
    """One field's value in its kind's type, or ValidationError naming the field."""
    if is_missing(value):
        return None
    t = spec.type
    try:
        if t == "text":
            text = str(value)
            if spec.max_length is not None and len(text) > spec.max_length:
                raise ValidationError(f"text longer than {spec.max_length} characters", field=spec.name)
            return text
        if t == "enum":
            text = str(value).strip()
            if text in spec.values:
                return text
            folded = text.lower().replace(" ", "_").replace("-", "_").replace("/", "_")
            if folded in spec.values:
                return folded
            raise ValidationError(
                f"{value!r} is not one of {', '.join(spec.values)}", field=spec.name
            )
        if t == "boolean":
            if isinstance(value, bool):
                return value
            if isinstance(value, int | float) and value in (0, 1):
                return bool(value)
            text = str(value).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValidationError(f"{value!r} is not yes/no", field=spec.name)
        if t in ("integer", "real"):
            if isinstance(value, bool):
                raise ValidationError(f"{value!r} is not a number", field=spec.name)
            if isinstance(value, str):
                value = value.strip().replace(",", "") if value.count(",") and "." in value else value.strip()
            number = float(value)
            if not math.isfinite(number):
                raise ValidationError(f"{value!r} is not a finite number", field=spec.name)
            if t == "integer":
                if not number.is_integer():
                    raise ValidationError(f"{value!r} is not a whole number", field=spec.name)
                number = int(number)
            # numbers as people write them: "2,500,000,000 is above the maximum 2,000,000,000", never 2.5e+09
            if spec.minimum is not None and number < spec.minimum:
                raise ValidationError(f"{format_number(number)} is below the minimum "
                                      f"{format_number(spec.minimum)}", field=spec.name)
            if spec.maximum is not None and number > spec.maximum:
                raise ValidationError(f"{format_number(number)} is above the maximum "
                                      f"{format_number(spec.maximum)}", field=spec.name)
            return number
        if t == "datetime":
            return parse_time(value, field=spec.name)
        if t == "date":
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            if hasattr(value, "to_pydatetime"):
                return value.to_pydatetime().date()
            text = str(value).strip()[:10]
            return date.fromisoformat(text)
    except ValidationError:
        raise
    except (TypeError, ValueError, OverflowError):
        raise ValidationError(f"{value!r} is not a valid {t}", field=spec.name) from None
    raise AssertionError(f"unhandled field type {t}")


def validate_properties(kind: LayerKind, properties: dict[str, Any], *, partial: bool = False,
                        apply_defaults: bool = True) -> dict[str, Any]:
    """All of ``properties`` coerced to the kind's types; unknown keys and missing required
    fields are errors. With ``partial`` only the given keys are checked (an update)."""
    names = set(kind.field_names)
    unknown = sorted(set(properties) - names)
    if unknown:
        raise ValidationError(f"{unknown[0]!r} is not a field of {kind.name}", layer=kind.name,
                              field=unknown[0])
    result: dict[str, Any] = {}
    for spec in kind.fields:
        if spec.name in properties:
            try:
                value = coerce_value(spec, properties[spec.name])
            except ValidationError as exc:
                exc.layer = kind.name
                raise ValidationError(exc.reason, layer=kind.name, field=spec.name) from None
        elif partial:
            continue
        else:
            value = None
        if value is None and not partial and apply_defaults and spec.default is not None:
            value = coerce_value(spec, spec.default)
        if value is None and spec.required and (not partial or spec.name in properties):
            raise ValidationError("is required", layer=kind.name, field=spec.name)
        result[spec.name] = value
    start, end = kind.time_start, kind.time_end
    if start and end and result.get(start) is not None and result.get(end) is not None:
        reason = time_window_problem(start, result[start], end, result[end])
        if reason:
            raise ValidationError(reason, layer=kind.name, field=end)
    return result


def time_window_problem(start: str, start_value: Any, end: str, end_value: Any) -> str | None:
    """Why a validity window from ``start_value`` to ``end_value`` cannot be stored, or None.

    The window must end after it starts: one that ends before is inverted, and one that ends as
    it starts is empty — valid at no time a person can ask about, so refused like an inverted one
    (a feature valid for a moment is an ``incident``, which has a time, not a window)."""
    if end_value > start_value:
        return None
    if end_value == start_value:
        return (f"{end} equals {start} ({_moment(start_value)}): the validity window is empty; "
                f"{end} must be after {start}")
    return (f"{end} ({_moment(end_value)}) is before {start} ({_moment(start_value)}): "
            f"{end} must be after {start}")


def _moment(value: Any) -> str:
    """A window's bound as a reader compares them: "2026-11-20 00:00 UTC", seconds only if any."""
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        shown = value.strftime("%Y-%m-%d %H:%M:%S" if value.second or value.microsecond else "%Y-%m-%d %H:%M")
        if value.microsecond:
            shown += f".{value.microsecond // 1000:03d}"
        return shown + " UTC"
    return str(value)


def merge_properties(kind: LayerKind, current: dict[str, Any], changes: dict[str, Any] | None) -> dict[str, Any]:
    """A feature's fields after an edit of some of them, all checked again together."""
    props = dict(current)
    if changes:
        props.update(validate_properties(kind, changes, partial=True))
        props = validate_properties(kind, props)
    return props


def conform_geometry(kind: LayerKind, geometry: BaseGeometry | None) -> tuple[BaseGeometry, str | None]:
    """The geometry in the kind's storage type, repaired if that is safe.

    Returns the geometry and a note of what was repaired (None if nothing). Raises
    ValidationError for what cannot be stored: missing, empty, wrong type, NaN or out of range.
    """
    if geometry is None:
        raise ValidationError("has no geometry", layer=kind.name, field="geometry")
    if geometry.is_empty:
        raise ValidationError("geometry is empty", layer=kind.name, field="geometry")
    coords = shapely.get_coordinates(geometry)
    if not bool(shapely.is_valid_input(geometry)) or not coords.size or not bool(
        (coords == coords).all()
    ):
        raise ValidationError("geometry has NaN coordinates", layer=kind.name, field="geometry")
    geometry, clamped = clamp_to_limits(geometry)
    if clamped:
        coords = shapely.get_coordinates(geometry)
    if (abs(coords[:, 0]) > 180).any() or (abs(coords[:, 1]) > 90).any():
        x = coords[np.argmax(abs(coords[:, 0])), 0]
        y = coords[np.argmax(abs(coords[:, 1])), 1]
        raise ValidationError(
            f"coordinates out of range for longitude/latitude (x = {format_number(float(x))}, "
            f"y = {format_number(float(y))}; |lon| ≤ 180, |lat| ≤ 90)",
            layer=kind.name, field="geometry",
        )
    if shapely.has_z(geometry):
        geometry = shapely.force_2d(geometry)
    gtype = geometry.geom_type
    if gtype not in kind.accepted_geometries:
        raise ValidationError(
            f"a {gtype} cannot be a {kind.name} (needs {' or '.join(kind.accepted_geometries)})",
            layer=kind.name, field="geometry",
        )
    note = None
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        repaired = shapely.make_valid(geometry)
        repaired = _keep_dimension(repaired, kind.geometry)
        if repaired is None or repaired.is_empty:
            raise ValidationError(f"invalid geometry that cannot be repaired ({reason})",
                                  layer=kind.name, field="geometry")
        geometry, note = repaired, f"repaired invalid geometry ({reason})"
    if clamped:
        note = "; ".join(n for n in (clamped, note) if n)
    target = kind.geometry
    if target == "MultiPolygon" and isinstance(geometry, Polygon):
        geometry = MultiPolygon([geometry])
    elif target == "Point" and isinstance(geometry, MultiPoint):
        if len(geometry.geoms) != 1:
            raise ValidationError("a multi-point with several points cannot be one point",
                                  layer=kind.name, field="geometry")
        geometry = geometry.geoms[0]
    elif target == "LineString" and isinstance(geometry, MultiLineString):
        merged = linemerge(geometry)
        if not isinstance(merged, LineString):
            raise ValidationError("a multi-part line whose parts do not join end to end",
                                  layer=kind.name, field="geometry")
        geometry = merged
    return geometry, note


def _keep_dimension(geometry: BaseGeometry, target: str) -> BaseGeometry | None:
    """make_valid may return a collection with lower-dimension debris: keep the right parts."""
    want = {"MultiPolygon": (Polygon, MultiPolygon), "LineString": (LineString, MultiLineString),
            "Point": (Point, MultiPoint)}[target]
    if isinstance(geometry, want):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if isinstance(g, want)]
    if not parts:
        return None
    if target == "MultiPolygon":
        polys = [p for g in parts for p in (g.geoms if isinstance(g, MultiPolygon) else [g])]
        return MultiPolygon(polys)
    if target == "LineString":
        lines = [p for g in parts for p in (g.geoms if isinstance(g, MultiLineString) else [g])]
        return linemerge(MultiLineString(lines))
    return parts[0]


# --- whole frames at once (imports, bulk writes) ----------------------------------------

@dataclass(frozen=True)
class Problem:
    """One reason one row of an input cannot be stored as it is."""

    row: Any  # the input's row label (index value)
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, field {self.field}: {self.reason}"


def _missing_mask(col: pd.Series) -> pd.Series:
    mask = col.isna()
    if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
        mask = mask | col.astype(str).str.strip().eq("")
    return mask


def validate_frame(kind: LayerKind, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Every kind field of ``frame`` coerced at once (vectorised), and every problem found.

    Returns a frame with one column per kind field (missing fields filled with defaults or
    nulls; datetimes as UTC ``datetime64``; integers as nullable ``Int64``) indexed like
    ``frame``; rows with problems keep their best-effort values and are listed in problems.
    Columns that are not kind fields are ignored here (the import mapping reports them).
    """
    problems: list[Problem] = []
    out = pd.DataFrame(index=frame.index)
    for spec in kind.fields:
        if spec.name in frame.columns:
            col = frame[spec.name]
        else:
            col = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        if len(col) > 1 and col.isna().all():  # absent or empty: the typed nulls of one row, repeated
            missing = pd.Series(True, index=col.index)
            one, bad = _coerce_column(spec, col.iloc[:1], missing.iloc[:1])
            value = one.take(np.zeros(len(col), dtype=np.intp)).set_axis(col.index)
            bad = pd.Series(False, index=col.index)
        else:
            missing = _missing_mask(col)
            value, bad = _coerce_column(spec, col, missing)
        for row in bad[bad].index:
            problems.append(Problem(row, spec.name, _describe_bad(spec, col[row])))
        if spec.default is not None and missing.any():
            value = value.copy()
            value[missing] = coerce_value(spec, spec.default)
            missing = missing & False
        if spec.required:
            for row in missing[missing & ~bad].index:
                problems.append(Problem(row, spec.name, "is required"))
        out[spec.name] = value
    start, end = kind.time_start, kind.time_end
    if start and end:
        closed = out[end].notna() & out[start].notna()
        empty_or_reversed = closed & (out[end] <= out[start])
        for i in np.flatnonzero(empty_or_reversed.to_numpy()):  # by position: labels may repeat
            reason = time_window_problem(start, out[start].iloc[i], end, out[end].iloc[i])
            if reason:
                problems.append(Problem(out.index[i], end, reason))
    problems.sort(key=lambda p: (str(p.row), p.field))
    return out, problems


def _coerce_column(spec: FieldSpec, col: pd.Series, missing: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(coerced values, mask of present-but-invalid values)."""
    t = spec.type
    if t in ("text", "enum"):
        text = col.astype(object).where(missing, col.astype(str))
        text = text.where(~missing, None)
        if t == "text":
            bad = ~missing & (text.astype(str).str.len() > (spec.max_length or 10**9))
            return text, bad
        stripped = text.astype(str).str.strip()
        folded = stripped.str.lower().str.replace(r"[\s\-/]+", "_", regex=True)
        value = stripped.where(stripped.isin(spec.values), folded)
        bad = ~missing & ~value.isin(spec.values)
        return value.where(~missing & ~bad, None).astype(object), bad
    if t in ("integer", "real"):
        if col.dtype == bool:
            number = pd.Series(np.nan, index=col.index)
        else:
            number = pd.to_numeric(col, errors="coerce").astype(float)
        bad = ~missing & (number.isna() | ~np.isfinite(number.fillna(0)))
        if t == "integer":
            bad |= ~missing & number.notna() & (number % 1 != 0)
        if spec.minimum is not None:
            bad |= number < spec.minimum
        if spec.maximum is not None:
            bad |= number > spec.maximum
        number = number.where(~bad & ~missing)
        if t == "integer":
            return number.round().astype("Int64"), bad
        return number, bad
    if t == "boolean":
        if col.dtype == bool:
            return col.astype(object), pd.Series(False, index=col.index)
        lowered = col.astype(str).str.strip().str.lower()
        value = pd.Series([None] * len(col), index=col.index, dtype=object)
        value[lowered.isin(_TRUE | {"1.0"})] = True
        value[lowered.isin(_FALSE | {"0.0"})] = False
        bad = ~missing & value.isna()
        return value.where(~missing, None), bad
    if t in ("datetime", "date"):
        if pd.api.types.is_datetime64_any_dtype(col.dtype):
            stamps = col.dt.tz_localize("UTC") if col.dt.tz is None else col.dt.tz_convert("UTC")
        else:
            stamps = pd.to_datetime(col.where(~missing, None), utc=True, errors="coerce", format="ISO8601")
        bad = ~missing & stamps.isna()
        if t == "date":
            return stamps.dt.date.where(stamps.notna(), None).astype(object), bad
        return stamps, bad
    raise AssertionError(t)


def _describe_bad(spec: FieldSpec, value: Any) -> str:
    try:
        coerce_value(spec, value)
    except ValidationError as exc:
        return exc.reason
    return f"{value!r} is not a valid {spec.type}"
