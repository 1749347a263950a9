"""The printed page beside the text: toggle, follow, click-to-block, zoom, marks, restarts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractSlider

from tests.conftest import DATA
from unidoreader.core.library import Library

PDF = DATA / "typeset" / "001.pdf"
DOCX = DATA / "typeset" / "001.docx"


@pytest.fixture
def printed_library(library_dir: Path) -> tuple[Path, str, str]:
    library = Library.open(library_dir)
    pdf_entry, docx_entry = (r.entry for r in library.import_files([PDF, DOCX]))
    from unidoreader.gui import searching

    searching.ensure_index(library)
    return library_dir, pdf_entry.id, docx_entry.id


def _open(qtbot, window, doc_id: str):
    window.reading.open_document(doc_id, new_pane=True)
    qtbot.waitUntil(lambda: window.reading.active is not None and window.reading.active.doc_id == doc_id, timeout=20000)
    pane = window.reading.active
    side = window.pages.side(pane)
    qtbot.waitUntil(lambda: side.pages is not None, timeout=20000)
    qtbot.waitUntil(window.is_settled, timeout=20000)  # (other features decorate the text on the lane)
    return pane, side


def _rendered(qtbot, view) -> None:
    qtbot.waitUntil(lambda: view.image(view.current_page() - 1) is not None, timeout=20000)


def test_the_page_view_toggles_and_shows_the_rendered_page(qtbot, make_window, printed_library) -> None:
    _root, pdf_id, _docx = printed_library
    window = make_window()
    pane, side = _open(qtbot, window, pdf_id)
    assert side.button.isEnabled() and side.button.isVisible() and not side.view.isVisible()
    window.action("page_view").trigger()
    assert side.view.isVisible() and side.button.isChecked()
    _rendered(qtbot, side.view)
    image = side.view.image(side.view.current_page() - 1)
    assert isinstance(image, QImage) and not image.isNull() and image.width() > 200
    # the page is not blank: dark text pixels on it
    dark = sum(1 for y in range(0, image.height(), 3) for x in range(0, image.width(), 3) if image.pixelColor(x, y).lightness() < 140)
    image.save(str(Path.home() / "page.png"))
    assert dark > 200
    window.action("page_view").trigger()
    assert not side.view.isVisible()


def test_a_word_report_has_no_page_to_show(qtbot, make_window, printed_library) -> None:
    _root, _pdf, docx_id = printed_library
    window = make_window()
    window.reading.open_document(docx_id, new_pane=True)
    qtbot.waitUntil(lambda: window.reading.active is not None and window.reading.active.doc_id == docx_id, timeout=20000)
    side = window.pages.side(window.reading.active)
    assert not side.button.isEnabled() and side.button.isHidden()
    assert not side.marks.isVisible()


def test_the_page_follows_the_text_and_highlights_its_top_block(qtbot, make_window, printed_library) -> None:
    _root, pdf_id, _docx = printed_library
    window = make_window()
    pane, side = _open(qtbot, window, pdf_id)
    side.set_wanted(True)
    qtbot.wait(100)
    report = pane.report
    target = next(b for b in report.blocks if b.label == "10" and b.kind.value == "paragraph")
    pane.scroll_to_block(target.id)
    qtbot.waitUntil(lambda: side.view.highlighted == target.id, timeout=5000)
    assert side.view.current_page() == target.pages[0]
    rects = side.view.highlight_rects()
    assert rects and all(r.width() > 20 for r in rects)
    # the user scrolls the pages back to the top of page 2: the text follows to the
    # first block printed there
    view = side.view
    bar = view.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: abs(view.canvas.width() - view.scroll.viewport().width()) <= 30 and bar.maximum() > view._offsets[1], timeout=5000)
    bar.setSliderPosition(int(view._offsets[1] + 2))  # as the user drags the scroll bar
    bar.triggerAction(QAbstractSlider.SliderAction.SliderMove)
    qtbot.waitUntil(lambda: pane.top_block()[0] == view.highlighted and view.highlighted != target.id, timeout=5000)
    top = report.block(pane.top_block()[0])
    assert 2 in top.pages and top.id == view.pages.block_at_top(2, 0.0)


def test_a_click_on_the_page_goes_to_that_block(qtbot, make_window, printed_library) -> None:
    _root, pdf_id, _docx = printed_library
    window = make_window()
    pane, side = _open(qtbot, window, pdf_id)
    side.set_wanted(True)
    report = pane.report
    target = next(b for b in report.blocks if b.label == "E" and b.kind.value == "heading")
    side.view.scroll_to(target.pages[0], 0)
    point = side.view.point_of(target.id)
    qtbot.mouseClick(side.view.canvas, Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: pane.top_block()[0] == target.id, timeout=5000)
    assert side.view.highlighted == target.id


def test_zoom_and_fit_width(qtbot, make_window, printed_library) -> None:
    _root, pdf_id, _docx = printed_library
    window = make_window()
    _pane, side = _open(qtbot, window, pdf_id)
    side.set_wanted(True)
    view = side.view
    qtbot.waitUntil(lambda: view.scroll.viewport().width() > 100, timeout=5000)
    fitted = view.canvas.width()
    assert abs(fitted - view.scroll.viewport().width()) <= 30
    view.zoom_in_button.click()
    assert not view.fit_button.isChecked() and view.canvas.width() > fitted * 1.1
    _rendered(qtbot, view)
    view.fit_button.click()
    assert view.fit_button.isChecked() and abs(view.canvas.width() - fitted) <= 30


def test_page_marks_in_the_margin_say_where_pages_begin(qtbot, make_window, printed_library) -> None:
    _root, pdf_id, _docx = printed_library
    window = make_window()
    pane, side = _open(qtbot, window, pdf_id)
    assert side.marks.isVisible()
    assert set(side.marks.starts) == {1, 2, 3}
    marks = dict(side.marks.marks())
    assert 1 in marks
    page2, _next, share = side.marks.starts[2]
    assert share == 0.0  # 001's page 2 begins with a heading
    pane.scroll_to_block(page2)
    qtbot.waitUntil(lambda: 2 in dict(side.marks.marks()), timeout=5000)
    assert abs(dict(side.marks.marks())[2]) < 40  # the mark sits by the block at the top


def test_the_toggle_is_remembered_per_pane_across_restarts(qtbot, make_window, printed_library) -> None:
    _root, pdf_id, _docx = printed_library
    window = make_window()
    _pane, side = _open(qtbot, window, pdf_id)
    side.set_wanted(True)
    first_doc = next(e.id for e in window.library.entries() if e.source.startswith("000"))
    window.reading.open_document(first_doc, new_pane=True)
    qtbot.waitUntil(lambda: len(window.reading.panes) == 2 and window.reading.panes[1].report is not None, timeout=20000)
    window.close()
    again = make_window()
    qtbot.waitUntil(lambda: len(again.reading.panes) == 2 and all(p.report for p in again.reading.panes), timeout=20000)
    sides = [again.pages.side(p) for p in again.reading.panes]
    qtbot.waitUntil(lambda: sides[0].pages is not None, timeout=20000)
    assert [s.wanted for s in sides] == [True, False]
    assert sides[0].view.isVisible() and not sides[1].view.isVisible()


def test_a_search_hit_in_a_pdf_says_its_page(qtbot, make_window, printed_library) -> None:
    _root, pdf_id, _docx = printed_library
    window = make_window()
    window.search_panel.query.setText(f"清洁氢 doc:{pdf_id}")
    window.search_panel.query.returnPressed.emit()
    qtbot.waitUntil(lambda: bool(window.search_panel.hits), timeout=20000)
    qtbot.waitUntil(lambda: not window.search_panel.running, timeout=20000)
    hit = window.search_panel.hits[0]
    assert hit.page == 2
    from unidoreader.gui.rich import HTML_ROLE

    item = window.search_panel.results.topLevelItem(0).child(0)
    assert "第 2 页" in item.data(0, HTML_ROLE) or "page 2" in item.data(0, HTML_ROLE)


LONG_PDF = DATA / "typeset" / "004.pdf"  # 59 pages


def test_importing_a_long_pdf_shows_page_progress(qtbot, window) -> None:
    seen: list[tuple[int, int]] = []
    window.lane.progress.connect(lambda done, total, message: message == "pages" and seen.append((done, total)))
    before = len(window.library.entries())
    window.importing.import_files([LONG_PDF])
    qtbot.waitUntil(lambda: len(window.library.entries()) == before + 1, timeout=60000)
    qtbot.waitUntil(window.is_settled, timeout=60000)
    assert seen and seen[-1] == (59, 59) and [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_cancelling_a_pdf_import_imports_nothing(qtbot, window) -> None:
    from PySide6.QtWidgets import QProgressDialog

    before = sorted(e.id for e in window.library.entries())
    cancelled = []

    def on_progress(done: int, total: int, message: str) -> None:
        if message == "pages" and not cancelled:
            (dialog,) = [d for d in window.findChildren(QProgressDialog) if not d.property("done")]
            dialog.canceled.emit()  # what the Cancel button does
            cancelled.append(done)

    window.lane.progress.connect(on_progress)
    window.importing.import_files([LONG_PDF])
    qtbot.waitUntil(lambda: bool(cancelled), timeout=30000)
    qtbot.waitUntil(lambda: not window.lane.busy, timeout=60000)
    assert cancelled[0] < 59
    assert sorted(e.id for e in window.library.entries()) == before
    assert not list((window.library.root / "documents").glob("*.pdf"))
