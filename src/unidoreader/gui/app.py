"""Start the app: QApplication, bundled fonts, UI language, the main window, and the
`--screenshot` mode used by tests, docs and the bundle's smoke test.

What the start costs is measured by bench/bench_gui.py. Two things about PySide6 decide
much of it, and the GUI modules are written for them:

- a Qt class is built the first time a module imports it (or a call returns one), with
  every enum of the class, each a Python enum (QStyle's take ~10 ms, QGradient's 3 ms):
  a class only dialogs, menus or later commands use is imported where it is used (file
  dialogs, input dialogs, the preferences dialog's widgets, QUrl), never at the top of a
  module the first window needs; a call that needs a class only for PySide to rule an
  overload out is avoided (QBrush(color, SolidPattern), not QBrush(color): see
  gui/render._char; no QStyle flag read in Python: see gui/rich.HtmlDelegate);
- a module imported at start costs its import at every start: what only a command
  needs (the search engine, exports, compare) is imported inside that command.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from unidoreader.core.errors import UnidoreaderError

if TYPE_CHECKING:
    from unidoreader.gui.searching import HelperSearch

CJK_FALLBACKS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei")
SCREENSHOT_SIZE = (1680, 1000)
SCREENSHOT_TIMEOUT_MS = 120_000


def application(argv: list[str] | None = None):
    """The QApplication (created once), with the bundled CJK font as the UI font."""
    from PySide6.QtGui import QFont, QFontDatabase, QIcon
    from PySide6.QtWidgets import QApplication

    from unidoreader.gui.fonts import CJK_FAMILY, register_bundled_fonts

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("unidoreader")
        app.setApplicationDisplayName("UNIDO Reader")
        app.setOrganizationName("unidoreader")
    family = CJK_FAMILY if CJK_FAMILY in register_bundled_fonts() else None
    if family is None:  # the bundled font file is missing: use the system's
        available = set(QFontDatabase.families())
        family = next((f for f in CJK_FALLBACKS if f in available), None)
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    from unidoreader import paths

    icon = paths.resources_dir() / "icons" / "unidoreader.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def create_window(root: Path | None = None, *, restore: bool = True, open_docs: list[str] | None = None):
    """The main window in the user's language (Chinese unless they chose otherwise).
    `open_docs`: what `start()` will open (read from the moment the window is built)."""
    from unidoreader.gui.main_window import MainWindow

    application()
    return MainWindow(root, restore=restore, saved_language=True, open_docs=open_docs)


def _quiet_offscreen_messages() -> None:
    """The offscreen platform warns about window hints it cannot honour; not news to users."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(mode: object, context: object, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _preload_search() -> None:
    try:
        importlib.import_module("unidoreader.core.search")
    except Exception:  # noqa: BLE001 - the search itself reports problems when it runs
        pass


def _preload_search_when_settled(window) -> None:
    """Whoosh takes a while to import: load the search engine on the side once the
    window has shown what it was asked to (not during start-up, where it would compete
    with building the window for the interpreter), so that the first search does not
    wait for it (jieba is not part of it)."""

    def settled() -> None:
        window.settled.disconnect(settled)
        threading.Thread(target=_preload_search, name="unidoreader-preload", daemon=True).start()

    window.settled.connect(settled)


GC_HELD_AT_MOST_MS = 10_000


def _hold_garbage_collection() -> None:
    """Start-up creates a few hundred thousand objects that live as long as the window
    (Qt's enums and wrappers, classes, widgets, the reports read) and almost no garbage:
    the cyclic collector would walk them again and again before the first paint (~10% of
    the start). It stays off until the window has shown what it was asked for (see
    `_release_garbage_collection`)."""
    gc.disable()


def _release_garbage_collection(window) -> None:
    """Collect again once the window is settled (or after GC_HELD_AT_MOST_MS whatever
    happens); what start-up made is frozen out of later collections (it stays anyway),
    so the first collection does not walk all of it at once."""
    from PySide6.QtCore import QTimer

    def release() -> None:
        if not gc.isenabled():  # once: later settles find it on
            gc.freeze()
            gc.enable()

    window.settled.connect(release)
    QTimer.singleShot(GC_HELD_AT_MOST_MS, release)


