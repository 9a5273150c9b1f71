"""Playing an inject timeline: each inject as the exercise's scenario clock reaches it, once.

The controller's exercise workspace is where injects happen first: a danger zone is added there
(its own feature, uuid derived from the workspace and the inject, so a crash half-way never adds
it twice), a corridor's status is changed there through the ordinary edit path (a new version,
or a proposal to its originator when the controller may not change it). Then, for each
participant the inject goes to, an incremental package of that layer is made with
:func:`~humanops.sharing.exchange_export.export_package` (the sharing policy decides what each
participant receives; one package per participant, so one participant's rights never narrow
another's) and delivered:

* a participant given as a workspace (``--to ORG=ws.gpkg``) imports it at once through
  :func:`~humanops.sharing.exchange_import.import_package` (isolation, authority, audit apply);
* a participant given as a folder gets the package file dropped there, to import it themselves
  (then "time to see it" measures their own import);
* a participant not given at all: the package waits in the controller's outbox folder
  (``<workspace>-injects/`` beside it) for hand delivery.

A message is not a feature and travels in no package: in a response it would come by phone or
radio. It is raised where the participant looks for what needs attention: an alert in their
workspace's alerts table (rule ``exercise_message``), which they acknowledge like any alert, so
the report can measure the time to acknowledge it. A folder participant gets it as a text file.

What was played is kept in the controller's workspace (meta ``exercise_injects``): each inject's
state (``played``, ``skipped``), the scenario and wall times it was played at, and per participant
the package, whether the inject's feature was in it, and what was withheld. Running again plays
only what is not there: resumable, and nothing is played twice.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from humanops.errors import SharingError, WorkspaceError
from humanops.feedback import Feedback
from humanops.model.exercise import exercise_info, exercise_name
from humanops.model.marking import TLP, format_time, parse_time, utc_now
from humanops.scenario.injects import Inject, InjectTimeline, resolve_times
from humanops.store.workspace import Workspace

RECORD_KEY = "exercise_injects"
MESSAGE_RULE = "exercise_message"  # the alerts' rule id of a message inject
NAMESPACE = uuid_module.UUID("5b0c6f0e-3f7c-4a52-9d0e-6f7e1c2a9b41")  # uuids of the features injects add
PLAYED, SKIPPED, PENDING, DUE = "played", "skipped", "pending", "due"


@dataclass(frozen=True)
class Participant:
    """Where a participant's injects go: its exercise workspace (imported at once: a GeoPackage
    file, or a ``postgresql://`` URL of a team database) or a folder."""

    org: str
    path: Path | str  # a str only for a database URL (Path would fold its "//")
    passphrase: str | None = None  # unlocks the participant's keys to import (workspace only)

    @property
    def is_folder(self) -> bool:
        return isinstance(self.path, Path) and self.path.is_dir()


@dataclass
class Delivery:
    org: str
    how: str  # imported | dropped | outbox | alert | note
    file: str = ""
    package_id: str = ""
    included: bool | None = None  # the inject's feature was in the participant's package
    withheld: dict[str, int] = field(default_factory=dict)  # reason code -> features
    sent: int = 0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"org": self.org, "how": self.how, "file": self.file, "package_id": self.package_id,
                "included": self.included, "withheld": self.withheld, "sent": self.sent, "note": self.note}

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> Delivery:
        return cls(**{k: doc.get(k, v) for k, v in cls("", "").to_dict().items()})


@dataclass
class PlayRecord:
    inject_id: str
    state: str  # played | skipped
    scenario: datetime | None
    wall: datetime | None
    feature: str = ""  # layer:uuid the inject added or changed
    deliveries: list[Delivery] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"state": self.state, "scenario": format_time(self.scenario), "wall": format_time(self.wall),
                "feature": self.feature, "deliveries": [d.to_dict() for d in self.deliveries], "note": self.note}

    @classmethod
    def from_dict(cls, inject_id: str, doc: dict[str, Any]) -> PlayRecord:
        return cls(inject_id, doc.get("state", PLAYED), parse_time(doc.get("scenario")), parse_time(doc.get("wall")),
                   doc.get("feature", ""), [Delivery.from_dict(d) for d in doc.get("deliveries", [])],
                   doc.get("note", ""))


