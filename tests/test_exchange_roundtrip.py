"""Exchange between partners: each ends with exactly what the sharing rules allow it.

Three workspaces (ocha and medaid in community:wash, unhcr in community:protection) exchange
signed, encrypted packages; every feature each one holds afterwards is checked against
``may_receive``. Also: one package to several recipients, onward sharing, incremental exports,
tombstones, generalised locations, conflicts and their resolution.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import shapely
from exchange_helpers import close_all, make_partners
from shapely.geometry import LineString, Point, Polygon

from humanops.errors import SharingError
from humanops.model.marking import TLP, Marking, Precision, utc_now
from humanops.sharing import keys
from humanops.sharing.conflicts import list_conflicts, resolve_conflict
from humanops.sharing.directory_store import load_directory
from humanops.sharing.editors import set_editors
from humanops.sharing.exchange_export import export_package, preview_export
from humanops.sharing.exchange_import import import_package, list_quarantine
from humanops.sharing.originator_signatures import signed_versions
from humanops.sharing.policy import may_receive
from humanops.sharing.proposals import decide, describe, edit_feature, list_proposals
from humanops.store.workspace import Workspace

ORGS = {"ocha": ("community:wash",), "medaid": ("community:wash",), "unhcr": ("community:protection",)}


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def partners(tmp_path, backend):
    p = make_partners(tmp_path, ORGS, backend)
    yield p
    close_all(p)


def need(ws, name, marking, x=36.0, y=33.0, population=120):
    return ws.add_feature("need", Point(x, y), {"name": name, "population": population}, marking)


def seed_ocha(ws):
    now = utc_now()
    made = {
        "clear": need(ws, "clear", Marking(tlp=TLP.CLEAR), 36.00),
        "green_community": need(ws, "green community", Marking(tlp=TLP.GREEN), 36.01),
        "green_protection": need(ws, "green protection",
                                 Marking(tlp=TLP.GREEN, releasable_to=("community:protection",)), 36.02),
        "amber_chosen": need(ws, "amber chosen", Marking(tlp=TLP.AMBER), 36.03),
        "amber_medaid": need(ws, "amber medaid", Marking(tlp=TLP.AMBER, releasable_to=("medaid",)), 36.04),
        "strict_medaid": need(ws, "strict medaid", Marking(tlp=TLP.AMBER_STRICT, releasable_to=("medaid",)), 36.05),
        "red_unhcr": need(ws, "red unhcr", Marking(tlp=TLP.RED, releasable_to=("unhcr",)), 36.06),
        "no_onward": need(ws, "no onward", Marking(tlp=TLP.AMBER, releasable_to=("medaid", "unhcr"),
                                                   caveats=("no_onward_sharing",)), 36.07),
        "expired": need(ws, "expired", Marking(tlp=TLP.CLEAR, expires=now - timedelta(hours=1)), 36.08),
        "protection_grid": need(ws, "protection grid", Marking(
            tlp=TLP.AMBER, releasable_to=("medaid", "community:protection"),
            precision=Precision.parse("grid:1000:k10")), 36.09, 33.09, population=340),
    }
    made["zone"] = ws.add_feature("danger_zone", Polygon([(36, 33), (36.1, 33), (36.1, 33.1)]),
                                  {"name": "shelled area", "hazard": "shelling", "severity": 4},
                                  Marking(tlp=TLP.GREEN))
    made["corridor"] = ws.add_feature("corridor", LineString([(36, 33), (36.2, 33.2)]),
                                      {"name": "north route"}, Marking(tlp=TLP.AMBER, releasable_to=("medaid",))) \
        if _corridor_ok(ws) else None
    made["road"] = ws.add_feature("road", LineString([(36, 33), (36.3, 33.3)]), _road_props(ws), Marking(tlp=TLP.CLEAR))
    return {k: v for k, v in made.items() if v is not None}


def _corridor_ok(ws):
    required = [f.name for f in ws.kind("corridor").fields if f.required]
    return required == ["name"]


def _road_props(ws):
    props = {}
    for f in ws.kind("road").fields:
        if f.required:
            props[f.name] = f.values[0] if f.type == "enum" else ("a road" if f.type == "text" else 1)
    return props


def holdings(ws):
    """uuid -> feature for every live feature of every layer."""
    out = {}
    for layer in ws.layers():
        for f in ws.features(layer):
            out[f.uuid] = f
    return out


def generalised_uuids(ws):
    return {r[0] for r in ws.connection.execute("SELECT uuid FROM humanops_generalised")}


def expected_from(sender, recipient_org, *, exclude_layers=("road",)):
    """What ``may_receive`` says recipient may get of everything the sender holds."""
    directory = load_directory(sender.ws)
    now = utc_now()
    decisions = {}
    copies = generalised_uuids(sender.ws)  # generalised copies received are not passed on
    for uid, f in holdings(sender.ws).items():
        if f.kind in exclude_layers or uid in copies:
            continue
        decisions[uid] = may_receive(f, sender.org, recipient_org, directory, now)
    return decisions


def check_received(sender, recipient, decisions, *, before=frozenset()):
    """Every feature allowed is held exactly; nothing withheld or only generalisable is held
    exactly; generalised features are marked as such."""
    held = holdings(recipient.ws)
    sent = holdings(sender.ws)
    for uid, decision in decisions.items():
        if decision.action == "allow":
            assert uid in held, f"{sent[uid].properties['name']} ({decision.reason_code}) missing"
            got, want = held[uid], sent[uid]
            assert got.version == want.version and got.marking == want.marking
            assert got.properties == want.properties
            assert shapely.equals_exact(got.geometry, want.geometry, 0)
            if uid not in before:  # what it held already keeps its first provenance
                assert got.source_package and got.source_signer.startswith(sender.org)
        else:
            assert uid not in held or uid in before, f"{sent[uid].properties['name']} ({decision.reason_code}) leaked"
    exact = {u for u in held if u not in generalised_uuids(recipient.ws)}
    foreign = {u for u in exact if held[u].originator != recipient.org}
    allowed = {u for u, d in decisions.items() if d.action == "allow"} | set(before)
    assert foreign <= allowed, "a feature arrived that the rules do not allow"


def test_three_partners_each_hold_exactly_what_the_rules_allow(partners, tmp_path):
    ocha, medaid, unhcr = partners["ocha"], partners["medaid"], partners["unhcr"]
    made = seed_ocha(ocha.ws)
    medaid_own = need(medaid.ws, "medaid clinic need", Marking(tlp=TLP.GREEN), 36.5)
    medaid_private = need(medaid.ws, "medaid private", Marking(tlp=TLP.AMBER, releasable_to=("ocha",)), 36.6)

    for recipient in (medaid, unhcr):
        decisions = expected_from(ocha, recipient.org)
        out = tmp_path / f"ocha-to-{recipient.org}.hopx"
        result = export_package(ocha.ws, [recipient.org], out, ocha.passphrase, full=True)
        assert out.read_bytes().startswith(b"HUMANOPS-EXCHANGE/1\n")
        assert b"ocha" not in out.read_bytes() and recipient.org.encode() not in out.read_bytes()
        imported = import_package(recipient.ws, out, recipient.passphrase)
        assert imported.totals().get("quarantined", 0) == 0
        assert result.layers.get("road") is None  # roads only when asked
        check_received(ocha, recipient, decisions)

    medaid_held = holdings(medaid.ws)
    assert made["strict_medaid"].uuid in medaid_held and made["red_unhcr"].uuid not in medaid_held
    assert made["green_community"].uuid in medaid_held and made["expired"].uuid not in medaid_held
    unhcr_held = holdings(unhcr.ws)
    assert made["red_unhcr"].uuid in unhcr_held and made["green_community"].uuid not in unhcr_held
    # unhcr is named only through a community: the protection data reaches it generalised
    assert made["protection_grid"].uuid not in unhcr_held
    generalised = [unhcr_held[u] for u in generalised_uuids(unhcr.ws)]
    assert len(generalised) == 1 and generalised[0].properties["population"] == 340
    assert generalised[0].geometry != made["protection_grid"].geometry

    # medaid passes on what it received: only as far as ocha allowed, never strict/red/no-onward
    before = set(holdings(unhcr.ws))
    decisions = expected_from(medaid, "unhcr")
    out = tmp_path / "medaid-to-unhcr.hopx"
    export_package(medaid.ws, ["unhcr"], out, medaid.passphrase, full=True)
    import_package(unhcr.ws, out, unhcr.passphrase)
    check_received(medaid, unhcr, decisions, before=before)
    unhcr_held = holdings(unhcr.ws)
    assert made["strict_medaid"].uuid not in unhcr_held
    assert made["amber_chosen"].uuid in unhcr_held  # ocha chose unhcr itself
    assert medaid_own.uuid not in unhcr_held and medaid_private.uuid not in unhcr_held
    assert decisions[made["no_onward"].uuid].reason_code == "no_onward_sharing"

    # and back to ocha: its own features come back unchanged, medaid's private one arrives
    out = tmp_path / "medaid-to-ocha.hopx"
    decisions = expected_from(medaid, "ocha")
    result = import_package(ocha.ws, export_package(medaid.ws, ["ocha"], out, medaid.passphrase, full=True).path,
                            ocha.passphrase)
    assert result.totals().get("conflicts", 0) == 0
    check_received(medaid, ocha, decisions, before=set(made_uuids(made)))
    assert medaid_private.uuid in holdings(ocha.ws)


def made_uuids(made):
    return [f.uuid for f in made.values()]


def test_one_package_to_several_holds_only_what_every_recipient_may_receive(partners, tmp_path):
    ocha, medaid, unhcr = partners["ocha"], partners["medaid"], partners["unhcr"]
    made = seed_ocha(ocha.ws)
    preview = preview_export(ocha.ws, ["medaid", "unhcr"], full=True)
    doc = preview.to_dict()
    assert set(doc["recipients"]) == {"medaid", "unhcr"}
    medaid_withheld = doc["recipients"]["medaid"]["totals"]["withheld"]
    assert medaid_withheld.get("co_recipient", 0) >= 1  # what unhcr may not have is withheld from medaid too
    assert doc["recipients"]["unhcr"]["totals"]["withheld"].get("tlp_red_not_named") is None  # red_unhcr: medaid
    out = tmp_path / "both.hopx"
    export_package(ocha.ws, ["medaid", "unhcr"], out, ocha.passphrase, full=True)
    for recipient in (medaid, unhcr):
        import_package(recipient.ws, out, recipient.passphrase)
    both = {u for u, d in expected_from(ocha, "medaid").items() if d.action == "allow"} & \
        {u for u, d in expected_from(ocha, "unhcr").items() if d.action == "allow"}
    for recipient in (medaid, unhcr):
        exact = set(holdings(recipient.ws)) - generalised_uuids(recipient.ws)
        assert exact == both
    assert made["clear"].uuid in both and made["red_unhcr"].uuid not in both


def test_roads_only_when_asked(partners, tmp_path):
    ocha, medaid = partners["ocha"], partners["medaid"]
    made = seed_ocha(ocha.ws)
    out = tmp_path / "roads.hopx"
    result = export_package(ocha.ws, ["medaid"], out, ocha.passphrase, full=True, include_roads=True)
    assert result.layers["road"]["features"] == 1
    import_package(medaid.ws, out, medaid.passphrase)
    assert made["road"].uuid in holdings(medaid.ws)


def test_incremental_export_sends_changes_and_tombstones(partners, tmp_path):
    ocha, medaid = partners["ocha"], partners["medaid"]
    a = need(ocha.ws, "a", Marking(tlp=TLP.GREEN), 36.0)
    b = need(ocha.ws, "b", Marking(tlp=TLP.GREEN), 36.1)
    c = need(ocha.ws, "c", Marking(tlp=TLP.GREEN), 36.2)
    first = export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    assert first.layers["need"]["features"] == 3
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)

    nothing = preview_export(ocha.ws, ["medaid"])
    assert nothing.package == {}
    ocha.ws.update_feature("need", a.uuid, properties={"population": 999})
    ocha.ws.delete_feature("need", b.uuid)
    d = need(ocha.ws, "d", Marking(tlp=TLP.GREEN), 36.3)
    second = export_package(ocha.ws, ["medaid"], tmp_path / "2.hopx", ocha.passphrase)
    assert second.layers["need"] == {"features": 2, "tombstones": 1, "generalised": 0}
    assert second.sequence == first.sequence + 1
    result = import_package(medaid.ws, tmp_path / "2.hopx", medaid.passphrase)
    assert result.layers["need"] == {"updated": 1, "inserted": 1, "deleted": 1}
    held = holdings(medaid.ws)
    assert held[a.uuid].properties["population"] == 999 and held[a.uuid].version == 2
    assert b.uuid not in held and c.uuid in held and d.uuid in held
    assert [f.deleted for f in medaid.ws.history("need", b.uuid)][-1]


def test_tombstone_reaches_partner_after_the_marking_narrowed(partners, tmp_path):
    ocha, medaid = partners["ocha"], partners["medaid"]
    a = need(ocha.ws, "a", Marking(tlp=TLP.GREEN))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    ocha.ws.update_feature("need", a.uuid, marking=Marking(tlp=TLP.RED, releasable_to=("unhcr",)))
    ocha.ws.delete_feature("need", a.uuid)
    export_package(ocha.ws, ["medaid"], tmp_path / "2.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "2.hopx", medaid.passphrase)
    assert a.uuid not in holdings(medaid.ws)


def test_concurrent_edits_become_a_conflict_then_resolve(partners, tmp_path):
    ocha, medaid, unhcr = partners["ocha"], partners["medaid"], partners["unhcr"]
    a = need(ocha.ws, "shared site", Marking(tlp=TLP.AMBER, releasable_to=("medaid", "unhcr")))
    set_editors(ocha.ws, "need", ["medaid"], uuids=[a.uuid])  # version 2: medaid may edit it too
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    # both sides edit version 2
    ocha.ws.update_feature("need", a.uuid, properties={"population": 500})
    assert not edit_feature(medaid.ws, "need", a.uuid, properties={"population": 650}).proposed
    export_package(medaid.ws, ["ocha"], tmp_path / "m.hopx", medaid.passphrase)
    result = import_package(ocha.ws, tmp_path / "m.hopx", ocha.passphrase)
    assert result.layers["need"] == {"conflicts": 1}
    assert ocha.ws.get_feature("need", a.uuid).properties["population"] == 500  # nothing lost silently
    [conflict] = list_conflicts(ocha.ws)
    assert conflict["incoming_feature"]["properties"]["population"] == 650
    assert conflict["local_feature"]["properties"]["population"] == 500

    resolved = resolve_conflict(ocha.ws, a.uuid, "theirs", properties={"notes": "agreed by phone"})
    assert resolved["version"] == 4
    now = ocha.ws.get_feature("need", a.uuid)
    assert now.properties["population"] == 650 and now.properties["notes"] == "agreed by phone"
    assert list_conflicts(ocha.ws) == []

    # the decision travels as an ordinary newer version: no conflict at medaid
    export_package(ocha.ws, ["medaid"], tmp_path / "2.hopx", ocha.passphrase)
    result = import_package(medaid.ws, tmp_path / "2.hopx", medaid.passphrase)
    assert result.layers["need"] == {"updated": 1}
    assert medaid.ws.get_feature("need", a.uuid).properties["notes"] == "agreed by phone"
    del unhcr


def test_anyone_elses_edit_or_deletion_is_a_proposal(partners, tmp_path):
    """medaid edits and ocha's feature: its export carries ocha's version plus medaid's proposal;
    ocha decides. A deletion by medaid is a proposal too."""
    ocha, medaid = partners["ocha"], partners["medaid"]
    a = need(ocha.ws, "site", Marking(tlp=TLP.GREEN))
    b = need(ocha.ws, "other", Marking(tlp=TLP.GREEN))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    outcome = edit_feature(medaid.ws, "need", a.uuid, properties={"population": 77})
    assert outcome.proposed and outcome.originator == "ocha"
    assert medaid.ws.get_feature("need", a.uuid).properties["population"] == 120  # ocha's version stays
    assert edit_feature(medaid.ws, "need", b.uuid, delete=True).proposed
    assert medaid.ws.find_feature("need", b.uuid) is not None
    export_package(medaid.ws, ["ocha"], tmp_path / "m.hopx", medaid.passphrase)
    result = import_package(ocha.ws, tmp_path / "m.hopx", ocha.passphrase)
    assert result.layers["need"] == {"proposals": 2, "unchanged": 2}  # ocha's own versions come back too
    assert ocha.ws.get_feature("need", a.uuid).properties["population"] == 120
    received = {p["uuid"]: p for p in list_proposals(ocha.ws)}
    assert describe(received[a.uuid], ocha.ws)["text"].startswith("medaid proposes changing population")
    decide(ocha.ws, received[a.uuid]["id"], accept=True)
    assert ocha.ws.get_feature("need", a.uuid).properties["population"] == 77
    decide(ocha.ws, received[b.uuid]["id"], accept=False)
    assert ocha.ws.find_feature("need", b.uuid) is not None
    # ocha's accepted version reaches medaid as an ordinary newer version of ocha's
    export_package(ocha.ws, ["medaid"], tmp_path / "2.hopx", ocha.passphrase)
    assert import_package(medaid.ws, tmp_path / "2.hopx", medaid.passphrase).layers["need"] == {"updated": 1}
    assert medaid.ws.get_feature("need", a.uuid).properties["population"] == 77


def test_a_named_editors_edit_travels_and_an_older_version_is_stale(partners, tmp_path):
    """medaid, named editor of ocha's feature, edits it and sends it to unhcr, which had it from
    ocha: a descendant, signed by medaid, accepted because ocha named medaid."""
    ocha, medaid, unhcr = partners["ocha"], partners["medaid"], partners["unhcr"]
    a = need(ocha.ws, "site", Marking(tlp=TLP.AMBER, releasable_to=("medaid", "unhcr")))
    set_editors(ocha.ws, "need", ["medaid"], uuids=[a.uuid])
    for p in (medaid, unhcr):
        export_package(ocha.ws, [p.org], tmp_path / f"o-{p.org}.hopx", ocha.passphrase)
        import_package(p.ws, tmp_path / f"o-{p.org}.hopx", p.passphrase)
    edit_feature(medaid.ws, "need", a.uuid, properties={"population": 1})
    edit_feature(medaid.ws, "need", a.uuid, properties={"population": 2})
    export_package(medaid.ws, ["unhcr"], tmp_path / "m.hopx", medaid.passphrase)
    result = import_package(unhcr.ws, tmp_path / "m.hopx", unhcr.passphrase)
    assert result.layers["need"] == {"updated": 1}
    assert unhcr.ws.get_feature("need", a.uuid).version == 4
    # an older version arriving later is stale, never overwrites
    export_package(ocha.ws, ["unhcr"], tmp_path / "o2.hopx", ocha.passphrase, full=True)
    result = import_package(unhcr.ws, tmp_path / "o2.hopx", unhcr.passphrase)
    assert result.layers["need"] == {"stale": 1}
    assert unhcr.ws.get_feature("need", a.uuid).properties["population"] == 2


def test_generalised_aggregates_update_and_withdraw(partners, tmp_path):
    ocha, unhcr = partners["ocha"], partners["unhcr"]
    marking = Marking(tlp=TLP.AMBER, releasable_to=("community:protection",), precision=Precision.parse("grid:1000:k5"))
    a = need(ocha.ws, "a", marking, 36.001, 33.001, population=40)
    need(ocha.ws, "b", marking, 36.002, 33.002, population=30)
    export_package(ocha.ws, ["unhcr"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(unhcr.ws, tmp_path / "1.hopx", unhcr.passphrase)
    [cell] = holdings(unhcr.ws).values()
    assert cell.properties["population"] == 70 and cell.uuid != a.uuid
    # a generalised copy is not passed on, not even back to its originator
    back = preview_export(unhcr.ws, ["ocha"], full=True).to_dict()["recipients"]["ocha"]["totals"]
    assert back["withheld"] == {"generalised_copy": 1} and back["sent"] == 0
    assert cell.properties["name"] == "2 need features, grid 1000 m"  # names dropped
    ocha.ws.update_feature("need", a.uuid, properties={"population": 60})
    export_package(ocha.ws, ["unhcr"], tmp_path / "2.hopx", ocha.passphrase)
    result = import_package(unhcr.ws, tmp_path / "2.hopx", unhcr.passphrase)
    assert result.layers["need"] == {"updated": 1}
    assert unhcr.ws.get_feature("need", cell.uuid).properties["population"] == 90
    for f in ocha.ws.features("need"):
        ocha.ws.delete_feature("need", f.uuid)
    export_package(ocha.ws, ["unhcr"], tmp_path / "3.hopx", ocha.passphrase)
    import_package(unhcr.ws, tmp_path / "3.hopx", unhcr.passphrase)
    assert holdings(unhcr.ws) == {}


def test_dry_run_import_changes_nothing(partners, tmp_path, snapshot):
    ocha, medaid = partners["ocha"], partners["medaid"]
    need(ocha.ws, "a", Marking(tlp=TLP.GREEN))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    before = snapshot(medaid.ws.path)
    result = import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase, dry_run=True)
    assert result.dry_run and result.layers["need"] == {"inserted": 1}
    assert snapshot(medaid.ws.path) == before
    assert import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase).layers["need"] == {"inserted": 1}


def test_features_we_may_not_hold_are_quarantined_not_merged(partners, tmp_path):
    """A buggy or hostile exporter: ocha sends unhcr a RED feature released only to medaid."""
    from humanops.sharing import receivable

    ocha, unhcr = partners["ocha"], partners["unhcr"]
    secret = need(ocha.ws, "secret", Marking(tlp=TLP.RED, releasable_to=("medaid",)))
    fine = need(ocha.ws, "fine", Marking(tlp=TLP.CLEAR))
    real = receivable.decide_many

    def broken(frame, exporter, recipient, directory, now, **kw):
        d = real(frame, exporter, recipient, directory, now, **kw)
        d.action[:] = "allow"
        return d

    receivable.decide_many = broken
    try:
        export_package(ocha.ws, ["unhcr"], tmp_path / "bad.hopx", ocha.passphrase)
    finally:
        receivable.decide_many = real
    result = import_package(unhcr.ws, tmp_path / "bad.hopx", unhcr.passphrase)
    assert result.layers["need"] == {"inserted": 1, "quarantined": 1}
    held = holdings(unhcr.ws)
    assert fine.uuid in held and secret.uuid not in held
    [q] = list_quarantine(unhcr.ws)
    assert q["uuid"] == secret.uuid and q["reason_code"] == "tlp_red_not_named"
    stored = unhcr.ws.connection.execute("SELECT feature FROM humanops_quarantine").fetchone()[0]
    assert "secret" not in stored  # what we may not hold is not kept, only its identity


def test_receiver_rotated_keys_still_opens_packages_to_its_old_key(partners, tmp_path):
    ocha, medaid = partners["ocha"], partners["medaid"]
    need(ocha.ws, "a", Marking(tlp=TLP.GREEN))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    keys.rotate_keys(medaid.ws, medaid.passphrase)
    assert import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase).layers["need"] == {"inserted": 1}


def test_sender_rotation_old_packages_verify_new_card_needed(partners, tmp_path):
    from humanops.sharing import cards

    ocha, medaid = partners["ocha"], partners["medaid"]
    need(ocha.ws, "a", Marking(tlp=TLP.GREEN))
    export_package(ocha.ws, ["medaid"], tmp_path / "old.hopx", ocha.passphrase)
    keys.rotate_keys(ocha.ws, ocha.passphrase)
    need(ocha.ws, "b", Marking(tlp=TLP.GREEN))
    export_package(ocha.ws, ["medaid"], tmp_path / "new.hopx", ocha.passphrase)
    with pytest.raises(SharingError, match="unknown key"):
        import_package(medaid.ws, tmp_path / "new.hopx", medaid.passphrase)
    import_package(medaid.ws, tmp_path / "old.hopx", medaid.passphrase)  # made before the rotation
    cards.write_card(ocha.ws, tmp_path / "ocha2.card", ocha.passphrase)
    with pytest.raises(SharingError, match="replace-key"):
        cards.add_partner_from_card(medaid.ws, tmp_path / "ocha2.card")
    cards.add_partner_from_card(medaid.ws, tmp_path / "ocha2.card", replace_key=True)
    assert import_package(medaid.ws, tmp_path / "new.hopx", medaid.passphrase).layers["need"] == {"inserted": 1}


def test_demo_scenario_three_partners_feature_by_feature(tmp_path):
    """The demo (features of four originators, as the coordination office holds them) goes to
    medaid and waterbridge, then medaid passes on what it may: every feature each ends with is
    what ``may_receive`` allows, and every allowed one is there, exactly."""
    from humanops.scenario.demo import DEMO_COMMUNITIES, DEMO_NOW, DEMO_PARTNERS, create_demo_workspace
    from humanops.sharing import cards
    from humanops.sharing.directory_store import define_community

    now = DEMO_NOW
    info = {p["id"]: p for p in DEMO_PARTNERS}
    office = create_demo_workspace(tmp_path / "office.gpkg")
    workspaces = {"unocha-kv": office}
    for org in ("medaid", "waterbridge"):
        workspaces[org] = Workspace.create(tmp_path / f"{org}.gpkg", organisation=org)
    try:
        for org, ws in workspaces.items():
            keys.init_identity(ws, org, info[org]["name"], f"passphrase {org}",
                               communities=tuple(info[org]["communities"]))
            for community in DEMO_COMMUNITIES:  # membership of organisations without a workspace (civpro) too
                members = tuple(p["id"] for p in DEMO_PARTNERS if community["id"] in p["communities"])
                define_community(ws, community["id"], community["name"], members)
            cards.write_card(ws, tmp_path / f"{org}.card", f"passphrase {org}")
        for org, ws in workspaces.items():
            for other in workspaces:
                if other != org:
                    cards.add_partner_from_card(ws, tmp_path / f"{other}.card")

        def send(sender, recipient, name):
            directory = load_directory(workspaces[sender])
            before = set(holdings(workspaces[recipient]))
            copies = generalised_uuids(workspaces[sender])
            sent = {u: f for u, f in holdings(workspaces[sender]).items() if f.kind != "road" and u not in copies}
            decisions = {u: may_receive(f, sender, recipient, directory, now) for u, f in sent.items()}
            # a partner's feature goes only as its originator signed it: the demo's own copies of
            # partners' features were never received with a signature, so they stay at the office
            vouched = {u for layer in {f.kind for f in sent.values()}
                       for u in signed_versions(workspaces[sender], layer).index}
            decisions = {u: d for u, d in decisions.items()
                         if sent[u].originator in ("", sender) or u in vouched or d.action == "withhold"}
            export_package(workspaces[sender], [recipient], tmp_path / name, f"passphrase {sender}", full=True, now=now)
            result = import_package(workspaces[recipient], tmp_path / name, f"passphrase {recipient}", now=now)
            assert result.totals().get("quarantined", 0) == 0 and result.totals().get("conflicts", 0) == 0
            held = holdings(workspaces[recipient])
            for uid, decision in decisions.items():
                if decision.action == "allow":
                    assert uid in held and held[uid].version == sent[uid].version
                    assert held[uid].properties == sent[uid].properties and held[uid].marking == sent[uid].marking
                    assert shapely.equals_exact(held[uid].geometry, sent[uid].geometry, 0)
                elif uid not in before:
                    assert uid not in held, decision.reason_code
            return decisions

        to_medaid = send("unocha-kv", "medaid", "o-m.hopx")
        to_water = send("unocha-kv", "waterbridge", "o-w.hopx")
        send("medaid", "waterbridge", "m-w.hopx")
        codes = {d.reason_code for d in [*to_medaid.values(), *to_water.values()]}
        assert {"named"} <= codes and any(d.action == "withhold" for d in to_water.values())
        assert sum(d.action == "allow" for d in to_medaid.values()) > 50
        for org in ("medaid", "waterbridge"):
            exact = set(holdings(workspaces[org])) - generalised_uuids(workspaces[org])
            assert exact <= set(holdings(office))  # nothing exact that is not the office's data
    finally:
        for ws in workspaces.values():
            ws.close()


def test_cancelled_import_and_export_change_nothing(partners, tmp_path, snapshot):
    from humanops.feedback import Canceled, Feedback

    ocha, medaid = partners["ocha"], partners["medaid"]
    need(ocha.ws, "a", Marking(tlp=TLP.GREEN))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)

    def cancel_at(threshold):
        feedback = Feedback(lambda fraction, _: feedback.cancel() if fraction >= threshold else None)
        return feedback

    before = snapshot(medaid.ws.path)
    with pytest.raises(Canceled):
        import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase, feedback=cancel_at(0.6))
    assert snapshot(medaid.ws.path) == before
    before = snapshot(ocha.ws.path)
    with pytest.raises(Canceled):
        export_package(ocha.ws, ["medaid"], tmp_path / "2.hopx", ocha.passphrase, feedback=cancel_at(0.7))
    assert snapshot(ocha.ws.path) == before and not (tmp_path / "2.hopx").exists()
    with pytest.raises(SharingError, match="exists already"):
        export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    with pytest.raises(SharingError, match="not in the partner directory"):
        export_package(ocha.ws, ["nobody"], tmp_path / "3.hopx", ocha.passphrase)


def test_a_relays_restriction_travels_beside_the_originators_signed_marking(partners, tmp_path):
    """medaid makes ocha's GREEN feature AMBER for what it passes on: no new version, unhcr
    holds it AMBER, and the originator's GREEN still verifies; loosening is refused."""
    from humanops.sharing.marking_ops import set_marking

    ocha, medaid, unhcr = partners["ocha"], partners["medaid"], partners["unhcr"]
    a = need(ocha.ws, "site", Marking(tlp=TLP.GREEN, releasable_to=("medaid", "unhcr")))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    stricter = Marking(tlp=TLP.AMBER, releasable_to=("unhcr",))
    outcome = set_marking(medaid.ws, "need", a.uuid, stricter)
    assert outcome.restricted and medaid.ws.get_feature("need", a.uuid).version == 1
    with pytest.raises(SharingError, match="only be made stricter"):
        set_marking(medaid.ws, "need", a.uuid, Marking(tlp=TLP.CLEAR))
    assert medaid.ws.get_feature("need", a.uuid).marking == stricter
    export_package(medaid.ws, ["unhcr"], tmp_path / "2.hopx", medaid.passphrase)
    result = import_package(unhcr.ws, tmp_path / "2.hopx", unhcr.passphrase)
    assert result.layers["need"] == {"inserted": 1}
    held = unhcr.ws.get_feature("need", a.uuid)
    assert held.marking == stricter and held.version == 1
    # unhcr forwards it on as ocha signed it, its own stricter marking beside it: ocha may have it back
    export_package(unhcr.ws, ["ocha"], tmp_path / "3.hopx", unhcr.passphrase)
    assert import_package(ocha.ws, tmp_path / "3.hopx", ocha.passphrase).layers["need"] == {"unchanged": 1}
    # ocha's newer version keeps medaid's restriction where it is still stricter
    ocha.ws.update_feature("need", a.uuid, properties={"population": 5})
    export_package(ocha.ws, ["medaid"], tmp_path / "4.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "4.hopx", medaid.passphrase)
    assert medaid.ws.get_feature("need", a.uuid).marking == stricter
    assert medaid.ws.get_feature("need", a.uuid).properties["population"] == 5


def test_a_feature_edited_here_with_another_tool_is_never_sent_as_its_originators(partners, tmp_path):
    ocha, medaid = partners["ocha"], partners["medaid"]
    a = need(ocha.ws, "site", Marking(tlp=TLP.GREEN, releasable_to=("medaid", "unhcr")))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    with medaid.ws.transaction():  # as QGIS or a script would: the triggers version it
        medaid.ws.sql.execute("UPDATE need SET name = 'renamed', tlp = 'CLEAR' WHERE uuid = ?", (a.uuid,))
    preview = preview_export(medaid.ws, ["unhcr"], full=True).to_dict()["recipients"]["unhcr"]["totals"]
    assert preview["exact"] == 0 and preview["withheld"] == {"changed_without_authority": 1}


def test_a_value_another_tool_wrote_that_does_not_fit_its_field_is_withheld_not_the_package(partners, tmp_path):
    ocha, medaid = partners["ocha"], partners["medaid"]
    bad = need(ocha.ws, "bad", Marking(tlp=TLP.GREEN, releasable_to=("medaid",)))
    good = need(ocha.ws, "good", Marking(tlp=TLP.GREEN, releasable_to=("medaid",)))
    with ocha.ws.transaction():  # a script writes a fraction into a whole-number field
        ocha.ws.sql.execute("UPDATE need SET population = 12.5 WHERE uuid = ?", (bad.uuid,))
    result = export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    assert result.preview.totals("medaid")["withheld"] == {"invalid_value": 1}
    imported = import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    assert imported.layers["need"] == {"inserted": 1}
    assert set(holdings(medaid.ws)) == {good.uuid}


def test_a_conflict_on_a_feature_we_may_not_change_keeps_the_originators_version(partners, tmp_path):
    """medaid's copy of ocha's feature was edited with another tool; ocha's newer version is a
    conflict there. Keeping ours makes it a proposal to ocha; ocha's version goes in place."""
    ocha, medaid = partners["ocha"], partners["medaid"]
    a = need(ocha.ws, "site", Marking(tlp=TLP.GREEN, releasable_to=("medaid",)))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    with medaid.ws.transaction():
        medaid.ws.sql.execute("UPDATE need SET population = 999 WHERE uuid = ?", (a.uuid,))
    ocha.ws.update_feature("need", a.uuid, properties={"population": 5})
    export_package(ocha.ws, ["medaid"], tmp_path / "2.hopx", ocha.passphrase)
    assert import_package(medaid.ws, tmp_path / "2.hopx", medaid.passphrase).layers["need"] == {"conflicts": 1}
    resolved = resolve_conflict(medaid.ws, a.uuid, "mine")
    held = medaid.ws.get_feature("need", a.uuid)
    assert held.properties["population"] == 5 and held.version == 2  # ocha's version, as ocha signed it
    [proposal] = list_proposals(medaid.ws)
    assert proposal["id"] == resolved["proposal_id"] and proposal["feature"]["properties"]["population"] == 999


def _set_area(ws, org, area):
    with ws.transaction():
        ws.sql.execute("UPDATE humanops_partners SET area_of_responsibility = ? WHERE org_id = ?",
                   (shapely.to_geojson(area), org))


def test_an_area_of_responsibility_is_kept_by_export_rechecked_on_import_and_widening_it_sends_more(
        partners, tmp_path):
    from shapely.geometry import box

    from humanops.sharing import receivable

    ocha, medaid = partners["ocha"], partners["medaid"]
    inside = need(ocha.ws, "inside", Marking(tlp=TLP.GREEN, releasable_to=("medaid",)), 36.0, 33.0)
    outside = need(ocha.ws, "outside", Marking(tlp=TLP.GREEN, releasable_to=("medaid",)), 40.0, 35.0)
    for ws in (ocha.ws, medaid.ws):  # both sides know medaid's area
        _set_area(ws, "medaid", box(35.5, 32.5, 36.5, 33.5))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase, respect_aor=True)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    assert set(holdings(medaid.ws)) == {inside.uuid}
    # the area grows: the next incremental package carries what became receivable
    for ws in (ocha.ws, medaid.ws):
        _set_area(ws, "medaid", box(35.5, 32.5, 41, 36))
    export_package(ocha.ws, ["medaid"], tmp_path / "2.hopx", ocha.passphrase, respect_aor=True)
    assert import_package(medaid.ws, tmp_path / "2.hopx", medaid.passphrase).layers["need"] == {"inserted": 1}
    assert set(holdings(medaid.ws)) == {inside.uuid, outside.uuid}
    # a buggy exporter that says it kept to the area but did not: what lies outside is quarantined
    stray = need(ocha.ws, "stray", Marking(tlp=TLP.GREEN, releasable_to=("medaid",)), 20.0, 10.0)
    real = receivable.decide_many

    def ignores_the_area(frame, exporter, recipient, directory, now, **kw):
        return real(frame, exporter, recipient, directory, now)

    receivable.decide_many = ignores_the_area
    try:
        export_package(ocha.ws, ["medaid"], tmp_path / "3.hopx", ocha.passphrase, respect_aor=True)
    finally:
        receivable.decide_many = real
    result = import_package(medaid.ws, tmp_path / "3.hopx", medaid.passphrase)
    assert result.layers["need"] == {"quarantined": 1} and result.quarantined[0]["uuid"] == stray.uuid
    assert result.quarantined[0]["reason_code"] == "outside_aor"


