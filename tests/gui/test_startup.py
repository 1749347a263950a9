"""What the window does at start, and what it leaves until it is needed (issue 12: the
start-up time of `gui --screenshot` in bench/bench_gui.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QTextDocument

from unidoreader.gui.app import create_window


def _reference_links(document: QTextDocument) -> list[str]:
    """The texts of the document that are reference links ("ref:N" anchors)."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.charFormat().anchorHref().startswith("ref:"):
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


def test_reports_opened_at_start_are_typeset_with_their_links(qtbot, library_dir) -> None:
    """The links of the reports asked for at start are found with them: each pane shows
    its report with its links from the first paint, not laid out (and painted) a second
    time when they arrive later."""
    window = create_window(library_dir, restore=False)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    at_first_show: dict[str, list[str]] = {}

    def watch(pane) -> None:
        # connected after the window's own features: runs once they have decorated the text
        pane.reportSet.connect(lambda p: at_first_show.setdefault(p.doc_id, _reference_links(p.view.document())))

    window.reading.paneAdded.connect(watch)
    window.show()
    window.start(["000", "001"])
    qtbot.waitUntil(lambda: window.is_settled() and len(window.panes) == 2, timeout=30000)
    shown = {pane.doc_id: _reference_links(pane.view.document()) for pane in window.panes}
    assert "GC.17/Res.6" in shown[window.panes[0].doc_id]  # the strategic framework cites the General Conference
    assert "GC.18/Res.9" in shown[window.panes[1].doc_id]
    assert at_first_show == shown


def test_window_appears_before_the_reference_patterns_are_compiled(library_dir) -> None:
    """Showing the window compiles none of the thirty-odd patterns that find references in
    a text (core.references, imported at start): the references of a library document are
    read from the library; the patterns are compiled when a text is first searched for them."""
    code = (
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from unidoreader.core import lazy_re, references\n"
        "from unidoreader.gui.app import create_window\n"
        f"w = create_window(Path({str(library_dir)!r}))\n"
        "w.show(); QApplication.processEvents()\n"
        "lazy = [v for v in vars(references).values() if isinstance(v, lazy_re.LazyPattern)]\n"
        "print('shown', w.isVisible(), 'patterns', len(lazy) > 20, 'compiled', sum('search' in vars(v) for v in lazy))\n"
        "print('found', [r.target for r in references.find_references('见 IDB.51/Dec.4 号决定')])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "shown True patterns True compiled 0" in out.stdout, out.stdout + out.stderr
    assert "found ['IDB.51/Dec.4']" in out.stdout, out.stdout + out.stderr


def test_the_busy_bar_shows_for_long_work_only(qtbot, window) -> None:
    """A job of a few ms (most at start: references, a search answered by the helper)
    does not flash the busy bar in the status bar; one that keeps the lane busy shows
    it until it ends."""
    import time

    from unidoreader.gui.main_window import BUSY_BAR_AFTER_MS

    at_start: list[bool] = []
    window.lane.started.connect(lambda _label: at_start.append(window.progress.isVisible()))  # after the window's own slot
    window.lane.submit("quick", lambda job: None)
    qtbot.waitUntil(lambda: not window.lane.busy, timeout=5000)
    assert at_start == [False]
    qtbot.wait(BUSY_BAR_AFTER_MS + 100)
    assert not window.progress.isVisible()
    window.lane.submit("slow", lambda job: time.sleep(3 * BUSY_BAR_AFTER_MS / 1000))
    qtbot.waitUntil(window.progress.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: not window.lane.busy, timeout=5000)
    assert not window.progress.isVisible()


def test_the_first_window_creates_no_widget_class_it_does_not_show(library_dir, tmp_path) -> None:
    """Starting with two reports and a search (as bench/bench_gui.py does) builds none of
    the widget classes the window does not use: asking a view for its viewport the plain
    way makes PySide6 create every widget class of QtWidgets, calendar and wizard
    included (gui/viewports.py)."""
    shot = tmp_path / "start.png"
    code = (
        "import os, sys\n"
        "from unidoreader import cli\n"
        "real_exit = os._exit\n"
        "def report(code):\n"
        "    import PySide6.QtWidgets as widgets\n"
        "    made = sorted(n for n in ('QCalendarWidget', 'QWizard', 'QFileDialog', 'QFontDialog', 'QMdiArea', 'QGraphicsView') if n in vars(widgets))\n"
        "    print('made', made, 'code', code, flush=True)\n"
        "    real_exit(code)\n"
        "os._exit = report\n"
        f"sys.exit(cli.main(['gui', '--library', {str(library_dir)!r}, '--open', '000', '001', '--search', '中等收入国家', '--screenshot', {str(shot)!r}]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "made [] code 0" in out.stdout, out.stdout + out.stderr
    assert shot.stat().st_size > 10_000
