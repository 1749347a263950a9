"""References as links (issue 16): in every reading pane the symbols, resolutions and
paragraph references of the report become links; a click opens the cited document (at
the paragraph when one is named), jumps within the report, or shows a card for a
document the library does not have; hovering shows the target's title and first line.
The references pane shows which documents cite the active one and where, what it cites,
and the resolutions and decisions cited across the library.

The report text stays plain text: links are character formats (anchors with "ref:N"
hrefs) merged over the characters already typeset, never HTML. Finding and resolving
the references (core.references) runs on the lane; the GUI thread only formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QWidget

from unidoreader.core import references as core_refs
from unidoreader.gui.features import DockSpec, Feature, MenuItem
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.lane import Job, Lane
from unidoreader.gui.reader import ReaderPane
from unidoreader.gui.references_panel import Place, ReferenceCard, ReferencesPanel, kind_name

if TYPE_CHECKING:
    from unidoreader.core.library import Entry, Library

LINKED_COLOR = QColor("#1a5fb4")  # leads somewhere in the library
ABSENT_COLOR = QColor("#865e3c")  # a document the library does not have
FIRST_LINE_CHARS = 80
WHOLE_BLOCK = 10**9


@dataclass(frozen=True)
class Link:
    """A reference of a report, resolved: what the pane links and what hovering says."""

    block: str | None
    footnote: str | None
    start: int
    end: int
    kind: str
    text: str
    target: str
    doc: str | None  # the document it leads to (None: not in the library / not found)
    at: str | None  # the block it leads to
    top: str | None  # the first block of the document it leads to
    title: str  # the target document's title ("" when not in the library)
    line: str  # the target block's first line ("" for a document)
    qualified: str | None  # the symbol an internal reference is qualified by, "" for another work


def _first_line(text: str, label: str | None) -> str:
    line = text.split("\n", 1)[0].strip()
    if len(line) > FIRST_LINE_CHARS:
        line = line[:FIRST_LINE_CHARS] + "…"
    return f"{label}. {line}" if label and label[:1].isalnum() else line


def compute_links(refs: core_refs.LibraryReferences, library: "Library", doc: str) -> list[Link]:
    """The resolved links of a document (runs on the lane)."""
    titles = {e.id: e.metadata.title or e.source for e in library.entries()}
    refs.refresh()
    links: list[Link] = []
    for item in refs.references(doc):
        ref = item.ref
        if item.block is None:
            continue
        where = refs.resolve(doc, ref)
        target_doc, block = where if where else (None, None)
        line, top = "", None
        if target_doc:
            targets = refs.targets(target_doc)
            top = targets.report.blocks[0].id if targets.report.blocks else None
            found = targets.block(block) if block else None
            line = _first_line(found.text, found.label) if found else ""
        links.append(Link(item.block, item.footnote, ref.start, ref.end, ref.kind, ref.text, ref.target,
                          target_doc, block, top, titles.get(target_doc or "", ""), line, ref.doc))
    return links


class ReferencesFeature(Feature):
    """Owns the references pane (`panel`) and the links of every reading pane."""

    def __init__(self, parent: QWidget, lane: Lane, reading: ReadingPanes) -> None:
        super().__init__(parent)
        self.lane = lane
        self.reading = reading
        self.library: Library | None = None
        self.refs: core_refs.LibraryReferences | None = None  # used on the lane only
        self.links: dict[str, list[Link]] = {}  # doc -> its links
        self.titles: dict[str, str] = {}
        self.pending = 0
        self._library_stamp: object = None  # the library state the pane's list was made for
        self._refreshing = False  # a refresh of the pane runs on the lane
        self._refresh_again = False  # ... and another was asked for meanwhile
        self._panel_seen = False  # the pane is in view (its dock open, its tab the chosen one)
        self._panel_stale = False  # a refresh was asked for while it was not
        self.panel = ReferencesPanel()
        self.panel.placeActivated.connect(self.go_to)
        self.panel.setSymbolRequested.connect(self.ask_symbol)
        self.card = ReferenceCard(parent)
        self.act_symbol = self.action("set_symbol", self.ask_symbol)
        reading.paneAdded.connect(self._pane_added)
        reading.activeChanged.connect(self._active_changed)
        for pane in reading.panes:
            self._pane_added(pane)

    # -- the window's questions -------------------------------------------------------------

    def docks(self) -> list[DockSpec]:
        return [DockSpec("references", self.panel, Qt.DockWidgetArea.RightDockWidgetArea, lambda: self.tr("References"),
                         self.panel.tree, "Ctrl+4", lambda: self.tr("Go to the references"), tab_with="search",
                         visibility=self._panel_visibility)]

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("file", self.act_symbol)]

    def retranslate(self) -> None:
        self.act_symbol.setText(self.tr("Document &symbol…"))
        self.panel.retranslate()
        self.card.retranslate()
        if self.library is not None:  # the library's list is worded in the language of its time
            self._library_stamp = None
            self._refresh_panel()

    def library_loaded(self, library: "Library") -> None:
        self.library = library
        self.refs = core_refs.LibraryReferences(library)

    @staticmethod
    def links_at_start(library: "Library", docs: list[str]) -> tuple[core_refs.LibraryReferences, dict[str, list[Link]]]:
        """The links of the reports shown at start, found on the lane in the job that reads
        them (see MainWindow.start), so that each pane is typeset with its links at once:
        not laid out and painted a second time when they come back from a job of their own.
        A document whose links cannot be found here is linked the usual way."""
        refs = core_refs.LibraryReferences(library)
        links: dict[str, list[Link]] = {}
        for doc in docs:
            try:
                links[doc] = compute_links(refs, library, doc)
            except Exception:  # noqa: BLE001 - _decorate finds them again, and reports what fails
                pass
        return refs, links

    def adopt(self, found: tuple[core_refs.LibraryReferences, dict[str, list[Link]]]) -> None:
        """Take what `links_at_start` found (after `library_loaded`, before the panes open)."""
        self.refs, links = found
        self.links.update(links)

    def entries_changed(self, entries: "list[Entry]") -> None:
        self.titles = {e.id: e.metadata.title or e.source for e in entries}
        stale, self.links = self.links, {}  # symbols may have changed: resolve again
        for pane in self.reading.panes:
            if pane.report is not None:
                self._decorate(pane, stale.get(pane.report.id))
        self._refresh_panel()

    def busy(self) -> bool:
        return self.pending > 0

    # -- links in the panes ------------------------------------------------------------------

    def _pane_added(self, pane: ReaderPane) -> None:
        pane.reportSet.connect(self._decorate)
        pane.referenceClicked.connect(self._clicked)
        pane.link_tooltip = self.tooltip
        if pane.report is not None:
            self._decorate(pane)

    def _run(self, label: str, work: Any, done: Any, after: Any = None) -> None:
        """Run `work` on the lane, then `done(value)`; `after()` in either case (done or failed)."""
        self.pending += 1

        def finished(value: Any) -> None:
            self.pending -= 1
            try:
                done(value)
            finally:
                if after is not None:
                    after()
            self.workDone.emit()

        def failed(error: BaseException) -> None:
            self.pending -= 1
            self.failed.emit(str(error))
            self.message.emit(str(error))
            if after is not None:
                after()
            self.workDone.emit()

        self.lane.submit(label, work, finished, failed)

    def _decorate(self, pane: ReaderPane, shown: list[Link] | None = None) -> None:
        """Turn the references of the pane's report into links (found on the lane once per
        document). `shown`: the links the pane has already, left alone if nothing changed."""
        report = pane.report
        if report is None or self.refs is None or self.library is None:
            return
        doc = report.id
        if doc in self.links:
            self._apply(pane, self.links[doc])
            return
        if doc not in self.library:
            return
        refs, library = self.refs, self.library

        def done(links: list[Link]) -> None:
            self.links[doc] = links
            for open_pane in self.reading.panes:
                if open_pane.report is not None and open_pane.report.id == doc and links != shown:
                    self._apply(open_pane, links)
            if self.reading.active is not None and self.reading.active.doc_id == doc:
                self._refresh_panel()

        self._run(self.tr("Finding references…"), lambda job: compute_links(refs, library, doc), done)

    def _apply(self, pane: ReaderPane, links: list[Link]) -> None:
        """Merge anchor formats over the reference characters (the text itself is untouched)."""
        document = pane.view.document()
        position = pane.reading_position()
        edit = QTextCursor(document)
        edit.beginEditBlock()  # one relayout for all the links
        for number, link in enumerate(links):
            span = self._span(pane, link)
            if span is None:
                continue
            cursor = QTextCursor(document)
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setAnchor(True)
            fmt.setAnchorHref(f"ref:{number}")
            present = link.doc is not None
            fmt.setForeground(QBrush(LINKED_COLOR if present else ABSENT_COLOR, Qt.BrushStyle.SolidPattern))
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline if present else QTextCharFormat.UnderlineStyle.DotLine)
            cursor.mergeCharFormat(fmt)
        edit.endEditBlock()
        # Lay it all out again as when it was set (a full, lazy layout that scrolling completes):
        # a partial relayout would leave later blocks unlaid and scrolling to them short.
        document.setPageSize(document.pageSize())
        if position[0] and pane.view.verticalScrollBar().value() > 0:  # the reader stays where it was
            pane.scroll_to_block(*position)  # (at the top it stays there: no need to lay out all now)

    def _span(self, pane: ReaderPane, link: Link) -> tuple[int, int] | None:
        """Document positions of a link's characters (None where the text is not typeset as such)."""
        if link.footnote is not None:
            base = pane.map.footnotes.get(link.footnote)
            if base is None:
                return None
            base += len(link.footnote) + 2  # the label and two spaces (gui/render.py)
        else:
            if link.block is None or link.block in pane.map.table_blocks:
                return None  # a table is shown rebuilt, not as its text
            base = pane.map.text_start.get(link.block)
            if base is None:
                return None
            if base + link.end > pane.map.block_end.get(link.block, base):
                return None
        return base + link.start, base + link.end

    def link(self, pane: ReaderPane, href: str) -> Link | None:
        links = self.links.get(pane.doc_id or "")
        try:
            number = int(href[4:])
        except ValueError:
            return None
        return links[number] if links is not None and 0 <= number < len(links) else None

    def tooltip(self, pane: ReaderPane, href: str) -> str:
        """What hovering a reference says: the target's title and, for a paragraph, its first line."""
        link = self.link(pane, href)
        if link is None:
            return ""
        if link.doc is None:
            if link.kind in core_refs.DOCUMENT_KINDS or link.qualified:
                symbol = link.qualified or link.target
                absent = self.tr("Not in your library")
                return f"{symbol}\n{absent}"
            missing = self.tr("Not found in this report")
            return f"{link.text}\n{missing}"
        lines = [] if link.doc == pane.doc_id else [link.title]
        if link.kind in core_refs.DOCUMENT_KINDS:
            lines.append(link.target)
        if link.line:
            lines.append(link.line)
        return "\n".join(line for line in lines if line) or link.title

    def _clicked(self, pane: ReaderPane, href: str) -> None:
        link = self.link(pane, href)
        if link is None:
            return
        if link.doc is None:
            if link.kind in core_refs.DOCUMENT_KINDS or link.qualified:
                self.show_card(link.kind, link.qualified or link.target)
            else:
                self.message.emit(self.tr("%1: not found in this report").replace("%1", link.text))
            return
        self.go_to(Place(link.doc, link.at) if link.at else Place(link.doc, link.top, mark=False), pane)

    def go_to(self, place: Place, pane: ReaderPane | None = None) -> None:
        """Open a place: a block of this report (jump), another document (open it), or a card."""
        if place.doc is None:
            if place.symbol:
                self.show_card(place.kind, place.symbol)
            return
        pane = pane or self.reading.active
        if pane is not None and pane.doc_id == place.doc and place.block:
            if place.mark:
                pane.highlight_hit(place.block)
            else:
                pane.scroll_to_block(place.block)
            return
        # the named paragraph, marked whole (offsets clipped to the block by the pane)
        where: dict[str, Any] = {"block": place.block} if place.block else {}
        if place.block and place.mark:
            where["offsets"] = ((0, WHOLE_BLOCK),)
        self.openRequested.emit(place.doc, where)

    def show_card(self, kind: str, symbol: str) -> None:
        self.card.show_symbol(kind_name(kind), symbol, self.tr("Not in your library"))

    # -- the references pane ------------------------------------------------------------------

    def _active_changed(self, _pane: ReaderPane | None) -> None:
        self._refresh_panel()

    def _panel_visibility(self, seen: bool) -> None:
        self._panel_seen = seen
        if seen and self._panel_stale:
            self._refresh_panel()

    def _refresh_panel(self) -> None:
        """Fill the pane for the active document, and the library's list (on the lane).
        One refresh at a time: asked again meanwhile (the active pane changes several times
        while a session's panes open), it runs once more when the running one is done.
        Only while the pane can be seen: hidden (a tab behind the search pane, a closed
        dock), it is filled when it is shown; the start then settles without a lane job
        (and a repaint) for a pane nobody looks at."""
        pane = self.reading.active
        if self.refs is None or self.library is None:
            return
        if not self._panel_seen:
            self._panel_stale = True
            return
        self._panel_stale = False
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        doc = pane.doc_id if pane is not None and pane.report is not None and pane.doc_id in self.library else None
        refs, library, known = self.refs, self.library, self._library_stamp

        def work(job: Job) -> tuple[str | None, Any, Any]:
            titles = {e.id: e.metadata.title or e.source for e in library.entries()}
            refs.refresh()
            rows: list[Any] | None = None if refs.stamp == known else []
            grouped = refs.by_target() if rows is not None else {}
            for target, kind, blocks, docs in refs.counts() if rows is not None else ():
                places = [(f"{titles.get(c.doc, c.doc)}: {c.ref.text}", Place(c.doc, c.block))
                          for c in grouped.get(target, []) if c.ref.target == target]
                rows.append((target, kind, blocks, docs, places))  # type: ignore[union-attr]
            rows_for = (refs.stamp, rows)
            if doc is None:
                return None, None, rows_for
            citing: dict[str, list[tuple[str, Place]]] = {}
            for citation in refs.citing(doc):
                if any(place.block == citation.block for _where, place in citing.get(citation.doc, [])):
                    continue  # "A/80/590 号文件第 12 段": the symbol and its paragraph, one place
                found = refs.targets(citation.doc).block(citation.block) if citation.block else None
                where = _first_line(found.text, found.label) if found else citation.ref.text
                citing.setdefault(citation.doc, []).append((where, Place(citation.doc, citation.block)))
            cited = []
            for ref, _block, resolved in refs.cited(doc):
                symbol = ref.doc if ref.kind in core_refs.INTERNAL_KINDS else ref.target
                name = f"{ref.target} ({symbol})" if ref.kind in core_refs.INTERNAL_KINDS else ref.target
                if resolved:
                    top = refs.targets(resolved[0]).report.blocks[0].id if resolved[1] is None else resolved[1]
                    cited.append((name, titles.get(resolved[0], ""), Place(resolved[0], top, mark=resolved[1] is not None)))
                else:
                    cited.append((name, "", Place(None, symbol=symbol or ref.target, kind=ref.kind)))
            info = (titles.get(doc, doc), refs.symbol_of(doc), [(titles.get(d, d), places) for d, places in citing.items()], cited)
            return doc, info, rows_for

        def done(value: tuple[str | None, Any, Any]) -> None:
            shown, info, (stamp, rows) = value
            if rows is not None:
                self._library_stamp = stamp
                self.panel.set_library([
                    (self.tr("%1 — %2 paragraph(s) in %3 document(s)").replace("%1", target).replace("%2", str(blocks)).replace("%3", str(docs)), places)
                    for target, _kind, blocks, docs, places in rows
                ])
            active = self.reading.active
            if shown is not None and (active is None or active.doc_id != shown):
                return  # the user moved on; the newer refresh fills the pane
            if info is None:
                self.panel.clear_document()
                return
            title, symbol, citing, cited = info
            absent = self.tr("not in your library")
            cites = [(f"{name}  —  {doc_title or absent}", place) for name, doc_title, place in cited]
            self.panel.set_document(title, symbol, citing, cites)

        def after() -> None:
            self._refreshing = False
            if self._refresh_again:
                self._refresh_again = False
                self._refresh_panel()

        self._run(self.tr("Finding references…"), work, done, after)

    # -- the document's symbol ----------------------------------------------------------------

    def ask_symbol(self) -> None:
        """Ask for the active document's symbol (not modal for the event loop: tests answer it)."""
        pane = self.reading.active
        if pane is None or pane.report is None or self.library is None or pane.doc_id not in self.library:
            self.message.emit(self.tr("Open a report of the library first."))
            return
        doc = pane.doc_id
        from PySide6.QtWidgets import QInputDialog  # (imported when asked for: see gui/app.py)

        dialog = QInputDialog(self.parent_widget)
        dialog.setObjectName("symbolDialog")
        dialog.setWindowTitle(self.tr("Document symbol"))
        dialog.setLabelText(self.tr("Symbol of this document (for example IDB.46/8); empty to clear:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(self.library.entry(doc).metadata.symbol or "")
        dialog.textValueSelected.connect(lambda text: self.set_symbol(doc, text))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.symbol_dialog = dialog
        dialog.open()

    def set_symbol(self, doc: str, text: str) -> None:
        """Keep a document's symbol in the library (on the lane); the window refreshes the entries."""
        library = self.library
        if library is None:
            return
        value = " ".join(text.split())
        if len(value) > 200:
            self.warn(self.tr("Document symbol"), self.tr("A document symbol is at most 200 characters."))
            return

        def done(_value: object) -> None:
            self.message.emit(self.tr("Symbol set: %1").replace("%1", value) if value else self.tr("Symbol cleared"))
            self.libraryEdited.emit(doc)

        self._run(self.tr("Saving the symbol…"), lambda job: library.set_symbol(doc, value or None), done)
