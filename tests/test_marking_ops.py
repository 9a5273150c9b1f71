"""Bulk marking: selection, one transaction, protocol floor, no widening of partners' features."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from shapely.geometry import Point

from humanops.cli import main
from humanops.errors import SharingError, ValidationError, WorkspaceError
from humanops.feedback import Canceled, Feedback
from humanops.model.marking import TLP, Marking, Precision
from humanops.sharing.marking_ops import check_where, mark_features, widening
from humanops.sharing.protocol import adopt_protocol

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "isp" / "example.toml"


@pytest.fixture
def needs(workspace):
    """Six needs: four in SY01 (one of them medaid's), two in SY02."""
    uuids = []
    for i in range(6):
        f = workspace.add_feature(
            "need", Point(36 + i / 100, 33), {"name": f"site {i}", "population": 100 * (i + 1),
                                              "admin_code": "SY01" if i < 4 else "SY02"},
            marking=Marking(TLP.AMBER), originator="medaid" if i == 3 else None)
        uuids.append(f.uuid)
    return workspace, uuids


def markings(workspace):
    return {f.uuid: f.marking for f in workspace.features("need")}


def test_mark_by_filter_gives_each_selected_feature_a_new_version(needs):
    ws, uuids = needs
    report = mark_features(ws, "need", where="admin_code = 'SY02' AND population > 100", tlp="RED",
                           releasable_to="medaid,community:wash")
    assert (report.selected, report.changed, report.unchanged) == (2, 2, 0)
    assert set(report.uuids) == set(uuids[4:])
    for uid in uuids[4:]:
        f = ws.get_feature("need", uid)
        assert f.version == 2
        assert f.marking == Marking(TLP.RED, releasable_to=("medaid", "community:wash"))
        assert f.properties["name"].startswith("site")  # fields untouched
        assert ws.history("need", uid)[-1].marking == Marking(TLP.AMBER)
    assert all(ws.get_feature("need", u).version == 1 for u in uuids[:4])


def test_mark_by_ids_and_keep_other_parts(needs):
    ws, uuids = needs
    mark_features(ws, "need", ids=[uuids[0]], tlp="RED", releasable_to="medaid")
    mark_features(ws, "need", ids=[uuids[0], uuids[1]], expires="2030-01-01T00:00:00Z",
                  precision="grid:1000:k10")
    first = ws.get_feature("need", uuids[0]).marking
    assert first.tlp is TLP.RED and first.releasable_to == ("medaid",)
    assert first.expires == datetime(2030, 1, 1, tzinfo=UTC)
    assert first.precision == Precision.parse("grid:1000:k10")
    report = mark_features(ws, "need", ids=[uuids[0]], expires=None)
    assert ws.get_feature("need", uuids[0]).marking.expires is None
    assert report.changed == 1


def test_marking_that_changes_nothing_makes_no_new_version(needs):
    ws, _ = needs
    report = mark_features(ws, "need", all_features=True, tlp="AMBER")
    assert (report.selected, report.changed, report.unchanged) == (6, 0, 6)
    assert all(f.version == 1 for f in ws.features("need"))


def test_floor_violation_changes_nothing(needs, snapshot):
    ws, uuids = needs
    adopt_protocol(ws, EXAMPLE)
    mark_features(ws, "need", all_features=True, caveats="protection_sensitive", precision="grid:1000:k20")
    before = snapshot(ws.path)
    with pytest.raises(ValidationError) as info:
        mark_features(ws, "need", all_features=True, tlp="GREEN")
    assert info.value.layer == "need" and info.value.field == "tlp" and info.value.feature in uuids
    assert snapshot(ws.path) == before
    with pytest.raises(ValidationError, match="finer"):
        mark_features(ws, "need", where="population > 300", precision="exact")
    assert snapshot(ws.path) == before


def test_partners_feature_may_only_be_made_stricter(needs, snapshot):
    ws, uuids = needs
    medaids = uuids[3]
    mark_features(ws, "need", ids=[medaids], tlp="RED", caveats="no_onward_sharing",
                  precision="grid:1000")  # stricter: fine
    before = snapshot(ws.path)
    for change in ({"tlp": "GREEN"}, {"releasable_to": "civpro"}, {"precision": "exact"}, {"caveats": ""}):
        with pytest.raises(SharingError, match="received from medaid") as info:
            mark_features(ws, "need", all_features=True, **change)
        assert info.value.feature == medaids
        assert snapshot(ws.path) == before
    # our own features alone may be lowered
    report = mark_features(ws, "need", where="originator = 'ocha'", tlp="GREEN")
    assert report.changed == 5


@pytest.mark.parametrize("old,new,why", [
    (Marking(TLP.RED), Marking(TLP.AMBER), "TLP lowered"),
    (Marking(TLP.AMBER, releasable_to=("a",)), Marking(TLP.AMBER, releasable_to=("a", "b")), "add b"),
    (Marking(TLP.AMBER), Marking(TLP.AMBER, releasable_to=("b",)), "add b"),
    (Marking(caveats=("no_onward_sharing",)), Marking(), "removed"),
    (Marking(expires=datetime(2030, 1, 1, tzinfo=UTC)), Marking(), "removed"),
    (Marking(expires=datetime(2030, 1, 1, tzinfo=UTC)), Marking(expires=datetime(2031, 1, 1, tzinfo=UTC)), "later"),
    (Marking(precision=Precision.parse("grid:1000")), Marking(precision=Precision.parse("grid:100")), "finer"),
    (Marking(TLP.AMBER), Marking(TLP.RED, caveats=("no_onward_sharing",)), None),
    (Marking(TLP.AMBER, releasable_to=("a", "b")), Marking(TLP.AMBER, releasable_to=("a",)), None),
    (Marking(), Marking(expires=datetime(2030, 1, 1, tzinfo=UTC)), None),
])
def test_widening(old, new, why):
    reason = widening(old, new)
    assert (reason is None) if why is None else (why in reason)


@pytest.mark.parametrize("expression", [
    "admin_code = 'SY01'; DELETE FROM need",
    "load_extension('evil')",
    "fid IN (SELECT fid FROM need)",
    "population > 1 -- comment",
    "secret_column = 1",
    "name = \"name\" OR 1=1) UNION SELECT",
    "(population > 1",
    "population > 1)",
    "name || 'x' = 'y'",
    "",
])
def test_unsafe_or_unknown_filters_are_refused(needs, expression, snapshot):
    ws, _ = needs
    before = snapshot(ws.path)
    with pytest.raises(ValidationError) as info:
        mark_features(ws, "need", where=expression, tlp="RED")
    assert info.value.field == "where"
    assert snapshot(ws.path) == before


def test_safe_filters_pass():
    cols = ["name", "population", "admin_code", "tlp"]
    for expr in ("population BETWEEN 10 AND 200", "name LIKE 'Camp%' AND NOT admin_code IS NULL",
                 "admin_code IN ('SY01', 'SY02') OR tlp <> 'RED'", "\"population\" >= -5.5e2"):
        assert check_where(expr, cols) == expr


def test_filter_syntax_error_from_ogr_is_a_validation_error(needs):
    ws, _ = needs
    with pytest.raises(ValidationError, match="cannot be evaluated"):
        mark_features(ws, "need", where="population >", tlp="RED")


def test_bad_requests_are_refused(needs):
    ws, uuids = needs
    with pytest.raises(ValidationError, match="nothing to mark"):
        mark_features(ws, "need", all_features=True)
    with pytest.raises(ValidationError, match="exactly one"):
        mark_features(ws, "need", ids=[uuids[0]], where="1 = 1", tlp="RED")
    with pytest.raises(ValidationError) as info:
        mark_features(ws, "need", all_features=True, tlp="PURPLE")
    assert info.value.field == "tlp"
    with pytest.raises(ValidationError, match="unknown caveat"):
        mark_features(ws, "need", all_features=True, caveats="top_secret")
    with pytest.raises(WorkspaceError) as missing:
        mark_features(ws, "need", ids=[uuids[0], "no-such-uuid"], tlp="RED")
    assert missing.value.feature == "no-such-uuid"
    assert ws.get_feature("need", uuids[0]).version == 1  # the known one was not marked either


def test_cancel_rolls_everything_back(needs, snapshot):
    ws, _ = needs
    before = snapshot(ws.path)
    feedback = Feedback()
    feedback.cancel()
    with pytest.raises(Canceled):
        mark_features(ws, "need", where="originator = 'ocha'", tlp="RED", feedback=feedback)
    assert snapshot(ws.path) == before


def test_listeners_hear_of_the_bulk_change_once_committed(needs):
    ws, _ = needs
    heard = []
    ws.subscribe(heard.append)
    mark_features(ws, "need", where="admin_code = 'SY02'", tlp="RED")
    assert len(heard) == 2 and {c.layer for c in heard} == {"need"}


def test_cli_mark(needs, capsys):
    ws, uuids = needs
    path = str(ws.path)
    ws.close()
    code = main(["-w", path, "mark", "--layer", "need", "--where", "admin_code = 'SY02'", "--tlp", "AMBER+STRICT",
                 "--releasable-to", "medaid", "--json"])
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["changed"] == 2 and doc["changes"] == {"tlp": "AMBER+STRICT", "releasable_to": ["medaid"]}
    assert main(["-w", path, "mark", "--layer", "need", "--ids", uuids[0], "--caveats", "no_onward_sharing"]) == 0
    assert "1 marked" in capsys.readouterr().out
    assert main(["-w", path, "mark", "--layer", "need", "--all", "--tlp", "BLUE"]) == 1
    assert "field tlp" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["-w", path, "mark", "--layer", "need", "--tlp", "RED"])  # no selection
    assert usage.value.code == 2
