"""Rich-text items for the item views (library rows, search hits): markup built from
escaped report text, painted wrapped to the view's width."""

from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QWidget

from unidoreader.gui.viewports import viewport_of

HTML_ROLE = Qt.ItemDataRole.UserRole + 2
MARK_STYLE = "background-color:#f8e45c;color:#000;font-weight:600"
SECONDARY = "#5e5c64"  # colour of secondary lines in rich items
DOCUMENTS_KEPT = 1000  # typeset items a delegate keeps (a page of hits is 100, at a few widths)


def snippet_html(snippet: str, marks: tuple[tuple[int, int], ...] | list) -> str:
    """The snippet escaped (it is report text), with the matched ranges marked."""
    parts: list[str] = []
    pos = 0
    for start, end in sorted(marks):
        if start < pos:
            continue
        parts.append(html.escape(snippet[pos:start]))
        parts.append(f'<span style="{MARK_STYLE}">{html.escape(snippet[start:end])}</span>')
        pos = end
    parts.append(html.escape(snippet[pos:]))
    return "".join(parts).replace("\n", " ")


class HtmlDelegate(QStyledItemDelegate):
    """Paints items that carry HTML_ROLE as rich text wrapped to the view's width
    (rows grow to fit: relaid out when the view is resized), others as usual."""

    def __init__(self, view: QTreeView, early: Callable[[], bool] = lambda: True) -> None:
        """`early`: whether rows relaid out for a new width may be laid out just before the
        window paints (painted once), rather than on the next turn of the event loop: a
        view of thousands of rows says no, so that the turn that filled it and the one
        that lays it out do not hold the window together."""
        super().__init__(view)
        self._view = view
        self._early = early
        self._width = -1
        self._window: QWidget | None = None  # the window the view is in (watched: see eventFilter)
        # the typeset items, by what they depend on: a view asks each item's size, then
        # paints it, and lays all of them out again on every resize (sizes, then paint)
        self._documents: dict[tuple[str, bool, str, int], QTextDocument] = {}
        # resizes that come together (a window laid out at start) relay the rows out once
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(view.doItemsLayout)
        self._viewport = viewport_of(view)
        self._viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is not self._window and self._viewport.width() != self._width:
            self._width = self._viewport.width()
            self._relayout.start()
            self._watch_window()
        elif kind == QEvent.Type.UpdateRequest and self._relayout.isActive() and self._early():
            # The window is about to paint (its pending updates come before timers): lay
            # the rows out for their new width now, so that they are painted once, at their
            # heights, not first at the heights of the old width and again a moment later.
            self._relayout.stop()
            self._view.doItemsLayout()
        return False

    def _watch_window(self) -> None:
        """Watch the view's window for the moment it paints (a dock floated out is a
        window of its own)."""
        window = self._view.window()
        if window is not self._window and window is not self._view:
            window.installEventFilter(self)
            self._window = window

    def _text_width(self, option: QStyleOptionViewItem, index: QModelIndex) -> int:
        """The width an item's text is typeset at: its cell's width when painted, and
        when only its size is asked, the width that cell will have (the viewport's, less
        the indentation of the item's depth), so that one typeset document serves both."""
        if option.rect.width() > 0 and option.rect.height() > 0:
            return option.rect.width()
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = self._view.indentation() * (depth + (1 if self._view.rootIsDecorated() else 0))
        return self._viewport.width() - indent

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, selected: bool = False) -> QTextDocument | None:
        """The item's typeset text (None for an item without HTML_ROLE). `selected`: the
        item is painted selected (its secondary lines are then lightened)."""
        markup = index.data(HTML_ROLE)
        if not markup:
            return None
        width = max(80, self._text_width(option, index))
        key = (markup, selected, option.font.key(), width)
        doc = self._documents.get(key)
        if doc is not None:
            return doc
        if selected:  # grey on the selection colour is unreadable
            markup = markup.replace(SECONDARY, "#eef3f8")
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(markup)
        doc.setTextWidth(width)
        if len(self._documents) >= DOCUMENTS_KEPT:  # rows of other searches, other widths
            self._documents.clear()
        self._documents[key] = doc
        return doc

    def _selected(self, index: QModelIndex) -> bool:
        """Whether the view paints the item selected, as its selection model says (what
        the view itself puts into the paint option's state). Not read from the option:
        a QStyle flag read from Python makes PySide build every enum of QStyle, ~10 ms
        on the way to the first window."""
        selection = self._view.selectionModel()
        return selection is not None and selection.isSelected(index)

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802 - Qt override
        super().initStyleOption(option, index)
        if index.data(HTML_ROLE):
            option.text = ""  # the style paints the item's background; paint() the text over it

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        selected = self._selected(index)
        doc = self._document(option, index, selected)
        super().paint(painter, option, index)  # background, selection, focus (the text left out: initStyleOption)
        if doc is None:
            return
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if selected:
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt override
        doc = self._document(option, index)  # (a view asks sizes without selection state: not selected)
        if doc is None:
            return super().sizeHint(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


