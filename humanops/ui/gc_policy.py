"""The app's one policy for the garbage collector and the other process-wide runtime settings.

Why: CPython's cyclic collector runs in whichever thread allocates when a collection is due,
holding the GIL while it walks every tracked object of the process. A full (generation 2)
collection with a workspace open walks millions of objects (geometries, rows, widgets):
measured 85-190 ms each, in workers and render threads, the GUI thread waiting for the GIL
all along (bench_stalls.py --trace lists them). ``gc.freeze()`` moves everything tracked to a
permanent generation the collector no longer walks; frozen objects are still freed by
reference counting as soon as nothing refers to them, so only *cyclic* garbage present at the
moment of a freeze stays until :func:`unfreeze`.

The policy:

* :func:`install_process_settings` — once, at start (``ui.app.create_application``; the canvas's
  render queue calls it too, for a canvas made without it, e.g. in tests): the GIL's switch
  interval and glibc's mmap threshold (their reasons at the constants below).
* :func:`freeze_when_idle` — asked after a workspace is opened and drawn (the canvas, when every
  read is in) and after each worker's result is delivered (imports, receives, plan results:
  ``ui.workers``). Once the app is idle (no worker running, every canvas idle) for
  :data:`IDLE_DELAY_MS`, the young generations are collected (a few ms: cyclic garbage made by
  the work just done is freed, not frozen) and everything else frozen. Freezing is a splice of
  linked lists: O(1), whatever the process holds.
* :func:`warm_up_once` — on the first request for a freeze (the first map drawn): libraries and
  data a worker would otherwise load on first use, holding the GIL while a result is on its way.
* :func:`unfreeze` — when a workspace closes (the canvas): what it held is walked again, so
  cycles among its objects are collected by the next full collection.
* :func:`work_started` — a worker starts (``ui.workers``): no *automatic* full collection until
  the next freeze (the third threshold raised out of reach). Freezing alone left them in the
  workers: a plan's worker holds a road graph and its frames (a million objects and more, made
  after the freeze), and a full collection walking them took 66-148 ms, three or four a plan,
  one more right after the result came back (in a render thread, 80 ms), each one the GUI
  thread waiting. Young collections go on as usual, and the freeze after the work collects the
  young generations first; what the work left as cyclic garbage in the old generation is frozen
  with the rest and freed when the workspace closes (``bench_stalls.py`` reports it as
  ``gc_garbage_at_end``: tens of objects a workflow).

The first two thresholds are left at CPython's (700, 10): a young collection walks a few
thousand objects (a few ms), more only after one C call made many objects at once (pandas over
100,000 rows: 10-26 ms measured); a larger first threshold would make each young collection
walk proportionally more in one go, for no fewer objects walked overall.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import sys
import weakref
from collections.abc import Callable

from PySide6.QtCore import QTimer

# The GIL changes hands at least this often while threads compete for it (Python's default:
# every 5 ms). The sqlite3 module gives the GIL up around every row it steps to; a worker reading
# a million rows beside a busy thread (a render, the GUI) then waits up to the interval for it,
# a million times: 7 s instead of 0.6 s for the same fetch in a measurement, 1.6 s at 0.2 ms.
# The GUI thread, waking for an event while a worker draws, waits less too.
SWITCH_INTERVAL_S = 0.0002
_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
IDLE_DELAY_MS = 300  # the app must have been idle this long before a freeze (a burst of work ends first)
NO_AUTOMATIC_FULL_COLLECTION = 1 << 30  # young collections before an automatic full one: never, in practice

_installed = False
_idle_checks: list[Callable[[], Callable[[], bool] | None]] = []  # each gives its check, or None once gone
_timer: QTimer | None = None
_freezes = 0  # freezes done since start (tests and benchmarks read it)
_thresholds: tuple[int, int, int] | None = None  # the collector's own, while automatic full collections are off
_warmed = False  # warm_up_once done


def install_process_settings() -> None:
    """The process-wide runtime settings, once (later calls do nothing)."""
    global _installed
    if _installed:
        return
    _installed = True
    sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
    _return_large_blocks_to_the_system()


def _return_large_blocks_to_the_system() -> None:
    """Have glibc give every block of 1 MB or more back to the system when it is freed. By
    default it raises that threshold to the largest block freed so far, and then keeps the
    render workers' array temporaries (clusters of a million points: tens of MB a render, in
    each thread's own arena) as resident memory it never returns: measured, 930 MB peak at a
    million needs instead of 820 MB. Elsewhere than glibc nothing is done."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc (musl, ...): its allocator, its habits
        ctypes.CDLL("libc.so.6").mallopt(_M_MMAP_THRESHOLD, 1 << 20)


