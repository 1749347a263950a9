"""The main window: library, reading panes side by side, outline, search and tables.

Holds no business logic: it wires the panes to core objects and sends every long job
(loading the library, parsing, table recovery, indexing, searching) to the background
lane, with progress in the status bar.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from unidoreader.core.errors import UnidoreaderError
from unidoreader.core.library import Entry, Library
from unidoreader.core.model import BlockKind, Report, Table
from unidoreader.gui import i18n, searching
from unidoreader.gui.lane import Job, Lane
from unidoreader.gui.library_pane import LibraryPane, dropped_files
from unidoreader.gui.outline import OutlinePane
from unidoreader.gui.reader import ReaderPane
from unidoreader.gui.search_panel import SearchPanel
from unidoreader.gui.tables_panel import TablesPanel

STYLE = """
QWidget#paneHeader { background: #eceff3; border-bottom: 1px solid #d0d4da; }
QWidget#paneHeader[active="true"] { background: #dbe7f7; border-bottom: 2px solid #1a5fb4; }
QLabel#paneTitle { font-weight: 600; color: #241f31; }
QTextBrowser { border: none; background: #fffefb; }
QDockWidget::title { padding: 4px 6px; background: #eceff3; }
QStatusBar QLabel { padding: 0 4px; }
"""


def doc_for_ref(entries: list[Entry], ref: str) -> str | None:
    """A library id for `ref`: an id, a unique id prefix, or a unique prefix of a
    source file name ("004" for 004_7c2c….txt, as the seeds are named)."""
    ids = [e.id for e in entries]
    if ref in ids:
        return ref
    for candidates in ([i for i in ids if i.startswith(ref)], [e.id for e in entries if e.source.startswith(ref)]):
        if len(candidates) == 1:
            return candidates[0]
    return None


def tables_of(report: Report) -> list[Table]:
    """The report's recovered tables. Only `table` blocks hold tables, so a report
    without any (most session reports) never loads the table engine (a few dozen
    regular expressions, compiled at import)."""
    if not any(block.kind is BlockKind.TABLE for block in report.blocks):
        return []
    from unidoreader.core.tables import recover_tables

    return recover_tables(report)


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget, language: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        form = QFormLayout(self)
        form.addRow(self.tr("Language of the interface:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class MainWindow(QMainWindow):
    """The app window. `settled` is emitted whenever no load or search is pending."""

    settled = Signal()

    def __init__(self, library_root: Path | None = None, *, restore: bool = True, language: str | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.library_root = library_root
        self.library: Library | None = None
        self.userdata: Any = None
        self.language = language or i18n.DEFAULT_LANGUAGE
        self.panes: list[ReaderPane] = []
        self.active: ReaderPane | None = None
        self.reports: dict[str, tuple[Report, list[Table]]] = {}
        self.pending_loads = 0
        self.searching = False
        self.last_message = ""
        self.failures: list[str] = []  # what could not be done (the screenshot mode reports them)
        self._syncing = False
        self._search_job: Job | None = None
        self._restore = restore
        self._after_library: list[Callable[[], None]] = []
        self._index_ready = False
        self._helper: searching.HelperSearch | None = None  # the start-up search, run by a helper process
        self.persist = True  # False: leave the saved layout alone (screenshots)
        self.update_index = True  # False: do not refresh an existing index at start (screenshots)

        self.lane = Lane(self)
        self.lane.started.connect(self._lane_started)
        self.lane.progress.connect(self._lane_progress)
        self.lane.idle.connect(self._lane_idle)

        self.setAcceptDrops(True)
        self.setStyleSheet(STYLE)
        self._build_central()
        self._build_docks()
        self._build_status()
        self._build_actions()
        self._build_menus()
        self.retranslate()
        self.resize(1400, 880)
        self._open_userdata_early()

    # -- construction --------------------------------------------------------------------

    def _build_central(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(5)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #77767b; font-size: 15px;")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.splitter, 1)
        self.splitter.hide()
        self.setCentralWidget(central)

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.library_pane = LibraryPane()
        self.library_pane.openRequested.connect(self.open_document)
        self.library_pane.removeRequested.connect(self.remove_document)
        self.library_pane.filesDropped.connect(self.import_files)
        self.outline = OutlinePane()
        self.outline.sectionActivated.connect(self._outline_clicked)
        self.outline.saveSelectionRequested.connect(self.save_selection)
        self.outline.openSelectionRequested.connect(self.open_selection)
        self.outline.printRequested.connect(self.print_checked)
        self.outline.exportPdfRequested.connect(self.export_pdf)
        self.search_panel = SearchPanel()
        self.search_panel.searchRequested.connect(self.search)
        self.search_panel.hitActivated.connect(self.open_hit)
        self.search_panel.saveSearchRequested.connect(self._save_search)
        self.search_panel.deleteSavedRequested.connect(self._delete_saved_search)
        self.tables_panel = TablesPanel()
        self.tables_panel.jumpRequested.connect(self._jump_to_table)
        self.tables_panel.message.connect(self.show_message)

        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.library_dock = self._dock("library", self.library_pane, left)
        self.outline_dock = self._dock("outline", self.outline, left)
        self.splitDockWidget(self.library_dock, self.outline_dock, Qt.Orientation.Vertical)
        self.search_dock = self._dock("search", self.search_panel, right)
        self.tables_dock = self._dock("tables", self.tables_panel, right)
        self.tabifyDockWidget(self.search_dock, self.tables_dock)
        self.search_dock.raise_()
        self.resizeDocks([self.library_dock, self.search_dock], [320, 410], Qt.Orientation.Horizontal)
        self.resizeDocks([self.library_dock, self.outline_dock], [300, 420], Qt.Orientation.Vertical)

    def _build_status(self) -> None:
        self.status_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)

    def _action(self, name: str, slot: Callable[..., Any], shortcut: QKeySequence | str | None = None, checkable: bool = False) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_import = self._action("import", self.import_dialog, QKeySequence(K.Open))
        self.act_print = self._action("print", self.print_checked, QKeySequence(K.Print))
        self.act_pdf = self._action("export_pdf", self.export_pdf, "Ctrl+Shift+E")
        self.act_prefs = self._action("preferences", self.preferences, "Ctrl+,")
        self.act_quit = self._action("quit", self.close, "Ctrl+Q")
        self.act_find = self._action("find", self.find, QKeySequence(K.Find))
        self.act_find_next = self._action("find_next", lambda: self.active and self.active.find_next(), QKeySequence(K.FindNext))
        self.act_find_prev = self._action("find_prev", lambda: self.active and self.active.find_previous(), QKeySequence(K.FindPrevious))
        self.act_zoom_in = self._action("zoom_in", lambda: self.zoom(+1), QKeySequence(K.ZoomIn))
        self.act_zoom_out = self._action("zoom_out", lambda: self.zoom(-1), QKeySequence(K.ZoomOut))
        self.act_zoom_reset = self._action("zoom_reset", lambda: self.zoom(None), "Ctrl+0")
        self.act_sync = self._action("sync", self._sync_toggled, "Ctrl+L", checkable=True)
        self.act_sync.setChecked(True)
        self.act_new_pane = self._action("open_new_pane", self._open_selected_new_pane, "Ctrl+Return")
        self.act_close_pane = self._action("close_pane", lambda: self.active and self.close_pane(self.active), "Ctrl+W")
        self.act_next_pane = self._action("next_pane", lambda: self._cycle_pane(+1), "F6")
        self.act_prev_pane = self._action("prev_pane", lambda: self._cycle_pane(-1), "Shift+F6")
        self.act_search = self._action("search", self.focus_search, "Ctrl+Shift+F")
        self.act_next_hit = self._action("next_hit", self.search_panel.next_hit, "F8")
        self.act_prev_hit = self._action("prev_hit", self.search_panel.previous_hit, "Shift+F8")
        self.act_bookmark = self._action("bookmark", self.bookmark_current, "Ctrl+D")
        self.act_note = self._action("note", self.note_current, "Ctrl+Shift+N")
        self.act_library = self._action("focus_library", self._focus_library, "Ctrl+1")
        self.act_outline = self._action("focus_outline", lambda: self._focus_dock(self.outline_dock, self.outline.tree), "Ctrl+2")
        self.act_tables = self._action("focus_tables", lambda: self._focus_dock(self.tables_dock, self.tables_panel.list), "Ctrl+3")
        self.act_shortcuts = self._action("shortcuts", self.show_shortcuts, QKeySequence(K.HelpContents))
        self.act_about = self._action("about", self.about)
        self.act_remove = self._action("remove", lambda: self.library_pane.selected_doc() and self.remove_document(self.library_pane.selected_doc()), None)
        self.act_remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_remove.setShortcut(QKeySequence(K.Delete))
        self.library_pane.addAction(self.act_remove)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        for action in (self.act_import, self.act_remove, None, self.act_print, self.act_pdf, None, self.act_prefs, None, self.act_quit):
            self.menu_file.addSeparator() if action is None else self.menu_file.addAction(action)
        self.menu_view = bar.addMenu("")
        for action in (self.act_find, self.act_find_next, self.act_find_prev, None, self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, None,
                       self.act_sync, self.act_new_pane, self.act_close_pane, self.act_next_pane, self.act_prev_pane, None,
                       self.act_library, self.act_outline, self.act_tables):
            self.menu_view.addSeparator() if action is None else self.menu_view.addAction(action)
        self.menu_docks = self.menu_view.addMenu("")
        for dock in (self.library_dock, self.outline_dock, self.search_dock, self.tables_dock):
            self.menu_docks.addAction(dock.toggleViewAction())
        self.menu_search = bar.addMenu("")
        for action in (self.act_search, self.act_next_hit, self.act_prev_hit):
            self.menu_search.addAction(action)
        self.menu_bookmarks = bar.addMenu("")
        self.menu_bookmarks.aboutToShow.connect(self._fill_bookmarks)
        self._fill_bookmarks()
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_shortcuts)
        self.menu_help.addAction(self.act_about)

    def retranslate(self) -> None:
        self._update_title()
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_docks.setTitle(self.tr("Panels"))
        self.menu_search.setTitle(self.tr("&Search"))
        self.menu_bookmarks.setTitle(self.tr("&Bookmarks"))
        self.menu_help.setTitle(self.tr("&Help"))
        texts = {
            self.act_import: self.tr("&Import reports…"),
            self.act_remove: self.tr("&Remove from the library…"),
            self.act_print: self.tr("&Print checked sections…"),
            self.act_pdf: self.tr("&Export checked sections as PDF…"),
            self.act_prefs: self.tr("Pr&eferences…"),
            self.act_quit: self.tr("&Quit"),
            self.act_find: self.tr("&Find in report…"),
            self.act_find_next: self.tr("Find &next"),
            self.act_find_prev: self.tr("Find &previous"),
            self.act_zoom_in: self.tr("Zoom &in"),
            self.act_zoom_out: self.tr("Zoom &out"),
            self.act_zoom_reset: self.tr("&Actual size"),
            self.act_sync: self.tr("&Synchronised scrolling"),
            self.act_new_pane: self.tr("Open in a new &pane"),
            self.act_close_pane: self.tr("&Close pane"),
            self.act_next_pane: self.tr("Next pane"),
            self.act_prev_pane: self.tr("Previous pane"),
            self.act_library: self.tr("Go to the library"),
            self.act_outline: self.tr("Go to the outline"),
            self.act_tables: self.tr("Go to the tables"),
            self.act_search: self.tr("&Search all reports"),
            self.act_next_hit: self.tr("&Next hit"),
            self.act_prev_hit: self.tr("&Previous hit"),
            self.act_bookmark: self.tr("&Bookmark this place"),
            self.act_note: self.tr("&Note on this paragraph…"),
            self.act_shortcuts: self.tr("&Keyboard shortcuts"),
            self.act_about: self.tr("&About"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.library_dock.setWindowTitle(self.tr("Library"))
        self.outline_dock.setWindowTitle(self.tr("Outline"))
        self.search_dock.setWindowTitle(self.tr("Search"))
        self.tables_dock.setWindowTitle(self.tr("Tables"))
        self.placeholder.setText(self.tr("Open a report from the library (double-click, or Ctrl+Enter for a new pane).\nDrop report files here to import them."))
        for widget in (self.library_pane, self.outline, self.search_panel, self.tables_panel, *self.panes):
            widget.retranslate()
        if not self.library:
            self.status_label.setText(self.tr("Loading the library…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- start-up ---------------------------------------------------------------------------

    def _open_userdata_early(self) -> None:
        """User data is one small SQLite file: opened on the GUI thread so the window
        geometry is right before it shows. The library itself loads on the lane."""
        from unidoreader import paths
        from unidoreader.core.userdata import UserData

        root = self.library_root or paths.default_library_dir()
        try:
            root.mkdir(parents=True, exist_ok=True)
            self.userdata = UserData(root / "userdata.sqlite")
        except (UnidoreaderError, OSError) as error:
            self.userdata = None
            self.show_message(str(error))
            return
        for warning in getattr(self.userdata, "warnings", []):  # e.g. a damaged file set aside
            QTimer.singleShot(0, lambda w=warning: self.message_box(self.tr("Your notes and bookmarks"), w))
        if self._restore:
            geometry = self.userdata.state("window.geometry")
            if geometry:
                self.restoreGeometry(QByteArray(base64.b64decode(geometry)))
            layout = self.userdata.state("window.state")
            if layout:
                self.restoreState(QByteArray(base64.b64decode(layout)))
            self.act_sync.setChecked(bool(self.userdata.state("sync", True)))
        self._refresh_history()

    def start(self, open_docs: list[str] | None = None, query: str | None = None, helper: searching.HelperSearch | None = None) -> None:
        """Load the library on the lane; then open `open_docs` (or restore the last
        session's panes), run `query`, and bring the index up to date. `helper`: the
        search for `query` already running in a helper process (see searching)."""
        root = self.library_root
        self._helper = helper
        wanted = list(open_docs or [])
        if not wanted and self._restore and self.userdata:
            wanted = [str(p.get("doc")) for p in self.userdata.state("panes", []) if p.get("doc")]

        def load(job: Job) -> tuple[Library, dict[str, tuple[Report, list[Table]]]]:
            """The library, with the reports to show at once read in the same job: the
            window then shows the library and its reports together (one repaint, one
            round trip through the event loop less than a job per report)."""
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
            return library, reports

        self.lane.submit(self.tr("Loading the library…"), load, lambda value: self._library_loaded(*value, open_docs, query), self._fatal)

    def _library_loaded(self, library: Library, reports: dict[str, tuple[Report, list[Table]]], open_docs: list[str] | None, query: str | None) -> None:
        self.library = library
        self.reports.update(reports)
        self._refresh_entries()
        for pending in self._after_library:
            pending()
        self._after_library.clear()
        if open_docs:
            for ref in open_docs:
                self.open_ref(ref)
        elif self._restore:
            self._restore_panes()
        if query:  # an existing index answers at once; bringing it up to date comes after
            self.search_panel.query.setText(query)
            self.search(query, self.search_panel.filters(), open_first=True)
        if self.update_index or not searching.index_exists(library):
            self.lane.submit(self.tr("Updating the search index…"), lambda job: searching.ensure_index(library, job.progress), self._index_done, self._index_failed)

    def _index_done(self, _value: object) -> None:
        self._index_ready = True

    def _index_failed(self, error: BaseException) -> None:
        self.show_message(self.tr("The search index could not be updated: %1").replace("%1", str(error)))

    def _fatal(self, error: BaseException) -> None:
        self.failures.append(str(error))
        self.show_message(str(error))
        self.message_box(self.tr("Cannot open the library"), str(error))

    def _refresh_entries(self) -> None:
        if self.library is None:
            return
        entries = self.library.entries()
        self.library_pane.set_entries(entries)
        self.search_panel.set_entries(entries)
        self.show_message(self.tr("%1 reports in the library").replace("%1", str(len(entries))))

    def entries(self) -> list[Entry]:
        return self.library.entries() if self.library else []

    # -- status bar and lane -------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.last_message = text
        self.status_label.setText(text)

    def message_box(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
        """A window-modal message that does not block the event loop (nor tests)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = text
        self.last_box = box
        return box

    def _lane_started(self, label: str) -> None:
        self.status_label.setText(label)
        self.progress.setRange(0, 0)
        self.progress.show()

    def _lane_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if message:
            self.status_label.setText(message)

    def _lane_idle(self) -> None:
        self.progress.hide()
        if self.status_label.text() != self.last_message:
            self.status_label.setText(self.last_message)
        self._check_settled()

    def is_settled(self) -> bool:
        return self.library is not None and not self.lane.busy and self.pending_loads == 0 and not self.searching

    def _check_settled(self) -> None:
        if self.is_settled():
            self.settled.emit()

    # -- panes -------------------------------------------------------------------------------------

    def open_ref(self, ref: str, **where: Any) -> None:
        """Open a document named as on the command line (id, id prefix, source name or path)."""
        assert self.library is not None
        doc_id = self.library_doc_for(ref)
        if doc_id is not None:
            self.open_document(doc_id, True, **where)
            return
        self.pending_loads += 1
        library = self.library

        def load(job: Job) -> tuple[Report, list[Table]]:
            report = library.resolve(ref)
            return report, tables_of(report)

        def done(value: tuple[Report, list[Table]]) -> None:
            self.pending_loads -= 1
            self.reports[value[0].id] = value
            self._show_in_pane(self._new_pane(), value, **where)
            self._check_settled()

        self.lane.submit(self.tr("Opening %1…").replace("%1", ref), load, done, self._load_failed)

    def library_doc_for(self, ref: str) -> str | None:
        """A library id for `ref` (see doc_for_ref)."""
        return doc_for_ref(self.entries(), ref)

    def open_document(self, doc_id: str, new_pane: bool = False, block: str | None = None, offsets: Any = (), offset: float = 0.0, pane: ReaderPane | None = None, zoom: int | None = None) -> None:
        """Show a library document: in `pane`, in a new pane, or where it is already open.
        A report opened in a new pane without a place to show resumes where it was last read."""
        if pane is None and not new_pane:
            pane = next((p for p in ([self.active] if self.active else []) + self.panes if p.doc_id == doc_id), None)
            if pane is None:
                new_pane = True
        if pane is None and block is None and self.userdata:
            block = self.userdata.position(doc_id)
        target = pane

        def show(value: tuple[Report, list[Table]]) -> None:
            nonlocal target
            if target is None or target not in self.panes:
                target = self._new_pane()
            if zoom is not None:
                target.set_zoom(zoom)
            self._show_in_pane(target, value, block=block, offsets=offsets, offset=offset)

        if doc_id in self.reports:
            show(self.reports[doc_id])
            return
        assert self.library is not None
        library = self.library
        self.pending_loads += 1
        if target is None:
            target = self._new_pane()

        def load(job: Job) -> tuple[Report, list[Table]]:
            report = library.report(doc_id)
            return report, tables_of(report)

        def done(value: tuple[Report, list[Table]]) -> None:
            self.pending_loads -= 1
            self.reports[doc_id] = value
            show(value)
            self._check_settled()

        entry_title = next((e.metadata.title or e.source for e in self.entries() if e.id == doc_id), doc_id)
        self.lane.submit(self.tr("Opening %1…").replace("%1", entry_title), load, done, self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        self.pending_loads -= 1
        self.failures.append(str(error))
        for pane in [p for p in self.panes if p.report is None]:
            self.close_pane(pane)
        self.message_box(self.tr("Cannot open the report"), str(error))
        self._check_settled()

    def _new_pane(self) -> ReaderPane:
        pane = ReaderPane()
        pane.activated.connect(self.set_active)
        pane.topBlockChanged.connect(self._top_block_changed)
        pane.closeRequested.connect(self.close_pane)
        pane.bookmarkRequested.connect(lambda p, b: self.add_bookmark(p, b))
        pane.noteRequested.connect(lambda p, b: self.edit_note(p, b))
        pane.view.verticalScrollBar().valueChanged.connect(lambda _v, p=pane: self._sync_from(p))
        self.panes.append(pane)
        self.splitter.addWidget(pane)
        self.splitter.setSizes([1000] * len(self.panes))
        self.placeholder.hide()
        self.splitter.show()
        self.set_active(pane)
        return pane

    def _show_in_pane(self, pane: ReaderPane, value: tuple[Report, list[Table]], block: str | None = None, offsets: Any = (), offset: float = 0.0) -> None:
        report, tables = value
        if pane.report is not report:
            notes = {n.block: n.text for n in self.userdata.notes(report.id)} if self.userdata else {}
            pane.set_report(report, tables, notes)
        if block and offsets:
            pane.highlight_hit(block, offsets)
        elif block:
            pane.scroll_to_block(block, offset)
        if pane is self.active:
            self._active_changed()
        elif block:  # a hit, bookmark or note was opened there: that is where the user reads now
            self.set_active(pane)

    def set_active(self, pane: ReaderPane) -> None:
        if pane is self.active:
            return
        self.active = pane
        for p in self.panes:
            p.set_active(p is pane)
        self._active_changed()

    def _active_changed(self) -> None:
        pane = self.active
        report = pane.report if pane else None
        self._update_title()
        self.outline.set_report(report)
        self.tables_panel.set_tables(pane.tables if pane else [])
        if pane is not None:
            self.outline.set_current_section(pane.current_section())

    def _update_title(self) -> None:
        """The window is named after the report being read."""
        app_name = self.tr("UNIDO Reports Reader")
        report = self.active.report if self.active else None
        self.setWindowTitle(f"{report.metadata.title or report.source} — {app_name}" if report else app_name)

    def close_pane(self, pane: ReaderPane) -> None:
        if pane not in self.panes:
            return
        self._remember_position(pane)
        self.panes.remove(pane)
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        if self.active is pane:
            self.active = None
            if self.panes:
                self.set_active(self.panes[-1])
            else:
                self._active_changed()
        if not self.panes:
            self.splitter.hide()
            self.placeholder.show()

    def _cycle_pane(self, step: int) -> None:
        if self.panes:
            index = self.panes.index(self.active) if self.active in self.panes else 0
            pane = self.panes[(index + step) % len(self.panes)]
            self.set_active(pane)
            pane.view.setFocus()

    def _open_selected_new_pane(self) -> None:
        doc_id = self.library_pane.selected_doc()
        if doc_id:
            self.open_document(doc_id, True)

    def _jump_to_table(self, table_id: str) -> None:
        if self.active:
            self.active.scroll_to_table(table_id)

    def _outline_clicked(self, doc_id: str, section_id: str) -> None:
        pane = self.active
        if pane is None or pane.report is None or pane.report.id != doc_id:
            return
        section = pane.report.section(section_id)
        if section is not None:
            pane.scroll_to_block(section.heading)
            self.outline.set_current_section(section_id)

    def _top_block_changed(self, pane: ReaderPane, block_id: str) -> None:
        if pane is self.active and pane.report is not None:
            block = pane.report.block(block_id)
            if block is not None and block.section:
                self.outline.set_current_section(block.section)

    # -- synchronised scrolling -------------------------------------------------------------------

    def _sync_toggled(self, on: bool) -> None:
        if self.userdata:
            self.userdata.set_state("sync", bool(on))
        self.show_message(self.tr("Synchronised scrolling on") if on else self.tr("Synchronised scrolling off"))

    def _sync_from(self, source: ReaderPane) -> None:
        if self._syncing or not self.act_sync.isChecked() or len(self.panes) < 2 or source.alignment is None:
            return
        if source is not self.active and not source.underMouse():
            return
        block_id, offset = source.top_block()
        if block_id is None:
            return
        key = source.alignment.keys.get(block_id)
        self._syncing = True
        try:
            for pane in self.panes:
                if pane is source or pane.alignment is None:
                    continue
                if pane.doc_id == source.doc_id:
                    pane.scroll_to_block(block_id, offset)
                    continue
                target = pane.alignment.match(key) if key else None
                if target is not None:
                    exact = pane.alignment.keys.get(target) == key and key[2]
                    pane.scroll_to_block(target, offset if exact else 0.0)
        finally:
            self._syncing = False

    # -- reading tools --------------------------------------------------------------------------------

    def find(self) -> None:
        if self.active:
            self.active.show_find()

    def zoom(self, step: int | None) -> None:
        if self.active:
            self.active.set_zoom(0 if step is None else self.active.zoom + step)

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.query.setFocus()
        self.search_panel.query.selectAll()

    def _focus_library(self) -> None:
        self._focus_dock(self.library_dock, self.library_pane.tree)

    def _focus_dock(self, dock: QDockWidget, widget: QWidget) -> None:
        dock.show()
        dock.raise_()
        widget.setFocus()

    # -- search --------------------------------------------------------------------------------------------

    def search(self, query: str, filters: dict[str, Any], open_first: bool = False) -> None:
        """Run a search on the lane; hits stream into the panel. `open_first`: show the
        best hit in the reader when done (a search asked for on the command line)."""
        if self.library is None:
            self._after_library.append(lambda: self.search(query, filters, open_first))
            return
        if self._search_job is not None:
            self._search_job.cancel()
        library = self.library
        self.searching = True
        self.search_panel.start_results(query)
        if self.userdata and self.persist:  # a scripted screenshot is not the user's history
            self.userdata.add_history(query, {k: v for k, v in filters.items() if v is not None})
            self._refresh_history()

        helper, self._helper = self._helper, None
        if helper is not None and not helper.answers(query, filters):
            helper.cancel()
            helper = None

        def run(job: Job) -> int:
            if helper is not None:
                try:
                    found = helper.hits()
                except Exception:  # noqa: BLE001 - the helper only speeds things up: search here instead
                    pass
                else:
                    for hit in found:
                        if job.cancelled:
                            break
                        job.partial(hit)
                    return len(found)
            if not self._index_ready and not searching.index_exists(library):
                searching.ensure_index(library, job.progress)
            count = 0
            for hit in searching.iter_hits(library, query, filters):
                if job.cancelled:
                    break
                job.partial(hit)
                count += 1
            return count

        def done(count: int) -> None:
            self._index_ready = True
            self.searching = False
            self.search_panel.finish(count)
            self.show_message(self.search_panel.summary.text())
            if open_first and self.search_panel.hits:
                self.search_panel.activate_hit(0)
            self._check_settled()

        def failed(error: BaseException) -> None:
            self.searching = False
            self.failures.append(f"search {query!r}: {error}")
            self.search_panel.fail(str(error))
            self._check_settled()

        job = self.lane.submit(self.tr("Searching for “%1”…").replace("%1", query), run, done, failed, self.search_panel.add_hit)
        self._search_job = job
        self.search_dock.show()
        self.search_dock.raise_()

    def open_hit(self, hit: Any) -> None:
        self.open_document(hit.doc, block=hit.block, offsets=tuple(hit.block_offsets) or ())

    def _refresh_history(self) -> None:
        if self.userdata:
            self.search_panel.set_history([h.query for h in self.userdata.history()])
            self.search_panel.set_saved(self.userdata.saved_searches())

    def _save_search(self, query: str, filters: dict[str, Any]) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save search"), self.tr("Name of this search:"), text=query)
        if ok and name.strip() and self.userdata:
            self.userdata.save_search(name.strip(), query, {k: v for k, v in filters.items() if v is not None})
            self._refresh_history()

    def _delete_saved_search(self, name: str) -> None:
        if self.userdata:
            self.userdata.delete_saved_search(name)
            self._refresh_history()

    # -- library changes --------------------------------------------------------------------------------------

    def import_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import reports"), str(Path.home()), self.tr("Text files (*.txt);;All files (*)"))
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, files: list[Path]) -> None:
        if self.library is None:
            return
        library = self.library

        def run(job: Job) -> list[Any]:
            results = library.import_files(files)
            searching.ensure_index(library, job.progress)
            return results

        def done(results: list[Any]) -> None:
            self._refresh_entries()
            added = [r for r in results if r.added]
            self.show_message(self.tr("Imported %1 report(s); %2 already in the library").replace("%1", str(len(added))).replace("%2", str(len(results) - len(added))))
            if results:
                self.library_pane.select_doc(results[-1].entry.id)

        def failed(error: BaseException) -> None:
            if isinstance(error, UnidoreaderError):
                self.message_box(self.tr("Cannot import"), self.tr("Nothing was imported.") + "\n" + str(error))
            else:
                self.message_box(self.tr("Cannot import"), str(error))

        self.lane.submit(self.tr("Importing %1 file(s)…").replace("%1", str(len(files))), run, done, failed)

    def remove_document(self, doc_id: str, confirm: bool = True) -> None:
        if self.library is None or doc_id not in self.library:
            return
        title = self.library.entry(doc_id).metadata.title or self.library.entry(doc_id).source
        if confirm:
            answer = QMessageBox.question(self, self.tr("Remove report"), self.tr("Remove “%1” from the library?").replace("%1", title))
            if answer != QMessageBox.StandardButton.Yes:
                return
        for pane in [p for p in self.panes if p.doc_id == doc_id]:
            self.close_pane(pane)
        self.reports.pop(doc_id, None)
        library = self.library

        def run(job: Job) -> None:
            library.remove(doc_id)
            searching.ensure_index(library, job.progress)

        def done(_: None) -> None:
            self._refresh_entries()
            self.show_message(self.tr("Removed “%1”").replace("%1", title))

        self.lane.submit(self.tr("Removing %1…").replace("%1", title), run, done, lambda e: self.message_box(self.tr("Cannot remove"), str(e)))

    # -- bookmarks and notes ------------------------------------------------------------------------------------

    def _block_for_action(self, pane: ReaderPane) -> str | None:
        cursor = pane.view.textCursor()
        if cursor.hasSelection() or pane.view.hasFocus():
            block = pane.map.block_at(cursor.position())
            if block and pane.block_visible(block):
                return block
        return pane.top_block()[0]

    def bookmark_current(self) -> None:
        if self.active and self.active.report:
            block = self._block_for_action(self.active)
            if block:
                self.add_bookmark(self.active, block)

    def note_current(self) -> None:
        if self.active and self.active.report:
            block = self._block_for_action(self.active)
            if block:
                self.edit_note(self.active, block)

    def add_bookmark(self, pane: ReaderPane, block_id: str) -> None:
        if not self.userdata or pane.report is None:
            return
        block = pane.report.block(block_id)
        text = "".join((block.text if block else "").split())
        title = (f"{block.label}. " if block and block.label else "") + (text[:28] + "…" if len(text) > 28 else text)
        self.userdata.add_bookmark(pane.report.id, block_id, title)
        self.show_message(self.tr("Bookmarked: %1").replace("%1", title))

    def edit_note(self, pane: ReaderPane, block_id: str, text: str | None = None) -> None:
        if not self.userdata or pane.report is None:
            return
        doc = pane.report.id
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, self.tr("Note"), self.tr("Your note on this paragraph (empty removes it):"), self.userdata.note(doc, block_id) or "")
            if not ok:
                return
        self.userdata.set_note(doc, block_id, text.strip())
        notes = {n.block: n.text for n in self.userdata.notes(doc)}
        for p in self.panes:
            if p.doc_id == doc:
                p.set_notes(notes)
        self.show_message(self.tr("Note saved") if text.strip() else self.tr("Note removed"))

    def _fill_bookmarks(self) -> None:
        menu = self.menu_bookmarks
        menu.clear()
        menu.addAction(self.act_bookmark)
        menu.addAction(self.act_note)
        if not self.userdata:
            return
        titles = {e.id: e.metadata.title or e.source for e in self.entries()}
        marks = [b for b in self.userdata.bookmarks() if b.doc in titles]
        notes = [n for n in self.userdata.notes() if n.doc in titles]
        if marks:
            menu.addSeparator()
            for mark in marks:
                action = menu.addAction(f"{mark.title}  —  {titles[mark.doc][:24]}")
                action.setData(("bookmark", mark.id))
                action.triggered.connect(lambda _=False, m=mark: self.open_document(m.doc, block=m.block))
            remove = menu.addMenu(self.tr("Remove bookmark"))
            for mark in marks:
                remove.addAction(mark.title).triggered.connect(lambda _=False, m=mark: self.userdata.remove_bookmark(m.id))
        if notes:
            notes_menu = menu.addMenu(self.tr("Notes"))
            for note in notes:
                text = note.text if len(note.text) < 30 else note.text[:30] + "…"
                notes_menu.addAction(f"{text}  —  {titles[note.doc][:24]}").triggered.connect(lambda _=False, n=note: self.open_document(n.doc, block=n.block))

    # -- printing -------------------------------------------------------------------------------------------------

    def print_parts(self) -> list[Any]:
        """PrintPart per report with checked sections: open panes' reports first, in pane order."""
        from unidoreader.core.export import PrintPart

        order: list[Report] = []
        for pane in self.panes:
            if pane.report and pane.report not in order:
                order.append(pane.report)
        for doc_id, (report, _tables) in self.reports.items():
            if report not in order:
                order.append(report)
        by_doc: dict[str, list[str]] = {}
        for doc_id, section_id in self.outline.checked_sections(order):
            by_doc.setdefault(doc_id, []).append(section_id)
        return [PrintPart(report=r, section_ids=tuple(by_doc[r.id])) for r in order if r.id in by_doc]

    def checked_sections(self) -> list[tuple[str, str]]:
        return [(part.report.id, s) for part in self.print_parts() for s in part.section_ids]

    def _parts_or_warn(self) -> list[Any] | None:
        parts = self.print_parts()
        if not parts:
            self.message_box(self.tr("Printing"), self.tr("Check the sections to print in the outline first."), QMessageBox.Icon.Information)
            return None
        return parts

    def print_checked(self) -> None:
        parts = self._parts_or_warn()
        if parts:
            from unidoreader.gui import printing

            printing.print_dialog(self, parts)

    def export_pdf(self, output: Path | None = None) -> Path | None:
        parts = self._parts_or_warn()
        if not parts:
            return None
        if output is None:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Export PDF"), str(Path.home() / "briefing.pdf"), self.tr("PDF files (*.pdf)"))
            if not name:
                return None
            output = Path(name)
        from unidoreader.gui import printing

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = printing.render_pdf(parts, output)
        except (UnidoreaderError, OSError) as error:
            self.message_box(self.tr("Export PDF"), str(error))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.show_message(self.tr("Saved %1 (%2 pages)").replace("%1", str(output)).replace("%2", str(pages)))
        return output

    def save_selection(self) -> None:
        items = self.checked_sections()
        if not items:
            self.message_box(self.tr("Save selection"), self.tr("Check some sections in the outline first."), QMessageBox.Icon.Information)
            return
        name, ok = QInputDialog.getText(self, self.tr("Save selection"), self.tr("Name of this selection:"))
        if ok and name.strip() and self.userdata:
            self.userdata.save_selection(name.strip(), items)
            self.show_message(self.tr("Selection “%1” saved").replace("%1", name.strip()))

    def open_selection(self, name: str | None = None) -> None:
        if not self.userdata:
            return
        if name is None:
            names = self.userdata.selection_names()
            if not names:
                self.message_box(self.tr("Open selection"), self.tr("No selection has been saved yet."), QMessageBox.Icon.Information)
                return
            name, ok = QInputDialog.getItem(self, self.tr("Open selection"), self.tr("Selection:"), names, 0, False)
            if not ok:
                return
        self.load_selection(name)

    def load_selection(self, name: str) -> None:
        """Check the sections of a saved selection, opening its reports if needed."""
        items = self.userdata.selection(name) if self.userdata else []
        self.outline.checked.clear()
        by_doc: dict[str, set[str]] = {}
        for doc, section in items:
            by_doc.setdefault(doc, set()).add(section)
        for doc, sections in by_doc.items():
            self.outline.set_checked(doc, sections)
            if self.library and doc in self.library and not any(p.doc_id == doc for p in self.panes):
                self.open_document(doc, True)
        if self.active:
            self.outline.set_report(self.active.report)
        self.show_message(self.tr("Selection “%1”: %2 sections checked").replace("%1", name).replace("%2", str(len(items))))

    # -- preferences and help ------------------------------------------------------------------------------------------

    def preferences(self) -> None:
        dialog = PreferencesDialog(self, self.language)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_language(dialog.language.currentData())

    def set_language(self, language: str) -> None:
        self.language = language
        if self.userdata:
            self.userdata.set_state("language", language)
        i18n.set_language(language)
        self.retranslate()  # now, not when the LanguageChange event comes round

    def show_shortcuts(self) -> None:
        lines = [f"{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText):<16}\t{a.text().replace('&', '')}" for a in self.actions() if not a.shortcut().isEmpty()]
        self.message_box(self.tr("Keyboard shortcuts"), "\n".join(lines), QMessageBox.Icon.Information)

    def about(self) -> None:
        from unidoreader import __version__

        self.message_box(self.tr("About"), self.tr("UNIDO Reports Reader %1\nReads, searches and prints the reports of UNIDO's governing bodies, offline.").replace("%1", __version__), QMessageBox.Icon.Information)

    # -- state across restarts ---------------------------------------------------------------------------------------------

    def _remember_position(self, pane: ReaderPane) -> None:
        block, _ = pane.reading_position()
        if self.userdata and pane.report and block:
            self.userdata.set_position(pane.report.id, block)

    def save_state(self) -> None:
        if not self.userdata or not self.persist:
            return
        panes = []
        for pane in self.panes:
            if pane.report is None:
                continue
            block, offset = pane.reading_position()
            panes.append({"doc": pane.report.id, "block": block, "offset": offset, "zoom": pane.zoom})
            self._remember_position(pane)
        self.userdata.set_state("panes", panes)
        self.userdata.set_state("active", self.panes.index(self.active) if self.active in self.panes else 0)
        self.userdata.set_state("splitter", self.splitter.sizes())
        self.userdata.set_state("window.geometry", base64.b64encode(bytes(self.saveGeometry())).decode("ascii"))
        self.userdata.set_state("window.state", base64.b64encode(bytes(self.saveState())).decode("ascii"))
        self.userdata.set_state("sync", self.act_sync.isChecked())

    def _restore_panes(self) -> None:
        if not self.userdata or self.library is None:
            return
        saved = [p for p in self.userdata.state("panes", []) if p.get("doc") in self.library]
        active = self.userdata.state("active", 0)
        sizes = self.userdata.state("splitter")
        created: list[ReaderPane] = []
        for record in saved:
            pane = self._new_pane()
            created.append(pane)
            self.open_document(record["doc"], block=record.get("block"), offset=float(record.get("offset") or 0.0), pane=pane, zoom=int(record.get("zoom") or 0))
        if created:
            self.set_active(created[min(max(int(active), 0), len(created) - 1)])
            if sizes and len(sizes) == len(created):
                QTimer.singleShot(0, lambda: self.splitter.setSizes(sizes))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()
        if self._search_job:
            self._search_job.cancel()
        if self._helper is not None:
            self._helper.cancel()
            self._helper = None
        self.lane.shutdown(timeout=2.0)
        super().closeEvent(event)

    # -- drag and drop ------------------------------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        if files := dropped_files(event):
            self.import_files(files)
