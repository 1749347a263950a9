"""The outline pane: the section tree of the active report, checkable for printing.

Checks are kept per report (by document id), so sections can be checked across several
open reports: switching panes shows another tree but keeps every report's checks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QTreeWidget, QTreeWidgetItem, QTreeWidgetItemIterator, QVBoxLayout, QWidget

from unidoreader.core.model import Report, Section

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1


def section_text(section: Section) -> str:
    return f"{section.label}. {section.title}" if section.label else section.title


class OutlinePane(QWidget):
    sectionActivated = Signal(str, str)  # doc id, section id
    checksChanged = Signal()
    saveSelectionRequested = Signal()
    openSelectionRequested = Signal()
    printRequested = Signal()
    exportPdfRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.checked: dict[str, set[str]] = {}
        self._filling = False
        self._ticked: QTreeWidgetItem | None = None
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.itemChanged.connect(self._changed)
        self.save_button = QToolButton()
        self.save_button.clicked.connect(self.saveSelectionRequested)
        self.open_button = QToolButton()
        self.open_button.clicked.connect(self.openSelectionRequested)
        self.clear_button = QToolButton()
        self.clear_button.clicked.connect(self.clear_checks)
        self.print_button = QToolButton()
        self.print_button.clicked.connect(self.printRequested)
        self.pdf_button = QToolButton()
        self.pdf_button.clicked.connect(self.exportPdfRequested)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 2, 4, 2)
        buttons.setSpacing(2)
        for button in (self.save_button, self.open_button, self.clear_button):
            button.setAutoRaise(True)
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.print_button, self.pdf_button):
            button.setAutoRaise(True)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save the checked sections as a named selection"))
        self.open_button.setText(self.tr("Open…"))
        self.open_button.setToolTip(self.tr("Check the sections of a saved selection"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Uncheck every section of every report"))
        self.print_button.setText(self.tr("Print…"))
        self.pdf_button.setText(self.tr("PDF…"))
        self.pdf_button.setToolTip(self.tr("Export the checked sections as PDF"))

    # -- the tree ------------------------------------------------------------------------

    def set_report(self, report: Report | None) -> None:
        self._filling = True
        try:
            self.report = report
            self.tree.clear()
            if report is None:
                return
            checked = self.checked.get(report.id, set())

            def add(parent: QTreeWidget | QTreeWidgetItem, section: Section, inherited: bool = False) -> None:
                on = inherited or section.id in checked
                item = QTreeWidgetItem(parent, [section_text(section)])
                item.setData(0, SECTION_ROLE, section.id)
                item.setToolTip(0, section_text(section))
                flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                if section.children:
                    flags |= Qt.ItemFlag.ItemIsAutoTristate
                item.setFlags(flags)
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                for child in section.children:
                    add(item, child, on)

            for section in report.sections:
                add(self.tree, section)
            self.tree.expandAll()
        finally:
            self._filling = False

    def items(self) -> list[QTreeWidgetItem]:
        result = []
        iterator = QTreeWidgetItemIterator(self.tree)
        while iterator.value():
            result.append(iterator.value())
            iterator += 1
        return result

    def item_for(self, section_id: str) -> QTreeWidgetItem | None:
        return next((i for i in self.items() if i.data(0, SECTION_ROLE) == section_id), None)

    def set_current_section(self, section_id: str | None) -> None:
        """Follow the reader: select the section being read, without scrolling the reader."""
        item = self.item_for(section_id) if section_id else None
        if item is None or item is self.tree.currentItem():
            return
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self.tree.scrollToItem(item)

    def current_section(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, SECTION_ROLE) if item else None

    def _clicked(self, item: QTreeWidgetItem, column: int = 0) -> None:
        if item is self._ticked:  # the click was on its check box: tick, do not jump
            self._ticked = None
            return
        if self.report is not None:
            self.sectionActivated.emit(self.report.id, item.data(0, SECTION_ROLE))

    # -- checks ----------------------------------------------------------------------------

    def _changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or self.report is None:
            return
        # Qt reports a click on the box as a change, then as a click on the item
        self._ticked = item
        QTimer.singleShot(0, self._forget_tick)
        self.checked[self.report.id] = {
            i.data(0, SECTION_ROLE) for i in self.items() if i.checkState(0) == Qt.CheckState.Checked
        }
        self.checksChanged.emit()

    def _forget_tick(self) -> None:
        self._ticked = None

    def set_checked(self, doc_id: str, section_ids: set[str]) -> None:
        self.checked[doc_id] = set(section_ids)
        if self.report is not None and self.report.id == doc_id:
            self.set_report(self.report)
        self.checksChanged.emit()

    def clear_checks(self) -> None:
        self.checked.clear()
        if self.report is not None:
            self.set_report(self.report)
        self.checksChanged.emit()

    def checked_sections(self, reports: list[Report]) -> list[tuple[str, str]]:
        """(doc id, section id) pairs, reports in the order given, sections in reading
        order; a checked chapter stands for its sections (they are not listed again)."""
        result: list[tuple[str, str]] = []
        for report in reports:
            checked = self.checked.get(report.id, set())
            if not checked:
                continue

            def visit(section: Section) -> None:
                if section.id in checked:
                    result.append((report.id, section.id))
                    return
                for child in section.children:
                    visit(child)

            for section in report.sections:
                visit(section)
        return result

    def check_item(self, section_id: str, checked: bool = True) -> None:
        """Check a section as a click on its box would."""
        item = self.item_for(section_id)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
