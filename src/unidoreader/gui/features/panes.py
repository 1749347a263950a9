"""The reading panes: reports side by side in a splitter, the active one, opening a
document into a pane (read on the lane), and the reading tools (find, zoom, cycling)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from unidoreader.core.model import BlockKind, Report, Table
from unidoreader.gui.features import Feature, MenuItem
from unidoreader.gui.lane import Job, Lane
from unidoreader.gui.reader import ReaderPane
from unidoreader.gui.errors import describe

if TYPE_CHECKING:
    from unidoreader.core.library import Entry, Library
    from unidoreader.core.userdata import UserData


def doc_for_ref(entries: "list[Entry]", ref: str) -> str | None:
    """A library id for `ref`: an id, a unique id prefix, or a unique prefix of a
    source file name ("004" for 004_7c2c….txt, as the seeds are named)."""
    ids = [e.id for e in entries]
    if ref in ids:
        return ref
    for candidates in ([i for i in ids if i.startswith(ref)], [e.id for e in entries if e.source.startswith(ref)]):
        if len(candidates) == 1:
            return candidates[0]
    return None


def tables_of(report: Report) -> list[Table]:
    """The report's recovered tables. Only `table` blocks hold tables, so a report
    without any (most session reports) never loads the table engine (a few dozen
    regular expressions, compiled at import)."""
    if not any(block.kind is BlockKind.TABLE for block in report.blocks):
        return []
    from unidoreader.core.tables import recover_tables

    return recover_tables(report)


class ReadingPanes(Feature):
    """Owns the central widget (the panes' splitter, or a hint while none is open), the
    panes, the active pane and the reports read so far."""

    activeChanged = Signal(object)  # the active ReaderPane, or None
    paneAdded = Signal(object)  # a new ReaderPane (features connect to its signals here)
    topBlockChanged = Signal(object, str)  # pane, block id at its top

    def __init__(self, parent: QWidget, lane: Lane, userdata: "UserData | None") -> None:
        super().__init__(parent)
        self.lane = lane
        self.userdata = userdata
        self.library: Library | None = None
        self.entries: list[Entry] = []
        self.panes: list[ReaderPane] = []
        self.active: ReaderPane | None = None
        self.reports: dict[str, tuple[Report, list[Table]]] = {}
        self.pending_loads = 0
        self.reading_style: tuple[int, int] | None = None  # font size (0: default), line spacing

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(5)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #77767b; font-size: 15px;")
        self.widget = QWidget()
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.splitter, 1)
        self.splitter.hide()

        K = QKeySequence.StandardKey
        self.act_find = self.action("find", self.find, QKeySequence(K.Find))
        self.act_find_next = self.action("find_next", lambda: self.active and self.active.find_next(), QKeySequence(K.FindNext))
        self.act_find_prev = self.action("find_prev", lambda: self.active and self.active.find_previous(), QKeySequence(K.FindPrevious))
        self.act_zoom_in = self.action("zoom_in", lambda: self.zoom(+1), QKeySequence(K.ZoomIn))
        self.act_zoom_out = self.action("zoom_out", lambda: self.zoom(-1), QKeySequence(K.ZoomOut))
        self.act_zoom_reset = self.action("zoom_reset", lambda: self.zoom(None), "Ctrl+0")
        self.act_close_pane = self.action("close_pane", lambda: self.active and self.close_pane(self.active), "Ctrl+W")
        self.act_next_pane = self.action("next_pane", lambda: self.cycle(+1), "F6")
        self.act_prev_pane = self.action("prev_pane", lambda: self.cycle(-1), "Shift+F6")

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("view", a) for a in self.actions()]

    def retranslate(self) -> None:
        for action, text in (
            (self.act_find, self.tr("&Find in report…")),
            (self.act_find_next, self.tr("Find &next")),
            (self.act_find_prev, self.tr("Find &previous")),
            (self.act_zoom_in, self.tr("Zoom &in")),
            (self.act_zoom_out, self.tr("Zoom &out")),
            (self.act_zoom_reset, self.tr("&Actual size")),
            (self.act_close_pane, self.tr("&Close pane")),
            (self.act_next_pane, self.tr("Next pane")),
            (self.act_prev_pane, self.tr("Previous pane")),
        ):
            action.setText(text)
        self.placeholder.setText(self.tr("Open a report from the library (double-click, or Ctrl+Enter for a new pane).\nDrop report files here to import them."))
        self._typeset_all(lambda pane: pane.retranslate())

    def set_reading_style(self, font_size: int, line_spacing: int) -> None:
        """The reader's font size (points, 0: the default) and line spacing, for every pane."""
        self.reading_style = (font_size, line_spacing)
        self._typeset_all(lambda pane: pane.set_reading_style(font_size or None, line_spacing))

    def _typeset_all(self, change: Any) -> None:
        """Apply `change` (which typesets a pane anew) to every pane, each keeping its place.
        Their scroll bars stay quiet meanwhile: a pane reset to the top must not drag the
        others along (synchronised scrolling)."""
        places = [(pane, pane.reading_position()) for pane in self.panes]
        bars = [pane.view.verticalScrollBar() for pane in self.panes]
        for bar in bars:
            bar.blockSignals(True)
        try:
            for pane, (block, offset) in places:
                change(pane)
                if block:
                    pane.scroll_to_block(block, offset)
        finally:
            for bar in bars:
                bar.blockSignals(False)

    def library_loaded(self, library: "Library") -> None:
        self.library = library

    def entries_changed(self, entries: "list[Entry]") -> None:
        self.entries = entries

    def busy(self) -> bool:
        return self.pending_loads > 0 or any(pane.moving() for pane in self.panes)

    # -- opening documents ------------------------------------------------------------------

    def library_doc_for(self, ref: str) -> str | None:
        """A library id for `ref` (see doc_for_ref)."""
        return doc_for_ref(self.entries, ref)

    def open_refs(self, refs: list[str]) -> None:
        """Open documents named as on the command line, each in a new pane, as `open_ref`
        does. The panes of those already read (the library's, at start) are all made and
        laid out side by side first: each report is then typeset once, at its pane's
        final width (opened one by one, a report was laid out at the whole width, then
        again at each narrower one as the next pane came)."""
        ready = [(ref, doc) for ref in refs if (doc := self.library_doc_for(ref)) is not None and doc in self.reports]
        panes = [self.new_pane() for _ready in ready]
        for pane in panes:
            layout = pane.layout()
            if layout is not None:
                layout.activate()
        for pane, (_ref, doc) in zip(panes, ready):
            self.set_active(pane)  # as a new pane is when its report comes
            block = self.userdata.position(doc) if self.userdata else None  # resume where it was read
            self.open_document(doc, pane=pane, block=block)
        for ref in refs:
            if not any(ref == r for r, _doc in ready):
                self.open_ref(ref)

    def open_ref(self, ref: str, **where: Any) -> None:
        """Open a document named as on the command line (id, id prefix, source name or path)."""
        assert self.library is not None
        doc_id = self.library_doc_for(ref)
        if doc_id is not None:
            self.open_document(doc_id, True, **where)
            return
        self.pending_loads += 1
        library = self.library

        def load(job: Job) -> tuple[Report, list[Table]]:
            report = library.resolve(ref)
            return report, tables_of(report)

        def done(value: tuple[Report, list[Table]]) -> None:
            self.pending_loads -= 1
            self.reports[value[0].id] = value
            self._show_in_pane(self.new_pane(), value, **where)
            self.workDone.emit()

        self.lane.submit(self.tr("Opening %1…").replace("%1", ref), load, done, self._load_failed)

    def open_document(self, doc_id: str, new_pane: bool = False, block: str | None = None, offsets: Any = (), offset: float = 0.0, pane: ReaderPane | None = None, zoom: int | None = None,
                      align_key: Any = None) -> None:
        """Show a library document: in `pane`, in a new pane, or where it is already open.
        A report opened in a new pane without a place to show resumes where it was last read;
        with `align_key` (chapter, section, paragraph of another pane) it opens at the
        corresponding place (the other language version, features/languages.py)."""
        if pane is None and not new_pane:
            pane = next((p for p in ([self.active] if self.active else []) + self.panes if p.doc_id == doc_id), None)
            if pane is None:
                new_pane = True
        if pane is None and block is None and self.userdata and align_key is None:
            block = self.userdata.position(doc_id)
        target = pane

        def show(value: tuple[Report, list[Table]]) -> None:
            nonlocal target
            if target is None or target not in self.panes:
                target = self.new_pane()
            if zoom is not None:
                target.set_zoom(zoom)
            self._show_in_pane(target, value, block=block, offsets=offsets, offset=offset)
            if align_key is not None and target.report is not None:
                from unidoreader.gui.alignment import Alignment

                key = tuple(align_key)
                neutral = Alignment.of(target.report, neutral=True)  # keys another language version shares
                found = neutral.match(key)  # type: ignore[arg-type]
                if found is not None:
                    target.scroll_to_block(found, offset if neutral.keys.get(found) == key else 0.0)

        if doc_id in self.reports:
            show(self.reports[doc_id])
            return
        assert self.library is not None
        library = self.library
        self.pending_loads += 1
        if target is None:
            target = self.new_pane()

        def load(job: Job) -> tuple[Report, list[Table]]:
            report = library.report(doc_id)
            return report, tables_of(report)

        def done(value: tuple[Report, list[Table]]) -> None:
            self.pending_loads -= 1
            self.reports[doc_id] = value
            show(value)
            self.workDone.emit()

        entry_title = next((e.metadata.title or e.source for e in self.entries if e.id == doc_id), doc_id)
        self.lane.submit(self.tr("Opening %1…").replace("%1", entry_title), load, done, self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        self.pending_loads -= 1
        self.failed.emit(str(error))
        for pane in [p for p in self.panes if p.report is None]:
            self.close_pane(pane)
        self.warn(self.tr("Cannot open the report"), describe(error))
        self.workDone.emit()

    def forget(self, doc_id: str) -> None:
        """A document left the library: close its panes, drop its cached report."""
        for pane in [p for p in self.panes if p.doc_id == doc_id]:
            self.close_pane(pane)
        self.reports.pop(doc_id, None)

    # -- panes ------------------------------------------------------------------------------------

    def new_pane(self) -> ReaderPane:
        pane = ReaderPane()
        if self.reading_style is not None:
            pane.set_reading_style(self.reading_style[0] or None, self.reading_style[1])
        pane.activated.connect(self.set_active)
        pane.topBlockChanged.connect(self.topBlockChanged)
        pane.closeRequested.connect(self.close_pane)
        pane.placed.connect(lambda _pane: self.workDone.emit())  # the window may be settled now
        self.panes.append(pane)
        self.splitter.addWidget(pane)
        self.splitter.setSizes([1000] * len(self.panes))
        self.placeholder.hide()
        self.splitter.show()
        self.paneAdded.emit(pane)
        self.set_active(pane)
        return pane

    def _show_in_pane(self, pane: ReaderPane, value: tuple[Report, list[Table]], block: str | None = None, offsets: Any = (), offset: float = 0.0) -> None:
        report, tables = value
        if pane.report is not report:
            notes = {n.block: n.text for n in self.userdata.notes(report.id)} if self.userdata else {}
            pane.set_report(report, tables, notes)
        if block and offsets:
            pane.highlight_hit(block, offsets)
        elif block:
            pane.scroll_to_block(block, offset)
        if pane is self.active:
            self.activeChanged.emit(pane)
        elif block:  # a hit, bookmark or note was opened there: that is where the user reads now
            self.set_active(pane)

    def set_active(self, pane: ReaderPane) -> None:
        if pane is self.active:
            return
        self.active = pane
        for p in self.panes:
            p.set_active(p is pane)
        self.activeChanged.emit(pane)

    def close_pane(self, pane: ReaderPane) -> None:
        if pane not in self.panes:
            return
        self.remember_position(pane)
        self.panes.remove(pane)
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        if self.active is pane:
            self.active = None
            if self.panes:
                self.set_active(self.panes[-1])
            else:
                self.activeChanged.emit(None)
        if not self.panes:
            self.splitter.hide()
            self.placeholder.show()

    def cycle(self, step: int) -> None:
        if self.panes:
            index = self.panes.index(self.active) if self.active in self.panes else 0
            pane = self.panes[(index + step) % len(self.panes)]
            self.set_active(pane)
            pane.view.setFocus()

    def clear_hits(self, *_: object) -> None:
        """Unmark the hits of the last search in every pane."""
        for pane in self.panes:
            pane.clear_hits()

    def open_reports(self) -> list[Report]:
        """The reports read so far: those of the panes first, in pane order."""
        order: list[Report] = []
        for pane in self.panes:
            if pane.report and pane.report not in order:
                order.append(pane.report)
        for report, _tables in self.reports.values():
            if report not in order:
                order.append(report)
        return order

    # -- reading tools ---------------------------------------------------------------------------

    def find(self) -> None:
        if self.active:
            self.active.show_find()

    def zoom(self, step: int | None) -> None:
        if self.active:
            self.active.set_zoom(0 if step is None else self.active.zoom + step)

    # -- state across restarts ------------------------------------------------------------------------

    def remember_position(self, pane: ReaderPane) -> None:
        block, _ = pane.reading_position()
        if self.userdata and pane.report and block:
            self.userdata.set_position(pane.report.id, block)

    def save_state(self, userdata: "UserData") -> None:
        panes = []
        for pane in self.panes:
            if pane.report is None:
                continue
            block, offset = pane.reading_position()
            panes.append({"doc": pane.report.id, "block": block, "offset": offset, "zoom": pane.zoom})
            self.remember_position(pane)
        userdata.set_state("panes", panes)
        userdata.set_state("active", self.panes.index(self.active) if self.active in self.panes else 0)
        userdata.set_state("splitter", self.splitter.sizes())

    def restore_panes(self) -> None:
        """Reopen the last session's panes where they were read."""
        if not self.userdata or self.library is None:
            return
        saved = [p for p in self.userdata.state("panes", []) if p.get("doc") in self.library]
        active = self.userdata.state("active", 0)
        sizes = self.userdata.state("splitter")
        created: list[ReaderPane] = []
        for record in saved:
            pane = self.new_pane()
            created.append(pane)
            self.open_document(record["doc"], block=record.get("block"), offset=float(record.get("offset") or 0.0), pane=pane, zoom=int(record.get("zoom") or 0))
        if created:
            self.set_active(created[min(max(int(active), 0), len(created) - 1)])
            if sizes and len(sizes) == len(created):
                QTimer.singleShot(0, lambda: self.splitter.setSizes(sizes))
