"""``humanops analyse exposure|corridors|list`` and ``humanops triggers adopt|check|ack|rules|cap``.

Arguments of an analysis command are generated from its operation's typed parameters
(``humanops.analysis.registry``), so the CLI, the app's dialogs and the workers accept the same
input. Other command modules reuse the helpers here; e.g. ``humanops/commands/planning.py``::

    from humanops.commands.analysis import operation_command

    def register(sub):
        operation_command(sub, "route", "route", help="...", positional=("start", "end"), table="routes")

:func:`operation_command` adds a parser with the operation's parameters as ``--flags`` (positional
ones as arguments), ``--json`` and ``--csv FILE``, and runs it. The lower-level pieces
(:func:`add_operation_arguments`, :func:`params_from_args`, :func:`run_operation`,
:func:`add_output_flags`, :func:`output_result`) are public for commands that need more control.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from humanops.commands.common import action_group, add_json_flag, emit, emit_rows, finish_command, num, open_workspace
from humanops.errors import AnalysisError, FormatError, HumanOpsError, UsageError

if TYPE_CHECKING:
    import pandas as pd

    from humanops.analysis.registry import Operation, OperationResult
    from humanops.feedback import Feedback

TextFormatter = Callable[["OperationResult"], str]


# --------------------------------------------------------------------------- reusable helpers


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _operation(op_id: str) -> Operation:
    from humanops.analysis.registry import get

    return get(op_id)


def add_operation_arguments(parser: argparse.ArgumentParser, op: Operation, *, positional: Sequence[str] = (),
                            skip: Sequence[str] = ()) -> None:
    """One argument per parameter of ``op``: ``positional`` names become positional arguments,
    the rest ``--name`` flags (underscores as dashes). Values stay text: :func:`params_from_args`
    hands them to ``validate_params``, which converts and checks them like the app's dialogs do."""
    from humanops.analysis.registry import BoolParam, EnumParam, NumberParam

    for param in op.parameters:
        if param.name in skip:
            continue
        help_text = param.help or param.label
        if isinstance(param, NumberParam) and param.unit:
            help_text += f" ({param.unit})"
        if isinstance(param, EnumParam):
            help_text += f"; {'comma-separated, ' if param.multiple else ''}one of: {', '.join(param.choices)}"
        if param.default is not None:
            default = ",".join(param.default) if isinstance(param.default, tuple) else param.default
            help_text += f" [default: {default}]"
        if param.name in positional:
            parser.add_argument(param.name, metavar=param.name.upper(), help=help_text,
                                nargs="?" if param.optional or param.default is not None else None)
        elif isinstance(param, BoolParam):
            parser.add_argument(_flag(param.name), dest=param.name, action=argparse.BooleanOptionalAction,
                                default=None, help=help_text)
        else:
            parser.add_argument(_flag(param.name), dest=param.name, default=None, metavar=_metavar(param),
                                help=help_text)


def _metavar(param: Any) -> str:
    return {"number": "N", "datetime": "ISO", "point": "LON,LAT", "layer": "LAYER", "enum": "VALUE"}.get(
        param.type_name, "TEXT")


def params_from_args(args: argparse.Namespace, op: Operation) -> dict[str, Any]:
    """The raw parameter values given on the command line (absent ones left to their defaults)."""
    return {p.name: getattr(args, p.name) for p in op.parameters if getattr(args, p.name, None) is not None}


class _ProgressLine:
    """Progress on stderr, only for a person at a terminal (never mixed into --json on stdout)."""

    def __init__(self) -> None:
        self.last = ""

    def __call__(self, fraction: float, message: str) -> None:
        line = f"\r{fraction * 100:5.1f}%  {message[:70]:<70}"
        if line != self.last:
            sys.stderr.write(line)
            sys.stderr.flush()
            self.last = line

    def done(self) -> None:
        if self.last:
            sys.stderr.write("\r" + " " * len(self.last) + "\r")
            sys.stderr.flush()


def cli_feedback() -> tuple[Feedback, Callable[[], None]]:
    from humanops.feedback import Feedback

    if sys.stderr.isatty():
        line = _ProgressLine()
        return Feedback(line), line.done
    return Feedback(), lambda: None


