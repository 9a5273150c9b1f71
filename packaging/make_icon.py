"""Render the app icon, ``packaging/humanops.svg``, to ``humanops.png`` (256 px) and ``humanops.ico``
(16 to 256 px) in a folder: the Windows executable's icon and the Linux desktop entry's.

    .venv/bin/python packaging/make_icon.py OUT_DIR

Qt's SVG renderer draws each size (Qt is already a dependency: no image library to add). The ICO
holds one PNG per size, a form Windows reads since Vista and Pillow/PyInstaller accept.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent / "humanops.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent ``size`` x ``size`` image, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icon: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"make_icon: cannot encode {size} px PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file of PNG images (ICONDIR, one ICONDIRENTRY each, then the PNGs)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def make_icons(out_dir: Path, svg: Path = SVG) -> dict[str, Path]:
    """Write ``humanops.png`` and ``humanops.ico`` to ``out_dir``; return their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs one
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(svg, size) for size in ICO_SIZES}
    png_path, ico_path = out_dir / "humanops.png", out_dir / "humanops.ico"
    png_path.write_bytes(pngs[PNG_SIZE])
    ico_path.write_bytes(ico_bytes(pngs))
    return {"png": png_path, "ico": ico_path}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    for path in make_icons(args.out_dir).values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
