"""The widgets of references (issue 16): the references pane (which documents cite the
active one, what it cites, the resolutions and decisions cited across the library) and
the card shown for a reference to a document that is not in the library.

Plain widgets over plain data: the feature (gui/features/references.py) computes what
they show on the lane and tells them what to do when an item is activated.
"""

from __future__ import annotations

from dataclasses import dataclass
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Place:
    """Where an item of the pane leads: a document (and block), or a card for a symbol."""

    doc: str | None
    block: str | None = None
    symbol: str | None = None  # set when the document is not in the library
    kind: str = "symbol"
    mark: bool = True  # mark the block (a named paragraph), or just show it (a document's start)


class ReferencesPanel(QWidget):
    """Three groups in one tree: cited by, cites, the library's resolutions and decisions."""

    placeActivated = Signal(object)  # Place
    setSymbolRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.symbol_button = QPushButton()
        self.symbol_button.clicked.connect(self.setSymbolRequested)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.heading, 1)
        top.addWidget(self.symbol_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.cited_by = QTreeWidgetItem(self.tree)
        self.cites = QTreeWidgetItem(self.tree)
        self.library_list = QTreeWidgetItem(self.tree)
        for group in (self.cited_by, self.cites, self.library_list):
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
        self._symbol: str | None = None
        self._doc_title = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.symbol_button.setText(self.tr("Set symbol…"))
        self.symbol_button.setToolTip(self.tr("Give the active document its symbol (kept in the library)"))
        self._titles()

    def _titles(self) -> None:
        self.cited_by.setText(0, self.tr("Cited by (%1)").replace("%1", str(self.cited_by.childCount())))
        self.cites.setText(0, self.tr("Cites (%1)").replace("%1", str(self.cites.childCount())))
        self.library_list.setText(0, self.tr("Resolutions and decisions in the library (%1)").replace("%1", str(self.library_list.childCount())))
        if self._doc_title:
            symbol = self._symbol or self.tr("no symbol")
            self.heading.setText(f"{self._doc_title}\n{symbol}")
        else:
            self.heading.setText(self.tr("Open a report to see its references."))

    # -- filling --------------------------------------------------------------------------------

    def set_document(self, title: str, symbol: str | None, cited_by: list[tuple[str, list[tuple[str, Place]]]], cites: list[tuple[str, Place]]) -> None:
        """`cited_by`: (citing document title, [(where, place)]); `cites`: (text, place)."""
        self._doc_title, self._symbol = title, symbol
        _clear(self.cited_by)
        _clear(self.cites)
        for doc_title, places in cited_by:
            parent = QTreeWidgetItem(self.cited_by, [doc_title])
            if places:
                parent.setData(0, ROLE, places[0][1])
            for text, place in places:
                QTreeWidgetItem(parent, [text]).setData(0, ROLE, place)
            parent.setExpanded(True)
        for text, place in cites:
            QTreeWidgetItem(self.cites, [text]).setData(0, ROLE, place)
        self.cited_by.setExpanded(True)
        self.cites.setExpanded(True)
        self._titles()

    def clear_document(self) -> None:
        self.set_document("", None, [], [])

    def set_library(self, rows: list[tuple[str, list[tuple[str, Place]]]]) -> None:
        """`rows`: (resolution or decision with its counts, [(citing place text, place)])."""
        _clear(self.library_list)
        for text, places in rows:
            item = QTreeWidgetItem(self.library_list, [text])
            for where, place in places:
                QTreeWidgetItem(item, [where]).setData(0, ROLE, place)
        self._titles()

    def group_texts(self, group: QTreeWidgetItem) -> list[str]:
        """The texts of a group's items (tests, and the screenshot check)."""
        return [group.child(i).text(0) for i in range(group.childCount())]

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        place = item.data(0, ROLE)
        if isinstance(place, Place):
            self.placeActivated.emit(place)


def _clear(group: QTreeWidgetItem) -> None:
    for child in group.takeChildren():
        del child


class ReferenceCard(QDialog):
    """A reference to a document the library does not have: its symbol (selectable and
    copyable) and "not in your library"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referenceCard")
        self.setWindowFlag(Qt.WindowType.Tool)
        self.kind_label = QLabel()
        self.kind_label.setTextFormat(Qt.TextFormat.PlainText)
        self.symbol_field = QLineEdit()
        self.symbol_field.setReadOnly(True)
        font = self.symbol_field.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.symbol_field.setFont(font)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #a51d2d;")
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.symbol_field)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reference"))
        self.copy_button.setText(self.tr("Copy symbol"))
        self.close_button.setText(self.tr("Close"))

    def show_symbol(self, kind: str, symbol: str, status: str) -> None:
        self.kind_label.setText(kind)
        self.symbol_field.setText(symbol)
        self.symbol_field.selectAll()
        self.status.setText(status)
        self.adjustSize()
        self.show()
        self.raise_()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.symbol_field.text())


def kind_name(kind: str) -> str:
    """The reference kind in the interface language."""
    names = {
        "symbol": QCoreApplication.translate("References", "Document"),
        "resolution": QCoreApplication.translate("References", "Resolution"),
        "decision": QCoreApplication.translate("References", "Decision"),
        "conclusion": QCoreApplication.translate("References", "Conclusion"),
        "paragraph": QCoreApplication.translate("References", "Paragraph"),
        "chapter": QCoreApplication.translate("References", "Chapter"),
        "section": QCoreApplication.translate("References", "Section"),
        "annex": QCoreApplication.translate("References", "Annex"),
        "appendix": QCoreApplication.translate("References", "Appendix"),
        "table": QCoreApplication.translate("References", "Table"),
        "figure": QCoreApplication.translate("References", "Figure"),
    }
    return names.get(kind, kind)
