"""Authority across partners (issue 8): whatever a hostile partner does to its own file, the
honest partners hold only what each originator signed, marked as it marked it or stricter, and
only where the originator's marking lets it go.

Four organisations exchange real packages (``export_package`` / ``import_package``): ``a``,
``b`` and ``c`` are honest, ``w`` is hostile: besides the ordinary API it edits its own
GeoPackage with SQL (loosens markings, renames, changes originators, deletes rows, forges the
record of what an originator signed, crafts features in another's name) and exports what it
then holds. The oracle is written here, apart from the engine: a ledger of every version each
honest originator made, as its own workspace held it right after the edit, and the policy's
``may_receive`` asked from the originator's side.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid as uuid_module
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shapely
from exchange_helpers import close_all, make_partners
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from humanops.errors import SharingError, ValidationError, WorkspaceError
from humanops.model import Feature
from humanops.model.marking import TLP, Marking, format_time, utc_now
from humanops.sharing import keys
from humanops.sharing.directory_store import define_community, load_directory, revoke_partner
from humanops.sharing.exchange_export import export_package
from humanops.sharing.exchange_import import import_package
from humanops.sharing.marking_ops import set_marking, widening
from humanops.sharing.policy import WITHHOLD, may_receive
from humanops.sharing.proposals import decide, edit_feature, list_proposals

ORGS = {"a": ("community:x",), "b": ("community:x",), "c": (), "w": ("community:x",)}
HONEST = ("a", "b", "c")
EVERYONE = ("a", "b", "c", "w")
HOSTILE = "w"
PARTIES = ("a", "b", "c", "w", "community:x")
LAYER = "need"
LEVELS = list(TLP)


@pytest.fixture(scope="module", autouse=True)
def fast_kdf():
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keys, "SCRYPT_N", 2**10)
        yield


# --- the oracle's record of what honest originators made -------------------------------------

@dataclass(frozen=True)
class Version:
    """One version as its originator's own workspace held it right after the edit."""

    originator: str
    version: int
    deleted: bool
    properties: tuple
    wkb: str | None
    marking: Marking

    def feature(self, uuid: str) -> Feature:
        geometry = shapely.from_wkb(self.wkb) if self.wkb else None
        return Feature(kind=LAYER, geometry=geometry, properties=dict(self.properties), marking=self.marking,
                       uuid=uuid, version=self.version, originator=self.originator)


def _props(properties: dict) -> tuple:
    return tuple(sorted(properties.items()))


def _wkb(geometry) -> str | None:
    return None if geometry is None else shapely.to_wkb(geometry, hex=True, output_dimension=2, byte_order=1)


@dataclass
class World:
    root: Path
    partners: dict
    ledger: dict = field(default_factory=dict)  # (uuid, version) -> Version
    latest: dict = field(default_factory=dict)  # uuid -> the originator's latest Version
    order: list = field(default_factory=list)  # uuids in the order they were made (picks are stable)
    snapshot: dict = field(default_factory=dict)  # org -> uuid -> (version, props, wkb, originator) before
    packages: int = 0
    counter: int = 0

    def ws(self, org):
        return self.partners[org].ws

    def new_uuid(self) -> str:
        self.counter += 1
        return str(uuid_module.UUID(int=(0x4000 << 64) | (0x8000 << 48) | self.counter))

    def record(self, org: str, uid: str) -> None:
        """The honest originator ``org`` just made a version of ``uid``: add it to the ledger."""
        if org not in HONEST:
            return
        ws = self.ws(org)
        f = ws.find_feature(LAYER, uid)
        if f is None:
            f = [h for h in ws.history(LAYER, uid) if h.deleted][-1]
        assert (f.originator or org) == org
        v = Version(org, f.version, f.deleted, _props(f.properties), _wkb(f.geometry), f.marking)
        self.ledger[(uid, f.version)] = v
        self.latest[uid] = v

    def pick(self, features, index):
        """One of ``features``, chosen by ``index`` in a run-independent order."""
        if not features:
            return None
        rank = {u: i for i, u in enumerate(self.order)}
        ordered = sorted(features, key=lambda f: (rank.get(f.uuid, len(rank)), f.uuid))
        return ordered[index % len(ordered)]

    def held(self, org):
        return self.ws(org).features(LAYER)

    def take_snapshot(self) -> None:
        self.snapshot = {h: {f.uuid: (f.version, _props(f.properties), _wkb(f.geometry), f.originator)
                             for f in self.held(h)} for h in HONEST}


# --- the invariants ----------------------------------------------------------------------------

