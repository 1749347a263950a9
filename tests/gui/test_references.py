"""References as links in the reader (issue 16): clicking a symbol opens the cited
document, clicking "第 5 至 7 段" jumps, hovering shows the target's title and first line,
a document not in the library shows a card, and the references pane lists who cites whom."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from tests.conftest import DATA
from unidoreader.core.library import Library
from unidoreader.gui import searching

REFS = DATA / "references"


@pytest.fixture
def window(make_window, library_dir: Path):
    library = Library.open(library_dir)
    library.import_files([REFS / "synthetic.txt", REFS / "cited.txt"], workers=0)
    searching.ensure_index(library)
    return make_window()


def _doc(window, source: str) -> str:
    return next(e.id for e in window.entries() if e.source == source)


def _open(qtbot, window, doc: str):
    window.open_document(doc, True)
    qtbot.waitUntil(window.is_settled, timeout=30000)
    pane = window.active
    assert pane.doc_id == doc
    return pane


def _point(pane, text: str, occurrence: int = 0) -> tuple[QPoint, str]:
    """The viewport point of the middle of `text` in the pane (scrolled into view), and its link."""
    document = pane.view.document()
    cursor = document.find(text)
    for _ in range(occurrence):
        cursor = document.find(text, cursor)
    assert not cursor.isNull(), text
    middle = (cursor.selectionStart() + cursor.selectionEnd()) // 2
    probe = pane.view.textCursor()
    probe.setPosition(middle)
    pane.view.setTextCursor(probe)
    pane.view.ensureCursorVisible()
    rect = pane.view.cursorRect(probe)
    point = QPoint(rect.center().x() + 1, rect.center().y())
    return point, pane.view.anchorAt(point)


def _click(qtbot, window, pane, text: str, occurrence: int = 0) -> None:
    point, href = _point(pane, text, occurrence)
    assert href.startswith("ref:"), (text, href)
    QTest.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.waitUntil(window.is_settled, timeout=30000)


def _hover(pane, text: str) -> str:
    point, _href = _point(pane, text)
    event = QHelpEvent(QEvent.Type.ToolTip, point, pane.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(pane.view, event)
    return QToolTip.text()


def test_clicking_a_symbol_opens_the_cited_document(qtbot, window) -> None:
    synthetic, cited = _doc(window, "synthetic.txt"), _doc(window, "cited.txt")
    pane = _open(qtbot, window, synthetic)
    _click(qtbot, window, pane, "A/80/590")
    assert window.active.doc_id == cited
    assert window.active.title.text().startswith("发展筹资")


def test_clicking_a_paragraph_of_another_document_opens_it_there(qtbot, window) -> None:
    synthetic, cited = _doc(window, "synthetic.txt"), _doc(window, "cited.txt")
    pane = _open(qtbot, window, synthetic)
    _click(qtbot, window, pane, "第 12 段")  # "A/80/590 号文件第 12 段"
    target = window.active
    assert target.doc_id == cited
    para12 = next(b.id for b in target.report.blocks if b.label == "12")
    qtbot.waitUntil(lambda: target.block_visible(para12), timeout=5000)
    assert target.highlighted_text() and "第 12 项意见" in target.highlighted_text()[0]


def test_clicking_a_paragraph_reference_jumps_within_the_report(qtbot, window) -> None:
    pane = _open(qtbot, window, _doc(window, "synthetic.txt"))
    para5 = next(b.id for b in pane.report.blocks if b.label == "5")
    assert not pane.highlighted_text()
    _click(qtbot, window, pane, "第 5 至 7 段")
    assert window.active is pane and len(window.panes) == 1
    assert pane.block_visible(para5)
    assert pane.highlighted_text() == ["正文5，说明工发组织在这一领域的工作。"]


def test_hovering_shows_the_target_s_title_and_first_line(qtbot, window) -> None:
    pane = _open(qtbot, window, _doc(window, "synthetic.txt"))
    assert _hover(pane, "A/80/590").splitlines()[:2] == ["发展筹资", "A/80/590"]
    tip = _hover(pane, "第 2 段")
    assert tip.startswith("2. 根据 GC.17/ Res.6 号决议")
    feature = window.references
    assert _hover(pane, "IDB.41/Dec.4") == f"IDB.41/Dec.4\n{feature.tr('Not in your library')}"


def test_a_document_not_in_the_library_shows_a_copyable_card(qtbot, window) -> None:
    pane = _open(qtbot, window, _doc(window, "synthetic.txt"))
    _click(qtbot, window, pane, "IDB.41/Dec.4")
    card = window.references.card
    assert card.isVisible() and card.symbol_field.text() == "IDB.41/Dec.4"
    assert card.status.text() == window.references.tr("Not in your library")
    assert card.kind_label.text() in ("Decision", "决定")
    card.copy_button.click()
    assert QApplication.clipboard().text() == "IDB.41/Dec.4"
    assert len(window.panes) == 1  # nothing was opened


def _show_references_pane(qtbot, window) -> None:
    """As a click on the pane's tab does."""
    dock = window.docks["references"]
    dock.show()
    dock.raise_()
    qtbot.waitUntil(window.is_settled, timeout=30000)


