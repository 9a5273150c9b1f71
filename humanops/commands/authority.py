"""Authority from the command line: edit a feature (or propose the edit to its originator),
decide proposals, name editors. Every path asks the one authority rule
(:mod:`humanops.sharing.authority`), as the app does."""

from __future__ import annotations

import argparse

from humanops.commands.common import action_group, emit, emit_rows, finish_command, open_workspace
from humanops.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("edit", help="change a feature's fields, or delete it: our own feature gets a new "
                                    "version, anyone else's becomes our proposal to its originator")
    p.add_argument("uuid", help="feature uuid")
    p.add_argument("--layer", required=True, help="layer kind")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   help="a field's new value (empty clears it); repeat for several")
    p.add_argument("--delete", action="store_true", help="delete the feature (or propose its deletion)")
    finish_command(p, run_edit)

    proposals = action_group(sub, "proposals", "changes proposed by someone else than a feature's originator")
    q = proposals.add_parser("list", help="open proposals (ours and received) and what they change")
    q.add_argument("--all", action="store_true", help="also decided, forwarded and withdrawn ones")
    finish_command(q, run_proposals_list)
    for name, help_text in (("accept", "accept: on our feature it becomes our new version; on someone else's, "
                                       "our own proposal to its originator"),
                            ("reject", "reject: close it, nothing changes"),
                            ("withdraw", "take back one of our own open proposals")):
        q = proposals.add_parser(name, help=help_text)
        q.add_argument("id", type=int, help="proposal id (see proposals list)")
        finish_command(q, run_proposals_decide, decision=name)

    editors = action_group(sub, "editors", "organisations we name to edit our features with us")
    q = editors.add_parser("set", help="name the editors of our features (a new version of each); no ORG clears")
    q.add_argument("orgs", nargs="*", metavar="ORG")
    q.add_argument("--layer", required=True, help="layer kind")
    q.add_argument("--ids", nargs="+", metavar="UUID", help="only these features (default: the layer's default "
                                                            "for all our features in it)")
    finish_command(q, run_editors_set)
    q = editors.add_parser("show", help="the editors of one feature")
    q.add_argument("uuid")
    q.add_argument("--layer", required=True)
    finish_command(q, run_editors_show)


def run_edit(args: argparse.Namespace) -> int:
    from humanops.commands.sharing import _assignments
    from humanops.sharing.proposals import edit_feature

    changes = _assignments(args.set)
    if not changes and not args.delete:
        raise UsageError("give --set FIELD=VALUE or --delete")
    if changes and args.delete:
        raise UsageError("--set and --delete do not go together")
    with open_workspace(args, team_database=True) as ws:
        outcome = edit_feature(ws, args.layer, args.uuid, properties=changes or None, delete=args.delete)
    emit(args, outcome.to_dict(), lambda d: (
        f"proposed to {d['originator']} (proposal {d['proposal_id']}): {d['reason']}" if d["proposed"]
        else f"{'deleted' if args.delete else 'saved'} {d['layer']} {d['uuid']} as version {d['version']}"))
    return 0


def run_proposals_list(args: argparse.Namespace) -> int:
    from humanops.sharing.proposals import describe, list_proposals

    with open_workspace(args, team_database=True) as ws:
        rows = [describe(p, ws) for p in list_proposals(ws, status=None if args.all else "open")]
    emit_rows(args, "proposals", rows, lambda p: f"{p['id']:>4}  {p['status']:<9} {p['proposed_at']}  {p['text']}",
              "no open proposals")
    return 0


def run_proposals_decide(args: argparse.Namespace) -> int:
    from humanops.sharing.proposals import decide, withdraw

    with open_workspace(args, team_database=True) as ws:
        if args.decision == "withdraw":
            withdraw(ws, args.id)
            doc = {"id": args.id, "status": "withdrawn"}
        else:
            doc = decide(ws, args.id, args.decision == "accept")
    emit(args, doc, lambda d: f"proposal {d['id']}: {d['status']}"
         + (f" (version {d['version']})" if d.get("version") else "")
         + (f" (sent on as our proposal {d['proposal_id']})" if d.get("proposal_id") else ""))
    return 0


def run_editors_set(args: argparse.Namespace) -> int:
    from humanops.sharing.editors import set_editors

    with open_workspace(args, team_database=True) as ws:
        changed = set_editors(ws, args.layer, args.orgs, uuids=args.ids)
    doc = {"layer": args.layer, "editors": args.orgs, "features": changed}
    emit(args, doc, lambda d: f"{d['layer']}: editors {', '.join(d['editors']) or '(none)'} for "
                              f"{len(d['features'])} feature(s), each given a new version")
    return 0


def run_editors_show(args: argparse.Namespace) -> int:
    from humanops.sharing.editors import editors_of

    with open_workspace(args, team_database=True) as ws:
        doc = {"layer": args.layer, "uuid": args.uuid, "editors": list(editors_of(ws, args.layer, args.uuid))}
    emit(args, doc, lambda d: ", ".join(d["editors"]) or "(none: only its originator changes it)")
    return 0
