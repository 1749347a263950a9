"""A reading pane: one report typeset in a QTextBrowser, with find, zoom, footnotes,
links, hit highlighting, bookmarks/notes markers, and the block <-> scroll mapping
that the outline and synchronised scrolling use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from unidoreader.core.model import Report, Table
from unidoreader.gui.alignment import Alignment
from unidoreader.gui.render import LINE_SPACING, DocumentMap, build_document
from unidoreader.gui.viewports import viewport_of

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

FIND_COLOR = QColor("#f8e45c")
CURRENT_FIND_COLOR = QColor("#ff9f1a")
HIT_COLOR = QColor("#ffbe6f")
NOTE_COLOR = QColor("#dcebfa")
#: The title bar of the active pane: its own style sheet, over the window's rule for
#: every pane's bar (main_window.STYLE), set as the pane becomes active and removed as
#: it stops being so (Qt styles a widget anew when its sheet is set). Not a property
#: selector, which needs style().unpolish/polish: a QStyle in Python makes PySide
#: build every enum of QStyle, ~10 ms on the way to the first window.
ACTIVE_HEADER_STYLE = "QWidget#paneHeader { background: #dbe7f7; border-bottom: 2px solid #1a5fb4; }"
ZOOM_MIN, ZOOM_MAX = -6, 12


class _Browser(QTextBrowser):
    """QTextBrowser that never follows links by itself and asks its pane for tooltips."""

    def __init__(self, pane: "ReaderPane") -> None:
        super().__init__(pane)
        self._pane = pane
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.horizontalScrollBar().rangeChanged.connect(self._sideways_if_needed)

    _ROUNDING = 8  # pixels: Qt's layout of a table or a line can come out a few pixels wider than the pane

    def _sideways_if_needed(self, _low: int, high: int) -> None:
        """A horizontal scroll bar only for a table really wider than the pane: the text
        wraps to the pane, and a bar for a few pixels of rounding (every pane of the annual
        report had one) takes a line of the view and scrolls nothing a reader would miss."""
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if high <= self._ROUNDING else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        if self.horizontalScrollBarPolicy() != policy:
            self.setHorizontalScrollBarPolicy(policy)

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 - Qt override
        """Report text never loads anything: no images, no style sheets, no network."""
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = self.viewport().mapFromGlobal(event.globalPos())
            text = self._pane.tooltip_at(self.cursorForPosition(pos).position(), self.anchorAt(pos))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def contextMenuEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        menu = self.createStandardContextMenu(event.pos())
        position = self.cursorForPosition(event.pos()).position()
        self._pane.extend_context_menu(menu, position)
        menu.exec(event.globalPos())
        menu.deleteLater()


class ReaderPane(QWidget):
    """Shows one report. Emits `activated` when the user works in it and
    `topBlockChanged(block_id)` as it scrolls."""

    activated = Signal(object)
    topBlockChanged = Signal(object, str)
    closeRequested = Signal(object)
    bookmarkRequested = Signal(object, str)
    noteRequested = Signal(object, str)
    reportSet = Signal(object)  # the pane typeset a report (again): features may decorate its text
    placed = Signal(object)  # a scroll queued for the next turn of the event loop is done (see moving)
    referenceClicked = Signal(object, str)  # a "ref:" link (gui/features/references.py) was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.tables: list[Table] = []
        self.map = DocumentMap()
        self.alignment: Alignment | None = None
        self.zoom = 0
        self._notes: dict[str, str] = {}
        self._find_all: list[QTextEdit.ExtraSelection] = []
        self._find_current: list[QTextEdit.ExtraSelection] = []
        self._hits: list[QTextEdit.ExtraSelection] = []
        self._hit: tuple[str, tuple[tuple[int, int], ...]] | None = None  # the marked search hit
        self.line_spacing = LINE_SPACING  # percent (Preferences)
        self._note_marks: list[QTextEdit.ExtraSelection] = []
        self._compare_marks: list[QTextEdit.ExtraSelection] = []  # compare mode (gui/features/compare.py)
        self.in_compare = False  # compare mode scrolls this pane by matched pairs, not by number
        self._pending_scroll: tuple[str, float] | None = None
        self._anchor: tuple[str, float] | None = None  # the reading position kept across resizes
        self._resizing = False
        self._scroll_queued = False  # a scroll waits for the first show (showEvent)
        self._last_top: str | None = None
        self.link_tooltip: Callable[["ReaderPane", str], str] | None = None  # for "ref:" links

        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setMinimumWidth(40)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(lambda: self.closeRequested.emit(self))
        header = QWidget()
        header.setObjectName("paneHeader")
        header.setProperty("active", False)
        hl = QHBoxLayout(header)
        hl.setContentsMargins(8, 3, 3, 3)
        hl.addWidget(self.title, 1)
        hl.addWidget(self.close_button)
        self.header_layout = hl  # features add their buttons before the close button
        header.installEventFilter(self)  # a click on the title bar makes the pane active too
        self.title.installEventFilter(self)

        self.view = _Browser(self)
        self.view.anchorClicked.connect(self._link_clicked)
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.view.installEventFilter(self)
        self.viewport = viewport_of(self.view)  # kept: see gui/viewports.py
        self.viewport.installEventFilter(self)

        self.find_edit = QLineEdit()
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self._find_changed)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_count = QLabel()
        self.find_prev_button = QToolButton()
        self.find_prev_button.setText("▲")
        self.find_prev_button.clicked.connect(self.find_previous)
        self.find_next_button = QToolButton()
        self.find_next_button.setText("▼")
        self.find_next_button.clicked.connect(self.find_next)
        find_close = QToolButton()
        find_close.setText("✕")
        find_close.setAutoRaise(True)
        find_close.clicked.connect(self.hide_find)
        self.find_bar = QWidget()
        fl = QHBoxLayout(self.find_bar)
        fl.setContentsMargins(6, 2, 6, 2)
        fl.addWidget(self.find_edit, 1)
        fl.addWidget(self.find_count)
        fl.addWidget(self.find_prev_button)
        fl.addWidget(self.find_next_button)
        fl.addWidget(find_close)
        self.find_bar.hide()
        escape = QAction(self.find_edit)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        escape.triggered.connect(self.hide_find)
        self.find_edit.addAction(escape)

        # the text, with a margin features may fill (page marks), in a splitter that can
        # take a second view beside it (the printed page)
        text = QWidget()
        self.text_layout = QHBoxLayout(text)
        self.text_layout.setContentsMargins(0, 0, 0, 0)
        self.text_layout.setSpacing(0)
        self.text_layout.addWidget(self.view, 1)
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(text)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.find_bar)
        self.retranslate()

    def retranslate(self) -> None:
        self.close_button.setToolTip(self.tr("Close this pane"))
        self.find_edit.setPlaceholderText(self.tr("Find in this report"))
        self.find_prev_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.find_next_button.setToolTip(self.tr("Next match (F3)"))
        self._update_find_count()
        if self.report is not None:  # the typeset text carries a few UI words (注释, 合计数不符)
            self._typeset_again()

    def _typeset_again(self) -> None:
        """Typeset the report anew, keeping the reading position and the search marks."""
        block, offset = self.reading_position()
        hit = self._hit
        self.set_report(self.report, self.tables, self._notes)
        if hit is not None:
            self._mark_hit(*hit)
        if block:
            self.scroll_to_block(block, offset)

    def set_reading_style(self, font_size: float | None, line_spacing: int) -> None:
        """The reader's font size (points; None: the application's) and line spacing
        (percent), from Preferences. Zoom (Ctrl +/-) still works on top of them."""
        font = QFont(self.font())  # the pane's own font: the application's, unzoomed
        if font_size:
            font.setPointSizeF(float(font_size))
        changed = font.pointSizeF() != self.view.font().pointSizeF() or line_spacing != self.line_spacing
        self.line_spacing = line_spacing
        if not changed:
            return
        zoom = self.zoom
        if zoom:
            self.view.zoomIn(-zoom)
        self.view.setFont(font)
        if zoom:
            self.view.zoomIn(zoom)
        if self.report is not None:
            self._typeset_again()

    # -- content ---------------------------------------------------------------------

    @property
    def doc_id(self) -> str | None:
        return self.report.id if self.report else None

    def set_report(self, report: Report, tables: list[Table] | None = None, notes: dict[str, str] | None = None) -> None:
        self.report = report
        self.tables = list(tables or [])
        if self.zoom:  # typeset at the base size; the zoom is applied again below (once)
            self.view.zoomIn(-self.zoom)
        document, self.map = build_document(report, self.tables, self.view.font(), self.line_spacing)
        document.setParent(self)
        previous, self._document = getattr(self, "_document", None), document
        self.view.setDocument(document)
        if previous is not None:
            previous.deleteLater()
        if self.zoom:
            self.view.zoomIn(self.zoom)
        self.alignment = Alignment.of(report)
        meta = report.metadata
        session = f"  ·  第{meta.session}届会议" if meta.session else (f"  ·  {meta.year}" if meta.year else "")
        self.title.setText(f"{meta.title or report.source}{session}")
        self.title.setToolTip(f"{meta.title or report.source}\n{report.source}")
        self._hits = []
        self._hit = None
        self._find_all, self._find_current = [], []
        self.set_notes(notes or {})
        self._last_top = None
        if self.find_bar.isVisible() and self.find_edit.text():
            self._find_changed(self.find_edit.text())
        self.reportSet.emit(self)

    def set_notes(self, notes: dict[str, str]) -> None:
        self._notes = dict(notes)
        self._note_marks = []
        for block_id in self._notes:
            cursor = self._block_cursor(block_id)
            if cursor is None:
                continue
            self._note_marks.append(self._highlight(cursor.selectionStart(), cursor.selectionEnd(), NOTE_COLOR))
        self._apply_selections()

    def note(self, block_id: str) -> str | None:
        return self._notes.get(block_id)

    def block_text_start(self, block_id: str) -> int | None:
        return self.map.text_start.get(block_id)

    def _block_cursor(self, block_id: str) -> QTextCursor | None:
        if block_id not in self.map.block_start:
            return None
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.map.text_start[block_id])
        cursor.setPosition(self.map.block_end[block_id], QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # -- positions ---------------------------------------------------------------------

    def block_y(self, block_id: str) -> float | None:
        """Where a block starts in the text, in document pixels (for margins beside the text)."""
        return self._block_y(block_id)

    def _block_y(self, block_id: str) -> float | None:
        start = self.map.block_start.get(block_id)
        if start is None:
            return None
        doc = self.view.document()
        block = doc.findBlock(start + 1 if start + 1 < doc.characterCount() else start)
        return doc.documentLayout().blockBoundingRect(block).top()

    def top_block(self) -> tuple[str | None, float]:
        """The block at the top of the view and how far (pixels) the view is into it."""
        if not self.map.ids:
            return None, 0.0
        if self.view.verticalScrollBar().value() == 0:
            # the top of the document, whatever the hit test says: just after a report is
            # typeset its layout is not done, and the test gave the annual report's last block
            return self.map.ids[0], 0.0
        position = self.view.cursorForPosition(QPoint(24, 2)).position()
        block_id = self.map.block_at(position)
        if block_id is None:
            return None, 0.0
        y = self._block_y(block_id) or 0.0
        return block_id, max(0.0, self.view.verticalScrollBar().value() - y)

    def reading_position(self) -> tuple[str | None, float]:
        """Where the user is reading: the top block, as kept across reflows."""
        return self._anchor if self._anchor else self.top_block()

    def scroll_to_block(self, block_id: str, offset: float = 0.0) -> bool:
        """Bring `block_id` to the top of the view (`offset` pixels into it)."""
        y = self._block_y(block_id)
        if y is None:
            return False
        doc = self.view.document()
        doc.documentLayout().blockBoundingRect(doc.lastBlock())  # finish the layout: the scroll range is known
        bar = self.view.verticalScrollBar()
        target = int(y + offset)
        if target > bar.maximum() and not self.isVisible():
            self._pending_scroll = (block_id, offset)
        bar.setValue(target)
        self._scrolled()
        return True

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._pending_scroll:
            block_id, offset = self._pending_scroll
            self._pending_scroll = None
            self._scroll_queued = True
            QTimer.singleShot(0, lambda: self._queued_scroll(block_id, offset))

    def _queued_scroll(self, block_id: str, offset: float) -> None:
        try:
            self.scroll_to_block(block_id, offset)
        finally:
            self._scroll_queued = False
            self.placed.emit(self)

    def moving(self) -> bool:
        """True while a scroll is queued for the next turn of the event loop (the text is
        about to move: after a reflow, back to the paragraph read; after the first show,
        to the place asked for). The window is not settled meanwhile: a screenshot, or a
        test, would see the text before it moves."""
        return self._resizing or self._scroll_queued

    def _scrolled(self, *_: object) -> None:
        block_id, offset = self.top_block()
        if not self._resizing:
            self._anchor = (block_id, offset) if block_id else None
        if block_id and block_id != self._last_top:
            self._last_top = block_id
            self.topBlockChanged.emit(self, block_id)

    def current_section(self) -> str | None:
        block_id, _ = self.top_block()
        if block_id is None or self.report is None:
            return None
        block = self.report.block(block_id)
        return block.section if block else None

    def _position_y(self, position: int) -> float:
        """Top of the line holding document position `position`, in document pixels."""
        doc = self.view.document()
        block = doc.findBlock(position)
        top = doc.documentLayout().blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(position - block.position())
        return top + (line.y() if line.isValid() else 0.0)

    def block_visible(self, block_id: str) -> bool:
        """True when some of the block is on screen."""
        if block_id not in self.map.block_start:
            return False
        top = self._position_y(self.map.text_start[block_id])
        bottom = self._position_y(max(self.map.text_start[block_id], self.map.block_end[block_id] - 1)) + 1
        view_top = self.view.verticalScrollBar().value()
        return bottom >= view_top and top < view_top + self.viewport.height()

    def position_visible(self, position: int) -> bool:
        y = self._position_y(position)
        view_top = self.view.verticalScrollBar().value()
        return view_top <= y < view_top + self.viewport.height()

    # -- links and tooltips --------------------------------------------------------------

    def tooltip_at(self, position: int, href: str = "") -> str:
        """The note of a footnote reference, the address of a link, or the user's note."""
        if href.startswith("fn:") and self.report:
            label = href[3:]
            note = next((f.text for f in self.report.footnotes if f.label == label), "")
            return f"{label}  {note}" if note else ""
        if href.startswith("ref:"):
            return self.link_tooltip(self, href) if self.link_tooltip else ""
        if href:
            return href
        block_id = self.map.block_at(position)
        if block_id and block_id in self._notes:
            return self.tr("Note: %1").replace("%1", self._notes[block_id])
        return ""

    def _link_clicked(self, url: QUrl) -> None:
        self.follow_link(url.toString())

    def follow_link(self, href: str) -> None:
        """Footnote references jump to their note; web links open in the system browser."""
        if href.startswith("ref:"):
            self.referenceClicked.emit(self, href)
            return
        if href.startswith("fn:"):
            position = self.map.footnotes.get(href[3:])
            if position is not None:
                doc = self.view.document()
                y = doc.documentLayout().blockBoundingRect(doc.findBlock(position)).top()
                doc.documentLayout().blockBoundingRect(doc.lastBlock())
                self.view.verticalScrollBar().setValue(int(y))
            return
        from PySide6.QtCore import QUrl  # (here: a Qt class imported is a Qt class built, enums and all)
        from PySide6.QtGui import QDesktopServices

        url = QUrl(href)
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    # -- highlighting ----------------------------------------------------------------------

    def highlight_hit(self, block_id: str, offsets: tuple[tuple[int, int], ...] | list = ()) -> None:
        """Mark the matched text of a search hit (the whole block if no offsets) and show it."""
        if not self._mark_hit(block_id, offsets):
            return
        self.scroll_to_block(block_id)
        y = self._position_y(self._hits[0].cursor.selectionStart())
        bar = self.view.verticalScrollBar()
        bar.setValue(max(0, int(y) - self.viewport.height() // 4))

    def _mark_hit(self, block_id: str, offsets: tuple[tuple[int, int], ...] | list) -> bool:
        """Mark a hit without scrolling; remembered so that a re-typeset keeps it."""
        self._hits = []
        self._hit = None
        start = self.map.text_start.get(block_id)
        if start is None:
            return False
        self._hit = (block_id, tuple(offsets))
        end_limit = self.map.block_end[block_id]
        if block_id in self.map.table_blocks:
            spans = self._spans_in_table(block_id, offsets)
        else:
            ranges = list(offsets) or [(0, end_limit - start)]
            spans = [(min(start + a, end_limit), min(start + b, end_limit)) for a, b in ranges]
        for a, b in spans or [(start, end_limit)]:
            self._hits.append(self._highlight(a, b, HIT_COLOR))
        self._apply_selections()
        return True

    def _spans_in_table(self, block_id: str, offsets: tuple[tuple[int, int], ...] | list) -> list[tuple[int, int]]:
        """A table block is shown rebuilt, not as its text: find the matched strings in
        the rendered table instead of using offsets into the block's text."""
        block = self.report.block(block_id) if self.report else None
        if block is None:
            return []
        doc = self.view.document()
        start, end = self.map.block_start[block_id], self.map.block_end[block_id]
        spans: list[tuple[int, int]] = []
        for needle in dict.fromkeys(block.text[a:b] for a, b in offsets):
            if not needle.strip():
                continue
            cursor = QTextCursor(doc)
            cursor.setPosition(start)
            while True:
                cursor = doc.find(needle, cursor)
                if cursor.isNull() or cursor.selectionEnd() > end:
                    break
                spans.append((cursor.selectionStart(), cursor.selectionEnd()))
        return sorted(spans)

    def scroll_to_table(self, table_id: str) -> bool:
        position = self.map.tables.get(table_id)
        if position is None:
            return False
        doc = self.view.document()
        doc.documentLayout().blockBoundingRect(doc.lastBlock())
        self.view.verticalScrollBar().setValue(int(self._position_y(position)))
        return True

    def clear_hits(self) -> None:
        """Drop the search-hit marks (a new search makes them stale)."""
        self._hit = None
        if self._hits:
            self._hits = []
            self._apply_selections()

    def highlighted_text(self) -> list[str]:
        return [s.cursor.selectedText() for s in self._hits]

    def _apply_selections(self) -> None:
        self.view.setExtraSelections(self._note_marks + self._compare_marks + self._find_all + self._hits + self._find_current)

    def set_compare_marks(self, marks: list[tuple[int, int, QColor]]) -> None:
        """Compare mode's colours (document positions start, end, colour); [] clears them."""
        self._compare_marks = [self._highlight(a, b, color) for a, b, color in marks]
        self._apply_selections()

    def document_spans(self, block_id: str, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Document positions of spans given as offsets into a block's text (in a table
        rebuilt from its block, where the same strings are shown)."""
        start = self.map.text_start.get(block_id)
        if start is None:
            return []
        if block_id in self.map.table_blocks:
            return self._spans_in_table(block_id, offsets)
        end = self.map.block_end[block_id]
        return [(min(start + a, end), min(start + b, end)) for a, b in offsets]

    # -- find ----------------------------------------------------------------------------------

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def hide_find(self) -> None:
        self.find_bar.hide()
        self._find_all, self._find_current = [], []
        self._apply_selections()
        self.view.setFocus()

    def _find_changed(self, text: str) -> None:
        self._find_all, self._find_current = [], []
        self._matches: list[tuple[int, int]] = []
        if text:
            doc = self.view.document()
            cursor = QTextCursor(doc)
            while True:
                cursor = doc.find(text, cursor)
                if cursor.isNull():
                    break
                self._matches.append((cursor.selectionStart(), cursor.selectionEnd()))
                self._find_all.append(self._highlight(cursor.selectionStart(), cursor.selectionEnd(), FIND_COLOR))
        self._current_match = -1
        self._apply_selections()
        if self._matches:
            self._go_to_match(0)
        self._update_find_count()

    def _highlight(self, start: int, end: int, color: QColor) -> QTextEdit.ExtraSelection:
        """A coloured background over document positions start..end (not the selection)."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QBrush(color, Qt.BrushStyle.SolidPattern))
        sel.format = fmt
        return sel

    def _go_to_match(self, index: int) -> None:
        self._current_match = index % len(self._matches)
        a, b = self._matches[self._current_match]
        sel = self._highlight(a, b, CURRENT_FIND_COLOR)
        self._find_current = [sel]
        self._apply_selections()
        self.view.setTextCursor(sel.cursor)
        self.view.ensureCursorVisible()
        self._update_find_count()

    def find_next(self) -> None:
        if getattr(self, "_matches", None):
            self._go_to_match(self._current_match + 1)

    def find_previous(self) -> None:
        if getattr(self, "_matches", None):
            self._go_to_match(self._current_match - 1)

    def find_status(self) -> tuple[int, int]:
        """(current match, starting at 1, number of matches)."""
        matches = getattr(self, "_matches", [])
        return (self._current_match + 1 if matches else 0, len(matches))

    def _update_find_count(self) -> None:
        current, total = self.find_status()
        if not self.find_edit.text():
            self.find_count.setText("")
        elif total == 0:
            self.find_count.setText(self.tr("no match"))
        else:
            self.find_count.setText(f"{current}/{total}")

    # -- zoom ------------------------------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        steps = max(ZOOM_MIN, min(ZOOM_MAX, steps))
        block_id, offset = self.top_block()
        self.view.zoomIn(steps - self.zoom)
        self.zoom = steps
        if block_id:
            self.scroll_to_block(block_id)

    # -- events and menus ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.activated.emit(self)
        elif event.type() == QEvent.Type.Resize and watched is self.viewport and self._anchor and not self._resizing:
            # the text reflows to the new width: keep the same paragraph at the top
            self._resizing = True
            QTimer.singleShot(0, self._restore_anchor)
        return False

    def _restore_anchor(self) -> None:
        anchor = self._anchor
        try:
            if anchor:
                self.scroll_to_block(*anchor)
        finally:
            self._resizing = False
            self.placed.emit(self)

    def extend_context_menu(self, menu: QMenu, position: int) -> None:
        block_id = self.map.block_at(position)
        if not block_id:
            return
        menu.addSeparator()
        menu.addAction(self.tr("Bookmark this paragraph"), lambda: self.bookmarkRequested.emit(self, block_id))
        menu.addAction(self.tr("Note on this paragraph…"), lambda: self.noteRequested.emit(self, block_id))

    def set_active(self, active: bool) -> None:
        if self.title.parentWidget().property("active") == active:
            return  # (restyling the bar costs: only when it changes)
        self.setProperty("active", active)
        header = self.title.parentWidget()
        header.setProperty("active", active)
        header.setStyleSheet(ACTIVE_HEADER_STYLE if active else "")


def document_of(pane: ReaderPane) -> QTextDocument:
    return pane.view.document()
