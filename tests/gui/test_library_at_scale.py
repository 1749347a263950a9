"""The library pane and the search panel as a big library needs them: filter as you
type, sort orders, group counts; search results paged, grouped or by relevance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from unidoreader.gui.rich import HTML_ROLE
from unidoreader.gui.searching import PAGE_SIZE
from tests.gui.helpers import doc


def _filter(qtbot, pane, text: str) -> list[str]:
    pane.filter.clear()
    pane.filter.insert(text)  # as typed: textChanged starts the pause timer
    qtbot.waitUntil(lambda: pane.model.filter_text == text, timeout=5000)  # applied after the typing pause
    return pane.model.document_titles()


def test_library_filter_as_you_type_by_session_year_title_and_symbol(qtbot, window) -> None:
    pane = window.library_pane
    assert _filter(qtbot, pane, "46") == ["与中等收入国家建立伙伴关系的战略框架"]  # session 46
    assert sorted(_filter(qtbot, pane, "2020")) == ["工发组织2020年年度报告", "工发组织与《2030年可持续发展议程》"]  # year 2020
    assert _filter(qtbot, pane, "第52届") == ["中等收入国家的包容可持续发展"]
    assert _filter(qtbot, pane, "年度报告") == ["工发组织2020年年度报告"]
    assert _filter(qtbot, pane, "利马 宣言") == ["《利马宣言：努力实现包容及可持续工业发展》的执行情况"]
    assert _filter(qtbot, pane, "不存在的标题") == []
    pane.filter.clear()
    pane.apply_filter()
    assert len(pane.model.document_titles()) == 5
    # the filtered-out row is found again and selectable
    pane.select_doc(doc(window, "000"))
    assert pane.selected_doc() == doc(window, "000")


def test_library_sort_orders_and_group_counts(qtbot, window) -> None:
    pane = window.library_pane
    model = pane.model
    groups = [index for index in model.groups() if index.parent().isValid()]
    assert [g.data() for g in groups][:3] == ["第52届会议", "第48届会议", "第46届会议"]
    assert all("(1)" in g.data(HTML_ROLE) for g in groups[:3])  # each session holds one report
    pane.sort.setCurrentIndex(pane.sort.findData("title"))
    titles = model.document_titles()
    body = model.index(0, 0)
    assert model.index(0, 0, body).data(Qt.ItemDataRole.UserRole + 1)  # documents directly under the body
    under_body = [model.index(r, 0, body).data() for r in range(model.rowCount(body))]
    assert under_body == sorted(under_body, key=str.casefold) and len(titles) == 5
    pane.sort.setCurrentIndex(pane.sort.findData("date"))
    years = [g.data() for g in model.groups() if g.parent().isValid()]
    assert years[:3] == ["2024", "2020", "2018"]
    # groups collapse and expand
    pane.tree.collapse(body)
    assert not pane.tree.isExpanded(body)
    pane.tree.expand(body)
    assert pane.tree.isExpanded(body)


def _search(qtbot, window, query: str) -> None:
    panel = window.search_panel
    panel.query.setText(query)
    QTest.keyClick(panel.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.running and window.is_settled(), timeout=30000)


def test_search_results_are_paged_and_grouped_or_by_relevance(qtbot, window) -> None:
    _search(qtbot, window, "的")
    panel = window.search_panel
    assert panel.total > PAGE_SIZE and len(panel.hits) == PAGE_SIZE
    first_page = [(h.doc, h.block) for h in panel.hits]
    assert f"{panel.total:,}" in panel.summary.text() and "1–100" in panel.summary.text()
    assert panel.page_next.isEnabled() and not panel.page_prev.isEnabled()
    panel.page_next.click()
    qtbot.waitUntil(lambda: not panel.running and window.is_settled(), timeout=30000)
    second_page = [(h.doc, h.block) for h in panel.hits]
    assert panel.offset == PAGE_SIZE and second_page and not set(second_page) & set(first_page)
    assert "101–" in panel.summary.text() and panel.page_prev.isEnabled()
    scores = [h.score for h in panel.hits]
    # by relevance: one list, best first, each hit with its document's title
    panel.grouping.setCurrentIndex(panel.grouping.findData(False))
    items = panel.hit_items()
    assert panel.results.topLevelItemCount() == len(items) == len(panel.hits)
    assert [i.data(0, Qt.ItemDataRole.UserRole + 1).score for i in items] == scores == sorted(scores, reverse=True)
    assert "<b>" in items[0].data(0, HTML_ROLE)
    # grouped again: documents with their hits under them
    panel.grouping.setCurrentIndex(panel.grouping.findData(True))
    assert panel.results.topLevelItemCount() == len({h.doc for h in panel.hits}) < len(panel.hits)
    panel.page_prev.click()
    qtbot.waitUntil(lambda: not panel.running and window.is_settled(), timeout=30000)
    assert [(h.doc, h.block) for h in panel.hits] == first_page
