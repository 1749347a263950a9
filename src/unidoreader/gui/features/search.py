"""Searching every report: the search panel, its history and saved searches, the
search itself on the lane (or the start-up helper process), and the index update."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from unidoreader.gui import searching
from unidoreader.gui.features import DockSpec, Feature, MenuItem
from unidoreader.gui.lane import Job, Lane
from unidoreader.gui.search_panel import SearchPanel
from unidoreader.gui.errors import describe

if TYPE_CHECKING:
    from unidoreader.core.library import Entry, Library
    from unidoreader.core.userdata import UserData


# From this many documents the gram index is opened ahead of the first search.
WARM_FROM_DOCUMENTS = 200


class SearchFeature(Feature):
    """Owns the SearchPanel (`panel`), the running search and the search history."""

    searchStarted = Signal(str)  # the query: the marks of the last search are stale

    def __init__(self, parent: QWidget, lane: Lane, userdata: "UserData | None") -> None:
        super().__init__(parent)
        self.lane = lane
        self.userdata = userdata
        self.library: Library | None = None
        self.searching = False
        self.record_history = True  # False: a scripted screenshot is not the user's history
        self.index_ready = False
        self.helper: searching.HelperSearch | None = None  # the start-up search, run by a helper process
        self._job: Job | None = None
        self._after_library: list[Callable[[], None]] = []
        self.panel = SearchPanel()
        self.panel.searchRequested.connect(self.search)
        self.panel.pageRequested.connect(lambda query, filters, offset: self.search(query, filters, offset=offset))
        self.panel.hitActivated.connect(self.open_hit)
        self.panel.saveSearchRequested.connect(self._save_search)
        self.panel.deleteSavedRequested.connect(self._delete_saved_search)
        self.act_search = self.action("search", self.focus_search, "Ctrl+Shift+F")
        self.act_next_hit = self.action("next_hit", self.panel.next_hit, "F8")
        self.act_prev_hit = self.action("prev_hit", self.panel.previous_hit, "Shift+F8")
        self.refresh_history()

    def docks(self) -> list[DockSpec]:
        return [DockSpec("search", self.panel, Qt.DockWidgetArea.RightDockWidgetArea, lambda: self.tr("Search"))]

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("search", a) for a in (self.act_search, self.act_next_hit, self.act_prev_hit)]

    def retranslate(self) -> None:
        self.act_search.setText(self.tr("&Search all reports"))
        self.act_next_hit.setText(self.tr("&Next hit"))
        self.act_prev_hit.setText(self.tr("&Previous hit"))
        self.panel.retranslate()

    def library_loaded(self, library: "Library") -> None:
        self.library = library
        for pending in self._after_library:
            pending()
        self._after_library.clear()

    def entries_changed(self, entries: "list[Entry]") -> None:
        self.panel.set_entries(entries)

    def busy(self) -> bool:
        return self.searching

    def close(self) -> None:
        if self._job:
            self._job.cancel()
        if self.helper is not None:
            self.helper.cancel()
            self.helper = None

    # -- start-up ------------------------------------------------------------------------------

    def start(self, query: str | None, update_index: bool) -> None:
        """After the library and its first reports: run the search asked for at start
        (an existing index answers at once), then bring the index up to date."""
        library = self.library
        assert library is not None
        if query:
            self.panel.query.setText(query)
            self.search(query, self.panel.filters(), open_first=True)
        if update_index or not searching.index_exists(library):
            self.lane.submit(self.tr("Updating the search index…"), lambda job: searching.ensure_index(library, job.progress), self._index_done, self._index_failed)

    def _index_done(self, _value: object) -> None:
        self.index_ready = True
        if self.library is not None and len(self.library.entries()) >= WARM_FROM_DOCUMENTS:
            searching.warm(self.library)

    def _index_failed(self, error: BaseException) -> None:
        self.message.emit(self.tr("The search index could not be updated: %1").replace("%1", str(error)))

    # -- searching ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.showPane.emit(self.panel)
        self.panel.query.setFocus()
        self.panel.query.selectAll()

    def search(self, query: str, filters: dict[str, Any], open_first: bool = False, offset: int = 0) -> None:
        """Run a search on the lane; its counts, then the hits of one page, stream into
        the panel. `open_first`: show the best hit in the reader when done (a search
        asked for on the command line). `offset`: the first hit of the page (paging)."""
        if self.library is None:
            self._after_library.append(lambda: self.search(query, filters, open_first, offset))
            return
        if self._job is not None:
            self._job.cancel()
        library = self.library
        self.searching = True
        self.panel.start_results(query, filters, offset)
        self.searchStarted.emit(query)
        if self.userdata and self.record_history and not offset:
            self.userdata.add_history(query, {k: v for k, v in filters.items() if v is not None})
            self.refresh_history()

        helper, self.helper = self.helper, None
        if helper is not None and (offset or not helper.answers(query, filters)):
            helper.cancel()
            helper = None

        def run(job: Job) -> int:
            if helper is not None:
                try:
                    found = helper.hits()
                except Exception:  # noqa: BLE001 - the helper only speeds things up: search here instead
                    pass
                else:
                    job.partial(("counts", helper.total, helper.per_document))
                    job.partial(("hits", found))  # all at once, as the helper gave them: one insertion, one summary
                    return helper.total if helper.total is not None else len(found)
            if not self.index_ready and not searching.index_exists(library):
                searching.ensure_index(library, job.progress)
            counts, hits = searching.page(library, query, filters, offset, searching.PAGE_SIZE)
            job.partial(("counts", counts.total, counts.per_document))
            for hit in hits:  # each snippet is cut as it is taken: the first hits show while the rest are made
                if job.cancelled:
                    break
                job.partial(hit)
            return counts.total

        def done(count: int) -> None:
            self.index_ready = True
            self.searching = False
            self.panel.finish(count)
            self.message.emit(self.panel.summary.text())
            if open_first and self.panel.hits:
                self.panel.activate_hit(0)
            self.workDone.emit()

        def failed(error: BaseException) -> None:
            self.searching = False
            self.failed.emit(f"search {query!r}: {error}")
            self.panel.fail(describe(error))
            self.workDone.emit()

        if helper is not None and helper.finished():
            if self._take_helper_answer(helper, done):
                return
            helper = None  # it failed: search here (run sees this)
        self._job = self.lane.submit(self.tr("Searching for “%1”…").replace("%1", query), run, done, failed, self.panel.receive)
        self.showPane.emit(self.panel)

    def _take_helper_answer(self, helper: searching.HelperSearch, done_with: Callable[[int], None]) -> bool:
        """Show the answer of a helper that has already finished (its output waits in a
        pipe: reading it is instant) at once, with the reports shown at start: one paint,
        not a round trip through the lane and another one. False if it failed (the search
        then runs on the lane as usual)."""
        try:
            found = helper.hits()
        except Exception:  # noqa: BLE001 - the helper only speeds things up
            return False
        self._job = None
        self.panel.receive(("counts", helper.total, helper.per_document))
        self.panel.add_hits(found)
        done_with(helper.total if helper.total is not None else len(found))
        self.showPane.emit(self.panel)
        return True

    def open_hit(self, hit: Any) -> None:
        self.openRequested.emit(hit.doc, {"block": hit.block, "offsets": tuple(hit.block_offsets) or ()})

    # -- history and saved searches -------------------------------------------------------------

    def refresh_history(self) -> None:
        if self.userdata:
            self.panel.set_history([h.query for h in self.userdata.history()])
            self.panel.set_saved(self.userdata.saved_searches())

    def _save_search(self, query: str, filters: dict[str, Any]) -> None:
        from PySide6.QtWidgets import QInputDialog  # (imported when asked for: see gui/app.py)

        name, ok = QInputDialog.getText(self.parent_widget, self.tr("Save search"), self.tr("Name of this search:"), text=query)
        if ok and name.strip() and self.userdata:
            self.userdata.save_search(name.strip(), query, {k: v for k, v in filters.items() if v is not None})
            self.refresh_history()

    def _delete_saved_search(self, name: str) -> None:
        if self.userdata:
            self.userdata.delete_saved_search(name)
            self.refresh_history()
