"""GUI-thread stalls while results are applied (issue 12, item 8): planning results, an import
through the Import dialog, a package received through the Receive dialog.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_stalls.py \\
        --sources 10000 --import-features 100000 --package-features 20000

    # the same workflows on another copy of the source tree (e.g. the code before a change),
    # (git archive c2d8fb2 | tar -x -C /tmp/before)
    # side by side in the same run:
    .venv/bin/python benchmarks/bench_stalls.py --baseline-tree /tmp/before

Each workflow runs in a fresh process of its own on a fresh copy of its workspace: the demo
scenario (Kavera) plus ``--sources`` need points with people to evacuate and people in need
(the evacuation's sources, the aid allocation's needs). It is driven through the main window's
real widgets (the analysis dialog's Run, the Import dialog's Check then Import, the Receive
dialog's Check then Import), while a 5 ms QTimer heartbeat on the GUI thread records its gaps,
as ``bench_canvas.py`` does for a pan. Measured from the click that starts the work until the
result is applied and the app is idle again (map drawn, attribute table loaded, no worker left):

* ``total_s``: the whole workflow;
* ``max_stall_ms`` / ``p99_stall_ms``: the longest heartbeat gap and the 99th percentile, all along;
* ``apply_max_stall_ms`` / ``apply_p99_stall_ms``: the same from the moment the worker that made
  the result ended (what the GUI thread does with it: the design allows one frame, 50 ms);
* ``apply_s``: from the worker's end to idle;
* ``peak_rss_mb``: the child's peak resident memory.

Workflows: ``evacuation``, ``aid``, ``route``, ``import`` (a GeoJSON of ``--import-features``
points into the need layer), ``receive`` (a signed, encrypted package of ``--package-features``
needs from a demo partner). Prints one JSON document.

Finding a stall's cause: ``--trace`` samples every thread's Python stack while the heartbeat is
late, and gives each stall's end on the wall clock (``stalls``) with the end of a 30 ms busy
function run just before the click (``marker_end_epoch``, ``_py_spy_marker``), to line the stalls up
with ``py-spy record --gil --threads --format chrometrace`` of a child: most stalls left after
the GUI thread's own work moved out are the GUI thread waiting for the GIL while a worker runs
one long C call (a vectorised call over 100,000 rows holds it 30-70 ms). With ``--trace`` a child
also lists every garbage collection over 5 ms (``gc_pauses``: end, ms, generation, thread): a full
collection walks every tracked object of the process holding the GIL, in whichever thread
allocates when one is due, and lines up with stalls of 100-190 ms. The app now freezes what it
holds itself once idle (``humanops/ui/gc_policy.py``); ``--gc-freeze`` does it in every tree (for a
tree without the policy), once the workspace is open and drawn. Every child also gives
``gc_full_collections`` (generation-2 collections from the click to idle), ``gc_frozen`` (objects
frozen at the end) and ``gc_garbage_at_end`` (what a full collection finds unreachable once
everything is unfrozen at the end: cyclic garbage a freeze kept, or not yet collected).
The JSON gives the machine's load average at the start and the end (the timings are noisy).

Two more experiments, applied to every tree alike: ``--site DIR`` puts a folder of packages on the
children's import path (a package installed there with ``pip install --target DIR``, measured before
it becomes a dependency: e.g. pyarrow, with which the formats' reader reads through Arrow, the GIL
released); ``--nice-threads N`` runs every thread but the GUI thread at niceness N (Linux), to
tell a stall that is the GUI thread waiting for a core on a loaded machine from one that is work.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ("evacuation", "aid", "route", "import", "receive")
HEARTBEAT_MS = 5
BUDGET_MS = 50
SETTLE_S = 0.4


# --- data ------------------------------------------------------------------------------------------
def build_inputs(folder: Path, sources: int, import_features: int, package_features: int, seed: int = 5) -> dict:
    """The workspaces and files every workflow starts from (copied fresh for each run)."""
    import numpy as np

    from humanops.scenario.demo import create_demo_workspace
    from humanops.scenario.demo_partners import DEMO_PASSPHRASE, install_demo_partners
    from humanops.scenario.partners import DEMO_PARTNERS
    from humanops.sharing.exchange_export import export_package
    from humanops.store.workspace import Workspace

    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    demo = folder / "demo.gpkg"
    partners = folder / "partners"
    with create_demo_workspace(demo) as ws:
        region = ws.extent("road")
        ws.add_frame("need", _needs(rng, region, sources, "Village"))
        install_demo_partners(ws, partners)
        counts = {layer: ws.count(layer) for layer in ws.layers()}
    assert region is not None
    geojson = folder / f"needs-{import_features}.geojson"
    _needs(rng, region, import_features, "Site").to_file(geojson, driver="GeoJSON")
    office, sender = DEMO_PARTNERS[0]["id"], DEMO_PARTNERS[1]["id"]
    package = folder / f"from-{sender}.hopx"
    with Workspace.open(partners / f"{sender}.gpkg") as theirs:
        theirs.add_frame("need", _needs(rng, region, package_features, "Camp"))
        export_package(theirs, [office], package, DEMO_PASSPHRASE, full=True)
    return {"demo": str(demo), "geojson": str(geojson), "package": str(package), "passphrase": DEMO_PASSPHRASE,
            "counts": counts, "build_s": round(time.perf_counter() - started, 1)}


def _needs(rng: Any, region: tuple[float, float, float, float], n: int, prefix: str) -> Any:
    import geopandas as gpd
    import shapely

    minx, miny, maxx, maxy = region
    population = rng.integers(50, 3000, n)
    return gpd.GeoDataFrame({
        "name": [f"{prefix} {i:06d}" for i in range(n)],
        "population": population,
        "severity_phase": rng.integers(1, 6, n),
        "to_evacuate": (population * rng.uniform(0, 0.5, n)).astype(int),
        "pin_food": (population * 0.4).astype(int),
        "pin_water": (population * 0.3).astype(int),
    }, geometry=shapely.points(rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)), crs=4326)


# --- the child: one workflow, in a process of its own ---------------------------------------------
def child_main(workflow: str, inputs: dict, workspace: Path, trace: bool = False, gc_freeze: bool = False,
               nice_threads: int = 0) -> dict:
    if nice_threads:  # the experiment: every thread but the GUI thread yields the CPU to it (Linux)
        _nice_every_thread(nice_threads)
    from PySide6.QtCore import QSettings, Qt, QTimer

    import humanops.ui  # noqa: F401  (the PySide6 workaround, before any Qt call)
    from humanops.ui import workers
    from humanops.ui.app import create_application

    app = create_application()
    from humanops.ui.main_window import MainWindow

    # When the worker that makes the result ends: the apply phase starts there.
    worker_ends: dict[int, float] = {}  # id(worker) -> when its thread's work ended
    run_here = workers.Worker.run_here

    def timed_run_here(self: Any) -> None:
        run_here(self)
        worker_ends[id(self)] = time.perf_counter()

    workers.Worker.run_here = timed_run_here  # type: ignore[method-assign]

    settings = QSettings(str(workspace.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(settings, restore_layout=False)
    window.resize(1400, 900)
    window.show()

    def wait(condition: Any, timeout_s: float = 300.0) -> bool:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                return False
            app.processEvents()
            time.sleep(0.002)
        return True

    def idle() -> bool:
        ws = window.workspace
        return (ws is not None and window.canvas.is_idle() and not window.attribute_table.is_loading()
                and all(window.canvas.snapshot(n) is not None for n in ws.layers())
                and not workers.running_workers())

    def settle() -> None:
        wait(idle)
        until = time.perf_counter() + SETTLE_S
        wait(lambda: time.perf_counter() > until and idle())

    assert window.open_workspace(workspace), window.statusBar().currentMessage()
    settle()
    if gc_freeze:  # the experiment: every object of the opened, drawn app out of all later collections
        import gc

        gc.freeze()

    gaps: list[tuple[float, float]] = []  # (gap ms, when it ended)
    epoch = time.time() - time.perf_counter()
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(((now - last[0]) * 1000, now))
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(beat)
    result_worker: list[Any] = []  # the worker that makes the result
    start = [0.0]
    traces: list[dict] = []
    tracing = [trace]
    gc_pauses: list[tuple[float, float, int, str]] = []  # (end, ms, generation, thread) of collections > 5 ms
    if trace:  # what every thread is doing while the heartbeat is late (where a stall comes from)
        threading.Thread(target=_trace_stalls, args=(last, start, tracing, traces), daemon=True).start()
        _time_collections(gc_pauses, epoch)

    marker = [0.0]
    import gc

    full_collections = [0]

    def begin() -> None:
        full_collections[0] = gc.get_stats()[2]["collections"]
        if trace:  # 30 ms busy in a function of its own: aligns a py-spy chrometrace with "stalls"
            marker[0] = _py_spy_marker() + epoch
        last[0] = start[0] = time.perf_counter()
        heartbeat.start(HEARTBEAT_MS)

    if workflow in ("evacuation", "aid", "route"):
        op_id = {"evacuation": "plan_evacuation", "aid": "plan_aid", "route": "route"}[workflow]
        dialog = window.planning.open_dialog(op_id)
        assert dialog is not None
        if workflow == "route":
            ws = window.workspace
            assert ws is not None
            extent = ws.extent("road")
            assert extent is not None
            x0, y0, x1, y1 = extent
            # Across the region, corner to corner (lat,lon as the parameter reads it).
            dialog.set_value("start", f"{y0 + (y1 - y0) * 0.2:.5f},{x0 + (x1 - x0) * 0.2:.5f}")
            dialog.set_value("end", f"{y0 + (y1 - y0) * 0.8:.5f},{x0 + (x1 - x0) * 0.8:.5f}")
        done: list[Any] = []
        dialog.resultReady.connect(done.append)
        begin()
        dialog.run_button.click()
        result_worker.append(dialog.worker)
        ok = wait(lambda: bool(done) and not dialog.is_running())
        detail: dict[str, Any] = {"error": dialog.error.text() if not ok or not done else ""}
    elif workflow == "import":
        from humanops.ui.dialogs.import_dialog import ImportDialog

        window.show_import_dialog()
        dialog = window.import_dialog
        assert isinstance(dialog, ImportDialog)
        dialog.set_file(inputs["geojson"], "need")
        checked: list[Any] = []
        imported: list[Any] = []
        begin()
        dialog.check_button.click()
        wait(lambda: dialog.worker is None and dialog.outcome is not None)
        checked.append(time.perf_counter())
        dialog.imported.connect(imported.append)
        dialog.import_button.click()
        result_worker.append(dialog.worker)
        wait(lambda: bool(imported) and dialog.worker is None)
        detail = {"imported": getattr(imported[0], "imported", None) if imported else None,
                  "check_s": round(checked[0] - start[0], 2), "summary": dialog.summary.text()[:200],
                  "read_child": _read_child_cost()}
    else:
        from humanops.ui.sharing import receive_dialog as receive_module
        from humanops.ui.sharing.extension import open_receive

        receive_module.ask_passphrase = lambda *args: inputs["passphrase"]  # no modal prompt in a benchmark
        open_receive(window)
        dialog = next(d for d in window.findChildren(receive_module.ReceivePackageDialog))
        dialog.set_file(inputs["package"])
        received: list[Any] = []
        dialog.imported.connect(received.append)
        begin()
        dialog.check_button.click()
        wait(lambda: dialog.worker is None and dialog.result is not None)
        dialog.import_button.click()
        result_worker.append(dialog.worker)
        wait(lambda: bool(received) and dialog.worker is None)
        detail = {"totals": received[0].totals() if received else None, "summary": dialog.summary.text()[:200]}
    settle()
    heartbeat.stop()
    tracing[0] = False
    finished = time.perf_counter()
    gc_counts = {"gc_full_collections": gc.get_stats()[2]["collections"] - full_collections[0],
                 "gc_frozen": gc.get_freeze_count()}
    gc.unfreeze()
    gc_counts["gc_garbage_at_end"] = gc.collect()
    if workflow in ("evacuation", "aid", "route"):  # after the heartbeat: not the app's work
        detail["tables"] = {name: len(frame) for name, frame in done[0].result.tables.items()} if done else {}
    worker_end = worker_ends.get(id(result_worker[0]), start[0]) if result_worker else start[0]
    all_gaps = [g for g, _ in gaps]
    apply_gaps = [g for g, at in gaps if at > worker_end]
    worst = max(gaps, default=(0.0, start[0]))
    window.close_workspace(ask=False)
    window.close()
    return {
        "workflow": workflow, **detail,
        "total_s": round(finished - start[0], 2),
        "apply_s": round(finished - worker_end - SETTLE_S, 2),
        "max_stall_ms": round(max(all_gaps, default=0.0), 1),
        "p99_stall_ms": round(_percentile(all_gaps, 0.99), 1),
        "max_stall_at_s": round(worst[1] - start[0], 2),
        "apply_max_stall_ms": round(max(apply_gaps, default=0.0), 1),
        "apply_p99_stall_ms": round(_percentile(apply_gaps, 0.99), 1),
        "stalls_over_50ms": sum(1 for g in all_gaps if g > BUDGET_MS),
        "apply_stalls_over_50ms": sum(1 for g in apply_gaps if g > BUDGET_MS),
        "peak_rss_mb": _peak_rss_mb(), **gc_counts,
        # With --trace, also each stall's end on the wall clock (to match a py-spy chrometrace).
        **({"traces": traces, "gc_pauses": gc_pauses,
            "stalls": [(round(at + epoch, 4), round(g, 1)) for g, at in gaps if g > BUDGET_MS],
            "worker_end_epoch": round(worker_end + epoch, 4), "marker_end_epoch": round(marker[0], 4)}
           if trace else {}),
    }


def _read_child_cost() -> dict | None:
    """What the import's last read in a child process cost this process (the GIL time to
    rebuild the frame: ``rebuild_cpu_ms``); None in a tree that reads in the worker's thread."""
    try:
        from humanops.formats import read_child
    except ImportError:
        return None
    return dict(read_child.last_read) or None


