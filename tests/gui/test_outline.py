"""The outline pane: section tree of the active pane, click to scroll, follows the
scroll, checkable sections across reports, named selections."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog

from unidoreader.gui import dialogs
from tests.gui.helpers import doc, open_docs


def _texts(outline) -> list[str]:
    return [item.text(0) for item in outline.items()]


def test_outline_shows_sections_of_the_active_pane(qtbot, window) -> None:
    a, b = open_docs(qtbot, window, "000", "001")
    window.set_active(a)
    assert _texts(window.outline)[:5] == ["一. 导言", "二. 将中等收入国家定性为实现包容和可持续的工业发展的合作伙伴", "三. 该战略框架所持理据", "四. 战略目标和愿景", "A. 创造共同繁荣"]
    QTest.mouseClick(b.view.viewport(), Qt.MouseButton.LeftButton)
    assert window.active is b
    assert _texts(window.outline)[0] == "一. 背景"


def test_clicking_an_outline_entry_scrolls_the_pane(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "000")
    item = window.outline.item_for("四.C")
    tree = window.outline.tree
    tree.scrollToItem(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, tree.visualItemRect(item).center())
    assert pane.top_block()[0] == pane.report.section("四.C").heading
    assert pane.block_visible(pane.report.section("四.C").heading)


def test_current_section_follows_the_scroll(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "000")
    block = next(b for b in pane.report.blocks if b.section == "四.B" and b.label)
    pane.scroll_to_block(block.id)
    assert window.outline.current_section() == "四.B"
    assert window.outline.tree.currentItem().text(0) == "B. 增强经济竞争力"


def test_a_report_opened_at_its_cover_shows_no_section_as_read(qtbot, window) -> None:
    """The annual report opens at its title page, before its first section: the outline
    marks nothing (it marked the last section, 简称, as the one being read)."""
    board, annual = open_docs(qtbot, window, "001", "004")
    assert window.active is annual and annual.current_section() is None
    assert window.outline.current_section() is None
    assert window.outline.tree.selectedItems() == []
    first = next(b for b in annual.report.blocks if b.section)  # scrolling into 序言 marks it
    annual.scroll_to_block(first.id)
    assert window.outline.current_section() == first.section


def test_a_checked_chapter_checks_its_sections_across_reports(qtbot, window) -> None:
    a, b = open_docs(qtbot, window, "000", "001")
    window.set_active(a)
    window.outline.check_item("三")
    window.outline.check_item("四")
    assert all(window.outline.item_for(s).checkState(0) == Qt.CheckState.Checked for s in ("四.A", "四.B", "四.C", "四.D"))
    window.set_active(b)
    window.outline.check_item("三.A")
    assert window.outline.item_for("三").checkState(0) == Qt.CheckState.PartiallyChecked
    window.outline.check_item("三")
    window.set_active(a)  # checks survive switching panes
    assert window.outline.item_for("四.D").checkState(0) == Qt.CheckState.Checked
    d0, d1 = doc(window, "000"), doc(window, "001")
    assert window.printing.checked_sections() == [(d0, "三"), (d0, "四"), (d1, "三")]
    parts = window.printing.print_parts()
    assert [(p.report.id, p.section_ids) for p in parts] == [(d0, ("三", "四")), (d1, ("三",))]


def test_a_named_selection_is_saved_and_reopened_after_restart(qtbot, window, make_window, monkeypatch) -> None:
    (a,) = open_docs(qtbot, window, "000")
    window.outline.check_item("二")
    window.outline.check_item("四.B")
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("briefing", True))
    window.outline.save_button.click()
    window.close()
    again = make_window(restore=False)
    assert again.printing.checked_sections() == []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kw: ("briefing", True))
    again.outline.open_button.click()
    qtbot.waitUntil(again.is_settled, timeout=10000)
    assert again.panes and again.panes[0].doc_id == doc(again, "000")
    assert again.printing.checked_sections() == [(doc(again, "000"), "二"), (doc(again, "000"), "四.B")]
    assert again.outline.item_for("四.B").checkState(0) == Qt.CheckState.Checked
    assert again.outline.item_for("四").checkState(0) == Qt.CheckState.PartiallyChecked


def test_print_without_checked_sections_says_what_to_do(qtbot, window) -> None:
    open_docs(qtbot, window, "000")
    window.action("export_pdf").trigger()
    assert window.last_box.isVisible()
    assert "勾选" in window.last_box.text()


def test_export_pdf_of_checked_sections_from_two_reports(qtbot, window, tmp_path, monkeypatch) -> None:
    import subprocess


    a, b = open_docs(qtbot, window, "000", "001")
    window.set_active(a)
    window.outline.check_item("三")
    window.set_active(b)
    window.outline.check_item("四")
    out = tmp_path / "briefing.pdf"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *a, **k: str(out))
    window.outline.pdf_button.click()
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert str(out) in window.last_message
    text = "".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "该战略框架所持理据" in text and "需请理事会采取的行动" in text
    assert text.index("该战略框架所持理据") < text.index("需请理事会采取的行动")  # reports in pane order
    assert "创造共同繁荣" not in text  # 000's chapter 四 was not checked
