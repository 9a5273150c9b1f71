"""PyInstaller hook for pyogrio (none ships with PyInstaller or its contrib hooks yet).

pyogrio's compiled modules import each other from C (``_io`` needs ``_geometry``), which the
import scan does not see, and it points GDAL and PROJ at the data folders inside its wheel
(``gdal_data``, ``proj_data``) when they exist: without them GDAL cannot read or write a CRS.
"""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("pyogrio", filter=lambda name: not name.startswith("pyogrio.tests"))
datas = collect_data_files("pyogrio", excludes=["tests", "tests/**"])
