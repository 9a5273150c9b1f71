"""Map canvas benchmark: memory, first drawn map, full redraw and pan stalls, at several sizes
side by side, against QGIS's full redraw of the same file.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_canvas.py \\
        --needs 100000,1000000 --zones 5000,20000

Each size is a workspace: the demo scenario (Kavera) plus ``--needs`` need points and ``--zones``
danger-zone polygons scattered over the region (one ``--zones`` for every size, or one a size).
Each is measured in a process of its own (a child started fresh, so its peak memory is its
own), at ``--width`` x ``--height``:

* peak memory: the child's peak resident set (``VmHWM``; ``ru_maxrss`` of a child also counts
  the parent's pages it was forked with);
* time from process start to the first frame, to the **first drawn map** (every layer's image
  rendered, the classified map: a dense point layer's from the overview kept in the workspace
  when there is a fresh one, ``map_drawn_from_overview`` names those layers, else from its
  packed read of places, classes and sizes), to the **map from features** (every layer drawn
  from its own read; ``map_styled`` is the same moment, kept for older runs) and to **loaded**
  (the canvas idle: a large layer's identities read too);
* each size is opened twice, in two processes: the **first open ever** (the overviews kept in
  the workspace deleted first: the run reads the points and keeps their overview) and the
  **next open** (``canvas_next_open``: drawn from that overview), side by side in ``summary``;
* full redraw: from the request to the last image composed, median and p95 of ``--repeats``,
  with the GUI thread's compose-and-blit of the result and the jobs of the last one;
* the longest GUI-thread stall during a scripted pan (a 5 ms QTimer heartbeat records its gaps
  while a drag moves the map every 16 ms, and while the re-render after it runs);
* QGIS (Debian's python3-qgis, ``/usr/bin/python3``) rendering the same GeoPackage at the same
  extent and size (``QgsMapRendererParallelJob``, its default styles from ``layer_styles``), in
  a subprocess of this run: its full redraw median and peak memory, and our redraw's ratio to
  it. Skipped (and said so) where QGIS is not installed or ``--no-qgis``;
* a baseline for sizes up to ``--baseline-up-to``: the same needs and zones drawn the plain way
  (one QPainter call a feature) on the GUI thread;
* start-up of the canvas alone and of the main window on the demo alone;
* the CPU seconds the process spent (every thread) to each mark, beside the wall times: on a
  machine shared with other work the wall times stretch with the load average (printed);
* with ``--baseline-tree DIR`` (an older commit, ``git archive 8efec32 | tar -x -C DIR``) that
  tree's canvas opens each size too, alternating with this one's (``--open-runs`` first opens
  each), in the same run: ``summary[].baseline_tree`` beside ``summary[].first_opens``.

Prints one JSON document; ``summary`` holds one row a size.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REGION = (128.0, -18.6, 129.4, -17.6)  # the demo region (lon/lat)
HAZARDS = ("armed_conflict", "shelling", "airstrike", "landmines_uxo", "flood", "fire")
QGIS_PYTHON = "/usr/bin/python3"


def build_workspace(path: Path, needs: int, zones: int, seed: int = 11) -> dict:
    import geopandas as gpd
    import numpy as np
    import shapely

    started = time.perf_counter()
    try:
        from humanops.scenario.demo import create_demo_workspace

        ws = create_demo_workspace(path)
        demo = True
    except ImportError:
        from humanops.store.workspace import Workspace

        ws = Workspace.create(path, organisation="ocha")
        demo = False
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = REGION
    if needs:
        lon = rng.uniform(minx, maxx, needs)
        lat = rng.uniform(miny, maxy, needs)
        frame = gpd.GeoDataFrame({
            "name": [f"Site {i:06d}" for i in range(needs)],
            "population": np.clip(rng.lognormal(6.5, 1.2, needs), 10, 9_000_000).astype(int),
            "severity_phase": rng.integers(1, 6, needs),
        }, geometry=shapely.points(lon, lat), crs=4326)
        ws.add_frame("need", frame)
    if zones:
        # Irregular star-shaped outlines (always valid): 24 vertices, radius varying by vertex.
        k = 24
        cx = rng.uniform(minx, maxx, zones)[:, None]
        cy = rng.uniform(miny, maxy, zones)[:, None]
        radius = rng.uniform(0.003, 0.03, zones)[:, None] * rng.uniform(0.7, 1.3, (zones, k))
        angle = np.linspace(0, 2 * np.pi, k, endpoint=False)[None, :]
        ring = np.stack([cx + radius * np.cos(angle), cy + radius * np.sin(angle)], axis=-1)
        blobs = shapely.polygons(np.concatenate([ring, ring[:, :1]], axis=1))
        frame = gpd.GeoDataFrame({
            "name": [f"Zone {i:05d}" for i in range(zones)],
            "hazard": rng.choice(HAZARDS, zones),
            "severity": rng.integers(1, 6, zones),
        }, geometry=blobs, crs=4326)
        ws.add_frame("danger_zone", frame)
    counts = {layer: ws.count(layer) for layer in ws.layers()}
    ws.close()
    return {"demo_scenario": demo, "counts": counts, "build_s": round(time.perf_counter() - started, 2)}


def _wait(app, condition, timeout_s: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.002)
    return True


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def peak_rss_mb() -> float | None:
    """This process's peak resident set, from /proc (None elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


