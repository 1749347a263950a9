"""Typesetting a briefing pack: the core's HTML (core.export) on Qt's document classes.

Every report's part is its own QTextDocument laid out on the page body, then drawn page
by page so that each page gets a running header (the report's title) and the footer
"第 N 页 / 共 M 页" (N and M count the whole pack). The same painter code serves the
PDF writer (`render_pdf`, also used headless by the CLI) and the system printer with its
preview (`print_dialog`). Text is set in the bundled CJK font, which the PDF embeds.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPagedPaintDevice,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from unidoreader.core.errors import InputError
from unidoreader.core.safeio import replacing
from unidoreader.core.export import (PrintPart, briefing_html, original_pages, page_footer, parse_original_anchor, running_context,
                                     running_title)
from unidoreader.gui.fonts import CJK_FAMILY, register_bundled_fonts

Progress = Callable[[int, int, str], None]

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A3": QPageSize.PageSizeId.A3,
    "A4": QPageSize.PageSizeId.A4,
    "A5": QPageSize.PageSizeId.A5,
    "B5": QPageSize.PageSizeId.B5,
    "LETTER": QPageSize.PageSizeId.Letter,
    "LEGAL": QPageSize.PageSizeId.Legal,
}
MAX_MARGIN_MM = 60.0
HEADER_MM = 8.0  # band above the body: header line, rule, gap
FOOTER_MM = 8.0  # band below the body: gap, footer line
BODY_POINT_SIZE = 10.5
PDF_DPI = 600
# Device pixels (1/20 in at 600 dpi, a fifth of a 10.5 pt line): a line whose top is this
# close to a page break belongs to the next page.
BOUNDARY_SLACK = 30.0

_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display),
    so that the CLI can typeset without a window system."""
    global _app
    app = QGuiApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if headless and not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = _app = QGuiApplication([sys.argv[0] if sys.argv else "unidoreader"])
    if not isinstance(app, QGuiApplication):
        raise RuntimeError("printing needs a QGuiApplication, not a bare QCoreApplication")
    return app


def _require_bundled_font() -> None:
    """Register the bundled font; without it Qt would fall back to a system CJK font,
    whose PDFs can extract 工 as ⼯, so say so rather than print quietly worse."""
    if CJK_FAMILY not in register_bundled_fonts():
        print(f"unidoreader: warning: the bundled font {CJK_FAMILY!r} is missing from resources/fonts; "
              "printing with a system font", file=sys.stderr)


def page_size_id(name: str) -> QPageSize.PageSizeId:
    """"A4", "letter"... -> Qt's page size; a one-line error for anything else."""
    try:
        return PAGE_SIZES[name.strip().upper()]
    except KeyError:
        raise InputError(f"unknown page size {name!r} (use {', '.join(k.title() if len(k) > 2 else k for k in PAGE_SIZES)})") from None


@dataclass(frozen=True)
class _Frame:
    """Where things go on a page, in device pixels."""

    page: QRectF
    body: QRectF
    header: QRectF
    footer: QRectF


def _frame(device: QPagedPaintDevice, margins_mm: tuple[float, float, float, float]) -> _Frame:
    resolution = device.resolution()
    mm = resolution / 25.4
    page = QRectF(device.pageLayout().fullRectPixels(resolution))
    left, top, right, bottom = (m * mm for m in margins_mm)
    inner = page.adjusted(left, top, -right, -bottom)
    body = inner.adjusted(0, HEADER_MM * mm, 0, -FOOTER_MM * mm)
    if body.width() < 40 * mm or body.height() < 40 * mm:
        raise InputError("the margins leave no room for the text on this page size")
    header = QRectF(inner.left(), inner.top(), inner.width(), (HEADER_MM - 2.5) * mm)
    footer = QRectF(inner.left(), inner.bottom() - (FOOTER_MM - 3) * mm, inner.width(), (FOOTER_MM - 3) * mm)
    return _Frame(page, body, header, footer)


