"""The import dialog's field mapping (issue 10, item 1), driven with real QTest events: a
KoboToolbox export that the guess cannot import, mapped in the table, previewed live, saved as
a profile and loaded again; nothing is written before Import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

DATA = Path(__file__).parent.parent / "data" / "mapping"
KOBO = DATA / "kobo_restaurant_profile.csv"


def _pick(qtbot, box, text: str) -> None:
    """Choose ``text`` in a combo box by keyboard, as a user would."""
    box.setFocus()
    target = box.findText(text)
    assert target >= 0, text
    while box.currentIndex() != target:
        qtbot.keyClick(box, Qt.Key.Key_Down if box.currentIndex() < target else Qt.Key.Key_Up)


def test_mapping_table_preview_profile_and_import(qtbot, main_window, snapshot, tmp_path) -> None:
    window = main_window
    window.actions.import_file.trigger()
    dialog = window.import_dialog
    dialog.show()
    path = window.workspace.path
    before = snapshot(path)
    dialog.set_file(KOBO, layer="facility")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.outcome is not None, timeout=20_000)
    table = dialog.mapping_panel.table
    # refused for the required fields, with the columns that could serve; the table is filled
    assert "facility_type (could be: type de restaurant" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert table.picker("name").currentText() == "(not imported)"
    assert table.picker("name").findText("nom du restaurant") >= 0
    # map name to a column and give facility_type one value: the preview follows, live
    _pick(qtbot, table.picker("name"), "nom du restaurant")
    _pick(qtbot, table.picker("facility_type"), "(one value for all)")
    editor = table.editor("facility_type")
    assert editor.isEnabled()
    _pick(qtbot, editor, "distribution_point")
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.import_button.isEnabled(), timeout=20_000)
    preview = dialog.mapping_panel.preview
    headers = [preview.horizontalHeaderItem(c).text() for c in range(preview.columnCount())]
    rows = {preview.item(r, headers.index("name")).text(): preview.item(r, headers.index("facility_type")).text()
            for r in range(preview.rowCount())}
    assert rows == {"Taco Truck": "distribution_point", "Harvest": "distribution_point"}
    assert "would import 2" in dialog.summary.text() or "Ready to import" in dialog.summary.text()
    assert snapshot(path) == before  # nothing written by the checks
    # save the mapping as a profile (a worker writes it), then forget and load it again
    qtbot.mouseClick(dialog.mapping_panel.profile_name, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.mapping_panel.profile_name, "kobo restaurants")
    qtbot.mouseClick(dialog.mapping_panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None and "saved" in dialog.summary.text(), timeout=20_000)
    assert dialog.mapping_panel.profile_box.findText("kobo restaurants") >= 0
    assert dialog.grab().save(str(tmp_path / "mapping.png"))  # the dialog renders (looked at by hand)
    dialog.file_edit.setText("")  # the file re-chosen: the table waits for the new read
    dialog.set_file(KOBO, layer="facility")
    assert table.rowCount() == 0
    box = dialog.mapping_panel.profile_box
    box.setFocus()
    _pick(qtbot, box, "kobo restaurants")
    dialog.mapping_panel._profile_chosen(box.currentIndex())  # what 'activated' does on a real click
    qtbot.waitUntil(lambda: dialog.worker is None and dialog.import_button.isEnabled(), timeout=20_000)
    assert table.picker("name").currentText() == "nom du restaurant"
    assert table.picker("facility_type").currentText() == "(one value for all)"
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    names = sorted(f.properties["name"] for f in window.workspace.features("facility")
                   if f.properties["facility_type"] == "distribution_point")
    assert names == ["Harvest", "Taco Truck"]
    dialog.reject()
