"""``humanops exercise``: exercise workspaces and their scenario clock.

``exercise init --name NAME --from WORKSPACE PATH [--controller ORG] [--start ISO]`` copies a real
workspace as an exercise (:mod:`humanops.scenario.exercise`); ``exercise clock [--start ISO]
[--speed N] [--pause|--resume]`` shows or sets its clock (``-w`` the exercise). ``exercise show``
says whether a workspace is an exercise. Heavy imports stay inside the handlers.
"""

from __future__ import annotations

import argparse

from humanops.commands.common import action_group, emit, finish_command, open_workspace, workspace_path


def register(sub: argparse._SubParsersAction) -> None:
    actions = action_group(sub, "exercise", "exercise workspaces: a flagged copy of a workspace on its own clock")
    p = actions.add_parser("init", help="copy a workspace as an exercise (flagged everywhere, isolated from real data)")
    p.add_argument("path", metavar="PATH", help="the exercise workspace to write (must not exist)")
    p.add_argument("--name", required=True, help="the exercise's name, shown as 'EXERCISE — NAME' on everything")
    p.add_argument("--from", dest="source", metavar="WORKSPACE",
                   help="the workspace to copy (default: -w / $HUMANOPS_WORKSPACE)")
    p.add_argument("--controller", metavar="ORG", default="",
                   help="the controlling organisation's id (default: the workspace's own)")
    p.add_argument("--start", metavar="ISO", help="scenario time at T+0 (default: the workspace's own now)")
    finish_command(p, run_init)

    p = actions.add_parser("clock", help="show or set the exercise's scenario clock")
    p.add_argument("--start", metavar="ISO", help="set the scenario time to this")
    p.add_argument("--speed", metavar="N", help="speed-up: scenario seconds per wall-clock second (1 is real time)")
    state = p.add_mutually_exclusive_group()
    state.add_argument("--pause", action="store_true", help="stop the clock where it is")
    state.add_argument("--resume", action="store_true", help="run the clock again from where it stopped")
    finish_command(p, run_clock)

    p = actions.add_parser("show", help="is the workspace an exercise: its name, controller, start and clock")
    finish_command(p, run_show)

    from humanops.commands.exercise_play import register as register_play  # run INJECTS.toml, report

    register_play(actions)


def _time(text: str | None, option: str) -> object:
    from humanops.model.marking import parse_time

    return parse_time(text, field=option) if text else None


def run_init(args: argparse.Namespace) -> int:
    from humanops.errors import UsageError
    from humanops.scenario.exercise import clock_state, create_exercise
    from humanops.store.workspace import Workspace

    source = args.source or args.workspace
    if not source:
        raise UsageError("no workspace to copy: give --from WORKSPACE (or -w)")
    info = create_exercise(source, args.path, name=args.name, controller=args.controller,
                           start=_time(args.start, "--start"))  # type: ignore[arg-type]
    with Workspace.open(args.path) as exercise:
        state = clock_state(exercise)
        doc = {"workspace": args.path, "from": str(source), **info.to_dict(), "clock": state.to_dict()}
    emit(args, doc, lambda d: (
        f"exercise workspace {d['workspace']}: {d['banner']} (controller {d['controller']}), copied from {d['from']}\n"
        f"  {state.summary()}: start it with humanops -w {d['workspace']} exercise clock --resume [--speed N]"))
    return 0


def run_clock(args: argparse.Namespace) -> int:
    from humanops.scenario.exercise import clock_state, set_clock

    changing = args.start or args.speed is not None or args.pause or args.resume
    with open_workspace(args, team_database=True) as workspace:
        if changing:
            from humanops.model.scenario_clock import check_speed

            state = set_clock(workspace, start=_time(args.start, "--start"),  # type: ignore[arg-type]
                              speed=check_speed(args.speed) if args.speed is not None else None,
                              pause=args.pause, resume=args.resume)
        else:
            state = clock_state(workspace)
    emit(args, state.to_dict(), lambda _d: state.summary())
    return 0


def run_show(args: argparse.Namespace) -> int:
    from humanops.model.clock import workspace_now
    from humanops.model.exercise import exercise_info
    from humanops.model.marking import format_time
    from humanops.store.open_target import workspace_file

    with open_workspace(args, team_database=True) as workspace:
        info = exercise_info(workspace)
        now = workspace_now(workspace)
        on_file = workspace_file(workspace) is not None
        path = str(workspace_path(args)) if on_file else str(workspace.path)  # a URL shown without password
    doc = {"workspace": path, "exercise": info.to_dict() if info else None, "now": format_time(now)}
    emit(args, doc, lambda d: (f"{path}: {d['exercise']['banner']}, controller {d['exercise']['controller']}, "
                               f"now {d['now']}" if d["exercise"] else f"{path}: not an exercise"))
    return 0