def run_operation(args: argparse.Namespace, op_id: str, raw: dict[str, Any] | None = None) -> OperationResult:
    """Validate the parameters (from ``args`` unless ``raw`` given), open the workspace and run."""
    from humanops.analysis.registry import validate_params

    op = _operation(op_id)
    try:
        params = validate_params(op, params_from_args(args, op) if raw is None else raw)
    except AnalysisError as exc:  # a bad --flag value is wrong usage (exit 2), like argparse's own checks
        raise UsageError(exc.reason) from None
    feedback, done = cli_feedback()
    try:
        with open_workspace(args, team_database=True) as ws:
            return op.run(ws, params, feedback)
    finally:
        done()


def add_output_flags(parser: argparse.ArgumentParser) -> None:
    add_json_flag(parser)
    parser.add_argument("--csv", metavar="FILE", help="write the result table to FILE as CSV")


def _plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists joined with ';', geometry dropped: a table any spreadsheet reads."""
    import pandas as pd

    out = pd.DataFrame(frame).drop(columns=[c for c in ("geometry",) if c in frame.columns])
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list | tuple)).any():
            out[col] = out[col].map(lambda v: ";".join(map(str, v)) if isinstance(v, list | tuple) else v)
    return out


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    import pandas as pd

    out = pd.DataFrame(frame).drop(columns=[c for c in ("geometry",) if c in frame.columns])
    records = out.astype(object).to_dict(orient="records")
    for row in records:
        for key, value in row.items():
            if not isinstance(value, list | tuple) and pd.isna(value):
                row[key] = None
    return records


def write_csv(frame: pd.DataFrame, path: str) -> None:
    """The table as CSV, written whole (humanops.store.atomic_files); owner-only (0600): results are
    drawn from marked features."""
    from humanops.store.atomic_files import atomic_write

    try:
        with atomic_write(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
            _plain_frame(frame).to_csv(handle, index=False)
    except OSError as exc:
        raise FormatError(f"cannot write the CSV file: {exc.strerror or exc}", file=path) from None


def output_result(args: argparse.Namespace, result: OperationResult, *, table: str | None = None,
                  text: TextFormatter | None = None) -> None:
    """``--csv FILE`` writes ``result.tables[table]`` (default: the first); ``--json`` prints summary
    and every table; otherwise ``text(result)`` (default: the summary and the table)."""
    name = table or next(iter(result.tables), None)
    frame = result.tables.get(name) if name else None
    if getattr(args, "csv", None):
        if frame is None:
            raise HumanOpsError(f"{result.operation} produced no table to write as CSV")
        write_csv(frame, args.csv)
    doc = {"operation": result.operation, "summary": result.summary,
           "tables": {k: _records(v) for k, v in result.tables.items()}}
    if getattr(args, "csv", None) and not getattr(args, "json", False):
        print(f"wrote {len(frame)} rows to {args.csv}")  # type: ignore[arg-type]
        return
    emit(args, doc, lambda _: (text or _default_text(name))(result))


def _default_text(name: str | None) -> TextFormatter:
    def text(result: OperationResult) -> str:
        lines = [f"{k}: {v}" for k, v in result.summary.items() if not isinstance(v, dict | list)]
        frame = result.tables.get(name) if name else None
        if frame is not None:
            lines.append(_plain_frame(frame).to_string(index=False) if len(frame) else "(no rows)")
        return "\n".join(lines)

    return text


def operation_command(sub: argparse._SubParsersAction, name: str, op_id: str, *, help: str,
                      positional: Sequence[str] = (), table: str | None = None,
                      text: TextFormatter | None = None, aliases: Sequence[str] = ()) -> argparse.ArgumentParser:
    """A sub-command that runs operation ``op_id`` with its parameters and prints/writes its result.

    The operation's parameters are read from the registry when the parser is built, i.e. the
    analysis module is imported then: keep that module's top level light.
    """
    op = _operation(op_id)
    parser = sub.add_parser(name, help=help, description=op.description or help, aliases=list(aliases))
    add_operation_arguments(parser, op, positional=positional)
    add_output_flags(parser)

    def handler(args: argparse.Namespace) -> int:
        output_result(args, run_operation(args, op_id), table=table, text=text)
        return 0

    parser.set_defaults(handler=handler)
    return parser


# --------------------------------------------------------------------------- analyse


def _exposure_text(result: OperationResult) -> str:
    s = result.summary
    frame = result.tables["exposure"]
    lines = [f"{num(s['needs_exposed'])} of {num(s['needs_total'])} need locations, "
             f"{num(s.get('population_exposed', 0))} people exposed to {num(s['zones_considered'])} danger zones "
             f"(within {num(s['distance_m'], None)} m, at "
             f"{s.get('at', '')})"]
    if len(frame):
        keys = [c for c in ("hazard", "severity", "admin_code") if c in frame.columns]
        cols = keys + [c for c in ("needs", "population", "to_evacuate") if c in frame.columns]
        lines.append(frame[cols].to_string(index=False))
    return "\n".join(lines)


def _corridors_text(result: OperationResult) -> str:
    frame = result.tables["corridors"]
    s = result.summary
    lines = [f"{s['corridors']} corridors, {s['corridors_in_danger']} with danger along them (at {s['at']})"]
    if len(frame):
        view = frame[["name", "status", "length_m", "length_in_danger_m", "worst_severity", "zone_count",
                      "facility_count", "risk_score"]].sort_values("risk_score", ascending=False)
        lines.append(view.to_string(index=False))
    return "\n".join(lines)


def _run_list(args: argparse.Namespace) -> int:
    from humanops.analysis.registry import operations

    doc = [op.describe() for op in operations()]
    emit_rows(args, "operations", doc,
              lambda o: f"{o['id']:<16} {o['title']}  ({', '.join(p['name'] for p in o['parameters'])})", "")
    return 0


# --------------------------------------------------------------------------- triggers


def _alert_line(alert: Any) -> str:
    return f"{alert.id[:8]}  {alert.state:<12} {alert.level:<8} {alert.rule_id:<24} {alert.headline}"


def _run_adopt(args: argparse.Namespace) -> int:
    from humanops.analysis.triggers import TriggerEngine, adopt_rules

    with open_workspace(args, team_database=True) as ws:
        rules = adopt_rules(ws, args.file)
        report = TriggerEngine(ws).evaluate()
    doc = {"adopted": [r.id for r in rules], "file": args.file, **report.to_dict()}
    emit(args, doc, lambda d: f"adopted {len(d['adopted'])} trigger rule(s) from {d['file']}: "
                              f"{', '.join(d['adopted']) or 'none'}; {d['active']} active alert(s)")
    return 0


def _run_check(args: argparse.Namespace) -> int:
    from humanops.analysis.registry import DateTimeParam
    from humanops.analysis.triggers import TriggerEngine, list_alerts

    at = DateTimeParam("at").convert(args.at) if args.at else None
    with open_workspace(args, team_database=True) as ws:
        engine = TriggerEngine(ws, at=at)
        report = engine.evaluate()
        alerts = list_alerts(ws, states=None if args.all else ("active", "acknowledged"))
        rules = len(engine.rules)
    doc = {"rules": rules, "evaluation": report.to_dict(), "alerts": [a.to_dict() for a in alerts]}

    def text(_: Any) -> str:
        head = (f"{rules} rule(s) evaluated: {len(report.raised)} raised, {len(report.updated)} updated, "
                f"{len(report.resolved)} resolved; {report.active} active")
        return "\n".join([head, *(_alert_line(a) for a in alerts)])

    emit(args, doc, text)
    return 0


def _run_ack(args: argparse.Namespace) -> int:
    from humanops.analysis.triggers import acknowledge

    with open_workspace(args, team_database=True) as ws:
        alert = acknowledge(ws, args.alert_id, by=args.by or "")
    emit(args, alert.to_dict(), lambda _: _alert_line(alert))
    return 0


def _run_rules(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from humanops.analysis.triggers import load_rules

    with open_workspace(args, team_database=True) as ws:
        rules = load_rules(ws)
    doc = {"rules": [asdict(r) for r in rules]}
    emit(args, doc, lambda _: "\n".join(f"{r.id:<24} {r.type:<22} level {r.level}"
                                        + ("" if r.enabled else " (disabled)") for r in rules) or "no rules adopted")
    return 0


def _run_cap(args: argparse.Namespace) -> int:
    from humanops.analysis.trigger_rules import check_web
    from humanops.analysis.triggers import get_alert
    from humanops.formats.cap_chain import export_cap

    languages = tuple(lang.strip() for part in args.lang or () for lang in part.split(",") if lang.strip())
    if args.web and (reason := check_web(args.web)):
        raise UsageError(f"--web: {reason}")
    with open_workspace(args, team_database=True) as ws:
        alert = get_alert(ws, args.alert_id)
        issued = export_cap(ws, alert, args.out, all_messages=args.all, status=args.status, sender=args.sender,
                            languages=languages or None, web=args.web)
    for warning in issued.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    latest = issued.latest
    doc = {"alert": alert.id, "state": alert.state, "status": latest.status,
           "issued": issued.new.identifier if issued.new else None,
           "messages": [{"identifier": m.identifier, "msgType": m.msg_type, "sent": m.sent,
                         "references": m.refs.split(), "languages": m.languages.split()} for m in issued.messages],
           "files": issued.files, "warnings": issued.warnings}
    what = f"CAP 1.2 {latest.msg_type} {latest.identifier} ({latest.status}, sent {latest.sent})"
    head = f"issued {what}" if issued.new else f"no change since {what}"
    emit(args, doc, f"{head} for alert {alert.id}; wrote {len(issued.files)} file(s): {', '.join(issued.files)}")
    return 0


# --------------------------------------------------------------------------- registration


def register(sub: argparse._SubParsersAction) -> None:
    analyses = action_group(sub, "analyse", "exposure and corridor risk analyses", metavar="ANALYSIS",
                            dest="analysis", aliases=("analyze",))
    operation_command(analyses, "exposure", "exposure", table="exposure", text=_exposure_text,
                      help="population and needs inside or near the danger zones valid at a time")
    operation_command(analyses, "corridors", "corridor_risk", table="corridors", text=_corridors_text,
                      help="danger along each corridor and its risk score")
    p = analyses.add_parser("list", help="the analysis operations and their parameters")
    finish_command(p, _run_list)

    tsub = action_group(sub, "triggers", "preauthorised trigger rules and their alerts")
    p = tsub.add_parser("adopt", help="check a TOML rule file and make it the workspace's rules (all or nothing)")
    p.add_argument("file", help="rule file (see resources/triggers/example.toml)")
    finish_command(p, _run_adopt)

    p = tsub.add_parser("check", help="evaluate the rules now and list the alerts")
    p.add_argument("--at", metavar="ISO", help="evaluate at this time (default: now)")
    p.add_argument("--all", action="store_true", help="also list resolved alerts")
    finish_command(p, _run_check)

    p = tsub.add_parser("ack", help="acknowledge an alert")
    p.add_argument("alert_id", metavar="ALERT_ID", help="alert id (or its first characters)")
    p.add_argument("--by", help="who acknowledges (default: our organisation)")
    finish_command(p, _run_ack)

    p = tsub.add_parser("rules", help="list the adopted rules")
    finish_command(p, _run_rules)

    p = tsub.add_parser("cap", help="write an alert's latest CAP 1.2 message (Alert, then Update, then Cancel)",
                        description="Issue the CAP 1.2 message due for the alert and write it: an Alert first, an "
                        "Update when what it says changed, a Cancel once resolved (each its own identifier, "
                        "referencing the earlier ones); otherwise the latest message again. docs/cap-out.md")
    p.add_argument("alert_id", metavar="ALERT_ID", help="alert id (or its first characters)")
    p.add_argument("--out", required=True, metavar="FILE.xml|FOLDER",
                   help="CAP file to write (with --all: a folder, one <identifier>.xml per message)")
    p.add_argument("--all", action="store_true", help="write every message of the alert's chain, not only the latest")
    p.add_argument("--sender", help="CAP sender (default: our organisation id)")
    p.add_argument("--status", choices=("Actual", "Exercise", "System", "Test", "Draft"),
                   help="CAP status [default: Exercise in a scenario workspace, else Actual]")
    p.add_argument("--lang", action="append", metavar="LANG[,LANG...]",
                   help="languages of the <info>s, e.g. en,fr,ar (English always) [default: the response's "
                        "languages, from the adopted rule file]")
    p.add_argument("--web", metavar="URL", help="CAP <web> address [default: the rule's or the rule file's]")
    finish_command(p, _run_cap)
