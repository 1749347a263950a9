"""The printed page beside the text, per reading pane (for reports imported as PDF).

Each pane gets a "Page" button: it shows the pane's PDF pages (gui/page_view.PageView)
beside the reflowed text. The block at the top of the text is highlighted on the page
and the pages follow the text as it scrolls; scrolling the pages moves the text to the
block at their top; a click on the page goes to that block. Which panes show their
pages is remembered across restarts. The margin of every PDF report's text says where
each printed page begins (gui/page_view.PageMarks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolButton, QWidget

from unidoreader.gui.features import Feature, MenuItem
from unidoreader.gui.lane import Job, Lane
from unidoreader.gui.page_view import PageMarks, PageRenderer, PageView, PrintedPages
from unidoreader.gui.reader import ReaderPane

if TYPE_CHECKING:
    from unidoreader.core.library import Library
    from unidoreader.core.model import Report
    from unidoreader.core.userdata import UserData
    from unidoreader.gui.features.panes import ReadingPanes

STATE_KEY = "page_view.panes"



class _PaneSide:
    """What this feature adds to one pane."""

    def __init__(self, feature: "PagesFeature", pane: ReaderPane) -> None:
        self.feature = feature
        self.pane = pane
        self.wanted = False  # the user asked for the page view (kept while a report loads)
        self.pages: PrintedPages | None = None
        self.loading_for: str | None = None
        self.following = False
        self.button = QToolButton()
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setEnabled(False)
        self.button.hide()  # shown for reports that have printed pages (it costs a pane's title room)
        self.button.toggled.connect(self.set_wanted)
        pane.header_layout.insertWidget(pane.header_layout.count() - 1, self.button)
        self._view: PageView | None = None  # made when first shown or given pages (most reports have none)
        self.marks = PageMarks(pane.block_y, lambda: pane.view.verticalScrollBar().value())
        self.marks.hide()
        pane.text_layout.insertWidget(0, self.marks)
        pane.view.verticalScrollBar().valueChanged.connect(lambda _v: self.marks.update())
        pane.reportSet.connect(lambda _pane: self.report_changed())
        pane.topBlockChanged.connect(lambda _pane, block: self.text_scrolled(block))
        self.retranslate()

    @property
    def view(self) -> PageView:
        """The pane's page view, made on first use: a pane whose report has no printed
        pages never needs one (and the window shows sooner without them)."""
        if self._view is None:
            view = PageView(self.feature.renderer)
            view.hide()
            self.pane.body.addWidget(view)
            view.blockClicked.connect(self.page_clicked)
            view.topBlockChanged.connect(self.pages_scrolled)
            self._view = view
        return self._view

    def retranslate(self) -> None:
        self.button.setText(QCoreApplication.translate("PagesFeature", "Page"))
        self.button.setToolTip(QCoreApplication.translate("PagesFeature", "Show the printed page beside the text"))
        if self._view is not None:
            self._view.retranslate()

    # -- the report -------------------------------------------------------------------------------

    def report_changed(self) -> None:
        report = self.pane.report
        printed = report is not None and any(block.pages for block in report.blocks)
        self.marks.set_starts(_page_starts(report) if printed and report else {})
        if self.pages is not None and report is not None and self.pages.doc_id == report.id:
            return
        self.pages = None
        if self._view is not None:
            self._view.set_pages(None)
        library = self.feature.library
        has_original = printed and library is not None and report is not None and report.id in library and _is_pdf(library, report.id)
        self.button.setEnabled(bool(has_original))
        self.button.setVisible(bool(has_original))
        if has_original and report is not None:
            self.load(report)
        elif self._view is not None:
            self._view.hide()

    def load(self, report: "Report") -> None:
        library = self.feature.library
        assert library is not None
        if self.loading_for == report.id:
            return
        self.loading_for = report.id
        doc_id = report.id

        def run(job: Job) -> PrintedPages:
            path = library.original_path(doc_id)
            source = library.source(doc_id)
            assert path is not None and source is not None
            return PrintedPages.of(doc_id, path.read_bytes(), list(source.page_sizes), report)

        def done(pages: PrintedPages) -> None:
            self.loading_for = None
            if self.pane.report is None or self.pane.report.id != pages.doc_id:
                return
            self.pages = pages
            self.view.set_pages(pages)
            self.apply()

        def failed(error: BaseException) -> None:
            self.loading_for = None
            self.button.setEnabled(False)
            self.button.hide()
            self.feature.message.emit(str(error))

        self.feature.renderer.submit("pages", run, done, failed)

    # -- showing -----------------------------------------------------------------------------------

    def set_wanted(self, on: bool) -> None:
        self.wanted = on
        if self.button.isChecked() != on:
            self.button.setChecked(on)
        self.apply()

    def apply(self) -> None:
        show = self.wanted and self.pages is not None
        if show or self._view is not None:
            self.view.setVisible(show)
        if show:
            sizes = self.pane.body.sizes()
            if len(sizes) == 2 and sizes[1] < 50:
                total = sum(sizes)
                self.pane.body.setSizes([total // 2, total - total // 2])
            # (once the view has its size: a scroll made before is clamped to the old range)
            QTimer.singleShot(0, self.follow_text)

    def follow_text(self) -> None:
        block, _offset = self.pane.reading_position()
        if block:
            self.text_scrolled(block)

    @property
    def showing(self) -> bool:
        return self._view is not None and self._view.isVisible() and self.pages is not None

    # -- following ---------------------------------------------------------------------------------

    def text_scrolled(self, block: str) -> None:
        """The text moved: the page follows, its top block highlighted."""
        if self.following or not self.showing:
            return
        self.following = True
        try:
            self.view.show_block(self._printed_block(block))
        finally:
            self.following = False

    def pages_scrolled(self, block: str) -> None:
        """The user scrolled the pages: the text follows."""
        if self.following:
            return
        self.following = True
        try:
            self.pane.scroll_to_block(block)
        finally:
            self.following = False

    def page_clicked(self, block: str) -> None:
        self.following = True
        try:
            self.pane.scroll_to_block(block)
        finally:
            self.following = False
        self.pane.activated.emit(self.pane)

    def _printed_block(self, block: str) -> str:
        """The block itself, or (for a heading-less cover note and the like) the next one printed."""
        if self.pages is None or block in self.pages.boxes or self.pane.report is None:
            return block
        ids = [b.id for b in self.pane.report.blocks]
        if block in ids:
            for later in ids[ids.index(block):]:
                if later in self.pages.boxes:
                    return later
        return block


def _page_starts(report: "Report") -> dict[int, tuple[str, str | None, float]]:
    """For each printed page: the block it begins in, the block after that, and the share
    of that block's printed lines that come before the page."""
    starts: dict[int, tuple[str, str | None, float]] = {}
    blocks = list(report.blocks)
    for k, block in enumerate(blocks):
        nxt = blocks[k + 1].id if k + 1 < len(blocks) else None
        lines = [box[0] for box in block.boxes] or list(block.pages)
        for page in block.pages:
            if page not in starts:
                before = sum(1 for p in lines if p < page)
                starts[page] = (block.id, nxt, before / len(lines) if lines else 0.0)
    return starts


