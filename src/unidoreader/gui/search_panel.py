"""The search panel: query box with history and saved searches, filters, streamed
results grouped per document with highlighted snippets, next/previous hit."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unidoreader.core.library import Entry
from unidoreader.gui.rich import HTML_ROLE, SECONDARY, HtmlDelegate, snippet_html

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
DOC_ROLE = Qt.ItemDataRole.UserRole + 3


class SearchPanel(QWidget):
    searchRequested = Signal(str, dict)
    hitActivated = Signal(object)
    saveSearchRequested = Signal(str, dict)
    deleteSavedRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Any] = []
        self.total = 0
        self.running = False
        self._doc_items: dict[str, QTreeWidgetItem] = {}
        self._titles: dict[str, str] = {}
        self._saved: list[Any] = []

        self.query = QLineEdit()
        self.query.setClearButtonEnabled(True)
        self.query.setMinimumWidth(100)
        self.query.returnPressed.connect(self.run)
        self.history_model = QStringListModel(self)
        completer = QCompleter(self.history_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.query.setCompleter(completer)
        self.search_button = QPushButton()
        self.search_button.clicked.connect(self.run)
        self.saved_button = QToolButton()
        self.saved_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.saved_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.saved_menu = QMenu(self)
        self.saved_menu.aboutToShow.connect(self._fill_saved_menu)
        self.saved_button.setMenu(self.saved_menu)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        row.addWidget(self.saved_button)

        self.session_filter = QComboBox()
        self.year_filter = QComboBox()
        self.doc_filter = QComboBox()
        self.lang_filter = QComboBox()  # the documents' language (not the interface's)
        # elided when the pane is narrow: the row must not make the dock (and the window) wider
        self.lang_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "All languages" whole
        # session and year show their whole choice ("All sessions" is longer than 第52届会议);
        # the documents filter takes the rest of the row and elides long titles
        for combo in (self.session_filter, self.year_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.doc_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.doc_filter.setMinimumContentsLength(4)
        # session and year side by side, each shown whole; the documents filter below,
        # the panel's width (three in one row made the dock, and so the window, wider)
        filters = QVBoxLayout()
        filters.setSpacing(4)
        first = QHBoxLayout()
        first.setSpacing(4)
        first.addWidget(self.session_filter)
        first.addWidget(self.year_filter)
        first.addStretch(1)
        filters.addLayout(first)
        filters.addWidget(self.doc_filter)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.prev_button = QToolButton()
        self.prev_button.setText("▲")
        self.prev_button.clicked.connect(self.previous_hit)
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.clicked.connect(self.next_hit)
        status = QHBoxLayout()
        status.addWidget(self.lang_filter)
        status.addWidget(self.summary, 1)
        status.addWidget(self.prev_button)
        status.addWidget(self.next_button)

        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setWordWrap(True)
        self.results.setIndentation(10)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addLayout(filters)
        layout.addLayout(status)
        layout.addWidget(self.results, 1)
        self._entries: list[Entry] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(self.tr("Search every report (Ctrl+Shift+F)"))
        self.search_button.setText(self.tr("Search"))
        self.saved_button.setText(self.tr("Saved") + " ▾")
        self.saved_button.setToolTip(self.tr("Saved searches"))
        self.prev_button.setToolTip(self.tr("Previous hit (Shift+F8)"))
        self.next_button.setToolTip(self.tr("Next hit (F8)"))
        self.set_entries(self._entries)
        self._update_summary()

    # -- filters and history ------------------------------------------------------------

    def set_entries(self, entries: list[Entry]) -> None:
        self._entries = list(entries)
        self._titles = {e.id: e.metadata.title or e.source for e in entries}
        keep = (self.session_filter.currentData(), self.year_filter.currentData(), self.doc_filter.currentData(),
                self.lang_filter.currentData())
        from unidoreader.core.language import LANGUAGES

        present = {e.metadata.language for e in entries}
        names = {"zh": self.tr("Chinese documents"), "en": self.tr("English documents")}
        for combo, all_text, values in (
            (self.session_filter, self.tr("All sessions"), [(f"第{s}届会议", s) for s in sorted({e.metadata.session for e in entries if e.metadata.session}, reverse=True)]),
            (self.year_filter, self.tr("All years"), [(str(y), y) for y in sorted({e.metadata.year for e in entries if e.metadata.year}, reverse=True)]),
            (self.doc_filter, self.tr("All documents"), [(e.metadata.title or e.source, e.id) for e in entries]),
            (self.lang_filter, self.tr("All languages"), [(names[lang], lang) for lang in LANGUAGES if lang in present]),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, None)
            for text, value in values:
                combo.addItem(text, value)
            combo.blockSignals(False)
        for combo, value in zip((self.session_filter, self.year_filter, self.doc_filter, self.lang_filter), keep):
            index = combo.findData(value)
            combo.setCurrentIndex(max(0, index))

    def set_history(self, queries: list[str]) -> None:
        seen: list[str] = []
        for q in queries:
            if q not in seen:
                seen.append(q)
        self.history_model.setStringList(seen)

    def set_saved(self, saved: list[Any]) -> None:
        self._saved = list(saved)

    def filters(self) -> dict[str, Any]:
        return {
            "session": self.session_filter.currentData(),
            "year": self.year_filter.currentData(),
            "doc": self.doc_filter.currentData(),
            "lang": self.lang_filter.currentData(),
        }

    def set_filters(self, filters: dict[str, Any]) -> None:
        for combo, key in ((self.session_filter, "session"), (self.year_filter, "year"), (self.doc_filter, "doc"),
                           (self.lang_filter, "lang")):
            combo.setCurrentIndex(max(0, combo.findData(filters.get(key))))

    def _fill_saved_menu(self) -> None:
        menu = self.saved_menu
        menu.clear()
        save = menu.addAction(self.tr("Save this search…"))
        save.setEnabled(bool(self.query.text().strip()))
        save.triggered.connect(lambda: self.saveSearchRequested.emit(self.query.text().strip(), self.filters()))
        if self._saved:
            menu.addSeparator()
        for saved in self._saved:
            action = menu.addAction(f"{saved.name}  —  {saved.query}")
            action.triggered.connect(lambda _=False, s=saved: self.run_saved(s))
        if self._saved:
            delete = menu.addMenu(self.tr("Delete"))
            for saved in self._saved:
                delete.addAction(saved.name).triggered.connect(lambda _=False, n=saved.name: self.deleteSavedRequested.emit(n))

    def run_saved(self, saved: Any) -> None:
        self.query.setText(saved.query)
        self.set_filters(saved.filters or {})
        self.run()

    # -- running and results ------------------------------------------------------------

    def run(self) -> None:
        query = self.query.text().strip()
        if not query:
            return
        self.searchRequested.emit(query, self.filters())

    def start_results(self, query: str) -> None:
        self.results.clear()
        self.hits = []
        self._doc_items = {}
        self.total = 0
        self.running = True
        self._query = query
        self._update_summary()

    def add_hit(self, hit: Any) -> None:
        parent = self._doc_items.get(hit.doc)
        if parent is None:
            parent = QTreeWidgetItem(self.results)
            parent.setData(0, DOC_ROLE, hit.doc)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            parent.setExpanded(True)
            self._doc_items[hit.doc] = parent
        item = QTreeWidgetItem(parent)
        item.setData(0, HIT_ROLE, hit)
        where = " › ".join(hit.section_path) if hit.section_path else ""
        page = getattr(hit, "page", None)
        if page:  # a report imported as PDF: where the hit is printed
            printed = self.tr("page %1").replace("%1", str(page))
            where = f"{where}  ·  {printed}" if where else printed
        prefix = f'<span style="color:{SECONDARY}">{html.escape(where)}</span><br>' if where else ""
        item.setData(0, HTML_ROLE, prefix + snippet_html(hit.snippet, hit.marks))
        item.setData(0, Qt.ItemDataRole.DisplayRole, hit.snippet)
        item.setToolTip(0, where)
        self.hits.append(hit)
        self._label_document(hit.doc)
        self._update_summary()

    def _label_document(self, doc_id: str) -> None:
        parent = self._doc_items[doc_id]
        count = parent.childCount()
        parent.setText(0, f"{self._titles.get(doc_id, doc_id)}  ({count})")

    def finish(self, total: int | None = None) -> None:
        self.running = False
        self.total = len(self.hits) if total is None else total
        self._update_summary()

    def fail(self, message: str) -> None:
        self.running = False
        self.summary.setText(message)

    def _update_summary(self) -> None:
        if not hasattr(self, "_query"):
            self.summary.setText("")
            return
        n, docs = len(self.hits), len(self._doc_items)
        if self.running:
            text = self.tr("Searching… 1 hit so far") if n == 1 else self.tr("Searching… %1 hits so far").replace("%1", str(n))
        elif n == 0:
            text = self.tr("No hits for “%1”").replace("%1", self._query)
        elif n == 1:
            text = self.tr("1 hit in 1 document")
        elif docs == 1:
            text = self.tr("%1 hits in 1 document").replace("%1", str(n))
        else:
            text = self.tr("%1 hits in %2 documents").replace("%1", str(n)).replace("%2", str(docs))
        counts = self.language_counts()
        if len(counts) > 1 and not self.running:  # hits in both languages: how many in each
            from unidoreader.core.language import SHORT_NAMES

            text += "  ·  " + " / ".join(f"{SHORT_NAMES.get(lang or '', lang or '?')} {count}" for lang, count in counts.items())
        self.summary.setText(text)

    def language_counts(self) -> dict[str | None, int]:
        """Hits per document language, in the order zh, en, others."""
        from unidoreader.core.language import LANGUAGES

        counts: dict[str | None, int] = {}
        for hit in self.hits:
            language = getattr(hit, "language", None)
            counts[language] = counts.get(language, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: LANGUAGES.index(item[0]) if item[0] in LANGUAGES else 9))

    def document_counts(self) -> dict[str, int]:
        return {doc: item.childCount() for doc, item in self._doc_items.items()}

    def hit_items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.results.topLevelItemCount()):
            parent = self.results.topLevelItem(i)
            items.extend(parent.child(j) for j in range(parent.childCount()))
        return items

    def _activated(self, item: QTreeWidgetItem, column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if hit is not None:
            self.hitActivated.emit(hit)

    def activate_hit(self, index: int) -> None:
        items = self.hit_items()
        if not items:
            return
        item = items[index % len(items)]
        self.results.setCurrentItem(item)
        self.results.scrollToItem(item)
        self._activated(item)

    def _current_index(self) -> int:
        items = self.hit_items()
        current = self.results.currentItem()
        return items.index(current) if current in items else -1

    def next_hit(self) -> None:
        self.activate_hit(self._current_index() + 1)

    def previous_hit(self) -> None:
        index = self._current_index()
        self.activate_hit(index - 1 if index > 0 else -1)
