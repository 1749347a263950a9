"""Can a window open here? Asked before Qt starts, because Qt's own answer to a missing
display, a refused display or a missing platform library is a page of plugin messages
and an abort (SIGABRT, exit 134). Each check gives one line: the cause and what to do.

Only Linux's X11 path needs this: Windows and macOS always have their platform, and a
Wayland session or an explicit QT_QPA_PLATFORM is the user's own choice.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from unidoreader import paths

#: What to do instead, said after every display problem.
ALTERNATIVE = (
    "the other commands work without a display, and "
    "`QT_QPA_PLATFORM=offscreen unidoreader gui --screenshot PNG` renders the window to a file"
)

# libxcb's connection errors (xcb.h, XCB_CONN_*).
_XCB_PARSE_ERROR = 5
_XCB_INVALID_SCREEN = 6

_MISSING_LIBRARY = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")
_DISPLAY_NAME = re.compile(r"^(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?$")


def system_packages() -> dict[str, str]:
    """Library soname -> Debian/Ubuntu package, from the one list that dev.sh installs."""
    listing = paths.resources_dir() / "linux" / "system-libraries.txt"
    packages: dict[str, str] = {}
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except OSError:
        return packages
    for line in lines:
        fields = line.split()
        if len(fields) >= 2 and not fields[0].startswith("#"):
            packages[fields[0]] = fields[1].split("|")[0]
    return packages


def missing_library_message(error: str, what: str) -> str | None:
    """The one line for a loader error that names a missing shared library."""
    match = _MISSING_LIBRARY.search(error)
    if match is None:
        return None
    library = match.group(1)
    package = system_packages().get(library)
    install = f"install the package {package} (Debian/Ubuntu)" if package else f"install {library}"
    return (
        f"cannot open the window: {what} needs the system library {library}, which is not installed; "
        f"{install}, or run `bash scripts/dev.sh setup` from a clone, which installs all of them; {ALTERNATIVE}"
    )


def qt_import_problem() -> str | None:
    """Qt's own libraries load (QtGui links EGL, GL, fontconfig, xkbcommon)."""
    try:
        import PySide6.QtGui  # noqa: F401
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as error:
        return missing_library_message(str(error), "Qt") or f"cannot open the window: Qt does not load ({error})"
    return None


def platform_library_problem(plugin: Path) -> str | None:
    """The X11 platform plugin and every library it links load: Qt would abort otherwise."""
    if not plugin.is_file():
        return None  # a build without the plugin: Qt's own message says which it has
    import ctypes  # (here, as socket below: the offscreen screenshot mode needs neither)

    try:
        ctypes.CDLL(str(plugin))
    except OSError as error:
        return missing_library_message(str(error), "Qt's X11 platform plugin") or (
            f"cannot open the window: Qt's X11 platform plugin does not load ({error})"
        )
    return None


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence file descriptor 2 (C libraries write there directly, past sys.stderr)."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _x_socket_answers(number: str) -> bool:
    """Something listens on the local X socket of display `number` (abstract or file)."""
    import socket

    for address in (f"\0/tmp/.X11-unix/X{number}", f"/tmp/.X11-unix/X{number}"):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            try:
                probe.connect(address)
            except OSError:
                continue
            return True
    return False


def connection_problem(display: str) -> str | None:
    """The X server named by `display` accepts this process (the check Qt aborts on)."""
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError as error:
        return missing_library_message(str(error), "Qt's X11 platform plugin")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    with _quiet_stderr():  # libxcb prints the server's refusal itself; our line says it
        connection = xcb.xcb_connect(display.encode("utf-8", "surrogateescape"), None)
        error = xcb.xcb_connection_has_error(connection)
        xcb.xcb_disconnect(connection)
    if not error:
        return None
    name = _DISPLAY_NAME.match(display)
    if error == _XCB_PARSE_ERROR or name is None:
        return f"cannot open the window: DISPLAY={display!r} is not an X display name (such as :0); set DISPLAY to your desktop's display; {ALTERNATIVE}"
    if error == _XCB_INVALID_SCREEN:
        return f"cannot open the window: the X server on {display} has no such screen; set DISPLAY to your desktop's display; {ALTERNATIVE}"
    host, number = name.group("host"), name.group("number")
    if host in ("", "unix") and not _x_socket_answers(number):
        return (
            f"cannot open the window: no X server is running on display {display}; start your desktop "
            f"(or install X), or set DISPLAY to the display it runs on; {ALTERNATIVE}"
        )
    if host in ("", "unix"):
        return (
            f"cannot open the window: the X server on {display} refused the connection (this user is not "
            f"authorised: check XAUTHORITY, or `xhost +SI:localuser:$USER` on that display); {ALTERNATIVE}"
        )
    return (
        f"cannot open the window: cannot reach the X server at {display} (unreachable, or it refused "
        f"this user); check DISPLAY and the network or SSH X forwarding; {ALTERNATIVE}"
    )


def display_problem() -> str | None:
    """Why a window cannot open here, in one line, or None when it can (as far as we can tell)."""
    problem = qt_import_problem()
    if problem or not sys.platform.startswith("linux"):
        return problem
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if platform not in ("", "xcb"):
        return None  # offscreen, wayland, eglfs...: the user's explicit choice
    display = os.environ.get("DISPLAY", "")
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None  # Qt takes Wayland first in a Wayland session
    if not display:
        return (
            "cannot open the window: there is no display (DISPLAY and WAYLAND_DISPLAY are not set); "
            f"run the app on a desktop, or set DISPLAY; {ALTERNATIVE}"
        )
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return platform_library_problem(plugins / "platforms" / "libqxcb.so") or connection_problem(display)
