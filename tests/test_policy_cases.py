"""Known answers of the sharing policy, as a table a reviewer can read line by line.

The directory: ocha and medaid are in the WASH community, shelternet in Health, medaid also
in Health; civpro is in none; revoked's key was revoked yesterday. Medaid's area of
responsibility is the box 36.0–36.2 E, 33.0–33.2 N.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from shapely.geometry import Point, box

from humanops.model import Feature
from humanops.model.marking import TLP, Marking, Precision
from humanops.sharing.directory import Community, Directory, Organisation
from humanops.sharing.policy import decide_many, may_receive

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
WASH, HEALTH = "community:wash", "community:health"
DIRECTORY = Directory(
    [
        Organisation("ocha", "OCHA", communities=(WASH,)),
        Organisation("medaid", "MedAid", communities=(WASH,), area_of_responsibility=box(36.0, 33.0, 36.2, 33.2)),
        Organisation("shelternet", "ShelterNet"),
        Organisation("civpro", "Civil Protection"),
        Organisation("revoked", "Revoked Org", communities=(WASH,), revoked_at=NOW - timedelta(days=1)),
    ],
    [Community(HEALTH, "Health cluster", ("shelternet", "medaid"))],
)
GRID = "grid:1000:k5"

# tlp, releasable_to, caveats, precision, expires (hours from now), originator, exporter, recipient,
# expected action, expected reason_code
CASES = [
    # CLEAR: anyone, also unknown organisations, also onward
    ("CLEAR", "", "", "exact", None, "ocha", "ocha", "civpro", "allow", "clear"),
    ("CLEAR", "", "", "exact", None, "ocha", "ocha", "nobody-we-know", "allow", "clear"),
    ("CLEAR", "", "", "exact", None, "ocha", "medaid", "civpro", "allow", "clear"),
    ("CLEAR", "", "no_onward_sharing", "exact", None, "ocha", "medaid", "civpro", "withhold", "no_onward_sharing"),
    ("CLEAR", "", "", "exact", None, "ocha", "ocha", "revoked", "allow", "clear"),
    # GREEN: the originator's communities, or the communities/organisations it names
    ("GREEN", "", "", "exact", None, "ocha", "ocha", "medaid", "allow", "community"),
    ("GREEN", "", "", "exact", None, "ocha", "ocha", "shelternet", "withhold", "no_shared_community"),
    ("GREEN", "", "", "exact", None, "ocha", "medaid", "shelternet", "withhold", "no_shared_community"),
    ("GREEN", "", "", "exact", None, "shelternet", "shelternet", "medaid", "allow", "community"),
    ("GREEN", HEALTH, "", "exact", None, "ocha", "ocha", "shelternet", "allow", "named"),
    ("GREEN", HEALTH, "", "exact", None, "ocha", "ocha", "civpro", "withhold", "not_releasable"),
    ("GREEN", "community:unknown", "", "exact", None, "ocha", "ocha", "medaid", "withhold", "not_releasable"),
    ("GREEN", "", "", "exact", None, "ocha", "ocha", "revoked", "withhold", "recipient_revoked"),
    # AMBER: named organisations; with no names, whoever the originator sends it to
    ("AMBER", "", "", "exact", None, "ocha", "ocha", "civpro", "allow", "chosen_by_originator"),
    ("AMBER", "", "", "exact", None, "ocha", "medaid", "civpro", "withhold", "originator_limit"),
    ("AMBER", "medaid", "", "exact", None, "ocha", "ocha", "civpro", "withhold", "not_releasable"),
    ("AMBER", "medaid,civpro", "", "exact", None, "ocha", "medaid", "civpro", "allow", "named"),
    ("AMBER", WASH, "", "exact", None, "ocha", "ocha", "medaid", "allow", "named"),
    ("AMBER", WASH, "", "exact", None, "ocha", "medaid", "shelternet", "withhold", "not_releasable"),
    ("AMBER", WASH, "no_onward_sharing", "exact", None, "ocha", "medaid", "ocha", "allow", "originator"),
    # AMBER+STRICT and RED: named directly, never passed on
    ("AMBER+STRICT", "medaid", "", "exact", None, "ocha", "ocha", "medaid", "allow", "named"),
    ("AMBER+STRICT", WASH, "", "exact", None, "ocha", "ocha", "medaid", "withhold", "tlp_amber_strict_not_named"),
    ("AMBER+STRICT", "medaid,civpro", "", "exact", None, "ocha", "medaid", "civpro", "withhold",
     "onward_amber_strict"),
    ("RED", "", "", "exact", None, "ocha", "ocha", "medaid", "withhold", "tlp_red_not_named"),
    ("RED", "medaid", "", "exact", None, "ocha", "ocha", "medaid", "allow", "named"),
    ("RED", WASH, "", "exact", None, "ocha", "ocha", "medaid", "withhold", "tlp_red_not_named"),
    ("RED", "medaid,civpro", "", "exact", None, "ocha", "medaid", "civpro", "withhold", "onward_red"),
    ("RED", "medaid", "", "exact", None, "ocha", "medaid", "ocha", "allow", "originator"),
    # expiry: at the moment of expiry it no longer leaves, not even to the originator
    ("CLEAR", "", "", "exact", 0, "ocha", "ocha", "civpro", "withhold", "expired"),
    ("RED", "medaid", "", "exact", -1, "ocha", "ocha", "medaid", "withhold", "expired"),
    ("RED", "medaid", "", "exact", -1, "ocha", "medaid", "ocha", "withhold", "expired"),
    ("AMBER", "medaid", "", "exact", 1, "ocha", "ocha", "medaid", "allow", "named"),
    # precision: exact for those named directly, generalised for the others
    ("AMBER", WASH, "", GRID, None, "ocha", "ocha", "medaid", "generalise", "precision"),
    ("AMBER", "medaid", "", GRID, None, "ocha", "ocha", "medaid", "allow", "named"),
    ("AMBER", "", "", GRID, None, "ocha", "ocha", "civpro", "generalise", "precision"),
    ("CLEAR", "", "", "admin:admin_code", None, "ocha", "ocha", "civpro", "generalise", "precision"),
    ("GREEN", "", "", GRID, None, "ocha", "medaid", "ocha", "allow", "originator"),
    ("RED", "medaid", "", GRID, None, "ocha", "ocha", "medaid", "allow", "named"),
    # an empty originator is the exporter's own feature
    ("AMBER", "", "", "exact", None, "", "ocha", "civpro", "allow", "chosen_by_originator"),
]


def _feature(tlp, releasable_to, caveats, precision, expires_h, originator, geometry=None):
    marking = Marking(
        tlp=TLP.parse(tlp), releasable_to=tuple(p for p in releasable_to.split(",") if p),
        caveats=tuple(c for c in caveats.split(",") if c), precision=Precision.parse(precision),
        expires=None if expires_h is None else NOW + timedelta(hours=expires_h))
    return Feature("need", geometry or Point(36.1, 33.1), {}, marking, originator=originator)


@pytest.mark.parametrize(
    "tlp,releasable_to,caveats,precision,expires_h,originator,exporter,recipient,action,code", CASES,
    ids=[f"{c[0]}-{c[1] or '_'}-{c[2] or '_'}-{c[3]}-{c[5] or '_'}>{c[6]}>{c[7]}" for c in CASES])
def test_known_case(tlp, releasable_to, caveats, precision, expires_h, originator, exporter, recipient,
                    action, code):
    feature = _feature(tlp, releasable_to, caveats, precision, expires_h, originator)
    decision = may_receive(feature, exporter, recipient, DIRECTORY, NOW)
    assert (decision.action, decision.reason_code) == (action, code), decision.reason
    assert decision.reason  # always a sentence to show
    if action == "generalise":
        assert decision.precision == Precision.parse(precision)
    else:
        assert decision.precision is None


def test_decide_many_agrees_with_the_table():
    import pandas as pd

    for exporter in ("ocha", "medaid"):
        for recipient in ("medaid", "civpro", "ocha"):
            rows = [c for c in CASES if c[6] == exporter]
            features = [_feature(*c[:6]) for c in rows]
            frame = pd.DataFrame([{**f.marking.to_columns(), "originator": f.originator} for f in features])
            many = decide_many(frame, exporter, recipient, DIRECTORY, NOW)
            for i, f in enumerate(features):
                assert many[i] == may_receive(f, exporter, recipient, DIRECTORY, NOW)


def test_reason_names_the_rule_for_the_user():
    d = may_receive(_feature("RED", "", "", "exact", None, "ocha"), "ocha", "medaid", DIRECTORY, NOW)
    assert d.reason == "TLP:RED: recipient is not named in releasable_to"


@pytest.mark.parametrize("where,respect,action,code", [
    (Point(36.1, 33.1), True, "allow", "named"),
    (Point(36.5, 33.5), True, "withhold", "outside_aor"),
    (Point(36.5, 33.5), False, "allow", "named"),
    (box(36.15, 33.15, 36.6, 33.6), True, "allow", "named"),  # crosses the area's edge
])
def test_area_of_responsibility(where, respect, action, code):
    feature = _feature("AMBER", "medaid", "", "exact", None, "ocha", geometry=where)
    d = may_receive(feature, "ocha", "medaid", DIRECTORY, NOW, respect_aor=respect)
    assert (d.action, d.reason_code) == (action, code)


def test_area_of_responsibility_never_lets_through_what_the_marking_withholds():
    feature = _feature("RED", "", "", "exact", None, "ocha", geometry=Point(36.1, 33.1))
    d = may_receive(feature, "ocha", "medaid", DIRECTORY, NOW, respect_aor=True)
    assert d.reason_code == "tlp_red_not_named"


def test_recipient_without_area_gets_everything_it_may():
    feature = _feature("AMBER", "civpro", "", "exact", None, "ocha", geometry=Point(10, 10))
    assert may_receive(feature, "ocha", "civpro", DIRECTORY, NOW, respect_aor=True).action == "allow"


def test_tombstone_without_geometry_follows_its_marking():
    tombstone = Feature("need", None, {}, Marking(TLP.AMBER, releasable_to=("medaid",)), originator="ocha",
                        deleted=True)
    assert may_receive(tombstone, "ocha", "medaid", DIRECTORY, NOW, respect_aor=True).action == "allow"
    assert may_receive(tombstone, "ocha", "civpro", DIRECTORY, NOW).action == "withhold"


def test_naive_now_is_taken_as_utc():
    feature = _feature("CLEAR", "", "", "exact", 1, "ocha")
    assert may_receive(feature, "ocha", "civpro", DIRECTORY, NOW.replace(tzinfo=None)).action == "allow"
    later = (NOW + timedelta(hours=2)).replace(tzinfo=None)
    assert may_receive(feature, "ocha", "civpro", DIRECTORY, later).action == "withhold"


def test_decide_many_withholds_blank_or_missing_markings():
    import pandas as pd

    frame = pd.DataFrame({"tlp": ["CLEAR", None, "", "CLEAR", "CLEAR"],
                          "precision": ["exact", "exact", "exact", "", "grid:nope"],
                          "expires": [None, None, None, None, None], "originator": "ocha"})
    many = decide_many(frame, "ocha", "civpro", DIRECTORY, NOW)
    assert many.reason_code.tolist() == ["clear"] + ["unknown_marking"] * 4
    no_columns = decide_many(pd.DataFrame({"originator": ["ocha"]}), "ocha", "civpro", DIRECTORY, NOW)
    assert no_columns.action.tolist() == ["withhold"]
    bad_expiry = decide_many(frame.iloc[:1].assign(expires="next tuesday"), "ocha", "civpro", DIRECTORY, NOW)
    assert bad_expiry.reason_code.tolist() == ["unknown_marking"]
