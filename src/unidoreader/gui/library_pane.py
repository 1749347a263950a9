"""The library pane: the reports grouped by body and session, newest first."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView, QVBoxLayout, QWidget

from unidoreader.core.library import Entry
from unidoreader.gui.rich import HTML_ROLE, SECONDARY, HtmlDelegate


def dropped_files(event: QDropEvent) -> list[Path]:
    """The local files of a drop, accepting the drop when there are any."""
    files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
    if files:
        event.acceptProposedAction()
    return files

DOC_ROLE = Qt.ItemDataRole.UserRole + 1
VERSIONS_ROLE = Qt.ItemDataRole.UserRole + 5  # the ids of all the language versions a row stands for


def session_text(entry: Entry) -> str:
    meta = entry.metadata
    if meta.session:
        return f"第{meta.session}届"
    return str(meta.year) if meta.year else ""


def dates_text(entry: Entry) -> str:
    dates = entry.metadata.dates
    if not dates:
        return ""
    first, last = dates
    return first if first == last else f"{first} – {last[5:] if first[:4] == last[:4] else last}"


def reader_language() -> str:
    """The language the reader reads in: the interface's ("zh" or "en"), which picks the
    version a library entry of several language versions opens."""
    from PySide6.QtCore import QLocale

    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def languages_text(group: list[Entry]) -> str:
    """"中 / EN" for an entry held in Chinese and English ("" for one version)."""
    from unidoreader.core.language import SHORT_NAMES

    if len(group) < 2:
        return ""
    return " / ".join(SHORT_NAMES.get(e.metadata.language or "", e.metadata.language or "?") for e in group)


class LibraryModel(QStandardItemModel):
    """Body -> session -> document rows; a document row carries its id in DOC_ROLE and
    shows its title over a line with session, dates and kind. The language versions of
    one symbol are one row (its languages shown, "中 / EN"), which opens the version in the
    reader's language; VERSIONS_ROLE holds all their ids."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []

    def set_entries(self, entries: list[Entry], labels: dict[str, str]) -> None:
        from unidoreader.core.versions import group_versions, preferred_version

        self.clear()
        self.entries = list(entries)
        language = reader_language()
        groups = {}
        shown = []
        for group in group_versions(entries):
            entry = preferred_version(group, language)
            groups[entry.id] = group
            shown.append(entry)
        bodies: dict[str, dict[tuple[int, str], list[Entry]]] = {}
        for entry in shown:
            meta = entry.metadata
            body = meta.body or labels["other"]
            if meta.session:
                key = (meta.session, f"第{meta.session}届会议")
            elif meta.year:
                key = (-1, labels["year"].replace("%1", str(meta.year)))
            else:
                key = (-2, labels["unknown"])
            bodies.setdefault(body, {}).setdefault(key, []).append(entry)

        def newest(entry: Entry) -> tuple[str, int, float]:
            dates = entry.metadata.dates
            return (dates[0] if dates else "", entry.metadata.year or 0, entry.added)

        for body in sorted(bodies, key=lambda b: (b == labels["other"], b)):
            body_item = _plain(body)
            font = body_item.font()
            font.setBold(True)
            body_item.setFont(font)
            for key in sorted(bodies[body], key=lambda k: k[0], reverse=True):
                session_item = _plain(key[1])
                session_item.setForeground(QBrush(QColor("#1a5fb4")))
                body_item.appendRow(session_item)
                for entry in sorted(bodies[body][key], key=newest, reverse=True):
                    title = entry.metadata.title or entry.source
                    group = groups[entry.id]
                    facts = " · ".join(f for f in (dates_text(entry) or session_text(entry), entry.metadata.kind or "",
                                                   languages_text(group)) if f)
                    item = _plain(title)
                    item.setData(entry.id, DOC_ROLE)
                    item.setData([e.id for e in group], VERSIONS_ROLE)
                    item.setData(
                        f"<b>{html.escape(title)}</b><br><span style='color:{SECONDARY}'>{html.escape(facts or entry.source)}</span>",
                        HTML_ROLE,
                    )
                    item.setToolTip(f"{title}\n{facts}\n{entry.source}  ·  {entry.id}")
                    session_item.appendRow(item)
            self.appendRow(body_item)

    def rows_for(self, doc_id: str) -> QModelIndex:
        for index in self._walk():
            if index.data(DOC_ROLE) == doc_id or doc_id in (index.data(VERSIONS_ROLE) or ()):
                return index
        return QModelIndex()

    def _walk(self, parent: QModelIndex = QModelIndex()):  # noqa: B008 - Qt's empty index
        for row in range(self.rowCount(parent)):
            index = self.index(row, 0, parent)
            yield index
            yield from self._walk(index)

    def document_titles(self) -> list[str]:
        """The titles of the document rows, top to bottom (what the user sees)."""
        return [index.data() for index in self._walk() if index.data(DOC_ROLE)]


def _plain(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item


class LibraryPane(QWidget):
    """Tree of the library. Double-click or Enter opens; drops of files import them."""

    openRequested = Signal(str, bool)  # doc id, in a new pane
    removeRequested = Signal(str)
    filesDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setIndentation(14)
        self.tree.setItemDelegate(HtmlDelegate(self.tree))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.activated.connect(self._activated)
        self.tree.setAcceptDrops(False)  # drops go to the pane, which imports them
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def labels(self) -> dict[str, str]:
        return {
            "other": self.tr("Other documents"),
            "year": self.tr("%1 (no session)"),
            "unknown": self.tr("Session not stated"),
        }

    def set_entries(self, entries: list[Entry]) -> None:
        self.model.set_entries(entries, self.labels())
        self.tree.expandAll()

    def retranslate(self) -> None:
        if self.model.entries:
            self.set_entries(self.model.entries)

    def selected_doc(self) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return index.siblingAtColumn(0).data(DOC_ROLE)

    def select_doc(self, doc_id: str) -> None:
        index = self.model.rows_for(doc_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _activated(self, index: QModelIndex) -> None:
        doc_id = index.siblingAtColumn(0).data(DOC_ROLE)
        if doc_id:
            self.openRequested.emit(doc_id, False)

    def _menu(self, point: QPoint) -> None:
        doc_id = self.tree.indexAt(point).data(DOC_ROLE)
        if not doc_id:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.openRequested.emit(doc_id, False))
        menu.addAction(self.tr("Open in a new pane"), lambda: self.openRequested.emit(doc_id, True))
        menu.addSeparator()
        menu.addAction(self.tr("Remove from the library…"), lambda: self.removeRequested.emit(doc_id))
        menu.exec(self.tree.viewport().mapToGlobal(point))
        menu.deleteLater()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        if files := dropped_files(event):
            self.filesDropped.emit(files)
