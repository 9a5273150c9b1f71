"""Render and load jobs on worker threads of the canvas's own, results back in the GUI thread.

Each job has a key ("layer:need", "labels", "load:road"...). Submitting a key again
supersedes the job before it: the old one sees ``should_stop()`` turn true at its next check
and its result is dropped, so a fast pan or zoom never queues up stale renders.

The workers are Python threads, not a QThreadPool, and read through connections of their own
(docs/architecture.md, section 3). QImage and QPainter work on any thread; results cross to the
GUI thread by a queued signal.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QImage, QPainter

from humanops.errors import HumanOpsError
from humanops.ui.canvas.basemap_world import SEA
from humanops.ui.canvas.layer_renderer import Stopped, new_image
from humanops.ui.gc_policy import install_process_settings
from humanops.viewmodel.map_view import MapView

log = logging.getLogger(__name__)

Job = Callable[[Callable[[], bool]], Any]


NORMAL, EXCLUSIVE, LIGHT = "normal", "exclusive", "light"  # how a job runs beside the others
WORKER_NICENESS = 5  # above the GUI thread's 0: it is scheduled first


def _yield_the_cpu_to_the_gui() -> None:
    """Give the calling worker thread a lower scheduling priority than the GUI thread's. Two
    workers drawing in C (numpy, GEOS, Qt's rasteriser, the GIL released) keep both cores of a
    field laptop busy; the GUI thread, waking for a mouse move, then waits for a core as well as
    for the GIL (the longest stall of the re-render after a pan at a million needs: 32 ms, 21 ms
    so, means of three). Linux only: there a thread is its own task for ``setpriority``."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)


class _Workers:
    """A few daemon threads taking jobs by priority (higher first), then in order. An
    exclusive job runs alone: it waits for the jobs running to end, and the others wait for it
    (reading a large layer beside a render is slower than the two one after the other: they
    take the GIL from each other; measured, a million needs read in 1.0 s alone, 2.7 s beside
    the danger zones' render)."""

    def __init__(self, count: int) -> None:
        install_process_settings()  # the app's, done at start (ui.app); here too for a canvas made without it
        self.tasks: queue.PriorityQueue[tuple[int, int, Callable[[], None] | None, str]] = queue.PriorityQueue()
        self.order = itertools.count()
        self.closing = False
        self.gate = threading.Condition()
        self.running = 0
        self.waiting = 0  # exclusive jobs waiting for the running ones to end
        self.alone = False
        # short jobs on a thread of their own, never behind a long one (a worker may be waiting
        # for an exclusive job to end)
        self.light_tasks: queue.PriorityQueue[tuple[int, int, Callable[[], None] | None, str]] = queue.PriorityQueue()
        self.threads = [threading.Thread(target=self._loop, name=f"canvas-render-{i}", daemon=True)
                        for i in range(count)]
        self.threads.append(threading.Thread(target=self._light_loop, name="canvas-compose", daemon=True))
        for thread in self.threads:
            thread.start()

    def _loop(self) -> None:
        _yield_the_cpu_to_the_gui()
        while True:
            _, _, task, mode = self.tasks.get()
            if task is None:
                return
            exclusive = mode == EXCLUSIVE
            with self.gate:
                if exclusive:  # jobs taken after it wait for it, not the other way round
                    self.waiting += 1
                    self.gate.wait_for(lambda: not self.alone and self.running == 0)
                    self.waiting -= 1
                else:
                    self.gate.wait_for(lambda: not self.alone and not self.waiting)
                self.running += 1
                self.alone = exclusive
            try:
                task()
            finally:
                task = None  # not kept while waiting for the next: it holds the layers it drew
                with self.gate:
                    self.running -= 1
                    self.alone = False
                    self.gate.notify_all()

    def _light_loop(self) -> None:
        while True:
            _, _, task, _ = self.light_tasks.get()
            if task is None:
                return
            task()
            task = None  # not kept while waiting for the next: it holds what it drew

    def put(self, task: Callable[[], None], priority: int, mode: str = NORMAL) -> None:
        (self.light_tasks if mode == LIGHT else self.tasks).put((-priority, next(self.order), task, mode))

    def stop(self, wait_s: float = 5.0) -> None:
        if self.closing:
            return
        self.closing = True
        for tasks in (self.tasks, self.light_tasks):
            with contextlib.suppress(queue.Empty):
                while True:
                    tasks.get_nowait()
        for _ in self.threads[:-1]:
            self.tasks.put((1 << 30, next(self.order), None, NORMAL))
        self.light_tasks.put((1 << 30, next(self.order), None, NORMAL))
        deadline = time.monotonic() + wait_s
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))


@dataclass(frozen=True)
class JobFailure:
    """What a job that raised hands back instead of its result: the receiver shows it (a layer
    that failed to load is marked failed, never drawn as an empty layer)."""

    key: str
    reason: str  # one readable line
    exception: BaseException  # with its traceback, for the error dialog


def failure_reason(exc: BaseException) -> str:
    if isinstance(exc, HumanOpsError):
        return exc.message
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class RenderQueue(QObject):
    """``finished(key, generation, result, ms)``: result is None when the job was superseded,
    a :class:`JobFailure` when it raised (logged here with its traceback, never raised into
    the GUI)."""

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

    def submit(self, key: str, job: Job, priority: int = 0, mode: str = NORMAL) -> int:
        """Run ``job(should_stop)`` on a worker (higher ``priority`` first; ``mode``
        :data:`EXCLUSIVE`: alone, no other job running meanwhile; :data:`LIGHT`: a short job that
        runs beside any) superseding the job of the same ``key`` before it."""
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
                result = JobFailure(key, failure_reason(exc), exc)
            if not workers.closing:
                with contextlib.suppress(RuntimeError):  # RuntimeError: the canvas is gone
                    self.finished.emit(key, generation, result, (time.perf_counter() - started) * 1000)

        workers.put(run, priority, mode)
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
