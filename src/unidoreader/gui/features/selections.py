"""Saved selections: the sections ticked in the outline kept under a name, and
checked again later (opening their reports if needed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from unidoreader.gui.features import Feature
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.features.printing import PrintFeature
from unidoreader.gui.outline import OutlinePane

if TYPE_CHECKING:
    from unidoreader.core.userdata import UserData


class SelectionsFeature(Feature):
    """Answers the outline's Save… and Open… buttons."""

    def __init__(self, parent: QWidget, userdata: "UserData | None", reading: ReadingPanes, outline: OutlinePane, printing: PrintFeature) -> None:
        super().__init__(parent)
        self.userdata = userdata
        self.reading = reading
        self.outline = outline
        self.printing = printing
        outline.saveSelectionRequested.connect(self.save_selection)
        outline.openSelectionRequested.connect(self.open_selection)

    def save_selection(self) -> None:
        items = self.printing.checked_sections()
        if not items:
            self.inform(self.tr("Save selection"), self.tr("Check some sections in the outline first."))
            return
        from PySide6.QtWidgets import QInputDialog  # (imported when asked for: see gui/app.py)

        name, ok = QInputDialog.getText(self.parent_widget, self.tr("Save selection"), self.tr("Name of this selection:"))
        if ok and name.strip() and self.userdata:
            self.userdata.save_selection(name.strip(), items)
            self.message.emit(self.tr("Selection “%1” saved").replace("%1", name.strip()))

    def open_selection(self, name: str | None = None) -> None:
        if not self.userdata:
            return
        if not isinstance(name, str):
            names = self.userdata.selection_names()
            if not names:
                self.inform(self.tr("Open selection"), self.tr("No selection has been saved yet."))
                return
            from PySide6.QtWidgets import QInputDialog

            name, ok = QInputDialog.getItem(self.parent_widget, self.tr("Open selection"), self.tr("Selection:"), names, 0, False)
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
        library = self.reading.library
        for doc, sections in by_doc.items():
            self.outline.set_checked(doc, sections)
            if library and doc in library and not any(p.doc_id == doc for p in self.reading.panes):
                self.openRequested.emit(doc, {"new_pane": True})
        if self.reading.active:
            self.outline.set_report(self.reading.active.report)
        self.message.emit(self.tr("Selection “%1”: %2 sections checked").replace("%1", name).replace("%2", str(len(items))))
