"""The library pane, reading panes side by side, sync scrolling, find, zoom, footnotes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from unidoreader.core.model import BlockKind
from tests.gui.helpers import doc, open_docs


def _children(model, index):
    return [model.index(r, 0, index) for r in range(model.rowCount(index))]


def test_library_groups_reports_by_body_and_session_newest_first(window) -> None:
    model = window.library_pane.model
    bodies = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert bodies[0] == "工业发展理事会"
    sessions = [i.data() for i in _children(model, model.index(0, 0))]
    assert sessions == ["第52届会议", "第48届会议", "第46届会议"]
    # each document row shows its title and a line with dates and kind
    first_doc = _children(model, _children(model, model.index(0, 0))[0])[0]
    assert first_doc.data() == "中等收入国家的包容可持续发展"
    assert "2024-11-25" in first_doc.data(Qt.ItemDataRole.UserRole + 2) and "总干事的报告" in first_doc.data(Qt.ItemDataRole.UserRole + 2)
    assert len(model.document_titles()) == 5
    assert "工发组织2020年年度报告" in model.document_titles()


def test_interface_is_chinese_by_default(window) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "文件(&F)"
    assert window.docks["library"].windowTitle() == "文库"
    assert window.search_panel.search_button.text() == "搜索"


def test_double_click_in_library_opens_report_in_a_pane(qtbot, window) -> None:
    index = window.library_pane.model.rows_for(doc(window, "000"))
    window.library_pane.tree.scrollTo(index)
    rect = window.library_pane.tree.visualRect(index)
    viewport = window.library_pane.tree.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    qtbot.waitUntil(lambda: bool(window.panes) and window.panes[0].report is not None, timeout=10000)
    pane = window.panes[0]
    assert "与中等收入国家建立伙伴关系的战略框架" in pane.title.text()
    assert "第46届会议" in pane.title.text()
    assert "一. 导言" in pane.view.toPlainText()
    assert window.windowTitle() == "与中等收入国家建立伙伴关系的战略框架 — 工发组织报告阅读器"


def test_two_reports_side_by_side_and_the_same_report_twice(qtbot, window) -> None:
    panes = open_docs(qtbot, window, "000", "001", "001")
    assert len(panes) == 3
    assert [p.doc_id for p in panes] == [doc(window, "000"), doc(window, "001"), doc(window, "001")]
    assert all(p.isVisible() for p in panes)
    xs = [p.mapTo(window, p.rect().topLeft()).x() for p in panes]
    assert xs == sorted(xs) and len(set(xs)) == 3  # next to each other
    assert "中等收入国家的包容可持续发展" in panes[2].view.toPlainText()


def test_rendered_structure_headings_numbers_items(qtbot, window) -> None:
    (pane, later) = open_docs(qtbot, window, "000", "001")
    # a paragraph whose text starts with its own number's digit still shows the number
    assert "2.\u20022019年大会第十八届会议" in later.view.toPlainText()
    text = pane.view.toPlainText()
    report = pane.report
    paragraphs = [b for b in report.blocks if b.kind is BlockKind.PARAGRAPH and b.label]
    assert paragraphs
    for block in paragraphs:
        assert f"{block.label}.\u2002{block.text[:10]}" in text
    assert "四. 战略目标和愿景" in text and "A. 创造共同繁荣" in text


def test_synchronised_scrolling_aligns_chapters_of_two_sessions(qtbot, window) -> None:
    a, b = open_docs(qtbot, window, "000", "001")
    window.set_active(a)
    chapter3 = a.report.section("三")
    a.scroll_to_block(chapter3.heading)
    qtbot.waitUntil(lambda: b.current_section() is not None and b.current_section().startswith("三"), timeout=5000)
    top, _ = b.top_block()
    assert b.report.block(top).id == b.report.section("三").heading  # 001's chapter 三 at the top
    # and back: scrolling the other pane to its chapter 二 brings 000's 二 along
    window.set_active(b)
    b.scroll_to_block(b.report.section("二").heading)
    qtbot.waitUntil(lambda: a.current_section() == "二", timeout=5000)
    assert a.top_block()[0] == a.report.section("二").heading


def test_synchronised_scrolling_off_leaves_other_pane(qtbot, window) -> None:
    a, b = open_docs(qtbot, window, "000", "001")
    window.action("sync").trigger()
    assert not window.action("sync").isChecked()
    window.set_active(a)
    before = b.view.verticalScrollBar().value()
    a.scroll_to_block(a.report.section("五").heading)
    qtbot.wait(50)
    assert b.view.verticalScrollBar().value() == before


def test_an_unrelated_report_stays_where_it_is_when_the_other_scrolls(qtbot, window) -> None:
    """The annual report beside a Board report: a jump in one must not move the other."""
    board, annual = open_docs(qtbot, window, "001", "004")
    window.set_active(board)
    before = annual.view.verticalScrollBar().value()
    board.scroll_to_block(board.report.section("三").heading)
    qtbot.wait(100)
    assert annual.view.verticalScrollBar().value() == before
    assert "004" not in window.statusBar().currentMessage()  # no "paragraph … is not in 004"


def test_a_report_with_tables_needs_no_sideways_scrolling(qtbot, window) -> None:
    """The annual report in a wide pane has no horizontal scroll bar (Qt's layout made it a
    few pixels wider than the pane, and every pane of 004 had one); in a pane narrower than
    its widest table (144 pixels: the library, outline and search panes take the rest) the
    bar is there, as it must be."""
    (pane,) = open_docs(qtbot, window, "004")
    bar = pane.view.horizontalScrollBar()
    for width, sideways in ((1680, False), (1920, False), (2400, False), (900, True)):
        window.resize(width, 900)
        qtbot.waitUntil(lambda: pane.view.document().textWidth() == pane.view.viewport().width(), timeout=5000)
        qtbot.wait(400)  # the scroll bar's range follows the layout a moment later
        assert bar.isVisibleTo(pane) is sideways, (width, bar.maximum())


def test_same_report_twice_scrolls_to_the_same_paragraph(qtbot, window) -> None:
    a, b = open_docs(qtbot, window, "004", "004")
    window.set_active(a)
    target = [blk for blk in a.report.blocks if blk.kind is BlockKind.PARAGRAPH][60]
    a.scroll_to_block(target.id, 5)
    qtbot.waitUntil(lambda: b.top_block()[0] == target.id, timeout=5000)


def test_find_in_report_with_next_and_previous(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "000")
    window.set_active(pane)
    pane.view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible()
    pane.find_edit.insert("中等收入国家")  # typed through an input method
    expected = pane.view.toPlainText().count("中等收入国家")
    assert expected > 5
    assert pane.find_count.text() == f"1/{expected}"
    first = pane.view.textCursor().selectionStart()
    QTest.keyClick(pane.find_edit, Qt.Key.Key_Return)
    assert pane.find_count.text() == f"2/{expected}"
    assert pane.view.textCursor().selectionStart() > first
    QTest.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert pane.find_count.text() == f"1/{expected}"
    assert pane.view.textCursor().selectedText() == "中等收入国家"
    pane.find_edit.insert("不存在的词")
    assert pane.find_count.text() == "无匹配"


def test_zoom_in_and_back(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "000")
    window.set_active(pane)
    size = pane.view.document().defaultFont().pointSizeF()
    window.action("zoom_in").trigger()
    window.action("zoom_in").trigger()
    assert pane.view.document().defaultFont().pointSizeF() > size
    window.action("zoom_reset").trigger()
    assert pane.view.document().defaultFont().pointSizeF() == size


def test_footnote_reference_shows_note_on_hover_and_jumps_on_click(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "001")
    note = pane.report.footnotes[0]
    block = pane.report.block(note.blocks[0])
    position = pane.map.text_start[block.id] + block.text.index("¹")
    assert pane.tooltip_at(position, "fn:1").endswith(note.text)
    cursor = pane.view.textCursor()
    cursor.setPosition(position + 1)
    assert cursor.charFormat().anchorHref() == "fn:1"
    pane.scroll_to_block(block.id)
    rect = pane.view.cursorRect(cursor)
    QTest.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() - rect.center().__class__(2, 0))
    notes_y = pane.view.document().documentLayout().blockBoundingRect(pane.view.document().findBlock(pane.map.footnotes["1"])).top()
    qtbot.waitUntil(lambda: abs(pane.view.verticalScrollBar().value() - min(notes_y, pane.view.verticalScrollBar().maximum())) < 2, timeout=3000)