def check_invariants(world: World) -> None:
    now = utc_now()
    directories = {o: load_directory(world.ws(o)) for o in HONEST}
    for h in HONEST:
        held = {f.uuid: f for f in world.held(h)}
        for uid, f in held.items():
            o = f.originator or h
            if o not in HONEST:
                continue  # the hostile organisation's own features: nothing to check
            entry = world.ledger.get((uid, f.version))
            where = f"{h} holds {o}'s {uid} v{f.version} ({f.properties.get('name')!r}, {f.marking})"
            # (1) content and marking are what the originator signed
            assert entry is not None and entry.originator == o, f"{where}: {o} never made this version"
            assert not entry.deleted, f"{where}: {o} deleted it at this version"
            assert _props(f.properties) == entry.properties, f"{where}: fields differ from {o}'s {entry.properties}"
            assert _wkb(f.geometry) == entry.wkb, f"{where}: geometry differs from {o}'s"
            assert widening(entry.marking, f.marking) is None, \
                f"{where}: marking looser than {o}'s {entry.marking}: {widening(entry.marking, f.marking)}"
            if o == h:
                latest = world.latest[uid]
                assert f.version == latest.version and f.marking == latest.marking, \
                    f"{where}: {h}'s own feature is not its latest version {latest.version} ({latest.marking})"
            else:
                # (2) the originator itself could have sent it to h
                decision = may_receive(entry.feature(uid), o, h, directories[o], now)
                assert decision.action != WITHHOLD, \
                    f"{where}: {o}'s marking {entry.marking} excludes {h} ({decision.reason_code})"
        for uid, latest in world.latest.items():  # an originator's own features stay as it made them
            if latest.originator == h:
                assert (uid in held) != latest.deleted, f"{h}'s own {uid} v{latest.version} lost or revived"
        # (3) fields change only with a newer version of the originator; deletions only its own
        for uid, (version, props, wkb, originator) in world.snapshot.get(h, {}).items():
            if originator not in HONEST:
                continue
            f = held.get(uid)
            if f is None:
                assert world.latest[uid].deleted, f"{h} lost {originator}'s {uid} v{version}, never deleted by it"
                continue
            assert f.version >= version, f"{h}'s {originator}'s {uid} went back from v{version} to v{f.version}"
            if f.version == version:
                assert (_props(f.properties), _wkb(f.geometry)) == (props, wkb), \
                    f"{h}'s {originator}'s {uid} v{version} changed without a new version"
        # (2') proposals from honest partners never carry a feature its originator's marking keeps from h
        for p in list_proposals(world.ws(h), status=None):
            base = world.ledger.get((p["uuid"], p["base_version"]))
            if p["proposer"] in HONEST and p["proposer"] != h and base is not None and base.originator != h:
                decision = may_receive(base.feature(p["uuid"]), base.originator, h,
                                       directories[base.originator], now)
                assert decision.action != WITHHOLD, \
                    f"{h} got {p['proposer']}'s proposal about {base.originator}'s {p['uuid']} " \
                    f"v{p['base_version']}, which {base.marking} keeps from {h}"


# --- the steps ---------------------------------------------------------------------------------

def make_marking(tlp, parties, caveat):
    return Marking(tlp=tlp, releasable_to=tuple(parties), caveats=("no_onward_sharing",) if caveat else ())


markings = st.builds(make_marking, st.sampled_from(LEVELS),
                     st.lists(st.sampled_from(PARTIES), unique=True, max_size=3),
                     st.sampled_from((False, False, False, True)))
orgs = st.sampled_from(EVERYONE)
honest = st.sampled_from(HONEST)
picks = st.integers(0, 7)
population = st.integers(0, 5000)

HOSTILE_KINDS = ("loosen", "loosen_quiet", "remark_quiet", "rename_quiet", "steal", "impersonate", "delete",
                 "tombstone_api", "tombstone_forged", "bump", "forge", "forge_as_originator", "claim_editor",
                 "craft", "craft_forged", "widen_directory")

steps = st.one_of(
    st.tuples(st.just("add"), orgs, markings, population, st.integers(0, 99)),
    st.tuples(st.just("edit_own"), orgs, picks, population),
    st.tuples(st.just("mark_own"), orgs, picks, markings),
    st.tuples(st.just("delete_own"), orgs, picks),
    st.tuples(st.just("restrict"), orgs, picks, st.sampled_from((0, 0, 1, 2)), st.integers(0, 7), st.booleans()),
    st.tuples(st.just("restrict"), orgs, picks, st.sampled_from((0, 0, 1, 2)), st.integers(0, 7), st.booleans()),
    st.tuples(st.just("propose"), orgs, picks, population, st.booleans()),
    st.tuples(st.just("accept"), honest, picks),
    st.tuples(st.just("export"), orgs, st.integers(1, 7), st.booleans(), st.booleans()),
    st.tuples(st.just("export"), orgs, st.integers(1, 7), st.booleans(), st.booleans()),
    st.tuples(st.just("sync"), st.just("")),
    st.tuples(st.just("revoke"), honest),
    st.tuples(st.just("hostile"), st.sampled_from(HOSTILE_KINDS), picks, markings, honest),
    st.tuples(st.just("hostile"), st.sampled_from(HOSTILE_KINDS), picks, markings, honest),
)

