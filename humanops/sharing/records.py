"""One feature as a JSON record: how conflicts and quarantine keep a version aside.

The record is the payload's row form (docs/exchange-format.md): identity, marking, hex WKB
geometry and properties as JSON values, so a kept version can be put back exactly.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import shapely

from humanops.model.feature import Feature
from humanops.model.marking import Marking, format_time, parse_time
from humanops.sharing.canonical import plain_value
from humanops.store.workspace import Workspace

_IDENTITY = ("uuid", "version", "originator", "created", "modified")
_MARKING = ("tlp", "releasable_to", "caveats", "expires", "precision")


def _wkb(geometry: Any) -> str | None:
    if geometry is None or (isinstance(geometry, float) and geometry != geometry):
        return None
    return shapely.to_wkb(geometry, hex=True, output_dimension=2, byte_order=1)


def identity_record(frame: pd.DataFrame, i: int) -> dict[str, Any]:
    """Identity and marking only: for what we are not entitled to keep."""
    row = frame.iloc[i]
    out = {c: plain_value(row[c]) for c in _IDENTITY if c in frame.columns}
    out["marking"] = {c: plain_value(row[c]) for c in _MARKING if c in frame.columns}
    out["content"] = "not kept: we are not entitled to it"
    return out


def feature_record(frame: pd.DataFrame, i: int) -> dict[str, Any]:
    """A row of a decoded payload frame as a record."""
    row = frame.iloc[i]
    out = identity_record(frame, i)
    del out["content"]
    out["deleted"] = bool(row["_deleted"])
    out["generalised"] = plain_value(row["_generalised"]) if "_generalised" in frame.columns else None
    out["ancestors"] = list(row["_ancestors"]) if "_ancestors" in frame.columns else []
    out["geometry"] = _wkb(row["_geom"])
    props = [c for c in frame.columns if not c.startswith("_") and c not in _IDENTITY and c not in _MARKING]
    out["properties"] = {c: plain_value(row[c]) for c in props}
    return out


def local_record(workspace: Workspace, layer: str, uuid: str, feature: Feature | None) -> dict[str, Any]:
    """Our current version of a feature as a record (a tombstone if we deleted it)."""
    if feature is None:
        versions = [f for f in workspace.history(layer, uuid) if f.deleted]
        feature = versions[-1] if versions else Feature(kind=layer, geometry=None, properties={},
                                                        marking=Marking(), uuid=uuid, version=0, deleted=True)
    return {
        "uuid": feature.uuid, "version": feature.version, "originator": feature.originator,
        "created": format_time(feature.created), "modified": format_time(feature.modified),
        "marking": feature.marking.to_columns(), "deleted": feature.deleted, "generalised": None,
        "ancestors": [], "geometry": _wkb(feature.geometry),
        "properties": {k: plain_value(v) for k, v in feature.properties.items()},
    }


def record_feature(layer: str, record: dict[str, Any]) -> Feature:
    """A record back as a Feature (fields are validated again when it is stored)."""
    marking = dict(record["marking"])
    for key in ("releasable_to", "caveats"):
        if isinstance(marking.get(key), list):
            marking[key] = ",".join(marking[key]) or None
    geometry = record.get("geometry")
    return Feature(
        kind=layer, geometry=shapely.from_wkb(geometry) if geometry else None,
        properties=dict(record.get("properties") or {}), marking=Marking.from_columns(marking),
        uuid=record["uuid"], version=int(record["version"]), originator=record.get("originator") or "",
        created=parse_time(record.get("created")), modified=parse_time(record.get("modified")),
        deleted=bool(record.get("deleted")))


def revision_of(record: dict[str, Any]) -> str:
    return f"{int(record['version'])}@{record.get('modified') or ''}"


__all__ = ["feature_record", "identity_record", "local_record", "record_feature", "revision_of"]
