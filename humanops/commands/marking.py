"""``humanops mark`` (bulk marking) and ``humanops isp adopt|show`` (information sharing protocol)."""

from __future__ import annotations

import argparse
from typing import Any

from humanops.commands.common import action_group, emit, finish_command, open_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "mark", help="set the marking of many features at once (one transaction)",
        description="Set parts of the marking of the selected features; parts not given stay as "
        "they are. Refused (changing nothing) below the adopted protocol's floor, or when it would "
        "widen a feature received from another originator.")
    p.add_argument("--layer", required=True, metavar="KIND", help="layer kind, e.g. need")
    select = p.add_mutually_exclusive_group(required=True)
    select.add_argument("--where", metavar="EXPR",
                        help="filter, e.g. \"admin_code = 'SY0101' AND population > 100\"")
    select.add_argument("--ids", nargs="+", metavar="UUID", help="features by uuid")
    select.add_argument("--all", action="store_true", help="every feature of the layer")
    p.add_argument("--tlp", help="CLEAR, GREEN, AMBER, AMBER+STRICT or RED")
    p.add_argument("--releasable-to", metavar="IDS",
                   help="comma-separated organisation/community ids ('' clears)")
    p.add_argument("--caveats", metavar="LIST", help="comma-separated caveats ('' clears), e.g. no_onward_sharing")
    p.add_argument("--expires", metavar="ISO", help="ISO 8601 date/time, or 'none' to remove the expiry")
    p.add_argument("--precision", help="exact, grid:METRES[:kN] or admin:FIELD[:kN]")
    finish_command(p, run_mark)

    isp = action_group(sub, "isp", "the response's information sharing protocol")
    a = isp.add_parser("adopt", help="validate an ISP file (TOML) and adopt it in the workspace")
    a.add_argument("file", help="information sharing protocol, e.g. resources/isp/example.toml")
    finish_command(a, run_isp_adopt)
    s = isp.add_parser("show", help="the adopted protocol: default markings and floors per kind")
    finish_command(s, run_isp_show)


def run_mark(args: argparse.Namespace) -> int:
    from humanops.sharing.marking_ops import KEEP, mark_features

    def given(value: Any) -> Any:
        return KEEP if value is None else value

    with open_workspace(args, team_database=True) as ws:
        report = mark_features(
            ws, args.layer, where=args.where, ids=args.ids, all_features=args.all,
            tlp=given(args.tlp), releasable_to=given(args.releasable_to), caveats=given(args.caveats),
            expires=given(args.expires), precision=given(args.precision))
    emit(args, report.to_dict(), lambda _: report.summary())
    return 0


def _protocol_text(doc: dict[str, Any]) -> str:
    if doc.get("protocol") is None:
        return "no information sharing protocol adopted (kinds use their own default markings)"
    p = doc["protocol"]
    lines = [f"{p['name']}" + (f" — {p['response']}" if p.get("response") else "")
             + (f" (version {p['version']})" if p.get("version") else "")]
    for kind, rule in p["kinds"].items():
        d = rule["default"]
        extra = []
        if rule["min_precision"] != "exact":
            extra.append(f"min precision {rule['min_precision']}")
        if rule["required_caveats"]:
            extra.append(f"requires {', '.join(rule['required_caveats'])}")
        lines.append(f"  {kind:<12} default TLP:{d['tlp']} {d['precision']}"
                     + (f" to {d['releasable_to']}" if d["releasable_to"] else "")
                     + (f" [{d['caveats']}]" if d["caveats"] else "")
                     + f"; floor TLP:{rule['floor']}" + (f"; {'; '.join(extra)}" if extra else ""))
    for kind, n in doc.get("below_floor", {}).items():
        lines.append(f"  warning: {n} {kind} feature(s) are marked below the floor (humanops mark to fix)")
    return "\n".join(lines)


def run_isp_adopt(args: argparse.Namespace) -> int:
    from humanops.sharing.protocol import adopt_protocol, below_floor

    with open_workspace(args, team_database=True) as ws:
        protocol = adopt_protocol(ws, args.file)
        doc = {"adopted": True, "protocol": protocol.to_dict(), "below_floor": below_floor(ws, protocol)}
    emit(args, doc, lambda d: "adopted: " + _protocol_text(d))
    return 0


def run_isp_show(args: argparse.Namespace) -> int:
    from humanops.sharing.protocol import adopted_protocol, below_floor

    with open_workspace(args, team_database=True) as ws:
        protocol = adopted_protocol(ws)
        doc: dict[str, Any] = {"protocol": None if protocol is None else protocol.to_dict()}
        if protocol is not None:
            doc["below_floor"] = below_floor(ws, protocol)
    emit(args, doc, _protocol_text)
    return 0
