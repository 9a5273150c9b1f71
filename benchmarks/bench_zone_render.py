"""Danger zones' first render, alone: the job a canvas runs for the zones on a workspace's first
open, measured in a fresh process a tree, and the images compared pixel by pixel.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_zone_render.py \
        --workspace /path/bench_1000000_needs_20000_zones.gpkg --baseline-tree /tmp/old --runs 3

Each run is a child process that reads the danger zones as the canvas does on a first open
(the view fitted to the workspace's extent at ``--width`` x ``--height``, the layer read by
extent for that view and as much again around it), makes the layer's snapshot, then renders:

* ``first``: the first frame of that snapshot (its spatial index, per-zoom simplification and
  paths made on the way), the job the first open waits for;
* ``next``: ``--repeats`` more frames of the same view (what caches keep);
* ``markings``: one frame with the TLP markings shown.

For each it reports wall and CPU seconds (the rendering thread's own, so other work on the
machine stretches the wall time but hardly the CPU). With ``--baseline-tree DIR`` (an older
checkout, ``git archive 66919ab | tar -x -C DIR``) that tree's renderer runs the same jobs,
alternating with this one's; ``identical`` says whether both trees drew the same pixels.
``--profile N`` prints the N costliest functions of this tree's first frame on stderr.
Without ``--workspace`` a workspace of ``--zones`` zones is built (bench_canvas's generator).
Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


def child_main(tree: Path, path: Path, width: int, height: int, repeats: int, png_dir: Path,
               profile: int) -> dict:
    """In a fresh process whose ``humanops`` is ``tree``'s: read the zones, render, time."""
    sys.path.insert(0, str(tree))
    from PySide6.QtWidgets import QApplication

    import humanops.ui  # (the PySide6 workaround, before any Qt call)
    from humanops.store.workspace import Workspace
    from humanops.ui.canvas import MapCanvas
    from humanops.ui.canvas.layer_renderer import RenderSettings, render_layer
    try:  # where the snapshot lives since issue 16; a baseline tree may predate the move
        from humanops.viewmodel.layers.layer_data import BufferCache, snapshot_from_columns
        from humanops.viewmodel.layers.layer_stages import read_columns, whole_columns
    except ImportError:
        from humanops.ui.canvas.layer_data import BufferCache, snapshot_from_columns  # type: ignore[no-redef]
        from humanops.ui.canvas.layer_stages import read_columns, whole_columns  # type: ignore[no-redef]

    assert Path(humanops.ui.__file__).resolve().is_relative_to(tree.resolve()), humanops.ui.__file__
    app = QApplication.instance() or QApplication([])
    canvas = MapCanvas()  # never shown: only its view-fitting and read-box logic is used
    canvas.resize(width, height)
    ws = Workspace.open(path)
    extent = canvas._workspace_extent(ws)
    canvas.zoom_to_extent(*extent)
    view = canvas._view.with_size(width, height)
    canvas._view = view
    box = canvas._extent_box()
    kind = ws.kind("danger_zone")
    ws.close()

    def timed(job: Callable[[], Any]) -> tuple[Any, float, float]:  # wall and this thread's CPU seconds
        wall, cpu = time.perf_counter(), time.thread_time()
        result = job()
        return result, round(time.perf_counter() - wall, 4), round(time.thread_time() - cpu, 4)

    read, read_wall, read_cpu = timed(lambda: read_columns(path, kind, whole_columns(kind), bbox=box))
    snapshot, snap_wall, snap_cpu = timed(lambda: snapshot_from_columns(kind, read, 1, BufferCache(),
                                                                         extent_box=box))
    plain = RenderSettings()
    if profile:
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    image, first_wall, first_cpu = timed(lambda: render_layer(snapshot, view, plain))
    if profile:
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(profile)
        print(text.getvalue(), file=sys.stderr)
    image.save(str(png_dir / "first.png"))
    nexts = [timed(lambda: render_layer(snapshot, view, plain))[1:] for _ in range(repeats)]
    marked = RenderSettings(show_markings=True)
    marked_image, mark_wall, mark_cpu = timed(lambda: render_layer(snapshot, view, marked))
    marked_image.save(str(png_dir / "markings.png"))
    app.processEvents()
    return {
        "zones_read": len(snapshot), "view": {"extent_3857": [round(v, 1) for v in view.extent],
                                              "size": [width, height], "zoom_bucket": view.zoom_bucket()},
        "read_s": {"wall": read_wall, "cpu": read_cpu}, "snapshot_s": {"wall": snap_wall, "cpu": snap_cpu},
        "first_s": {"wall": first_wall, "cpu": first_cpu},
        "next_s": {"wall": round(statistics.median(w for w, _ in nexts), 4),
                   "cpu": round(statistics.median(c for _, c in nexts), 4)} if nexts else None,
        "markings_s": {"wall": mark_wall, "cpu": mark_cpu},
    }