EXPECTED = (SharingError, WorkspaceError, ValidationError)


def run_step(world: World, step: tuple) -> str:
    """Do one step; returns what was done (for the falsifying example's notes)."""
    kind, org = step[0], step[1]
    ws = world.ws(org) if org in EVERYONE else None
    if kind == "add":
        _, org, marking, pop, x = step
        f = ws.add_feature(LAYER, Point(36 + x / 100, 33), {"name": f"{org} site {len(world.order)}",
                                                             "population": pop}, marking, uuid=world.new_uuid())
        world.order.append(f.uuid)
        world.record(org, f.uuid)
        return f"{org} adds {f.uuid[-4:]} {marking}"
    if kind == "edit_own":
        _, org, index, pop = step
        f = world.pick([f for f in world.held(org) if (f.originator or org) == org], index)
        if f is None:
            return "skip"
        try:
            outcome = edit_feature(ws, LAYER, f.uuid, properties={"population": pop})
        except EXPECTED as exc:
            return f"{org} edit refused: {exc}"
        assert not outcome.proposed
        world.record(org, f.uuid)
        return f"{org} edits own {f.uuid[-4:]} -> v{outcome.version} population={pop}"
    if kind == "mark_own":
        _, org, index, marking = step
        f = world.pick([f for f in world.held(org) if (f.originator or org) == org], index)
        if f is None:
            return "skip"
        outcome = set_marking(ws, LAYER, f.uuid, marking)
        world.record(org, f.uuid)
        return f"{org} marks own {f.uuid[-4:]} {marking} -> v{outcome.version}"
    if kind == "delete_own":
        _, org, index = step
        f = world.pick([f for f in world.held(org) if (f.originator or org) == org], index)
        if f is None:
            return "skip"
        edit_feature(ws, LAYER, f.uuid, delete=True)
        world.record(org, f.uuid)
        return f"{org} deletes own {f.uuid[-4:]}"
    if kind == "restrict":
        _, org, index, up, keep, caveat = step
        f = world.pick([f for f in world.held(org) if (f.originator or org) != org], index)
        if f is None:
            return "skip"
        m = f.marking
        tlp = LEVELS[min(len(LEVELS) - 1, LEVELS.index(m.tlp) + up)]
        parties = tuple(p for i, p in enumerate(m.releasable_to) if keep >> i & 1)
        caveats = tuple(dict.fromkeys((*m.caveats, *(("no_onward_sharing",) if caveat else ()))))
        stricter = m.with_changes(tlp=tlp, releasable_to=parties, caveats=caveats)
        try:
            set_marking(ws, LAYER, f.uuid, stricter)
        except EXPECTED as exc:
            return f"{org} restrict of {f.uuid[-4:]} refused: {exc}"
        return f"{org} restricts {f.originator}'s {f.uuid[-4:]} from {m} to {stricter}"
    if kind == "propose":
        _, org, index, pop, delete = step
        f = world.pick([f for f in world.held(org) if (f.originator or org) != org], index)
        if f is None:
            return "skip"
        try:
            outcome = edit_feature(ws, LAYER, f.uuid, properties=None if delete else {"population": pop},
                                   delete=delete)
        except EXPECTED as exc:
            return f"{org} proposal refused: {exc}"
        # W's own file says what W made it say (a forged record naming W an editor): there W's
        # edit may be applied; what W's partners take of it is what the property checks
        assert outcome.proposed or org == HOSTILE, outcome
        return f"{org} proposes {'deleting' if delete else f'population={pop} for'} {f.originator}'s {f.uuid[-4:]}"
    if kind == "accept":
        _, org, index = step
        open_ = [p for p in list_proposals(ws) if p["originator"] == org and p["proposer"] != org]
        if not open_:
            return "skip"
        p = open_[index % len(open_)]
        try:
            outcome = decide(ws, p["id"], accept=True)
        except EXPECTED as exc:
            return f"{org} accept refused: {exc}"
        world.record(org, p["uuid"])
        return f"{org} accepts {p['proposer']}'s proposal for {p['uuid'][-4:]}: {outcome}"
    if kind == "sync":  # everyone sends what is new to everyone, one package each
        return " | ".join(run_step(world, ("export", s, 7, False, True)) for s in EVERYONE)
    if kind == "export":
        _, sender, mask, full, each = step
        others = [o for o in EVERYONE if o != sender]
        recipients = [o for i, o in enumerate(others) if mask >> i & 1]
        if each and len(recipients) > 1:  # one package per recipient
            return " | ".join(run_step(world, ("export", sender, 1 << others.index(r), full, False))
                              for r in recipients)
        world.packages += 1
        out = world.root / f"p{world.packages}.hopx"
        try:
            result = export_package(ws, recipients, out, world.partners[sender].passphrase, full=full, layers=[LAYER])
        except SharingError as exc:
            return f"{sender} export to {recipients} refused: {exc}"
        except Exception as exc:  # the hostile file may break its own exporter: its problem, not ours
            if sender != HOSTILE:
                raise
            return f"{sender} export crashed on its own file: {type(exc).__name__}: {exc}"
        done = []
        for r in result.recipients:
            try:
                got = import_package(world.ws(r), out, world.partners[r].passphrase)
                done.append(f"{r}: {got.layers.get(LAYER, {})}")
            except SharingError as exc:
                done.append(f"{r} refused: {exc}")
            except Exception as exc:  # the hostile file may break its own importer too
                if r != HOSTILE:
                    raise
                done.append(f"{r} crashed on its own file: {type(exc).__name__}: {exc}")
        return f"{sender} exports {'full' if full else 'incremental'} {result.layers.get(LAYER)} -> " + "; ".join(done)
    if kind == "revoke":
        revoke_partner(ws, HOSTILE)
        return f"{org} revokes {HOSTILE}"
    if kind == "hostile":
        return hostile(world, *step[1:])
    raise AssertionError(step)