def read_record(workspace: Any) -> dict[str, PlayRecord]:
    """What the controller's workspace says was played (empty when nothing, or unreadable)."""
    text = workspace.get_meta(RECORD_KEY)
    try:
        doc = json.loads(text) if text else {}
        return {k: PlayRecord.from_dict(k, v) for k, v in doc.get("played", {}).items()}
    except (ValueError, TypeError, AttributeError):
        return {}


def recorded_file(workspace: Any) -> str:
    """The inject file last played or opened in this workspace ("" when none)."""
    text = workspace.get_meta(RECORD_KEY)
    try:
        return str(json.loads(text).get("file", "")) if text else ""
    except (ValueError, AttributeError):
        return ""


def remember_file(workspace: Workspace, path: str | Path) -> None:
    with workspace.transaction():
        doc = _record_doc(workspace)
        doc["file"] = str(Path(path).resolve())
        workspace.set_meta(RECORD_KEY, json.dumps(doc, sort_keys=True))


def _record_doc(workspace: Workspace) -> dict[str, Any]:
    text = workspace.get_meta(RECORD_KEY)
    try:
        doc = json.loads(text) if text else {}
    except ValueError:
        doc = {}
    return doc if isinstance(doc, dict) else {}


@dataclass(frozen=True)
class InjectState:
    inject: Inject
    due: datetime
    state: str  # pending | due | played | skipped
    record: PlayRecord | None


