"""The search panel: streamed hits per document, highlighted snippets, filters,
activating a hit, next/previous, history and saved searches."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog

from unidoreader.gui.search_panel import HTML_ROLE
from tests.gui.helpers import doc


def _search(qtbot, window, query: str) -> None:
    panel = window.search_panel
    panel.query.setText(query)
    QTest.keyClick(panel.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.running and window.is_settled(), timeout=30000)


def test_search_lists_hits_per_document_with_marked_snippets(qtbot, window) -> None:
    _search(qtbot, window, "中等收入国家")
    panel = window.search_panel
    counts = panel.document_counts()
    assert set(counts) >= {doc(window, "000"), doc(window, "001")}
    assert sum(counts.values()) == len(panel.hits) > 10
    for i in range(panel.results.topLevelItemCount()):
        parent = panel.results.topLevelItem(i)
        assert parent.text(0).endswith(f"({parent.childCount()})")
    for item in panel.hit_items()[:10]:
        assert '中等收入国家</span>' in item.data(0, HTML_ROLE) or "中等收入国家" in item.data(0, HTML_ROLE)
        assert "background-color" in item.data(0, HTML_ROLE)
    assert str(len(panel.hits)) in panel.summary.text()


def test_activating_a_hit_opens_the_report_at_the_block_with_the_match_highlighted(qtbot, window) -> None:
    _search(qtbot, window, "清洁氢")
    panel = window.search_panel
    items = panel.hit_items()
    assert items
    tree = panel.results
    tree.scrollToItem(items[0])
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, tree.visualItemRect(items[0]).center())
    qtbot.waitUntil(lambda: bool(window.panes) and window.panes[0].report is not None, timeout=10000)
    hit = items[0].data(0, Qt.ItemDataRole.UserRole + 1)
    pane = window.panes[0]
    assert pane.doc_id == hit.doc
    assert pane.block_visible(hit.block)
    assert pane.position_visible(pane.map.text_start[hit.block] + hit.block_offsets[0][0])
    assert pane.highlighted_text() and all(t == "清洁氢" for t in pane.highlighted_text())


def test_next_and_previous_hit(qtbot, window) -> None:
    _search(qtbot, window, "工业4.0")
    panel = window.search_panel
    hits = [i.data(0, Qt.ItemDataRole.UserRole + 1) for i in panel.hit_items()]
    assert len(hits) >= 2
    QTest.keyClick(window, Qt.Key.Key_F8)
    qtbot.waitUntil(window.is_settled, timeout=10000)
    assert window.active.block_visible(hits[0].block)
    QTest.keyClick(window, Qt.Key.Key_F8)
    qtbot.waitUntil(window.is_settled, timeout=10000)
    assert window.active.doc_id == hits[1].doc and window.active.block_visible(hits[1].block)
    QTest.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.active.block_visible(hits[0].block)


def test_filters_restrict_hits_to_a_session(qtbot, window) -> None:
    panel = window.search_panel
    panel.session_filter.setCurrentIndex(panel.session_filter.findData(46))
    assert panel.session_filter.currentText() == "第46届会议"
    _search(qtbot, window, "工发组织")
    assert panel.hits and {h.doc for h in panel.hits} == {doc(window, "000")}
    panel.session_filter.setCurrentIndex(0)
    panel.doc_filter.setCurrentIndex(panel.doc_filter.findData(doc(window, "003")))
    _search(qtbot, window, "工发组织")
    assert panel.hits and {h.doc for h in panel.hits} == {doc(window, "003")}


def test_history_completes_and_saved_searches_survive_restart(qtbot, window, make_window, monkeypatch) -> None:
    _search(qtbot, window, "可持续发展目标")
    _search(qtbot, window, "技术合作")
    assert window.search_panel.history_model.stringList()[:2] == ["技术合作", "可持续发展目标"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("合作", True))
    window.search_panel._fill_saved_menu()
    window.search_panel.saved_menu.actions()[0].trigger()  # "Save this search…"
    window.close()
    again = make_window()
    panel = again.search_panel
    assert "可持续发展目标" in panel.history_model.stringList()
    completer = panel.query.completer()
    completer.setCompletionPrefix("可持续")
    assert completer.currentCompletion() == "可持续发展目标"
    panel._fill_saved_menu()
    saved = [a for a in panel.saved_menu.actions() if a.text().startswith("合作")]
    assert saved
    saved[0].trigger()
    qtbot.waitUntil(lambda: not panel.running and again.is_settled(), timeout=30000)
    assert panel.query.text() == "技术合作" and panel.hits
