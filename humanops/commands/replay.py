"""``humanops replay``: the picture as this workspace recorded it at a past moment.

``replay --at ISO [--layer KIND ...] [--out FILE.geojson|.gpkg]`` counts (and with ``--out``
writes, like ``export``) each feature's version current at that moment, every feature marked
``as_recorded_at``; ``replay --list`` lists the moments something changed, with counts, for
stepping through them (the app's View › Replay… plays the same). Heavy imports stay in the
handler.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from humanops.commands.common import emit, finish_command, open_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "replay", help="the picture as recorded at a past moment (--at), or the moments it changed (--list)",
        description="Replay the workspace's history: the version of every feature current at a past moment, "
        "as this workspace recorded it (transaction time, not the features' validity windows).")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--at", metavar="ISO", help="the moment (ISO 8601; without a zone: UTC)")
    what.add_argument("--list", action="store_true", help="list the moments something changed, with counts")
    p.add_argument("--layer", metavar="KIND", action="append", dest="layers",
                   help="only this layer (repeat for several; default: every layer)")
    p.add_argument("--out", metavar="FILE", help="write the snapshot to FILE (.geojson or .gpkg), like export")
    finish_command(p, run_replay)


def run_replay(args: argparse.Namespace) -> int:
    from humanops.errors import UsageError
    from humanops.model.marking import parse_time

    layers = [name.strip() for value in (args.layers or []) for name in value.split(",") if name.strip()]
    if args.list and args.out:
        raise UsageError("--out writes a snapshot: give it with --at, not --list")
    at = parse_time(args.at, field="--at") if args.at else None
    workspace = open_workspace(args, team_database=True)
    try:
        for name in layers:
            workspace.kind(name)  # an unknown kind fails here, naming the known ones
        if args.list:
            return _list(args, workspace, layers or None)
        from humanops.formats.replay_snapshot import snapshot

        assert at is not None
        report = snapshot(workspace, at, layers=layers or None, out=args.out)
    finally:
        workspace.close()
    emit(args, report.to_dict(), report.summary())
    if report.written and report.warning:
        print(f"humanops: warning: {report.warning}", file=sys.stderr)
    return 0


def _list(args: argparse.Namespace, workspace: Any, layers: list[str] | None) -> int:
    from humanops.model.exercise import exercise_banner
    from humanops.store.history_view import HistoryView

    moments = HistoryView(workspace.connection, workspace.catalog).moments(layers)
    records = moments.to_records()
    document = {"workspace": str(workspace.path), "exercise": exercise_banner(workspace) or None,
                "moments": records}

    def text(doc: dict[str, Any]) -> str:
        if not doc["moments"]:
            return "No change recorded."
        lines = [f"{len(doc['moments'])} moment(s) with changes:"]
        lines += [f"  {m['at']}  {m['changes']:>6} change(s): +{m['inserts']} ~{m['updates']} -{m['deletes']}  "
                  f"{', '.join(m['layers'])}" for m in doc["moments"]]
        return "\n".join(lines)

    emit(args, document, text)
    return 0
