"""Import, feature by feature: what each row of a received layer must be before it can be merged.

Each check marks the rows it refuses in a :class:`Verdicts` (a reason code and text per row, the
first refusal wins) and never raises: a bad feature is quarantined and reported, the rest of the
package goes on. In the order :func:`~humanops.sharing.exchange_import.import_package` runs them:
identity (uuid, originator, times) and authors well formed; markings exactly as the format
defines them (an unknown value is never read as a weaker one); the relay's restrictions and the
originators' signatures (:mod:`humanops.sharing.import_authority`); the policy again, as if the
sender exported to us (what we are not entitled to is quarantined, its content not kept);
generalised features really generalised (on their grid, no count under k); the kind's fields and
geometry. Times are normalised in the frame as they are checked.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
import shapely

from humanops.catalog import LayerKind
from humanops.errors import HumanOpsError, ValidationError
from humanops.model.marking import CAVEATS, Marking, Precision
from humanops.model.validation import conform_geometry, validate_frame
from humanops.sharing.package_format import TLP_VALUES
from humanops.sharing.payload_codec import LayerPayload
from humanops.sharing.policy import GENERALISE, WITHHOLD, decide_many

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_PARTY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


class Verdicts:
    """Per row of one layer: quarantine reason code and text (None while acceptable)."""

    def __init__(self, n: int) -> None:
        self.code = np.full(n, None, dtype=object)
        self.reason = np.full(n, None, dtype=object)
        self.keep_content = np.ones(n, dtype=bool)

    def set(self, mask: np.ndarray, code: str, reason: str | np.ndarray, *, keep_content: bool = True) -> None:
        mask = mask & pd.isna(self.code)
        if not mask.any():
            return
        self.code[mask] = code
        self.reason[mask] = reason if isinstance(reason, str) else reason[mask]
        if not keep_content:
            self.keep_content[mask] = False

    @property
    def ok(self) -> np.ndarray:
        return pd.isna(self.code)


_CANONICAL_TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"


def _normalise_times(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """ISO times as stored (UTC, milliseconds, Z); mask of present-but-unreadable values.
    Times already in that form (all of them, from HumanOps) are kept as they are."""
    values = pd.Series(values.to_numpy(dtype=object), index=values.index, dtype=object)
    present = values.notna().to_numpy()
    canonical = values.where(present, "").astype(str).str.fullmatch(_CANONICAL_TIME).to_numpy(dtype=bool)
    odd = present & ~canonical
    if not odd.any():
        return values, np.zeros(len(values), dtype=bool)
    stamps = pd.to_datetime(values[odd], utc=True, errors="coerce", format="ISO8601")
    text = stamps.dt.strftime("%Y-%m-%dT%H:%M:%S.%f").str.slice(0, 23) + "Z"
    out = values.copy()
    out[odd] = text.where(stamps.notna(), None).to_numpy(dtype=object)
    unreadable = np.zeros(len(values), dtype=bool)
    unreadable[odd] = stamps.isna().to_numpy()
    return out, unreadable


def _matches(values: pd.Series, pattern: re.Pattern[str]) -> np.ndarray:
    """Per row, whether the text matches; judged once per distinct value."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    ok = np.array([isinstance(u, str) and bool(pattern.match(u)) for u in uniques] + [False], dtype=bool)
    return ok[codes]


def check_identity(frame: pd.DataFrame, sender: str, verdicts: Verdicts) -> None:
    uuids = frame["uuid"]
    bad = ~_matches(uuids, _ID)
    verdicts.set(bad, "invalid_identity", "the uuid is not a valid identifier")
    # a proposal travels beside the version it is about: one of each per uuid at most
    dup = pd.Series(list(zip(uuids, frame["_proposed_by"].isna(), strict=True))).duplicated(keep=False).to_numpy()
    verdicts.set(dup, "duplicate_uuid", "the same uuid appears twice in the package")
    originator = frame["originator"].where(frame["originator"] != "", sender)
    bad_org = ~_matches(originator, _ID)
    verdicts.set(bad_org, "invalid_identity", "the originator is not an organisation id")
    frame["originator"] = originator
    for column in ("created", "modified"):
        frame[column], unreadable = _normalise_times(frame[column])
        verdicts.set(unreadable, "invalid_identity", f"{column} is not an ISO 8601 time")
    missing = frame["modified"].isna().to_numpy()
    verdicts.set(missing, "invalid_identity", "modified is missing")


