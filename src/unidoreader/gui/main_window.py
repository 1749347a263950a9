"""The main window: it lays out the parts and wires them; the parts do the work.

Each feature (reading panes, library, outline, tables, search, import, printing, saved
selections, bookmarks and notes, synchronised scrolling, preferences, help) lives in
its own module under gui/features/ with its own object, which owns its actions, panes
and state and talks by signals (see gui/features/__init__.py for how to add one). The
window builds them in `_build_features`, puts their panes into docks and their actions
into menus (`MENU_LAYOUT`), loads the library at start and keeps the status bar.
Long work runs on the background lane (gui/lane.py), shared by every feature.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMenu, QMessageBox, QProgressBar, QSizePolicy, QWidget

from unidoreader.core.errors import UnidoreaderError
from unidoreader.core.library import Entry, Library
from unidoreader.core.model import Report, Table
from unidoreader.gui import i18n, searching
from unidoreader.gui.features import DockSpec, Feature
from unidoreader.gui.features.bookmarks import BookmarksFeature
from unidoreader.gui.features.help import HelpFeature
from unidoreader.gui.features.importing import ImportFeature
from unidoreader.gui.features.languages import LanguageVersions
from unidoreader.gui.features.library import LibraryFeature
from unidoreader.gui.features.outline import OutlineFeature
from unidoreader.gui.features.pages import PagesFeature
from unidoreader.gui.features.panes import ReadingPanes, doc_for_ref, tables_of
from unidoreader.gui.features.preferences import PreferencesDialog, PreferencesFeature
from unidoreader.gui.features.printing import PrintFeature
from unidoreader.gui.features.references import ReferencesFeature
from unidoreader.gui.features.search import SearchFeature
from unidoreader.gui.features.selections import SelectionsFeature
from unidoreader.gui.features.sync import SyncScrolling
from unidoreader.gui.features.compare import CompareFeature
from unidoreader.gui.features.tables import TablesFeature
from unidoreader.gui.lane import Job, Lane
from unidoreader.gui.library_pane import dropped_files
from unidoreader.gui.errors import describe

if TYPE_CHECKING:
    from unidoreader.gui.reader import ReaderPane

__all__ = ["MainWindow", "PreferencesDialog", "doc_for_ref", "tables_of"]

# Scroll bars are slim and flat, without arrow buttons (the wheel, the keys and the
# handle scroll): quieter beside the text, and each paints in a few hundredths of a
# millisecond where Fusion's gradients take 2-5 ms a bar, and a window shows six.
STYLE = """
QWidget#paneHeader { background: #eceff3; border-bottom: 1px solid #d0d4da; }
QLabel#paneTitle { font-weight: 600; color: #241f31; }
QTextBrowser { border: none; background: #fffefb; }
QDockWidget::title { padding: 4px 6px; background: #eceff3; }
QStatusBar QLabel { padding: 0 4px; }
QScrollBar:vertical { background: #f3f4f6; width: 12px; margin: 0; }
QScrollBar:horizontal { background: #f3f4f6; height: 12px; margin: 0; }
QScrollBar::handle { background: #c0c5cc; border-radius: 4px; margin: 2px; }
QScrollBar::handle:vertical { min-height: 32px; }
QScrollBar::handle:horizontal { min-width: 32px; }
QScrollBar::handle:hover { background: #9aa1ab; }
QScrollBar::handle:pressed { background: #7d8590; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; background: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
"""

# The menus, in menu-bar order, and where known actions go in them (by action name; a
# separator between groups). A feature's actions not named here are appended, as a
# group, to the menu their MenuItem names; a menu not named here goes before Help.
MENU_LAYOUT: dict[str, list[list[str]]] = {
    "file": [["import", "remove", "set_symbol"], ["print", "export_pdf"], ["preferences"], ["quit"]],
    "view": [["find", "find_next", "find_prev"], ["zoom_in", "zoom_out", "zoom_reset"],
             ["sync", "page_view", "open_other_language", "open_new_pane", "close_pane", "next_pane", "prev_pane"],
             ["compare_with", "next_change", "prev_change"],
             ["focus_library", "focus_outline", "focus_tables", "open_table"]],
    "search": [["search", "next_hit", "prev_hit"]],
    "bookmarks": [],
    "help": [["shortcuts", "about"]],
}


#: A job of the lane shows the busy bar in the status bar once it has run this long.
BUSY_BAR_AFTER_MS = 300


class MainWindow(QMainWindow):
    """The app window. `settled` is emitted whenever no load or search is pending."""

    settled = Signal()

    def __init__(self, library_root: Path | None = None, *, restore: bool = True, language: str | None = None, saved_language: bool = False,
                 open_docs: list[str] | None = None) -> None:
        """`saved_language`: install the language the user chose (kept in the user data)
        before the window is built, so that it is built in that language once.
        `open_docs`: the documents `start()` will be asked to open (see `_begin_loading`)."""
        super().__init__()
        self.setObjectName("MainWindow")
        self.library_root = library_root
        self.library: Library | None = None
        self.language = language or i18n.DEFAULT_LANGUAGE
        self.last_message = ""
        self.failures: list[str] = []  # what could not be done (the screenshot mode reports them)
        self._restore = restore
        self._persist = True
        self.update_index = True  # False: do not refresh an existing index at start (screenshots)
        self.features: list[Feature] = []
        self.docks: dict[str, QDockWidget] = {}
        self._dock_specs: list[DockSpec] = []
        self.menus: dict[str, QMenu] = {}
        self._loading: tuple[list[str], Job] | None = None  # what the library load reads, and its job
        self._loaded: tuple[str, Any] | None = None  # its outcome, until `start()` takes it
        self._started: tuple[list[str] | None, str | None] | None = None  # start()'s open_docs and query

        self.lane = Lane(self)
        self.lane.started.connect(self._lane_started)
        self.lane.progress.connect(self._lane_progress)
        self.lane.idle.connect(self._lane_idle)

        self.setAcceptDrops(True)
        self._build_status()
        userdata_error = self._open_userdata()
        self._translated = -1  # the i18n.generation() of the last retranslate
        if saved_language:
            self.language = self.userdata.state("language", i18n.DEFAULT_LANGUAGE) if self.userdata else i18n.DEFAULT_LANGUAGE
            i18n.set_language(self.language)
        self._begin_loading(open_docs)
        self._build_features()
        self.act_quit = self._window_action("quit", self.close, "Ctrl+Q")
        self._build_menus()
        # The style sheet once the window holds all its parts: every widget is styled
        # once, as the sheet reaches it. Set before, each part put in (a dock's pane, the
        # status bar) was restyled, with all its children, as it joined (~10 ms at start).
        self.setStyleSheet(STYLE)
        self.retranslate()
        self.resize(self.first_size())
        if userdata_error:
            self.show_message(userdata_error)
        self._restore_layout()

    def first_size(self) -> QSize:
        """The size before any saved geometry: roomy, but never larger than the screen the
        window opens on (a 1366x768 laptop must see the whole window, title bar included)."""
        wanted = QSize(1400, 880)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return wanted
        room = screen.availableGeometry().size()
        return wanted.boundedTo(QSize(int(room.width() * 0.95), int(room.height() * 0.9)))

    # -- the parts -----------------------------------------------------------------------------

    def _build_features(self) -> None:
        """Every feature, built with what it needs and registered. Add new ones here."""
        ud = self.userdata
        self.reading = ReadingPanes(self, self.lane, ud)
        self.setCentralWidget(self.reading.widget)
        self.library_feature = LibraryFeature(self, self.lane, self.reading)
        self.outline_feature = OutlineFeature(self, self.reading, ud)
        self.search_feature = SearchFeature(self, self.lane, ud)
        self.tables_feature = TablesFeature(self, self.reading)
        self.importing = ImportFeature(self, self.lane)
        self.printing = PrintFeature(self, self.reading, self.outline_feature.pane)
        self.selections = SelectionsFeature(self, ud, self.reading, self.outline_feature.pane, self.printing)
        self.bookmarks = BookmarksFeature(self, ud, self.reading, self.entries)
        self.sync = SyncScrolling(self, ud, self.reading)
        self.compare = CompareFeature(self, self.lane, self.reading)
        self.languages = LanguageVersions(self, self.reading, self.sync)
        self.prefs = PreferencesFeature(self, lambda: self.language, ud, lambda: QApplication.font().pointSizeF())
        self.help = HelpFeature(self, self.actions)
        self.pages = PagesFeature(self, self.reading)
        self.references = ReferencesFeature(self, self.lane, self.reading)
        for feature in (
            self.reading,
            self.library_feature,
            self.outline_feature,
            self.search_feature,
            self.tables_feature,
            self.importing,
            self.printing,
            self.selections,
            self.bookmarks,
            self.sync,
            self.languages,
            self.compare,
            self.prefs,
            self.help,
            self.references,
            self.pages,
        ):  # one a line: each engineer's feature is a line of its own
            self._register(feature)

        self.reading.activeChanged.connect(lambda _pane: self._update_title())
        self.search_feature.searchStarted.connect(self.reading.clear_hits)
        self.library_feature.pane.filesDropped.connect(self.importing.import_files)
        self.prefs.languageChosen.connect(self.set_language)
        self.prefs.readingStyleChosen.connect(self.reading.set_reading_style)
        self.prefs.pageSizeChosen.connect(self.printing.set_page_size)
        self.prefs.apply_saved()
        self._arrange_docks()
        # the widgets, by the names the rest of the program and the tests know them by
        self.splitter = self.reading.splitter
        self.placeholder = self.reading.placeholder
        self.library_pane = self.library_feature.pane
        self.outline = self.outline_feature.pane
        self.search_panel = self.search_feature.panel
        self.tables_panel = self.tables_feature.panel

    def _register(self, feature: Feature) -> None:
        """Connect a feature's signals to the window, its panes to docks, its actions to shortcuts."""
        feature.message.connect(self.show_message)
        feature.alert.connect(lambda title, text, icon: self.message_box(title, text, icon))
        feature.openRequested.connect(self._open_requested)
        feature.failed.connect(self.failures.append)
        feature.workDone.connect(self._check_settled)
        feature.showPane.connect(self._show_pane)
        feature.libraryEdited.connect(self._library_edited)
        for action in feature.actions():
            self.addAction(action)
        for spec in feature.docks():
            self._add_dock(spec)
        self.features.append(feature)

    def _add_dock(self, spec: DockSpec) -> None:
        dock = QDockWidget(self)
        dock.setObjectName(spec.name)
        dock.setWidget(spec.widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(spec.area, dock)
        if spec.below in self.docks:
            self.splitDockWidget(self.docks[spec.below], dock, Qt.Orientation.Vertical)
        if spec.tab_with in self.docks:
            self.tabifyDockWidget(self.docks[spec.tab_with], dock)
        self.docks[spec.name] = dock
        self._dock_specs.append(spec)
        if spec.visibility is not None:
            dock.visibilityChanged.connect(spec.visibility)
        if spec.focus_shortcut and spec.focus_widget is not None:
            widget = spec.focus_widget
            self._window_action(f"focus_{spec.name}", lambda: self._focus_dock(dock, widget), spec.focus_shortcut)

    def _arrange_docks(self) -> None:
        """The default sizes of the docks (a saved layout, restored later, wins)."""
        for spec in self._dock_specs:
            if spec.tab_with in self.docks:
                self.docks[spec.tab_with].raise_()
        d = self.docks
        if "library" in d and "search" in d:
            self.resizeDocks([d["library"], d["search"]], [320, 410], Qt.Orientation.Horizontal)
        if "library" in d and "outline" in d:
            self.resizeDocks([d["library"], d["outline"]], [300, 420], Qt.Orientation.Vertical)

    def _window_action(self, name: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def action(self, name: str) -> QAction:
        """The window's action (command) called `name`."""
        found = next((a for a in self.actions() if a.objectName() == name), None)
        if found is None:
            raise KeyError(name)
        return found

    def _build_menus(self) -> None:
        by_menu: dict[str, list[QAction]] = {}
        provided: dict[str, QMenu] = {}
        for feature in self.features:
            for item in feature.menu_items():
                by_menu.setdefault(item.menu, []).append(item.action)
            provided.update(feature.menus())
        names = list(MENU_LAYOUT)
        for extra in [*by_menu, *provided]:
            if extra not in names:
                names.insert(names.index("help"), extra)
        actions = {a.objectName(): a for a in self.actions()}
        bar = self.menuBar()
        for name in names:
            if name in provided:
                menu = provided[name]
                bar.addMenu(menu)
            else:
                menu = bar.addMenu("")
                groups = [[actions[n] for n in group if n in actions] for group in MENU_LAYOUT.get(name, [])]
                placed = {a for g in groups for a in g}
                groups.append([a for a in by_menu.get(name, []) if a not in placed])
                first = True
                for group in [g for g in groups if g]:
                    if not first:
                        menu.addSeparator()
                    first = False
                    for action in group:
                        menu.addAction(action)
            self.menus[name] = menu
        self.menu_docks = self.menus["view"].addMenu("")
        for dock in self.docks.values():
            self.menu_docks.addAction(dock.toggleViewAction())
        self.menu_file, self.menu_view, self.menu_search = self.menus["file"], self.menus["view"], self.menus["search"]
        self.menu_bookmarks, self.menu_help = self.menus["bookmarks"], self.menus["help"]

    def _build_status(self) -> None:
        self.status_label = QLabel()
        # one line whatever the message: a long one is cut, never widens or heightens the bar
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self._busy_bar = QTimer(self)  # shows the busy bar of a job that takes a while
        self._busy_bar.setSingleShot(True)
        self._busy_bar.setInterval(BUSY_BAR_AFTER_MS)
        self._busy_bar.timeout.connect(self.progress.show)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)

    # -- what the features share ------------------------------------------------------------------

    @property
    def panes(self) -> "list[ReaderPane]":
        return self.reading.panes

    @property
    def active(self) -> "ReaderPane | None":
        return self.reading.active

    @property
    def reports(self) -> dict[str, tuple[Report, list[Table]]]:
        return self.reading.reports

    def set_active(self, pane: "ReaderPane") -> None:
        self.reading.set_active(pane)

    def open_document(self, doc_id: str, new_pane: bool = False, **where: Any) -> None:
        self.reading.open_document(doc_id, new_pane, **where)

    def _open_requested(self, doc_id: str, where: dict[str, Any]) -> None:
        self.reading.open_document(doc_id, **where)

    def library_doc_for(self, ref: str) -> str | None:
        return self.reading.library_doc_for(ref)

    def entries(self) -> list[Entry]:
        return self.library.entries() if self.library else []

    @property
    def persist(self) -> bool:
        """False: leave the saved layout and the search history alone (screenshots)."""
        return self._persist

    @persist.setter
    def persist(self, value: bool) -> None:
        self._persist = value
        self.search_feature.record_history = value

    # -- language ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._translated = i18n.generation()
        self._update_title()
        titles = {
            "file": self.tr("&File"), "view": self.tr("&View"), "search": self.tr("&Search"),
            "bookmarks": self.tr("&Bookmarks"), "help": self.tr("&Help"),
        }
        for name, title in titles.items():
            self.menus[name].setTitle(title)
        self.menu_docks.setTitle(self.tr("Panels"))
        self.act_quit.setText(self.tr("&Quit"))
        for spec in self._dock_specs:
            self.docks[spec.name].setWindowTitle(spec.title())
            if spec.focus_text is not None and spec.focus_shortcut:
                self.action(f"focus_{spec.name}").setText(spec.focus_text())
        for feature in self.features:
            feature.retranslate()
        if not self.library:
            self.status_label.setText(self.tr("Loading the library…"))

    def set_language(self, language: str) -> None:
        self.language = language
        if self.userdata:
            self.userdata.set_state("language", language)
        i18n.set_language(language)
        self.retranslate()  # now, not when the LanguageChange event comes round

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and self.menus and self._translated != i18n.generation():
            self.retranslate()  # (not again for a language it was just translated for)
        super().changeEvent(event)

    def _update_title(self) -> None:
        """The window is named after the report being read. Qt adds the application's
        display name to window titles that do not end with it (on X11 and others): it is
        set to the same translated name, so the title carries it once."""
        app_name = self.tr("UNIDO Reports Reader")
        QGuiApplication.setApplicationDisplayName(app_name)
        report = self.active.report if self.active else None
        self.setWindowTitle(f"{report.metadata.title or report.source} — {app_name}" if report else app_name)

    # -- start-up -------------------------------------------------------------------------------------

    def _open_userdata(self) -> str | None:
        """User data is one small SQLite file: opened on the GUI thread so the window
        geometry is right before it shows. The library itself loads on the lane.
        Returns what went wrong, if anything."""
        from unidoreader import paths
        from unidoreader.core.userdata import UserData

        root = self.library_root or paths.default_library_dir()
        try:
            root.mkdir(parents=True, exist_ok=True)
            self.userdata: Any = UserData(root / "userdata.sqlite")
        except (UnidoreaderError, OSError) as error:
            self.userdata = None
            return str(error)
        for warning in getattr(self.userdata, "warnings", []):  # e.g. a damaged file set aside
            QTimer.singleShot(0, lambda w=warning: self.message_box(self.tr("Your notes and bookmarks"), w))
        return None

    def _restore_layout(self) -> None:
        if not (self._restore and self.userdata):
            return
        geometry = self.userdata.state("window.geometry")
        if geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(geometry)))
        layout = self.userdata.state("window.state")
        if layout:
            self.restoreState(QByteArray(base64.b64decode(layout)))
        for feature in self.features:
            feature.restore_state(self.userdata)

    def _wanted(self, open_docs: list[str] | None) -> list[str]:
        """The documents to read with the library: those asked for, else (restoring) the
        last session's panes."""
        wanted = list(open_docs or [])
        if not wanted and self._restore and self.userdata:
            wanted = [str(p.get("doc")) for p in self.userdata.state("panes", []) if p.get("doc")]
        return wanted

    def _begin_loading(self, open_docs: list[str] | None) -> None:
        """Read the library and the reports to show at once on the lane, from the moment
        the window begins to be built: by the time it first paints they are there, and
        its first paint shows them (a library that takes longer to read shows the empty
        window and its "Loading" line meanwhile, as before). `start()` takes the result."""
        root = self.library_root
        wanted = self._wanted(open_docs)

        def load(job: Job) -> tuple[Library, dict[str, tuple[Report, list[Table]]], Any]:
            """The library, with the reports to show at once read in the same job, and
            their reference links: the window then shows the library and its reports
            together, each typeset once with its links (one repaint, one round trip
            through the event loop less than a job per report)."""
            job.progress(0, 0, "")
            library = Library.open(root)
            reports: dict[str, tuple[Report, list[Table]]] = {}
            entries = library.entries()
            for ref in wanted:
                doc_id = doc_for_ref(entries, ref)
                if doc_id is None or doc_id in reports:
                    continue  # a file path, or unknown: opened (and reported) the usual way
                try:
                    report = library.report(doc_id)
                except Exception:  # noqa: BLE001 - opening it again later reports the problem
                    continue
                reports[doc_id] = (report, tables_of(report))
            return library, reports, ReferencesFeature.links_at_start(library, list(reports))

        self._loaded = None
        job = self.lane.submit(self.tr("Loading the library…"), load, lambda value: self._load_ended("done", value), lambda error: self._load_ended("error", error))
        self._loading = (wanted, job)

    def _load_ended(self, outcome: str, value: Any) -> None:
        self._loaded = (outcome, value)
        if self._started is not None:
            self._take_load()

    def _take_load(self) -> None:
        assert self._loaded is not None and self._started is not None
        (outcome, value), (open_docs, query) = self._loaded, self._started
        self._loaded = self._loading = None
        if outcome == "done":
            self._library_loaded(*value, open_docs, query)
        else:
            self._fatal(value)

    def start(self, open_docs: list[str] | None = None, query: str | None = None, helper: searching.HelperSearch | None = None) -> None:
        """Open `open_docs` (or restore the last session's panes) once the library is
        read (begun when the window was built, or now if it was asked for other
        documents), run `query`, and bring the index up to date. `helper`: the search for
        `query` already running in a helper process (see searching)."""
        self.search_feature.helper = helper
        if self._loading is None or self._loading[0] != self._wanted(open_docs):
            if self._loading is not None:
                self._loading[1].cancel()
            self._begin_loading(open_docs)
        self._started = (open_docs, query)
        if self._loaded is not None:
            self._take_load()

    def _library_loaded(self, library: Library, reports: dict[str, tuple[Report, list[Table]]], links: Any, open_docs: list[str] | None, query: str | None) -> None:
        self.library = library
        self.reading.reports.update(reports)
        self._refresh_entries()
        for feature in self.features:
            feature.library_loaded(library)
        self.references.adopt(links)
        if open_docs:
            self.reading.open_refs(open_docs)
        elif self._restore:
            self.reading.restore_panes()
        self.search_feature.start(query, self.update_index)

    def _fatal(self, error: BaseException) -> None:
        self.failures.append(str(error))
        self.show_message(describe(error))
        self.message_box(self.tr("Cannot open the library"), describe(error))

    def _refresh_entries(self) -> None:
        if self.library is None:
            return
        entries = self.library.entries()
        for feature in self.features:
            feature.entries_changed(entries)
        self.show_message(self.tr("%1 reports in the library").replace("%1", str(len(entries))))

    def _library_edited(self, select: str) -> None:
        self._refresh_entries()
        if select:
            self.library_pane.select_doc(select)

    # -- status bar and lane ------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.last_message = text
        self._set_status(text)

    def _set_status(self, text: str) -> None:
        """The status line: one line (a message of several is joined; the whole in the tooltip)."""
        line = " ".join(part.strip() for part in text.splitlines() if part.strip())
        self.status_label.setText(line)
        self.status_label.setToolTip(text if line != text else "")

    def message_box(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
        """A window-modal message that does not block the event loop (nor tests)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = text
        self.last_box = box
        return box

    def _lane_started(self, label: str) -> None:
        """The job's name at once; the busy bar only once the lane has been busy for
        BUSY_BAR_AFTER_MS (most jobs take a few ms: a bar shown and hidden again would only
        flicker, and lay out and repaint the status bar twice)."""
        self._set_status(label)
        self.progress.setRange(0, 0)
        if not self.progress.isVisible() and not self._busy_bar.isActive():
            self._busy_bar.start()

    def _lane_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.show()  # a count to show: at once
        if message:
            self._set_status(message)

    def _lane_idle(self) -> None:
        self._busy_bar.stop()
        self.progress.hide()
        self._set_status(self.last_message)
        self._check_settled()

    def is_settled(self) -> bool:
        return self.library is not None and not self.lane.busy and not any(f.busy() for f in self.features)

    def _check_settled(self) -> None:
        if self.is_settled():
            self.settled.emit()

    def _show_pane(self, widget: QWidget) -> None:
        dock = next((d for d in self.docks.values() if d.widget() is widget), None)
        if dock is not None:
            dock.show()
            dock.raise_()

    def _focus_dock(self, dock: QDockWidget, widget: QWidget) -> None:
        dock.show()
        dock.raise_()
        widget.setFocus()

    # -- closing, state across restarts ----------------------------------------------------------------

    def save_state(self) -> None:
        if not self.userdata or not self.persist:
            return
        for feature in self.features:
            feature.save_state(self.userdata)
        self.userdata.set_state("window.geometry", base64.b64encode(bytes(self.saveGeometry())).decode("ascii"))
        self.userdata.set_state("window.state", base64.b64encode(bytes(self.saveState())).decode("ascii"))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()
        for feature in self.features:
            feature.close()
        self.lane.shutdown(timeout=2.0)
        super().closeEvent(event)

    # -- drag and drop --------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        if files := dropped_files(event):
            self.importing.import_files(files)
