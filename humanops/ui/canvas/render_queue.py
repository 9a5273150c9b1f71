"""Render and load jobs on worker threads of the canvas's own, results back in the GUI thread.

Each job has a key ("layer:need", "labels", "load:road"...). Submitting a key again
supersedes the job before it: the old one sees ``should_stop()`` turn true at its next check
and its result is dropped, so a fast pan or zoom never queues up stale renders.

The workers are Python threads, not a QThreadPool: pyproj 3.7 keeps its PROJ context in
thread-local storage tied to the Python thread state, which a QThreadPool thread loses
between two runnables — the next pyproj call there crashes the process (pyproj issue 1509).
QImage and QPainter work on any thread; results cross to the GUI thread by a queued signal.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QImage, QPainter

from humanops.ui.canvas.basemap_world import SEA
from humanops.ui.canvas.layer_renderer import Stopped, new_image
from humanops.ui.canvas.map_view import MapView

log = logging.getLogger(__name__)

Job = Callable[[Callable[[], bool]], Any]


class _Workers:
    """A few daemon threads taking jobs by priority (higher first), then in order."""

    def __init__(self, count: int) -> None:
        self.tasks: queue.PriorityQueue[tuple[int, int, Callable[[], None] | None]] = queue.PriorityQueue()
        self.order = itertools.count()
        self.closing = False
        self.threads = [threading.Thread(target=self._loop, name=f"canvas-render-{i}", daemon=True)
                        for i in range(count)]
        for thread in self.threads:
            thread.start()

    def _loop(self) -> None:
        while True:
            _, _, task = self.tasks.get()
            if task is None:
                return
            task()

    def put(self, task: Callable[[], None], priority: int) -> None:
        self.tasks.put((-priority, next(self.order), task))

    def stop(self, wait_s: float = 5.0) -> None:
        if self.closing:
            return
        self.closing = True
        with contextlib.suppress(queue.Empty):
            while True:
                self.tasks.get_nowait()
        for _ in self.threads:
            self.tasks.put((1 << 30, next(self.order), None))
        deadline = time.monotonic() + wait_s
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))


class RenderQueue(QObject):
    """``finished(key, generation, result, ms)``: result is None when the job was superseded
    or failed (a failure is logged, never raised into the GUI)."""

    finished = Signal(str, int, object, float)

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self._workers = _Workers(threads)
        workers = self._workers
        self.destroyed.connect(lambda *_: workers.stop(1.0))
        self._latest: dict[str, int] = {}
        self._serial = 0
        self._running = 0
        self.failures: list[str] = []

    def submit(self, key: str, job: Job, priority: int = 0) -> int:
        self._serial += 1
        generation = self._latest[key] = self._serial
        workers = self._workers
        if workers.closing:
            return generation  # shut down: nothing runs any more
        self._running += 1

        def should_stop() -> bool:
            return workers.closing or self._latest.get(key) != generation

        def run() -> None:
            started = time.perf_counter()
            result = None
            try:
                if not should_stop():
                    result = job(should_stop)
            except Stopped:
                result = None
            except Exception as exc:  # a bug in drawing must not take the app down
                log.exception("canvas job %s failed", key)
                self.failures.append(f"{key}: {exc!r}")
                result = None
            if not workers.closing:
                with contextlib.suppress(RuntimeError):  # RuntimeError: the canvas is gone
                    self.finished.emit(key, generation, result, (time.perf_counter() - started) * 1000)

        workers.put(run, priority)
        return generation

    def latest(self, key: str) -> int | None:
        return self._latest.get(key)

    def is_current(self, key: str, generation: int) -> bool:
        return self._latest.get(key) == generation

    def job_done(self) -> None:
        """Called by the receiver of ``finished`` for every job (counts what is in flight)."""
        self._running = max(0, self._running - 1)

    @property
    def running(self) -> int:
        return self._running

    def supersede_all(self) -> None:
        self._serial += 1
        for key in self._latest:
            self._latest[key] = -self._serial

    def shutdown(self, wait_ms: int = 5000) -> None:
        self._workers.stop(wait_ms / 1000)


def blit(painter: QPainter, image: QImage, view: MapView, target: MapView) -> None:
    """Draw an image rendered for ``view`` where it belongs in ``target`` (shifted, scaled)."""
    tminx, _, _, tmaxy = target.extent
    minx, _, _, maxy = view.extent
    left = (minx - tminx) / target.resolution
    top = (tmaxy - maxy) / target.resolution
    scale = view.resolution / target.resolution
    if abs(scale - 1.0) < 1e-9 and view.width == target.width and view.height == target.height:
        painter.drawImage(QPointF(round(left), round(top)), image)
    else:
        painter.drawImage(QRectF(left, top, view.width * scale, view.height * scale), image)


def compose(parts: list[tuple[QImage, MapView, float]], target: MapView) -> QImage:
    """Images (bottom first, with their views and opacities) in one image for ``target``."""
    image = new_image(target)
    image.fill(QColor(SEA))
    painter = QPainter(image)
    for part, view, opacity in parts:
        painter.setOpacity(opacity)
        blit(painter, part, view, target)
    painter.end()
    return image
