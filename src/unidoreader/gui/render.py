"""A Report typeset into a QTextDocument, plus the map from blocks to positions.

The document is built with QTextCursor.insertText, never from HTML: report text is
untrusted, and plain-text insertion shows `<script>` or `&amp;` literally by
construction. Links exist only where this module makes them (footnote references
and URLs found in the text); the reader opens them on click only.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTableFormat,
)

from unidoreader.core.export import item_label
from unidoreader.core.model import Block, BlockKind, Report, Table

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
URL_RE = re.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#@!$&'*+,;=%\-]+[A-Za-z0-9/]")
LINK_COLOR = QColor("#1a5fb4")
TABLE_BAD_COLOR = QColor("#c01c28")


@dataclass
class DocumentMap:
    """Positions of the blocks of a report inside its QTextDocument."""

    starts: list[int] = field(default_factory=list)  # sorted block start positions
    ids: list[str] = field(default_factory=list)  # block id at each start
    text_start: dict[str, int] = field(default_factory=dict)  # where the block's own text begins
    block_start: dict[str, int] = field(default_factory=dict)
    block_end: dict[str, int] = field(default_factory=dict)
    footnotes: dict[str, int] = field(default_factory=dict)  # footnote label -> position
    tables: dict[str, int] = field(default_factory=dict)  # table id -> position of its caption
    table_blocks: set[str] = field(default_factory=set)  # blocks shown as recovered tables

    def block_at(self, position: int) -> str | None:
        """The block containing document position `position` (the one before, between blocks)."""
        i = bisect.bisect_right(self.starts, position) - 1
        return self.ids[max(i, 0)] if self.ids else None


LINE_SPACING = 135  # percent of the font's line height, for paragraphs and headings


def build_document(report: Report, tables: list[Table] | None = None, font: QFont | None = None,
                   line_spacing: int = LINE_SPACING) -> tuple[QTextDocument, DocumentMap]:
    """Typeset `report`; table blocks with a recovered Table become real tables.
    `line_spacing`: percent of a line's natural height (the reader's preference)."""
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    if font is not None:
        doc.setDefaultFont(font)
    doc.setDocumentMargin(18)
    by_block: dict[str, list[Table]] = {}
    for table in tables or []:  # one flattened block can hold several tables (a., b., c.…)
        by_block.setdefault(table.block, []).append(table)
    notes = {f.label: f.text for f in report.footnotes}
    levels = {s.id: s.level for s in report.walk_sections()}
    headings = {s.heading for s in report.walk_sections()}
    dmap = DocumentMap()
    cursor = QTextCursor(doc)

    _cover(cursor, report)
    for block in report.blocks:
        start = cursor.position()
        if block.id in by_block:
            for table in by_block[block.id]:
                dmap.tables[table.id] = cursor.position() + 1
                _table(cursor, table, block)
            dmap.table_blocks.add(block.id)
            text_start = start
        else:
            text_start = _block(cursor, block, notes, levels.get(block.section or "", 1) if block.id in headings else 0, line_spacing)
        dmap.starts.append(start)
        dmap.ids.append(block.id)
        dmap.block_start[block.id] = start
        dmap.text_start[block.id] = text_start
        dmap.block_end[block.id] = cursor.position()
    if report.footnotes:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(18)
        cursor.insertBlock(fmt, _char(bold=True, size=1))
        cursor.insertText(QCoreApplication.translate("Reader", "Notes"))
        for note in report.footnotes:
            fmt = QTextBlockFormat()
            fmt.setLeftMargin(12)
            fmt.setBottomMargin(4)
            cursor.insertBlock(fmt, _char(size=-1))
            dmap.footnotes[note.label] = cursor.position()
            cursor.insertText(note.label, _char(bold=True, size=-1))
            cursor.insertText("  ", _char(size=-1))
            _text(cursor, note.text, _char(size=-1), None, {})
    return doc, dmap


def _char(*, bold: bool = False, italic: bool = False, size: int = 0, color: QColor | None = None) -> QTextCharFormat:
    """A character format. Brushes here and elsewhere in the GUI are made as
    QBrush(color, SolidPattern), the brush QBrush(color) makes: the one-argument call
    also matches QBrush(QGradient), and PySide builds every enum of QGradient (and
    QImage) to rule it out, ~3 ms on the way to the first window."""
    fmt = QTextCharFormat()
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if size:
        fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, size)
    if color is not None:
        fmt.setForeground(QBrush(color, Qt.BrushStyle.SolidPattern))
    return fmt


def _cover(cursor: QTextCursor, report: Report) -> None:
    meta = report.metadata
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(6)
    cursor.setBlockFormat(fmt)
    cursor.setBlockCharFormat(_char(bold=True, size=3))
    cursor.insertText(meta.title or report.source, _char(bold=True, size=3))
    facts = [meta.body, f"第{meta.session}届会议" if meta.session else None, meta.kind]
    if meta.dates:
        facts.append(meta.dates[0] if meta.dates[0] == meta.dates[1] else f"{meta.dates[0]} – {meta.dates[1]}")
    if meta.place:
        facts.append(meta.place)
    if meta.agenda_item:
        facts.append(f"议程项目 {meta.agenda_item}" + (f"：{meta.agenda_title}" if meta.agenda_title else ""))
    line = " · ".join(f for f in facts if f)
    if line:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(14)
        cursor.insertBlock(fmt, _char(color=QColor("#5e5c64")))
        cursor.insertText(line, _char(color=QColor("#5e5c64")))


def _block(cursor: QTextCursor, block: Block, notes: dict[str, str], heading_level: int, line_spacing: int = LINE_SPACING) -> int:
    """Insert one text block; return the position where the block's own text starts."""
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(8)
    fmt.setLineHeight(line_spacing, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    plain = _char()
    if block.kind is BlockKind.HEADING:
        level = heading_level or 2
        fmt.setTopMargin(16 if level == 1 else 10)
        fmt.setHeadingLevel(min(level, 6))
        plain = _char(bold=True, size=2 if level == 1 else 1)
        cursor.insertBlock(fmt, plain)
        if block.label:  # the parser keeps labels out of the text ("2019年…" is not "2.")
            cursor.insertText(f"{block.label}. ", plain)
        text_start = cursor.position()
        _text(cursor, block.text, plain, block, notes)
        return text_start
    if block.kind is BlockKind.ITEM:
        fmt.setLeftMargin(28)
        fmt.setTextIndent(-22)
    elif block.kind is BlockKind.QUOTE:
        fmt.setLeftMargin(32)
        fmt.setRightMargin(24)
        plain = _char(italic=True)
    elif block.kind is BlockKind.NOTE:
        plain = _char(size=-1, color=QColor("#5e5c64"))
    elif block.kind is BlockKind.TABLE:
        plain = QTextCharFormat()
        plain.setFontFamilies(["monospace"])
        plain.setProperty(QTextFormat.Property.FontSizeAdjustment, -1)
        fmt.setLeftMargin(12)
    cursor.insertBlock(fmt, plain)
    if block.label:
        if block.kind is BlockKind.PARAGRAPH:
            cursor.insertText(f"{block.label}.\u2002", _char(bold=True))
        elif block.kind is BlockKind.ITEM:
            cursor.insertText(f"{item_label(block.label)}\u2002", plain)
    text_start = cursor.position()
    _text(cursor, block.text, plain, block, notes)
    return text_start


def _text(cursor: QTextCursor, text: str, plain: QTextCharFormat, block: Block | None, notes: dict[str, str]) -> None:
    """Insert text as plain characters (so markup shows literally), linking URLs and
    footnote references. Offsets of `text` are kept one to one in the document."""
    links: list[tuple[int, int, str, str]] = []  # start, end, href, tooltip
    for match in URL_RE.finditer(text):
        href = match.group(0)
        links.append((match.start(), match.end(), href if "://" in href else "https://" + href, href))
    unplaced: list[str] = []
    for label in block.footnotes if block is not None else ():
        mark = label.translate(SUPERSCRIPTS)
        where = text.find(mark) if mark != label else -1
        if where >= 0 and not any(s <= where < e for s, e, _, _ in links):
            links.append((where, where + len(mark), f"fn:{label}", notes.get(label, "")))
        else:
            unplaced.append(label)
    links.sort()
    pos = 0
    text = text.replace("\n", "\u2028")  # a line break inside the block, one character wide
    for start, end, href, tip in links:
        if start < pos:
            continue
        cursor.insertText(text[pos:start], plain)
        cursor.insertText(text[start:end], _link(plain, href, tip))
        pos = end
    cursor.insertText(text[pos:], plain)
    for label in unplaced:
        link = _link(plain, f"fn:{label}", notes.get(label, ""))
        link.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        cursor.insertText(label, link)


def _link(base: QTextCharFormat, href: str, tip: str) -> QTextCharFormat:
    fmt = QTextCharFormat(base)
    fmt.setAnchor(True)
    fmt.setAnchorHref(href)
    fmt.setForeground(QBrush(LINK_COLOR, Qt.BrushStyle.SolidPattern))
    if href.startswith("fn:"):
        fmt.setToolTip(tip)
    else:
        fmt.setFontUnderline(True)
        fmt.setToolTip(href)
    return fmt


def _table(cursor: QTextCursor, table: Table, block: Block) -> None:
    caption_fmt = QTextBlockFormat()
    caption_fmt.setTopMargin(10)
    caption_fmt.setBottomMargin(4)
    cursor.insertBlock(caption_fmt, _char(bold=True))
    cursor.insertText(table.caption or QCoreApplication.translate("Reader", "Table"), _char(bold=True))
    if table.totals_ok is False:
        cursor.insertText("  " + QCoreApplication.translate("Reader", "⚠ totals do not add up"), _char(bold=True, size=-1, color=TABLE_BAD_COLOR))
    header = list(table.header)
    width = max([len(header), *(len(r) for r in table.rows)] or [1])
    if header and len(header) < width:
        header = [""] * (width - len(header)) + header
    rows = len(table.rows) + (1 if header else 0)
    fmt = QTextTableFormat()
    fmt.setBorder(0.6)
    fmt.setBorderBrush(QBrush(QColor("#9a9996"), Qt.BrushStyle.SolidPattern))
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setHeaderRowCount(1 if header else 0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    qtable = cursor.insertTable(max(rows, 1), width, fmt)
    r = 0
    if header:
        for c, text in enumerate(header):
            cell_cursor = qtable.cellAt(r, c).firstCursorPosition()
            cell = qtable.cellAt(r, c)
            cf = cell.format()
            cf.setBackground(QBrush(QColor("#f0f0f0"), Qt.BrushStyle.SolidPattern))
            cell.setFormat(cf)
            cell_cursor.insertText(text, _char(bold=True, size=-1))
        r += 1
    for row in table.rows:
        for c, cell in enumerate(row):
            text = cell.text + (cell.mark if cell.mark and not cell.text.endswith(cell.mark) else "")
            cell_cursor = qtable.cellAt(r, c).firstCursorPosition()
            if c > 0:
                bf = cell_cursor.blockFormat()
                bf.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cell_cursor.setBlockFormat(bf)
            cell_cursor.insertText(text, _char(size=-1))
        r += 1
    cursor.movePosition(QTextCursor.MoveOperation.End)
    for note in table.notes:
        fmt_note = QTextBlockFormat()
        fmt_note.setLeftMargin(12)
        cursor.insertBlock(fmt_note, _char(size=-2, color=QColor("#5e5c64")))
        cursor.insertText(note, _char(size=-2, color=QColor("#5e5c64")))

