"""One language at a time (issue 12, item 3): Qt's own dialogs and dates in Chinese, core
errors in the interface language, and English texts that fit and read right."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QStyle, QStyleOptionComboBox, QTreeView

from unidoreader.core.errors import MESSAGES
from unidoreader.gui import dialogs, errors
from tests.gui.helpers import open_docs


def _search(qtbot, window, query: str) -> None:
    panel = window.search_panel
    panel.query.setText(query)
    QTest.keyClick(panel.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.running and window.is_settled(), timeout=30000)


def test_the_file_dialog_speaks_chinese_with_chinese_dates(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "报告.txt").write_text("测试", encoding="utf-8")
    dialog = dialogs.file_dialog(window, "导入报告", str(folder), "文本文件 (*.txt)")
    dialog.open()
    qtbot.addWidget(dialog)
    look_in = dialog.findChild(QLabel, "lookInLabel")
    assert look_in.text() != "Look in:" and re.search("[\u4e00-\u9fff]", look_in.text()), look_in.text()
    buttons = [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()]
    assert not {"&Open", "Open", "Cancel", "&Cancel", "Choose", "&Choose"} & set(buttons), buttons
    assert all(re.search("[\u4e00-\u9fff]", text) for text in buttons), buttons
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 1, timeout=5000)
    date = model.index(0, dialogs.DATE_COLUMN, view.rootIndex()).data()
    assert re.match(r"^\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}$", date), date  # 2026/12/1 07:28, year first
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert all(re.search("[\u4e00-\u9fff]", h) for h in header), header
    dialog.close()


def test_an_import_error_reads_in_chinese_only(qtbot, window, tmp_path: Path) -> None:
    bad = tmp_path / "扫描件.txt"
    bad.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    window.importing.import_files([bad])
    qtbot.waitUntil(window.is_settled, timeout=10000)
    text = window.last_box.text()
    assert "未导入任何文件" in text and "扫描件.txt" in text and "不是文本文件" in text
    assert "binary" not in text and "not a text file" not in text
    window.set_language("en")
    window.importing.import_files([bad])
    qtbot.waitUntil(window.is_settled, timeout=10000)
    assert "Nothing was imported." in window.last_box.text() and "not a text file (binary content)" in window.last_box.text()


def test_every_coded_core_error_has_a_translatable_text() -> None:
    assert errors.TEMPLATES == MESSAGES  # the same English, so that the two never drift apart


def _shown_whole(combo: QComboBox) -> bool:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo)
    return field.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText())


def test_english_texts_fit_and_agree_in_number(qtbot, window) -> None:
    window.set_language("en")
    open_docs(qtbot, window, "000")
    panel = window.search_panel
    qtbot.wait(20)
    assert panel.session_filter.currentText() == "All sessions" and _shown_whole(panel.session_filter)
    assert _shown_whole(panel.year_filter) and _shown_whole(panel.lang_filter)
    _search(qtbot, window, '"清洁氢"')
    assert panel.summary.text() == "1 hit in 1 document"
    _search(qtbot, window, '"楠格哈尔"')
    n = len(panel.hits)
    assert n >= 2 and len(panel.document_counts()) == 1 and panel.summary.text() == f"{n} hits in 1 document"
    _search(qtbot, window, '"利马宣言"')
    n, docs = len(panel.hits), len(panel.document_counts())
    assert docs >= 2 and panel.summary.text() == f"{n} hits in {docs} documents"
    # the title bar: Qt adds the application's display name unless the title ends with it
    title, display = window.windowTitle(), QGuiApplication.applicationDisplayName()
    shown = title if title.endswith(display) else f"{title} — {display}"
    assert shown.count("UNIDO") == 1 and shown.endswith("UNIDO Reports Reader"), shown
    window.set_language("zh_CN")
    title, display = window.windowTitle(), QGuiApplication.applicationDisplayName()
    shown = title if title.endswith(display) else f"{title} — {display}"
    assert "UNIDO" not in shown and shown.count(QCoreApplication.translate("MainWindow", "UNIDO Reports Reader")) == 1
    assert QLocale().language() == QLocale.Language.Chinese
