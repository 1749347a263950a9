"""The search panel: query box with history and saved searches, filters, streamed
results with highlighted snippets, grouped per document or listed by relevance, a page
at a time (a term in every report of an archive has hundreds of thousands of hits: the
panel shows the totals and one page, and asks for the next), next/previous hit."""

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
from unidoreader.gui.searching import PAGE_SIZE

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
DOC_ROLE = Qt.ItemDataRole.UserRole + 3


class SearchPanel(QWidget):
    searchRequested = Signal(str, dict)
    pageRequested = Signal(str, dict, int)  # query, filters, offset of the page
    hitActivated = Signal(object)
    saveSearchRequested = Signal(str, dict)
    deleteSavedRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Any] = []
        self.total = 0  # hits in all, on every page
        self.offset = 0  # of the first hit shown
        self.per_document: dict[str, int] = {}  # hits in all, by document
        self.running = False
        self._filters: dict[str, Any] = {}
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
        self.grouping = QComboBox()
        self.grouping.currentIndexChanged.connect(self._regroup)
        self.page_prev = QToolButton()
        self.page_prev.setText("◀")
        self.page_prev.clicked.connect(lambda: self._turn(-1))
        self.page_next = QToolButton()
        self.page_next.setText("▶")
        self.page_next.clicked.connect(lambda: self._turn(1))
        self.page_label = QLabel()
        paging = QHBoxLayout()
        paging.setSpacing(4)
        paging.addWidget(self.grouping)
        paging.addStretch(1)
        paging.addWidget(self.page_prev)
        paging.addWidget(self.page_label)
        paging.addWidget(self.page_next)

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
        layout.addLayout(paging)
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
        self.page_prev.setToolTip(self.tr("Previous page of hits"))
        self.page_next.setToolTip(self.tr("Next page of hits"))
        grouped = self.grouped()
        self.grouping.blockSignals(True)
        self.grouping.clear()
        self.grouping.addItem(self.tr("By document"), True)
        self.grouping.addItem(self.tr("By relevance"), False)
        self.grouping.setCurrentIndex(0 if grouped else 1)
        self.grouping.blockSignals(False)
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

    def grouped(self) -> bool:
        """True: hits under their document (documents in the order of their best hit);
        False: one list by relevance."""
        return self.grouping.currentData() is not False

    def start_results(self, query: str, filters: dict[str, Any] | None = None, offset: int = 0) -> None:
        self.results.clear()
        self.hits = []
        self._doc_items = {}
        self.total = 0
        self.per_document = {}
        self.offset = offset
        self.running = True
        self._query = query
        self._filters = dict(filters) if filters is not None else self.filters()
        self._update_summary()

    def receive(self, item: Any) -> None:
        """What a running search streams: first ("counts", total, per document), then hits
        (one at a time, or ("hits", list) for hits that came together)."""
        if isinstance(item, tuple) and item and item[0] == "counts":
            self.set_counts(item[1], item[2])
        elif isinstance(item, tuple) and item and item[0] == "hits":
            self.add_hits(item[1])
        else:
            self.add_hit(item)

    def set_counts(self, total: int | None, per_document: dict[str, int]) -> None:
        self.total = total or 0
        self.per_document = dict(per_document)
        for doc_id in self._doc_items:
            self._label_document(doc_id)
        self._update_summary()

    def add_hit(self, hit: Any) -> None:
        self.hits.append(hit)
        self._show_hit(hit)
        self._update_summary()

    def add_hits(self, hits: list[Any]) -> None:
        """Hits that came all at once (the start-up search's helper): shown together,
        the summary counted once, not once per hit."""
        for hit in hits:
            self.hits.append(hit)
            self._show_hit(hit)
        self._update_summary()

    def _show_hit(self, hit: Any) -> None:
        where = " › ".join(hit.section_path) if hit.section_path else ""
        page = getattr(hit, "page", None)
        if page:  # a report imported as PDF: where the hit is printed
            printed = self.tr("page %1").replace("%1", str(page))
            where = f"{where}  ·  {printed}" if where else printed
        if self.grouped():
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
            prefix = f'<span style="color:{SECONDARY}">{html.escape(where)}</span><br>' if where else ""
        else:
            item = QTreeWidgetItem(self.results)
            title = html.escape(self._titles.get(hit.doc, hit.doc))
            place = f' <span style="color:{SECONDARY}">› {html.escape(where)}</span>' if where else ""
            prefix = f"<b>{title}</b>{place}<br>"
        item.setData(0, HIT_ROLE, hit)
        item.setData(0, HTML_ROLE, prefix + snippet_html(hit.snippet, hit.marks))
        item.setData(0, Qt.ItemDataRole.DisplayRole, hit.snippet)
        item.setToolTip(0, where)
        if hit.doc in self._doc_items:
            self._label_document(hit.doc)

    def _regroup(self, _index: int) -> None:
        """Show the hits of this page the other way (nothing is searched again)."""
        current = self.results.currentItem()
        chosen = current.data(0, HIT_ROLE) if current is not None else None
        self.results.clear()
        self._doc_items = {}
        for hit in self.hits:
            self._show_hit(hit)
        for item in self.hit_items():
            if item.data(0, HIT_ROLE) is chosen and chosen is not None:
                self.results.setCurrentItem(item)

    def _label_document(self, doc_id: str) -> None:
        parent = self._doc_items[doc_id]
        count = parent.childCount()
        parent.setText(0, f"{self._titles.get(doc_id, doc_id)}  ({count})")
        total = self.per_document.get(doc_id)
        if total is not None:
            parent.setToolTip(0, self.tr("%1 hits in this document").replace("%1", str(total)))

    def finish(self, total: int | None = None) -> None:
        self.running = False
        if total is not None:
            self.total = total
        self.total = max(self.total, self.offset + len(self.hits))
        self._update_summary()

    def fail(self, message: str) -> None:
        self.running = False
        self.summary.setText(message)

    def _turn(self, step: int) -> None:
        """Ask for the previous (-1) or next (1) page of the same search."""
        offset = self.offset + step * PAGE_SIZE
        if offset < 0 or offset >= self.total or not hasattr(self, "_query"):
            return
        self.pageRequested.emit(self._query, self._filters, offset)

    def _update_summary(self) -> None:
        self.page_prev.setEnabled(not self.running and self.offset > 0)
        self.page_next.setEnabled(not self.running and self.offset + len(self.hits) < self.total)
        if not hasattr(self, "_query"):
            self.summary.setText("")
            self.page_label.setText("")
            return
        n = len(self.hits)
        docs = len(self.per_document) or len({hit.doc for hit in self.hits})
        if self.running:
            text = self.tr("Searching… 1 hit so far") if n == 1 else self.tr("Searching… %1 hits so far").replace("%1", str(n))
        elif n == 0:
            text = self.tr("No hits for “%1”").replace("%1", self._query)
        elif self.offset == 0 and n >= self.total and n == 1:
            text = self.tr("1 hit in 1 document")
        elif self.offset == 0 and n >= self.total and docs == 1:
            text = self.tr("%1 hits in 1 document").replace("%1", str(n))
        elif self.offset == 0 and n >= self.total:
            text = self.tr("%1 hits in %2 documents").replace("%1", str(n)).replace("%2", str(docs))
        else:
            text = (self.tr("%1 hits in %2 documents; %3–%4 shown")
                    .replace("%1", f"{self.total:,}").replace("%2", f"{docs:,}")
                    .replace("%3", str(self.offset + 1)).replace("%4", str(self.offset + n)))
        counts = self.language_counts()
        if len(counts) > 1 and not self.running:  # hits in both languages: how many in each
            from unidoreader.core.language import SHORT_NAMES

            text += "  ·  " + " / ".join(f"{SHORT_NAMES.get(lang or '', lang or '?')} {count}" for lang, count in counts.items())
        self.summary.setText(text)
        pages = max(1, -(-self.total // PAGE_SIZE))
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(self.offset // PAGE_SIZE + 1)).replace("%2", str(pages)) if self.total > PAGE_SIZE else "")
        self.page_prev.setVisible(self.total > PAGE_SIZE)
        self.page_next.setVisible(self.total > PAGE_SIZE)

    def language_counts(self) -> dict[str | None, int]:
        """Hits per document language, in the order zh, en, others."""
        from unidoreader.core.language import LANGUAGES

        counts: dict[str | None, int] = {}
        for hit in self.hits:
            language = getattr(hit, "language", None)
            counts[language] = counts.get(language, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: LANGUAGES.index(item[0]) if item[0] in LANGUAGES else 9))

    def document_counts(self) -> dict[str, int]:
        """Hits shown, by document."""
        counts: dict[str, int] = {}
        for hit in self.hits:
            counts[hit.doc] = counts.get(hit.doc, 0) + 1
        return counts

    def hit_items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.results.topLevelItemCount()):
            top = self.results.topLevelItem(i)
            if top.data(0, HIT_ROLE) is not None:  # listed by relevance
                items.append(top)
            items.extend(top.child(j) for j in range(top.childCount()))
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