def test_statements_no_feature_needs_are_not_kept(partners, tmp_path):
    """Each package brings a statement (megabytes for a large layer): a relay keeps only those
    that cover versions it holds."""
    ocha, medaid = partners["ocha"], partners["medaid"]
    a = need(ocha.ws, "a", Marking(tlp=TLP.GREEN, releasable_to=("medaid",)))
    need(ocha.ws, "b", Marking(tlp=TLP.GREEN, releasable_to=("medaid",)))

    def statements():
        return medaid.ws.connection.execute("SELECT count(*) FROM humanops_statements").fetchone()[0]

    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    assert statements() == 1
    export_package(ocha.ws, ["medaid"], tmp_path / "2.hopx", ocha.passphrase, full=True)  # nothing new
    import_package(medaid.ws, tmp_path / "2.hopx", medaid.passphrase)
    assert statements() == 1
    ocha.ws.update_feature("need", a.uuid, properties={"population": 1})
    export_package(ocha.ws, ["medaid"], tmp_path / "3.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "3.hopx", medaid.passphrase)
    assert statements() == 2  # b is still covered by the first, a by the new one
    ocha.ws.update_feature("need", next(f for f in ocha.ws.features("need") if f.uuid != a.uuid).uuid,
                           properties={"population": 2})
    export_package(ocha.ws, ["medaid"], tmp_path / "4.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "4.hopx", medaid.passphrase)
    assert statements() == 2  # the first covers nothing held any more


def test_the_map_filter_gives_the_exports_answer_for_a_feature_changed_here(partners, tmp_path):
    from humanops.sharing.layer_rows import read_rows
    from humanops.sharing.receivable import load_send_filter, with_signatures_checked

    ocha, medaid = partners["ocha"], partners["medaid"]
    a = need(ocha.ws, "site", Marking(tlp=TLP.GREEN, releasable_to=("medaid", "unhcr")))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    quick = load_send_filter(medaid.ws, "unhcr", check_signatures=False)
    assert quick("need", read_rows(medaid.ws, "need")).tolist() == [True]
    with medaid.ws.transaction():
        medaid.ws.sql.execute("UPDATE need SET name = 'renamed' WHERE uuid = ?", (a.uuid,))
    checked = with_signatures_checked(medaid.ws, quick)
    decisions = checked.decisions("need", read_rows(medaid.ws, "need"))
    assert decisions.reason_code.tolist() == ["changed_without_authority"]
    preview = preview_export(medaid.ws, ["unhcr"], full=True).to_dict()["recipients"]["unhcr"]["totals"]
    assert preview["withheld"] == {"changed_without_authority": 1}
