"""The tables panel: the active report's recovered tables, one shown in a sortable view,
with copy, CSV export and a jump to the table's place in the text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from unidoreader.core.model import Table

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TABLE_ROLE = Qt.ItemDataRole.UserRole + 2
BAD = QColor("#c01c28")


def table_columns(table: Table) -> list[str]:
    width = max([len(table.header), *(len(r) for r in table.rows)] or [0])
    header = list(table.header)
    if len(header) < width:
        header = [""] * (width - len(header)) + header
    return header


class TableModel(QStandardItemModel):
    """A Table as rows of items; figures sort by value, labels by text."""

    def set_table(self, table: Table | None, label_header: str) -> None:
        self.clear()
        if table is None:
            return
        header = table_columns(table)
        if header and not header[0]:
            header[0] = label_header
        self.setHorizontalHeaderLabels(header)
        for row in table.rows:
            items = []
            for column, cell in enumerate(row):
                item = QStandardItem(cell.text + (cell.mark if cell.mark and not cell.text.endswith(cell.mark) else ""))
                item.setEditable(False)
                item.setData(cell.value if cell.value is not None else (float("-inf") if column else cell.text), SORT_ROLE)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                items.append(item)
            self.appendRow(items)


def clipboard_text(view: QTableView, proxy: QSortFilterProxyModel) -> str:
    """The selected cells, or the whole table with its header, as tab-separated lines
    (what a spreadsheet pastes), in the order the view shows them."""
    indexes = view.selectionModel().selectedIndexes()
    if len(indexes) > 1:
        rows: dict[int, dict[int, str]] = {}
        for index in indexes:
            rows.setdefault(index.row(), {})[index.column()] = index.data() or ""
        columns = sorted({c for r in rows.values() for c in r})
        lines = ["\t".join(rows[r].get(c, "") for c in columns) for r in sorted(rows)]
    else:
        header = [proxy.headerData(c, Qt.Orientation.Horizontal) or "" for c in range(proxy.columnCount())]
        body = [[proxy.index(r, c).data() or "" for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]
        lines = ["\t".join(header)] + ["\t".join(row) for row in body]
    return "\n".join(lines)


def table_view(parent: QWidget, model: QStandardItemModel) -> tuple[QTableView, QSortFilterProxyModel]:
    """A sortable view of a TableModel (figures sort by value)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(False)
    return view, proxy


class TablesPanel(QWidget):
    jumpRequested = Signal(str)  # table id
    openLargeRequested = Signal(str)  # table id: show it in a window of its own
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tables: list[Table] = []
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._selected)
        self.list.itemActivated.connect(lambda _item: self.jump())
        self.model = TableModel(self)
        self.view, self.proxy = table_view(self, self.model)
        self.view.doubleClicked.connect(lambda _index: self.open_large())
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.copy_button = QToolButton()
        self.copy_button.clicked.connect(self.copy)
        self.csv_button = QToolButton()
        self.csv_button.clicked.connect(self.export_csv)
        self.jump_button = QToolButton()
        self.jump_button.clicked.connect(self.jump)
        self.large_button = QToolButton()
        self.large_button.clicked.connect(self.open_large)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.copy_button, self.csv_button, self.jump_button):
            button.setAutoRaise(True)
            buttons.addWidget(button)
        buttons.addStretch(1)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()  # the caption, and beside it the button that opens the table large
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.caption, 1)
        heading.addWidget(self.large_button, 0, Qt.AlignmentFlag.AlignTop)
        self.large_button.setAutoRaise(True)
        dl.addLayout(heading)
        dl.addWidget(self.view, 1)
        dl.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the table (or the selected cells) for a spreadsheet"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.jump_button.setText(self.tr("Go to"))
        self.jump_button.setToolTip(self.tr("Show this table in the text"))
        self.large_button.setText(self.tr("Open large"))
        self.large_button.setToolTip(self.tr("Show the table in a window of its own, as large as it needs (or double-click the table)"))
        self.empty.setText(self.tr("This report has no tables.") if not self.tables else "")
        self.empty.setVisible(not self.tables)
        self.set_tables(self.tables, keep=True)

    def set_tables(self, tables: list[Table], keep: bool = False) -> None:
        current = self.list.currentRow() if keep else 0
        self.tables = list(tables)
        self.list.blockSignals(True)
        self.list.clear()
        for table in self.tables:
            item = QListWidgetItem(table.caption or self.tr("Table"))
            item.setData(TABLE_ROLE, table.id)
            if table.totals_ok is False:
                item.setText("⚠ " + item.text())
                item.setForeground(QBrush(BAD, Qt.BrushStyle.SolidPattern))
                item.setToolTip(self.tr("The totals of this table do not add up"))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty.setText(self.tr("This report has no tables.") if not self.tables else "")
        self.empty.setVisible(not self.tables)
        if self.tables:
            self.list.setCurrentRow(min(max(current, 0), len(self.tables) - 1))
            self._selected(self.list.currentRow())
        else:
            self._selected(-1)

    def current_table(self) -> Table | None:
        row = self.list.currentRow()
        return self.tables[row] if 0 <= row < len(self.tables) else None

    def _selected(self, row: int) -> None:
        table = self.tables[row] if 0 <= row < len(self.tables) else None
        self.model.set_table(table, self.tr("Item"))
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.resizeColumnsToContents()
        text = ""
        if table is not None:
            text = table.caption
            if table.totals_ok is False:
                text += "\n" + self.tr("⚠ The totals of this table do not add up.")
            elif table.totals_ok:
                text += "\n" + self.tr("✓ Totals check out.")
        self.caption.setText(text)
        for button in (self.copy_button, self.csv_button, self.jump_button, self.large_button):
            button.setEnabled(table is not None)

    def visible_rows(self) -> list[list[str]]:
        """The cells as the view shows them (sorted as the user sorted)."""
        return [
            [self.proxy.index(r, c).data() or "" for c in range(self.proxy.columnCount())]
            for r in range(self.proxy.rowCount())
        ]

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(clipboard_text(self.view, self.proxy))
        self.message.emit(self.tr("Table copied"))

    def export_csv(self) -> None:
        table = self.current_table()
        if table is None:
            return
        from unidoreader.gui import dialogs

        directory = dialogs.existing_directory(self, self.tr("Export the table as CSV into…"))
        if not directory:
            return
        from unidoreader.core.export import write_tables_csv

        try:
            written = write_tables_csv([table], Path(directory))
        except OSError as error:
            self.message.emit(self.tr("Cannot write the CSV file: %1").replace("%1", str(error)))
            return
        self.message.emit(self.tr("Saved %1").replace("%1", ", ".join(str(p) for p in written)))

    def jump(self) -> None:
        table = self.current_table()
        if table is not None:
            self.jumpRequested.emit(table.id)

    def open_large(self) -> None:
        table = self.current_table()
        if table is not None:
            self.openLargeRequested.emit(table.id)
