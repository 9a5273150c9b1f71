"""The main window's actions, menus and toolbar, laid out as desktop GIS users expect
(File, Edit, View, Layer, Tools, Help; standard shortcuts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

from humanops.ui import extensions

if TYPE_CHECKING:
    from humanops.ui.main_window import MainWindow

# Layer kinds that can be drawn, in the order of the Layer menu, with their menu text.
DRAWABLE = (
    ("danger_zone", "Draw danger zone", "Ctrl+1"),
    ("corridor", "Draw corridor", "Ctrl+2"),
    ("need", "Draw need", "Ctrl+3"),
    ("facility", "Draw facility", "Ctrl+4"),
    ("incident", "Draw incident", "Ctrl+5"),
)


class MainActions:
    """Every QAction of the window, by name; ``workspace_actions`` are disabled without one."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w = window
        style = w.style()

        def action(text: str, slot: object = None, shortcut: QKeySequence | str | None = None,
                   icon: QStyle.StandardPixmap | None = None, tip: str = "", checkable: bool = False) -> QAction:
            a = QAction(text, w)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            if icon is not None:
                a.setIcon(style.standardIcon(icon))
            if tip:
                a.setStatusTip(tip)
                a.setToolTip(f"{text.replace('…', '').replace('&', '')} — {tip}")
            a.setCheckable(checkable)
            if slot is not None:
                a.triggered.connect(slot)
            return a

        sp = QStyle.StandardPixmap
        # File
        self.new = action("&New workspace…", w.new_workspace, QKeySequence.StandardKey.New, sp.SP_FileIcon,
                          "Create an empty workspace file")
        self.open = action("&Open workspace…", w.choose_workspace, QKeySequence.StandardKey.Open,
                           sp.SP_DialogOpenButton, "Open a workspace GeoPackage")
        self.save = action("&Save", w.save_checkpoint, QKeySequence.StandardKey.Save, sp.SP_DialogSaveButton,
                           "Edits are saved as they are made; this folds the journal into the file")
        self.import_file = action("&Import…", w.show_import_dialog, "Ctrl+I", None,
                                  "Import GeoJSON, GeoPackage, CSV/HXL, KML, Shapefile…")
        self.export_file = action("&Export…", w.show_export_dialog, "Ctrl+E", None,
                                  "Export layers to a file")
        self.close_workspace = action("&Close workspace", w.close_workspace_interactive, "Ctrl+W")
        self.quit = action("&Quit", w.close, QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        # Edit
        self.undo = w.undo_stack.createUndoAction(w, "&Undo")
        self.undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo.setIcon(style.standardIcon(sp.SP_ArrowBack))
        self.redo = w.undo_stack.createRedoAction(w, "&Redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo.setIcon(style.standardIcon(sp.SP_ArrowForward))
        self.delete = action("&Delete selected features", w.delete_selection, QKeySequence.StandardKey.Delete,
                             sp.SP_TrashIcon, "Delete the selected features (undoable)")
        self.select_all = action("Select &all", w.select_all, QKeySequence.StandardKey.SelectAll, None,
                                 "Select every feature of the current layer")
        self.clear_selection = action("Clear selection", w.clear_selection, "Ctrl+Shift+A")
        self.cancel_drawing = action("Cancel drawing", w.cancel_drawing, Qt.Key.Key_Escape)
        self.cancel_drawing.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        # View
        self.zoom_in = action("Zoom &in", lambda: w.canvas.zoom_in(), QKeySequence.StandardKey.ZoomIn, None)
        self.zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("+"),
                                   QKeySequence("=")])
        self.zoom_out = action("Zoom &out", lambda: w.canvas.zoom_out(), QKeySequence.StandardKey.ZoomOut, None)
        self.zoom_out.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomOut), QKeySequence("-")])
        self.zoom_full = action("Zoom to &full extent", lambda: w.canvas.zoom_full(), "Ctrl+Shift+F", None,
                                "Show every layer")
        self.zoom_selection = action("Zoom to &selection", lambda: w.canvas.zoom_to_selection(), "F", None,
                                     "Show the selected features")
        self.show_markings = action("Show &markings", w.set_show_markings, "Ctrl+M", None,
                                    "Show each feature's TLP marking on the map", checkable=True)
        # Late-bound: the watch is made with the docks, after the actions.
        self.refresh = action("&Refresh", lambda: w.problems_watch.refresh(), QKeySequence.StandardKey.Refresh,
                              sp.SP_BrowserReload, "Re-read the map and panels for changes made in other tools "
                              "(QGIS, scripts) and check them")
        if QKeySequence("F5") not in self.refresh.shortcuts():  # F5 wherever the platform's Refresh is not
            self.refresh.setShortcuts([*self.refresh.shortcuts(), QKeySequence("F5")])

        # Map tools: one at a time
        self.tool_group = QActionGroup(w)
        self.tool_group.setExclusive(True)
        self.pan = action("&Pan", lambda: w.set_tool("pan"), "P", None, "Drag to move the map", checkable=True)
        self.select = action("&Select", lambda: w.set_tool("select"), "S", None,
                             "Click or drag a rectangle to select features", checkable=True)
        self.identify = action("&Identify", lambda: w.set_tool("identify"), "I", None,
                               "Click a feature to see its fields", checkable=True)
        self.edit_vertices = action("Edit &vertices", lambda: w.set_tool("vertices"), "V", None,
                                    "Drag the vertices of the selected feature", checkable=True)
        self.snapping = action("S&napping", w.set_snapping, None, None,
                               "New and moved vertices snap to nearby vertices and roads", checkable=True)
        self.snapping.setChecked(True)
        self.draw: dict[str, QAction] = {}
        for layer, text, shortcut in DRAWABLE:
            a = action(text, lambda _=False, layer=layer: w.begin_drawing(layer), shortcut, None,
                       "then click on the map; Esc cancels", checkable=True)
            a.setObjectName(f"draw_{layer}")
            self.draw[layer] = a
        for a in (self.pan, self.select, self.identify, self.edit_vertices, *self.draw.values()):
            self.tool_group.addAction(a)
        self.pan.setChecked(True)

        # Help
        self.about = action("&About HumanOps", w.show_about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        self.workspace_actions = [
            self.save, self.import_file, self.export_file, self.close_workspace, self.delete, self.select_all,
            self.clear_selection, self.zoom_in, self.zoom_out, self.zoom_full, self.zoom_selection,
            self.show_markings, self.refresh, self.pan, self.select, self.identify, self.edit_vertices, self.snapping,
            *self.draw.values(),
        ]
        self.extension_actions: list[tuple[QAction, bool]] = []

    # --- menus and toolbar ------------------------------------------------------------------------
    def build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new, self.open])
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(w.fill_recent_menu)
        file_menu.addAction(self.save)
        file_menu.addSeparator()
        file_menu.addActions([self.import_file, self.export_file])
        file_menu.addSeparator()
        file_menu.addActions([self.close_workspace, self.quit])

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.delete, self.select_all, self.clear_selection])
        edit_menu.addSeparator()
        edit_menu.addAction(self.cancel_drawing)

        self.view_menu = bar.addMenu("&View")
        self.view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_full, self.zoom_selection])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.show_markings)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh)
        self.view_menu.addSeparator()
        self.panels_menu = self.view_menu.addMenu("&Panels")

        layer_menu = bar.addMenu("&Layer")
        layer_menu.addActions(list(self.draw.values()))
        layer_menu.addSeparator()
        layer_menu.addAction(self.edit_vertices)

        self.tools_menu = bar.addMenu("&Tools")
        self.tools_menu.addActions([self.pan, self.select, self.identify])
        self.tools_menu.addSeparator()
        self.tools_menu.addAction(self.snapping)
        self.menus: dict[str, QMenu] = {"File": file_menu, "Edit": edit_menu, "View": self.view_menu,
                                        "Layer": layer_menu, "Tools": self.tools_menu}
        self._add_extension_entries()

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about)
        self.menus["Help"] = help_menu

    def _add_extension_entries(self) -> None:
        """Menu entries other areas registered (sharing, analysis...): see extensions.py."""
        w = self.window
        for entry in extensions.menu_entries():
            menu = self.menus.get(entry.menu)
            if menu is None:
                menu = w.menuBar().addMenu(entry.menu)
                self.menus[entry.menu] = menu
            a = QAction(entry.text, w)
            if entry.shortcut:
                a.setShortcut(QKeySequence(entry.shortcut))
            if entry.tip:
                a.setStatusTip(entry.tip)
            a.triggered.connect(lambda _=False, entry=entry: w.run_extension(entry))
            menu.addAction(a)
            self.extension_actions.append((a, entry.needs_workspace))

    def build_toolbar(self) -> QToolBar:
        w = self.window
        bar = QToolBar("Main toolbar", w)
        bar.setObjectName("main_toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addActions([self.open, self.save])
        bar.addSeparator()
        bar.addActions([self.undo, self.redo])
        bar.addSeparator()
        for a in (self.pan, self.select, self.identify):
            bar.addAction(a)
        bar.addSeparator()
        for a in (self.zoom_in, self.zoom_out, self.zoom_full, self.zoom_selection):
            bar.addAction(a)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

        draw_bar = QToolBar("Drawing", w)
        draw_bar.setObjectName("drawing_toolbar")
        draw_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in self.draw.values():
            a.setIconText(a.text().replace("Draw ", "+ "))
            draw_bar.addAction(a)
        draw_bar.addAction(self.edit_vertices)
        draw_bar.addSeparator()
        draw_bar.addAction(self.delete)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, draw_bar)
        return bar

    def set_workspace_open(self, is_open: bool) -> None:
        for a in self.workspace_actions:
            a.setEnabled(is_open)
        for a, needs in self.extension_actions:
            a.setEnabled(is_open or not needs)
