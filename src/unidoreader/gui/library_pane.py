"""The library pane: the reports grouped by body and session (or year, or title), newest
first, filtered as you type.

A delegation's library is thousands of reports: the rows come from a model over the
entries (`LibraryModel`) whose markup is made only for the rows the view paints, and
regrouping (a filter keystroke, another sort order) is one pass over the entries, never
a widget per row.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLineEdit, QMenu, QTreeView, QVBoxLayout, QWidget

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
# Sort orders of the pane: the groups under each body, and the order within them.
SORTS = ("session", "date", "title")
# Above this many matching documents a filter leaves the session groups as they were
# (expanding thousands of rows at every keystroke is what makes a pane sluggish).
EXPAND_ALL_BELOW = 400
#: Up to this many documents, rows relaid out for a new width are laid out just before the
#: window paints (see rich.HtmlDelegate); a larger library's on the next event-loop turn.
EARLY_LAYOUT_DOCUMENTS = 400


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


def _fold(text: str) -> str:
    return "".join(text.split()).casefold()


def _haystack(entry: Entry) -> str:
    """What a filter word is looked for in: title, symbol, file name, kind, agenda title."""
    meta = entry.metadata
    return _fold(" ".join(p for p in (meta.title, meta.symbol, entry.source, meta.kind, meta.agenda_title, meta.body) if p))


def matches_filter(entry: Entry, words: list[str], haystack: str) -> bool:
    """Every word of the filter matches: a number is a session or year (or part of the
    title, symbol...); 第46届 and session:46 / year:2020 say which."""
    meta = entry.metadata
    for word in words:
        if word.startswith(("session:", "届:")):
            if str(meta.session) != word.split(":", 1)[1]:
                return False
            continue
        if word.startswith("year:"):
            if str(meta.year) != word.split(":", 1)[1]:
                return False
            continue
        if word.startswith("第") and word.rstrip("届会议").lstrip("第").isdigit():
            if str(meta.session) != word.rstrip("届会议").lstrip("第"):
                return False
            continue
        if word.isdigit() and (str(meta.session) == word or str(meta.year) == word):
            continue
        if word not in haystack:
            return False
    return True


@dataclass(eq=False)
class _Node:
    """A row: a group (body, session, year) or a document (`entry`)."""

    text: str
    parent: "_Node | None" = None
    entry: Entry | None = None
    level: int = 0  # 0 body, 1 session/year group, 2 document (1 in the title order)
    children: list["_Node"] = field(default_factory=list)
    row: int = 0
    markup: str | None = None
    documents: int = 0  # documents below a group
    versions: list[Entry] = field(default_factory=list)  # a document's language versions (itself included)

    def add(self, child: "_Node") -> "_Node":
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)
        return child


class LibraryModel(QAbstractItemModel):
    """Body -> session (or year) -> document rows; a document row carries its id in
    DOC_ROLE and shows its title over a line with session, dates and kind. The language
    versions of one symbol are one row (its languages shown, "中 / EN"), which opens the
    version in the reader's language; VERSIONS_ROLE holds all their ids."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []
        self.labels: dict[str, str] = {"other": "Other documents", "year": "%1 (no session)", "unknown": "Session not stated", "count": "%1 documents"}
        self.sort = "session"
        self.filter_text = ""
        self._root = _Node("")
        self._by_doc: dict[str, _Node] = {}
        self._haystacks: dict[str, str] = {}
        self._shown: list[Entry] = []  # one entry per row: the version in the reader's language
        self._versions: dict[str, list[Entry]] = {}

    # -- building ---------------------------------------------------------------------------

    def set_entries(self, entries: list[Entry], labels: dict[str, str] | None = None) -> None:
        from unidoreader.core.versions import group_versions, preferred_version

        self.entries = list(entries)
        language = reader_language()
        self._shown = []
        self._versions = {}
        for group in group_versions(self.entries):
            entry = preferred_version(group, language)
            self._versions[entry.id] = list(group)
            self._shown.append(entry)
        # a filter word may be in any version's title (the English one, the Chinese one)
        self._haystacks = {entry.id: " ".join(_haystack(e) for e in self._versions[entry.id]) for entry in self._shown}
        if labels:
            self.labels.update(labels)
        self._rebuild()

    def set_filter(self, text: str) -> None:
        if text != self.filter_text:
            self.filter_text = text
            self._rebuild()

    def set_sort(self, sort: str) -> None:
        if sort in SORTS and sort != self.sort:
            self.sort = sort
            self._rebuild()

    def visible_documents(self) -> int:
        """Rows of documents shown (a report's language versions are one row)."""
        return len({id(node) for node in self._by_doc.values()})

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._root, self._by_doc = self._tree()
        self.endResetModel()

    def _tree(self) -> tuple[_Node, dict[str, _Node]]:
        words = [_fold(w) for w in self.filter_text.split() if w.strip()]
        labels = self.labels
        shown = [e for e in self._shown if not words or matches_filter(e, words, self._haystacks.get(e.id, ""))]
        bodies: dict[str, dict[tuple[Any, str], list[Entry]]] = {}
        for entry in shown:
            meta = entry.metadata
            body = meta.body or labels["other"]
            if self.sort == "title":
                key: tuple[Any, str] = (0, "")
            elif self.sort == "date":
                key = (meta.year, str(meta.year)) if meta.year else (-1, labels["unknown"])
            elif meta.session:
                key = (meta.session, f"第{meta.session}届会议")
            elif meta.year:
                key = (-1 - 1 / (meta.year + 1), labels["year"].replace("%1", str(meta.year)))  # after sessions, newest first
            else:
                key = (-2, labels["unknown"])
            bodies.setdefault(body, {}).setdefault(key, []).append(entry)

        def newest(entry: Entry) -> tuple[str, int, float]:
            dates = entry.metadata.dates
            return (dates[0] if dates else "", entry.metadata.year or 0, entry.added)

        def by_title(entry: Entry) -> tuple[str, str]:
            return ((entry.metadata.title or entry.source).casefold(), entry.id)

        root = _Node("")
        by_doc: dict[str, _Node] = {}
        for body in sorted(bodies, key=lambda b: (b == labels["other"], b)):
            body_node = root.add(_Node(body, level=0))
            groups = bodies[body]
            for key in sorted(groups, key=lambda k: k[0], reverse=True):
                if self.sort == "title":
                    parent = body_node
                else:
                    parent = body_node.add(_Node(key[1], level=1))
                ordered = sorted(groups[key], key=by_title) if self.sort == "title" else sorted(groups[key], key=newest, reverse=True)
                for entry in ordered:
                    versions = self._versions.get(entry.id, [entry])
                    node = parent.add(_Node(entry.metadata.title or entry.source, entry=entry, level=2, versions=versions))
                    for version in versions:
                        by_doc.setdefault(version.id, node)
                    by_doc[entry.id] = node
                parent.documents = len(ordered)
            body_node.documents = sum(len(v) for v in groups.values())
        return root, by_doc

    # -- the Qt model ------------------------------------------------------------------------

    def _node(self, index: QModelIndex | QPersistentModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[return-value]

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        entry = node.entry
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text
        if role == DOC_ROLE:
            return entry.id if entry else None
        if role == VERSIONS_ROLE:
            return [e.id for e in node.versions] if entry else None
        if role == HTML_ROLE:
            if node.markup is None:
                node.markup = self._markup(node)
            return node.markup
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry is None:
                return self.labels["count"].replace("%1", str(node.documents))
            meta = entry.metadata
            facts = " · ".join(f for f in (dates_text(entry) or session_text(entry), meta.kind or "") if f)
            symbol = f"{meta.symbol}  ·  " if meta.symbol else ""
            return f"{node.text}\n{facts}\n{symbol}{entry.source}  ·  {entry.id}"
        if role == Qt.ItemDataRole.FontRole and node.level == 0 and entry is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.level == 1 and entry is None:
            return QBrush(QColor("#1a5fb4"), Qt.BrushStyle.SolidPattern)
        return None

    def _markup(self, node: _Node) -> str:
        entry = node.entry
        if entry is None:  # a group: its name and how many documents it holds
            colour = "#1a5fb4" if node.level == 1 else "inherit"
            name = f"<b>{html.escape(node.text)}</b>" if node.level == 0 else html.escape(node.text)
            return f"<span style='color:{colour}'>{name}</span> <span style='color:{SECONDARY}'>({node.documents})</span>"
        meta = entry.metadata
        facts = " · ".join(f for f in (dates_text(entry) or session_text(entry), meta.symbol or "", meta.kind or "",
                                       languages_text(node.versions)) if f)
        return f"<b>{html.escape(node.text)}</b><br><span style='color:{SECONDARY}'>{html.escape(facts or entry.source)}</span>"

    # -- finding rows --------------------------------------------------------------------------

    def rows_for(self, doc_id: str) -> QModelIndex:
        node = self._by_doc.get(doc_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def _walk(self, parent: QModelIndex = QModelIndex()) -> Iterator[QModelIndex]:  # noqa: B008 - Qt's empty index
        for row in range(self.rowCount(parent)):
            index = self.index(row, 0, parent)
            yield index
            yield from self._walk(index)

    def document_titles(self) -> list[str]:
        """The titles of the document rows, top to bottom (what the user sees)."""
        titles: list[str] = []

        def walk(node: _Node) -> None:
            for child in node.children:
                if child.entry is not None:
                    titles.append(child.text)
                walk(child)

        walk(self._root)
        return titles

    def groups(self) -> list[QModelIndex]:
        """The indexes of the group rows (bodies, sessions, years), top to bottom."""
        return [index for index in self._walk() if not index.data(DOC_ROLE)]


class LibraryPane(QWidget):
    """Tree of the library with a filter box and a sort order. Double-click or Enter
    opens; drops of files import them."""

    openRequested = Signal(str, bool)  # doc id, in a new pane
    removeRequested = Signal(str)
    filesDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_soon)
        self.sort = QComboBox()
        self.sort.currentIndexChanged.connect(self._sort_changed)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(120)  # a burst of keystrokes regroups once
        self._filter_timer.timeout.connect(self.apply_filter)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setIndentation(14)
        self.tree.setItemDelegate(HtmlDelegate(self.tree, early=lambda: len(self.model.entries) <= EARLY_LAYOUT_DOCUMENTS))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.activated.connect(self._activated)
        self.tree.setAcceptDrops(False)  # drops go to the pane, which imports them
        self.setAcceptDrops(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self.filter, 1)
        top.addWidget(self.sort)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self.retranslate_controls()

    def labels(self) -> dict[str, str]:
        return {
            "other": self.tr("Other documents"),
            "year": self.tr("%1 (no session)"),
            "unknown": self.tr("Session not stated"),
            "count": self.tr("%1 documents"),
        }

    def retranslate_controls(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter: title, symbol, session, year"))
        self.filter.setToolTip(self.tr("Words in the title, symbol or file name; a number is a session or a year (第46届, session:46, year:2020)"))
        names = {"session": self.tr("By session"), "date": self.tr("By year"), "title": self.tr("By title")}
        current = self.model.sort
        self.sort.blockSignals(True)
        self.sort.clear()
        for key in SORTS:
            self.sort.addItem(names[key], key)
        self.sort.setCurrentIndex(SORTS.index(current))
        self.sort.blockSignals(False)

    def set_entries(self, entries: list[Entry]) -> None:
        selected = self.selected_doc()
        self.model.set_entries(entries, self.labels())
        self._after_regroup(selected)

    def retranslate(self) -> None:
        self.retranslate_controls()
        if self.model.entries:
            self.set_entries(self.model.entries)

    def _filter_soon(self, _text: str) -> None:
        self._filter_timer.start()

    def apply_filter(self) -> None:
        """Regroup the rows for the filter box's text now (typing does it 120 ms after the last key)."""
        self._filter_timer.stop()
        selected = self.selected_doc()
        self.model.set_filter(self.filter.text())
        self._after_regroup(selected)

    def _sort_changed(self, _index: int) -> None:
        selected = self.selected_doc()
        self.model.set_sort(self.sort.currentData() or "session")
        self._after_regroup(selected)

    def _after_regroup(self, selected: str | None) -> None:
        if not self.model.filter_text or self.model.visible_documents() < EXPAND_ALL_BELOW:
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)
        if selected:
            self.select_doc(selected)

    def selected_doc(self) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return index.siblingAtColumn(0).data(DOC_ROLE)

    def select_doc(self, doc_id: str) -> None:
        index = self.model.rows_for(doc_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

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

