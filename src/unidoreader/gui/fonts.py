"""The bundled CJK font (resources/fonts/, a Noto Sans CJK SC subset under the OFL).

Registered with Qt at start so that the screen and every printed PDF use the same
font on any machine, and so that PDFs carry it embedded. The subset has no Kangxi
radicals and no GSUB (see packaging/make_font_subset.py), so text copied out of a PDF
is the text of the report; a system-wide Noto CJK would give 工 back as ⼯.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase

from unidoreader.paths import resources_dir

CJK_FAMILY = "Unidoreader Sans SC"

_registered: dict[Path, list[str]] = {}


def font_files() -> list[Path]:
    """The font files shipped in resources/fonts/."""
    folder = resources_dir() / "fonts"
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in {".otf", ".ttf", ".ttc"})


def register_bundled_fonts() -> list[str]:
    """Add the bundled fonts to Qt's font database; returns their family names.

    Idempotent (a file is added once per process). Needs a QGuiApplication.
    A missing or unreadable file is skipped: the app then falls back to system fonts.
    """
    families: list[str] = []
    for path in font_files():
        if path not in _registered:
            font_id = QFontDatabase.addApplicationFont(str(path))
            _registered[path] = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        for family in _registered[path]:
            if family not in families:
                families.append(family)
    return families
