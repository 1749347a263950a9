"""The tables panel: list, sortable view, copy, CSV export, jump, totals marker."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from unidoreader.gui import dialogs
from tests.gui.helpers import open_docs


def test_tables_of_the_active_report_are_listed_and_marked(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "004")
    panel = window.tables_panel
    assert panel.list.count() == len(pane.tables) > 10
    for row, table in enumerate(pane.tables):
        text = panel.list.item(row).text()
        assert text.startswith("⚠") == (table.totals_ok is False)
    bad = [r for r, t in enumerate(pane.tables) if t.totals_ok is False]
    assert bad, "the annual report has tables whose totals do not add up"
    panel.list.setCurrentRow(bad[0])
    assert "合计数不符" in panel.caption.text()


def test_table_view_shows_cells_and_sorts_by_value(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "004")
    panel = window.tables_panel
    row = next(r for r, t in enumerate(pane.tables) if len(t.rows) >= 3 and sum(c.value is not None for c in (row[1] for row in t.rows if len(row) > 1)) >= 3)
    panel.list.setCurrentRow(row)
    table = pane.tables[row]
    assert panel.visible_rows()[0][0] == table.rows[0][0].text
    panel.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    values = [c.value for c in (r[1] for r in table.rows if len(r) > 1) if c.value is not None]
    shown = panel.visible_rows()
    assert shown[0][1].rstrip("*") == next(r[1].text for r in table.rows if len(r) > 1 and r[1].value == max(values)).rstrip("*")


def test_copy_and_export_csv(qtbot, window, tmp_path, monkeypatch) -> None:
    (pane,) = open_docs(qtbot, window, "004")
    panel = window.tables_panel
    panel.list.setCurrentRow(1)
    table = pane.tables[1]
    panel.copy_button.click()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[1].split("\t")[0] == table.rows[0][0].text
    monkeypatch.setattr(dialogs, "existing_directory", lambda *a, **k: str(tmp_path))
    panel.csv_button.click()
    files = list(tmp_path.glob("*.csv"))
    assert len(files) == 1
    data = files[0].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert table.rows[0][0].text in data.decode("utf-8-sig")
    assert str(files[0]) in window.last_message


def test_jump_to_the_table_in_the_text(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "004")
    panel = window.tables_panel
    for row in (len(pane.tables) - 1, len(pane.tables) // 2):  # tables sharing one block too
        panel.list.setCurrentRow(row)
        table = pane.tables[row]
        panel.jump_button.click()
        top = pane.view.cursorForPosition(pane.view.viewport().rect().topLeft()).position()
        shown = pane.view.document().findBlock(top).text()
        assert shown and shown in table.caption  # the table's caption heads the view


def test_every_recovered_table_is_rendered_as_a_table(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "004")
    from PySide6.QtGui import QTextCursor

    for table in pane.tables:
        cursor = QTextCursor(pane.view.document())
        cursor.setPosition(pane.map.tables[table.id])
        assert table.caption in cursor.block().text()
        cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        qtable = cursor.currentTable()
        assert qtable is not None and qtable.rows() == len(table.rows) + (1 if table.header else 0)
        label = table.rows[-1][0]
        assert qtable.cellAt(qtable.rows() - 1, 0).firstCursorPosition().block().text() == label.text + label.mark  # footnote mark kept


def test_a_report_without_tables_says_so(qtbot, window) -> None:
    open_docs(qtbot, window, "000")
    panel = window.tables_panel
    assert panel.list.count() == 0
    assert panel.empty.text() == "此报告没有表格。"


def test_a_table_opens_large_with_caption_totals_check_and_notes(qtbot, window) -> None:
    (pane,) = open_docs(qtbot, window, "004")
    panel = window.tables_panel
    wide = max(pane.tables, key=lambda t: (len(t.header), len(t.rows)))  # POR.3: seven columns
    assert len(wide.header) >= 6 and wide.notes and wide.totals_ok is False
    panel.list.setCurrentRow(pane.tables.index(wide))
    panel.large_button.click()
    (large,) = window.tables_feature.windows
    qtbot.waitUntil(large.isVisible, timeout=2000)
    qtbot.wait(20)
    view = large.view
    assert view.horizontalScrollBar().maximum() == 0 and view.verticalScrollBar().maximum() == 0  # whole, no scrolling
    shown = [[view.model().index(r, c).data() for c in range(view.model().columnCount())] for r in range(view.model().rowCount())]
    assert [cell for cell in shown[0] if cell] and len(shown) == len(wide.rows)
    assert shown[0][-1] == wide.rows[0][-1].text + (wide.rows[0][-1].mark if wide.rows[0][-1].mark and not wide.rows[0][-1].text.endswith(wide.rows[0][-1].mark) else "")
    assert large.caption.text() == wide.caption and large.windowTitle() == wide.caption
    assert "⚠" in large.totals.text()
    assert large.notes.isVisible() and wide.notes[0] in large.notes.text()
    # larger than the dock shows it
    assert large.width() > panel.view.width() * 2 and large.view.height() > panel.view.height() * 2
    # FIN.3, the table whose figures the dock hid: its figures are in view
    fin3 = next(t for t in pane.tables if t.caption.startswith("FIN.3"))
    window.tables_feature.open_large(fin3.id)
    second = window.tables_feature.windows[-1]
    qtbot.wait(20)
    last = second.view.model().columnCount() - 1
    assert second.view.columnViewportPosition(last) + second.view.columnWidth(last) <= second.view.viewport().width()
    second.close()
    qtbot.waitUntil(lambda: len(window.tables_feature.windows) == 1, timeout=2000)
