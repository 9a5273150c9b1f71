"""``humanops route``, ``humanops plan evacuation|aid|list|show`` and ``humanops roads check|import-osm``.

Route and plan commands are generated from their operations' typed parameters (see
``humanops/commands/analysis.py``), so they take the same input as the app's dialogs.
Places are ``lat,lon`` (latitude first, as most maps show them), a feature uuid or a facility name.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from humanops.commands.analysis import add_output_flags, operation_command, write_csv
from humanops.commands.common import action_group, emit, emit_rows, finish_command, num, open_workspace

if TYPE_CHECKING:
    from humanops.analysis.registry import OperationResult


# --------------------------------------------------------------------------- route


def _route_text(result: OperationResult) -> str:
    routes = result.summary["routes"]
    lines = []
    for route in routes:
        head = "route" if route["rank"] == 0 else f"alternative {route['rank']}"
        if route["status"] != "ok":
            lines.append(f"{head}: {route['message']}")
            continue
        lines.append(f"{head} ({route['mode']}): {route['message']}")
        lines.append(f"  snapped {num(route['start_snap_m'])} m from the start, {num(route['end_snap_m'])} m from "
                     f"the end; {len(route['roads'])} road segment(s)")
        for zone in route["zones"]:
            lines.append(f"  crosses {zone['name']!r} ({zone['hazard']}, severity {zone['severity']}) for "
                         f"{num(zone['length_m'])} m")
        for warning in route["warnings"]:
            lines.append(f"  ! {warning}")
    if result.summary.get("corridor"):
        risk = result.summary.get("corridor_risk")
        lines.append(f"saved as proposed corridor {result.summary['corridor']}"
                     + (f" (risk score {risk['risk_score']:.1f}/100, worst severity {risk['worst_severity']})"
                        if risk else ""))
    return "\n".join(lines)


# --------------------------------------------------------------------------- plans


def _plan_text(kind: str) -> Any:
    def text(result: OperationResult) -> str:
        from datetime import datetime

        if kind == "evacuation":
            from humanops.analysis.evacuation import EvacuationPlan

            plan = EvacuationPlan(datetime.fromisoformat(result.summary["at"]), result.tables["assignments"],
                                  result.tables["sources"], result.tables["shelters"], result.summary,
                                  result.summary.get("plan_id"))
        else:
            from humanops.analysis.aid_allocation import AidPlan

            plan = AidPlan(datetime.fromisoformat(result.summary["at"]), result.tables["shipments"],
                           result.tables["coverage"], result.tables["stocks"], result.summary,
                           result.summary.get("plan_id"))
        return plan.text()

    return text


def _run_plan_list(args: argparse.Namespace) -> int:
    from humanops.analysis.plans import list_plans

    with open_workspace(args, team_database=True) as ws:
        plans = list_plans(ws)
    emit_rows(args, "plans", plans,
              lambda p: f"{p['id']:>4}  {p['kind']:<10} {p['title'] or '':<32} made {p['created']}", "no plans saved")
    return 0


def _run_plan_show(args: argparse.Namespace) -> int:
    from humanops.analysis.plans import read_plan
    from humanops.commands.analysis import _records

    with open_workspace(args, team_database=True) as ws:
        plan, lines, outcomes = read_plan(ws, args.plan_id)
    if args.csv:
        write_csv(lines if args.table == "lines" else outcomes, args.csv)
    doc = {"plan": plan, "lines": _records(lines), "outcomes": _records(outcomes)}
    if args.csv and not args.json:
        print(f"wrote the plan's {args.table} to {args.csv}")
        return 0

    def text(_: Any) -> str:
        head = [f"plan {plan['id']}: {plan['title']} (made {plan['created']})"]
        head += [f"  {k}: {v}" for k, v in plan["summary"].items() if not isinstance(v, dict | list)]
        view = lines.drop(columns=["geometry", "plan_id"], errors="ignore")
        head.append(view.head(60).to_string(index=False) if len(view) else "(no movements)")
        return "\n".join(head)

    emit(args, doc, text)
    return 0


# --------------------------------------------------------------------------- roads


def _run_roads_check(args: argparse.Namespace) -> int:
    from humanops.analysis.road_graph import RoadGraph

    with open_workspace(args, team_database=True) as ws:
        graph = RoadGraph.from_workspace(ws)
    report = graph.noding.as_dict()
    report["problems"] = graph.noding.problems

    def text(d: dict[str, Any]) -> str:
        out = [f"{num(d['segments'])} road segments, {num(d['nodes'])} junctions/ends, {d['components']} connected "
               f"part(s) (largest: {d['largest_component_share']:.0%} of the segments)",
               f"  dangling ends: {num(d['dangling_ends'])}   near-miss junctions: {num(d['near_misses'])}   "
               f"degenerate: {d['degenerate']}   parallel: {d['parallel']}   one-way: {num(d['oneway'])}   "
               f"impassable: {num(d['impassable'])}"]
        for near in d["near_miss_sample"][:10]:
            this, other = (f"road {near[k]}" + (f" ({near[k + '_name']})" if near.get(k + "_name") else "")
                           for k in ("road", "other_road"))
            out.append(f"  near miss at {near['lat']},{near['lon']}: {near['gap_m']} m between {this} and {other}")
        for part in d["small_components_sample"][:10]:
            out.append(f"  separate part of {part['segments']} segment(s) at {part['lat']},{part['lon']}")
        out += [f"  ! {p}" for p in d["problems"]]
        return "\n".join(out)

    emit(args, report, text)
    return 0


def _run_import_osm(args: argparse.Namespace) -> int:
    from humanops.commands.analysis import cli_feedback
    from humanops.formats.osm_pbf import import_osm_roads

    feedback, done = cli_feedback()
    try:
        with open_workspace(args, team_database=True) as ws:
            report = import_osm_roads(ws, args.file, dry_run=args.dry_run, feedback=feedback)
    finally:
        done()
    doc = {**report.as_dict(), "dry_run": args.dry_run}

    def text(d: dict[str, Any]) -> str:
        verb = "would import" if d["dry_run"] else "imported"
        out = [f"{verb} {num(d['segments'])} road segments from {num(d['ways_kept'])} OSM ways ({d['file']})",
               "  " + ", ".join(f"{k}: {num(v)}" for k, v in sorted(d["by_class"].items()))]
        if d["skipped_highway"]:
            out.append("  skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(d["skipped_highway"].items())))
        if d["ways_without_locations"]:
            out.append(f"  {d['ways_without_locations']} way(s) had fewer than two nodes inside the extract")
        out.append("  data (c) OpenStreetMap contributors, ODbL")
        return "\n".join(out)

    emit(args, doc, text)
    return 0


# --------------------------------------------------------------------------- registration


def register(sub: argparse._SubParsersAction) -> None:
    route = operation_command(sub, "route", "route", positional=("start", "end"), table="routes", text=_route_text,
                              help="fastest, safest or shortest route around the danger zones")
    route.add_argument("--metric", dest="mode", metavar="VALUE", help="same as --mode")

    plans = action_group(sub, "plan", "evacuation and aid allocation plans", metavar="PLAN")
    operation_command(plans, "evacuation", "plan_evacuation", table="assignments", text=_plan_text("evacuation"),
                      help="who goes to which shelter by which road, within capacities")
    operation_command(plans, "aid", "plan_aid", table="shipments", text=_plan_text("aid"),
                      help="shipments from warehouse stocks to needs (priority first, then proportional)")
    p = plans.add_parser("list", help="the plans saved in the workspace")
    finish_command(p, _run_plan_list)
    p = plans.add_parser("show", help="a saved plan: its movements and outcomes")
    p.add_argument("plan_id", type=int, metavar="PLAN_ID")
    p.add_argument("--table", choices=("lines", "outcomes"), default="lines", help="table for --csv [default: lines]")
    add_output_flags(p)
    p.set_defaults(handler=_run_plan_show)

    rsub = action_group(sub, "roads", "the road network: import from OpenStreetMap, check its noding")
    p = rsub.add_parser("check", help="noding report: dangling ends, near-miss junctions, disconnected parts")
    finish_command(p, _run_roads_check)
    p = rsub.add_parser("import-osm", help="import the roads of an OpenStreetMap extract (.osm.pbf)")
    p.add_argument("file", metavar="FILE.osm.pbf")
    p.add_argument("--dry-run", action="store_true", help="read and report, change nothing")
    finish_command(p, _run_import_osm)

