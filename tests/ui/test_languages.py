"""The app in the field's languages, through the real window: Arabic laid out right to left,
French numbers and dates in the feature form, the language chosen in View ▸ Language for the
next start (or by $HUMANOPS_LANG), and a translation compiled at start-up when it was not built."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import click_row

from humanops.ui import i18n

NNBSP = "\u202f"  # the narrow no-break space French groups thousands with
REPO_I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"


@pytest.fixture
def switch_language(qapp, english_ui: Path):
    """``switch_language("fr")`` installs a language as the app does at start-up (windows made
    afterwards are in it); English again after the test."""
    def switch(language: str) -> i18n.InstalledLanguage:
        installed = i18n.install_language(qapp, language, compiled_dir=english_ui)
        assert installed.missing == [], installed.missing
        return installed

    yield switch
    i18n.install_language(qapp, "en", compiled_dir=english_ui)


def _add_camp(path: Path) -> None:
    """A need whose numbers and date show the locale: 12,345 people assessed on 20 November 2026."""
    from shapely.geometry import Point

    from humanops.store.workspace import Workspace

    with Workspace.open(path) as ws:
        ws.add_feature("need", Point(36.09, 36.13), {"name": "Camp Zahra", "population": 12345, "households": 2469,
                                                      "assessed": date(2026, 11, 20)})


def _select_by_name(qtbot, window, layer: str, name: str) -> None:
    """Click the feature's row in the attribute table, as a user would."""
    table = window.attribute_table
    if table.layer != layer:
        table.set_layer(layer)
    qtbot.waitUntil(lambda: not table.is_loading() and table.model.rowCount() > 0, timeout=20_000)
    column = table.model.column_index("name")
    rows = [r for r in range(table.proxy.rowCount()) if table.proxy.index(r, column).data() == name]
    assert rows, name
    click_row(qtbot, table.view, rows[0])
    qtbot.waitUntil(lambda: window.feature_panel.form.editors.get("name") is not None
                    and window.feature_panel.form.editors["name"].value() == name, timeout=5_000)


def test_the_app_in_arabic_lays_out_right_to_left(qtbot, make_main_window, small_workspace_path: Path,
                                                  switch_language, tmp_path: Path) -> None:
    switch_language("ar")
    assert QCoreApplication.translate("QGuiApplication", "QT_LAYOUT_DIRECTION") == "RTL"  # our translation says so too
    window = make_main_window(small_workspace_path)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.menuBar().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.docks["feature"].layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.actions.menus["File"].title() == "&ملف" and window.actions.menus["Sharing"].title() == "المشاركة"
    # Mirrored, not only flagged: the menu bar starts at the right (File is its rightmost menu).
    bar = window.menuBar()
    titles = [a for a in bar.actions() if a.menu() is not None]
    assert bar.actionGeometry(titles[0]).x() > bar.actionGeometry(titles[-1]).x()
    # Qt's own words too (qtbase_ar): a standard button
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() not in ("Cancel", "&Cancel")
    buttons.deleteLater()

    _select_by_name(qtbot, window, "danger_zone", "Shelling area")
    form = window.feature_panel.form
    label = form._layout.labelForField(form.editors["hazard"].parentWidget())
    assert label.text() == "نوع الخطر *"  # the kind's Arabic label, from layers/danger_zone.toml
    assert form.editors["hazard"].input.currentText() == "قصف مدفعي"  # "shelling", stored as it is
    assert form.editors["valid_from"].input.text() == "1 نوفمبر 2026 00:00 UTC"  # its parts in reading order
    editor = form.editors["hazard"]
    qtbot.waitUntil(lambda: label.isVisible() and editor.isVisible(), timeout=5_000)
    assert label.mapTo(window, QPoint(0, 0)).x() > editor.mapTo(window, QPoint(0, 0)).x()  # the label on the right
    assert window.attribute_table.model.headerData(0, Qt.Orientation.Horizontal) == "الاسم *"
    picture = window.grab()
    assert not picture.isNull() and picture.save(str(tmp_path / "ar.png"))


def _area(window, name: str) -> Qt.DockWidgetArea:
    return window.dockWidgetArea(window.docks[name])


def _x(widget, window) -> int:
    return widget.mapTo(window, QPoint(0, 0)).x()