def _nice_every_thread(niceness: int) -> None:
    """Every Python thread started from now on runs at ``niceness`` (Linux: a thread is a task of its
    own): on a loaded machine the GUI thread, woken for the GIL, gets a core before them."""
    run = threading.Thread.run

    def nice_run(self: threading.Thread) -> None:
        with contextlib.suppress(OSError, AttributeError):  # not Linux: nothing to do
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)
        run(self)

    threading.Thread.run = nice_run  # type: ignore[method-assign]


def _py_spy_marker() -> float:
    """Spins 30 ms; returns when it ended (perf_counter)."""
    until = time.perf_counter() + 0.03
    while time.perf_counter() < until:
        pass
    return time.perf_counter()


def _trace_stalls(last: list[float], start: list[float], tracing: list[bool], traces: list[dict]) -> None:
    """Samples the threads' stacks every 10 ms while the heartbeat is more than ``BUDGET_MS`` late."""
    import traceback

    while tracing[0]:
        time.sleep(0.01)
        late = time.perf_counter() - last[0]
        if start[0] and late * 1000 > BUDGET_MS:
            frames = sys._current_frames()
            # The innermost 4 frames only: formatting whole stacks held the GIL 50-200 ms itself.
            traces.append({"at_s": round(time.perf_counter() - start[0], 3), "late_ms": round(late * 1000),
                           "threads": {t.name: [line.strip() for line in traceback.format_stack(frames[t.ident],
                                                                                                limit=4)]
                                       for t in threading.enumerate()
                                       if t.ident in frames and t is not threading.current_thread()}})


