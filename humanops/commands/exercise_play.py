"""``humanops exercise run`` and ``humanops exercise report``: playing injects, measuring decisions.

``exercise run INJECTS.toml [--speed N] [--to ORG=PATH ...] [--until T+HH:MM] [--dry-run]`` plays
an inject timeline from the controller's exercise workspace (``-w``) as its scenario clock reaches
each inject (:mod:`humanops.scenario.inject_player`); ``exercise report --audit FILE... --injects
INJECTS.toml --out REPORT.html|.pdf`` writes the decision timelines
(:mod:`humanops.scenario.exercise_report`). Registered by :mod:`humanops.commands.exercise`;
heavy imports stay inside the handlers.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from humanops.commands.common import emit, finish_command, open_workspace


def register(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("run", help="play an inject timeline (TOML) as the scenario clock reaches each inject")
    p.add_argument("injects", metavar="INJECTS.toml", help="the inject timeline")
    p.add_argument("--speed", metavar="N", help="set the scenario clock's speed-up before playing (and run it)")
    p.add_argument("--to", dest="participants", action="append", default=[], metavar="ORG=PATH",
                   help="a participant: its exercise workspace (a file or postgresql://…; packages imported at once) "
                        "or a folder (packages dropped there); repeat for each")
    p.add_argument("--outbox", metavar="FOLDER", help="where the injects' packages are written (default: beside the "
                                                      "controller's file, or DBNAME-injects here for a database)")
    p.add_argument("--participant-passphrase-file", dest="participant_passphrases", action="append", default=[],
                   metavar="ORG=FILE", help="the passphrase of a participant's keys (default: the controller's)")
    p.add_argument("--until", metavar="T+HH:MM", help="stop once the scenario clock passes this")
    p.add_argument("--dry-run", action="store_true", help="say what is played and when; change nothing")
    finish_command(p, run_play, passphrase=True)

    p = actions.add_parser("report", help="decision timelines: per inject and organisation, the time to see, "
                                          "alert, decide and inform (HTML or PDF)")
    p.add_argument("--audit", nargs="+", required=True, metavar="FILE",
                   help="each participant's exercise workspace (.gpkg: the whole record) or its audit log as CSV "
                        "(humanops audit report OUT.csv; ORG=FILE.csv names whose)")
    p.add_argument("--injects", required=True, metavar="INJECTS.toml", help="the inject timeline played")
    p.add_argument("--controller", metavar="WORKSPACE",
                   help="the controller's exercise workspace (what was played when; default: -w, or the one "
                        "among --audit that played the injects)")
    p.add_argument("--start", metavar="ISO", help="the exercise's start (T+0), when no workspace given says it")
    p.add_argument("--out", required=True, metavar="REPORT.html|.pdf", help="the report to write")
    finish_command(p, run_report)


def _pairs(values: list[str], option: str) -> dict[str, str]:
    from humanops.errors import UsageError

    out: dict[str, str] = {}
    for value in values:
        org, sep, path = value.partition("=")
        if not sep or not org or not path:
            raise UsageError(f"{option} {value!r}: write ORG=PATH")
        out[org] = path
    return out


def run_play(args: argparse.Namespace) -> int:
    import signal
    import sys
    import threading

    from humanops.commands.common import passphrase
    from humanops.errors import HumanOpsError, UsageError
    from humanops.scenario.exercise import clock_state, set_clock
    from humanops.scenario.inject_player import InjectPlayer, Participant
    from humanops.scenario.injects import format_offset, parse_offset, read_timeline
    from humanops.store.open_target import is_postgres_url

    timeline = read_timeline(args.injects)
    until = parse_offset(args.until, field_name="--until") if args.until else None
    destinations = _pairs(args.participants, "--to")
    for org, path in destinations.items():
        if not is_postgres_url(path) and not Path(path).exists():  # a database is checked when opened
            raise UsageError(f"--to {org}={path}: no such workspace or folder")
    secrets: dict[str, str] = {}
    for org, file in _pairs(args.participant_passphrases, "--participant-passphrase-file").items():
        try:
            secrets[org] = Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise HumanOpsError(f"cannot read passphrase file: {exc.strerror}", file=file) from None
    lines: list[str] = []

    def say(line: str) -> None:
        lines.append(line)
        if not args.json:
            print(line, flush=True)

    with open_workspace(args, team_database=True) as controller:
        needs_keys = not args.dry_run and any(
            i.kind == "package" or (i.kind in ("danger_zone", "corridor_closed") and (i.to or destinations))
            for i in timeline.injects)
        secret = passphrase(args) if needs_keys else None
        participants = [Participant(org, path if is_postgres_url(path) else Path(path), secrets.get(org) or secret)
                        for org, path in destinations.items()]
        player = InjectPlayer(controller, timeline, participants=participants, identity=secret, say=say,
                              outbox=Path(args.outbox) if args.outbox else None)
        if args.dry_run:
            states = player.states()
            doc = {"now": clock_state(controller).to_dict(), "injects": [
                {**s.inject.to_dict(), "due": s.due.isoformat(), "state": s.state} for s in states]}
            emit(args, doc, lambda d: "\n".join(
                [f"{clock_state(controller).summary()}; would play:"]
                + [f"  {s.inject.offset_text:>9} {s.inject.id:<28} {s.inject.kind:<16} {s.state:<8} "
                   f"to {', '.join(s.inject.to) or ', '.join(destinations) or '(controller only)'}"
                   for s in states]))
            return 0
        if args.speed is not None:
            from humanops.model.scenario_clock import check_speed

            state = set_clock(controller, speed=check_speed(args.speed), resume=True)
        else:
            state = clock_state(controller)
            if state.clock.paused:
                state = set_clock(controller, resume=True)
        if not args.json:
            print(f"{state.summary()}; {len(player.pending())} of {len(timeline.injects)} injects to play "
                  f"(Ctrl-C stops; run again to go on)", flush=True)
        stop = threading.Event()
        previous = signal.getsignal(signal.SIGINT)

        def interrupted(_signum: int, _frame: Any) -> None:
            stop.set()

        signal.signal(signal.SIGINT, interrupted)
        try:
            played = player.run(until=until, stop=stop)
        finally:
            signal.signal(signal.SIGINT, previous)
        left = player.pending()
        now = player.now()
        doc = {"played": [r.inject_id for r in played], "left": [i.id for i in left], "stopped": stop.is_set(),
               "elapsed": format_offset(now - player.start), "lines": lines}
    if stop.is_set() and not args.json:
        print(f"stopped at {doc['elapsed']}: {len(played)} played, {len(left)} left; the scenario clock runs on "
              "(exercise clock --pause stops it)", file=sys.stderr)
    emit(args, doc, lambda d: f"{len(d['played'])} injects played, {len(d['left'])} left")
    return 0


def run_report(args: argparse.Namespace) -> int:
    from humanops.errors import UsageError
    from humanops.model.marking import parse_time
    from humanops.scenario.exercise_report_file import REPORT_SUFFIXES, PdfWriter, is_pdf, write_decision_report

    out = Path(args.out)
    if out.suffix.lower() not in REPORT_SUFFIXES:
        raise UsageError(f"--out {args.out}: the report is .html or .pdf")
    pdf_writer: PdfWriter | None = None
    if is_pdf(out):
        from humanops.ui.exercise_report_pdf import write_exercise_report_pdf  # Qt: only for a PDF

        pdf_writer = write_exercise_report_pdf
    # the same function as the app's Exercise › Decision report…
    written = write_decision_report(args.audit, args.injects, out,
                                    controller=args.controller or getattr(args, "workspace", None),
                                    start=parse_time(args.start, field="--start") if args.start else None,
                                    pdf_writer=pdf_writer)
    report, pages = written.report, written.pages
    doc = {"file": str(out), "pages": pages, **report.to_dict()}
    emit(args, doc, lambda d: f"exercise report {d['file']}: {len(d['injects'])} injects, "
                              f"{len(d['organisations'])} organisations")
    return 0
