"""A table in a window of its own, sized to show it whole (as far as the screen allows):
its caption, every column, the totals check and the table's notes. The tables dock is
narrow; a delegate reading a table wants it large."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from unidoreader.core.model import Table
from unidoreader.gui.tables_panel import BAD, TableModel, clipboard_text, table_view

MIN_SIZE = QSize(560, 360)


class TableWindow(QWidget):
    """One table, large. `jumpRequested(table id)` asks the reader to show it in the text."""

    jumpRequested = Signal(str)
    message = Signal(str)

    def __init__(self, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.table = table
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.caption.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.caption.setFont(font)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.model = TableModel(self)
        self.view, self.proxy = table_view(self, self.model)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy)
        self.csv_button = QPushButton()
        self.csv_button.clicked.connect(self.export_csv)
        self.jump_button = QPushButton()
        self.jump_button.clicked.connect(lambda: self.jumpRequested.emit(self.table.id))
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.csv_button, self.jump_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.totals)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.retranslate()
        self.resize(self.fitting_size())

    def retranslate(self) -> None:
        table = self.table
        self.setWindowTitle(table.caption or self.tr("Table"))
        self.caption.setText(table.caption or self.tr("Table"))
        self.model.set_table(table, self.tr("Item"))
        self.view.resizeColumnsToContents()
        self.view.resizeRowsToContents()
        if table.totals_ok is False:
            self.totals.setText(self.tr("⚠ The totals of this table do not add up."))
            self.totals.setStyleSheet(f"color: {BAD.name()};")
        elif table.totals_ok:
            self.totals.setText(self.tr("✓ Totals check out."))
            self.totals.setStyleSheet("color: #26a269;")
        else:
            self.totals.setText(self.tr("This table has no totals to check."))
            self.totals.setStyleSheet("color: #5e5c64;")
        self.notes.setText("\n".join(table.notes))
        self.notes.setVisible(bool(table.notes))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the table (or the selected cells) for a spreadsheet"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.jump_button.setText(self.tr("Show in the text"))
        self.close_button.setText(self.tr("Close"))

    def fitting_size(self) -> QSize:
        """Wide and tall enough for every column and row, within 90% of the screen."""
        view = self.view
        width = view.horizontalHeader().length() + view.frameWidth() * 2 + view.verticalScrollBar().sizeHint().width()
        height = view.horizontalHeader().height() + view.verticalHeader().length() + view.frameWidth() * 2
        margins = self.layout().contentsMargins()
        others = self.caption.sizeHint().height() + self.totals.sizeHint().height() + self.copy_button.sizeHint().height()
        if self.table.notes:
            others += self.notes.sizeHint().height() + 24
        wanted = QSize(width + margins.left() + margins.right() + 8,
                       height + others + margins.top() + margins.bottom() + 4 * self.layout().spacing() + 8)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry().size()
            wanted = wanted.boundedTo(QSize(int(room.width() * 0.9), int(room.height() * 0.9)))
        return wanted.expandedTo(MIN_SIZE)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(clipboard_text(self.view, self.proxy))
        self.message.emit(self.tr("Table copied"))

    def export_csv(self) -> None:
        from unidoreader.core.export import write_tables_csv
        from unidoreader.gui import dialogs

        directory = dialogs.existing_directory(self, self.tr("Export the table as CSV into…"))
        if not directory:
            return
        try:
            written = write_tables_csv([self.table], Path(directory))
        except OSError as error:
            self.message.emit(self.tr("Cannot write the CSV file: %1").replace("%1", str(error)))
            return
        self.message.emit(self.tr("Saved %1").replace("%1", ", ".join(str(p) for p in written)))