class InjectPlayer:
    """Plays ``timeline`` from the exercise workspace ``controller`` (see the module docstring).

    ``identity`` is the controller's passphrase or unlocked identity (needed only for packages);
    ``participants`` where each participant's injects go; ``say`` receives one line per thing done.
    """

    def __init__(self, controller: Workspace, timeline: InjectTimeline, *,
                 participants: list[Participant] | tuple[Participant, ...] = (),
                 identity: Any = None, outbox: Path | None = None,
                 say: Callable[[str], None] | None = None) -> None:
        info = exercise_info(controller)
        if info is None:
            raise WorkspaceError("is not an exercise workspace: injects are played into an exercise (make one with "
                                 "humanops exercise init)", file=str(controller.path))
        if info.start is None:
            raise WorkspaceError("the exercise has no start time (meta exercise_start)", file=str(controller.path))
        if timeline.name and timeline.name != info.name:
            raise WorkspaceError(f"the inject file {timeline.file} is written for the exercise {timeline.name!r}, and "
                                 f"this workspace is the exercise {info.name!r}", file=str(controller.path))
        self.controller = controller
        self.timeline = timeline
        self.start = info.start
        self.name = info.name
        self.participants = {p.org: p for p in participants}
        self._identity = identity
        self.outbox = outbox or default_outbox(controller)
        self.say = say or (lambda _line: None)

    # --- state ----------------------------------------------------------------------------------
    def now(self) -> datetime:
        from humanops.model.clock import workspace_now

        return workspace_now(self.controller)

    def states(self, now: datetime | None = None) -> list[InjectState]:
        now = now or self.now()
        record = read_record(self.controller)
        out = []
        for inject in self.timeline.injects:
            done = record.get(inject.id)
            due = inject.due(self.start)
            state = done.state if done else (DUE if due <= now else PENDING)
            out.append(InjectState(inject, due, state, done))
        return out

    def pending(self) -> list[Inject]:
        record = read_record(self.controller)
        return [i for i in self.timeline.injects if i.id not in record]

    # --- playing ----------------------------------------------------------------------------------
    def skip(self, inject: Inject) -> PlayRecord:
        record = PlayRecord(inject.id, SKIPPED, self.now(), utc_now(), note="skipped by the controller")
        self._save(record)
        self.say(f"{inject.offset_text} {inject.id}: skipped")
        return record

    def play(self, inject: Inject, feedback: Feedback | None = None) -> PlayRecord:
        """Play one inject now (whatever the clock says) and record it; an inject already played or
        skipped is refused (WorkspaceError), so nothing happens twice."""
        if inject.id in read_record(self.controller):
            raise WorkspaceError(f"inject {inject.id!r} was played already", file=str(self.controller.path))
        feedback = feedback or Feedback()
        scenario, wall = self.now(), utc_now()
        record = PlayRecord(inject.id, PLAYED, scenario, wall)
        if inject.kind == "danger_zone":
            record.feature = f"danger_zone:{self._add_zone(inject, scenario)}"
            record.deliveries = self._send_layer(inject, "danger_zone", record.feature.split(":", 1)[1], feedback)
        elif inject.kind == "corridor_closed":
            uid, note = self._close_corridor(inject)
            record.feature, record.note = f"corridor:{uid}", note
            record.deliveries = self._send_layer(inject, "corridor", uid, feedback)
        elif inject.kind == "message":
            record.deliveries = [self._message(inject, inject.to[0])]
        else:
            record.deliveries = [self._package(inject, inject.to[0], list(inject.layers) or None, None,
                                               full=inject.full)]
        self._save(record)
        self.say(f"{inject.offset_text} {inject.id}: played ({inject.kind}) at {format_time(scenario)}"
                 + "".join(f"\n    {d.org}: {_delivery_words(d)}" for d in record.deliveries)
                 + (f"\n    {record.note}" if record.note else ""))
        return record

    def run(self, *, until: timedelta | None = None, stop: threading.Event | None = None,
            poll_s: float = 1.0, sleep: Callable[[float], None] = time.sleep) -> list[PlayRecord]:
        """Play every pending inject as the scenario clock reaches it, until all are played, the
        clock passes ``until`` (after the start), or ``stop`` is set. The clock is re-read each turn:
        a pause or a speed set meanwhile (the app, ``exercise clock``) is followed."""
        from humanops.model.scenario_clock import read_clock

        played: list[PlayRecord] = []
        followed = None
        while not (stop is not None and stop.is_set()):
            if self.controller.get_meta("scenario_clock") != followed:  # paused, sped up: participants follow
                followed = self.controller.get_meta("scenario_clock")
                self.follow_clocks()
            pending = [i for i in self.pending() if until is None or i.at <= until]
            now = self.now()
            if not pending or (until is not None and now >= self.start + until and
                               all(i.due(self.start) > now for i in pending)):
                break
            for inject in pending:
                if inject.due(self.start) > now or (stop is not None and stop.is_set()):
                    break
                played.append(self.play(inject))
            else:
                continue
            clock = read_clock(self.controller)
            wait = poll_s
            if clock is not None and not clock.paused:
                ahead = (pending[0].due(self.start) - self.now()).total_seconds() if pending else 0
                wait = min(poll_s, max(0.005, ahead / clock.speed))
            if stop is not None:
                stop.wait(wait)
            else:
                sleep(wait)
        return played

    # --- what each kind does ----------------------------------------------------------------------
    def _add_zone(self, inject: Inject, scenario: datetime) -> str:
        uid = str(uuid_module.uuid5(NAMESPACE, f"{self.controller.workspace_id}/{inject.id}"))
        if self.controller.find_feature("danger_zone", uid) is None:  # a crash after adding it: not twice
            kind = self.controller.kind("danger_zone")
            properties = resolve_times(inject.properties, self.start, scenario, kind)
            self.controller.add_feature("danger_zone", inject.geometry, properties,
                                        inject.marking or self.controller.default_marking("danger_zone"), uuid=uid)
        return uid

    def _close_corridor(self, inject: Inject) -> tuple[str, str]:
        from humanops.sharing.proposals import edit_feature

        rows = self.controller.rows("corridor", ["uuid", "name"], geometry=False, fids=False)
        uuids = [u for u, name in rows.values if inject.corridor in (u, name)]
        where = f"inject {inject.id!r}"
        if not uuids:
            raise WorkspaceError(f"{where}: no corridor with the uuid or name {inject.corridor!r} in the controller's "
                                 "workspace", file=str(self.controller.path), layer="corridor")
        if len(uuids) > 1:
            raise WorkspaceError(f"{where}: {len(uuids)} corridors are named {inject.corridor!r}: give its uuid",
                                 file=str(self.controller.path), layer="corridor")
        outcome = edit_feature(self.controller, "corridor", uuids[0], properties={"status": inject.status})
        note = (f"the corridor is {outcome.originator}'s: the status change went as a proposal to it"
                if outcome.proposed else "")
        return uuids[0], note

    def _targets(self, inject: Inject) -> list[str]:
        return list(inject.to) or sorted(self.participants)

    def _send_layer(self, inject: Inject, layer: str, uid: str, feedback: Feedback) -> list[Delivery]:
        return [self._package(inject, org, [layer], (layer, uid)) for org in self._targets(inject)]

    def needs_identity(self, inject: Inject) -> bool:
        """Whether playing ``inject`` makes a package (signed with the controller's keys)."""
        return inject.kind == "package" or (inject.kind in ("danger_zone", "corridor_closed")
                                            and bool(self._targets(inject)))

    def identity(self) -> Any:
        from humanops.sharing.keys import UnlockedIdentity, unlock

        if self._identity is None:
            raise SharingError("the controller's passphrase is needed to sign the injects' packages")
        if not isinstance(self._identity, UnlockedIdentity):
            self._identity = unlock(self.controller, self._identity)
        return self._identity

    def _package(self, inject: Inject, org: str, layers: list[str] | None, feature: tuple[str, str] | None,
                 *, full: bool = False) -> Delivery:
        from humanops.sharing.exchange_export import export_package

        self.outbox.mkdir(parents=True, exist_ok=True)
        out = self.outbox / f"{inject.id}-{org}.hopx"
        result = export_package(self.controller, [org], out, self.identity(), layers=layers, full=full,
                                overwrite=True)
        totals = result.preview.totals(org)
        delivery = Delivery(org, "outbox", str(out), result.package_id, withheld=dict(totals["withheld"]),
                            sent=int(totals["exact"] + totals["generalised_features"] + totals["tombstones"]))
        if feature is not None:
            delivery.included = self.controller.sql.execute(
                "SELECT 1 FROM humanops_sent_versions WHERE partner = ? AND layer = ? AND uuid = ?",
                (org, *feature)).fetchone() is not None
        participant = self.participants.get(org)
        if participant is None:
            return delivery
        if participant.is_folder:
            target = participant.path / out.name
            shutil.copyfile(out, target)
            delivery.how, delivery.file = "dropped", str(target)
            return delivery
        with self._participant(participant) as theirs:
            from humanops.sharing.exchange_import import import_package

            imported = import_package(theirs, out, participant.passphrase or self._identity_text())
            delivery.how = "imported"
            delivery.note = f"{imported.totals().get('quarantined', 0)} quarantined" if imported.quarantined else ""
        return delivery

    def _identity_text(self) -> str:
        if isinstance(self._identity, str):
            return self._identity
        raise SharingError("a participant's passphrase is needed to import its injects")

    def _participant(self, participant: Participant) -> Workspace:
        from humanops.store.open_target import open_any

        theirs: Workspace = open_any(participant.path)  # type: ignore[assignment]  # PostGIS: the same API
        try:
            if theirs.organisation != participant.org:
                raise WorkspaceError(f"belongs to {theirs.organisation!r}, not to the participant {participant.org!r}",
                                     file=str(participant.path))
            if exercise_name(theirs) != self.name:
                raise WorkspaceError(f"is not a workspace of the exercise {self.name!r}: injects go only into the "
                                     "exercise's own workspaces", file=str(participant.path))
            self._follow_clock(theirs)
        except BaseException:
            theirs.close()
            raise
        return theirs

    def _follow_clock(self, theirs: Workspace) -> None:
        """The participant's scenario clock set to the controller's (same anchor, speed, pause): the
        controller runs the exercise's time, and a package made at the controller's "now" must not
        look as if from the future, nor a participant's alert be stamped on another clock."""
        from humanops.model.scenario_clock import read_clock, write_clock

        clock = read_clock(self.controller)
        if clock is not None and read_clock(theirs) != clock:
            write_clock(theirs, clock)

    def follow_clocks(self) -> None:
        """Every participant workspace given on the controller's clock (at the start of a run)."""
        for participant in self.participants.values():
            if not participant.is_folder:
                self._participant(participant).close()

    def _message(self, inject: Inject, org: str) -> Delivery:
        participant = self.participants.get(org)
        if participant is not None and participant.is_folder:
            target = participant.path / f"{inject.id}-message-{org}.txt"
            target.write_text(f"EXERCISE — {self.name}\n{inject.title}\n\n{inject.text}\n", encoding="utf-8")
            return Delivery(org, "note", str(target))
        if participant is None:
            if org != self.controller.organisation and self.participants:
                raise WorkspaceError(f"inject {inject.id!r}: the message is for {org!r}, who is not a participant "
                                     "given (--to ORG=PATH)", file=self.timeline.file)
            raise_message_alert(self.controller, inject, org)
            return Delivery(org, "alert", str(self.controller.path), note="in the controller's own alerts")
        with self._participant(participant) as theirs:
            raise_message_alert(theirs, inject, org)
        return Delivery(org, "alert", participant_place(participant))

    def _save(self, record: PlayRecord) -> None:
        with self.controller.transaction():
            doc = _record_doc(self.controller)
            doc["file"] = str(Path(self.timeline.file).resolve())
            doc["participants"] = ({org: participant_place(p) for org, p in sorted(self.participants.items())}
                                   or doc.get("participants", {}))
            doc.setdefault("played", {})[record.inject_id] = record.to_dict()
            self.controller.set_meta(RECORD_KEY, json.dumps(doc, sort_keys=True))