# --- what the hostile organisation does to its own file ----------------------------------------

def _quietly(db, uid, assignments: str, params: tuple) -> None:
    """An UPDATE that leaves the version as it was (the external-edit trigger sees no plain edit)."""
    db.execute(f"UPDATE need SET version = -version, {assignments} WHERE uuid = ?", (*params, uid))
    db.execute("UPDATE need SET version = -version WHERE uuid = ?", (uid,))


def forge_signed_record(w_ws, uid: str, author: str = HOSTILE) -> bool:
    """Make W's record of what was signed match what W now holds, with ``author`` as author (W:
    W's exporter signs it; the originator: W's exporter forwards the originator's statement)."""
    from humanops.sharing.layer_rows import read_rows
    from humanops.sharing.originator_signatures import content_hashes

    db = w_ws.connection
    if not db.execute("SELECT 1 FROM humanops_signed_versions WHERE layer = ? AND uuid = ?", (LAYER, uid)).fetchone():
        return False
    rows = read_rows(w_ws, LAYER, [uid])
    rows["_author"] = author
    rows["_editors"] = ""
    digest = content_hashes(LAYER, rows, w_ws.kind(LAYER).field_names)[0].hex()
    r = rows.iloc[0]
    with w_ws.transaction():
        db.execute("UPDATE humanops_signed_versions SET version = ?, deleted = 0, content_hash = ?, author = ?, "
                   "editors = NULL, tlp = ?, releasable_to = ?, caveats = ?, expires = ?, precision = ? "
                   "WHERE layer = ? AND uuid = ?",
                   (int(r["version"]), digest, author, r["tlp"], r["releasable_to"], r["caveats"], r["expires"],
                    r["precision"], LAYER, uid))
    return True


def craft(w_ws, world: World, marking: Marking, claimed: str, *, forged: bool) -> str:
    """A feature W makes, then names ``claimed`` as its originator (case 4)."""
    f = w_ws.add_feature(LAYER, Point(36.5, 33.5), {"name": f"crafted for {claimed}", "population": 7}, marking,
                         uuid=world.new_uuid())
    world.order.append(f.uuid)
    db = w_ws.connection
    with w_ws.transaction():
        _quietly(db, f.uuid, "originator = ?", (claimed,))
    if forged:
        statement = db.execute("SELECT statement_id FROM humanops_statements LIMIT 1").fetchone()
        if statement is None:
            return f"w crafts {f.uuid[-4:]} as {claimed}'s {marking} (no statement to forge with)"
        with w_ws.transaction():
            db.execute("INSERT OR REPLACE INTO humanops_signed_versions (layer, uuid, version, deleted, content_hash, "
                       "author, statement_id) VALUES (?, ?, ?, 0, ?, ?, ?)",
                       (LAYER, f.uuid, f.version, "0" * 64, HOSTILE, statement[0]))
        forge_signed_record(w_ws, f.uuid)
    return f"w crafts {f.uuid[-4:]} as {claimed}'s {marking}{' (forged record)' if forged else ''}"


