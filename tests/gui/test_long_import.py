"""A 500-page PDF imported in the app: the progress dialog counts the pages as they are
read, its Cancel button stops the read and imports nothing, and the window keeps
answering all along (the read runs on the lane, never on the GUI thread)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from tests.conftest import DATA
from tests.long_pdf import write_long_pdf

PAGES = 500


def _documents(window) -> list[str]:
    return sorted(p.name for p in (window.library.root / "documents").iterdir())


def test_a_500_page_import_shows_progress_and_cancel_stops_it(qtbot, window, tmp_path: Path) -> None:
    long_pdf = write_long_pdf(tmp_path / "annual-report-500.pdf", PAGES)
    entries = sorted(e.id for e in window.library.entries())
    documents = _documents(window)
    catalog = (window.library.root / "catalog.json").read_bytes()

    # the GUI thread's pulse: the longest gap between ticks of a 20 ms timer while the PDF is read
    ticks: list[float] = []
    pulse = QTimer(window)
    pulse.timeout.connect(lambda: ticks.append(time.perf_counter()))
    pulse.start(20)

    started = time.perf_counter()
    window.importing.import_files([long_pdf])
    dialog = None

    def shown() -> bool:
        nonlocal dialog
        visible = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        dialog = visible[0] if visible else None
        return dialog is not None and dialog.maximum() == PAGES and dialog.value() >= 40

    qtbot.waitUntil(shown, timeout=60000)
    assert dialog is not None
    values = [dialog.value()]
    qtbot.waitUntil(lambda: dialog.value() >= values[0] + 20, timeout=60000)  # it keeps counting
    values.append(dialog.value())
    assert str(PAGES) in dialog.labelText()  # "Reading page 60 of 500…"
    (cancel,) = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    stopped_at = values[-1]
    qtbot.waitUntil(lambda: not window.lane.busy, timeout=60000)
    ended = time.perf_counter()
    pulse.stop()

    assert values[0] < values[1] < PAGES
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    assert sorted(e.id for e in window.library.entries()) == entries
    assert _documents(window) == documents
    assert (window.library.root / "catalog.json").read_bytes() == catalog
    assert "cancel" in window.last_message.lower() or "取消" in window.last_message
    # from the import's start to the cancel's end, never 1.5 s without a tick (however fast the read)
    beats = [started] + [t for t in ticks if started < t < ended] + [ended]
    gaps = [b - a for a, b in zip(beats, beats[1:])]
    assert len(beats) > 3 and max(gaps) < 1.5, (stopped_at, len(beats), max(gaps))

    # the app is still in working order: the next import goes through
    before = len(window.library.entries())
    window.importing.import_files([DATA / "typeset" / "001.pdf"])
    qtbot.waitUntil(lambda: len(window.library.entries()) == before + 1, timeout=60000)
