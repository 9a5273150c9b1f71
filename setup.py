"""Build step pyproject.toml cannot say: a wheel carries ``layers/`` and ``resources/``.

The repository keeps both folders at its root, where the docs, QGIS users and the app run from
a checkout find them; a plain ``pip install .`` would leave them out of the wheel. ``build_py``
copies them into the built package as ``humanops/_data/`` (``humanops/data_paths.py`` looks
there). An editable install reads them from the checkout. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ("layers", "resources")


def copy_shipped_data(build_lib: Path, root: Path = ROOT) -> Path:
    """Copy ``layers/`` and ``resources/`` into ``build_lib/humanops/_data/``; that folder."""
    target = build_lib / "humanops" / "_data"
    for name in SHIPPED:
        shutil.copytree(root / name, target / name, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if not getattr(self, "editable_mode", False):
            copy_shipped_data(Path(self.build_lib))


if __name__ == "__main__":  # setuptools runs this file as a script; tests import copy_shipped_data
    setup(cmdclass={"build_py": BuildPyWithData})