# --- the child: one size, from process start ----------------------------------------------------
def child_main(path: Path, width: int, height: int, repeats: int, pan_s: float, baseline: bool,
               started: float) -> dict:
    """Runs in a fresh process: open the workspace on a canvas, time it to the drawn map and to
    idle, then redraws and a pan. ``started``: the parent's clock when it started this process."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    import humanops.ui  # noqa: F401  (the PySide6 workaround, before any Qt call)
    from humanops.store.workspace import Workspace
    from humanops.ui.canvas import MapCanvas

    marks: dict[str, float] = {"imported": time.time() - started}
    # CPU seconds of the whole process (every thread) at each mark: on a machine shared with other
    # work the wall times stretch with the load; the CPU spent to get there does much less.
    cpu: dict[str, float] = {"imported": time.process_time()}
    app = QApplication.instance() or QApplication([])

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "first_frame" not in marks:
                marks["first_frame"] = time.time() - started
            return False

    paint_filter = FirstPaint()
    app.installEventFilter(paint_filter)
    canvas = MapCanvas()
    canvas.resize(width, height)
    canvas.show()
    jobs: dict[str, float] = {}
    canvas._queue.finished.connect(lambda key, gen, result, ms: jobs.__setitem__(key, round(ms, 1)))

    from_overview = getattr(canvas, "drawn_from_overview", lambda name: False)
    drawn_from: list[str] = []

    def drawn(features_only: bool) -> bool:
        layers = canvas.layer_names()
        return bool(layers) and all(f"layer:{n}" in canvas._images and (
            canvas.snapshot(n) is not None or (not features_only and from_overview(n))) for n in layers)

    def on_render(ms: float) -> None:
        if "map_drawn" not in marks and drawn(False):
            marks["map_drawn"] = time.time() - started
            cpu["map_drawn"] = time.process_time()
            drawn_from.extend(n for n in canvas.layer_names() if from_overview(n))
        if "map_from_features" not in marks and drawn(True):
            marks["map_from_features"] = marks["map_styled"] = time.time() - started

    canvas.renderFinished.connect(on_render)
    ws = Workspace.open(path)
    canvas.set_workspace(ws)
    _wait(app, lambda: "map_drawn" in marks, 180)
    _wait(app, lambda: "map_from_features" in marks, 180)
    _wait(app, canvas.is_idle, 180)
    marks["loaded"] = time.time() - started
    cpu["loaded"] = time.process_time()
    load_jobs = {k: v for k, v in jobs.items() if k.startswith(("load:", "identity:", "details:"))}
    app.removeEventFilter(paint_filter)

    out = {"from_process_start_s": {k: round(v, 3) for k, v in marks.items()}, "load_jobs_ms": load_jobs,
           "map_drawn_from_overview": drawn_from, "cpu_s_from_process_start": {k: round(v, 3) for k, v in cpu.items()},
           "load_avg_after_open": list(os.getloadavg())}
    out.update(measure_redraw_and_pan(app, canvas, jobs, repeats, pan_s))
    out["view_extent_3857"] = list(canvas.view().extent)
    out["rss_mb_after"] = _rss_now_mb()
    if baseline:
        out["baseline"] = measure_baseline(canvas)
        out["ratio_baseline_to_canvas"] = round(out["baseline"]["needs_and_zones_ms"]
                                                / out["full_redraw_ms"]["median"], 2)
    canvas.shutdown()
    ws.close()
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def _rss_now_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def measure_redraw_and_pan(app, canvas, jobs: dict, repeats: int, pan_s: float) -> dict:
    from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    finished: list[float] = []
    canvas.renderFinished.connect(finished.append)
    redraw_ms: list[float] = []
    compose_ms: list[float] = []
    for _ in range(repeats):
        finished.clear()
        jobs.clear()
        canvas.refresh_all()
        _wait(app, lambda: bool(finished) and canvas.is_idle())
        redraw_ms.append(finished[-1])
        t = time.perf_counter()
        canvas.repaint()  # compose the images and blit: GUI thread
        compose_ms.append((time.perf_counter() - t) * 1000)
    render_jobs = dict(jobs)
    width, height = canvas.width(), canvas.height()

    gaps_pan: list[float] = []
    gaps_after: list[float] = []
    phase = {"now": gaps_pan}
    last = [time.perf_counter()]
    pan_started = [0.0]
    worst = [0.0, 0.0]  # gap ms, when (ms after the pan started)

    def beat() -> None:
        now = time.perf_counter()
        gap = (now - last[0]) * 1000
        phase["now"].append(gap)
        if gap > worst[0]:
            worst[:] = [gap, (now - pan_started[0]) * 1000]
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(beat)
    position = [QPointF(width / 2, height / 2)]

    def mouse(kind: QEvent.Type, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        event = QMouseEvent(kind, position[0], canvas.mapToGlobal(position[0]), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(canvas, event)

    steps = max(1, int(pan_s * 1000 / 16))
    step = [0]
    mover = QTimer()
    mover.setTimerType(Qt.TimerType.PreciseTimer)

    def move() -> None:
        step[0] += 1
        # A loop: right and down, then back, so the pan covers data the whole time.
        direction = 1 if (step[0] // 40) % 2 == 0 else -1
        position[0] = position[0] + QPointF(7 * direction, 4 * direction)
        mouse(QEvent.Type.MouseMove, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
        if step[0] >= steps:
            mover.stop()
            mouse(QEvent.Type.MouseButtonRelease, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
            phase["now"] = gaps_after

    mover.timeout.connect(move)
    gc.collect()
    last[0] = pan_started[0] = time.perf_counter()
    heartbeat.start(5)
    mouse(QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
    mover.start(16)
    _wait(app, lambda: phase["now"] is gaps_after, pan_s * 4 + 10)
    _wait(app, canvas.is_idle, 60)  # the re-render after the pan: until idle, and a little longer
    settle = time.perf_counter() + 0.3
    _wait(app, lambda: time.perf_counter() > settle, 5)
    heartbeat.stop()
    canvas.zoom_full()  # back to where the redraws were measured (QGIS renders that extent)
    _wait(app, canvas.is_idle, 60)
    return {
        "size": [width, height],
        "full_redraw_ms": {"median": round(statistics.median(redraw_ms), 1),
                           "p95": round(_percentile(redraw_ms, 0.95), 1),
                           "min": round(min(redraw_ms), 1), "runs": [round(v, 1) for v in redraw_ms]},
        "compose_and_blit_ms": {"median": round(statistics.median(compose_ms), 1),
                                "max": round(max(compose_ms), 1)},
        "render_jobs_ms_last_redraw": render_jobs,
        "pan": {
            "duration_s": pan_s, "heartbeat_ms": 5,
            "max_gap_ms_during_pan": round(max(gaps_pan), 1) if gaps_pan else None,
            "p99_gap_ms_during_pan": round(_percentile(gaps_pan, 0.99), 1) if gaps_pan else None,
            "max_gap_ms_during_rerender": round(max(gaps_after), 1) if gaps_after else None,
            "p99_gap_ms_during_rerender": round(_percentile(gaps_after, 0.99), 1) if gaps_after else None,
            "max_gap_ms": round(max(gaps_pan + gaps_after), 1) if gaps_pan or gaps_after else None,
            "max_gap_at_ms_after_pan_start": round(worst[1]),
            "pan_steps": steps,
        },
    }


def measure_baseline(canvas) -> dict:
    """Needs and zones drawn one QPainter call a feature, on this thread, for the same view."""
    import numpy as np
    import shapely
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

    view = canvas.view()
    image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    out = {}
    started = time.perf_counter()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    zones = canvas.snapshot("danger_zone")
    painter.setPen(QPen(QColor("#7f2704"), 1.2))
    painter.setBrush(QColor(253, 141, 60, 115))
    for geometry in zones.geoms:
        for part in shapely.get_parts(geometry):
            xy = np.asarray(part.exterior.coords)
            px, py = view.to_pixel(xy[:, 0], xy[:, 1])
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in zip(px.tolist(), py.tolist(), strict=True)]))
    out["zones_ms"] = round((time.perf_counter() - started) * 1000, 1)
    t = time.perf_counter()
    needs = canvas.snapshot("need")
    xy = needs.point_xy
    px, py = view.to_pixel(xy[:, 0], xy[:, 1])
    sizes = needs.marker_sizes
    painter.setPen(QPen(QColor("#2d2a5e"), 0.8))
    painter.setBrush(QColor(117, 107, 177, 190))
    for x, y, s in zip(px.tolist(), py.tolist(), sizes.tolist(), strict=True):
        painter.drawEllipse(QPointF(x, y), s / 2, s / 2)
    painter.end()
    out["needs_ms"] = round((time.perf_counter() - t) * 1000, 1)
    out["needs_and_zones_ms"] = round(out["zones_ms"] + out["needs_ms"], 1)
    out["what"] = "one QPainter call a feature (drawPolygon from QPointF lists, drawEllipse), GUI thread"
    return out


def forget_overviews(path: Path) -> int:
    """Delete the point overviews kept in the workspace (the next open is a first open ever)."""
    import sqlite3

    from humanops.store.point_overview import TABLE

    connection = sqlite3.connect(path)
    try:
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone() is None:
            return 0
        with connection:
            return connection.execute(f"DELETE FROM {TABLE}").rowcount
    finally:
        connection.close()


def measure_size(path: Path, args: argparse.Namespace, baseline: bool, tree: Path | None = None) -> dict:
    """One open of ``path`` in a fresh process: this tree's canvas, or the one of ``tree`` (its own
    copy of this benchmark is run, so it imports its own humanops)."""
    script = (tree / "benchmarks" / "bench_canvas.py") if tree is not None else Path(__file__).resolve()
    command = [sys.executable, str(script), "--child", str(path), "--width", str(args.width),
               "--height", str(args.height), "--repeats", str(args.repeats), "--pan-seconds", str(args.pan_seconds)]
    if baseline:
        command.append("--child-baseline")
    started = time.time()
    done = subprocess.run([*command, "--child-started", repr(started)], capture_output=True, text=True,
                          timeout=1800, env={**os.environ})
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": (done.stderr or done.stdout)[-1500:]}
    return json.loads(lines[-1])


# --- QGIS, the same file --------------------------------------------------------------------------
_QGIS = r"""
import json, os, sqlite3, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsMapRendererParallelJob, QgsMapSettings,
                       QgsRectangle, QgsVectorLayer, QgsWkbTypes)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