def hostile(world: World, kind: str, index: int, marking: Marking, other: str) -> str:
    w = world.ws(HOSTILE)
    db = w.connection
    if kind in ("craft", "craft_forged"):
        return craft(w, world, marking, other, forged=kind == "craft_forged")
    if kind == "widen_directory":  # in W's directory, everyone is in community:x
        define_community(w, "community:x", "x", members=EVERYONE)
        return "w puts everyone in community:x in its directory"
    f = world.pick(world.held(HOSTILE), index)
    if f is None:
        return "skip"
    uid = f.uuid
    with w.transaction():
        if kind == "loosen":
            db.execute("UPDATE need SET tlp = 'CLEAR', releasable_to = NULL, caveats = NULL, name = 'pwned' "
                       "WHERE uuid = ?", (uid,))
        elif kind == "loosen_quiet":
            _quietly(db, uid, "tlp = 'CLEAR', releasable_to = NULL, caveats = NULL, name = 'pwned'", ())
        elif kind == "remark_quiet":
            columns = marking.to_columns()
            _quietly(db, uid, "tlp = ?, releasable_to = ?, caveats = ?", (columns["tlp"], columns["releasable_to"],
                                                                          columns["caveats"]))
        elif kind == "rename_quiet":
            _quietly(db, uid, "name = 'pwned', population = population + 1", ())
        elif kind == "steal":
            db.execute("UPDATE need SET originator = 'w' WHERE uuid = ?", (uid,))
        elif kind == "impersonate":
            _quietly(db, uid, "originator = ?, name = 'pwned'", (other,))
        elif kind == "delete":
            db.execute("DELETE FROM need WHERE uuid = ?", (uid,))
        elif kind == "bump":
            db.execute("UPDATE need SET version = version + 1, modified = ?, name = 'pwned', tlp = 'CLEAR', "
                       "releasable_to = NULL WHERE uuid = ?", (format_time(utc_now()), uid))
        elif kind in ("forge", "forge_as_originator"):
            _quietly(db, uid, "tlp = 'CLEAR', releasable_to = NULL, caveats = NULL, name = 'pwned'", ())
        elif kind == "claim_editor":  # W's record says the originator named W an editor; then W edits
            db.execute("UPDATE humanops_signed_versions SET editors = 'w' WHERE layer = ? AND uuid = ?", (LAYER, uid))
            db.execute("UPDATE need SET name = 'pwned', tlp = 'CLEAR', releasable_to = NULL WHERE uuid = ?", (uid,))
    if kind in ("tombstone_api", "tombstone_forged"):
        w.delete_feature(LAYER, uid)
    if kind == "tombstone_forged":
        forge_signed_tombstone(w, uid)
    if kind in ("forge", "forge_as_originator"):
        forge_signed_record(w, uid, HOSTILE if kind == "forge" else f.originator or HOSTILE)
    return f"w SQL {kind} on {f.originator}'s {uid[-4:]} v{f.version}" + (
        f" ({marking})" if kind == "remark_quiet" else f" ({other})" if kind == "impersonate" else "")


# --- the property ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("authority")


