"""Language versions side by side: *Open the other language* (Ctrl+Shift+L) opens the
other version of the active report (same symbol, core.versions) in a pane beside it and
turns synchronised scrolling on, so paragraph 12 faces paragraph 12 (gui/alignment.py
compares chapter numbers across languages; features/sync.py says when a paragraph is
missing in one version). The interface language is not touched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from unidoreader.core.versions import other_versions
from unidoreader.gui.features import Feature, MenuItem
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.features.sync import SyncScrolling

if TYPE_CHECKING:
    from unidoreader.core.library import Entry, Library


class LanguageVersions(Feature):
    """The `open_other_language` command."""

    def __init__(self, parent: QWidget, reading: ReadingPanes, sync: SyncScrolling) -> None:
        super().__init__(parent)
        self.reading = reading
        self.sync = sync
        self.entries: list[Entry] = []
        self.act_other = self.action("open_other_language", self.open_other_language, "Ctrl+Shift+L")

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("view", self.act_other)]

    def retranslate(self) -> None:
        self.act_other.setText(self.tr("Open the other &language"))

    def library_loaded(self, library: "Library") -> None:
        self.entries = library.entries()

    def entries_changed(self, entries: "list[Entry]") -> None:
        self.entries = list(entries)

    def others_of(self, doc_id: str) -> "list[Entry]":
        """The other language versions of a document of the library."""
        entry = next((e for e in self.entries if e.id == doc_id), None)
        return other_versions(self.entries, doc_id, entry.metadata.symbol) if entry else []

    def open_other_language(self) -> None:
        """Open the other version of the active report beside it, scrolled to match."""
        pane = self.reading.active
        doc_id = pane.doc_id if pane is not None else None
        if doc_id is None:
            self.message.emit(self.tr("Open a report first"))
            return
        others = self.others_of(doc_id)
        if not others:
            self.message.emit(self.tr("The library has no other language version of this report"))
            return
        shown = {p.doc_id for p in self.reading.panes}
        target = next((e for e in others if e.id not in shown), None)
        if target is None:  # already open: make it the active pane
            other = next(p for p in self.reading.panes if p.doc_id in {e.id for e in others})
            self.reading.set_active(other)
            return
        self.sync.act_sync.setChecked(True)
        from unidoreader.gui.alignment import Alignment

        block, offset = pane.top_block()  # type: ignore[union-attr]
        report = pane.report  # type: ignore[union-attr]
        key = Alignment.of(report, neutral=True).keys.get(block) if report is not None and block else None
        self.openRequested.emit(target.id, {"new_pane": True, "align_key": key, "offset": offset})