@dataclass(frozen=True)
class Printable:
    """One document of a print job: core HTML and its running header (left, right).
    `cite(first, last)` gives the citation of the original's pages of what a page shows
    (PDF-imported reports: core.export.original_pages), None where there are none."""

    html: str
    title: str
    context: str
    cite: Callable[[int, int], str] | None = None
    language: str | None = None  # of its page footers (core.export.page_footer)


def _printables(parts: Sequence[PrintPart]) -> list[Printable]:
    """The parts of a briefing pack as printables (raises InputError for unknown sections)."""
    out = []
    for part in parts:
        report = part.report
        cite = (lambda first, last, report=report: original_pages(report, first, last)) if any(b.pages for b in report.blocks) else None
        out.append(Printable(briefing_html([part]), running_title(report), running_context(report), cite,
                             report.metadata.language))
    return out


def original_pages_by_page(document: QTextDocument, page_height: float) -> dict[int, tuple[int, int]]:
    """For each page of a laid-out document (0-based), the first and last page of the
    original that its text comes from: the blocks whose anchors (core.export.original_anchor)
    start on the page, and the block it begins inside of."""
    layout = document.documentLayout()
    marks: list[tuple[float, int, int]] = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            for name in fragments.fragment().charFormat().anchorNames():
                pages = parse_original_anchor(name)
                if pages:
                    marks.append((layout.blockBoundingRect(block).top(), *pages))
            fragments += 1
        block = block.next()
    marks.sort()
    out: dict[int, tuple[int, int]] = {}
    current: tuple[int, int] | None = None  # the marked block in progress where a page begins
    k = 0
    for index in range(document.pageCount()):
        # a line whose top is within BOUNDARY_SLACK above a page break is on the next page (_paint)
        start, end = index * page_height - BOUNDARY_SLACK, (index + 1) * page_height - BOUNDARY_SLACK
        spans: list[tuple[int, int]] = []
        if current is not None and not (k < len(marks) and marks[k][0] <= start + 2 * BOUNDARY_SLACK):
            spans.append(current)
        while k < len(marks) and marks[k][0] < end:
            current = (marks[k][1], marks[k][2])
            spans.append(current)
            k += 1
        if spans:
            out[index] = (min(s[0] for s in spans), max(s[1] for s in spans))
    return out


def _documents(printables: Sequence[Printable], device: QPagedPaintDevice, body: QRectF) -> list[QTextDocument]:
    """One laid-out document per printable (the HTML comes from the core)."""
    html = [p.html for p in printables]
    documents: list[QTextDocument] = []
    font = QFont(CJK_FAMILY)
    font.setPointSizeF(BODY_POINT_SIZE)
    for text in html:
        document = QTextDocument()
        document.documentLayout().setPaintDevice(device)
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        document.setHtml(text)
        _scale_lengths(document, device.logicalDpiX() / 96)
        document.setPageSize(QSizeF(body.width(), body.height()))
        _keep_with_next(document, body.height())
        _split_blocks_at_page_breaks(document, body.height())
        documents.append(document)
    return documents


def _scale_lengths(document: QTextDocument, factor: float) -> None:
    """Qt's layout scales vertical margins, borders and padding from CSS pixels (1/96 in)
    to its paint device, but takes a block's left/right margin and text-indent as raw
    device pixels: on the 600 dpi PDF a hanging indent would shrink to a sixth. Scale
    those the same way, so the page looks as the stylesheet says."""
    if abs(factor - 1) < 1e-3:
        return
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.leftMargin() or fmt.rightMargin() or fmt.textIndent():
            fmt.setLeftMargin(fmt.leftMargin() * factor)
            fmt.setRightMargin(fmt.rightMargin() * factor)
            fmt.setTextIndent(fmt.textIndent() * factor)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        block = block.next()


KEEP_LINES = 2  # a heading keeps this many lines of what follows on its page


