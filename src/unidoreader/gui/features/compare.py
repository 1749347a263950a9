"""Compare mode: a report beside its predecessor (or any other), what changed marked.

*Compare with…* on a reading pane proposes the report's predecessor in the library
(core.compare.propose_predecessor) and lets the user pick any other; the comparison runs
on the lane (core.compare.compare), the other report opens beside the pane, and then:

- the two panes scroll together by matched pairs (not by paragraph number): a paragraph
  added to the newer report holds the older pane at the place it was inserted;
- inserted text is marked in the newer pane, deleted text in the older; added and
  removed paragraphs are shaded; changed figures stand out; in a table, the cells;
- the Compare pane shows the summary ("12 changed · 5 added · 3 removed · 9 figures
  changed"), previous/next change, the changed figures (a click jumps to one), and
  exports the change summary as PDF (the print path) or the figures as CSV.

The GUI only shows a core `Comparison`; the alignment and the diff are the core's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unidoreader.core.errors import UnidoreaderError
from unidoreader.core.model import Report, Table
from unidoreader.gui import errors
from unidoreader.gui.features import DockSpec, Feature, MenuItem
from unidoreader.gui.features.panes import ReadingPanes, tables_of
from unidoreader.gui.lane import Job, Lane
from unidoreader.gui.reader import ReaderPane

if TYPE_CHECKING:
    from unidoreader.core.compare import Comparison
    from unidoreader.core.library import Entry, Library

INSERTED = QColor("#b7e4b9")  # text inserted, in the newer pane
DELETED = QColor("#f4b6b6")  # text deleted, in the older pane
ADDED_BLOCK = QColor("#e3f4e3")  # a whole paragraph added
REMOVED_BLOCK = QColor("#fbe3e3")  # a whole paragraph removed
MOVED_BLOCK = QColor("#e2ecfb")
FIGURE = QColor("#ffd866")  # a changed figure, both panes
CURRENT = QColor("#ff9f1a")  # the figure or change jumped to


class PickDialog(QDialog):
    """Which report to compare with: the library, the proposed predecessor first and selected."""

    def __init__(self, parent: QWidget, entries: "list[Entry]", current: str, proposed: "Entry | None") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare with…"))
        self.list = QListWidget()
        others = [e for e in entries if e.id != current]
        if proposed is not None:
            others.sort(key=lambda e: e.id != proposed.id)
        for entry in others:
            meta = entry.metadata
            when = self.tr("session %1").replace("%1", str(meta.session)) if meta.session else (str(meta.year) if meta.year else "")
            text = f"{meta.title or entry.source}   {when}".rstrip()
            if proposed is not None and entry.id == proposed.id:
                text += "   " + self.tr("(predecessor)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Compare the report with:")))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class ComparePanel(QWidget):
    """The Compare pane: summary, previous/next change, the changed figures, export."""

    figureActivated = Signal(int)  # index into Comparison.changed_figures

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("compareSummary")
        self.progress = QProgressBar()
        self.progress.hide()
        self.prev_button = QPushButton()
        self.next_button = QPushButton()
        self.pdf_button = QPushButton()
        self.csv_button = QPushButton()
        self.close_button = QPushButton()
        self.figures = QTreeWidget()
        self.figures.setColumnCount(3)
        self.figures.setRootIsDecorated(False)
        self.figures.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.figures.itemActivated.connect(lambda item, _c: self.figureActivated.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        self.figures.itemClicked.connect(lambda item, _c: self.figureActivated.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        # two buttons a row, so the pane is no wider than the search pane it shares a dock with
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)
        exports = QHBoxLayout()
        exports.addWidget(self.pdf_button)
        exports.addWidget(self.csv_button)
        ending = QHBoxLayout()
        ending.addStretch(1)
        ending.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addLayout(nav)
        layout.addWidget(self.figures, 1)
        layout.addLayout(exports)
        layout.addLayout(ending)
        self.retranslate()
        self.set_enabled(False)

    def retranslate(self) -> None:
        self.prev_button.setText(self.tr("◀ Previous change"))
        self.next_button.setText(self.tr("Next change ▶"))
        self.pdf_button.setText(self.tr("Export PDF…"))
        self.csv_button.setText(self.tr("Figures as CSV…"))
        self.close_button.setText(self.tr("End compare"))
        self.figures.setHeaderLabels([self.tr("Figure"), self.tr("Before"), self.tr("Now")])
        if not self.summary.text():
            self.summary.setText(self.tr("Use “Compare with…” on a report to see what changed since the last session."))

    def set_enabled(self, on: bool) -> None:
        for widget in (self.prev_button, self.next_button, self.pdf_button, self.csv_button, self.close_button):
            widget.setEnabled(on)

    def kind_name(self, kind: str) -> str:
        return {
            "symbol": self.tr("symbol"), "date": self.tr("date"), "percent": self.tr("percentage"),
            "money": self.tr("amount"), "ordinal": self.tr("session/ordinal"), "count": self.tr("count"),
            "number": self.tr("number"),
        }.get(kind, kind)

    def show_figures(self, comparison: Comparison) -> None:
        self.figures.clear()
        for number, (_pair, figure) in enumerate(comparison.changed_figures):
            item = QTreeWidgetItem([self.kind_name(figure.kind), figure.old or "", figure.new or ""])
            item.setData(0, Qt.ItemDataRole.UserRole, number)
            self.figures.addTopLevelItem(item)
        for column in range(3):
            self.figures.resizeColumnToContents(column)


class CompareFeature(Feature):
    """The *Compare with…* command and compare mode over two reading panes."""

    compared = Signal()  # a comparison is shown (tests wait for it)

    def __init__(self, parent: QWidget, lane: Lane, reading: ReadingPanes) -> None:
        super().__init__(parent)
        self.lane = lane
        self.reading = reading
        self.library: Library | None = None
        self.entries: list[Entry] = []
        self.comparison: Comparison | None = None
        self.old_pane: ReaderPane | None = None
        self.new_pane: ReaderPane | None = None
        self.changes: list[int] = []  # indices of pairs that are not `same`
        self.current_change = -1
        self._pending = 0
        self._scrolling = False
        self.panel = ComparePanel()
        self.panel.prev_button.clicked.connect(lambda: self.go_to_change(-1))
        self.panel.next_button.clicked.connect(lambda: self.go_to_change(+1))
        self.panel.close_button.clicked.connect(self.end)
        self.panel.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.panel.csv_button.clicked.connect(lambda: self.export_csv())
        self.panel.figureActivated.connect(self.go_to_figure)
        self.act_compare = self.action("compare_with", self.compare_with, "Ctrl+Shift+D")
        self.act_next = self.action("next_change", lambda: self.go_to_change(+1), "Alt+Down")
        self.act_prev = self.action("prev_change", lambda: self.go_to_change(-1), "Alt+Up")
        reading.paneAdded.connect(self._pane_added)
        self.lane.progress.connect(self._progress)

    # -- the window's questions -------------------------------------------------------------

    def docks(self) -> list[DockSpec]:
        return [DockSpec("compare", self.panel, Qt.DockWidgetArea.RightDockWidgetArea, lambda: self.tr("Compare"), tab_with="search")]

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("view", self.act_compare), MenuItem("view", self.act_next), MenuItem("view", self.act_prev)]

    def retranslate(self) -> None:
        self.act_compare.setText(self.tr("&Compare with…"))
        self.act_next.setText(self.tr("Next change"))
        self.act_prev.setText(self.tr("Previous change"))
        self.panel.retranslate()
        if self.comparison is not None:
            self.panel.summary.setText(self.summary_text())
        for pane in self.reading.panes:
            button = getattr(pane, "_compare_button", None)
            if button is not None:
                button.setToolTip(self.tr("Compare this report with another (its predecessor is proposed)"))

    def library_loaded(self, library: "Library") -> None:
        self.library = library

    def entries_changed(self, entries: "list[Entry]") -> None:
        self.entries = entries

    def busy(self) -> bool:
        return self._pending > 0

    # -- starting ---------------------------------------------------------------------------------

    def _pane_added(self, pane: ReaderPane) -> None:
        """A "Compare with…" button in the pane's title bar, and the pane's scrolling."""
        from PySide6.QtWidgets import QToolButton

        button = QToolButton()
        button.setAutoRaise(True)
        button.setText("⇄")  # as narrow as the close button: a pane can be made narrow
        button.setToolTip(self.tr("Compare this report with another (its predecessor is proposed)"))
        button.clicked.connect(lambda: self.compare_with(pane=pane))
        layout = pane.title.parentWidget().layout()
        layout.insertWidget(layout.count() - 1, button)
        pane._compare_button = button  # type: ignore[attr-defined]
        pane.view.verticalScrollBar().valueChanged.connect(lambda _v, p=pane: self._scrolled(p))
        pane.destroyed.connect(lambda *_: self._pane_gone(pane))

    def proposed(self, doc_id: str) -> "Entry | None":
        from unidoreader.core.compare import propose_predecessor

        return propose_predecessor(doc_id, self.entries)

    def compare_with(self, _checked: bool = False, pane: ReaderPane | None = None, other: str | None = None) -> None:
        """Ask which report (the predecessor proposed), then compare on the lane."""
        pane = pane if isinstance(pane, ReaderPane) else self.reading.active
        if pane is None or pane.report is None:
            self.inform(self.tr("Compare"), self.tr("Open a report first."))
            return
        if other is None:
            dialog = PickDialog(self.parent_widget, self.entries, pane.report.id, self.proposed(pane.report.id))
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
                return
            other = dialog.chosen()
        self.start(pane, other)

    def start(self, pane: ReaderPane, other_id: str) -> None:
        """Compare the report of `pane` with the library document `other_id` (older one
        on the left, by session or year), off the GUI thread."""
        assert self.library is not None and pane.report is not None
        self.end()
        library = self.library
        mine = pane.report
        cached = self.reading.reports.get(other_id)
        self._pending += 1
        self.panel.progress.setRange(0, 4)
        self.panel.progress.setValue(0)
        self.panel.progress.show()
        self.panel.summary.setText(self.tr("Comparing…"))
        self.showPane.emit(self.panel)

        def work(job: Job) -> tuple[tuple[Report, list[Table]], Comparison, bool]:
            value = cached or (lambda r: (r, tables_of(r)))(library.report(other_id))
            other = value[0]
            mine_first = _older(mine, other)
            old, new = (mine, other) if mine_first else (other, mine)
            from unidoreader.core.compare import compare

            return value, compare(old, new, progress=job.progress), mine_first

        def done(result: tuple[tuple[Report, list[Table]], Comparison, bool]) -> None:
            self._pending -= 1
            value, comparison, mine_first = result
            self.panel.progress.hide()
            if pane not in self.reading.panes:
                self.workDone.emit()
                return
            self.reading.reports[other_id] = value
            other_pane = self.reading.new_pane()
            self.reading.open_document(other_id, pane=other_pane)  # shown at once: the report is read
            index = self.reading.splitter.indexOf(pane)
            self.reading.splitter.insertWidget(index + (1 if mine_first else 0), other_pane)
            self.reading.splitter.setSizes([1000] * self.reading.splitter.count())
            self.show(comparison, pane if mine_first else other_pane, other_pane if mine_first else pane)
            self.reading.set_active(pane)
            self.workDone.emit()

        def failed(error: BaseException) -> None:
            self._pending -= 1
            self.panel.progress.hide()
            self.panel.summary.setText("")
            self.warn(self.tr("Compare"), errors.describe(error))
            self.workDone.emit()

        self.lane.submit(self.tr("Comparing…"), work, done, failed)

    def _progress(self, done: int, total: int, message: str) -> None:
        if self._pending and self.panel.progress.isVisible():
            self.panel.progress.setRange(0, max(total, 1))
            self.panel.progress.setValue(done)

    # -- showing ----------------------------------------------------------------------------------

    def show(self, comparison: Comparison, old_pane: ReaderPane, new_pane: ReaderPane) -> None:
        """Compare mode over two panes already showing the comparison's reports."""
        self.comparison = comparison
        self.old_pane, self.new_pane = old_pane, new_pane
        old_pane.in_compare = new_pane.in_compare = True
        self.changes = [n for n, pair in enumerate(comparison.pairs) if pair.is_change]
        self.current_change = -1
        self.panel.summary.setText(self.summary_text())
        self.panel.show_figures(comparison)
        self.panel.set_enabled(True)
        self._mark()
        self.compared.emit()

    def summary_text(self) -> str:
        from unidoreader.core import compare as core_compare  # loaded by the comparison shown

        s = self.comparison.summary() if self.comparison else {}
        text = self.tr("%1 changed · %2 added · %3 removed · %4 figures changed")
        for key, value in (("%1", s.get(core_compare.CHANGED, 0)), ("%2", s.get(core_compare.ADDED, 0)), ("%3", s.get(core_compare.REMOVED, 0)), ("%4", s.get("figures", 0))):
            text = text.replace(key, str(value))
        if s.get(core_compare.MOVED):
            text += " · " + self.tr("%1 moved").replace("%1", str(s[core_compare.MOVED]))
        return text

    def _mark(self, current: tuple[str, str, int, int] | None = None) -> None:
        """Colour both panes; `current` (side, block, start, end) is the place jumped to."""
        from unidoreader.core import compare as core_compare  # loaded by the comparison shown

        comparison, old_pane, new_pane = self.comparison, self.old_pane, self.new_pane
        if comparison is None or old_pane is None or new_pane is None:
            return
        marks: dict[str, list[tuple[int, int, QColor]]] = {"old": [], "new": []}
        panes = {"old": old_pane, "new": new_pane}

        def whole(side: str, block: str, color: QColor) -> None:
            pane = panes[side]
            start, end = pane.map.block_start.get(block), pane.map.block_end.get(block)
            if start is not None and end is not None:
                marks[side].append((start, end, color))

        def spans(side: str, block: str, a: int, b: int, color: QColor) -> None:
            for x, y in panes[side].document_spans(block, [(a, b)]):
                marks[side].append((x, y, color))

        for pair in comparison.pairs:
            if pair.status == core_compare.ADDED:
                for block in pair.new:
                    whole("new", block, ADDED_BLOCK)
            elif pair.status == core_compare.REMOVED:
                for block in pair.old:
                    whole("old", block, REMOVED_BLOCK)
            elif pair.status == core_compare.MOVED:
                for block in pair.old:
                    whole("old", block, MOVED_BLOCK)
                for block in pair.new:
                    whole("new", block, MOVED_BLOCK)
            for change in pair.changes:
                for block, a, b in change.old_at:
                    spans("old", block, a, b, DELETED)
                for block, a, b in change.new_at:
                    spans("new", block, a, b, INSERTED)
            for figure in pair.figures:
                if figure.changed:
                    spans("old", *figure.old_at, FIGURE)
                    spans("new", *figure.new_at, FIGURE)
        if current is not None:
            side, block, a, b = current
            spans(side, block, a, b, CURRENT)
        old_pane.set_compare_marks(marks["old"])
        new_pane.set_compare_marks(marks["new"])

    # -- moving -----------------------------------------------------------------------------------

    def go_to_change(self, step: int) -> None:
        if not self.changes:
            return
        self.current_change = (self.current_change + step) % len(self.changes) if self.current_change >= 0 or step > 0 else len(self.changes) - 1
        self.go_to_pair(self.changes[self.current_change])
        self.message.emit(self.tr("Change %1 of %2").replace("%1", str(self.current_change + 1)).replace("%2", str(len(self.changes))))

    def go_to_pair(self, number: int, current: tuple[str, str, int, int] | None = None) -> None:
        """Both panes at pair `number`: its first block at the top of each side that has one."""
        assert self.comparison is not None and self.old_pane is not None and self.new_pane is not None
        pair = self.comparison.pairs[number]
        self._scrolling = True
        try:
            if pair.new:
                self.new_pane.scroll_to_block(pair.new[0])
            if pair.old:
                self.old_pane.scroll_to_block(pair.old[0])
        finally:
            self._scrolling = False
        if not pair.old:
            self._follow(self.new_pane)
        elif not pair.new:
            self._follow(self.old_pane)
        self._mark(current)

    def go_to_figure(self, index: int) -> None:
        """Jump to a changed figure: each pane shows its value a quarter down the view,
        the newer one's marked as the current place."""
        if self.comparison is None or self.old_pane is None or self.new_pane is None:
            return
        number, figure = self.comparison.changed_figures[index]
        self.go_to_pair(number, ("new", *figure.new_at) if figure.new_at else None)
        self._scrolling = True
        try:
            for pane, at in ((self.new_pane, figure.new_at), (self.old_pane, figure.old_at)):
                if not at:
                    continue
                block, a, _b = at
                positions = pane.document_spans(block, [(a, a + 1)])
                if positions:
                    y = _position_y(pane, positions[0][0])
                    pane.view.verticalScrollBar().setValue(max(0, int(y) - pane.viewport.height() // 4))
        finally:
            self._scrolling = False
        self.message.emit(self.tr("%1 → %2").replace("%1", figure.old or "").replace("%2", figure.new or ""))

    # -- aligned scrolling ---------------------------------------------------------------------

    def _scrolled(self, pane: ReaderPane) -> None:
        if not self._scrolling and self.comparison is not None and pane in (self.old_pane, self.new_pane):
            self._follow(pane)

    def _follow(self, source: ReaderPane) -> None:
        """Scroll the other pane to the counterpart of the block at the top of `source`,
        the same fraction into it; a block with no counterpart (added, removed, moved)
        holds the other pane just after the counterpart of the last matched block before it."""
        from unidoreader.core import compare as core_compare  # loaded by the comparison shown

        comparison = self.comparison
        if comparison is None or self.old_pane is None or self.new_pane is None:
            return
        is_new = source is self.new_pane
        target = self.old_pane if is_new else self.new_pane
        block, offset = source.top_block()
        if block is None:
            return
        number = comparison.pair_of_new(block) if is_new else comparison.pair_of_old(block)
        if number is None:
            return
        top, bottom = _block_extent(source, block)
        fraction = min(1.0, offset / (bottom - top)) if bottom > top else 0.0
        mine = (lambda p: p.new) if is_new else (lambda p: p.old)
        theirs = (lambda p: p.old) if is_new else (lambda p: p.new)
        counterpart = None
        n = number
        while n >= 0:
            pair = comparison.pairs[n]
            if theirs(pair) and mine(pair) and pair.status != core_compare.MOVED:
                counterpart = pair
                break
            n -= 1
        self._scrolling = True
        try:
            bar = target.view.verticalScrollBar()
            if counterpart is None:
                bar.setValue(0)
            elif n == number:
                t_top, t_bottom = _block_extent(target, theirs(counterpart)[0])
                bar.setValue(int(t_top + fraction * (t_bottom - t_top)))
            else:  # inside an insertion: the other side waits at the end of the last match
                _t_top, t_bottom = _block_extent(target, theirs(counterpart)[-1])
                bar.setValue(int(t_bottom))
        finally:
            self._scrolling = False

    # -- ending and exporting --------------------------------------------------------------------

    def end(self) -> None:
        """Leave compare mode (the panes stay open)."""
        for pane in (self.old_pane, self.new_pane):
            if pane is not None and pane in self.reading.panes:
                pane.in_compare = False
                pane.set_compare_marks([])
        self.comparison = None
        self.old_pane = self.new_pane = None
        self.changes = []
        self.panel.figures.clear()
        self.panel.summary.setText("")
        self.panel.set_enabled(False)
        self.panel.retranslate()

    def _pane_gone(self, pane: ReaderPane) -> None:
        """One of the two panes was closed: compare mode ends, the other pane scrolls by number again."""
        if not shiboken6.isValid(self.panel):  # the window is going: nothing to update
            return
        if pane is self.old_pane or pane is self.new_pane:
            survivor = self.new_pane if pane is self.old_pane else self.old_pane
            self.old_pane = self.new_pane = None
            if survivor is not None and survivor in self.reading.panes:
                survivor.in_compare = False
                survivor.set_compare_marks([])
            self.end()

    def export_pdf(self, output: Path | None = None) -> Path | None:
        if self.comparison is None:
            return None
        if not isinstance(output, Path):
            from unidoreader.gui import dialogs  # (Qt's file dialog classes: loaded when first asked for)

            name = dialogs.save_file_name(self.parent_widget, self.tr("Export PDF"), str(Path.home() / "changes.pdf"), self.tr("PDF files (*.pdf)"))
            if not name:
                return None
            output = Path(name)
        from unidoreader.core.compare_export import comparison_html
        from unidoreader.core.export import running_title
        from unidoreader.gui.printing import Printable, render_printables_pdf

        title = f"{running_title(self.comparison.old)} → {running_title(self.comparison.new)}"
        try:
            pages = render_printables_pdf([Printable(comparison_html(self.comparison), title, "变动摘要")], output)
        except (UnidoreaderError, OSError) as error:
            self.warn(self.tr("Export PDF"), errors.describe(error))
            return None
        self.message.emit(self.tr("Saved %1 (%2 pages)").replace("%1", str(output)).replace("%2", str(pages)))
        return output

    def export_csv(self, output: Path | None = None) -> Path | None:
        if self.comparison is None:
            return None
        if not isinstance(output, Path):
            from unidoreader.gui import dialogs

            name = dialogs.save_file_name(self.parent_widget, self.tr("Figures as CSV"), str(Path.home() / "figures.csv"), self.tr("CSV files (*.csv)"))
            if not name:
                return None
            output = Path(name)
        from unidoreader.core.compare_export import write_figures_csv

        try:
            write_figures_csv(self.comparison, output)
        except OSError as error:
            self.warn(self.tr("Figures as CSV"), str(error.strerror or error))
            return None
        self.message.emit(self.tr("Saved %1").replace("%1", str(output)))
        return output

    def close(self) -> None:
        self.end()


def _older(a: Report, b: Report) -> bool:
    """True when `a` comes before `b` (session, else year, else a /Rev. after its original)."""
    ma, mb = a.metadata, b.metadata
    for x, y in ((ma.session, mb.session), (ma.year, mb.year)):
        if x is not None and y is not None and x != y:
            return x < y
    if ma.symbol and mb.symbol and ma.symbol != mb.symbol:
        if ma.symbol.lower().startswith(mb.symbol.lower()):
            return False  # a is the /Rev. or /Corr. of b
        if mb.symbol.lower().startswith(ma.symbol.lower()):
            return True
    return False  # the report picked to compare with is the older one


def _block_extent(pane: ReaderPane, block_id: str) -> tuple[float, float]:
    """Top and bottom of a block in the pane's document, in pixels."""
    start, end = pane.map.block_start.get(block_id), pane.map.block_end.get(block_id)
    if start is None or end is None:
        return 0.0, 0.0
    doc = pane.view.document()
    layout = doc.documentLayout()
    first = doc.findBlock(start + 1 if start + 1 < doc.characterCount() else start)
    last = doc.findBlock(max(start, end - 1))
    top = layout.blockBoundingRect(first).top()
    return top, max(top, layout.blockBoundingRect(last).bottom())


def _position_y(pane: ReaderPane, position: int) -> float:
    doc = pane.view.document()
    block = doc.findBlock(position)
    top = doc.documentLayout().blockBoundingRect(block).top()
    line = block.layout().lineForTextPosition(position - block.position())
    return top + (line.y() if line.isValid() else 0.0)
