"""Bookmarks and notes: the commands, the pane's context menu entries, and the
Bookmarks menu listing them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QMenu, QWidget

from unidoreader.gui.features import Feature
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.reader import ReaderPane

if TYPE_CHECKING:
    from unidoreader.core.library import Entry
    from unidoreader.core.userdata import UserData


class BookmarksFeature(Feature):
    """Owns the Bookmarks menu (`menu`), refilled each time it opens."""

    def __init__(self, parent: QWidget, userdata: "UserData | None", reading: ReadingPanes, entries: Callable[[], "list[Entry]"]) -> None:
        super().__init__(parent)
        self.userdata = userdata
        self.reading = reading
        self.entries = entries
        reading.paneAdded.connect(self._pane_added)
        for pane in reading.panes:  # built after some panes opened
            self._pane_added(pane)
        self.act_bookmark = self.action("bookmark", self.bookmark_current, "Ctrl+D")
        self.act_note = self.action("note", self.note_current, "Ctrl+Shift+N")
        self.menu = QMenu(parent)
        self.menu.aboutToShow.connect(self.fill_menu)
        self.fill_menu()

    def menus(self) -> dict[str, QMenu]:
        return {"bookmarks": self.menu}

    def retranslate(self) -> None:
        self.act_bookmark.setText(self.tr("&Bookmark this place"))
        self.act_note.setText(self.tr("&Note on this paragraph…"))

    def _pane_added(self, pane: ReaderPane) -> None:
        pane.bookmarkRequested.connect(lambda p, b: self.add_bookmark(p, b))
        pane.noteRequested.connect(lambda p, b: self.edit_note(p, b))

    def _block_for_action(self, pane: ReaderPane) -> str | None:
        cursor = pane.view.textCursor()
        if cursor.hasSelection() or pane.view.hasFocus():
            block = pane.map.block_at(cursor.position())
            if block and pane.block_visible(block):
                return block
        return pane.top_block()[0]

    def bookmark_current(self) -> None:
        active = self.reading.active
        if active and active.report:
            block = self._block_for_action(active)
            if block:
                self.add_bookmark(active, block)

    def note_current(self) -> None:
        active = self.reading.active
        if active and active.report:
            block = self._block_for_action(active)
            if block:
                self.edit_note(active, block)

    def add_bookmark(self, pane: ReaderPane, block_id: str) -> None:
        if not self.userdata or pane.report is None:
            return
        block = pane.report.block(block_id)
        text = "".join((block.text if block else "").split())
        title = (f"{block.label}. " if block and block.label else "") + (text[:28] + "…" if len(text) > 28 else text)
        self.userdata.add_bookmark(pane.report.id, block_id, title)
        self.message.emit(self.tr("Bookmarked: %1").replace("%1", title))

    def edit_note(self, pane: ReaderPane, block_id: str, text: str | None = None) -> None:
        if not self.userdata or pane.report is None:
            return
        doc = pane.report.id
        if text is None:
            from PySide6.QtWidgets import QInputDialog  # (imported when asked for: see gui/app.py)

            text, ok = QInputDialog.getMultiLineText(self.parent_widget, self.tr("Note"), self.tr("Your note on this paragraph (empty removes it):"), self.userdata.note(doc, block_id) or "")
            if not ok:
                return
        self.userdata.set_note(doc, block_id, text.strip())
        notes = {n.block: n.text for n in self.userdata.notes(doc)}
        for p in self.reading.panes:
            if p.doc_id == doc:
                p.set_notes(notes)
        self.message.emit(self.tr("Note saved") if text.strip() else self.tr("Note removed"))

    def fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        menu.addAction(self.act_bookmark)
        menu.addAction(self.act_note)
        if not self.userdata:
            return
        titles = {e.id: e.metadata.title or e.source for e in self.entries()}
        marks = [b for b in self.userdata.bookmarks() if b.doc in titles]
        notes = [n for n in self.userdata.notes() if n.doc in titles]
        if marks:
            menu.addSeparator()
            for mark in marks:
                action = menu.addAction(f"{mark.title}  —  {titles[mark.doc][:24]}")
                action.setData(("bookmark", mark.id))
                action.triggered.connect(lambda _=False, m=mark: self.openRequested.emit(m.doc, {"block": m.block}))
            remove = menu.addMenu(self.tr("Remove bookmark"))
            for mark in marks:
                remove.addAction(mark.title).triggered.connect(lambda _=False, m=mark: self.userdata.remove_bookmark(m.id))
        if notes:
            notes_menu = menu.addMenu(self.tr("Notes"))
            for note in notes:
                text = note.text if len(note.text) < 30 else note.text[:30] + "…"
                notes_menu.addAction(f"{text}  —  {titles[note.doc][:24]}").triggered.connect(lambda _=False, n=note: self.openRequested.emit(n.doc, {"block": n.block}))
