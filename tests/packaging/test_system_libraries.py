"""The one list of system libraries (resources/linux/system-libraries.txt) is what Qt's
platform plugins and libraries really link: derived from `ldd`, not from error texts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LISTING = REPO / "resources" / "linux" / "system-libraries.txt"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the list is for Linux")


def _listed() -> dict[str, str]:
    entries = {}
    for line in LISTING.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2 and not fields[0].startswith("#"):
            entries[fields[0]] = fields[1]
    return entries


def _qt_binaries() -> list[Path]:
    """What the app loads: the Qt modules it imports, the X11 and offscreen platforms with
    their GL integrations, and the plugins Qt loads at start (themes, input, SVG icons, printing)."""
    import PySide6

    root = Path(PySide6.__file__).parent
    qt = root / "Qt"
    plugins = qt / "plugins"
    found: list[Path] = []
    for module in ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport"):
        found += root.glob(f"{module}.*so")
    for name in ("Core", "Gui", "Widgets", "PrintSupport", "DBus", "XcbQpa", "OpenGL", "Svg"):
        found += qt.glob(f"lib/libQt6{name}.so.6")
    found += [plugins / "platforms" / "libqxcb.so", plugins / "platforms" / "libqoffscreen.so"]
    for folder in ("xcbglintegrations", "platformthemes", "platforminputcontexts", "iconengines"):
        found += (plugins / folder).glob("*.so")
    found += (plugins / "imageformats").glob("libqsvg.so")
    return sorted(set(p for p in found if p.is_file() and p.name not in OPTIONAL_PLUGINS))


#: Plugins Qt loads only where their own stack is already there (a GTK desktop; an on-screen
#: keyboard asked for by QT_IM_MODULE) and skips quietly elsewhere: not the app's needs.
OPTIONAL_PLUGINS = {"libqgtk3.so", "libqtvirtualkeyboardplugin.so"}


def _system_libraries(binary: Path) -> dict[str, str]:
    """soname -> where the loader finds it ('not found' when it does not), outside Qt's own folder."""
    out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
    libraries = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\S+) => (not found|\S+)", line)
        if match and "PySide6" not in match.group(2) and "shiboken6" not in match.group(2):
            libraries[match.group(1)] = match.group(2)
    return libraries


def test_every_library_qt_links_is_in_the_list() -> None:
    listed = _listed()
    binaries = _qt_binaries()
    assert any(b.name == "libqxcb.so" for b in binaries)
    unlisted = {}
    for binary in binaries:
        for soname in _system_libraries(binary):
            if soname not in listed:
                unlisted[soname] = binary.name
    assert unlisted == {}, f"add these to {LISTING.relative_to(REPO)}: {unlisted}"


def test_every_library_qt_links_is_installed() -> None:
    """scripts/dev.sh (which CI runs first) installed everything on the list."""
    missing = {}
    for binary in _qt_binaries():
        for soname, where in _system_libraries(binary).items():
            if where == "not found":
                missing[soname] = binary.name
    assert missing == {}
