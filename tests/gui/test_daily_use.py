"""What a day of use showed in the window (issue 12): stale search marks, the pane title
bar, outline ticks that jumped, the status bar after a failed import, and more."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.gui.helpers import doc, open_docs


def _search(qtbot, window, query: str) -> None:
    panel = window.search_panel
    panel.query.setText(query)
    QTest.keyClick(panel.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.running and window.is_settled(), timeout=30000)


def test_a_new_search_clears_the_marks_of_the_last_one(qtbot, window) -> None:
    _search(qtbot, window, "清洁氢")
    window.search_panel.activate_hit(0)
    qtbot.waitUntil(lambda: bool(window.panes) and window.is_settled(), timeout=10000)
    pane = window.panes[0]
    assert pane.highlighted_text() and all("清洁氢" in t for t in pane.highlighted_text())
    _search(qtbot, window, "知识产权")
    assert pane.highlighted_text() == []  # no mark of 清洁氢 left in the pane


def test_clicking_a_pane_title_bar_makes_it_active(qtbot, window) -> None:
    a, b = open_docs(qtbot, window, "000", "004")
    window.set_active(a)
    assert window.outline.report is a.report
    QTest.mouseClick(b.title, Qt.MouseButton.LeftButton)
    assert window.active is b
    assert window.outline.report is b.report  # the outline and tables follow at once
    assert window.tables_panel.tables == b.tables and b.tables
    QTest.mouseClick(a.title.parentWidget(), Qt.MouseButton.LeftButton, pos=QPoint(a.title.parentWidget().width() - 60, 5))
    assert window.active is a


def _title_bar_colour(pane) -> str:
    """The colour the pane's title bar is painted in (a spot left of the title's text)."""
    header = pane.title.parentWidget()
    return header.grab().toImage().pixelColor(3, header.height() // 2).name()


def test_the_active_pane_title_bar_is_marked_and_follows_a_switch(qtbot, window) -> None:
    a, b = open_docs(qtbot, window, "000", "004")
    window.set_active(a)
    qtbot.wait(10)
    assert (_title_bar_colour(a), _title_bar_colour(b)) == ("#dbe7f7", "#eceff3")
    QTest.mouseClick(b.title, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    assert (_title_bar_colour(a), _title_bar_colour(b)) == ("#eceff3", "#dbe7f7")


def test_ticking_an_outline_box_does_not_jump_the_reader(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "000")
    tree = window.outline.tree
    top_before = pane.top_block()[0]
    item = window.outline.item_for("五")
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert item.checkState(0) == Qt.CheckState.Checked  # the click hit the box
    qtbot.wait(50)
    assert pane.top_block()[0] == top_before
    # a click on the text still jumps
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 80, rect.center().y()))
    qtbot.waitUntil(lambda: pane.current_section() == "五", timeout=5000)


def test_a_failed_import_leaves_the_status_bar_one_line_high(qtbot, window, tmp_path: Path) -> None:
    bar = window.statusBar()
    height = bar.height()
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    window.importing.import_files([bad])
    qtbot.waitUntil(window.is_settled, timeout=10000)
    qtbot.wait(20)
    assert window.last_box.isVisible() and "scan.txt" in window.last_box.text()
    assert "\n" not in window.status_label.text() and "scan.txt" in window.status_label.text()
    assert bar.height() == height
    assert window.panes == [] and doc(window, "000")


def test_switching_language_keeps_scroll_positions_and_highlights(qtbot, window) -> None:
    from unidoreader.core.model import BlockKind

    _search(qtbot, window, "清洁氢")
    window.search_panel.activate_hit(0)
    qtbot.waitUntil(lambda: bool(window.panes) and window.is_settled(), timeout=10000)
    hit_pane = window.panes[0]
    marks = hit_pane.highlighted_text()
    assert marks
    (other,) = open_docs(qtbot, window, "004")[1:]
    target = [b for b in other.report.blocks if b.kind is BlockKind.PARAGRAPH][30]
    window.set_active(other)
    other.scroll_to_block(target.id)
    qtbot.wait(20)
    before = [p.top_block()[0] for p in window.panes]
    window.set_language("en")
    qtbot.wait(20)
    assert [p.top_block()[0] for p in window.panes] == before
    assert hit_pane.highlighted_text() == marks
    window.set_language("zh_CN")
    qtbot.wait(20)
    assert [p.top_block()[0] for p in window.panes] == before
    assert hit_pane.highlighted_text() == marks


def test_ticked_sections_come_back_after_restart(qtbot, window, make_window) -> None:
    a, b = open_docs(qtbot, window, "000", "001")
    window.set_active(a)
    window.outline.check_item("三")
    window.set_active(b)
    window.outline.check_item("二")
    ticked = window.printing.checked_sections()
    assert len(ticked) == 2
    window.close()
    again = make_window()
    qtbot.waitUntil(lambda: len(again.panes) == 2 and again.is_settled(), timeout=20000)
    assert again.printing.checked_sections() == ticked
    again.set_active(again.panes[0])
    assert again.outline.item_for("三").checkState(0) == Qt.CheckState.Checked
