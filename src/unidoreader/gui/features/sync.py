"""Synchronised scrolling: the other panes that show a version of the same report (another
session's, the other language's) follow the one being scrolled, aligned by chapter,
section and paragraph number (gui/alignment.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from unidoreader.core.versions import same_series
from unidoreader.gui.alignment import Alignment
from unidoreader.gui.features import Feature, MenuItem
from unidoreader.gui.features.panes import ReadingPanes
from unidoreader.gui.reader import ReaderPane

if TYPE_CHECKING:
    from unidoreader.core.model import Report
    from unidoreader.core.userdata import UserData


class SyncScrolling(Feature):
    """The Ctrl+L toggle (`act_sync`) and the scrolling it does."""

    def __init__(self, parent: QWidget, userdata: "UserData | None", reading: ReadingPanes) -> None:
        super().__init__(parent)
        self.userdata = userdata
        self.reading = reading
        self._syncing = False
        self.missing: dict[ReaderPane, str] = {}  # pane -> paragraph it lacks (last said)
        self._neutral_cache: dict[str, Alignment] = {}  # report id -> its language-neutral keys
        self.act_sync = self.action("sync", self._toggled, "Ctrl+L", checkable=True)
        self.act_sync.setChecked(True)
        reading.paneAdded.connect(self._pane_added)
        for pane in reading.panes:  # built after some panes opened
            self._pane_added(pane)

    def menu_items(self) -> list[MenuItem]:
        return [MenuItem("view", self.act_sync)]

    def retranslate(self) -> None:
        self.act_sync.setText(self.tr("&Synchronised scrolling"))

    def restore_state(self, userdata: "UserData") -> None:
        self.act_sync.setChecked(bool(userdata.state("sync", True)))

    def save_state(self, userdata: "UserData") -> None:
        userdata.set_state("sync", self.act_sync.isChecked())

    def _alignments(self, source: ReaderPane, pane: ReaderPane) -> tuple[Alignment, Alignment]:
        """The keys to align two panes on: titles of unlabelled sections where both reports
        are in one language (last session's report against this one's), their places
        where the languages differ (the Chinese and the English version)."""
        a, b = source.report, pane.report
        if a is None or b is None or a.metadata.language == b.metadata.language:
            return source.alignment, pane.alignment  # type: ignore[return-value]
        return self._neutral(a), self._neutral(b)

    def _related(self, source: ReaderPane, pane: ReaderPane) -> bool:
        """Only versions of one report follow each other (core.versions.same_series)."""
        a, b = source.report, pane.report
        return a is not None and b is not None and same_series(a.metadata, b.metadata)

    def _neutral(self, report: "Report") -> Alignment:
        found = self._neutral_cache.get(report.id)
        if found is None:
            if len(self._neutral_cache) > 16:
                self._neutral_cache.clear()
            found = self._neutral_cache[report.id] = Alignment.of(report, neutral=True)
        return found

    def _report_missing(self, pane: ReaderPane, paragraph: str) -> None:
        """Say that the paragraph at the top of the scrolled pane has no counterpart in
        `pane` (a version with a paragraph left out), instead of silently drifting."""
        if self.missing.get(pane) == paragraph:
            return
        self.missing[pane] = paragraph
        self.message.emit(self.tr("Paragraph %1 is not in %2: shown at the nearest paragraph before it")
                          .replace("%1", paragraph).replace("%2", pane.report.source if pane.report else "?"))

    def _pane_added(self, pane: ReaderPane) -> None:
        pane.view.verticalScrollBar().valueChanged.connect(lambda _v, p=pane: self.sync_from(p))

    def _toggled(self, on: bool) -> None:
        if self.userdata:
            self.userdata.set_state("sync", bool(on))
        self.message.emit(self.tr("Synchronised scrolling on") if on else self.tr("Synchronised scrolling off"))

    def sync_from(self, source: ReaderPane) -> None:
        panes = self.reading.panes
        if self._syncing or not self.act_sync.isChecked() or len(panes) < 2 or source.alignment is None or source.in_compare:
            return
        if source is not self.reading.active and not source.underMouse():
            return
        block_id, offset = source.top_block()
        if block_id is None:
            return
        self._syncing = True
        try:
            for pane in panes:
                if pane is source or pane.alignment is None or pane.in_compare:
                    continue
                if pane.doc_id == source.doc_id:
                    pane.scroll_to_block(block_id, offset)
                    continue
                if not self._related(source, pane):
                    continue
                mine, theirs = self._alignments(source, pane)
                key = mine.keys.get(block_id)
                target = theirs.match(key) if key else None
                if target is not None:
                    exact = theirs.keys.get(target) == key and key[2]
                    pane.scroll_to_block(target, offset if exact else 0.0)
                    if key and key[2] and not exact:
                        self._report_missing(pane, key[2])
                    else:
                        self.missing.pop(pane, None)
        finally:
            self._syncing = False