def add_idle_check(is_idle: Callable[[], bool]) -> Callable[[], None]:
    """``is_idle()`` must hold before a freeze (e.g. a canvas's); returns what removes it. A
    bound method is held weakly: a deleted canvas is forgotten, never kept alive by the policy."""
    ref: Callable[[], Callable[[], bool] | None] = weakref.WeakMethod(is_idle) \
        if hasattr(is_idle, "__self__") else (lambda: is_idle)  # type: ignore[arg-type]
    _idle_checks.append(ref)
    return lambda: _idle_checks.remove(ref) if ref in _idle_checks else None


def _app_is_idle() -> bool:
    from humanops.ui.workers import running_workers

    if running_workers():
        return False
    alive = []
    idle = True
    for ref in _idle_checks:
        check = ref()
        try:
            idle = bool(check()) and idle if check is not None else idle
        except RuntimeError:  # its Qt object was deleted (a closed window's canvas): forgotten
            continue
        if check is not None:
            alive.append(ref)
    _idle_checks[:] = alive
    return idle


def freeze_when_idle() -> None:
    """Freeze once the app has been idle for :data:`IDLE_DELAY_MS` (asked again meanwhile: one
    freeze, after the last request)."""
    global _timer
    if not _warmed:  # the first map is drawn (or a first result is in): warm up on the next turn
        QTimer.singleShot(0, warm_up_once)
    if _timer is None:
        _timer = QTimer()
        _timer.setSingleShot(True)
        _timer.setInterval(IDLE_DELAY_MS)
        _timer.timeout.connect(_freeze_if_idle)
    _timer.start()  # restarted: the delay counts from the last request


def _freeze_if_idle() -> None:
    if not _app_is_idle():
        freeze_when_idle()  # still busy: look again after another delay
        return
    freeze_now()


def warm_up_once() -> None:
    """Once, on the turn of the event loop after the first map is drawn (:func:`freeze_when_idle`'s
    first request; before the freeze, so what it loads is frozen too): the first uses that load a
    library or its data, so that a worker does not do it later holding the GIL while a result
    is on its way (bench_stalls.py --trace): ortools' solvers, whose first import loads its
    shared library (37-48 ms alone by ``python -X importtime``, 96 ms in a loaded aid worker;
    the trace's innermost frame during that extension module's creation is shiboken's
    signature loader, ``make_helptext``), and Babel's locale data for the formats of the UI's language (a
    30-60 ms unpickling in the aid plan's worker). Its own cost is paid here, at idle, once; a
    missing library is left to the code that needs it to report."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    with contextlib.suppress(ImportError):
        import ortools.graph.python.max_flow
        import ortools.graph.python.min_cost_flow  # noqa: F401
    with contextlib.suppress(Exception):  # a locale Babel lacks: formatting falls back when used
        from humanops.locale_format import format_number, format_percent
        from humanops.ui.i18n import ui_locale

        for locale in {ui_locale().name(), None}:
            format_number(1234.5, locale)
            format_percent(0.5, locale)


def work_started() -> None:
    """A worker starts: no automatic full collection until the freeze after it (see the module docstring)."""
    global _thresholds
    if _thresholds is None:
        _thresholds = gc.get_threshold()  # type: ignore[assignment]
        gc.set_threshold(_thresholds[0], _thresholds[1], NO_AUTOMATIC_FULL_COLLECTION)


def _full_collections_back() -> None:
    global _thresholds
    if _thresholds is not None:
        gc.set_threshold(*_thresholds)
        _thresholds = None


def full_collections_paused() -> bool:
    """Whether automatic full collections wait for the next freeze."""
    return _thresholds is not None


def freeze_now() -> None:
    """Collect the young generations, then freeze everything tracked; automatic full
    collections are back (they walk only what is made from now on)."""
    global _freezes
    gc.collect(1)
    gc.freeze()
    _full_collections_back()
    _freezes += 1


def unfreeze() -> None:
    """Every frozen object back under the collector (a workspace closed), automatic full
    collections too; a pending freeze is dropped."""
    if _timer is not None:
        _timer.stop()
    gc.unfreeze()
    _full_collections_back()


def is_frozen() -> bool:
    """Whether anything is frozen now."""
    return gc.get_freeze_count() > 0


def freeze_pending() -> bool:
    """Whether a freeze waits for the app to be idle."""
    return _timer is not None and _timer.isActive()


def freezes() -> int:
    """How many freezes were done since start."""
    return _freezes
