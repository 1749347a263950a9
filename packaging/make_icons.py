"""Render the app icon (resources/icons/unidoreader.svg) to the formats executables need:
.ico (Windows) and .icns (macOS), using Qt, which the build environment already has.

Why at build time: the SVG is the one source of the icon; PyInstaller cannot read SVG
(it converts PNG only when Pillow is installed, which the app does not need).

Usage: python packaging/make_icons.py OUT_DIR  -> OUT_DIR/unidoreader.ico, unidoreader.icns
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "resources" / "icons" / "unidoreader.svg"


def render(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SOURCE} is not a valid SVG")
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, fmt in ((".ico", b"ico"), (".icns", b"icns")):
        target = out_dir / f"unidoreader{suffix}"
        writer = QImageWriter(str(target), fmt)
        if not writer.write(image):
            raise SystemExit(f"make_icons: cannot write {target}: {writer.errorString()}")
        written.append(target)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/make_icons.py OUT_DIR")
    for path in render(Path(sys.argv[1])):
        print(f"make_icons: {path} ({path.stat().st_size} bytes)", file=sys.stderr)