path, width, height, repeats, png = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[6]
extent = [float(v) for v in sys.argv[5].split(",")]
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
started = time.perf_counter()
names = [r[0] for r in sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute(
    "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'")]
layers = [QgsVectorLayer(f"{path}|layername={name}", name, "ogr") for name in names]
layers = [layer for layer in layers if layer.isValid()]
opened = time.perf_counter() - started
# bottom to top as the canvas draws them: areas, lines, points (QGIS lists the top first)
rank = {QgsWkbTypes.PolygonGeometry: 0, QgsWkbTypes.LineGeometry: 1, QgsWkbTypes.PointGeometry: 2}
layers.sort(key=lambda layer: rank.get(layer.geometryType(), 3), reverse=True)
settings = QgsMapSettings()
settings.setLayers(layers)
settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
settings.setOutputSize(QSize(width, height))
settings.setExtent(QgsRectangle(*extent))
settings.setBackgroundColor(QColor("#f2efe9"))
times = []
for _ in range(repeats):
    job = QgsMapRendererParallelJob(settings)
    t = time.perf_counter()
    job.start()
    job.waitForFinished()
    times.append(time.perf_counter() - t)
job.renderedImage().save(png)
hwm = None
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        hwm = int(line.split()[1]) / 1024
from qgis.core import Qgis
print(json.dumps({"version": Qgis.QGIS_VERSION, "layers": [layer.name() for layer in layers], "open_s": opened,
                  "full_redraw_s": times, "peak_rss_mb": hwm}), flush=True)
