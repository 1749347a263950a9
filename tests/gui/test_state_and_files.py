"""Across restarts (panes, scroll, zoom, layout, geometry, bookmarks, notes), the UI
language, importing (menu, drop, bad files), removing, untrusted text and links."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from unidoreader.core.model import BlockKind
from unidoreader.gui import dialogs
from tests.gui.helpers import doc, open_docs

UNTRUSTED = """工业发展理事会

第九十九届会议

2030 年 11 月 25 日至 27 日，维也纳

临时议程项目 8

测试议题

  测试报告的标题

  总干事的报告

 一. 导言

1. 本报告原文含有 <script>alert("x")</script> 与 <img src="http://example.com/x.png"> 以及 &amp; 等字样。

2. 详情见 https://www.unido.org/reports 网站。
"""


def _drop(window, widget, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    where = widget.rect().center().toPointF()
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()  # the pane takes files
    event = QDropEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _import(qtbot, window, tmp_path: Path, text: str, name: str = "untrusted.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    window.importing.import_files([path])
    qtbot.waitUntil(window.is_settled, timeout=30000)
    doc_id = window.library_doc_for(name)
    assert doc_id
    return doc_id


def test_panes_scroll_zoom_and_geometry_are_restored_after_restart(qtbot, window, make_window) -> None:
    a, b = open_docs(qtbot, window, "000", "004")
    window.set_active(a)
    a.set_zoom(2)
    window.action("sync").setChecked(False)
    target = [blk for blk in b.report.blocks if blk.kind is BlockKind.PARAGRAPH][40]
    b.scroll_to_block(target.id)
    window.set_active(b)
    # within the offscreen screen (800x800): restoreGeometry fits the screen; never below the
    # window's own minimum (the docks' buttons and filters set it, and fonts change it)
    width = max(780, window.minimumSizeHint().width())
    window.resize(width, 720)
    window.splitter.setSizes([150, 250])
    sizes = window.splitter.sizes()
    window.close()

    again = make_window()
    qtbot.waitUntil(lambda: len(again.panes) == 2 and all(p.report for p in again.panes) and again.is_settled(), timeout=20000)
    qtbot.wait(20)
    assert [p.doc_id for p in again.panes] == [doc(again, "000"), doc(again, "004")]
    assert again.active is again.panes[1]
    assert again.panes[1].top_block()[0] == target.id
    assert again.panes[0].zoom == 2
    assert (again.size().width(), again.size().height()) == (width, 720)
    assert again.splitter.sizes() == sizes
    assert not again.action("sync").isChecked()


def test_bookmarks_and_notes_survive_restart(qtbot, window, make_window, monkeypatch) -> None:
    (pane,) = open_docs(qtbot, window, "001")
    block = next(b for b in pane.report.blocks if b.label == "5")
    pane.scroll_to_block(block.id)
    window.action("bookmark").trigger()
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("问一下秘书处", True))
    window.action("note").trigger()
    position = pane.map.text_start[block.id] + 2
    assert pane.tooltip_at(position) == "笔记：问一下秘书处"
    window.close()

    again = make_window(restore=False)
    again.bookmarks.fill_menu()
    titles = [a.text() for a in again.menu_bookmarks.actions()]
    mark = next(a for a in again.menu_bookmarks.actions() if a.text().startswith("5. "))
    assert block.text[:5] in mark.text(), titles
    mark.trigger()
    qtbot.waitUntil(lambda: bool(again.panes) and again.is_settled(), timeout=10000)
    reopened = again.panes[0]
    assert reopened.block_visible(block.id)
    assert reopened.tooltip_at(reopened.map.text_start[block.id] + 2) == "笔记：问一下秘书处"


def test_switching_to_english_in_preferences_persists(qtbot, window, make_window) -> None:
    assert window.menu_file.title() == "文件(&F)"
    window.set_language("en")
    assert window.menu_file.title() == "&File"
    assert window.docks["library"].windowTitle() == "Library"
    assert window.search_panel.search_button.text() == "Search"
    window.close()
    again = make_window()
    assert again.menu_file.title() == "&File"
    again.set_language("zh_CN")
    assert again.docks["outline"].windowTitle() == "大纲"


def test_importing_an_unreadable_file_says_which_and_why_and_changes_nothing(qtbot, window, tmp_path) -> None:
    before = window.library_pane.model.document_titles()
    bad = tmp_path / "扫描件 copy.txt"
    bad.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    _drop(window, window.library_pane, [bad])
    qtbot.waitUntil(window.is_settled, timeout=10000)
    box = window.last_box
    assert box.isVisible()
    assert "扫描件 copy.txt" in box.text() and "不是文本文件" in box.text()  # in the interface language
    assert window.library_pane.model.document_titles() == before


def test_import_by_menu_and_by_drop(qtbot, window, tmp_path, monkeypatch) -> None:
    first = tmp_path / "a.txt"
    first.write_text(UNTRUSTED, encoding="utf-8")
    monkeypatch.setattr(dialogs, "open_file_names", lambda *a, **k: [str(first)])
    window.action("import").trigger()
    qtbot.waitUntil(window.is_settled, timeout=30000)
    assert len(window.library_pane.model.document_titles()) == 6
    second = tmp_path / "b.txt"
    second.write_text(UNTRUSTED.replace("第九十九届", "第九十八届").replace("2030 年", "2029 年"), encoding="utf-8")
    _drop(window, window.library_pane, [second])
    qtbot.waitUntil(window.is_settled, timeout=30000)
    model = window.library_pane.model
    assert len(model.document_titles()) == 7
    sessions = [model.index(r, 0, model.index(0, 0)).data() for r in range(model.rowCount(model.index(0, 0)))]
    assert sessions[:2] == ["第99届会议", "第98届会议"]


def test_removing_a_report_closes_its_panes_and_drops_it_from_the_library(qtbot, window, monkeypatch) -> None:
    open_docs(qtbot, window, "002")
    doc_id = doc(window, "002")
    window.library_pane.select_doc(doc_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.library_pane.tree.setFocus()
    QTest.keyClick(window.library_pane.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(window.is_settled, timeout=30000)
    assert window.panes == []
    assert window.placeholder.isVisible()
    assert len(window.library_pane.model.document_titles()) == 4
    assert window.library_doc_for(doc_id) is None


def test_markup_in_a_report_is_shown_literally(qtbot, window, tmp_path) -> None:
    doc_id = _import(qtbot, window, tmp_path, UNTRUSTED)
    window.open_document(doc_id, True)
    qtbot.waitUntil(window.is_settled, timeout=10000)
    pane = window.panes[0]
    text = pane.view.toPlainText()
    assert '<script>alert("x")</script>' in text
    assert '<img src="http://example.com/x.png">' in text
    assert "&amp;" in text
    assert pane.view.document().allFormats() and "<img" not in pane.view.document().toHtml().replace("&lt;img", "")


def test_links_open_only_when_clicked_in_the_system_browser(qtbot, window, tmp_path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    doc_id = _import(qtbot, window, tmp_path, UNTRUSTED)
    window.open_document(doc_id, True)
    qtbot.waitUntil(window.is_settled, timeout=10000)
    pane = window.panes[0]
    assert opened == []
    start = pane.view.toPlainText().index("https://www.unido.org/reports")
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(start + 5)
    assert cursor.charFormat().anchorHref() == "https://www.unido.org/reports"
    # the <img src=...> in the text loads nothing: it is text (its address merely a link)
    assert not any(f.isImageFormat() for f in pane.view.document().allFormats())
    rect = pane.view.cursorRect(cursor)
    QTest.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert opened == ["https://www.unido.org/reports"]


def test_every_common_action_has_a_keyboard_shortcut(window) -> None:
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.actions()}
    for name, keys in {
        "import": "Ctrl+O", "print": "Ctrl+P", "export_pdf": "Ctrl+Shift+E", "find": "Ctrl+F", "find_next": "F3",
        "zoom_in": "Ctrl++", "zoom_out": "Ctrl+-", "zoom_reset": "Ctrl+0", "sync": "Ctrl+L", "close_pane": "Ctrl+W",
        "search": "Ctrl+Shift+F", "next_hit": "F8", "prev_hit": "Shift+F8", "bookmark": "Ctrl+D", "quit": "Ctrl+Q",
    }.items():
        assert shortcuts[name] == keys, name
    # the menus show them
    menu_actions = [a for m in (window.menu_file, window.menu_view, window.menu_search) for a in m.actions()]
    assert window.action("find") in menu_actions and window.action("next_hit") in menu_actions


def test_window_appears_before_jieba_and_whoosh_are_loaded(library_dir) -> None:
    """Building and showing the window loads neither segmentation nor the search engine
    (compare and search load theirs when first used; the index check that `start()`
    begins may load Whoosh, but on the background lane, after the window is up)."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from unidoreader.gui.app import create_window\n"
        f"w = create_window(Path({str(library_dir)!r}))\n"
        "w.show(); QApplication.processEvents()\n"
        "print('shown', w.isVisible(), 'whoosh', 'whoosh' in sys.modules)\n"
        "w.start(); QApplication.processEvents()\n"
        "print('visible', w.isVisible(), 'jieba', 'jieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "shown True whoosh False" in out.stdout, out.stderr
    assert "visible True jieba False" in out.stdout, out.stderr


