"""A feature: geometry, kind fields, identity, marking and provenance."""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from shapely.geometry.base import BaseGeometry

from humanops.model.marking import Marking


def new_uuid() -> str:
    return str(uuid_module.uuid4())


@dataclass(frozen=True)
class Feature:
    kind: str
    geometry: BaseGeometry | None
    properties: dict[str, Any]
    marking: Marking
    uuid: str = field(default_factory=new_uuid)
    version: int = 1
    originator: str = ""
    created: datetime | None = None
    modified: datetime | None = None
    deleted: bool = False  # a tombstone: the feature was deleted at this version
    source_package: str | None = None
    source_signer: str | None = None
    fid: int | None = None  # row id in the workspace, when stored

    def with_changes(self, **changes: Any) -> Feature:
        return replace(self, **changes)
