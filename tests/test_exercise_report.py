"""Decision timelines: latencies computed from known audit times (an oracle built in the test), the
sharing decisions listed, the HTML self-contained, and the report made from a played exercise."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta

import pytest
from test_exercise_injects import ORGS, T0, TIMELINE, _run, exercise, fast_kdf  # noqa: F401

from humanops.cli import main
from humanops.errors import FormatError
from humanops.scenario.exercise_report import (
    Event,
    Moment,
    Source,
    build_exercise_report,
    read_audit_csv,
    render_report_html,
)
from humanops.scenario.inject_player import Delivery, PlayRecord
from humanops.scenario.injects import read_timeline
from humanops.store.workspace import Workspace

WALL0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # the wall clock when the exercise started
SPEED = 6  # scenario minutes per wall minute in the oracle
MIN = timedelta(minutes=1)


def _wall(scenario_minutes: float) -> datetime:
    return WALL0 + scenario_minutes * MIN / SPEED


def _scenario(minutes: float) -> datetime:
    return T0 + minutes * MIN


def _audit_row(seq: int, action: str, minutes: float, **fields) -> dict[str, str]:
    detail = {"exercise_time": _scenario(minutes).isoformat().replace("+00:00", "Z"), **fields.pop("detail", {})}
    return {"seq": str(seq), "at": _wall(minutes).isoformat().replace("+00:00", "Z"), "action": action,
            "counterpart": fields.get("counterpart", ""), "package_id": fields.get("package_id", ""),
            "payload_sha256": "", "counts": json.dumps(fields.get("counts", {})), "detail": json.dumps(detail)}


def _write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["seq", "at", "action", "counterpart", "package_id",
                                                    "payload_sha256", "counts", "detail"])
        writer.writeheader()
        for row in rows:
            writer.writerow(row)


def _controller() -> Source:
    """The controller played 'flood' 2 scenario minutes late (T+00:32), 'checkpoint' on time."""
    record = {
        "flood": PlayRecord("flood", "played", _scenario(32), _wall(32), "danger_zone:zone-1", [
            Delivery("alpha", "imported", package_id="pkg-flood-alpha", included=True),
            Delivery("beta", "imported", package_id="pkg-flood-beta", included=True)]),
        "checkpoint": PlayRecord("checkpoint", "played", _scenario(45), _wall(45), "danger_zone:zone-2", [
            Delivery("alpha", "imported", package_id="pkg-cp-alpha", included=True),
            Delivery("beta", "imported", package_id="pkg-cp-beta", included=False, withheld={"not_releasable": 1})]),
        "call": PlayRecord("call", "played", _scenario(75), _wall(75), "", [Delivery("alpha", "alert")]),
    }
    return Source("ctrl", "ex-ctrl.gpkg", "workspace", [], "hash chain verified", T0, "River exercise", record)


def test_latencies_follow_from_known_audit_times(tmp_path):
    timeline = read_timeline(_injects(tmp_path))
    # alpha hands over its workspace: its audit events, an alert on the zone, a plan
    alpha_events = [
        Event("import", Moment(_scenario(40), _wall(40)), package_id="pkg-flood-alpha", counterpart="ctrl"),
        Event("alert", Moment(_scenario(40), _wall(40)), subject="corridor:c1", features=("c1", "zone-1"),
              acknowledged=Moment(_scenario(52), _wall(52))),
        Event("plan", Moment(_scenario(70), _wall(70)), subject="evacuation"),
        Event("export", Moment(_scenario(90), _wall(90)), counterpart="beta",
              counts={"recipients": {"beta": {"withheld": {"not_releasable": 3}}}}),
        Event("import", Moment(_scenario(46), _wall(46)), package_id="pkg-cp-alpha", counterpart="ctrl"),
        Event("alert", Moment(_scenario(75), _wall(75)), subject="inject:call",
              acknowledged=Moment(_scenario(81), _wall(81))),
    ]
    alpha = Source("alpha", "ex-alpha.gpkg", "workspace", alpha_events, "hash chain verified", T0)
    # beta hands over only its audit CSV
    beta_csv = tmp_path / "beta.csv"
    _write_csv(beta_csv, [
        _audit_row(1, "import", 0, counterpart="ctrl", detail={}) | {"detail": json.dumps({"sequence": 1})},  # before
        _audit_row(2, "import", 62, counterpart="ctrl", package_id="pkg-flood-beta"),
        _audit_row(3, "export", 100, counterpart="alpha", counts={"recipients": {"alpha": {"withheld": {}}}}),
        _audit_row(4, "import", 101, counterpart="alpha", package_id="x",
                   detail={"quarantined": ["need:u1:tlp_red_not_named"]}),
    ])
    beta = read_audit_csv(str(beta_csv), "beta")
    assert len(beta.events) == 3  # the entry from before the exercise (no exercise_time) is not one of it

    report = build_exercise_report(timeline, [_controller(), alpha, beta])
    flood = {o.org: o for o in report.injects[0].organisations}
    lat = flood["alpha"].latencies
    assert lat["seen"].scenario == 8 * MIN and lat["seen"].wall == 8 * MIN / SPEED  # 40 - 32
    assert lat["alert"].scenario == 8 * MIN
    assert lat["acknowledged"].scenario == 20 * MIN  # 52 - 32
    assert lat["decided"].scenario == 38 * MIN and lat["decided"].wall == 38 * MIN / SPEED  # 70 - 32
    assert lat["informed"].scenario == 58 * MIN  # 90 - 32
    lat = flood["beta"].latencies
    assert lat["seen"].scenario == 30 * MIN and lat["seen"].wall == 5 * MIN  # 62 - 32, at ×6
    assert lat["informed"].scenario == 68 * MIN  # 100 - 32
    assert lat["decided"].scenario is None and "audit CSV" in flood["beta"].note

    checkpoint = {o.org: o for o in report.injects[1].organisations}
    assert checkpoint["alpha"].latencies["seen"].scenario == 1 * MIN
    assert checkpoint["beta"].status == "withheld" and "not_releasable" in checkpoint["beta"].note

    call = {o.org: o for o in report.injects[3].organisations}
    assert call["alpha"].latencies["seen"].scenario == timedelta(0)
    assert call["alpha"].latencies["acknowledged"].scenario == 6 * MIN
    assert call["beta"].status == "not sent"

    closed = {o.org: o for o in report.injects[2].organisations}  # not in the record: taken as played when due
    assert report.injects[2].state.startswith("not recorded") and closed["alpha"].latencies["seen"].scenario is None

    decisions = {(d.org, d.what, d.counterpart): d for d in report.sharing}
    assert decisions[("alpha", "withheld", "beta")].reasons == {"not_releasable": 3}
    assert "releasable to" in decisions[("alpha", "withheld", "beta")].words
    assert decisions[("beta", "quarantined", "alpha")].reasons == {"tlp_red_not_named": 1}

    page = render_report_html(report)
    assert "EXERCISE — River exercise" in page and "<svg" in page and "0:08:00 / 0:01:20" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "<script" not in page
    assert "not verified" in page


def test_a_report_needs_a_participant_and_a_start(tmp_path):
    timeline = read_timeline(_injects(tmp_path))
    with pytest.raises(FormatError, match="no participant"):
        build_exercise_report(timeline, [_controller()])
    alone = Source("alpha", "a.csv", "csv", [], "not verified")
    with pytest.raises(FormatError, match="--start"):
        build_exercise_report(timeline, [alone])
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FormatError, match="not an audit CSV"):
        read_audit_csv(str(bad), "x")


def _injects(tmp_path):
    path = tmp_path / "injects.toml"
    path.write_text(TIMELINE, encoding="utf-8")
    return path


def test_report_of_a_played_exercise_html_and_pdf(exercise, capsys, qapp):  # noqa: F811
    # qapp: the PDF uses pytest-qt's QApplication, not a QGuiApplication of its own that later UI tests trip on
    from humanops.analysis.triggers import acknowledge, list_alerts
    from humanops.sharing.exchange_export import export_package

    tmp_path, paths, injects = exercise
    assert main(_run(tmp_path, paths, injects)) == 0
    capsys.readouterr()
    with Workspace.open(paths["alpha"]) as alpha:  # alpha acknowledges the call and informs beta
        (alert,) = list_alerts(alpha)
        acknowledge(alpha, alert.id)
        export_package(alpha, ["beta"], tmp_path / "alpha-to-beta.hopx", "passphrase of alpha")
    out = tmp_path / "report.html"
    assert main(["exercise", "report", "--audit", str(paths["alpha"]), str(paths["beta"]), str(paths["ctrl"]),
                 "--injects", str(injects), "--out", str(out), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc["organisations"]) == {"alpha", "beta"} and doc["controller"] == "ctrl"
    flood = doc["injects"][0]["organisations"]
    assert flood["alpha"]["status"] == "seen" and flood["alpha"]["seen"]["scenario_s"] >= 0
    assert flood["alpha"]["informed"]["scenario_s"] > flood["alpha"]["seen"]["scenario_s"]
    assert doc["injects"][1]["organisations"]["beta"]["status"] == "withheld"
    assert doc["injects"][3]["organisations"]["alpha"]["acknowledged"]["scenario_s"] >= 0
    page = out.read_text(encoding="utf-8")
    assert "hash chain verified" in page and "EXERCISE — River exercise" in page
    pdf = tmp_path / "report.pdf"
    assert main(["exercise", "report", "--audit", str(paths["alpha"]), str(paths["beta"]), "--controller",
                 str(paths["ctrl"]), "--injects", str(injects), "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