def check_authors(frame: pd.DataFrame, verdicts: Verdicts) -> None:
    """Author, proposer and editors are organisation ids."""
    verdicts.set(~_matches(frame["_author"], _ID), "invalid_identity", "the author is not an organisation id")
    proposer = frame["_proposed_by"]
    verdicts.set(proposer.notna().to_numpy() & ~_matches(proposer, _ID), "invalid_identity",
                 "proposed_by is not an organisation id")
    editors = frame["_editors"].fillna("").astype(str)
    bad = np.array([any(not _ID.match(p) for p in e.split(",") if p) for e in editors], dtype=bool)
    verdicts.set(bad, "invalid_identity", "editors must be organisation ids")


def check_markings(frame: pd.DataFrame, verdicts: Verdicts) -> None:
    """Markings exactly as the format defines them; anything else is refused per feature."""
    keys = frame[["tlp", "releasable_to", "caveats", "expires", "precision"]].astype(object)
    joined = keys["tlp"].astype(str)
    for c in ("releasable_to", "caveats", "expires", "precision"):
        joined = joined + "\x1f" + keys[c].where(keys[c].notna(), "").astype(str)
    codes, uniques = pd.factorize(joined)
    verdict_of: list[str | None] = []
    for text in uniques:
        tlp, releasable, caveats, expires, precision = text.split("\x1f")
        reason = None
        if tlp not in TLP_VALUES:
            reason = f"unknown TLP value {tlp[:20]!r} (known: {', '.join(TLP_VALUES)})"
        elif any(c not in CAVEATS for c in caveats.split(",") if c):
            reason = "unknown caveat"
        elif any(not _PARTY.match(p) for p in releasable.split(",") if p):
            reason = "releasable_to holds something that is not an organisation or community id"
        else:
            try:
                Marking.from_columns({"tlp": tlp, "releasable_to": releasable or None, "caveats": caveats or None,
                                      "expires": expires or None, "precision": precision})
                if str(Precision.parse(precision)) != precision:
                    reason = f"precision {precision!r} is not in canonical form"
            except HumanOpsError as exc:
                reason = f"unknown marking value: {exc.reason}"
        verdict_of.append(reason)
    reasons = np.array([*verdict_of, None], dtype=object)[:-1][codes] if len(frame) else np.empty(0, object)
    verdicts.set(~pd.isna(reasons), "unknown_marking", reasons, keep_content=False)
    if len(frame):
        frame["expires"], _ = _normalise_times(frame["expires"])


def check_policy(frame: pd.DataFrame, sender: str, me: str, directory: Any, now: datetime,
                  verdicts: Verdicts, respect_aor: bool = False) -> np.ndarray:
    """The policy again, as if the sender exported to us (keeping to our area of
    responsibility when the sender said it did). Returns the live rows we hold only
    generalised."""
    live = ~frame["_deleted"].to_numpy(dtype=bool)
    judged = frame.assign(geometry=frame["_geom"]) if respect_aor else frame
    decisions = decide_many(judged, sender, me, directory, now, respect_aor=respect_aor)
    withheld = live & (decisions.action == WITHHOLD)
    reasons = np.array([f"not ours to hold: {r}" for r in decisions.reason], dtype=object)
    for code in set(decisions.reason_code[withheld]):
        verdicts.set(withheld & (decisions.reason_code == code), str(code), reasons, keep_content=False)
    generalised = frame["_generalised"].notna().to_numpy() & live
    must = live & (decisions.action == GENERALISE)
    required = np.array([str(p) if p is not None else None for p in decisions.precision], dtype=object)
    given = frame["_generalised"].to_numpy(dtype=object)
    wrong = must & (~generalised | (given != required))
    verdicts.set(wrong, "not_generalised", "we are entitled only to a generalised location, and this one is not "
                 "generalised as its marking requires", keep_content=False)
    return generalised


