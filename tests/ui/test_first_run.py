"""The app started without a workspace: the start page, driven through its buttons and fields.

A new workspace is made from the form typed in key by key (problems shown under their fields,
nothing written until they are fixed), the demo is written with its partners where the user
says, an existing workspace is opened (a plain GeoPackage is not one), and a returning user
sees the recent workspaces first. File names are answered by monkeypatching Qt's file dialogs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit

from humanops.scenario.demo import DEMO_PARTNERS
from humanops.sharing import keys
from humanops.store.workspace import Workspace
from humanops.ui.dialogs.first_run_dialog import FirstRunDialog, start_without_workspace
from humanops.ui.dialogs.new_workspace_dialog import NewWorkspaceDialog
from humanops.ui.settings import NEW_WORKSPACE_FOLDER_KEY, add_recent_workspace

WAIT_MS = 30_000
PASSPHRASE = "river stones at dawn"
EXAMPLE_PROTOCOL = Path(__file__).resolve().parents[2] / "resources" / "isp" / "example.toml"


@pytest.fixture
def start(make_main_window, qtbot, tmp_path: Path):
    """The empty main window with its start page; new files are offered in ``tmp_path``."""

    def make() -> tuple[object, FirstRunDialog]:
        window = make_main_window()
        window.settings.setValue(NEW_WORKSPACE_FOLDER_KEY, str(tmp_path))
        dialog = start_without_workspace(window)
        qtbot.waitExposed(dialog)
        return window, dialog

    return make


@pytest.fixture
def small_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's region with a few features of each layer: the whole way a demo is made
    (keys, partners' workspaces, their packages), in a fraction of the time."""
    from humanops.scenario import demo

    build = demo.build_demo
    monkeypatch.setattr(demo, "build_demo", lambda seed=7: {k: f.head(20) for k, f in build(seed).items()})


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path | None, *, save: bool) -> list[str]:
    """Answer the next file dialog with ``path``; returns the suggested paths it was given."""
    suggested: list[str] = []

    def answer(parent, caption, directory="", *args, **kwargs):
        suggested.append(directory)
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName" if save else "getOpenFileName", staticmethod(answer))
    return suggested


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def form_of(qtbot, dialog: FirstRunDialog) -> NewWorkspaceDialog:
    click(qtbot, dialog.new_button)
    form = dialog.new_workspace_dialog
    assert isinstance(form, NewWorkspaceDialog)
    qtbot.waitExposed(form)
    return form


def shown_errors(form: NewWorkspaceDialog) -> dict[str, str]:
    return {key: label.text() for key, label in form.errors.items() if label.isVisible()}


@pytest.mark.usefixtures("fast_kdf")
def test_a_new_workspace_from_the_form_has_our_organisation_and_keys(qtbot, start, tmp_path: Path) -> None:
    window, dialog = start()
    assert dialog.windowTitle() == "Welcome to HumanOps" and not dialog.recent_box.isVisible()
    form = form_of(qtbot, dialog)
    qtbot.keyClicks(form.org_edit, "medaid")
    assert form.path_edit.text() == str(tmp_path / "medaid.gpkg")  # named after the organisation
    qtbot.keyClicks(form.name_edit, "MedAid Relief")
    qtbot.keyClicks(form.passphrase_edit, PASSPHRASE)
    assert form.strength_label.text().startswith("Strength: ")
    qtbot.keyClicks(form.repeat_edit, PASSPHRASE)
    type_into(qtbot, form.protocol_edit, str(EXAMPLE_PROTOCOL))
    click(qtbot, form.create_button)
    assert form.passphrase_edit.text() == form.repeat_edit.text() == ""  # not kept on screen once the work has it

    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT_MS)
    path = tmp_path / "medaid.gpkg"
    assert window.workspace.path == path and path.is_file()
    assert window.windowTitle().startswith("medaid.gpkg")
    assert str(path.resolve()) in window.settings.value("recent_workspaces")
    assert [p.name for p in tmp_path.iterdir() if p.name != "settings"] == ["medaid.gpkg"]  # no leftovers
    with Workspace.open(path) as ws:
        assert ws.organisation == "medaid"
        assert keys.unlock(ws, PASSPHRASE).public.org_id == "medaid"
        from humanops.sharing.protocol import adopted_protocol

        assert adopted_protocol(ws) is not None