os._exit(0)
"""


def measure_qgis(path: Path, extent: list[float], width: int, height: int, repeats: int, png: Path) -> dict:
    if not Path(QGIS_PYTHON).exists():
        return {"skipped": f"{QGIS_PYTHON} not found"}
    probe = subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], capture_output=True, text=True)
    if probe.returncode != 0:
        return {"skipped": "python3-qgis is not installed: " + probe.stderr.strip()[-200:]}
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run([QGIS_PYTHON, "-c", _QGIS, str(path), str(width), str(height), str(repeats),
                           ",".join(repr(v) for v in extent), str(png)],
                          capture_output=True, text=True, timeout=3600, env=env)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"error": (done.stderr or done.stdout)[-1500:]}
    result = json.loads(lines[-1])
    times = result.pop("full_redraw_s")
    result["full_redraw_s"] = {"median": round(statistics.median(times), 3), "runs": [round(t, 3) for t in times]}
    result["open_s"] = round(result["open_s"], 3)
    result["peak_rss_mb"] = round(result["peak_rss_mb"], 1) if result.get("peak_rss_mb") else None
    result["image"] = str(png)
    return result


# --- start-up on the demo alone (unchanged measure: canvas alone and main window) -------------------
_STARTUP = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {root!r})
marks = {{}}
import humanops.ui
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication
mode, path, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "first_frame" not in marks:
            marks["first_frame"] = time.time()
        return False

if mode == "main_window":
    from humanops.ui.app import create_application
    app = create_application()
    from humanops.ui.main_window import MainWindow
    from PySide6.QtCore import QSettings
    import tempfile
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, restore_layout=False)
    canvas = window.canvas
    open_workspace = lambda: window.open_workspace(path)
else:
    app = QApplication([])
    from humanops.ui.canvas import MapCanvas
    window = canvas = MapCanvas()
    def open_workspace():
        from humanops.store.workspace import Workspace
        canvas.set_workspace(Workspace.open(path))
filt = FirstPaint()
app.installEventFilter(filt)
window.resize(width, height)

def on_render(ms):
    layers = canvas.layer_names()
    if layers and all(canvas.snapshot(n) is not None for n in layers) and canvas.is_idle() and "map" not in marks:
        marks["map"] = time.time()
        QTimer.singleShot(0, app.quit)
canvas.renderFinished.connect(on_render)
window.show()
QTimer.singleShot(0, open_workspace)
QTimer.singleShot(120_000, app.quit)
app.exec()
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        marks["peak_rss_mb"] = int(line.split()[1]) / 1024
print(json.dumps(marks), flush=True)
os._exit(0)
"""


