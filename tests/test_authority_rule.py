"""Property tests of the authority rule and of restrictions (hypothesis).

The oracle states who may change a feature in plain words, written apart from
``humanops.sharing.authority`` (DESIGN.md, "the second rule"): the originator may do anything
to its own feature; an editor the originator named may change fields and geometry only; a
feature first seen must come from its originator; the originator never changes; anyone
else's change is a proposal.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_policy_properties import NOW, ORGS, directories, feature, markings_st

from humanops.model.marking import TLP, Marking
from humanops.sharing.authority import ALLOW, PROPOSE, REFUSE, Change, Held, may_change
from humanops.sharing.marking_ops import widening
from humanops.sharing.policy import WITHHOLD, may_receive

ORG = st.sampled_from(ORGS)


def oracle(held: Held | None, change: Change) -> str:
    if not change.author:
        return REFUSE
    if held is None:
        return ALLOW if change.author == change.originator else REFUSE
    if change.originator != held.originator:
        return REFUSE
    if change.author == held.originator:
        return ALLOW
    only_fields = not (change.deleted or change.marking_changed or change.editors_changed)
    if change.author in held.editors and only_fields:
        return ALLOW
    return PROPOSE


held_st = st.one_of(st.none(), st.builds(Held, ORG, st.lists(ORG, max_size=3, unique=True).map(tuple)))
change_st = st.builds(Change, ORG, st.one_of(ORG, st.just("")), st.booleans(), st.booleans(), st.booleans())


@settings(max_examples=3000, deadline=None)
@given(held_st, change_st)
def test_authority_matches_the_oracle(held, change):
    assert may_change(held, change).action == oracle(held, change)


@settings(max_examples=500, deadline=None)
@given(held_st, change_st)
def test_nobody_but_the_originator_deletes_or_marks(held, change):
    decision = may_change(held, change)
    if decision.allowed and held is not None and (change.deleted or change.marking_changed):
        assert change.author == held.originator


@settings(max_examples=2000, deadline=None)
@given(directories(), markings_st, markings_st, ORG, ORG, ORG)
def test_a_restriction_never_reaches_anyone_the_originators_marking_excludes(directory_case, original, restriction,
                                                                             originator, relay, recipient):
    """A relay's stricter marking (widening() finds nothing looser) lets through a subset of
    what the originator's marking lets through, for every recipient."""
    directory, _, _ = directory_case
    # a restriction is a relay's; the originator sets its own marking freely (GREEN to AMBER
    # with nobody named is the originator choosing its recipients, not a restriction)
    assume(relay != originator)
    if widening(original, restriction) is not None:
        return
    strict = may_receive(feature(restriction, originator), relay, recipient, directory, NOW)
    signed = may_receive(feature(original, originator), relay, recipient, directory, NOW)
    if strict.action != WITHHOLD:
        assert signed.action != WITHHOLD, (strict.reason_code, signed.reason_code)


def test_a_lower_tlp_is_a_widening():
    assert widening(Marking(tlp=TLP.RED, releasable_to=("medaid",)), Marking(tlp=TLP.CLEAR))
    assert widening(Marking(tlp=TLP.AMBER), Marking(tlp=TLP.RED)) is None


def test_clearing_a_green_list_is_a_widening():
    """Found by the property above: at GREEN an empty list means every community of the
    originator, so GREEN [ocha] to GREEN [] would reach more organisations."""
    assert widening(Marking(tlp=TLP.GREEN, releasable_to=("ocha",)), Marking(tlp=TLP.GREEN))
    assert widening(Marking(tlp=TLP.AMBER, releasable_to=("ocha",)), Marking(tlp=TLP.AMBER)) is None
