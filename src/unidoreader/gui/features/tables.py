"""The tables pane as a feature: the recovered tables of the active report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from unidoreader.gui.features import DockSpec, Feature, MenuItem
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.reader import ReaderPane
from unidoreader.gui.tables_panel import TablesPanel

if TYPE_CHECKING:
    from unidoreader.gui.table_window import TableWindow


class TablesFeature(Feature):
    """Owns the TablesPanel (`panel`), which follows the active pane."""

    def __init__(self, parent: QWidget, reading: ReadingPanes) -> None:
        super().__init__(parent)
        self.reading = reading
        self.panel = TablesPanel()
        self.panel.jumpRequested.connect(self._jump)
        self.panel.openLargeRequested.connect(self.open_large)
        self.panel.message.connect(self.message)
        self.windows: list[TableWindow] = []  # the tables opened large, still open
        self.act_large = self.action("open_table", self.panel.open_large, "Ctrl+Shift+T")
        reading.activeChanged.connect(self._active_changed)
        if reading.active is not None:  # built after a report was opened
            self._active_changed(reading.active)

    def docks(self) -> list[DockSpec]:
        return [DockSpec("tables", self.panel, Qt.DockWidgetArea.RightDockWidgetArea, lambda: self.tr("Tables"),
                         self.panel.list, "Ctrl+3", lambda: self.tr("Go to the tables"), tab_with="search")]

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("view", self.act_large)]

    def retranslate(self) -> None:
        self.act_large.setText(self.tr("Open the &table large"))
        self.panel.retranslate()
        for window in self.windows:
            window.retranslate()

    def open_large(self, table_id: str) -> "TableWindow | None":
        """Show the table in a window of its own, sized to it."""
        table = next((t for t in self.panel.tables if t.id == table_id), None)
        if table is None:
            return None
        from unidoreader.gui.table_window import TableWindow  # (imported when a table is first opened large)

        window = TableWindow(table, self.parent_widget)
        window.jumpRequested.connect(self._jump)
        window.message.connect(self.message)
        window.destroyed.connect(lambda _=None, w=window: self.windows.remove(w) if w in self.windows else None)
        self.windows.append(window)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def close(self) -> None:
        for window in list(self.windows):
            window.close()

    def _active_changed(self, pane: ReaderPane | None) -> None:
        self.panel.set_tables(pane.tables if pane else [])

    def _jump(self, table_id: str) -> None:
        if self.reading.active:
            self.reading.active.scroll_to_table(table_id)
