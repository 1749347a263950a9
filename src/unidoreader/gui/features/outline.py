"""The outline pane as a feature: it shows the section tree of the active report,
follows the reading position, and a click on a section scrolls the reader there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from unidoreader.gui.features import DockSpec, Feature
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.outline import OutlinePane
from unidoreader.gui.reader import ReaderPane

if TYPE_CHECKING:
    from unidoreader.core.library import Library
    from unidoreader.core.userdata import UserData


class OutlineFeature(Feature):
    """Owns the OutlinePane (`pane`); its checks are read by printing and selections."""

    def __init__(self, parent: QWidget, reading: ReadingPanes, userdata: "UserData | None" = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.userdata = userdata
        self.pane = OutlinePane()
        self.pane.sectionActivated.connect(self._clicked)
        self.pane.checksChanged.connect(self._save_checks)
        reading.activeChanged.connect(self._active_changed)
        if reading.active is not None:  # built after a report was opened
            self._active_changed(reading.active)
        reading.topBlockChanged.connect(self._top_block_changed)

    def docks(self) -> list[DockSpec]:
        return [DockSpec("outline", self.pane, Qt.DockWidgetArea.LeftDockWidgetArea, lambda: self.tr("Outline"),
                         self.pane.tree, "Ctrl+2", lambda: self.tr("Go to the outline"), below="library")]

    def retranslate(self) -> None:
        self.pane.retranslate()

    def library_loaded(self, library: "Library") -> None:
        """The sections ticked for printing come back (those of documents still there)."""
        if not self.userdata:
            return
        saved = self.userdata.state("outline.checked", {}) or {}
        for doc, sections in saved.items():
            if doc in library and sections:
                self.pane.checked[doc] = set(sections)
        if self.pane.report is not None:
            self.pane.set_report(self.pane.report)

    def _save_checks(self) -> None:
        """Kept at once (one small state row), so a crash does not lose them either."""
        if self.userdata:
            self.userdata.set_state("outline.checked", {doc: sorted(ids) for doc, ids in self.pane.checked.items() if ids})

    def _active_changed(self, pane: ReaderPane | None) -> None:
        self.pane.set_report(pane.report if pane else None)
        if pane is not None:
            self.pane.set_current_section(pane.current_section())

    def _clicked(self, doc_id: str, section_id: str) -> None:
        pane = self.reading.active
        if pane is None or pane.report is None or pane.report.id != doc_id:
            return
        section = pane.report.section(section_id)
        if section is not None:
            pane.scroll_to_block(section.heading)
            self.pane.set_current_section(section_id)

    def _top_block_changed(self, pane: ReaderPane, block_id: str) -> None:
        if pane is self.reading.active and pane.report is not None:
            block = pane.report.block(block_id)
            if block is not None and block.section:
                self.pane.set_current_section(block.section)