def measure_startup(path: Path, mode: str, width: int, height: int, runs: int) -> dict:
    script = _STARTUP.format(root=str(ROOT))
    results = []
    for _ in range(runs):
        started = time.time()
        done = subprocess.run([sys.executable, "-c", script, mode, str(path), str(width), str(height)],
                              capture_output=True, text=True, timeout=300, env={**os.environ})
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if not lines:
            return {"error": (done.stderr or done.stdout)[-800:]}
        marks = json.loads(lines[-1])
        results.append({
            "first_frame_s": round(marks["first_frame"] - started, 3) if "first_frame" in marks else None,
            "map_drawn_s": round(marks["map"] - started, 3) if "map" in marks else None,
            "peak_rss_mb": round(marks.get("peak_rss_mb", 0.0), 1),
        })
    first = [r["first_frame_s"] for r in results if r["first_frame_s"] is not None]
    drawn = [r["map_drawn_s"] for r in results if r["map_drawn_s"] is not None]
    return {
        "first_frame_s_median": round(statistics.median(first), 3) if first else None,
        "map_drawn_s_median": round(statistics.median(drawn), 3) if drawn else None,
        "runs": results,
    }


def _opens_summary(opens: list[dict]) -> dict:
    """Medians and runs of some opens of one size (each a child's output)."""
    def runs(get) -> list:
        return [get(o) for o in opens if "from_process_start_s" in o]

    drawn = runs(lambda o: o["from_process_start_s"].get("map_drawn"))
    return {
        "first_drawn_map_s_median": round(statistics.median(drawn), 3) if drawn else None,
        "first_drawn_map_s_runs": drawn,
        "first_drawn_map_cpu_s_runs": runs(lambda o: o.get("cpu_s_from_process_start", {}).get("map_drawn")),
        "loaded_s_runs": runs(lambda o: o["from_process_start_s"].get("loaded")),
        "peak_rss_mb_runs": runs(lambda o: o.get("peak_rss_mb")),
        "drawn_from_overview": runs(lambda o: o.get("map_drawn_from_overview")),
        "errors": [o["error"][-300:] for o in opens if "error" in o],
    }


