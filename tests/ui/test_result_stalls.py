"""Planning results reach the map and the Results dock without stopping the GUI thread: the worker
hands over tables with every cell written and overlays already projected, the GUI thread only sets
them. Driven through the Analysis menu and the dialog's Run button; a 5 ms heartbeat on the GUI
thread must never stop for long (a generous bound for a busy CI machine: the strict 50 ms is
measured by benchmarks/bench_stalls.py)."""

from __future__ import annotations

import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt, QTimer

from humanops.store.workspace import Workspace
from humanops.ui import workers

SOURCES = 3000
STALL_BOUND_MS = 250


@pytest.fixture
def crowded_demo(demo_path: Path) -> Path:
    """The demo with a few thousand more villages, people to evacuate and in need of food."""
    rng = np.random.default_rng(8)
    with Workspace.open(demo_path) as ws:
        x0, y0, x1, y1 = ws.extent("road")
        population = rng.integers(50, 3000, SOURCES)
        ws.add_frame("need", gpd.GeoDataFrame({
            "name": [f"Village {i}" for i in range(SOURCES)], "population": population,
            "to_evacuate": population // 3, "pin_food": population // 2, "severity_phase": rng.integers(1, 6, SOURCES),
        }, geometry=shapely.points(rng.uniform(x0, x1, SOURCES), rng.uniform(y0, y1, SOURCES)), crs=4326))
    return demo_path


class Heartbeat:
    """A 5 ms timer on the GUI thread noting its gaps, and when the worker of interest ended."""

    def __init__(self) -> None:
        self.gaps: list[tuple[float, float]] = []  # (gap ms, when it ended)
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append(((now - self.last) * 1000, now))
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start(5)

    def longest_after(self, moment: float) -> float:
        return max((gap for gap, at in self.gaps if at > moment), default=0.0)


@pytest.fixture
def worker_ends(monkeypatch: pytest.MonkeyPatch) -> dict[int, float]:
    ends: dict[int, float] = {}
    run_here = workers.Worker.run_here

    def timed(self: workers.Worker) -> None:
        run_here(self)
        ends[id(self)] = time.perf_counter()

    monkeypatch.setattr(workers.Worker, "run_here", timed)
    return ends


def _run_from_menu(qtbot, window, text: str, op_id: str, worker_ends: dict[int, float]):
    menu = window.actions.menus["&Analysis"]
    next(a for a in menu.actions() if a.text() == text).trigger()
    dialog = window.planning.dialogs[op_id]
    heartbeat = Heartbeat()
    heartbeat.start()
    with qtbot.waitSignal(dialog.resultReady, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        worker = dialog.worker
    qtbot.waitUntil(lambda: window.canvas.is_idle() and not workers.running_workers(), timeout=30_000)
    qtbot.wait(200)
    heartbeat.timer.stop()
    return blocker.args[0], heartbeat, worker_ends[id(worker)]


@pytest.mark.parametrize(("text", "op_id", "overlay", "table"), [
    ("Evacuation plan…", "plan_evacuation", "result:sources not served", "sources"),
    ("Aid allocation…", "plan_aid", "result:shipments", "coverage"),
])
def test_a_plan_is_applied_from_prepared_data_without_stalling_the_gui(
        qtbot, make_main_window, crowded_demo: Path, worker_ends, text: str, op_id: str, overlay: str,
        table: str) -> None:
    window = make_main_window(crowded_demo)
    run, heartbeat, worker_end = _run_from_menu(qtbot, window, text, op_id, worker_ends)

    # What the map draws is what the worker prepared (projected and indexed there).
    assert run.overlays and window.canvas.overlay(overlay) is run.overlays[overlay]
    assert run.overlays[overlay]._map is not None
    # The table's cells were written by the worker; the dock shows them and sorts them.
    model = window.planning.results.table_model(table)
    assert model is not None and model.rowCount() == len(run.result.tables[table]) > 0
    assert model.data(model.index(0, 0)) == run.tables[table].texts[0, 0]
    window.planning.results.views[table].sortByColumn(0, Qt.SortOrder.DescendingOrder)
    shown = [model.data(model.index(r, 0)) for r in range(min(5, model.rowCount()))]
    assert shown == [run.tables[table].texts[model.row_index(r), 0] for r in range(len(shown))]

    longest = heartbeat.longest_after(worker_end)
    assert longest < STALL_BOUND_MS, f"the GUI thread stopped for {longest:.0f} ms while the {op_id} result was applied"


def test_prepared_table_writes_every_cell_and_keeps_identifiers_last() -> None:
    import pandas as pd

    from humanops.ui.planning.frame_model import FrameModel, prepare_table

    frame = gpd.GeoDataFrame({"shelter_uuid": ["u1", "u2", "u3"], "name": ["B", "A", "C"],
                              "people": [1200, 5, None], "full": [True, False, True]},
                             geometry=[shapely.Point(0, 0)] * 3, crs=4326)
    table = prepare_table(frame)
    assert list(table.frame.columns) == ["name", "people", "full", "shelter_uuid"]
    assert table.texts.tolist() == [["B", "1,200", "yes", "u1"], ["A", "5", "no", "u2"], ["C", "", "yes", "u3"]]
    assert table.widest == ("name", "people", "full", "shelter uuid")
    model = FrameModel(table)
    model.sort(1, Qt.SortOrder.AscendingOrder)  # missing values last
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["A", "B", "C"]
    assert model.row_index(0) == 1
    assert list(model.frame()["name"]) == ["A", "B", "C"]
    assert isinstance(model.frame(), pd.DataFrame)