@settings(max_examples=int(os.environ.get("HUMANOPS_AUTHORITY_EXAMPLES", "15")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(seed=st.tuples(*(markings for _ in HONEST)), script=st.lists(steps, min_size=1, max_size=8))
# W names itself A's editor in its own record, edits A's feature there and syncs: no partner takes it
@example(seed=(make_marking(TLP.CLEAR, [], False), make_marking(TLP.CLEAR, [], False),
               make_marking(TLP.CLEAR, [], False)),
         script=[("hostile", "claim_editor", 0, make_marking(TLP.CLEAR, [], False), "a"),
                 ("propose", "w", 0, 0, False), ("sync", "")])
# a relay empties the releasable_to of A's GREEN feature (an empty GREEN list means all of A's
# communities) and passes it on: through set_marking (c), or in its file with SQL (w)
@example(seed=(make_marking(TLP.GREEN, ["c"], False), make_marking(TLP.RED, [], False),
               make_marking(TLP.RED, [], False)),
         script=[("restrict", "c", 0, 0, 0, False), ("export", "c", 2, True, False)])
@example(seed=(make_marking(TLP.GREEN, ["w"], False), make_marking(TLP.RED, [], False),
               make_marking(TLP.RED, [], False)),
         script=[("hostile", "remark_quiet", 0, make_marking(TLP.GREEN, [], False), "a"),
                 ("export", "w", 7, True, True)])
# W makes A's AMBER feature CLEAR, renamed, and sends it on, forged or not
@example(seed=(make_marking(TLP.AMBER, ["b", "w"], False), make_marking(TLP.RED, [], False),
               make_marking(TLP.RED, [], False)),
         script=[("hostile", "forge", 0, make_marking(TLP.CLEAR, [], False), "a"), ("export", "w", 7, True, True),
                 ("hostile", "loosen", 0, make_marking(TLP.CLEAR, [], False), "a"), ("export", "w", 7, True, True),
                 ("export", "b", 7, True, True)])
def test_honest_partners_hold_only_what_originators_signed(scratch, seed, script):
    run_script(scratch, seed, script, note)


def run_script(scratch: Path, seed: tuple, script: list, report=print) -> None:
    """Each honest organisation makes one feature (``seed``: their markings) and sends it to
    each of the others, one package each; then the ``script``; the invariants hold after every
    step."""
    root = Path(tempfile.mkdtemp(dir=scratch))
    world = World(root, make_partners(root, ORGS))
    try:
        world.take_snapshot()
        first = [("add", org, marking, 100 * (i + 1), i) for i, (org, marking) in enumerate(zip(HONEST, seed,
                                                                                                strict=True))]
        first += [("export", org, 7, True, True) for org in HONEST]
        for n, step in enumerate([*first, *script]):
            what = run_step(world, step)
            report(f"step {n}: {what}")
            check_invariants(world)
            world.take_snapshot()
    finally:
        close_all(world.partners)
        shutil.rmtree(root, ignore_errors=True)


# --- the cases, end to end ----------------------------------------------------------------

@pytest.fixture
def partners(tmp_path):
    p = make_partners(tmp_path, ORGS)
    yield p
    close_all(p)


def send(partners, sender, recipients, path, *, full=True):
    """``sender`` exports to ``recipients`` (one package) and each imports it: the results."""
    p = partners[sender]
    result = export_package(p.ws, recipients, path, p.passphrase, full=full, layers=[LAYER])
    return result, {r: import_package(partners[r].ws, path, partners[r].passphrase) for r in recipients}


def need(ws, name, marking, x=36.0):
    return ws.add_feature(LAYER, Point(x, 33), {"name": name, "population": 120}, marking)


def same_version(held, original):
    return (held is not None and held.version == original.version and held.properties == original.properties
            and held.marking == original.marking and held.originator == original.originator
            and shapely.equals_exact(held.geometry, original.geometry, 0))


def merged(result) -> set:
    """What an import changed in the layer (nothing of a hostile version may be merged)."""
    return set(result.layers.get(LAYER, {})) & {"inserted", "updated", "deleted"}


def forge_signed_tombstone(w_ws, uid: str) -> bool:
    """After W deleted ``uid``: W's record claims the tombstone as signed by W."""
    import pandas as pd

    from humanops.sharing.originator_signatures import content_hashes

    db = w_ws.connection
    rec = db.execute("SELECT tlp, releasable_to, caveats, expires, precision FROM humanops_signed_versions "
                     "WHERE layer = ? AND uuid = ?", (LAYER, uid)).fetchone()
    tomb = [t for t in w_ws.tombstones(LAYER) if t.uuid == uid][-1]
    if rec is None:
        return False
    row = {"uuid": uid, "version": tomb.version, "originator": tomb.originator, "created": None,
           "modified": format_time(tomb.modified), **dict(zip(("tlp", "releasable_to", "caveats", "expires",
                                                               "precision"), rec, strict=True)),
           "_deleted": True, "_generalised": None, "_geom": None, "_author": HOSTILE, "_editors": None}
    digest = content_hashes(LAYER, pd.DataFrame([row]), [])[0].hex()
    with w_ws.transaction():
        db.execute("UPDATE humanops_signed_versions SET version = ?, deleted = 1, content_hash = ?, author = ?, "
                   "editors = NULL WHERE layer = ? AND uuid = ?", (tomb.version, digest, HOSTILE, LAYER, uid))
    return True


@pytest.mark.parametrize("attack", ["sql", "sql_same_version", "forged_record"])
def test_case1_a_relay_loosening_and_renaming_in_its_file_changes_nothing_downstream(partners, tmp_path, attack):
    """W receives A's AMBER feature releasable to B and W, makes it CLEAR and renames it in its
    own file with SQL and exports to B: B keeps A's version and marking, and passes nothing on to C."""
    a, b, c, w = (partners[o] for o in EVERYONE)
    original = need(a.ws, "clinic", Marking(tlp=TLP.AMBER, releasable_to=("b", "w")))
    send(partners, "a", ["b", "w"], tmp_path / "a.hopx")
    assert same_version(b.ws.find_feature(LAYER, original.uuid), original)
    db = w.ws.connection
    with w.ws.transaction():
        if attack == "sql":  # the external-edit trigger makes it a new version, as QGIS would
            db.execute("UPDATE need SET tlp = 'CLEAR', releasable_to = NULL, name = 'pwned' WHERE uuid = ?",
                       (original.uuid,))
        else:
            _quietly(db, original.uuid, "tlp = 'CLEAR', releasable_to = NULL, name = 'pwned'", ())
    if attack == "forged_record":
        assert forge_signed_record(w.ws, original.uuid)
    tampered = w.ws.get_feature(LAYER, original.uuid)
    assert tampered.marking.tlp is TLP.CLEAR and tampered.properties["name"] == "pwned"

    _, imported = send(partners, "w", ["b"], tmp_path / "w-b.hopx")
    assert not merged(imported["b"]), imported["b"].layers
    assert same_version(b.ws.find_feature(LAYER, original.uuid), original)
    assert {p["proposer"] for p in list_proposals(b.ws) if p["uuid"] == original.uuid} <= {"w"}

    _, imported = send(partners, "b", ["c"], tmp_path / "b-c.hopx")
    assert c.ws.find_feature(LAYER, original.uuid) is None
    assert not [f for f in c.ws.features(LAYER) if f.marking.tlp is TLP.CLEAR or f.properties["name"] == "pwned"]
    # nor straight from W, nor back to A
    send(partners, "w", ["c", "a"], tmp_path / "w-ca.hopx")
    assert c.ws.find_feature(LAYER, original.uuid) is None
    assert same_version(a.ws.find_feature(LAYER, original.uuid), original)


@pytest.mark.parametrize("attack", ["sql_delete", "store_api", "proposal", "forged_tombstone"])
def test_case2_a_relays_deletion_does_not_delete_the_originators_feature(partners, tmp_path, attack):
    """W deletes A's feature in its own file (SQL, the store API, or as a proposal through the
    authority rule) and exports to B: B keeps A's version; W's deletion is a proposal at most."""
    a, w = partners["a"], partners["w"]
    original = need(a.ws, "camp", Marking(tlp=TLP.GREEN))  # a, b and w share community:x
    send(partners, "a", ["b", "w"], tmp_path / "a.hopx")
    assert same_version(w.ws.find_feature(LAYER, original.uuid), original)
    if attack == "sql_delete":
        with w.ws.transaction():
            w.ws.connection.execute("DELETE FROM need WHERE uuid = ?", (original.uuid,))
    elif attack == "proposal":
        assert edit_feature(w.ws, LAYER, original.uuid, delete=True).proposed
    else:
        w.ws.delete_feature(LAYER, original.uuid)
        if attack == "forged_tombstone":
            assert forge_signed_tombstone(w.ws, original.uuid)

    _, imported = send(partners, "w", ["b", "a"], tmp_path / "w-b.hopx")
    for org in ("a", "b"):
        assert not merged(imported[org]), (org, imported[org].layers)
        assert same_version(partners[org].ws.find_feature(LAYER, original.uuid), original), org
        proposals = [p for p in list_proposals(partners[org].ws) if p["uuid"] == original.uuid]
        assert all(p["proposer"] == "w" for p in proposals)
        if attack == "proposal":
            assert [p["deleted"] for p in proposals] == [True]


@pytest.mark.parametrize("attack", ["sql", "forged_record"])
def test_case4_a_feature_crafted_in_the_recipients_name_is_not_inserted(partners, tmp_path, attack):
    """W crafts a RED feature not releasable to B in its own file, names B as its originator
    with SQL and sends it to B: B does not take it for its own."""
    a, b, w = partners["a"], partners["b"], partners["w"]
    need(a.ws, "for w", Marking(tlp=TLP.GREEN))
    send(partners, "a", ["w"], tmp_path / "a.hopx")  # W holds a statement of A's to point a forged record at
    secret = need(w.ws, "secret", Marking(tlp=TLP.RED, releasable_to=("w",)), 36.4)
    with w.ws.transaction():
        # version bumped too: a hostile tool writes around the trigger that keeps the originator
        w.ws.connection.execute("UPDATE need SET originator = 'b', version = version + 1 WHERE uuid = ?",
                                (secret.uuid,))
    assert w.ws.get_feature(LAYER, secret.uuid).originator == "b"
    if attack == "forged_record":
        statement = w.ws.connection.execute("SELECT statement_id FROM humanops_statements LIMIT 1").fetchone()
        with w.ws.transaction():
            w.ws.connection.execute(
                "INSERT INTO humanops_signed_versions (layer, uuid, version, deleted, content_hash, author, "
                "statement_id) VALUES (?, ?, 1, 0, ?, ?, ?)", (LAYER, secret.uuid, "0" * 64, HOSTILE, statement[0]))
        assert forge_signed_record(w.ws, secret.uuid)

    _, imported = send(partners, "w", ["b"], tmp_path / "w-b.hopx")
    if attack == "forged_record":  # it really travelled: B's own checks refused it
        assert secret.uuid in {q["uuid"] for q in imported["b"].quarantined}
    assert b.ws.find_feature(LAYER, secret.uuid) is None
    assert not [f for f in b.ws.features(LAYER) if f.properties["name"] == "secret"]


@pytest.mark.parametrize("relay", ["c", "w"])
def test_a_relay_clearing_a_green_list_does_not_widen_it(partners, tmp_path, relay):
    """A's GREEN feature releasable to the relay only; the relay empties releasable_to (through
    set_marking, or W with SQL keeping the version) and exports to B: an empty GREEN list means
    every community of A, which B is in, but A's list excluded B."""
    a, b = partners["a"], partners["b"]
    original = need(a.ws, "site", Marking(tlp=TLP.GREEN, releasable_to=(relay,)))
    send(partners, "a", [relay], tmp_path / "a.hopx")
    r = partners[relay]
    if relay == "w":
        with r.ws.transaction():
            _quietly(r.ws.connection, original.uuid, "releasable_to = NULL", ())
    else:
        with contextlib.suppress(SharingError):  # refused as a widening: nothing to pass on
            set_marking(r.ws, LAYER, original.uuid, Marking(tlp=TLP.GREEN))
    send(partners, relay, ["b"], tmp_path / "r-b.hopx")
    assert b.ws.find_feature(LAYER, original.uuid) is None


def test_an_older_version_sent_with_forged_ancestors_does_not_roll_back(partners, tmp_path):
    """W keeps a package holding A's version 1, receives A's version 2 (as B does), then sends
    B the old package with version 2 written into version 1's (unsigned) ancestors, re-signed by
    W: B must keep version 2 (this needs W to alter its exporter's output, not only its file)."""
    import json
    import zlib

    from exchange_helpers import open_inner, resign, split_inner

    from humanops.sharing.canonical import loads_strict
    from humanops.sharing.package_format import compress_payload

    a, b, w = partners["a"], partners["b"], partners["w"]
    original = need(a.ws, "site", Marking(tlp=TLP.AMBER, releasable_to=("b", "w")))
    send(partners, "a", ["b", "w"], tmp_path / "a1.hopx")
    export_package(w.ws, ["b"], tmp_path / "w-old.hopx", w.passphrase, full=True, layers=[LAYER])  # kept back
    edit_feature(a.ws, LAYER, original.uuid, properties={"population": 99})
    send(partners, "a", ["b", "w"], tmp_path / "a2.hopx")
    newer = b.ws.get_feature(LAYER, original.uuid)
    assert newer.version == 2

    manifest, _, stored = split_inner(open_inner(tmp_path / "w-old.hopx", b))
    payload = json.loads(zlib.decompress(stored))
    layer = payload["layers"][LAYER]
    layer["ancestors"][layer["uuid"].index(original.uuid)] = [f"2@{format_time(newer.modified)}"]
    stored, entry = compress_payload(json.dumps(payload).encode())
    manifest = {**loads_strict(manifest, what="manifest"), "payload": entry}
    resign(manifest, stored, w, b, tmp_path / "w-rollback.hopx")
    import_package(b.ws, tmp_path / "w-rollback.hopx", b.passphrase)
    assert same_version(b.ws.get_feature(LAYER, original.uuid), newer)


def test_a_relay_claiming_anothers_feature_does_not_shut_out_its_originator(partners, tmp_path):
    """W receives A's feature, sets originator = 'w' with SQL and sends it to C, which never had
    it: C takes it as W's (nothing tells the uuid's owner from the first version). When A then
    sends C its feature, C is not shut out: both signed versions are kept as a dispute for a
    person, who gives the feature back to A; A's next versions then merge as usual."""
    from humanops.sharing.conflicts import list_conflicts, resolve_conflict

    a, c, w = partners["a"], partners["c"], partners["w"]
    original = need(a.ws, "site", Marking(tlp=TLP.AMBER, releasable_to=("w", "c")))
    send(partners, "a", ["w"], tmp_path / "a-w.hopx")
    with w.ws.transaction():
        # version bumped too: a hostile tool writes around the trigger that keeps the originator
        w.ws.connection.execute("UPDATE need SET originator = 'w', name = 'pwned', version = version + 1 "
                                "WHERE uuid = ?", (original.uuid,))
    send(partners, "w", ["c"], tmp_path / "w-c.hopx")
    send(partners, "a", ["c"], tmp_path / "a-c.hopx")
    [dispute] = list_conflicts(c.ws)
    assert dispute["incoming_feature"]["originator"] == "a" and dispute["local_feature"]["originator"] == "w"
    resolve_conflict(c.ws, original.uuid, "theirs")
    assert same_version(c.ws.find_feature(LAYER, original.uuid), original)
    newer = edit_feature(a.ws, LAYER, original.uuid, properties={"population": 7})
    send(partners, "a", ["c"], tmp_path / "a-c-2.hopx")
    assert c.ws.get_feature(LAYER, original.uuid).version == newer.version
