"""Where HumanOps finds the files it ships beside its code: the layer kinds (``layers/``) and
``resources/`` (routing speeds, rations, the world basemap, translations, examples).

One answer for every way the app is run, first match wins:

1. ``$HUMANOPS_LAYERS`` / ``$HUMANOPS_RESOURCES``: a folder the user points at;
2. a PyInstaller bundle (``sys.frozen``): ``layers/`` and ``resources/`` at the bundle's root,
   ``sys._MEIPASS`` (``packaging/humanops.spec`` puts them there);
3. an installed wheel (``pip install .``): ``humanops/_data/layers`` and ``humanops/_data/resources``,
   copied into the package at build time by ``setup.py``;
4. a source checkout or an editable install: ``layers/`` and ``resources/`` at the repository root.

Standard library only, and no Qt: the CLI, the engine and the app all ask here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LAYERS_ENV = "HUMANOPS_LAYERS"
RESOURCES_ENV = "HUMANOPS_RESOURCES"
# Inside the package, where a wheel carries the two folders (the repository keeps them at its root).
PACKAGED_DATA = "_data"


def layers_dir() -> Path:
    """The folder of the layer kind files (``*.toml``)."""
    return _shipped_dir("layers", LAYERS_ENV)


def resources_dir() -> Path:
    """The ``resources/`` folder: ``routing/``, ``planning/``, ``basemap/``, ``i18n/``, examples."""
    return _shipped_dir("resources", RESOURCES_ENV)


def translations_dir() -> Path:
    """The app's compiled translations (``*.qm``), inside :func:`resources_dir`."""
    return resources_dir() / "i18n"


def bundle_root() -> Path | None:
    """The unpacked PyInstaller bundle the app runs from, or None when it runs from Python."""
    if not getattr(sys, "frozen", False):
        return None
    unpacked = getattr(sys, "_MEIPASS", None)
    # Other freezers set sys.frozen without _MEIPASS; their data sits beside the executable.
    return Path(unpacked) if unpacked else Path(sys.executable).resolve().parent


def _shipped_dir(name: str, env: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override)
    bundle = bundle_root()
    if bundle is not None:
        return bundle / name
    package = Path(__file__).resolve().parent
    installed = package / PACKAGED_DATA / name
    if installed.is_dir():
        return installed
    return package.parent / name