@pytest.mark.usefixtures("fast_kdf")
def test_the_form_shows_each_problem_under_its_field_and_writes_nothing(qtbot, start, tmp_path: Path) -> None:
    window, dialog = start()
    form = form_of(qtbot, dialog)
    qtbot.keyClicks(form.org_edit, "med aid")
    qtbot.keyClicks(form.passphrase_edit, PASSPHRASE)
    qtbot.keyClicks(form.repeat_edit, PASSPHRASE + "!")
    bad_protocol = tmp_path / "protocol.toml"
    bad_protocol.write_text("name = [unclosed\n", encoding="utf-8")
    type_into(qtbot, form.protocol_edit, str(bad_protocol))
    click(qtbot, form.create_button)

    errors = shown_errors(form)
    assert "'med aid' is not an organisation or community id" in errors["org_id"]
    assert "no spaces" in errors["org_id"]
    assert "name" in errors  # needed with keys
    assert errors["passphrase"] == "The two passphrases differ: type the same one twice."
    assert "protocol.toml" in errors["protocol"]
    assert form.status.text() == "Nothing was written: correct what is marked in red."
    assert form.focusWidget() is form.org_edit  # the first field to fix
    assert sorted(p.name for p in tmp_path.iterdir()) == ["protocol.toml", "settings"]

    # A passphrase too short, an existing file: said so, still nothing written.
    type_into(qtbot, form.org_edit, "medaid")
    qtbot.keyClicks(form.name_edit, "MedAid Relief")
    type_into(qtbot, form.passphrase_edit, "short")
    type_into(qtbot, form.repeat_edit, "short")
    form.protocol_edit.clear()
    (tmp_path / "mine.gpkg").write_bytes(b"mine")
    type_into(qtbot, form.path_edit, str(tmp_path / "mine"))  # .gpkg is added
    click(qtbot, form.create_button)
    errors = shown_errors(form)
    assert set(errors) == {"passphrase", "path"}
    assert errors["passphrase"] == "The passphrase needs at least 8 characters."
    assert errors["path"].startswith("mine.gpkg exists already")
    assert (tmp_path / "mine.gpkg").read_bytes() == b"mine"  # never overwritten
    assert window.workspace is None

    # Without keys: no passphrase, no name needed.
    type_into(qtbot, form.path_edit, str(tmp_path / "plain.gpkg"))
    form.keys_box.setChecked(False)
    click(qtbot, form.create_button)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT_MS)
    assert window.workspace.organisation == "medaid" and not keys.has_identity(window.workspace)


@pytest.mark.usefixtures("fast_kdf", "small_demo")
def test_open_the_demo_writes_it_with_its_partners_where_asked(qtbot, start, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window, dialog = start()
    target = tmp_path / "demo" / "kavera"  # a folder to be made, a name without .gpkg
    suggested = choose_file(monkeypatch, target, save=True)
    click(qtbot, dialog.demo_button)
    assert suggested[0].startswith(str(tmp_path / "kavera-demo-")) and suggested[0].endswith(".gpkg")
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT_MS)
    path = tmp_path / "demo" / "kavera.gpkg"
    assert window.workspace.path == path
    assert window.workspace.count("need") > 0 and keys.has_identity(window.workspace)
    partners = sorted(p.name for p in (tmp_path / "demo" / "kavera-partners").glob("*.gpkg"))
    assert partners == sorted(f"{p['id']}.gpkg" for p in DEMO_PARTNERS[1:])
    assert "kavera-demo" in window.statusBar().currentMessage()  # the demo's passphrase, told once open
    assert window.settings.value(NEW_WORKSPACE_FOLDER_KEY) == str((tmp_path / "demo").resolve())


@pytest.mark.usefixtures("small_demo")
def test_a_failed_demo_leaves_neither_file_nor_partners_folder(tmp_path: Path, monkeypatch) -> None:
    from humanops.feedback import Feedback
    from humanops.scenario import demo_partners
    from humanops.ui.workspace_setup import create_demo

    def broken(workspace, folder, **kwargs):
        folder.mkdir()
        (folder / "half.gpkg").write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(demo_partners, "install_demo_partners", broken)
    with pytest.raises(OSError, match="disk full"):
        create_demo(tmp_path / "demo.gpkg", Feedback())
    assert list(tmp_path.iterdir()) == []


def test_open_an_existing_workspace_but_not_a_plain_geopackage(qtbot, start, tmp_path: Path,
                                                               small_workspace_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    window, dialog = start()
    plain = tmp_path / "roads.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(36, 36)], crs=4326).to_file(plain)
    choose_file(monkeypatch, plain, save=False)
    click(qtbot, dialog.open_button)
    assert dialog.isVisible() and window.workspace is None
    assert dialog.status.text() == ("roads.gpkg is a GeoPackage, but not a HumanOps workspace: create a workspace, "
                                    "then import it (File › Import).")

    choose_file(monkeypatch, small_workspace_path, save=False)
    click(qtbot, dialog.open_button)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT_MS)
    assert window.workspace.path == small_workspace_path and not dialog.isVisible()


def test_a_returning_user_sees_the_recent_workspaces_first(qtbot, start, tmp_path: Path,
                                                           small_workspace_path: Path) -> None:
    window, first = start()  # the settings are the window's: fill them, then start again
    click(qtbot, first.later_button)
    gone = tmp_path / "moved.gpkg"
    add_recent_workspace(window.settings, gone)
    add_recent_workspace(window.settings, small_workspace_path)
    dialog = start_without_workspace(window)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "HumanOps — start"
    items = [dialog.recent_list.item(i) for i in range(dialog.recent_list.count())]
    assert [i.text() for i in items] == [f"small.gpkg  —  {tmp_path}", f"moved.gpkg  —  {tmp_path}  (not found)"]
    assert not items[1].flags() & Qt.ItemFlag.ItemIsEnabled  # greyed: nothing to open
    assert dialog.recent_list.currentItem() is items[0]

    click(qtbot, dialog.forget_missing_button)
    assert dialog.recent_list.count() == 1 and not dialog.forget_missing_button.isVisible()
    qtbot.keyClick(dialog.recent_list, Qt.Key.Key_Return)  # Enter opens the one chosen
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT_MS)
    assert window.workspace.path == small_workspace_path


def test_continue_without_a_workspace_leaves_a_hint(qtbot, start) -> None:
    window, dialog = start()
    click(qtbot, dialog.later_button)
    assert not dialog.isVisible() and window.workspace is None
    assert "Open workspace (Ctrl+O)" in window.statusBar().currentMessage()