def _time_collections(pauses: list[tuple[float, float, int, str]], epoch: float) -> None:
    """Notes each garbage collection over 5 ms (end on the wall clock, ms, generation, thread):
    whichever thread allocates when a collection is due runs it, the GUI thread included, holding
    the GIL while it walks every tracked object."""
    import gc

    started: dict[int, float] = {}

    def timed(phase: str, info: dict[str, Any]) -> None:
        now = time.perf_counter()
        if phase == "start":
            started[threading.get_ident()] = now
        elif (began := started.pop(threading.get_ident(), None)) is not None and now - began > 0.005:
            pauses.append((round(now + epoch, 4), round((now - began) * 1000, 1), info["generation"],
                           threading.current_thread().name))

    gc.callbacks.append(timed)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _peak_rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


# --- the parent ------------------------------------------------------------------------------------
def bytecode_env(folder: Path, source_only: bool) -> dict[str, str]:
    """The children's environment as an installed app runs: with its modules' bytecode compiled
    (pip and PyInstaller compile it; a shell with PYTHONDONTWRITEBYTECODE makes every start compile
    each module it imports, and ``compile`` holds the GIL for tens of ms a module: a stall a worker's
    first import makes only here). The bytecode goes to a cache of the run, not into the trees."""
    env = dict(os.environ)
    if not source_only:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def compile_tree(tree: Path, folder: Path) -> None:
    """Compile ``tree``'s humanops into the run's bytecode cache once, before any child runs."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "humanops")],
                   env=bytecode_env(folder, False), check=False, capture_output=True)


def run_child(tree: Path, workflow: str, inputs: dict, folder: Path, trace: bool = False,
              gc_freeze: bool = False, site: Path | None = None, nice_threads: int = 0,
              source_only: bool = False) -> dict:
    """One workflow in a fresh process, on a fresh copy of the demo, with ``tree``'s humanops
    (and ``site``'s packages, if given)."""
    workspace = folder / f"{workflow}.gpkg"
    shutil.copyfile(inputs["demo"], workspace)
    path = os.pathsep.join([str(tree), *([str(site)] if site is not None else [])])
    env = dict(bytecode_env(folder, source_only), PYTHONPATH=path, XDG_CONFIG_HOME=str(folder / "config"),
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    command = [sys.executable, __file__, "--child", workflow, "--inputs", json.dumps(inputs),
               "--workspace", str(workspace), *(["--trace"] if trace else []),
               *(["--gc-freeze"] if gc_freeze else []),
               *(["--nice-threads", str(nice_threads)] if nice_threads else [])]
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1800)
    workspace.unlink(missing_ok=True)
    if out.returncode != 0:
        return {"workflow": workflow, "failed": out.stderr.strip()[-1500:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=10_000, help="need points added to the demo")
    parser.add_argument("--import-features", type=int, default=100_000)
    parser.add_argument("--package-features", type=int, default=20_000)
    parser.add_argument("--workflows", default=",".join(WORKFLOWS), help=f"any of {', '.join(WORKFLOWS)}")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the source tree measured (holding humanops/)")
    parser.add_argument("--baseline-tree", type=Path, help="another source tree, measured beside it")
    parser.add_argument("--trace", action="store_true", help="sample every thread's stack during stalls")
    parser.add_argument("--gc-freeze", action="store_true",
                        help="an experiment, in every tree: gc.freeze() once the workspace is open and drawn")
    parser.add_argument("--site", type=Path,
                        help="a folder of packages importable in every tree's children (e.g. one a package was "
                             "installed into with pip install --target, to measure it before it is a dependency)")
    parser.add_argument("--nice-threads", type=int, default=0,
                        help="an experiment, in every tree: every thread but the GUI thread at this niceness (Linux)")
    parser.add_argument("--source-only", action="store_true",
                        help="run the children from source as this shell does (PYTHONDONTWRITEBYTECODE kept): "
                             "each start compiles every module it imports, unlike an installed app")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--inputs", help=argparse.SUPPRESS)
    parser.add_argument("--workspace", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child_main(args.child, json.loads(args.inputs), args.workspace, args.trace, args.gc_freeze,
                                    args.nice_threads)))
        return
    sys.path.insert(0, str(ROOT))
    workflows = [w.strip() for w in args.workflows.split(",") if w.strip()]
    unknown = set(workflows) - set(WORKFLOWS)
    if unknown:
        parser.error(f"unknown workflow(s): {', '.join(sorted(unknown))}")
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="bench-stalls-") as tmp:
        folder = Path(tmp)
        inputs = build_inputs(folder, args.sources, args.import_features, args.package_features)
        trees = {"this": args.tree.resolve()}
        if args.baseline_tree is not None:
            trees["baseline"] = args.baseline_tree.resolve()
        site = args.site.resolve() if args.site is not None else None
        if not args.source_only:
            for tree in trees.values():
                compile_tree(tree, folder)
        results = {name: {w: run_child(tree, w, inputs, folder, args.trace, args.gc_freeze, site, args.nice_threads,
                                       args.source_only)
                          for w in workflows}
                   for name, tree in trees.items()}
    summary = []
    for workflow in workflows:
        row: dict[str, Any] = {"workflow": workflow}
        for name in trees:
            r = results[name][workflow]
            for key in ("total_s", "apply_s", "max_stall_ms", "p99_stall_ms", "apply_max_stall_ms",
                        "apply_p99_stall_ms", "gc_full_collections"):
                row[f"{key}_{name}" if len(trees) > 1 else key] = r.get(key)
        row["apply_under_budget"] = (results["this"][workflow].get("apply_max_stall_ms") or 1e9) < BUDGET_MS
        summary.append(row)
    print(json.dumps({
        "benchmark": "GUI-thread stalls while results are applied (5 ms heartbeat)",
        "sizes": {"sources": args.sources, "import_features": args.import_features,
                  "package_features": args.package_features},
        "budget_ms": BUDGET_MS, "heartbeat_ms": HEARTBEAT_MS, "trees": {k: str(v) for k, v in trees.items()},
        "gc_freeze": args.gc_freeze, "nice_threads": args.nice_threads,
        "site": str(args.site) if args.site is not None else None, "compiled_bytecode": not args.source_only,
        "load_average": {"start": load_at_start, "end": [round(x, 2) for x in os.getloadavg()]},
        "inputs": {"counts": inputs["counts"], "build_s": inputs["build_s"]},
        "summary": summary, "runs": results,
    }, indent=2))


if __name__ == "__main__":
    main()
