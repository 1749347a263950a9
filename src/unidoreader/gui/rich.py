"""Rich-text items for the item views (library rows, search hits): markup built from
escaped report text, painted wrapped to the view's width."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

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

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        self._width = -1
        # the typeset items, by what they depend on: a view asks each item's size, then
        # paints it, and lays all of them out again on every resize (sizes, then paint)
        self._documents: dict[tuple[str, bool, str, int], QTextDocument] = {}
        # resizes that come together (a window laid out at start) relay the rows out once
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(view.doItemsLayout)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and self._view.viewport().width() != self._width:
            self._width = self._view.viewport().width()
            self._relayout.start()
        return False

    def _text_width(self, option: QStyleOptionViewItem, index: QModelIndex) -> int:
        if option.rect.width() > 0 and option.rect.height() > 0:
            return option.rect.width()
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = self._view.indentation() * (depth + (1 if self._view.rootIsDecorated() else 0))
        return self._view.viewport().width() - indent - 2

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument | None:
        markup = index.data(HTML_ROLE)
        if not markup:
            return None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        doc = self._document(option, index)
        if doc is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt override
        doc = self._document(option, index)
        if doc is None:
            return super().sizeHint(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