def check_generalised(frame: pd.DataFrame, kind: LayerKind, grid_crs: str | None, mask: np.ndarray,
                       verdicts: Verdicts) -> None:
    """Generalised features must really be: on the grid they claim, with no count under k."""
    from humanops.sharing.generalise import people_fields, people_measure

    rows = np.flatnonzero(mask & verdicts.ok)
    if not len(rows):
        return
    texts = frame["_generalised"].to_numpy(dtype=object)
    for text in set(texts[rows]):
        sel = rows[texts[rows] == text]
        try:
            precision = Precision.parse(text)
        except ValidationError:
            verdicts.set(row_mask(len(frame), sel), "not_generalised", f"unknown generalisation {text!r}")
            continue
        if precision.mode == "exact":
            verdicts.set(row_mask(len(frame), sel), "not_generalised", "marked generalised to 'exact'")
            continue
        if precision.mode == "grid":
            off = _off_grid(frame["_geom"].to_numpy(dtype=object)[sel], kind, grid_crs, precision.grid_m)
            verdicts.set(row_mask(len(frame), sel[off]), "not_generalised",
                         f"not on the {precision.grid_m} m grid it claims", keep_content=False)
        if precision.k:
            small = np.zeros(len(sel), dtype=bool)
            for name in people_fields(kind):
                if name in frame.columns:
                    values = pd.to_numeric(frame[name].iloc[sel], errors="coerce").to_numpy(dtype=float)
                    small |= (values > 0) & (values < precision.k)
            measure = [f for f in people_measure(kind) if f in frame.columns]
            if measure:
                total = sum(pd.to_numeric(frame[f].iloc[sel], errors="coerce").fillna(0).to_numpy(dtype=float)
                            for f in measure)
                small |= total < precision.k
            verdicts.set(row_mask(len(frame), sel[small]), "counts_under_k",
                         f"holds a count under k={precision.k}", keep_content=False)


def row_mask(n: int, rows: np.ndarray) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[rows] = True
    return out


def _off_grid(geoms: np.ndarray, kind: LayerKind, grid_crs: str | None, size: int | None) -> np.ndarray:
    """Which geometries are not on a grid of ``size`` metres in ``grid_crs`` (points at cell
    centres, other shapes with every vertex on a cell corner)."""
    import geopandas as gpd
    from pyproj import CRS
    from pyproj.exceptions import ProjError

    if not grid_crs or not size:
        return np.ones(len(geoms), dtype=bool)
    try:
        crs = CRS.from_user_input(grid_crs)
        if not crs.is_projected:
            raise ValueError
        projected = np.asarray(gpd.GeoSeries(geoms, crs=4326).to_crs(crs).values, dtype=object)
    except (ProjError, ValueError):  # an unknown or geographic grid CRS: every feature is off grid (fails closed)
        return np.ones(len(geoms), dtype=bool)
    coords, index = shapely.get_coordinates(projected, return_index=True)
    offset = 0.5 if kind.geometry == "Point" else 0.0
    scaled = coords / float(size) - offset
    bad_coord = (np.abs(scaled - np.round(scaled)) * size > 0.05).any(axis=1)  # 5 cm: reprojection noise only
    out = np.zeros(len(geoms), dtype=bool)
    np.logical_or.at(out, index, bad_coord)
    return out


def check_fields(frame: pd.DataFrame, payload: LayerPayload, kind: LayerKind, live: np.ndarray,
                  verdicts: Verdicts) -> pd.DataFrame:
    """Kind validation of the live rows: returns the coerced field values (all rows)."""
    unknown = [f for f in payload.fields if f not in kind.field_names]
    for name in unknown:
        used = live & frame[name].notna().to_numpy()
        verdicts.set(used, "unknown_field", f"{name!r} is not a field of {kind.name} here")
    present = [f for f in payload.fields if f in kind.field_names]
    values, problems = validate_frame(kind, frame[present])
    for p in problems:
        if live[p.row]:
            verdicts.set(row_mask(len(frame), np.array([p.row])), "invalid_field", f"field {p.field}: {p.reason}")
    return values


def check_geometry(frame: pd.DataFrame, payload: LayerPayload, kind: LayerKind, live: np.ndarray,
                    verdicts: Verdicts) -> np.ndarray:
    geoms = frame["_geom"].to_numpy(dtype=object).copy()
    verdicts.set(live & payload.bad_geometry, "invalid_geometry", "the geometry cannot be read (bad WKB)")
    target = {"Point": 0, "LineString": 1, "MultiPolygon": 6}[kind.geometry]
    candidates = np.flatnonzero(live & verdicts.ok)
    if not len(candidates):
        return geoms
    sub = geoms[candidates]
    ok = (shapely.get_type_id(sub) == target) & ~shapely.is_empty(sub) & ~shapely.has_z(sub)
    if ok.any():
        bounds = shapely.bounds(sub[ok])
        in_range = (np.isfinite(bounds).all(axis=1) & (bounds[:, 0] >= -180) & (bounds[:, 2] <= 180)
                    & (bounds[:, 1] >= -90) & (bounds[:, 3] <= 90))
        if target != 0:
            in_range &= shapely.is_valid(sub[ok])
        ok[np.flatnonzero(ok)] = in_range
    for i in candidates[~ok]:
        try:
            geoms[i], _ = conform_geometry(kind, geoms[i])
        except ValidationError as exc:
            verdicts.set(row_mask(len(frame), np.array([i])), "invalid_geometry", exc.reason)
    return geoms

