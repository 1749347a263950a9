"""The printed page beside the reflowed text: a PDF's pages rendered off the GUI thread.

- `PageRenderer` renders pages on a lane of its own (one thread: PDFium is not
  thread-safe, and core.readers.pdf also takes its lock, so an import running on the main
  lane never meets a render). A page comes back as a QImage whose format is chosen from
  the bitmap's mode (pypdfium2 gives 3-channel BGR by default) and copied out of the
  buffer; rendered pages are kept (a few dozen) by page and resolution.
- `PageView` shows the pages one under another in a scroll area, zoomable and fit to
  width; it paints the boxes of one block (the block at the top of the text) over the
  page, says which block was clicked, and which block is at its top as the user scrolls.
- `PageMarks` is the thin margin beside the text that says where each printed page starts.

The view holds no business logic: page sizes and block boxes come from the report
(core.readers put them there), the pixels from core.readers.pdf.render_page.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from unidoreader.gui.lane import Job, Lane
from unidoreader.gui.viewports import viewport_of

if TYPE_CHECKING:
    from unidoreader.core.model import Report

GAP = 10  # pixels between pages
HIGHLIGHT = QColor(255, 190, 60, 90)
HIGHLIGHT_EDGE = QColor(230, 140, 0, 200)
CACHED_PAGES = 48
ZOOM_STEP = 1.2


@dataclass
class PrintedPages:
    """What the view knows of one document's print: its PDF, page sizes, block boxes."""

    doc_id: str
    data: bytes
    sizes: list[tuple[float, float]]
    boxes: dict[str, list[tuple[int, float, float, float, float]]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # block ids in reading order
    first_block_of_page: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, doc_id: str, data: bytes, sizes: list[tuple[float, float]], report: "Report") -> "PrintedPages":
        pages = cls(doc_id, data, list(sizes))
        for block in report.blocks:
            if block.boxes:
                pages.boxes[block.id] = [tuple(b) for b in block.boxes]  # type: ignore[misc]
                pages.order.append(block.id)
            for page in block.pages:
                pages.first_block_of_page.setdefault(page, block.id)
        return pages

    def block_at(self, page: int, x: float, y: float) -> str | None:
        """The block printed at (x, y) on `page` (1-based), or the nearest one on that page."""
        best: tuple[float, str] | None = None
        for block_id in self.order:
            for p, x0, top, x1, bottom in self.boxes[block_id]:
                if p != page:
                    continue
                if x0 - 2 <= x <= x1 + 2 and top - 2 <= y <= bottom + 2:
                    return block_id
                distance = max(top - y, y - bottom, 0) + 0.3 * max(x0 - x, x - x1, 0)
                if best is None or distance < best[0]:
                    best = (distance, block_id)
        return best[1] if best and best[0] < 40 else None

    def block_at_top(self, page: int, y: float) -> str | None:
        """The first block (in reading order) with a line on `page` below `y`, or on a later page."""
        for block_id in self.order:
            for p, _x0, _top, _x1, bottom in self.boxes[block_id]:
                if p > page or (p == page and bottom > y):
                    return block_id
        return None


