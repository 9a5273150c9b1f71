"""A product made for an audience holds what the sharing policy lets it see, as export decides:
withheld features left out (counted by reason), generalised ones only generalised, the banner the
highest TLP inside."""

from __future__ import annotations

import pytest
from test_exchange_roundtrip import ORGS, expected_from, fast_kdf, partners, seed_ocha  # noqa: F401

from humanops.errors import SharingError
from humanops.model.marking import TLP
from humanops.sharing.audience import INTERNAL, audience_view, require_known


@pytest.mark.parametrize("audience", ["medaid", "unhcr"])
def test_a_partner_sees_exactly_what_the_policy_lets_it_receive(partners, audience):  # noqa: F811
    ocha = partners["ocha"]
    made = seed_ocha(ocha.ws)
    expected = expected_from(ocha, audience)
    view = audience_view(ocha.ws, audience, layers=["need", "danger_zone", "corridor"])
    exact = {u for layer in view.layers.values() for u in layer.frame.loc[layer.frame["generalised"].isna(), "uuid"]}
    assert exact == {u for u, d in expected.items() if d.action == "allow"}
    generalised = {u for u, d in expected.items() if d.action == "generalise"}
    needs = view.layers["need"]
    if generalised:   # never the exact feature: an aggregate (its own identity), or suppressed as too small
        assert not generalised & exact
        assert needs.generalised or needs.withheld.get("suppressed_small_group")
    withheld = {u for u, d in expected.items() if d.action == "withhold"}
    by_policy = sum(n for layer in view.layers.values() for code, n in layer.withheld.items()
                    if code != "suppressed_small_group")
    assert by_policy == len(withheld) and "road" not in {made[k].kind for k in made if made[k].uuid in withheld}
    held = [TLP.parse(t) for layer in view.layers.values() for t in layer.frame["tlp"]]
    assert view.highest_tlp == max(held)


def test_internal_holds_everything_and_an_unknown_audience_is_refused(partners):  # noqa: F811
    ocha = partners["ocha"]
    seed_ocha(ocha.ws)
    view = audience_view(ocha.ws, INTERNAL, layers=["need"])
    assert len(view.layers["need"].frame) == ocha.ws.count("need") and view.highest_tlp == TLP.RED
    with pytest.raises(SharingError, match="not in the partner directory"):
        audience_view(ocha.ws, "nobody")
    with pytest.raises(SharingError, match="nothing to show"):
        require_known(audience_view(ocha.ws, "unhcr", layers=["incident"]))