def test_in_arabic_the_layers_panel_docks_on_the_right(qtbot, make_main_window, small_workspace_path: Path,
                                                       switch_language, settings_path: Path) -> None:
    """Qt does not mirror dock areas: the window puts the Layers panel where an Arabic reader
    starts (the right), the feature form on the left; Reset layout and a layout saved in English
    follow."""
    from PySide6.QtCore import QSettings

    from humanops.ui.main_window import MainWindow

    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    english = make_main_window()  # closing it saves its layout (Layers on the left) for the next start
    assert _area(english, "layers") == left and _area(english, "feature") == right
    english.close()

    switch_language("ar")
    window = make_main_window(small_workspace_path)
    assert (_area(window, "layers"), _area(window, "feature"), _area(window, "marking")) == (right, left, left)
    assert _x(window.docks["layers"], window) > _x(window.canvas, window) > _x(window.docks["feature"], window)
    assert window.dockWidgetArea(window.docks["results"]) == Qt.DockWidgetArea.BottomDockWidgetArea

    # moved by the user, then View › Reset layout (its Arabic entry, clicked): back on the right
    window.addDockWidget(left, window.docks["layers"])
    bar, menu = window.menuBar(), window.actions.view_menu
    title = next(a for a in bar.actions() if a.menu() is menu)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(title).center())
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    entry = window.actions.reset_layout
    assert entry.text() != "Reset &layout"  # translated
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    assert _area(window, "layers") == right and _area(window, "feature") == left

    # the next start, in Arabic, with the layout saved in English: mirrored, not left as it was
    restored = MainWindow(QSettings(str(settings_path), QSettings.Format.IniFormat))
    try:
        assert (_area(restored, "layers"), _area(restored, "feature"), _area(restored, "marking")) == \
            (right, left, left)
        assert _area(restored, "attributes") == Qt.DockWidgetArea.BottomDockWidgetArea
    finally:
        restored.close()
        restored.deleteLater()


def test_french_numbers_and_dates_in_the_feature_form(qtbot, make_main_window, small_workspace_path: Path,
                                                      switch_language) -> None:
    _add_camp(small_workspace_path)
    switch_language("fr")
    window = make_main_window(small_workspace_path)
    assert window.actions.menus["File"].title() == "&Fichier"
    _select_by_name(qtbot, window, "need", "Camp Zahra")
    panel = window.feature_panel
    editors = panel.form.editors
    assert editors["population"].input.text() == f"12{NNBSP}345 personnes"
    assert editors["households"].input.text() == f"2{NNBSP}469 ménages"
    assert editors["assessed"].input.text() == "20 nov. 2026"  # French order, the month named
    assert editors["assessed"].value() == date(2026, 11, 20)  # what is stored did not change
    assert "besoin des civils" in panel.title.text() and panel.apply_button.text() == "Appliquer"
    table = window.attribute_table
    model = table.model
    column = model.column_index("population")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Population (personnes) *"
    row = next(r for r in range(model.rowCount()) if model.index(r, model.column_index("name")).data() == "Camp Zahra")
    assert model.index(row, column).data() == f"12{NNBSP}345"
    assert model.index(row, model.column_index("assessed")).data() == "20 nov. 2026"
    assert table.status.text().startswith("7 entités")  # the plural form, in French


def test_in_french_the_legend_counts_every_class_and_the_analyses_speak_french(
        qtbot, make_main_window, small_workspace_path: Path, switch_language) -> None:
    """The legend's "other" row is found by what it holds, not by its English word, so it is
    counted in French too; an analysis opened from the menu shows the engine's title and parameter
    labels translated."""
    import re

    from PySide6.QtWidgets import QLabel

    from humanops.ui.panels.layers_panel import OTHER_ROLE

    switch_language("fr")
    window = make_main_window(small_workspace_path)
    facilities = window.layers_panel.layer_item("facility")
    assert facilities.text(0).startswith("Sites et infrastructures (")
    (other,) = [facilities.child(i) for i in range(facilities.childCount()) if facilities.child(i).data(0, OTHER_ROLE)]
    assert re.fullmatch(r"autre \(\d+\)", other.text(0)), other.text(0)

    bar, menu = window.menuBar(), window.actions.menus["&Analysis"]
    title = next(a for a in bar.actions() if a.menu() is menu)
    assert title.text() == "A&nalyse"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(title).center())
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    entry = next(a for a in menu.actions() if a.text() == "Itinéraire…")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    qtbot.waitUntil(lambda: "route" in window.planning.dialogs, timeout=5000)
    dialog = window.planning.dialogs["route"]
    try:
        assert dialog.windowTitle() == "Itinéraire entre deux lieux"
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert {"Départ", "Arrivée", "Itinéraires alternatifs"} <= labels
        assert "From" not in labels and "Route between two places" not in labels
    finally:
        dialog.close()