def _sizes(text: str) -> list[int]:
    return [int(float(part)) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--needs", default="100000,1000000", help="need points, a size or several: 100000,1000000")
    parser.add_argument("--zones", default="5000,20000", help="danger zones: one for all sizes or one a size")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--pan-seconds", type=float, default=2.0)
    parser.add_argument("--startup-runs", type=int, default=2)
    parser.add_argument("--qgis-repeats", type=int, default=3)
    parser.add_argument("--no-qgis", action="store_true", help="skip the QGIS side")
    parser.add_argument("--no-next-open", dest="next_open", action="store_false",
                        help="open each size once (the first open ever), not a second time")
    parser.add_argument("--baseline-up-to", type=int, default=200_000,
                        help="draw the plain-QPainter baseline for sizes up to this many needs")
    parser.add_argument("--baseline-tree", type=Path,
                        help="a checkout of an older commit (git archive 8efec32 | tar -x -C DIR): its canvas "
                             "opens each size too, alternating with this one's, in the same run")
    parser.add_argument("--open-runs", type=int, default=1,
                        help="first opens ever a size (and a tree): the summary gives their median")
    parser.add_argument("--workspace-dir", type=Path,
                        help="keep (and reuse) the workspaces here, named by size (building 1M needs takes a while)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-started", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--child-baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child is not None:
        result = child_main(args.child, args.width, args.height, args.repeats, args.pan_seconds,
                            args.child_baseline, args.child_started or time.time())
        print(json.dumps(result), flush=True)
        os._exit(0)  # skip Qt's teardown of the offscreen platform (nothing left to flush)

    needs = _sizes(args.needs)
    zones = _sizes(args.zones)
    if len(zones) not in (1, len(needs)):
        parser.error("--zones takes one value, or one a size of --needs")
    zones = zones * len(needs) if len(zones) == 1 else zones

    folder = tempfile.TemporaryDirectory(prefix="bench-canvas-")
    keep = args.workspace_dir or Path(folder.name)
    keep.mkdir(parents=True, exist_ok=True)
    report: dict = {"benchmark": "canvas", "args": {k: str(v) if isinstance(v, Path) else v
                                                    for k, v in vars(args).items() if not k.startswith("child")}}
    report["load_avg_at_start"] = list(os.getloadavg())
    report["sizes"] = []
    summary = []
    for n_needs, n_zones in zip(needs, zones, strict=True):
        path = keep / f"bench_{n_needs}_needs_{n_zones}_zones.gpkg"
        entry: dict = {"needs": n_needs, "zones": n_zones}
        entry["workspace"] = {"reused": str(path)} if path.exists() else build_workspace(path, n_needs, n_zones)
        # First opens ever, alternating with the baseline tree's when one is given (the same load
        # on the machine for both, as far as it can be had): the overviews deleted before each.
        firsts: list[dict] = []
        base_firsts: list[dict] = []
        for run in range(max(1, args.open_runs)):
            if args.baseline_tree is not None:
                forget_overviews(path)
                base_firsts.append(measure_size(path, args, baseline=False, tree=args.baseline_tree))
            entry["overviews_deleted_before_first_open"] = forget_overviews(path)
            firsts.append(measure_size(path, args, baseline=run == 0 and n_needs <= args.baseline_up_to))
        entry["canvas"] = canvas = firsts[0]
        entry["canvas_next_open"] = again = measure_size(path, args, baseline=False) if args.next_open else {}
        if args.baseline_tree is not None:
            entry["baseline_tree_first_opens"] = base_firsts
            entry["baseline_tree_next_open"] = measure_size(path, args, baseline=False, tree=args.baseline_tree) \
                if args.next_open else {}
        if args.no_qgis:
            entry["qgis"] = {"skipped": "--no-qgis"}
        elif "view_extent_3857" in canvas:
            png = Path(tempfile.gettempdir()) / f"bench_canvas_qgis_{n_needs}.png"
            entry["qgis"] = measure_qgis(path, canvas["view_extent_3857"], args.width, args.height,
                                         args.qgis_repeats, png)
        else:
            entry["qgis"] = {"skipped": "the canvas run failed"}
        row = {"needs": n_needs, "zones": n_zones}
        if "full_redraw_ms" in canvas:
            starts = canvas["from_process_start_s"]
            row.update({
                "peak_rss_mb": canvas["peak_rss_mb"],
                "first_frame_s": starts.get("first_frame"),
                "first_drawn_map_s": starts.get("map_drawn"),
                "first_drawn_map_from_overview": canvas.get("map_drawn_from_overview"),
                "first_drawn_map_cpu_s": canvas.get("cpu_s_from_process_start", {}).get("map_drawn"),
                "map_from_features_s": starts.get("map_from_features", starts.get("map_styled")),
                "loaded_s": starts.get("loaded"),
                "full_redraw_median_ms": canvas["full_redraw_ms"]["median"],
                "full_redraw_p95_ms": canvas["full_redraw_ms"]["p95"],
                "pan_max_gap_ms": canvas["pan"]["max_gap_ms"],
            })
            qgis = entry["qgis"].get("full_redraw_s")
            if qgis:
                row["qgis_full_redraw_median_s"] = qgis["median"]
                row["qgis_peak_rss_mb"] = entry["qgis"].get("peak_rss_mb")
                row["redraw_ratio_to_qgis"] = round(canvas["full_redraw_ms"]["median"] / 1000 / qgis["median"], 3)
        if "from_process_start_s" in again:
            starts = again["from_process_start_s"]
            row["next_open"] = {
                "peak_rss_mb": again.get("peak_rss_mb"), "first_frame_s": starts.get("first_frame"),
                "first_drawn_map_s": starts.get("map_drawn"),
                "first_drawn_map_from_overview": again.get("map_drawn_from_overview"),
                "first_drawn_map_cpu_s": again.get("cpu_s_from_process_start", {}).get("map_drawn"),
                "map_from_features_s": starts.get("map_from_features"), "loaded_s": starts.get("loaded"),
                "imported_s": starts.get("imported"),
                "full_redraw_median_ms": again.get("full_redraw_ms", {}).get("median")}
        row["first_opens"] = _opens_summary(firsts)
        if args.baseline_tree is not None:
            row["baseline_tree"] = {"tree": str(args.baseline_tree), "first_opens": _opens_summary(base_firsts),
                                    "next_open": _opens_summary([entry["baseline_tree_next_open"]])
                                    if args.next_open else None}
            ours, theirs = row["first_opens"]["first_drawn_map_s_median"], \
                row["baseline_tree"]["first_opens"]["first_drawn_map_s_median"]
            if ours and theirs:
                row["first_drawn_map_ratio_to_baseline_tree"] = round(ours / theirs, 3)
        row["imported_s"] = canvas.get("from_process_start_s", {}).get("imported")
        row["load_avg_at_end"] = list(os.getloadavg())
        summary.append(row)
        report["sizes"].append(entry)
    report["summary"] = summary
    report["goals"] = {"peak_rss_mb_below": 1000, "first_drawn_map_s_below": 3.0,
                       "full_redraw_ratio_to_qgis_below": 0.1, "pan_stall_ms": 50}

    demo_only = Path(folder.name) / "demo.gpkg"
    build_workspace(demo_only, 0, 0)
    startup = {"canvas_alone_demo": measure_startup(demo_only, "canvas", args.width, args.height, args.startup_runs)}
    try:
        import humanops.ui.main_window  # noqa: F401

        startup["main_window_demo"] = measure_startup(demo_only, "main_window", args.width, args.height,
                                                      args.startup_runs)
    except ImportError as exc:
        startup["main_window_demo"] = {"skipped": str(exc)}
    report["startup_from_process_start_demo"] = startup
    print(json.dumps(report, indent=2))
    folder.cleanup()
    os._exit(0)


if __name__ == "__main__":
    main()
