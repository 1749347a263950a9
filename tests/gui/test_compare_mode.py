"""Compare mode: IDB.52's report (001) beside IDB.46's (000), scrolled by matched pairs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.helpers import doc, open_docs
from unidoreader.core.compare import compare


def _block(report, start: str) -> str:
    (block,) = [b for b in report.blocks if start in b.text]
    return block.id


@pytest.fixture
def comparing(qtbot, window):
    """001 open, then *Compare with…* 000 (its predecessor, as the dialog proposes)."""
    (pane,) = open_docs(qtbot, window, "001")
    feature = window.compare
    proposed = feature.proposed(pane.report.id)
    assert proposed is not None and proposed.id == doc(window, "000")
    with qtbot.waitSignal(feature.compared, timeout=30000):
        feature.compare_with(pane=pane, other=proposed.id)
    qtbot.waitUntil(window.is_settled, timeout=30000)
    return window, feature


def test_compare_with_opens_the_older_report_on_the_left_with_the_summary(comparing) -> None:
    window, feature = comparing
    assert [p.report.source[:3] for p in (window.splitter.widget(i) for i in range(window.splitter.count()))] == ["000", "001"]
    assert feature.old_pane.report.source.startswith("000") and feature.new_pane.report.source.startswith("001")
    expected = compare(feature.old_pane.report, feature.new_pane.report).summary()
    text = feature.panel.summary.text()
    assert f"{expected['changed']} 处修改" in text or f"{expected['changed']} changed" in text
    assert str(expected["added"]) in text and str(expected["removed"]) in text and str(expected["figures"]) in text
    # inserted text is marked in the newer pane, deleted text and removed paragraphs in the older
    assert feature.new_pane._compare_marks and feature.old_pane._compare_marks
    figures = [feature.panel.figures.topLevelItem(i) for i in range(feature.panel.figures.topLevelItemCount())]
    assert ("168 个成员国", "103个成员国") in [(item.text(1), item.text(2)) for item in figures]


def test_aligned_scrolling_follows_pairs_and_waits_across_an_insertion(qtbot, comparing) -> None:
    window, feature = comparing
    old, new = feature.old_pane, feature.new_pane
    # a matched pair far apart in number: 001's paragraph 1 is 000's paragraph 6
    new.scroll_to_block(_block(new.report, "103个成员国"))
    qtbot.waitUntil(lambda: old.top_block()[0] == _block(old.report, "168 个成员国"), timeout=5000)
    # 001's paragraph 3 is new: the older pane waits after the last pair before it
    # (001's paragraph 2 = 000's paragraph 9), and does not move while the insertion scrolls by
    new.scroll_to_block(_block(new.report, "GC.18/Res.9"))
    qtbot.waitUntil(lambda: old.top_block()[0] == _block(old.report, "根据 GC.17/Res.6 号决议赋予的任务"), timeout=5000)
    new.scroll_to_block(_block(new.report, "最新的与中等收入国家建立伙伴关系工作计划"))
    after = old.view.verticalScrollBar().value()
    new.view.verticalScrollBar().setValue(new.view.verticalScrollBar().value() + 10)
    assert old.view.verticalScrollBar().value() == after
    block_after_9 = old.report.blocks[[b.id for b in old.report.blocks].index(_block(old.report, "根据 GC.17/Res.6 号决议赋予的任务")) + 1]
    assert old.top_block()[0] == block_after_9.id


def test_next_change_walks_the_changes_in_order(qtbot, comparing) -> None:
    _window, feature = comparing
    comparison = feature.comparison
    changes = [p for p in comparison.pairs if p.is_change]
    feature.panel.next_button.click()
    assert feature.new_pane.top_block()[0] == changes[0].new[0]  # the cover, changed
    feature.panel.next_button.click()
    second = changes[1]
    side = feature.new_pane if second.new else feature.old_pane
    assert side.top_block()[0] == (second.new or second.old)[0]
    feature.panel.prev_button.click()
    assert feature.new_pane.top_block()[0] == changes[0].new[0]


def test_the_figure_list_jumps_to_the_member_count(qtbot, comparing) -> None:
    _window, feature = comparing
    tree = feature.panel.figures
    (item,) = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(1) == "168 个成员国"]
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert feature.new_pane.block_visible(_block(feature.new_pane.report, "103个成员国"))
    assert feature.old_pane.block_visible(_block(feature.old_pane.report, "168 个成员国"))
    marked = {s.cursor.selectedText() for s in feature.new_pane._compare_marks}
    assert "103个成员国" in marked


def test_screenshot_of_compare_mode(qtbot, comparing, tmp_path: Path) -> None:
    window, feature = comparing
    feature.go_to_figure(0)
    path = tmp_path / "compare.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 20_000


def test_a_changed_table_cell_is_marked_in_the_rebuilt_table(qtbot, window) -> None:
    """Next year's annual report (004) with one figure of a chart changed: the cell is marked."""
    from dataclasses import replace

    from unidoreader.core.model import block_id
    from unidoreader.gui.features.panes import tables_of

    (old_pane,) = open_docs(qtbot, window, "004")
    old = old_pane.report
    donors = old_pane.tables[0]  # 2020年工发组织方案和项目的主要供资伙伴: 全球环境基金 11.8
    block = old.block(donors.block)
    changed = replace(block, text=block.text.replace("\n11.8\n", "\n12.4\n"), lines=tuple("12.4" if line == "11.8" else line for line in block.lines))
    changed = replace(changed, id=block_id(changed.kind, changed.text, {}))
    new = replace(old, id="0" * 16, blocks=tuple(changed if b.id == block.id else b for b in old.blocks))
    new_pane = window.reading.new_pane()
    new_pane.set_report(new, tables_of(new))
    comparison = compare(old, new)
    window.compare.show(comparison, old_pane, new_pane)
    (pair,) = [p for p in comparison.pairs if p.is_change]
    assert [(f.old, f.new) for f in pair.figures if f.changed] == [("11.8", "12.4")]
    assert changed.id in new_pane.map.table_blocks  # shown as a real table, not as its text
    window.compare.go_to_figure(0)
    cells = {s.cursor.selectedText() for s in new_pane._compare_marks}
    assert "12.4" in cells and "11.8" in {s.cursor.selectedText() for s in old_pane._compare_marks}
    assert new_pane.block_visible(changed.id)


def test_compare_mode_exports_the_change_summary_and_the_figures(qtbot, comparing, tmp_path: Path) -> None:
    import csv
    import subprocess

    _window, feature = comparing
    pdf = feature.export_pdf(tmp_path / "changes.pdf")
    table = feature.export_csv(tmp_path / "figures.csv")
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "变动摘要" in text and "第五十二届" in text and "103个成员国" in text
    rows = list(csv.DictReader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert ("168 个成员国", "103个成员国") in {(r["old"], r["new"]) for r in rows}
