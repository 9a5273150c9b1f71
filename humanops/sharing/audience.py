"""What a product made *for* an audience may hold: the one selection every product shares.

A briefing map, a situation report or a TAK package leaves the app as a file that is handed on,
printed or shown on a screen in a meeting: it is a release like a package, so it holds only what
the sharing policy lets its audience see, decided exactly as export decides it
(:class:`humanops.sharing.receivable.SendFilter`, the policy's ``decide_many``): withheld features
are left out (counted by reason), features the policy generalises for the audience appear only
generalised (:func:`humanops.sharing.generalise.generalise`), and generalised copies received from
others are never passed on. Only originator signatures, which a file product cannot carry, are not
asked for.

The audience is a partner of the directory, or ourselves (``internal``: everything we hold, for
our own people). Features are taken as valid at ``at`` (the workspace's clock by default) and,
optionally, within a bounding box. The product's banner is the highest TLP of what it holds
(TLP 2.0: a document carries the most restrictive marking inside it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import geopandas as gpd
import numpy as np
import pandas as pd

from humanops.catalog import LayerKind
from humanops.errors import SharingError
from humanops.model.clock import workspace_now
from humanops.model.exercise import exercise_banner
from humanops.model.marking import TLP, Precision
from humanops.sharing.policy import GENERALISE, WITHHOLD
from humanops.sharing.receivable import SendFilter, our_organisation
from humanops.store import schema
from humanops.store.workspace import Workspace

INTERNAL = "internal"   # --for internal: our own organisation, everything we hold
Bbox = tuple[float, float, float, float]


@dataclass
class AudienceLayer:
    """One layer as the audience may see it: exact rows, then generalised aggregates
    (``generalised`` holds their precision text, None for exact rows); EPSG:4326."""

    kind: LayerKind
    frame: gpd.GeoDataFrame
    withheld: dict[str, int] = field(default_factory=dict)   # policy reason code -> features

    @property
    def exact(self) -> int:
        return int(self.frame["generalised"].isna().sum())

    @property
    def generalised(self) -> int:
        return len(self.frame) - self.exact


@dataclass
class AudienceView:
    audience: str          # an organisation id, or INTERNAL
    exporter: str          # our organisation id
    at: datetime
    bbox: Bbox | None
    layers: dict[str, AudienceLayer]
    exercise: str | None = None  # "EXERCISE — NAME" when made from an exercise: every product shows it

    @property
    def internal(self) -> bool:
        return self.audience == INTERNAL

    @property
    def highest_tlp(self) -> TLP:
        """The banner: the most restrictive TLP held (CLEAR when nothing is)."""
        levels = [TLP.parse(v) for layer in self.layers.values() for v in pd.unique(layer.frame["tlp"].dropna())]
        return max(levels, default=TLP.CLEAR)

    @property
    def withheld_total(self) -> int:
        return sum(sum(layer.withheld.values()) for layer in self.layers.values())


def audience_view(workspace: Workspace, audience: str, *, layers: Iterable[str] | None = None,
                  at: datetime | None = None, bbox: Bbox | None = None,
                  include_roads: bool = False) -> AudienceView:
    """The features of ``layers`` (default: the layers exchanged by default) that ``audience`` may
    see at ``at``, within ``bbox``. An audience outside the directory is a SharingError."""
    from humanops.sharing.directory_store import load_directory

    me = our_organisation(workspace)
    now = workspace_now(workspace)
    at = at or now
    directory = load_directory(workspace)
    internal = audience in (INTERNAL, me)
    if not internal and directory.organisation(audience) is None:
        known = ", ".join(sorted(o for o in directory.organisations if o != me)) or "none yet"
        raise SharingError(f"{audience!r} is not in the partner directory (partners: {known}; "
                           f"or --for {INTERNAL} for our own people)", field="for")
    names = _layer_names(workspace, layers, include_roads)
    out: dict[str, AudienceLayer] = {}
    for name in names:
        kind = workspace.kind(name)
        rows = _rows(workspace, kind, at, bbox)
        if internal:
            out[name] = AudienceLayer(kind, _geo(rows, None))
            continue
        copies = _generalised_copies(workspace, name)
        decisions = SendFilter(audience, me, directory, now, {name: copies}).decisions(name, rows)
        action = np.asarray(decisions.action, dtype=object)
        codes = np.asarray(decisions.reason_code, dtype=object)
        withheld = action == WITHHOLD
        counts = dict(zip(*np.unique(codes[withheld].astype(str), return_counts=True), strict=True))
        parts = [_geo(rows[action == "allow"], None)]
        generalise_rows = np.flatnonzero(action == GENERALISE)
        if len(generalise_rows):
            precision = np.array([str(p) for p in np.asarray(decisions.precision, dtype=object)[generalise_rows]],
                                 dtype=object)
            parts += _generalised(kind, rows.iloc[generalise_rows], precision, counts)
        frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        out[name] = AudienceLayer(kind, gpd.GeoDataFrame(frame, geometry="geometry", crs=4326),
                                  {str(k): int(v) for k, v in counts.items()})
    return AudienceView(INTERNAL if internal else audience, me, at, bbox, out, exercise_banner(workspace))


def _layer_names(workspace: Workspace, layers: Iterable[str] | None, include_roads: bool) -> list[str]:
    if layers is not None:
        names = list(dict.fromkeys(layers))
        for name in names:
            workspace.kind(name)   # an unknown kind fails here, naming the known ones
        return names
    return [k.name for k in workspace.catalog if k.exchange_by_default or include_roads]


def _rows(workspace: Workspace, kind: LayerKind, at: datetime, bbox: Bbox | None) -> pd.DataFrame:
    from humanops.sharing.layer_rows import rows_to_frame

    columns = [c for c, _ in schema.layer_columns(kind)]
    rows = workspace.rows(kind.name, columns, fids=False, ordered=True, at=at, bbox=bbox)
    return rows_to_frame(kind, rows)


def _geo(rows: pd.DataFrame, precision: str | None) -> gpd.GeoDataFrame:
    frame = rows.drop(columns=["_deleted", "_generalised"], errors="ignore").reset_index(drop=True)
    geometry = frame.pop("_geom") if "_geom" in frame.columns else pd.Series([], dtype=object)
    frame["generalised"] = pd.Series([precision] * len(frame), dtype=object)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(np.asarray(geometry, dtype=object), crs=4326), crs=4326)


def _generalised(kind: LayerKind, rows: pd.DataFrame, precision: np.ndarray,
                 counts: dict[str, int]) -> list[gpd.GeoDataFrame]:
    """Aggregates per precision asked for, as export makes them; small groups the policy
    suppresses are counted as withheld."""
    from humanops.sharing.generalise import generalise, grid_crs

    geo = gpd.GeoDataFrame(rows.drop(columns=["_deleted", "_generalised"]), geometry="_geom", crs=4326)
    crs = grid_crs(geo)
    parts = []
    for text in sorted(set(precision)):
        out = generalise(geo[precision == text], Precision.parse(text), kind, crs=crs)
        suppressed = int(out.attrs.get("suppressed_features", 0))
        if suppressed:
            counts["suppressed_small_group"] = counts.get("suppressed_small_group", 0) + suppressed
        if len(out):
            out = out.rename_geometry("geometry") if out.geometry.name != "geometry" else out
            out = pd.DataFrame(out)
            out["generalised"] = text
            parts.append(gpd.GeoDataFrame(out, geometry="geometry", crs=4326))
    return parts


def _generalised_copies(workspace: Workspace, layer: str) -> frozenset[str]:
    """Generalised copies received from others: never passed on (the export rule). A workspace
    that never received a package has no such table yet."""
    db = workspace.sql
    if not db.has_table("humanops_generalised"):
        return frozenset()
    return frozenset(r[0] for r in db.execute("SELECT uuid FROM humanops_generalised WHERE layer = ?", (layer,)))


def require_known(view: AudienceView) -> None:
    """A product for nobody: no layer holds a feature the audience may see."""
    if not any(len(layer.frame) for layer in view.layers.values()):
        withheld = view.withheld_total
        raise SharingError(f"nothing to show {view.audience}: no feature is valid at {view.at:%Y-%m-%d %H:%M} "
                           + (f"that it may see ({withheld:,} withheld by the sharing policy)" if withheld
                              else "in the chosen layers and area"))