def window_image(window):
    """The window as it is on screen, as a QPixmap. Offscreen (the screenshot mode), the
    platform keeps the last painted frame in the window's backing store: copying it
    (~4 ms) gives exactly what was painted, where QWidget.grab() would paint every
    widget a second time (~30 ms with two typeset reports). Elsewhere: grab()."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() == "offscreen" and window.isVisible():
        pixmap = window.screen().grabWindow(window.winId())
        if not pixmap.isNull() and pixmap.deviceIndependentSize().toSize() == window.size():
            return pixmap
    return window.grab()


def skip_feature_scan() -> None:
    """Load PySide6 without its scan for `from __feature__ import ...`.

    Once loaded, PySide6 reads the whole source of every module an import statement
    names for the first time, to find out whether it uses PySide6's optional
    `__feature__` switches (snake_case, true_property): at start some 115 modules,
    standard library included, ~25 ms. This program uses no `__feature__` (nothing
    is switched, so what the scan would answer changes nothing): modules are taken as
    not using it. Where PySide6 has no such scan (another version), nothing is done."""
    try:
        import PySide6  # noqa: F401 - loads shiboken's support package
        from PySide6.support import feature
    except Exception:  # noqa: BLE001 - no usable Qt: the start reports that itself, in one line
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_feature


def _uses_no_feature(module: object) -> bool:
    return False


def start_early(args: argparse.Namespace) -> "HelperSearch | None":
    """What a start does before anything else (before the library is read and Qt is
    loaded): hold the collector, start the start-up search's helper (returned), then
    load PySide6 (skip_feature_scan). If the start goes no further (`run` is not
    called), `abandon_start` undoes the first two."""
    _hold_garbage_collection()
    helper = start_search_helper(args)
    skip_feature_scan()
    return helper


def abandon_start(helper: "HelperSearch | None") -> None:
    if helper is not None:
        helper.cancel()
    gc.enable()


def start_search_helper(args: argparse.Namespace) -> "HelperSearch | None":
    """The search asked for at start (`--search Q`), in a helper process started before
    anything else: it loads the search engine and answers on another core while this
    process loads Qt and builds the window (see gui/searching.py). None without a query
    (or where a helper would not pay off)."""
    query = _start_query(args)
    if not query:
        return None
    from unidoreader import paths
    from unidoreader.gui.searching import HelperSearch

    root = Path(args.library) if getattr(args, "library", None) else None
    return HelperSearch.start_if_indexed(root or paths.default_library_dir(), query)


def _start_query(args: argparse.Namespace) -> str | None:
    return (getattr(args, "search", None) or "").strip() or None  # cli gives "-word" a leading space


def run(args: argparse.Namespace, helper: "HelperSearch | None" = None) -> int:
    """Open the window (or save its screenshot). `helper`: the start-up search, if the
    caller has started it already (start_search_helper); else it is started here."""
    _hold_garbage_collection()
    try:
        return _run(args, helper or start_search_helper(args))
    finally:  # whatever happened (the window closed early, an error): collect again
        if not gc.isenabled():
            gc.enable()


def _run(args: argparse.Namespace, helper: "HelperSearch | None") -> int:
    try:
        return _open_window(args, helper)
    except BaseException:
        if helper is not None:  # no window took it over
            helper.cancel()
        raise


def _open_window(args: argparse.Namespace, helper: "HelperSearch | None") -> int:
    skip_feature_scan()  # (done already when started by start_early)
    screenshot = Path(args.screenshot) if getattr(args, "screenshot", None) else None
    from unidoreader.gui import display

    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        problem = display.qt_import_problem()
    else:
        problem = display.display_problem()
    if problem:
        raise UnidoreaderError(problem)
    root = Path(args.library) if getattr(args, "library", None) else None
    query = _start_query(args)
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        _quiet_offscreen_messages()
    app = application()

    from PySide6.QtCore import QTimer

    open_docs = list(getattr(args, "open", None) or [])
    window = create_window(root, restore=not open_docs, open_docs=open_docs)
    _release_garbage_collection(window)
    if screenshot is not None:
        window.persist = False
        window.update_index = False
        window.resize(*SCREENSHOT_SIZE)
    else:
        _preload_search_when_settled(window)
    window.show()
    window.start(open_docs, query, helper)
    if screenshot is None:
        return app.exec()

    result = {"code": 1}

    def save() -> None:
        from unidoreader.core.errors import InputError
        from unidoreader.core.safeio import replacing

        window.resize(*SCREENSHOT_SIZE)
        app.processEvents()
        ok = False
        if not window.failures:  # a window that failed to show what was asked is no screenshot of it
            try:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                with replacing(screenshot, what="the screenshot") as partial:
                    ok = window_image(window).save(str(partial), "PNG", 80)  # fast zlib level: half the time, same size
                    if not ok:
                        raise InputError(f"{screenshot}: cannot write the screenshot")
            except (InputError, OSError) as error:
                print(f"unidoreader: {error}", file=sys.stderr)
                ok = False
        result["code"] = 0 if ok and not window.failures else 1
        for failure in window.failures:
            print(f"unidoreader: {failure}", file=sys.stderr)
        window.close()
        app.quit()

    def settled() -> None:
        if window.is_settled():
            window.settled.disconnect(settled)
            QTimer.singleShot(0, save)

    def timed_out() -> None:
        print("unidoreader: the window did not finish loading in time; saving it as it is", file=sys.stderr)
        save()
        result["code"] = 1

    window.settled.connect(settled)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, timed_out)
    app.exec()
    # One-shot process: the image is written and nothing else is pending (state is not
    # saved in this mode), so skip tearing down thousands of Qt objects one by one.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(result["code"])
