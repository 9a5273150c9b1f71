"""Files dropped on the main window: a workspace opens, a file to import opens the Import
dialog with it, a partner's package opens the Receive dialog with it; anything else is
refused with a status message that names it.

One drop at a time: several files are refused with a message naming them (the dialogs each
take one file, and a user dropping three workspaces meant only one), except a Shapefile's
parts (``.shp`` with its ``.dbf``, ``.shx``, ``.prj``…), which are one file to import.

:func:`drop_target` decides (no Qt; it only reads the start of the file); :func:`handle_drop`
acts on the window after the drop has returned, so the program the files came from is never
held waiting while a dialog is open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent

if TYPE_CHECKING:
    from humanops.ui.main_window import MainWindow

DropKind = Literal["workspace", "import", "package", "refused"]
SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".sbn", ".sbx", ".qix", ".qmd", ".xml"}
MESSAGE_MS = 15_000


class WindowDrops(QObject):
    """The drops' translation context (a class for the numerus forms: lupdate marks a plural only in
    a class's ``tr``; never instantiated)."""


@dataclass(frozen=True)
class DropTarget:
    kind: DropKind
    path: Path | None = None
    reason: str = ""  # why a drop is refused, naming the file(s)


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The local files of a drag (a web link or other data gives none)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def _one_shapefile(paths: list[Path]) -> Path | None:
    """The ``.shp`` when ``paths`` are the parts of one Shapefile."""
    shp = [p for p in paths if p.suffix.lower() == ".shp"]
    if len(shp) != 1:
        return None
    stem = shp[0].name[:-4]
    parts_only = all(p.suffix.lower() in SHAPEFILE_PARTS and p.name.lower().startswith(stem.lower() + ".")
                     for p in paths)
    return shp[0] if parts_only else None


def _is_package(path: Path) -> bool:
    from humanops.sharing.package_format import MARKER_PREFIX, SUFFIX

    if path.suffix.lower() == SUFFIX:
        return True
    try:  # a package renamed by a mail program still starts with its marker
        with open(path, "rb") as handle:
            return handle.read(len(MARKER_PREFIX)) == MARKER_PREFIX
    except OSError:
        return False


def drop_target(paths: list[Path]) -> DropTarget:
    """What to do with the dropped ``paths``."""
    from humanops.formats.importer import IMPORT_FORMATS
    from humanops.store.workspace_files import geopackage_kind

    if not paths:
        return DropTarget("refused", reason=QCoreApplication.translate(
            "WindowDrops", "Only files can be dropped here (nothing was opened)."))
    if len(paths) > 1:
        shapefile = _one_shapefile(paths)
        if shapefile is None:
            names = ", ".join(p.name for p in paths[:4]) + (", …" if len(paths) > 4 else "")
            return DropTarget("refused", reason=WindowDrops.tr(
                "Drop one file at a time: %n files were dropped ({names}). Nothing was opened.", "",
                len(paths)).format(names=names))
        paths = [shapefile]
    (path,) = paths
    if path.is_dir():
        return DropTarget("refused", path, QCoreApplication.translate(
            "WindowDrops", "{name} is a folder: drop a file (nothing was opened).").format(name=path.name))
    if not path.is_file():
        return DropTarget("refused", path, QCoreApplication.translate(
            "WindowDrops", "{path} was not found (nothing was opened).").format(path=path))
    if path.suffix.lower() == ".gpkg":
        kind = geopackage_kind(path)
        if kind == "workspace":
            return DropTarget("workspace", path)
        if kind == "geopackage":
            return DropTarget("import", path)
        return DropTarget("refused", path, QCoreApplication.translate(
            "WindowDrops", "{name} is not a GeoPackage, or cannot be read: it was not opened.").format(name=path.name))
    if _is_package(path):
        return DropTarget("package", path)
    if path.suffix.lower() in IMPORT_FORMATS:
        return DropTarget("import", path)
    known = " ".join(sorted({".gpkg", *IMPORT_FORMATS, ".hopx"}))
    return DropTarget("refused", path, QCoreApplication.translate(
        "WindowDrops", "{name} was not opened: HumanOps opens workspaces and partners' packages (.hopx), and imports "
        "{suffixes} files.").format(name=path.name, suffixes=known))


# --- the window's side -------------------------------------------------------------------------------

def drag_enter(event: QDragEnterEvent) -> None:
    """Take any drag of local files: what cannot be used is refused on drop, with its reason
    (a drag refused here would only show a 'no' cursor, without saying why)."""
    if dropped_paths(event.mimeData()):
        event.acceptProposedAction()
    else:
        event.ignore()


def drop(window: MainWindow, event: QDropEvent) -> None:
    paths = dropped_paths(event.mimeData())
    if not paths:
        event.ignore()
        return
    event.acceptProposedAction()
    QTimer.singleShot(0, window, lambda: handle_drop(window, paths))


def handle_drop(window: MainWindow, paths: list[Path]) -> DropTarget:
    target = drop_target(paths)
    say = window.statusBar().showMessage
    if target.kind == "refused":
        say(target.reason, MESSAGE_MS)
        return target
    path = target.path
    assert path is not None
    if target.kind == "workspace":
        current = window.workspace
        if current is not None and current.path.resolve() == path.resolve():
            say(QCoreApplication.translate("WindowDrops", "{name} is open already.").format(name=path.name), MESSAGE_MS)
        else:
            window.open_workspace(path)  # asks about unsaved work first, as File › Open does
        return target
    if window.workspace is None:
        # whole sentences, not a verb put into one: translations conjugate and order them their own way
        if target.kind == "import":
            reason = QCoreApplication.translate(
                "WindowDrops", "{name} can be imported only into a workspace: open or create one first, then drop it "
                "again.")
        else:
            reason = QCoreApplication.translate(
                "WindowDrops", "{name} can be received only into a workspace: open or create one first, then drop it "
                "again.")
        refused = DropTarget("refused", path, reason.format(name=path.name))
        say(refused.reason, MESSAGE_MS)
        return refused
    if target.kind == "import":
        _import(window, path)
    else:
        _receive(window, path)
    return target


def _import(window: MainWindow, path: Path) -> None:
    dialog = window.import_dialog
    if dialog is None or not dialog.isVisible():
        window.show_import_dialog()
        dialog = window.import_dialog
    if dialog is None:
        return
    dialog.set_file(path)  # type: ignore[attr-defined]
    dialog.raise_()
    window.statusBar().showMessage(QCoreApplication.translate(
        "WindowDrops", "Import {name}: Check shows what would be imported.").format(name=path.name), MESSAGE_MS)


def _receive(window: MainWindow, path: Path) -> None:
    from humanops.ui.sharing.extension import open_receive
    from humanops.ui.sharing.receive_dialog import ReceivePackageDialog

    open_receive(window)  # raises the open one, or explains that keys are needed first
    dialog = next((d for d in window.findChildren(ReceivePackageDialog) if d.isVisible()), None)
    if dialog is None:
        return
    dialog.set_file(path)
    window.statusBar().showMessage(QCoreApplication.translate(
        "WindowDrops", "Package {name}: Check verifies it and shows what it would change.").format(name=path.name),
        MESSAGE_MS)
