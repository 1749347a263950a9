"""Printing the sections ticked in the outline (across reports): the print dialog with
its preview, and export as PDF (gui/printing.py lays the pages out)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from unidoreader.core.errors import UnidoreaderError
from unidoreader.gui.features import Feature, MenuItem
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.outline import OutlinePane
from unidoreader.gui.errors import describe


class PrintFeature(Feature):
    """The print and PDF commands (menu, shortcuts and the outline's buttons)."""

    def __init__(self, parent: QWidget, reading: ReadingPanes, outline: OutlinePane) -> None:
        super().__init__(parent)
        self.reading = reading
        self.outline = outline
        outline.printRequested.connect(self.print_checked)
        outline.exportPdfRequested.connect(self.export_pdf)
        self.page_size = "A4"  # the default page size (Preferences); the print dialog can change it
        self.act_print = self.action("print", self.print_checked, QKeySequence(QKeySequence.StandardKey.Print))
        self.act_pdf = self.action("export_pdf", self.export_pdf, "Ctrl+Shift+E")

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("file", self.act_print), MenuItem("file", self.act_pdf)]

    def retranslate(self) -> None:
        self.act_print.setText(self.tr("&Print checked sections…"))
        self.act_pdf.setText(self.tr("&Export checked sections as PDF…"))

    def set_page_size(self, name: str) -> None:
        self.page_size = name

    def print_parts(self) -> list[Any]:
        """PrintPart per report with checked sections: open panes' reports first, in pane order."""
        from unidoreader.core.export import PrintPart

        order = self.reading.open_reports()
        by_doc: dict[str, list[str]] = {}
        for doc_id, section_id in self.outline.checked_sections(order):
            by_doc.setdefault(doc_id, []).append(section_id)
        return [PrintPart(report=r, section_ids=tuple(by_doc[r.id])) for r in order if r.id in by_doc]

    def checked_sections(self) -> list[tuple[str, str]]:
        return [(part.report.id, s) for part in self.print_parts() for s in part.section_ids]

    def _parts_or_warn(self) -> list[Any] | None:
        parts = self.print_parts()
        if not parts:
            self.inform(self.tr("Printing"), self.tr("Check the sections to print in the outline first."))
            return None
        return parts

    def print_checked(self) -> None:
        parts = self._parts_or_warn()
        if parts:
            from unidoreader.gui import printing

            printing.print_dialog(self.parent_widget, parts, self.page_size)

    def export_pdf(self, output: Path | None = None) -> Path | None:
        parts = self._parts_or_warn()
        if not parts:
            return None
        if not isinstance(output, Path):  # a button's `checked` argument is no file name
            from unidoreader.gui import dialogs  # (Qt's file dialog classes: loaded when first asked for)

            name = dialogs.save_file_name(self.parent_widget, self.tr("Export PDF"), str(Path.home() / "briefing.pdf"), self.tr("PDF files (*.pdf)"))
            if not name:
                return None
            output = Path(name)
        from unidoreader.gui import printing

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = printing.render_pdf(parts, output, page_size=self.page_size)
        except (UnidoreaderError, OSError) as error:
            self.warn(self.tr("Export PDF"), describe(error))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.message.emit(self.tr("Saved %1 (%2 pages)").replace("%1", str(output)).replace("%2", str(pages)))
        return output
