"""The tables pane as a feature: the recovered tables of the active report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from unidoreader.gui.features import DockSpec, Feature
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.reader import ReaderPane
from unidoreader.gui.tables_panel import TablesPanel


class TablesFeature(Feature):
    """Owns the TablesPanel (`panel`), which follows the active pane."""

    def __init__(self, parent: QWidget, reading: ReadingPanes) -> None:
        super().__init__(parent)
        self.reading = reading
        self.panel = TablesPanel()
        self.panel.jumpRequested.connect(self._jump)
        self.panel.message.connect(self.message)
        reading.activeChanged.connect(self._active_changed)
        if reading.active is not None:  # built after a report was opened
            self._active_changed(reading.active)

    def docks(self) -> list[DockSpec]:
        return [DockSpec("tables", self.panel, Qt.DockWidgetArea.RightDockWidgetArea, lambda: self.tr("Tables"),
                         self.panel.list, "Ctrl+3", lambda: self.tr("Go to the tables"), tab_with="search")]

    def retranslate(self) -> None:
        self.panel.retranslate()

    def _active_changed(self, pane: ReaderPane | None) -> None:
        self.panel.set_tables(pane.tables if pane else [])

    def _jump(self, table_id: str) -> None:
        if self.reading.active:
            self.reading.active.scroll_to_table(table_id)