def _is_pdf(library: "Library", doc_id: str) -> bool:
    try:
        path = library.original_path(doc_id)
    except Exception:  # a document that just left the library
        return False
    return path is not None and path.suffix == ".pdf"


class PagesFeature(Feature):
    """The page view of every pane, and the command that toggles it in the active one."""

    def __init__(self, parent: QWidget, reading: "ReadingPanes") -> None:
        super().__init__(parent)
        self.reading = reading
        self.library: Library | None = None
        self.renderer = PageRenderer(self)
        self.sides: dict[ReaderPane, _PaneSide] = {}
        self._restoring: list[bool] = []
        self.act_toggle = self.action("page_view", self.toggle, QKeySequence("Ctrl+Shift+P"), checkable=True)
        reading.paneAdded.connect(self.pane_added)
        reading.activeChanged.connect(self._active_changed)

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("view", self.act_toggle)]

    def retranslate(self) -> None:
        self.act_toggle.setText(self.tr("Printed &page beside the text"))
        for side in self.sides.values():
            side.retranslate()

    def library_loaded(self, library: "Library") -> None:
        self.library = library
        for side in self.sides.values():
            side.report_changed()

    def side(self, pane: ReaderPane) -> _PaneSide:
        return self.sides[pane]

    def pane_added(self, pane: ReaderPane) -> None:
        side = _PaneSide(self, pane)
        self.sides[pane] = side
        pane.destroyed.connect(lambda *_: self.sides.pop(pane, None))
        if self._restoring:
            side.set_wanted(self._restoring.pop(0))

    def toggle(self) -> None:
        pane = self.reading.active
        if pane is None or pane not in self.sides:
            return
        side = self.sides[pane]
        side.set_wanted(not side.wanted)
        self.act_toggle.setChecked(side.wanted)
        if side.wanted and side.pages is None and not side.button.isEnabled():
            self.message.emit(self.tr("This report has no printed pages here (only reports imported as PDF have)."))

    def _active_changed(self, pane: ReaderPane | None) -> None:
        side = self.sides.get(pane) if pane is not None else None
        self.act_toggle.setChecked(bool(side and side.wanted))

    # -- across restarts --------------------------------------------------------------------------------

    def save_state(self, userdata: "UserData") -> None:
        wanted = [self.sides[p].wanted if p in self.sides else False for p in self.reading.panes if p.report is not None]
        userdata.set_state(STATE_KEY, wanted)

    def restore_state(self, userdata: "UserData") -> None:
        saved = userdata.state(STATE_KEY, [])
        self._restoring = [bool(x) for x in saved] if isinstance(saved, list) else []

    def busy(self) -> bool:
        return self.renderer.busy

    def close(self) -> None:
        self.renderer.shutdown()