def participant_place(participant: Participant) -> str:
    """Where a participant's workspace is, as the record keeps it: its file, or its database's
    URL without a password."""
    if isinstance(participant.path, Path):
        return str(participant.path)
    from humanops.store.postgis.workspace import display_url

    return display_url(participant.path)


def default_outbox(controller: Workspace) -> Path:
    """Where the injects' packages are written: beside the controller's file, or for a team
    database in the current folder, named after the database."""
    from humanops.store.open_target import workspace_file, workspace_name

    own = workspace_file(controller)
    if own is not None:
        return own.with_name(own.stem + "-injects")
    return Path.cwd() / f"{workspace_name(controller)}-injects"


def raise_message_alert(workspace: Workspace, inject: Inject, org: str) -> str:
    """The message as an active alert in ``workspace`` (shown in its alerts panel, acknowledged like
    any alert); its subject ``inject:<id>`` ties it to the inject. Returns the alert's id."""
    from dataclasses import replace

    from humanops.analysis.alert_store import ALERT_COLUMNS, ALERTS_TABLE, Alert, alert_row, ensure_alerts_table
    from humanops.model.clock import workspace_now

    now = workspace_now(workspace)
    ensure_alerts_table(workspace)
    headline = inject.title or inject.text.splitlines()[0][:120]
    alert = Alert(rule_id=MESSAGE_RULE, subject=f"inject:{inject.id}", level="message", headline=headline,
                  description=inject.text, features=(), severity=inject.severity, urgency="Immediate",
                  certainty="Observed", category="Other", event="Exercise message", tlp=TLP.AMBER.value,
                  releasable_to=(org,))
    alert = replace(alert, id=str(uuid_module.uuid5(NAMESPACE, f"{workspace.workspace_id}/{inject.id}")),
                    first_fired=now, last_fired=now, updated=now)
    with workspace.transaction():
        workspace.sql.insert_ignore(ALERTS_TABLE, ALERT_COLUMNS, [alert_row(alert)])
    return alert.id


def _delivery_words(d: Delivery) -> str:
    parts = {"imported": "package imported into its workspace", "dropped": f"package dropped in {d.file}",
             "outbox": f"package waiting in {d.file}", "alert": "message raised as an alert",
             "note": f"message written to {d.file}"}[d.how]
    if d.included is False:
        parts += " (the inject itself withheld by the sharing policy"
        parts += (": " + ", ".join(f"{c} {n}" for c, n in sorted(d.withheld.items())) + ")") if d.withheld else ")"
    elif d.withheld:
        parts += " (withheld: " + ", ".join(f"{c} {n}" for c, n in sorted(d.withheld.items())) + ")"
    if d.note:
        parts += f"; {d.note}"
    return parts


def describe_delivery(d: Delivery) -> str:
    return _delivery_words(d)
