"""The main window's actions, menus and toolbar, laid out as desktop GIS users expect
(File, Edit, View, Layer, Tools, Help; standard shortcuts)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar, QToolButton

from humanops.ui import extensions, i18n

if TYPE_CHECKING:
    from humanops.ui.main_window import MainWindow

# Layer kinds that can be drawn, in the order of the Layer menu, with their menu text and the
# drawing toolbar's shorter one (translated where shown).
DRAWABLE = (
    ("danger_zone", QT_TRANSLATE_NOOP("MainActions", "Draw danger zone"),
     QT_TRANSLATE_NOOP("MainActions", "+ danger zone"), "Ctrl+1"),
    ("corridor", QT_TRANSLATE_NOOP("MainActions", "Draw corridor"), QT_TRANSLATE_NOOP("MainActions", "+ corridor"),
     "Ctrl+2"),
    ("need", QT_TRANSLATE_NOOP("MainActions", "Draw need"), QT_TRANSLATE_NOOP("MainActions", "+ need"), "Ctrl+3"),
    ("facility", QT_TRANSLATE_NOOP("MainActions", "Draw facility"), QT_TRANSLATE_NOOP("MainActions", "+ facility"),
     "Ctrl+4"),
    ("incident", QT_TRANSLATE_NOOP("MainActions", "Draw incident"), QT_TRANSLATE_NOOP("MainActions", "+ incident"),
     "Ctrl+5"),
)


class MainActions(QObject):
    """Every QAction of the window, by name; ``workspace_actions`` are disabled without one.
    (A QObject for ``self.tr``: its texts are in the MainActions context.)"""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
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
        self.new = action(self.tr("&New workspace…"), w.new_workspace,
                          QKeySequence.StandardKey.New, sp.SP_FileIcon,
                          self.tr("Create an empty workspace file"))
        self.open = action(self.tr("&Open workspace…"), w.choose_workspace,
                           QKeySequence.StandardKey.Open, sp.SP_DialogOpenButton,
                           self.tr("Open a workspace GeoPackage"))
        self.open_team = action(self.tr("Open &team database…"), w.choose_team_database, None, None,
                                self.tr("Open a workspace in a PostgreSQL/PostGIS database the team shares"))
        self.open_team.setObjectName("open_team_database")
        self.save = action(self.tr("&Save"), w.save_checkpoint,
                           QKeySequence.StandardKey.Save, sp.SP_DialogSaveButton,
                           self.tr("Edits are saved as they are made; this folds "
                                   "the journal into the file"))
        self.import_file = action(self.tr("&Import…"), w.show_import_dialog,
                                  "Ctrl+I", None,
                                  self.tr("Import GeoJSON, GeoPackage, CSV/HXL, KML, "
                                          "Shapefile…"))
        self.export_file = action(self.tr("&Export…"), w.show_export_dialog,
                                  "Ctrl+E", None, self.tr("Export layers to a file"))
        self.export_map = action(self.tr("Export &map image…"), w.show_map_export_dialog, None, None,
                                 self.tr("The map as shown, as a PNG or PDF with its TLP banner, legend and scale"))
        self.sitrep = action(self.tr("Situation re&port…"), w.show_sitrep_dialog, None, None,
                             self.tr("A PDF report for a partner: map, exposure, corridors, needs, alerts"))
        self.briefing_map = action(self.tr("&Briefing map…"), w.show_briefing_dialog, None, None,
                                   self.tr("One HTML file of what a partner may see, to open in any browser "
                                           "with no network"))
        self.tak_package = action(self.tr("&TAK data package…"), w.show_tak_dialog, None, None,
                                  self.tr("What a partner may see, as a data package for its ATAK or WinTAK teams"))
        # File › New exercise…: a flagged copy of the open workspace (ui/dialogs/exercise_dialogs.py)
        self.new_exercise = action(self.tr("New e&xercise…"), lambda: _new_exercise(w), None, None,
                                   self.tr("Copy this workspace as an exercise: flagged everywhere, isolated from "
                                           "real data, on its own scenario clock"))
        self.new_exercise.setObjectName("new_exercise")
        # File › Sync: only a checkout of a team database syncs (ui/sync_action.py says why not)
        from humanops.ui.sync_action import run_sync, update_sync_action

        self.sync = action(self.tr("S&ync with the team database"), lambda: run_sync(w))
        self.sync.setObjectName("sync_action")
        update_sync_action(self.sync, None)
        w.workspaceOpened.connect(lambda _path: update_sync_action(self.sync, w.workspace))
        w.workspaceClosed.connect(lambda: update_sync_action(self.sync, None))
        self.close_workspace = action(self.tr("&Close workspace"),
                                      w.close_workspace_interactive, "Ctrl+W")
        self.quit = action(self.tr("&Quit"), w.close, QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        # Edit
        self.undo = w.undo_stack.createUndoAction(w, self.tr("&Undo"))
        self.undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo.setIcon(style.standardIcon(sp.SP_ArrowBack))
        self.redo = w.undo_stack.createRedoAction(w, self.tr("&Redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo.setIcon(style.standardIcon(sp.SP_ArrowForward))
        self.delete = action(self.tr("&Delete selected features"),
                             w.delete_selection, QKeySequence.StandardKey.Delete, sp.SP_TrashIcon,
                             self.tr("Delete the selected features (undoable)"))
        self.select_all = action(self.tr("Select &all"), w.select_all,
                                 QKeySequence.StandardKey.SelectAll, None,
                                 self.tr("Select every feature of the current layer"))
        self.clear_selection = action(self.tr("Clear selection"), w.clear_selection,
                                      "Ctrl+Shift+A")
        self.cancel_drawing = action(self.tr("Cancel drawing"), w.cancel_drawing,
                                     Qt.Key.Key_Escape)
        self.cancel_drawing.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        # View
        self.zoom_in = action(self.tr("Zoom &in"), lambda: w.canvas.zoom_in(),
                              QKeySequence.StandardKey.ZoomIn, None)
        self.zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("+"),
                                   QKeySequence("=")])
        self.zoom_out = action(self.tr("Zoom &out"), lambda: w.canvas.zoom_out(),
                               QKeySequence.StandardKey.ZoomOut, None)
        self.zoom_out.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomOut), QKeySequence("-")])
        self.zoom_full = action(self.tr("Zoom to &full extent"),
                                lambda: w.canvas.zoom_full(), "Ctrl+Shift+F", None,
                                self.tr("Show every layer"))
        self.zoom_selection = action(self.tr("Zoom to &selection"),
                                     lambda: w.canvas.zoom_to_selection(), "F", None,
                                     self.tr("Show the selected features"))
        # Shorter words on the toolbar (the menu keeps the full ones): the toolbars share one row,
        # and French or Spanish labels would push the drawing tools off it.
        self.zoom_in.setIconText(self.tr("Zoom +", "toolbar"))
        self.zoom_out.setIconText(self.tr("Zoom −", "toolbar"))
        self.zoom_full.setIconText(self.tr("Full extent", "toolbar"))
        self.zoom_selection.setIconText(self.tr("Selection", "toolbar: zoom to the selection"))
        self.show_markings = action(self.tr("Show &markings"), w.set_show_markings,
                                    "Ctrl+M", None,
                                    self.tr("Show each feature's TLP marking on the "
                                            "map"), checkable=True)
        self.replay = action(self.tr("R&eplay…"), w.show_replay, None, None,
                             self.tr("Play the workspace's recorded history on the map, read-only: the picture "
                                     "as it was at each moment something changed"))
        # Late-bound: the watch is made with the docks, after the actions.
        self.refresh = action(self.tr("&Refresh"),
                              lambda: w.problems_watch.refresh(), QKeySequence.StandardKey.Refresh,
                              sp.SP_BrowserReload,
                              self.tr("Re-read the map and panels for changes made "
                                      "in other tools (QGIS, scripts) and check them"))
        if QKeySequence("F5") not in self.refresh.shortcuts():  # F5 wherever the platform's Refresh is not
            self.refresh.setShortcuts([*self.refresh.shortcuts(), QKeySequence("F5")])

        # Map tools: one at a time
        self.tool_group = QActionGroup(w)
        self.tool_group.setExclusive(True)
        self.pan = action(self.tr("&Pan"), lambda: w.set_tool("pan"), "P", None,
                          self.tr("Drag to move the map"), checkable=True)
        self.select = action(self.tr("&Select"), lambda: w.set_tool("select"), "S",
                             None, self.tr("Click or drag a rectangle to select "
                                           "features"), checkable=True)
        self.identify = action(self.tr("&Identify"), lambda: w.set_tool("identify"),
                               "I", None, self.tr("Click a feature to see its fields"),
                               checkable=True)
        self.edit_vertices = action(self.tr("Edit &vertices"),
                                    lambda: w.set_tool("vertices"), "V", None,
                                    self.tr("Drag the vertices of the selected "
                                            "feature"), checkable=True)
        self.snapping = action(self.tr("S&napping"), w.set_snapping, None, None,
                               self.tr("New and moved vertices snap to nearby "
                                       "vertices and roads"), checkable=True)
        self.snapping.setChecked(True)
        # Measuring: on the ellipsoid (ui/canvas/measure_tool.py); QGIS's shortcuts for the same tools.
        self.measure_distance = action(self.tr("Measure &distance"), lambda: w.set_tool("measure_distance"),
                                       "Ctrl+Shift+M", None,
                                       self.tr("Click points along a way: each segment and the total, on the "
                                               "ellipsoid; double-click or Enter ends, Esc clears"),
                                       checkable=True)
        self.measure_distance.setIconText(self.tr("Distance", "toolbar: measure a distance"))
        self.measure_area = action(self.tr("Measure &area"), lambda: w.set_tool("measure_area"),
                                   "Ctrl+Shift+J", None,
                                   self.tr("Click the corners of an area: its area and perimeter, on the "
                                           "ellipsoid; double-click or Enter ends, Esc clears"),
                                   checkable=True)
        self.measure_area.setIconText(self.tr("Area", "toolbar: measure an area"))
        self.draw: dict[str, QAction] = {}
        for layer, text, short, shortcut in DRAWABLE:
            a = action(self.tr(text), lambda _=False, layer=layer: w.begin_drawing(layer), shortcut, None,
                       self.tr("then click on the map; Esc cancels"),
                       checkable=True)
            a.setObjectName(f"draw_{layer}")
            a.setIconText(self.tr(short))
            self.draw[layer] = a
        for a in (self.pan, self.select, self.identify, self.edit_vertices, self.measure_distance, self.measure_area,
                  *self.draw.values()):
            self.tool_group.addAction(a)
        # Find: the toolbar's search box (ui/search_box.py), made with the toolbars
        self.find = action(self.tr("&Find…"), lambda: self.search_box.focus_for_typing(),
                           QKeySequence.StandardKey.Find, None,
                           self.tr("Find a feature by its name, or go to a place: lat,lon, degrees "
                                   "(17°45'30\"S 128°30'E) or MGRS"))
        if QKeySequence("Ctrl+F") not in self.find.shortcuts():  # Ctrl+F wherever the platform's Find is not
            self.find.setShortcuts([*self.find.shortcuts(), QKeySequence("Ctrl+F")])
        # Layout and start-up
        self.reset_layout = action(self.tr("Reset &layout"), w.reset_layout, None, None,
                                   self.tr("Put the panels and toolbars back where they were at first"))
        self.reopen_last = action(self.tr("Reopen the last workspace at start"), w.set_reopen_last, None, None,
                                  self.tr("Open the workspace used last when HumanOps starts, if it is "
                                          "still there; otherwise the start page"), checkable=True)
        self.pan.setChecked(True)

        # Help
        self.user_guide = action(self.tr("&User guide"), w.show_user_guide,
                                 QKeySequence.StandardKey.HelpContents, None,
                                 self.tr("How to use HumanOps, in short"))
        if QKeySequence("F1") not in self.user_guide.shortcuts():
            self.user_guide.setShortcuts([*self.user_guide.shortcuts(), QKeySequence("F1")])
        self.keyboard_shortcuts = action(self.tr("&Keyboard shortcuts"), w.show_keyboard_shortcuts,
                                         "Ctrl+/", None, self.tr("Every shortcut of the app, from its menus"))
        self.about = action(self.tr("&About HumanOps"), w.show_about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        self.workspace_actions = [
            self.save, self.import_file, self.export_file, self.export_map, self.sitrep, self.briefing_map,
            self.tak_package, self.new_exercise,
            self.close_workspace,
            self.delete, self.select_all,
            self.clear_selection, self.zoom_in, self.zoom_out, self.zoom_full, self.zoom_selection,
            self.show_markings, self.refresh, self.pan, self.select, self.identify, self.edit_vertices, self.snapping,
            self.replay,
            self.measure_distance, self.measure_area, self.find, *self.draw.values(),
        ]
        self.extension_actions: list[tuple[QAction, bool]] = []

    # --- menus and toolbar ------------------------------------------------------------------------
    def build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new, self.open, self.open_team])
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(w.fill_recent_menu)
        file_menu.addAction(self.reopen_last)
        file_menu.addAction(self.save)
        file_menu.addSeparator()
        file_menu.addActions([self.import_file, self.export_file])
        file_menu.addActions([self.export_map, self.sitrep, self.briefing_map, self.tak_package])
        file_menu.addSeparator()
        file_menu.addAction(self.new_exercise)
        file_menu.addSeparator()
        file_menu.addAction(self.sync)
        file_menu.addSeparator()
        file_menu.addActions([self.close_workspace, self.quit])

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.delete, self.select_all, self.clear_selection])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        edit_menu.addSeparator()
        edit_menu.addAction(self.cancel_drawing)

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_full, self.zoom_selection])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.show_markings)
        self.view_menu.addAction(self.replay)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh)
        self.view_menu.addSeparator()
        self.panels_menu = self.view_menu.addMenu(self.tr("&Panels"))
        self.view_menu.addAction(self.reset_layout)
        self.language_menu = self.view_menu.addMenu(self.tr("&Language"))
        self._fill_language_menu()

        layer_menu = bar.addMenu(self.tr("&Layer"))
        layer_menu.addActions(list(self.draw.values()))
        layer_menu.addSeparator()
        layer_menu.addAction(self.edit_vertices)

        self.tools_menu = bar.addMenu(self.tr("&Tools"))
        self.tools_menu.addActions([self.pan, self.select, self.identify])
        self.tools_menu.addSeparator()
        self.tools_menu.addActions([self.measure_distance, self.measure_area])
        self.tools_menu.addSeparator()
        self.tools_menu.addAction(self.snapping)
        self.menus: dict[str, QMenu] = {"File": file_menu, "Edit": edit_menu, "View": self.view_menu,
                                        "Layer": layer_menu, "Tools": self.tools_menu}
        self._add_extension_entries()

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.user_guide, self.keyboard_shortcuts])
        help_menu.addSeparator()
        help_menu.addAction(self.about)
        self.menus["Help"] = help_menu

    def _add_extension_entries(self) -> None:
        """Menu entries other areas registered (sharing, analysis...): see extensions.py."""
        w = self.window
        for entry in extensions.menu_entries():
            menu = self.menus.get(entry.menu)
            if menu is None:  # keyed by its English title; shown in the UI's language
                menu = w.menuBar().addMenu(QCoreApplication.translate("extensions", entry.menu))
                self.menus[entry.menu] = menu
            # The extensions mark their texts with QT_TRANSLATE_NOOP("extensions", ...).
            a = QAction(QCoreApplication.translate("extensions", entry.text), w)
            if entry.shortcut:
                a.setShortcut(QKeySequence(entry.shortcut))
            if entry.tip:
                a.setStatusTip(QCoreApplication.translate("extensions", entry.tip))
            a.triggered.connect(lambda _=False, entry=entry: w.run_extension(entry))
            menu.addAction(a)
            self.extension_actions.append((a, entry.needs_workspace))

    def build_toolbar(self) -> QToolBar:
        w = self.window
        bar = QToolBar(self.tr("Main toolbar"), w)
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

        draw_bar = QToolBar(self.tr("Drawing"), w)
        draw_bar.setObjectName("drawing_toolbar")
        draw_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in self.draw.values():
            draw_bar.addAction(a)
        draw_bar.addAction(self.edit_vertices)
        draw_bar.addSeparator()
        draw_bar.addAction(self.delete)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, draw_bar)
        return bar

    def _measure_button(self, bar: QToolBar) -> QToolButton:
        """One button for both measure tools, as QGIS has it: the last one used, and the other in
        its menu."""
        button = QToolButton(bar)
        button.setObjectName("measure_button")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        menu = QMenu(button)
        menu.addActions([self.measure_distance, self.measure_area])
        button.setMenu(menu)
        button.setDefaultAction(self.measure_distance)
        button.triggered.connect(button.setDefaultAction)
        return button

    def build_search_toolbars(self) -> QToolBar:
        """The measure tools' and the search box's toolbars; made after the other areas'
        toolbars, so that they end the last row (the first is full)."""
        from humanops.ui.search_box import SearchBox

        w = self.window
        measure_bar = QToolBar(self.tr("Measure"), w)
        measure_bar.setObjectName("measure_toolbar")
        measure_bar.addWidget(self._measure_button(measure_bar))
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, measure_bar)
        bar = QToolBar(self.tr("Search"), w)
        bar.setObjectName("search_toolbar")
        self.search_box = SearchBox(w)
        bar.addWidget(self.search_box)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        return bar

    def _fill_language_menu(self) -> None:
        """View ▸ Language: the system's or one of ours, kept in the settings for the next start."""
        menu = self.language_menu
        group = QActionGroup(menu)
        group.setExclusive(True)
        chosen = str(self.window.settings.value(i18n.SETTING, i18n.SYSTEM) or i18n.SYSTEM)
        choices = [(i18n.SYSTEM, self.tr("System language")),
                   *i18n.LANGUAGES.items()]
        self.language_actions: dict[str, QAction] = {}
        for code, name in choices:
            a = QAction(name, menu)
            a.setCheckable(True)
            a.setChecked(code == chosen or (code == i18n.SYSTEM and chosen not in i18n.LANGUAGES))
            a.setObjectName(f"language_{code}")
            a.triggered.connect(lambda _=False, code=code: self.choose_language(code))
            group.addAction(a)
            menu.addAction(a)
            self.language_actions[code] = a
        menu.addSeparator()
        note = menu.addAction(self.tr("Takes effect when HumanOps restarts"))
        note.setEnabled(False)

    def choose_language(self, code: str) -> None:
        """Remember ``code`` ("system", "fr"...) for the next start, and say so."""
        w = self.window
        w.settings.setValue(i18n.SETTING, code)
        w.settings.sync()
        name = self.language_actions[code].text()
        message = self.tr("HumanOps will start in {language} next time.").format(
            language=name)
        override = os.environ.get(i18n.ENV_VAR, "").strip()
        if override:
            message += " " + QCoreApplication.translate(
                "MainActions", "For now {variable}={value} decides the language: it overrides this choice.").format(
                variable=i18n.ENV_VAR, value=override)
        w.statusBar().showMessage(message, 15_000)

    def set_workspace_open(self, is_open: bool) -> None:
        for a in self.workspace_actions:
            a.setEnabled(is_open)
        for a, needs in self.extension_actions:
            a.setEnabled(is_open or not needs)


def _new_exercise(window: MainWindow) -> None:
    from humanops.ui.dialogs.exercise_dialogs import show_new_exercise_dialog

    show_new_exercise_dialog(window)