def _page(y: float, page_height: float) -> int:
    return int(y // page_height)


def _is_caption_of(block, following) -> object | None:  # noqa: ANN001 - QTextBlock
    """The table right after `block` if `block` is its caption (a real table: more than
    one cell; the footnotes' short rule is a one-cell table)."""
    table = QTextCursor(following).currentTable()
    if table is None or QTextCursor(block).currentTable() is not None:
        return None
    return table if table.rows() * table.columns() > 1 else None


def _keep_with_next(document: QTextDocument, page_height: float) -> None:
    """No heading at the foot of a page without the first lines after it, no caption on
    one page and its table on the next: such a block (with the headings just above it)
    starts the next page instead. Qt's layout has no keep-with-next of its own."""
    layout = document.documentLayout()
    layout.documentSize()
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        following = block.next()
        if not following.isValid():
            break
        heading = block.blockFormat().headingLevel() > 0 and QTextCursor(block).currentTable() is None
        table = _is_caption_of(block, following)
        if heading or table is not None:
            top = layout.blockBoundingRect(block).top()
            if table is not None:  # the caption goes with the table's first row
                first = table.cellAt(0, 0).firstCursorPosition().block()
                rows = min(2, table.rows())
                last = table.cellAt(rows - 1, 0).firstCursorPosition().block()
                end = layout.blockBoundingRect(last).bottom() if rows > 1 else layout.blockBoundingRect(first).bottom()
            else:
                lines = following.layout()
                count = min(KEEP_LINES, lines.lineCount())
                rect = layout.blockBoundingRect(following)
                end = rect.top() + (lines.lineAt(count - 1).y() + lines.lineAt(count - 1).height() if count else rect.height())
            if _page(top + BOUNDARY_SLACK, page_height) != _page(end - BOUNDARY_SLACK, page_height):
                start = block
                while True:  # take the headings just above along (a chapter heading with its section's)
                    previous = start.previous()
                    if not previous.isValid() or previous.blockFormat().headingLevel() <= 0:
                        break
                    if _page(layout.blockBoundingRect(previous).top() + BOUNDARY_SLACK, page_height) != _page(top + BOUNDARY_SLACK, page_height):
                        break
                    start = previous
                start_top = layout.blockBoundingRect(start).top()
                if start_top - _page(start_top + BOUNDARY_SLACK, page_height) * page_height > BOUNDARY_SLACK:  # not at a page top already
                    fmt = start.blockFormat()
                    fmt.setPageBreakPolicy(fmt.pageBreakPolicy() | QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    cursor.setPosition(start.position())
                    cursor.setBlockFormat(fmt)
                    layout.documentSize()
        block = following


def _split_blocks_at_page_breaks(document: QTextDocument, page_height: float) -> None:
    """Cut every paragraph that runs over a page break into two blocks at that break.

    Qt draws a page by drawing every block that touches it with the page as clip, and
    QTextLayout also draws the last line above the clip: invisible on paper, but the PDF
    then holds that line twice and pdftotext, search and copy see it twice. A block that
    ends at the foot of the page and one that starts at the top of the next lay out
    exactly as before, with no line drawn outside its own page."""
    layout = document.documentLayout()
    layout.documentSize()  # lay the whole document out (Qt does it lazily)
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        lines = block.layout().lineCount()
        top = layout.blockBoundingRect(block).top()
        if lines and QTextCursor(block).currentTable() is None:
            # Qt does not paginate the block right after a table: its first line can sit
            # across the page break, cut in half on both pages. Start it on the next page.
            first = block.layout().lineAt(0)
            line_top = top + first.y()
            if int((line_top + BOUNDARY_SLACK) // page_height) != int((line_top + first.height() - BOUNDARY_SLACK) // page_height):
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
                top = layout.blockBoundingRect(block).top()
        if lines > 1:  # (table cells too: Qt cuts a row across pages where it must)
            first_page = int((top + block.layout().lineAt(0).y() + BOUNDARY_SLACK) // page_height)
            cut = next(
                (i for i in range(1, lines)
                 if int((top + block.layout().lineAt(i).y() + BOUNDARY_SLACK) // page_height) != first_page),
                None,
            )
            if cut is not None:
                head = block.blockFormat()
                tail = block.blockFormat()
                head.setBottomMargin(0)
                tail.setTopMargin(0)
                tail.setTextIndent(0)
                position = block.position() + block.layout().lineAt(cut).textStart()
                if document.characterAt(position - 1) == "\u2028":  # a <br> ends the head: drop it,
                    position -= 1  # or the head would keep an empty line on the next page
                    cursor.setPosition(position)
                    cursor.deleteChar()
                cursor.setPosition(position)
                cursor.insertBlock(tail)
                cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
                cursor.setBlockFormat(head)
                block = cursor.block()  # the head; its tail is checked next
        block = block.next()


def _paint(painter: QPainter, device: QPagedPaintDevice, parts: Sequence[PrintPart] | Sequence[Printable],
           margins_mm: tuple[float, float, float, float], progress: Progress | None) -> int:
    """Lay out and draw every page; returns the number of pages."""
    frame = _frame(device, margins_mm)
    printables = [p if isinstance(p, Printable) else _printables([p])[0] for p in parts]
    documents = _documents(printables, device, frame.body)
    total = sum(document.pageCount() for document in documents)
    small = QFont(CJK_FAMILY)
    small.setPointSizeF(8.0)
    metrics = QFontMetricsF(small, device)
    rule = QPen(QColor("#777777"))
    rule.setWidthF(device.resolution() / 254)  # 0.1 mm
    page_no = 0
    for printable, document in zip(printables, documents):
        title = printable.title
        height = frame.body.height()
        cited = original_pages_by_page(document, height) if printable.cite else {}
        for index in range(document.pageCount()):
            context = printable.context
            if printable.cite and index in cited:  # the original's page(s) of what this page shows
                citation = printable.cite(*cited[index])
                context = f"{context}　{citation}" if context else citation
            if page_no:
                device.newPage()
            page_no += 1
            painter.save()
            painter.translate(frame.body.left(), frame.body.top() - index * height)
            # Qt draws every line that touches the paint context's clip, and text clipped
            # away by the painter still sits in the PDF (pdftotext reads it). Pagination puts
            # a page's first line up to a few pixels above the page break, so lines are
            # picked with a rect kept BOUNDARY_SLACK inside the page, while the painter's
            # clip lets that first line show whole.
            band = QRectF(0, index * height, frame.body.width(), height)
            painter.setClipRect(band.adjusted(0, -BOUNDARY_SLACK, 0, 0))
            paint_context = QAbstractTextDocumentLayout.PaintContext()
            paint_context.clip = band.adjusted(0, BOUNDARY_SLACK, 0, -BOUNDARY_SLACK)
            paint_context.palette.setColor(QPalette.ColorRole.Text, QColor("black"))
            document.documentLayout().draw(painter, paint_context)
            painter.restore()

            painter.save()
            painter.setFont(small)
            painter.setPen(QColor("#444444"))
            right_width = metrics.horizontalAdvance(context) + metrics.horizontalAdvance("　") if context else 0
            shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, frame.header.width() - right_width)
            align = Qt.AlignmentFlag.AlignBottom
            painter.drawText(frame.header, align | Qt.AlignmentFlag.AlignLeft, shown)
            if context:
                painter.drawText(frame.header, align | Qt.AlignmentFlag.AlignRight, context)
            painter.setPen(rule)
            y = frame.header.bottom() + device.resolution() / 25.4
            painter.drawLine(frame.header.left(), y, frame.header.right(), y)
            painter.setPen(QColor("#444444"))
            painter.drawText(frame.footer, Qt.AlignmentFlag.AlignCenter, page_footer(printable.language, page_no, total))
            painter.restore()
            if progress:
                progress(page_no, total, title)
    return total


def render_pdf(parts: Sequence[PrintPart], output: Path, page_size: str = "A4",
               margins_mm: float = 20, progress: Progress | None = None, forbidden: Path | None = None) -> int:
    """Write the briefing pack as a PDF with the bundled font embedded; returns the page
    count. Works headless. The file appears only when complete (written aside under a
    unique name, then renamed: core.safeio, which also refuses devices, FIFOs, symbolic
    links and, with `forbidden`, the library folder)."""
    if not parts:
        raise InputError("nothing to print: no sections selected")
    size = page_size_id(page_size)
    if not 0 <= margins_mm <= MAX_MARGIN_MM:
        raise InputError(f"margins must be between 0 and {MAX_MARGIN_MM:g} mm, not {margins_mm:g}")
    printables = _printables(parts)  # validates every section before touching the disk
    return render_printables_pdf(printables, output, page_size, margins_mm, progress, forbidden)


def render_printables_pdf(printables: Sequence[Printable], output: Path, page_size: str = "A4",
                          margins_mm: float = 20, progress: Progress | None = None, forbidden: Path | None = None) -> int:
    """Any core HTML (a briefing pack, a change summary) as a PDF, each printable on its
    own pages with its running header and the pack's page numbers; returns the page count.
    Written as `render_pdf` writes (core.safeio: never over a device, a FIFO, a link, or
    into `forbidden`)."""
    if not printables:
        raise InputError("nothing to print")
    size = page_size_id(page_size)
    if not 0 <= margins_mm <= MAX_MARGIN_MM:
        raise InputError(f"margins must be between 0 and {MAX_MARGIN_MM:g} mm, not {margins_mm:g}")
    ensure_gui_app()
    _require_bundled_font()
    output = Path(output)
    if output.is_dir():
        raise InputError(f"{output}: is a folder, not a file name")
    if not output.parent.exists():
        raise InputError(f"{output.parent}: no such folder")
    with replacing(output, forbidden=forbidden, what="the PDF") as partial:
        writer = QPdfWriter(str(partial))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(QPageLayout(QPageSize(size), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
        writer.setTitle(" / ".join(p.title for p in printables))
        writer.setCreator("unidoreader")
        painter = QPainter()
        if not painter.begin(writer):
            raise InputError(f"{output}: cannot write the PDF there")
        try:
            pages = _paint(painter, writer, printables, (margins_mm,) * 4, progress)
        finally:
            painter.end()
        del writer
        if partial.stat().st_size == 0:  # Qt reports no write error: an empty file is one
            raise InputError(f"{output}: cannot write the PDF there")
    return pages


def print_dialog(parent, parts: Sequence[PrintPart], page_size: str = "A4") -> bool:  # noqa: ANN001 - any QWidget
    """The system print dialog with a preview of the pack; True if it was printed.
    Page size and margins come from the dialog's page setup (`page_size`, 20 mm by default)."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QMessageBox

    if not parts:
        raise InputError("nothing to print: no sections selected")
    for part in parts:
        briefing_html([part])
    _require_bundled_font()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(page_size_id(page_size)), QPageLayout.Orientation.Portrait,
                                      QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter))
    printer.setDocName(" / ".join(running_title(p.report) for p in parts))

    def paint(target: QPrinter) -> None:
        # The painter's origin is the corner of the printable area (inside the margins).
        # _paint lays the page out from the paper's corner, so the painter is moved back
        # by the margins. (Switching the printer to full-page mode instead would print
        # right, but the preview places its pictures at the margins it read before the
        # paint and showed every page shifted by one margin, its edges cut off.)
        layout = target.pageLayout()
        margins = layout.margins(QPageLayout.Unit.Millimeter)
        wanted = (margins.left(), margins.top(), margins.right(), margins.bottom())
        painter = QPainter()
        if not painter.begin(target):
            return
        try:
            if not target.fullPage():
                origin = layout.paintRectPixels(target.resolution()).topLeft()
                painter.translate(-origin.x(), -origin.y())
            _paint(painter, target, parts, wanted, None)
        except InputError as error:
            QMessageBox.warning(parent, "unidoreader", str(error))
        finally:
            painter.end()

    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle(printer.docName())
    preview.paintRequested.connect(paint)
    return bool(preview.exec())