def run_child(tree: Path, args: argparse.Namespace, path: Path, png_dir: Path, profile: int) -> dict:
    png_dir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(tree), "--workspace", str(path),
               "--width", str(args.width), "--height", str(args.height), "--repeats", str(args.repeats),
               "--png-dir", str(png_dir), "--profile", str(profile)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=str(tree), check=False)
    if done.returncode:
        raise SystemExit(f"child failed ({tree}):\n{done.stderr[-4000:]}")
    if profile:
        print(done.stderr, file=sys.stderr)
    return json.loads(done.stdout)


def compare_images(first: Path, second: Path) -> dict:
    """Pixels that differ between two PNGs, and by how much at most (0-255 a channel)."""
    import numpy as np
    from PySide6.QtGui import QImage

    def pixels(p: Path) -> np.ndarray:
        image = QImage(str(p)).convertToFormat(QImage.Format.Format_ARGB32)
        raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
        return raw.reshape(image.height(), image.bytesPerLine())[:, :image.width() * 4].reshape(
            image.height(), image.width(), 4).astype(np.int16)

    a, b = pixels(first), pixels(second)
    if a.shape != b.shape:
        return {"identical": False, "reason": f"sizes differ: {a.shape} vs {b.shape}"}
    diff = np.abs(a - b).max(axis=2)
    return {"identical": bool(not diff.any()), "pixels_differing": int((diff > 0).sum()),
            "max_channel_difference": int(diff.max())}


def _median_of(runs: list[dict], key: str, part: str) -> float | None:
    values = [r[key][part] for r in runs if r.get(key)]
    return round(statistics.median(values), 4) if values else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", type=Path, help="a bench_canvas workspace (else one is built)")
    parser.add_argument("--zones", type=int, default=20000, help="zones of the workspace built without --workspace")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3, help="frames after the first, a run")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes a tree (alternating with the baseline's)")
    parser.add_argument("--baseline-tree", type=Path, help="an older checkout: its renderer runs the same jobs")
    parser.add_argument("--profile", type=int, default=0, help="print this many functions of a first frame's profile")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--png-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child_main(args.child, args.workspace, args.width, args.height, args.repeats,
                                    args.png_dir, args.profile)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-zone-render-") as scratch:
        work = Path(scratch)
        path = args.workspace
        built = None
        if path is None:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from bench_canvas import build_workspace

            path = work / f"bench_0_needs_{args.zones}_zones.gpkg"
            built = build_workspace(path, 0, args.zones)
        trees = {"this": ROOT}
        if args.baseline_tree:
            trees["baseline"] = args.baseline_tree
        runs: dict[str, list[dict]] = {name: [] for name in trees}
        for i in range(args.runs):
            for name, tree in trees.items():  # alternating: both trees see the same load
                profile = args.profile if (i == 0 and name == "this") else 0
                runs[name].append(run_child(tree, args, path, work / f"{name}{i}", profile))
        out: dict = {"workspace": str(path), "built": built, "runs": args.runs,
                     "load_avg_after": list(os.getloadavg())}
        for name, got in runs.items():
            out[name] = {"zones_read": got[0]["zones_read"], "view": got[0]["view"],
                         **{f"{key}_median": {part: _median_of(got, key, part) for part in ("wall", "cpu")}
                            for key in ("read_s", "snapshot_s", "first_s", "next_s", "markings_s")},
                         "runs": got}
        if "baseline" in runs:
            out["first_cpu_ratio_this_to_baseline"] = round(
                out["this"]["first_s_median"]["cpu"] / out["baseline"]["first_s_median"]["cpu"], 3)
            out["images_vs_baseline"] = {
                png: compare_images(work / "this0" / png, work / "baseline0" / png)
                for png in ("first.png", "markings.png")}
        if args.png_dir:
            args.png_dir.mkdir(parents=True, exist_ok=True)
            for name in trees:
                for png in ("first.png", "markings.png"):
                    (args.png_dir / f"{name}_{png}").write_bytes((work / f"{name}0" / png).read_bytes())
        print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
