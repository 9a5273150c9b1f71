"""The toolbar's search box (Ctrl+F): go to a feature by its name, or to a place.

Feature names of every layer that has a ``name`` field are read in a worker (through the
store's read-only reader, the thread rule) when a workspace opens and again after each change
the map reloads (edits, imports, undo), and offered as completions ("Hospital Al-Noor —
Facilities"; the same name twice in a layer is told apart by the start of its uuid). A place is
read by the one parser of places, :func:`humanops.model.places.parse_place_text` ("lat,lon",
degrees with hemispheres, MGRS), so the box takes what the route dialog and the CLI take and
refuses what they refuse, with the same words ("latitude and longitude look swapped").

Completions are the names that contain what is typed (case-folded), found by one numpy search
over the folded names the worker prepared (a few ms for 100,000 names) and offered in a small
model of the first :data:`MAX_COMPLETIONS`: the GUI thread never converts every name to Qt's
strings at once (``setStringList`` of 100,000 names held it 26-60 ms after each import), and
filtering is not a Python call per row either.

Enter or a chosen completion zooms to the result and flashes it (:mod:`ui.canvas.map_flash`);
a feature is also selected and shown in the Feature panel.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit

from humanops.errors import HumanOpsError, ValidationError
from humanops.store.target_reads import workspace_target
from humanops.ui.canvas.map_flash import MapFlash
from humanops.ui.coordinates import format_grid, format_lat_lon
from humanops.ui.workers import Worker
from humanops.viewmodel.map_view import lonlat_to_map

if TYPE_CHECKING:
    from humanops.catalog import LayerKind
    from humanops.feedback import Feedback
    from humanops.ui.main_window import MainWindow

RELOAD_DELAY_MS = 400  # edits come in bursts (an import, an undo of many): read once after them
CONTEXT_M = 5_000  # a place or a small feature is shown with this much around it, to be recognised
ERROR_STYLE = "QLineEdit { border: 1px solid #b00020; }"
NAME_CHUNK = 10_000  # names read (and sorted keys made) at a time on the worker
MAX_COMPLETIONS = 500  # completions offered at a time: the popup shows 12, a longer list is typed down


@dataclass
class FeatureNames:
    """Every named feature, sorted by what the completer shows: ``texts[i]`` names
    ``features[i]`` (layer, uuid); ``by_name`` finds them by the bare name, case-folded;
    ``folded[i]`` is ``texts[i]`` case-folded, UTF-8 (what completions are searched in)."""

    texts: list[str] = field(default_factory=list)
    folded: np.ndarray = field(default_factory=lambda: np.array([], dtype="S1"), compare=False)  # from texts
    features: list[tuple[str, str]] = field(default_factory=list)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    by_text: dict[str, int] = field(default_factory=dict)


def read_feature_names(path: str | Path, kinds: Sequence[tuple[LayerKind, str]],
                       feedback: Feedback | None = None) -> FeatureNames:
    """The names of the features of ``kinds`` ((kind, title shown)) that have a ``name``, read
    on the calling (worker) thread through a read-only connection of its own."""
    from humanops.store.target_reads import open_reader

    found: list[tuple[str, str, str, str]] = []  # (name, title, layer, uuid)
    with open_reader(path) as reader:  # a file or a team database
        for kind, title in kinds:
            for rows in _name_chunks(reader, kind):
                if feedback is not None:
                    feedback.check()
                found += [(str(name).strip(), title, kind.name, str(uuid)) for uuid, name in rows.values
                          if name is not None and str(name).strip()]
    texts = [f"{name} — {title}" for name, title, _, _ in found]
    seen: dict[str, int] = {}
    for text in texts:
        seen[text] = seen.get(text, 0) + 1
    texts = [f"{text} · {uuid[:8]}" if seen[text] > 1 else text
             for text, (_, _, _, uuid) in zip(texts, found, strict=True)]
    # numpy sorts the 100,000 names of a large workspace without the GIL (a sorted() of Python
    # strings held it 50 ms, the GUI thread waiting); the same order (by code point, stable).
    # The array is made a chunk at a time: one np.array of 100,000 strings is one long C call.
    # UTF-8 bytes sort by code point as the strings do, and take a quarter of the memory.
    folded = [np.array([text.casefold().encode() for text in texts[i:i + NAME_CHUNK]], dtype="S")
              for i in range(0, len(texts), NAME_CHUNK)]
    keys = np.concatenate(folded) if texts else np.array([], dtype="S1")
    order_array = np.argsort(keys, kind="stable")
    order = order_array.tolist()
    names = FeatureNames(texts=[texts[i] for i in order], features=[(found[i][2], found[i][3]) for i in order],
                         folded=keys[order_array])
    for position, i in enumerate(order):
        names.by_name.setdefault(found[i][0].casefold(), []).append(position)
    names.by_text = {text.casefold(): i for i, text in enumerate(names.texts)}
    return names


def _name_chunks(reader: Any, kind: LayerKind) -> Iterator[Any]:
    """A layer's (uuid, name) rows, :data:`NAME_CHUNK` at a time where the reader reads in
    chunks (a GeoPackage's): each fetch holds the GIL a few ms, the GUI thread never waits long."""
    if hasattr(reader, "chunks"):
        yield from reader.chunks(kind, ["uuid", "name"], geometry=False, fids=False, size=NAME_CHUNK)
        return
    rows = reader.rows(kind, ["uuid", "name"], geometry=False, fids=False)
    if rows is not None:
        yield rows


class SearchBox(QLineEdit):
    """The search field of the toolbar, for ``window`` (the MainWindow)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main_window = window
        self.setObjectName("search_box")
        self.setPlaceholderText(self.tr("Find a feature or a place (Ctrl+F)"))
        self.setToolTip(self._usual_tip())
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("17°45'30\"S 128°30'E, Hospital") + 40)
        self.setMaximumWidth(self.minimumWidth() * 2)
        self.names = FeatureNames()
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The model holds what matches already (_offer): the completer shows it as it is.
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._offered = np.empty(0, dtype=np.int64)  # the names' positions the model shows
        self.completer_.setMaxVisibleItems(12)
        self.completer_.popup().setObjectName("search_completions")
        self.setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._completion_chosen)
        self.flash = MapFlash(window.canvas)
        self._chosen: tuple[str, str] | None = None
        self._loading: Worker | None = None
        # Enter and a chosen completion arrive together: one go, after both
        self._go_timer = QTimer(self, singleShot=True, interval=0)
        self._go_timer.timeout.connect(self._go)
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload_names)
        self.returnPressed.connect(self._go_timer.start)
        self.textEdited.connect(lambda _text: self._say_nothing())
        self.textEdited.connect(self._offer)
        window.workspaceOpened.connect(lambda _path: self._workspace_opened())
        window.workspaceClosed.connect(self._workspace_closed)
        window.canvas.layerLoaded.connect(lambda _layer: self._reload_timer.start())  # edits, imports, undo
        self.setEnabled(False)

    # --- names ---------------------------------------------------------------------------------
    def _workspace_opened(self) -> None:
        self.setEnabled(True)
        self.reload_names()

    def _workspace_closed(self) -> None:
        if self._loading is not None:
            self._loading.cancel()
            self._loading = None
        self._reload_timer.stop()
        self.names = FeatureNames()
        self._offer("")
        self.clear()
        self._say_nothing()
        self.setEnabled(False)

    def reload_names(self) -> None:
        """Read the names again in a worker; the completions change when it is done."""
        from humanops.ui.i18n import current_language

        workspace = self.main_window.workspace
        if workspace is None:
            return
        if self._loading is not None:
            self._loading.cancel()
        language = current_language()
        kinds = [(workspace.kind(name), workspace.kind(name).title_in(language)) for name in workspace.layers()
                 if "name" in workspace.kind(name).field_names]
        path = workspace_target(workspace)
        worker = Worker(lambda feedback: read_feature_names(path, kinds, feedback),
                        title=self.tr("Reading feature names"))
        self._loading = worker

        def done(names: FeatureNames) -> None:
            if self._loading is not worker:
                return  # superseded, or the workspace closed
            self._loading = None
            self.names = names  # one assignment; the completions follow at the next key
            self._offer(self.text() if self.completer_.popup().isVisible() else "")

        def failed(message: str) -> None:
            if self._loading is worker:
                self._loading = None
                self.main_window.statusBar().showMessage(
                    self.tr("Search: the feature names cannot be read: {reason}").format(reason=message), 10_000)

        worker.succeeded.connect(done)
        worker.failed.connect(failed)
        worker.start()

    def is_loading(self) -> bool:
        return self._loading is not None

    def _offer(self, text: str) -> None:
        """The completions for ``text``: the first :data:`MAX_COMPLETIONS` names containing it,
        case-folded, in the names' order; shown at once if there are any."""
        folded = text.casefold().encode()
        if folded and len(self.names.folded):
            found = np.flatnonzero(np.strings.find(self.names.folded, folded) >= 0)[:MAX_COMPLETIONS]
        else:
            found = np.empty(0, dtype=np.int64)
        self._offered = found
        self._model.setStringList([self.names.texts[i] for i in found.tolist()])
        if len(found) and self.hasFocus():
            self.completer_.setCompletionPrefix(text)
            self.completer_.complete()

    # --- going there -----------------------------------------------------------------------------
    def focus_for_typing(self) -> None:
        """Ctrl+F: into the box, its text selected for a new search."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def _completion_chosen(self, index: QModelIndex) -> None:
        source = self.completer_.completionModel().mapToSource(index)  # type: ignore[attr-defined]
        row = source.row()
        if 0 <= row < len(self._offered):
            self._chosen = self.names.features[int(self._offered[row])]
            self._go_timer.start()

    def _go(self) -> None:
        chosen, self._chosen = self._chosen, None
        if chosen is not None:
            self.go_to_feature(*chosen)
        else:
            self.search(self.text())

    def search(self, text: str) -> bool:
        """Go to what ``text`` names: a place, else a feature; False (and why, in the status
        bar) when it names nothing."""
        from humanops.model.places import parse_place_text

        text = text.strip()
        if not text or self.main_window.workspace is None:
            return False
        try:
            place = parse_place_text(text)
        except ValidationError as exc:
            return self._refuse(exc.reason)
        if place is not None:
            return self.go_to_place(text, place.lon, place.lat)
        found = self.names.by_text.get(text.casefold())
        matches = [found] if found is not None else self.names.by_name.get(text.casefold(), [])
        if not matches:  # a part of one name only
            folded = text.casefold()
            matches = [i for i, shown in enumerate(self.names.texts) if folded in shown.casefold()][:2]
        if len(matches) == 1:
            return self.go_to_feature(*self.names.features[matches[0]])
        if matches:
            self._offer(text)
            self.completer_.setCompletionPrefix(text)
            self.completer_.complete()
            return self._refuse(self.tr("Several features match “{text}”: choose one in the list.").format(text=text))
        return self._refuse(self.tr("No feature is named “{text}”, and it is not a place (lat,lon; degrees such as "
                                    "17°45'30\"S 128°30'E; or MGRS).").format(text=text))

    def go_to_place(self, text: str, lon: float, lat: float) -> bool:
        """Centre the map on (lon, lat) and flash it, unless it lies far from the workspace's
        data while its swap lies within (then refused, as the route command refuses it)."""
        from shapely.geometry import Point

        from humanops.model.places import Place, looks_swapped, swapped_at_extent, union_extent

        workspace = self.main_window.workspace
        if workspace is not None:
            extent = union_extent([workspace.extent(name) for name in workspace.layers()])
            if looks_swapped(lon, lat, extent):
                return self._refuse(swapped_at_extent(text, Place(lon, lat)))
        self._show_around((lon, lat, lon, lat))
        self.flash.flash(Point(lon, lat))
        grid = format_grid(lon, lat)
        self._say(self.tr("Showing {place}{grid}.").format(place=format_lat_lon(lon, lat),
                                                           grid=f" ({grid})" if grid else ""))
        return True

    def go_to_feature(self, layer: str, uuid: str) -> bool:
        """Select the feature, show it in the form, centre the map on it and flash it."""
        from humanops.ui.editing import feature_label

        workspace = self.main_window.workspace
        if workspace is None:
            return False
        try:
            feature = workspace.find_feature(layer, uuid)
        except HumanOpsError as exc:
            return self._refuse(exc.message)
        if feature is None or feature.geometry is None:  # deleted since the names were read
            self._reload_timer.start()
            return self._refuse(self.tr("That feature is not in the workspace any more."))
        self.main_window.show_feature(layer, uuid)
        self._show_around(feature.geometry.bounds)
        self.flash.flash(feature.geometry)
        self._say(self.tr("Showing {feature}.").format(feature=feature_label(workspace, layer, uuid)))
        return True

    def _show_around(self, bounds: tuple[float, float, float, float]) -> None:
        """Centre the map on ``bounds`` (lon/lat), the whole of it, with at least
        :data:`CONTEXT_M` across."""
        minx, miny, maxx, maxy = bounds
        lon, lat = (minx + maxx) / 2, (miny + maxy) / 2
        half_lat = CONTEXT_M / 2 / 111_320  # metres a degree of latitude
        half_lon = half_lat / max(0.01, math.cos(math.radians(lat)))
        canvas = self.main_window.canvas
        canvas.zoom_to_extent(min(minx, lon - half_lon), min(miny, lat - half_lat),
                              max(maxx, lon + half_lon), max(maxy, lat + half_lat))
        x, y = lonlat_to_map(lon, lat)  # the box's middle is not the place's in Mercator: centre exactly
        canvas.set_view(replace(canvas.view(), cx=float(x), cy=float(y)))

    # --- what the user is told ---------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self._say_nothing()
        self.main_window.statusBar().showMessage(text, 10_000)

    def _refuse(self, reason: str) -> bool:
        self.setStyleSheet(ERROR_STYLE)
        self.setToolTip(reason)
        self.main_window.statusBar().showMessage(reason, 15_000)
        return False

    def _say_nothing(self) -> None:
        if self.styleSheet():
            self.setStyleSheet("")
            self.setToolTip(self._usual_tip())

    def _usual_tip(self) -> str:
        return self.tr("A feature's name, or a place: lat,lon (-17.758,128.5), degrees (17°45'30\"S 128°30'E) "
                       "or MGRS (52K DF 46996 36517); Enter goes there")