def test_the_language_menu_keeps_the_choice_for_the_next_start(qtbot, make_main_window, settings_path: Path,
                                                               qapp, switch_language, monkeypatch) -> None:
    window = make_main_window()
    menu = window.actions.language_menu
    assert [a.text() for a in menu.actions() if a.isCheckable()] == ["System language", "English", "Français",
                                                                      "العربية", "Español"]
    assert window.actions.language_actions["system"].isChecked()
    monkeypatch.delenv(i18n.ENV_VAR)
    window.actions.language_actions["es"].trigger()
    assert window.settings.value(i18n.SETTING) == "es"
    assert window.statusBar().currentMessage() == "HumanOps will start in Español next time."
    assert i18n.current_language() == "en"  # the window in use does not change under the user

    # the next start: create_application installs what the settings say (each window is made after)
    i18n.install_from_settings(qapp, window.settings)
    assert i18n.current_language() == "es" and QLocale().name() == "es_ES"
    monkeypatch.setenv(i18n.ENV_VAR, "ar")  # the environment wins over the setting
    i18n.install_from_settings(qapp, window.settings)
    assert i18n.current_language() == "ar" and qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window.actions.language_actions["fr"].trigger()
    assert "HUMANOPS_LANG=ar" in window.statusBar().currentMessage()  # said why the choice waits


def test_the_system_language_decides_unless_one_is_chosen() -> None:
    assert i18n.resolve_language("system", QLocale("fr_CA")) == "fr"
    assert i18n.locale_for("fr", QLocale("fr_CA")).name() == "fr_CA"  # a French Canadian keeps fr_CA
    assert i18n.resolve_language("system", QLocale("de_DE")) == "en"  # a language we lack: English
    assert i18n.resolve_language("es_ES.UTF-8", QLocale("fr_FR")) == "es"
    assert i18n.resolve_language("ar", QLocale("C")) == "ar"
    assert i18n.locale_for("ar", QLocale("C")).name() == "ar_001"  # Western digits unless the system says otherwise
    assert i18n.locale_for("ar", QLocale("ar_SY")).name() == "ar_SY"
    assert i18n.resolve_language("klingon", QLocale("es_ES")) == "es"


def test_a_translation_not_built_is_compiled_at_start_up(qapp, tmp_path: Path, monkeypatch, switch_language,
                                                         caplog) -> None:
    """A plain `pip install -e .` has the .ts but no .qm: the language still shows. A .ts that
    does not compile leaves the app in English, with the file named in the log."""
    resources = tmp_path / "resources"
    (resources / "i18n").mkdir(parents=True)
    shutil.copy(REPO_I18N / "humanops_fr.ts", resources / "i18n" / "humanops_fr.ts")
    monkeypatch.setenv("HUMANOPS_RESOURCES", str(resources))
    cache = tmp_path / "cache"
    qm = i18n.translation_file("fr", compiled_dir=cache)
    assert qm is not None and qm.parent == cache and qm.suffix == ".qm"
    assert i18n.translation_file("fr", compiled_dir=cache) == qm  # compiled once per version of the .ts
    installed = i18n.install_language(qapp, "fr", compiled_dir=cache)
    assert installed.missing == [] and QCoreApplication.translate("MainActions", "&File") == "&Fichier"

    (resources / "i18n" / "humanops_es.ts").write_text("<TS><context><name>broken", encoding="utf-8")
    installed = i18n.install_language(qapp, "es", compiled_dir=cache)
    assert installed.missing == ["humanops_es"] and QCoreApplication.translate("MainActions", "&File") == "&File"
    assert any("humanops_es.ts" in record.getMessage() for record in caplog.records)


def test_times_the_ui_shows_follow_the_language(switch_language) -> None:
    from humanops.ui.locale_text import format_count, format_datetime

    moment = datetime(2026, 11, 20, 9, 5, tzinfo=UTC)
    switch_language("es")
    assert format_count(12345) == "12.345" and format_datetime(moment) == "20 nov 2026 09:05 UTC"
    switch_language("ar")
    assert format_datetime(moment) == "20 نوفمبر 2026 09:05 UTC"