def test_screenshot_command_renders_two_reports_and_a_search(library_dir, tmp_path) -> None:
    from PySide6.QtGui import QImage

    png = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "unidoreader", "gui", "--library", str(library_dir), "--open", "000", "001", "--search", "中等收入国家", "--screenshot", str(png)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1680, 1000)


def test_a_report_reopened_later_resumes_where_it_was_read(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "004")
    target = [blk for blk in pane.report.blocks if blk.kind is BlockKind.PARAGRAPH][25]
    pane.scroll_to_block(target.id)
    window.action("close_pane").trigger()
    assert window.panes == []
    (again,) = open_docs(qtbot, window, "004")
    assert again.top_block()[0] == target.id


def test_a_damaged_user_data_file_is_reported_not_silently_emptied(qtbot, library_dir, make_window) -> None:
    (library_dir / "userdata.sqlite").write_bytes(b"this is not a database" * 100)
    window = make_window()
    qtbot.waitUntil(lambda: hasattr(window, "last_box") and window.last_box.isVisible(), timeout=5000)
    assert window.last_box.windowTitle() == "您的笔记和书签"
    assert window.userdata.warnings and window.last_box.text() == window.userdata.warnings[0]
    assert any(p.name.startswith("userdata.sqlite") and p.name != "userdata.sqlite" for p in library_dir.iterdir())
