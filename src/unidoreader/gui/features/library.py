"""The library pane as a feature: the documents by body and session; opening one, and
removing one from the library (on the lane, the index brought up to date after)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from unidoreader.gui import searching
from unidoreader.gui.features import DockSpec, Feature, MenuItem
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.lane import Job, Lane
from unidoreader.gui.library_pane import LibraryPane
from unidoreader.gui.errors import describe

if TYPE_CHECKING:
    from unidoreader.core.library import Entry, Library


class LibraryFeature(Feature):
    """Owns the LibraryPane (`pane`) and the open-in-new-pane and remove commands."""

    def __init__(self, parent: QWidget, lane: Lane, reading: ReadingPanes) -> None:
        super().__init__(parent)
        self.lane = lane
        self.reading = reading
        self.library: Library | None = None
        self.pane = LibraryPane()
        self.pane.openRequested.connect(lambda doc_id, new: self.openRequested.emit(doc_id, {"new_pane": new}))
        self.pane.removeRequested.connect(self.remove_document)
        self.act_new_pane = self.action("open_new_pane", self._open_selected_new_pane, "Ctrl+Return")
        self.act_remove = self.action("remove", lambda: self.pane.selected_doc() and self.remove_document(self.pane.selected_doc()))
        self.act_remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.pane.addAction(self.act_remove)

    def docks(self) -> list[DockSpec]:
        return [DockSpec("library", self.pane, Qt.DockWidgetArea.LeftDockWidgetArea, lambda: self.tr("Library"),
                         self.pane.tree, "Ctrl+1", lambda: self.tr("Go to the library"))]

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("file", self.act_remove), MenuItem("view", self.act_new_pane)]

    def retranslate(self) -> None:
        self.act_new_pane.setText(self.tr("Open in a new &pane"))
        self.act_remove.setText(self.tr("&Remove from the library…"))
        self.pane.retranslate()

    def library_loaded(self, library: "Library") -> None:
        self.library = library

    def entries_changed(self, entries: "list[Entry]") -> None:
        self.pane.set_entries(entries)

    def _open_selected_new_pane(self) -> None:
        doc_id = self.pane.selected_doc()
        if doc_id:
            self.openRequested.emit(doc_id, {"new_pane": True})

    def remove_document(self, doc_id: str, confirm: bool = True) -> None:
        if self.library is None or doc_id not in self.library:
            return
        title = self.library.entry(doc_id).metadata.title or self.library.entry(doc_id).source
        if confirm:
            answer = QMessageBox.question(self.parent_widget, self.tr("Remove report"), self.tr("Remove “%1” from the library?").replace("%1", title))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.reading.forget(doc_id)
        library = self.library

        def run(job: Job) -> None:
            library.remove(doc_id)
            searching.ensure_index(library, job.progress)

        def done(_: None) -> None:
            self.libraryEdited.emit("")
            self.message.emit(self.tr("Removed “%1”").replace("%1", title))

        self.lane.submit(self.tr("Removing %1…").replace("%1", title), run, done, lambda e: self.warn(self.tr("Cannot remove"), describe(e)))