def test_the_references_pane_lists_who_cites_the_document_and_what_it_cites(qtbot, window) -> None:
    synthetic, cited = _doc(window, "synthetic.txt"), _doc(window, "cited.txt")
    _open(qtbot, window, cited)
    _show_references_pane(qtbot, window)
    panel = window.references.panel
    assert panel.group_texts(panel.cited_by) == ["工业发展合作"]
    citing = panel.cited_by.child(0)
    assert [citing.child(i).text(0) for i in range(citing.childCount())] == ["3. 上文第一章已经说明，详见附件一和 A/80/590 号文件第 12 段。"]
    assert panel.group_texts(panel.cites) == []
    library = panel.group_texts(panel.library_list)
    row = window.references.tr("%1 — %2 paragraph(s) in %3 document(s)")
    counts = lambda target, blocks, docs: row.replace("%1", target).replace("%2", str(blocks)).replace("%3", str(docs))  # noqa: E731
    assert library[0] == counts("GC.17/Res.6", 4, 2)  # 000: summary, paragraphs 1 and 9; synthetic: paragraph 2
    assert counts("A/RES/72/279", 1, 1) in library and counts("IDB.41/Dec.4", 2, 2) in library
    panel.tree.itemClicked.emit(citing.child(0), 0)  # opens the citing paragraph
    qtbot.waitUntil(window.is_settled, timeout=30000)
    assert window.active.doc_id == synthetic and window.active.highlighted_text()[0].startswith("上文第一章")
    cites = panel.group_texts(panel.cites)
    assert cites[:2] == ["GC.17/Res.6  —  " + window.references.tr("not in your library"), "IDB.41/Dec.4  —  " + window.references.tr("not in your library")]
    assert "A/80/590  —  发展筹资" in cites


def test_a_symbol_set_in_the_gui_makes_references_to_it_links(qtbot, window) -> None:
    doc000 = _doc(window, next(e.source for e in window.entries() if e.source.startswith("000")))
    doc002 = _doc(window, next(e.source for e in window.entries() if e.source.startswith("002")))
    _open(qtbot, window, doc002)  # cites IDB.42/14, which the library lacks
    window.open_document(doc000, True)
    qtbot.waitUntil(window.is_settled, timeout=30000)
    window.references.ask_symbol()
    dialog = window.references.symbol_dialog
    dialog.setTextValue("IDB.42/ 14")
    dialog.accept()
    qtbot.waitUntil(window.is_settled, timeout=30000)
    assert window.library.entry(doc000).metadata.symbol == "IDB.42/ 14"
    pane002 = next(p for p in window.panes if p.doc_id == doc002)
    title = window.library.entry(doc000).metadata.title
    assert _hover(pane002, "IDB.42/14").splitlines() == [title, "IDB.42/14"]
    _click(qtbot, window, pane002, "IDB.42/14")
    assert window.active.doc_id == doc000


def test_the_references_pane_is_filled_when_it_is_shown_not_while_hidden(qtbot, window) -> None:
    """Behind the search tab, the pane costs nothing (no job, no repaint at start); the
    moment its tab is chosen it lists the active document's citations."""
    cited = _doc(window, "cited.txt")
    window.docks["search"].raise_()
    qtbot.waitUntil(lambda: not window.references._panel_seen)
    jobs: list[str] = []
    window.lane.started.connect(jobs.append)
    _open(qtbot, window, cited)
    panel = window.references.panel
    finding = window.references.tr("Finding references…")
    assert jobs.count(finding) == 1  # the new pane's links; the hidden pane asked for nothing
    assert panel.group_texts(panel.cited_by) != ["工业发展合作"]
    _show_references_pane(qtbot, window)
    assert jobs.count(finding) == 2
    assert panel.group_texts(panel.cited_by) == ["工业发展合作"]