class PageRenderer(Lane):
    """Renders pages on its own thread; `rendered(doc_id, index, dpi, QImage)` comes back
    on the GUI thread."""

    rendered = Signal(str, int, int, QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._requested: set[tuple[str, int, int]] = set()

    def request(self, pages: PrintedPages, index: int, dpi: int) -> None:
        key = (pages.doc_id, index, dpi)
        if key in self._requested:
            return
        self._requested.add(key)
        data = pages.data

        def run(job: Job) -> QImage:
            return render_image(data, index, dpi)

        def done(image: QImage) -> None:
            self._requested.discard(key)
            self.rendered.emit(key[0], index, dpi, image)

        def failed(_error: BaseException) -> None:
            self._requested.discard(key)

        self.submit(f"page {index + 1}", run, done, failed)


def render_image(data: bytes, index: int, dpi: int) -> QImage:
    """One page as a QImage that owns its pixels."""
    from unidoreader.core.readers import pdf

    width, height, pixels, mode = pdf.render_page(data, index, dpi)
    formats = {
        "BGR": QImage.Format.Format_BGR888,
        "BGRA": QImage.Format.Format_ARGB32,  # little-endian ARGB32 is B, G, R, A in memory
        "BGRX": QImage.Format.Format_RGB32,
        "RGB": QImage.Format.Format_RGB888,
        "L": QImage.Format.Format_Grayscale8,
    }
    fmt = formats.get(mode)
    if fmt is None:
        raise ValueError(f"unexpected bitmap mode {mode}")
    image = QImage(pixels, width, height, width * len(mode) if mode != "L" else width, fmt)
    return image.copy()  # the QImage above only borrows `pixels`


class _Canvas(QWidget):
    """The pages, one under another, at the view's scale."""

    def __init__(self, view: "PageView") -> None:
        super().__init__()
        self.view = view
        self.setMouseTracking(False)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        self.view._paint(self, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.view._clicked(event.position().toPoint())
        super().mousePressEvent(event)


class PageView(QWidget):
    """A document's printed pages. `blockClicked(id)`: the user clicked on a block;
    `topBlockChanged(id)`: the user scrolled the pages to that block."""

    blockClicked = Signal(str)
    topBlockChanged = Signal(str)

    def __init__(self, renderer: PageRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.pages: PrintedPages | None = None
        self.scale = 1.0  # pixels per point
        self.fit_width = True
        self.highlighted: str | None = None
        self._images: OrderedDict[tuple[str, int, int], QImage] = OrderedDict()
        self._offsets: list[int] = []
        renderer.rendered.connect(self._rendered)

        self.canvas = _Canvas(self)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setStyleSheet("QScrollArea { background: #5e5c64; }")
        self.scroll.verticalScrollBar().valueChanged.connect(self._scrolled)
        # only the user's own scrolling (wheel, keys, the scroll bar) moves the text; a
        # relayout or a scroll made here to follow the text does not
        self.scroll.verticalScrollBar().actionTriggered.connect(lambda _action: self._settle.start())
        self.viewport = viewport_of(self.scroll)  # kept: see gui/viewports.py
        self.viewport.installEventFilter(self)

        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setText("−")
        self.zoom_out_button.clicked.connect(lambda: self.set_scale(self.scale / ZOOM_STEP))
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setText("+")
        self.zoom_in_button.clicked.connect(lambda: self.set_scale(self.scale * ZOOM_STEP))
        self.fit_button = QToolButton()
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.fit_button.clicked.connect(lambda checked: self.set_fit_width(checked))
        self.page_label = QLabel()
        bar = QWidget()
        bl = QHBoxLayout(bar)
        bl.setContentsMargins(6, 2, 6, 2)
        bl.addWidget(self.page_label, 1)
        bl.addWidget(self.zoom_out_button)
        bl.addWidget(self.zoom_in_button)
        bl.addWidget(self.fit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.scroll, 1)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(60)
        self._settle.timeout.connect(self._user_scroll_settled)
        self.retranslate()

    def retranslate(self) -> None:
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.fit_button.setText(self.tr("Fit width"))
        self._update_label()

    # -- content -------------------------------------------------------------------------------

    def set_pages(self, pages: PrintedPages | None) -> None:
        self.pages = pages
        self.highlighted = None
        self._layout()
        self._update_label()

    def page_count(self) -> int:
        return len(self.pages.sizes) if self.pages else 0

    def _layout(self) -> None:
        if self.pages is None or not self.pages.sizes:
            self.canvas.resize(10, 10)
            self._offsets = []
            return
        if self.fit_width:
            room = max(100, self.viewport.width() - 2 * GAP)
            self.scale = room / max(w for w, _h in self.pages.sizes)
        y = GAP
        self._offsets = []
        for _w, h in self.pages.sizes:
            self._offsets.append(y)
            y += int(h * self.scale) + GAP
        width = int(max(w for w, _h in self.pages.sizes) * self.scale) + 2 * GAP
        self.canvas.resize(width, y)
        self.canvas.update()

    def set_scale(self, scale: float) -> None:
        anchor = self.position()
        self.fit_width = False
        self.fit_button.setChecked(False)
        self.scale = min(max(scale, 0.2), 6.0)
        self._layout()
        if anchor:
            self.scroll_to(*anchor)

    def set_fit_width(self, on: bool) -> None:
        anchor = self.position()
        self.fit_width = on
        self.fit_button.setChecked(on)
        self._layout()
        if anchor:
            self.scroll_to(*anchor)

    def _refit(self) -> None:
        """(After the viewport changed size: still fitting the width, if the user still wants it.)"""
        if self.fit_width:
            self.set_fit_width(True)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.fit_width:
            anchor = self.position()
            self._layout()
            if anchor:
                self.scroll_to(*anchor)

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if watched is self.viewport and isinstance(event, QWheelEvent) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_scale(self.scale * (ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP))
            return True
        if watched is self.viewport and getattr(event, "type", lambda: None)() == QEvent.Type.Resize and self.fit_width:
            QTimer.singleShot(0, self._refit)
        return False

    # -- positions -------------------------------------------------------------------------------

    def _page_rect(self, index: int) -> QRectF:
        assert self.pages is not None
        w, h = self.pages.sizes[index]
        x = (self.canvas.width() - w * self.scale) / 2
        return QRectF(x, self._offsets[index], w * self.scale, h * self.scale)

    def position(self) -> tuple[int, float] | None:
        """(page 1-based, y in points) at the top of the view."""
        if not self._offsets:
            return None
        v = self.scroll.verticalScrollBar().value()
        index = max(0, sum(1 for y in self._offsets if y <= v) - 1)
        return index + 1, max(0.0, (v - self._offsets[index]) / self.scale)

    def scroll_to(self, page: int, y: float, margin: float = 12.0) -> None:
        if not self._offsets or not 1 <= page <= len(self._offsets):
            return
        value = int(self._offsets[page - 1] + y * self.scale - margin)
        self.scroll.verticalScrollBar().setValue(max(0, value))
        self._update_label()

    def current_page(self) -> int:
        position = self.position()
        return position[0] if position else 0

    # -- following the text ---------------------------------------------------------------------

    def show_block(self, block_id: str, scroll: bool = True) -> bool:
        """Highlight a block's boxes; bring its first line to the top of the view."""
        if self.pages is None or block_id not in self.pages.boxes:
            return False
        self.highlighted = block_id
        if scroll and not self.box_in_view(block_id):
            page, _x0, top, _x1, _bottom = self.pages.boxes[block_id][0]
            self.scroll_to(page, top)
        self.canvas.update()
        return True

    def box_in_view(self, block_id: str) -> bool:
        """Whether the block's first line is in the upper part of the view already (then
        following it needs no scroll: the text and the pages do not chase each other)."""
        if self.pages is None or block_id not in self.pages.boxes or not self._offsets:
            return False
        page, _x0, top, _x1, bottom = self.pages.boxes[block_id][0]
        v = self.scroll.verticalScrollBar().value()
        y0 = self._offsets[page - 1] + top * self.scale
        return v <= y0 and self._offsets[page - 1] + bottom * self.scale <= v + 0.6 * self.viewport.height()

    def highlight_rects(self) -> list[QRectF]:
        """Where the highlighted block is painted, in canvas coordinates (for tests)."""
        if self.pages is None or self.highlighted not in self.pages.boxes:
            return []
        rects = []
        for page, x0, top, x1, bottom in self.pages.boxes[self.highlighted]:
            r = self._page_rect(page - 1)
            rects.append(QRectF(r.x() + x0 * self.scale - 2, r.y() + top * self.scale - 2, (x1 - x0) * self.scale + 4, (bottom - top) * self.scale + 4))
        return rects

    def point_of(self, block_id: str) -> QPoint | None:
        """A canvas point inside the block's first line (for tests and keyboard users)."""
        if self.pages is None or block_id not in self.pages.boxes:
            return None
        page, x0, top, x1, bottom = self.pages.boxes[block_id][0]
        r = self._page_rect(page - 1)
        return QPoint(int(r.x() + (x0 + x1) / 2 * self.scale), int(r.y() + (top + bottom) / 2 * self.scale))

    def _clicked(self, point: QPoint) -> None:
        if self.pages is None:
            return
        for index in range(len(self._offsets)):
            r = self._page_rect(index)
            if r.contains(point.x(), point.y()):
                block = self.pages.block_at(index + 1, (point.x() - r.x()) / self.scale, (point.y() - r.y()) / self.scale)
                if block:
                    self.show_block(block, scroll=False)
                    self.blockClicked.emit(block)
                return

    def _scrolled(self, _value: int) -> None:
        self._update_label()
        self.canvas.update()

    def _user_scroll_settled(self) -> None:
        position = self.position()
        if self.pages is None or position is None:
            return
        block = self.pages.block_at_top(*position)
        if block:
            self.highlighted = block
            self.canvas.update()
            self.topBlockChanged.emit(block)

    def _update_label(self) -> None:
        count = self.page_count()
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(self.current_page())).replace("%2", str(count)) if count else "")

    # -- painting --------------------------------------------------------------------------------

    def _dpi(self) -> int:
        return max(20, int(round(self.scale * 72 * self.devicePixelRatioF())))

    def _rendered(self, doc_id: str, index: int, dpi: int, image: QImage) -> None:
        self._images[(doc_id, index, dpi)] = image
        while len(self._images) > CACHED_PAGES:
            self._images.popitem(last=False)
        if self.pages is not None and doc_id == self.pages.doc_id:
            self.canvas.update()

    def image(self, index: int) -> QImage | None:
        """The page rendered at the current scale, if it is there yet."""
        if self.pages is None:
            return None
        return self._images.get((self.pages.doc_id, index, self._dpi()))

    def _paint(self, canvas: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(canvas)
        painter.fillRect(event.rect(), QColor("#5e5c64"))
        if self.pages is None:
            painter.end()
            return
        visible = event.rect()
        dpi = self._dpi()
        for index in range(len(self._offsets)):
            r = self._page_rect(index)
            if r.bottom() < visible.top() - r.height() or r.top() > visible.bottom() + r.height():
                continue  # (the neighbours of visible pages are rendered ahead)
            image = self._images.get((self.pages.doc_id, index, dpi))
            if image is None:
                self.renderer.request(self.pages, index, dpi)
                stale = next((img for (d, i, _dpi), img in reversed(self._images.items()) if d == self.pages.doc_id and i == index), None)
                if stale is not None:
                    painter.drawImage(r, stale)
                else:
                    painter.fillRect(r, QColor("white"))
            else:
                painter.drawImage(r, image)
        painter.setPen(QPen(HIGHLIGHT_EDGE, 1.5))
        painter.setBrush(HIGHLIGHT)
        for rect in self.highlight_rects():
            painter.drawRect(rect)
        painter.end()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, 600)


class PageMarks(QWidget):
    """The margin beside the text: "5" where printed page 5 begins, so a delegate can
    quote "page 5, paragraph 12". A page that begins inside a paragraph is marked at the
    share of the paragraph's printed lines that came before it."""

    def __init__(self, block_y: Callable[[str], float | None], scroll_value: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._block_y = block_y
        self._scroll_value = scroll_value
        self.starts: dict[int, tuple[str, str | None, float]] = {}  # page -> (block, next block, share before)
        self.setFixedWidth(30)

    def set_starts(self, starts: dict[int, tuple[str, str | None, float]]) -> None:
        self.starts = dict(starts)
        self.setVisible(bool(starts))
        self.update()

    def marks(self) -> list[tuple[int, int]]:
        """(page, y in the margin) of each page start now in view."""
        out = []
        value = self._scroll_value()
        for page, (block_id, next_id, share) in sorted(self.starts.items()):
            y = self._block_y(block_id)
            if y is None:
                continue
            if share > 0 and next_id is not None:
                end = self._block_y(next_id)
                if end is not None and end > y:
                    y += share * (end - y)
            y = int(y) - value
            if -20 <= y <= self.height() + 20:
                out.append((page, y))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#f6f5f4"))
        font = painter.font()
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        painter.setFont(font)
        painter.setPen(QColor("#77767b"))
        last = -100
        for page, y in self.marks():
            if y - last < 14:
                continue  # two pages starting in one short block: the first is enough
            painter.drawLine(4, y, self.width() - 2, y)
            painter.drawText(QRectF(0, y + 1, self.width() - 2, 14), Qt.AlignmentFlag.AlignRight, str(page))
            last = y
        painter.end()

    def page_at(self, y: int) -> int | None:
        """The printed page the text at margin height `y` is on."""
        current = None
        for page, mark_y in self.marks():
            if mark_y <= y:
                current = page
        return current

    def event(self, event: object) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QToolTip

        if getattr(event, "type", lambda: None)() == QEvent.Type.ToolTip:
            page = self.page_at(event.pos().y())  # type: ignore[attr-defined]
            if page:
                QToolTip.showText(event.globalPos(), self.tr("Printed page %1").replace("%1", str(page)), self)  # type: ignore[attr-defined]
            return True
        return super().event(event)
