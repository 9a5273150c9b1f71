"""A TAK brief: what an audience may see, as CoT events for ATAK/WinTAK, in a data package or one
``.cot`` file.

The selection is not made here: the caller passes the audience's view
(:func:`humanops.sharing.audience.audience_view`, which decides as export does: withheld features
left out, generalised ones only generalised) and this module writes exactly that view. The package's
name and remarks carry the highest TLP inside it; every item carries its own in its remarks.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from humanops.catalog import LayerKind
from humanops.errors import FormatError
from humanops.formats.cot_out import CotClock, CotEvent, cot_time, events_document, layer_events
from humanops.model.marking import TLP

# What a field team's TAK device shows by default; other kinds (needs) only when asked for.
TAK_LAYERS = ("danger_zone", "corridor", "facility", "incident")
PACKAGE_NAMESPACE = uuid_module.UUID("3e9b6c1d-2f4a-4b8e-8d5c-7a1f0e9b2c64")


class AudienceLayerLike(Protocol):
    kind: LayerKind
    frame: Any  # GeoDataFrame, EPSG:4326, with a 'generalised' column
    withheld: dict[str, int]


class AudienceViewLike(Protocol):
    """The parts of :class:`humanops.sharing.audience.AudienceView` a brief reads."""

    audience: str
    exporter: str
    at: datetime
    layers: Mapping[str, Any]

    @property
    def highest_tlp(self) -> TLP: ...


@dataclass
class TakBriefReport:
    file: str
    format: str  # "TAK data package" | "CoT"
    audience: str
    exporter: str
    at: datetime
    generated: datetime
    highest_tlp: str
    package_uid: str | None
    name: str
    events: int = 0
    layers: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    entries: list[str] = field(default_factory=list)

    @property
    def features(self) -> int:
        return sum(layer["features"] for layer in self.layers.values())

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "format": self.format, "audience": self.audience, "exporter": self.exporter,
                "at": cot_time(self.at), "generated": cot_time(self.generated), "highest_tlp": self.highest_tlp,
                "package_uid": self.package_uid, "name": self.name, "features": self.features,
                "events": self.events, "layers": self.layers, "notes": list(self.notes),
                "entries": list(self.entries)}

    def summary(self) -> str:
        lines = [f"TLP:{self.highest_tlp} TAK brief for {self.audience}: {self.file} ({self.format}), "
                 f"{self.features} feature(s) as {self.events} CoT event(s), valid at {self.at:%Y-%m-%d %H:%M}Z"]
        for name, layer in self.layers.items():
            withheld = sum(layer["withheld"].values())
            parts = [f"{layer['features']} feature(s)"]
            if layer["generalised"]:
                parts.append(f"{layer['generalised']} generalised")
            if withheld:
                reasons = ", ".join(f"{code} {n}" for code, n in sorted(layer["withheld"].items()))
                parts.append(f"{withheld} withheld ({reasons})")
            lines.append(f"  {name}: " + ", ".join(parts))
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)


def package_uid(exporter: str, audience: str) -> str:
    """One uid per sender and audience: ATAK replaces the previous brief by the next one."""
    return str(uuid_module.uuid5(PACKAGE_NAMESPACE, f"humanops-tak-brief:{exporter}:{audience}"))


def _exercise(view: AudienceViewLike) -> str:
    """The view's "EXERCISE — NAME", or "" for real data."""
    return getattr(view, "exercise", None) or ""


def brief_name(view: AudienceViewLike) -> str:
    name = f"TLP:{view.highest_tlp.value} HumanOps {view.exporter} for {view.audience} {view.at:%Y-%m-%d %H%M}Z"
    return f"{_exercise(view)} {name}" if _exercise(view) else name


def brief_remarks(view: AudienceViewLike, features: int) -> str:
    remarks = (f"TLP:{view.highest_tlp.value} (the most restrictive marking inside; each item's remarks carry its "
               f"own). HumanOps brief from {view.exporter} for {view.audience}: {features} feature(s) valid at "
               f"{cot_time(view.at)}.")
    return f"{_exercise(view)}: made in an exercise, not real data. {remarks}" if _exercise(view) else remarks


def write_tak_brief(view: AudienceViewLike, out: str | Path, *, generated: datetime,
                    default_stale: timedelta = timedelta(hours=24), as_cot: bool = False,
                    overwrite: bool = True) -> TakBriefReport:
    """Write ``view`` as a TAK data package (``.zip``), or with ``as_cot`` as one ``.cot`` file of
    events; whole or not at all. ``generated`` is the workspace clock (every event's time)."""
    from humanops.formats.tak_package import MAX_COT_FILE_BYTES, max_events, write_data_package
    from humanops.store.atomic_files import atomic_write

    out = Path(out)
    clock = CotClock(generated=generated, default_stale=default_stale, exercise=_exercise(view))
    events: list[CotEvent] = []
    report = TakBriefReport(file=str(out), format="CoT" if as_cot else "TAK data package", audience=view.audience,
                            exporter=view.exporter, at=view.at, generated=generated,
                            highest_tlp=view.highest_tlp.value, package_uid=None, name=brief_name(view))
    for name, layer in view.layers.items():
        made = layer_events(layer.kind, layer.frame, clock)
        events += made.events
        report.notes += made.notes
        generalised = int(layer.frame["generalised"].notna().sum()) if "generalised" in layer.frame else 0
        report.layers[name] = {"features": len(layer.frame) - made.skipped, "events": len(made.events),
                               "generalised": generalised, "withheld": dict(layer.withheld)}
    report.events = len(events)
    if not events:
        raise FormatError("nothing to write: no feature of the brief has a geometry", file=str(out))
    uids = [e.uid for e in events]
    if len(set(uids)) != len(uids):  # two layers holding one uuid: TAK would keep only one of them
        duplicate = next(u for u in uids if uids.count(u) > 1)
        raise FormatError(f"two features share the uid {duplicate}: TAK would show only one", file=str(out))
    # What we write must be what a reader (ours, and a TAK device) takes: refused here, with the way out
    if as_cot:
        data = events_document(events)
        if len(data) > MAX_COT_FILE_BYTES:
            raise FormatError(f"{report.events:,} events make {len(data) / 1024**2:.0f} MB, more than a .cot file "
                              f"is read whole ({MAX_COT_FILE_BYTES // 1024**2} MB): narrow the brief with --layer "
                              "or --bbox", file=str(out))
        with atomic_write(out, overwrite=overwrite, exists_error=FormatError) as tmp:
            tmp.write_bytes(data)
        report.entries = [out.name]
        return report
    if report.events > max_events():
        raise FormatError(f"{report.events:,} events are more than one TAK data package holds ({max_events():,}): "
                          "narrow the brief with --layer or --bbox", file=str(out))
    report.package_uid = package_uid(view.exporter, view.audience)
    report.entries = write_data_package(out, events, package_uid=report.package_uid, name=report.name,
                                        remarks=brief_remarks(view, report.features), made=generated,
                                        overwrite=overwrite)
    return report
